import { describe, expect, it } from 'vitest';
import { describeOperation, nearTheViolation, operationsBehind } from '../../crash/witnesses.js';
import type { Op } from '../../crash/workload.js';

const RUN_START = 1_000_000;

const op = (fields: Partial<Op> & Pick<Op, 'id' | 'kind'>): Op => ({
  channel: 'http',
  libraryId: 1,
  started: RUN_START + fields.id * 100,
  ended: RUN_START + fields.id * 100 + 40,
  outcome: 'acked',
  attempts: 1,
  ...fields,
});

/**
 * A crash test that fails in CI must be explainable from its printout: the operations of the
 * member, card and copy a violation is about, and none of the others.
 */
describe('the operations behind a crash test violation', () => {
  const ops: Op[] = [
    op({ id: 1, kind: 'request-place', memberId: 7, barcode: 'T-1', outcome: 'applied' }),
    op({ id: 2, kind: 'checkout', card: '29000000000023', barcode: 'B-9', loanId: 40 }),
    op({ id: 3, kind: 'request-send', memberId: 7, barcode: 'T-1', libraryId: 2 }),
    op({ id: 4, kind: 'checkout', memberId: 8, barcode: 'B-5', attempts: 3 }),
    op({ id: 5, kind: 'return', card: '29000000000023', barcode: 'B-9', ended: 0 }),
    op({ id: 6, kind: 'request-place', memberId: 7, barcode: 'T-1', requestId: 206 }),
  ];
  const ids = (violation: string) => operationsBehind(violation, ops).map((o) => o.id);

  it("finds the named operation's member or card and copy, in the order they were sent", () => {
    expect(ids('request request-send #3 of T-1: request 205 is returning')).toEqual([1, 3, 6]);
    expect(ids('http return #5 (acked): no return of B-9 in its time')).toEqual([2, 5]);
    expect(ids('requests 7:T-1: 3 in the database, 2 acknowledged and 0 unanswered')).toEqual([
      1, 3, 6,
    ]);
    expect(ids('member 8 has 6 open loans, above the network limit')).toEqual([4]);
    expect(ids('item 12 has 2 open loans')).toEqual([]);
  });

  it('describes an operation on one line, its times from the start of the run', () => {
    expect(describeOperation(ops[3]!, RUN_START)).toBe(
      '#4 http checkout at library 1, member 8, item B-5, 0.400–0.440 s, acked, 3 attempts',
    );
    expect(describeOperation(ops[4]!, RUN_START)).toBe(
      '#5 http return at library 1, card 29000000000023, item B-9, 0.500–never s, acked',
    );
    expect(describeOperation({ ...ops[0]!, code: 'ITEM_ON_LOAN' }, RUN_START)).toContain(
      'applied ITEM_ON_LOAN',
    );
  });

  it('shows the lines around the operation the violation names, at most as many as asked', () => {
    const lines = Array.from({ length: 100 }, (_, i) => `#${i + 1} http checkout`);
    const middle = nearTheViolation('http checkout #50 (acked): no loan', lines, 10);
    expect(middle).toHaveLength(10);
    expect(middle).toContain('#50 http checkout');
    expect(middle[0]).toBe('#45 http checkout');
    expect(nearTheViolation('http checkout #99 (acked): no loan', lines, 10).at(-1)).toBe(
      '#100 http checkout',
    );
    expect(nearTheViolation('item 12 has 2 open loans', lines, 10)[0]).toBe('#1 http checkout');
    expect(nearTheViolation('http checkout #5 (acked)', lines.slice(0, 3), 10)).toHaveLength(3);
  });
});
