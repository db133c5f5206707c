import { describe, expect, it } from 'vitest';
import {
  effectiveHoldRules,
  holdBanUntil,
  holdRefusals,
  maskName,
  NETWORK_HOLD_DEFAULTS,
  type PlaceHoldFacts,
  pickupUntil,
} from './domain.js';

const codes = (f: Partial<PlaceHoldFacts>) => holdRefusals({ ...BASE, ...f }).map((r) => r.code);

const BASE: PlaceHoldFacts = {
  today: '2026-12-01',
  rules: NETWORK_HOLD_DEFAULTS,
  borrowingRefusals: [],
  copies: { total: 2, loanable: 2, onShelf: 0 },
  memberHoldsHere: 0,
  alreadyHolding: false,
  alreadyBorrowing: false,
  waiting: 0,
  noShowDays: [],
};

describe('holds: the rules of rules.md "Holds"', () => {
  it('places a hold when every copy is out, and refuses with every reason that applies', () => {
    expect(codes({})).toEqual([]);
    expect(codes({ copies: { total: 2, loanable: 2, onShelf: 1 } })).toEqual(['HOLD_NOT_NEEDED']);
    expect(codes({ alreadyBorrowing: true, memberHoldsHere: 3 })).toEqual([
      'HOLD_DUPLICATE',
      'HOLD_LIMIT',
    ]);
    // 3 × 2 loanable copies.
    expect(codes({ waiting: 5 })).toEqual([]);
    expect(codes({ waiting: 6 })).toEqual(['HOLD_QUEUE_FULL']);
    expect(codes({ copies: { total: 0, loanable: 0, onShelf: 0 } })).toEqual(['ITEM_UNKNOWN']);
    expect(codes({ copies: { total: 1, loanable: 0, onShelf: 0 } })).toEqual(['ITEM_NOT_LOANABLE']);
  });

  it('keeps the borrowing refusals but not the loan limits', () => {
    expect(
      codes({
        borrowingRefusals: [
          { code: 'CHECK_IN_REQUIRED' },
          { code: 'MEMBER_SUSPENDED' },
          { code: 'LIBRARY_LOAN_LIMIT' },
          { code: 'NETWORK_LOAN_LIMIT' },
        ],
      }),
    ).toEqual(['CHECK_IN_REQUIRED', 'MEMBER_SUSPENDED']);
  });

  it('bans holds for 30 days after the third no-show within 30 days', () => {
    const rules = NETWORK_HOLD_DEFAULTS;
    expect(holdBanUntil(['2026-11-01', '2026-11-20'], rules)).toBeNull();
    expect(holdBanUntil(['2026-11-01', '2026-11-20', '2026-11-30'], rules)).toBe('2026-12-29');
    // The first is 30 days before the third: out of the window.
    expect(holdBanUntil(['2026-10-31', '2026-11-20', '2026-11-30'], rules)).toBeNull();
    const banned = codes({ noShowDays: ['2026-11-01', '2026-11-20', '2026-11-30'] });
    expect(banned).toEqual(['HOLD_BANNED']);
    expect(
      codes({ today: '2026-12-30', noShowDays: ['2026-11-01', '2026-11-20', '2026-11-30'] }),
    ).toEqual([]);
  });

  it('keeps a copy three open days after the day it is set aside', () => {
    // Closed on Mondays; Tuesday 1 December 2026: Wed, Thu, Fri.
    const calendar = { closedWeekdays: [1] as const, holidays: new Set<string>() };
    expect(pickupUntil('2026-12-01', 3, calendar)).toBe('2026-12-04');
    // Saturday 5th: Sun, (Mon closed), Tue, Wed.
    expect(pickupUntil('2026-12-05', 3, calendar)).toBe('2026-12-09');
    expect(pickupUntil('2026-12-05', 3, { ...calendar, holidays: new Set(['2026-12-08']) })).toBe(
      '2026-12-10',
    );
  });

  it('lets a library lower the network rules, never raise them', () => {
    const rules = effectiveHoldRules(NETWORK_HOLD_DEFAULTS, {
      holdLimit: 1,
      queuePerCopy: 9,
      pickupDays: null,
    });
    expect(rules).toMatchObject({ holdLimit: 1, queuePerCopy: 3, pickupDays: 3 });
  });

  it('masks a name for the desk', () => {
    expect(maskName('홍길동')).toBe('홍*동');
    expect(maskName('김철')).toBe('김*');
    expect(maskName('남궁민수')).toBe('남**수');
    expect(maskName(null)).toBe('*');
  });
});
