import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { shelve, walkIn } from '../support/circulation.js';
import { testDatabaseKind } from '../support/database.js';
import { allDayStaffClient, type Client } from '../support/http.js';

const GN = 'gyeongnamdaepyo-library';

interface PutBack {
  itemId: number;
  itemBarcode: string;
  title: string;
  reason: string;
}

/**
 * A copy on the hold shelf whose hold ends without a loan, with nobody next in line, is on the
 * open shelf to the system: the desk's put-back list says to take it off the hold shelf, until a
 * desk of its library puts it back (or it is lent or set aside again).
 */
describe(`the hold shelf's put-back list (${testDatabaseKind})`, () => {
  let t: TestApp;
  let desk: Client;
  let yonamDesk: Client;
  beforeAll(async () => {
    t = await createTestApp({ accounts: true, start: '2026-12-01T10:00:00+09:00' });
    desk = await allDayStaffClient(t.app, 'gyeongnamdaepyo-desk');
    yonamDesk = await allDayStaffClient(t.app, 'jinju-yonam-desk');
    await shelve(t, GN, [
      { barcode: 'PB-C', title: '취소된 예약의 책' },
      { barcode: 'PB-N', title: '다음 사람의 책' },
      { barcode: 'PB-E', title: '찾아가지 않은 책' },
      { barcode: 'PB-W', title: '탈퇴한 회원의 책' },
    ]);
  });
  afterAll(async () => t?.close());

  const shelf = async (at: Client = desk) => {
    const answer = await at.get('/api/v1/hold-shelf');
    expect(answer.statusCode, answer.body).toBe(200);
    return answer.json() as { holds: { id: number; itemBarcode: string }[]; putBack: PutBack[] };
  };

  /** The copy lent, held by each holder in turn, and returned: set aside for the first. */
  async function setAside(barcode: string, holders: number) {
    const borrower = await walkIn(desk);
    const lent = await desk.post('/api/v1/checkouts', {
      cardNumber: borrower.card,
      itemBarcode: barcode,
    });
    expect(lent.statusCode, lent.body).toBe(201);
    const line = [];
    for (let i = 0; i < holders; i++) {
      const holder = await walkIn(desk);
      const held = await desk.post('/api/v1/holds', {
        cardNumber: holder.card,
        itemBarcode: barcode,
      });
      expect(held.statusCode, held.body).toBe(201);
      line.push({ ...holder, holdId: held.json().id as number });
    }
    const returned = await desk.post('/api/v1/returns', { itemBarcode: barcode });
    expect(returned.json().heldFor).toBeTruthy();
    return line;
  }

  it('lists a cancelled hold’s copy to put back, for its own library only, until a desk there puts it back', async () => {
    const [holder] = await setAside('PB-C', 1);
    expect((await shelf()).holds.map((h) => h.itemBarcode)).toContain('PB-C');
    const cancelled = await desk.post(`/api/v1/holds/${holder!.holdId}/cancellation`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const after = await shelf();
    expect(after.holds.map((h) => h.itemBarcode)).not.toContain('PB-C');
    expect(after.putBack).toEqual([
      expect.objectContaining({
        itemBarcode: 'PB-C',
        title: '취소된 예약의 책',
        reason: 'cancelled',
      }),
    ]);
    const { itemId } = after.putBack[0]!;
    expect((await shelf(yonamDesk)).putBack).toEqual([]);
    const elsewhere = await yonamDesk.post(`/api/v1/hold-shelf/put-back/${itemId}`);
    expect([elsewhere.statusCode, elsewhere.json().code]).toEqual([404, 'NOT_FOUND']);
    const putBack = await desk.post(`/api/v1/hold-shelf/put-back/${itemId}`);
    expect(putBack.statusCode, putBack.body).toBe(204);
    expect((await shelf()).putBack).toEqual([]);
    const again = await desk.post(`/api/v1/hold-shelf/put-back/${itemId}`);
    expect([again.statusCode, again.json().code]).toEqual([404, 'NOT_FOUND']);
  });

  it('does not list a copy that goes to the next in line: it stays on the hold shelf', async () => {
    const [first] = await setAside('PB-N', 2);
    const cancelled = await desk.post(`/api/v1/holds/${first!.holdId}/cancellation`);
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    const after = await shelf();
    expect(after.holds.map((h) => h.itemBarcode)).toContain('PB-N');
    expect(after.putBack.map((p) => p.itemBarcode)).not.toContain('PB-N');
  });

  it('lists the copy of a window that ended (a no-show) when the desk opens the shelf', async () => {
    await setAside('PB-E', 1);
    t.clock.advanceDays(10);
    const after = await shelf();
    expect(after.holds.map((h) => h.itemBarcode)).not.toContain('PB-E');
    // PB-N's second holder did not come either: both windows ended the same day.
    expect(after.putBack.map((p) => [p.itemBarcode, p.reason])).toEqual([
      ['PB-N', 'expired'],
      ['PB-E', 'expired'],
    ]);
  });

  it("lists a withdrawn member's set-aside copy, and drops it from the list once it is lent", async () => {
    const [holder] = await setAside('PB-W', 1);
    const withdrawn = await desk.post(`/api/v1/members/${holder!.id}/withdrawal`);
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    expect((await shelf()).putBack).toContainEqual(
      expect.objectContaining({ itemBarcode: 'PB-W', reason: 'withdrawn' }),
    );
    const reader = await walkIn(desk);
    const lent = await desk.post('/api/v1/checkouts', {
      cardNumber: reader.card,
      itemBarcode: 'PB-W',
    });
    expect(lent.statusCode, lent.body).toBe(201);
    expect((await shelf()).putBack.map((p) => p.itemBarcode)).toEqual(['PB-N', 'PB-E']);
    const rows = await t.db.selectFrom('put_back_copies').select('item_id').execute();
    expect(rows).toHaveLength(2);
  });

  it('takes a listed copy off the list when its own library scans it for return, and says why', async () => {
    const returnOf = async (at: Client, itemBarcode: string) => {
      const answer = await at.post('/api/v1/returns', { itemBarcode });
      const problem = answer.json();
      return { status: answer.statusCode, code: problem.code, reason: problem.reasons?.[0] };
    };
    const astray = await returnOf(yonamDesk, 'PB-E');
    expect([astray.status, astray.code]).toEqual([404, 'ITEM_UNKNOWN']);
    expect((await shelf()).putBack.map((p) => p.itemBarcode)).toEqual(['PB-N', 'PB-E']);

    const scanned = await returnOf(desk, 'PB-E');
    expect([scanned.status, scanned.code]).toEqual([409, 'ITEM_NOT_ON_LOAN']);
    expect(scanned.reason.params).toEqual({ title: '찾아가지 않은 책', putBack: 'expired' });
    expect(scanned.reason.sentences.ko).toBe(
      '예약한 회원이 기한 안에 찾아가지 않아 서가로 돌려놓을 자료입니다: 《찾아가지 않은 책》. ‘서가로 돌려놓을 책’ 목록에서 뺐습니다.',
    );
    expect((await shelf()).putBack.map((p) => p.itemBarcode)).toEqual(['PB-N']);

    const again = await returnOf(desk, 'PB-E');
    expect([again.code, again.reason.params]).toEqual(['ITEM_NOT_ON_LOAN', undefined]);
  });
});
