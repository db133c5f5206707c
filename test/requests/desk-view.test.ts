import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { libraryIdOf, walkIn } from '../support/circulation.js';
import { insertCopies } from '../support/copies.js';
import { testDatabaseKind } from '../support/database.js';
import { allDayStaffClient, type Client, memberClient } from '../support/http.js';
import { recordOfCopy } from '../support/requests.js';

/**
 * A member at the desk asks where their inter-library requests are: the pickup library's desk
 * sees those to collect there by title (an arrived copy first) and may cancel one at the member's
 * word; those to collect elsewhere are counted by library; a desk whose library does not hold the
 * member sees nothing, and another library cannot cancel a request that is not its own.
 */
describe(`a member's inter-library requests at the desk (${testDatabaseKind})`, () => {
  let t: TestApp;
  let yonam: Client;
  let seobu: Client;
  let gyeongnam: Client;
  let tongyeong: Client;
  let member: { id: number; card: string };
  let yonamId: number;
  let gyeongnamId: number;

  beforeAll(async () => {
    t = await createTestApp({ accounts: true, start: '2026-12-01T10:00:00+09:00' });
    yonamId = await libraryIdOf(t, 'jinju-yonam-library');
    gyeongnamId = await libraryIdOf(t, 'gyeongnamdaepyo-library');
    yonam = await allDayStaffClient(t.app, 'jinju-yonam-desk');
    seobu = await allDayStaffClient(t.app, 'jinju-seobu-desk');
    gyeongnam = await allDayStaffClient(t.app, 'gyeongnamdaepyo-desk');
    tongyeong = await allDayStaffClient(t.app, 'tongyeong-city-desk');
    await insertCopies(t.db, await libraryIdOf(t, 'jinju-seobu-library'), [
      { barcode: 'RV-1', title: '연암에서 받을 책', author: '작가' },
      { barcode: 'RV-2', title: '연암에서 받을 둘째 책', author: '작가' },
      { barcode: 'RV-3', title: '경남에서 받을 책', author: '작가' },
    ]);
    member = await walkIn(yonam);
    const checkIn = await gyeongnam.post(`/api/v1/members/${member.id}/check-ins`, {
      cardNumber: member.card,
      idDocumentType: 'passport',
    });
    expect(checkIn.statusCode, checkIn.body).toBe(200);
    const portal = await memberClient(t.app, member.card, 'member password');
    for (const [barcode, pickupLibraryId] of [
      ['RV-1', yonamId],
      ['RV-2', yonamId],
      ['RV-3', gyeongnamId],
    ] as const) {
      const placed = await portal.post('/api/v1/me/requests', {
        recordId: await recordOfCopy(t.db, barcode),
        pickupLibraryId,
      });
      expect(placed.statusCode, placed.body).toBe(201);
    }
    // The second copy travels to Yonam and arrives.
    const sent = await seobu.post('/api/v1/requests/sent', { itemBarcode: 'RV-2' });
    expect(sent.statusCode, sent.body).toBe(200);
    const arrived = await yonam.post('/api/v1/requests/received', { itemBarcode: 'RV-2' });
    expect(arrived.statusCode, arrived.body).toBe(200);
  });
  afterAll(async () => t?.close());

  it('shows the requests to collect here by title, the arrived copy first, and those elsewhere by library only', async () => {
    const seen = await yonam.get(`/api/v1/members/${member.id}/requests`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json().requests).toEqual([
      expect.objectContaining({
        title: '연암에서 받을 둘째 책',
        state: 'arrived',
        itemBarcode: 'RV-2',
        pickupBy: expect.any(String),
      }),
      expect.objectContaining({
        title: '연암에서 받을 책',
        state: 'requested',
        lendingLibrary: expect.objectContaining({ nameKo: '진주시립서부도서관' }),
      }),
    ]);
    expect(seen.json().elsewhere).toEqual([
      { library: expect.objectContaining({ nameKo: '경남대표도서관' }), open: 1 },
    ]);
    expect(seen.body).not.toContain('경남에서 받을 책');
    // Gyeongnam sees its own in full, Yonam's counted.
    const there = (await gyeongnam.get(`/api/v1/members/${member.id}/requests`)).json();
    expect(there.requests.map((r: { title: string }) => r.title)).toEqual(['경남에서 받을 책']);
    expect(there.elsewhere).toEqual([
      { library: expect.objectContaining({ nameKo: '진주시립연암도서관' }), open: 2 },
    ]);
  });

  it('shows nothing to a desk whose library does not hold the member', async () => {
    const refused = await tongyeong.get(`/api/v1/members/${member.id}/requests`);
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'FORBIDDEN']);
    expect(refused.body).not.toContain('받을');
    // Seobu lends the copies, but does not hold the member: its pull list is its view.
    const lender = await seobu.get(`/api/v1/members/${member.id}/requests`);
    expect(lender.statusCode).toBe(403);
  });

  it("cancels at the member's word at the pickup library only, once under a retried key, and the arrived copy goes home", async () => {
    const [arrived] = (await yonam.get(`/api/v1/members/${member.id}/requests`)).json().requests;
    const elsewhere = await gyeongnam.post(`/api/v1/requests/${arrived.id}/cancellation`);
    expect([elsewhere.statusCode, elsewhere.json().code]).toEqual([404, 'NOT_FOUND']);
    const key = { 'idempotency-key': 'desk-cancel-1' };
    const [first, retried] = await Promise.all([
      yonam.post(`/api/v1/requests/${arrived.id}/cancellation`, undefined, key),
      yonam.post(`/api/v1/requests/${arrived.id}/cancellation`, undefined, key),
    ]);
    // Side by side, the second may be told the first is still under way (409 in-progress);
    // sent again, it gets the first one's answer.
    const answers = [first, retried].map((a) => [
      a.statusCode,
      a.json().reasons?.[0]?.params?.state,
    ]);
    expect(answers).toContainEqual([200, undefined]);
    for (const answer of answers)
      expect([
        [200, undefined],
        [409, 'in-progress'],
      ]).toContainEqual(answer);
    const resent = await yonam.post(`/api/v1/requests/${arrived.id}/cancellation`, undefined, key);
    expect(resent.statusCode, resent.body).toBe(200);
    expect(resent.json()).toMatchObject({
      id: arrived.id,
      status: 'cancelled',
      state: 'returning',
    });
    const again = await yonam.post(`/api/v1/requests/${arrived.id}/cancellation`);
    expect([again.statusCode, again.json().reasons[0].code]).toEqual([409, 'REQUEST_NOT_EXPECTED']);
    const after = (await yonam.get(`/api/v1/members/${member.id}/requests`)).json();
    expect(after.requests.map((r: { title: string }) => r.title)).toEqual(['연암에서 받을 책']);
    const home = (await yonam.get('/api/v1/requests/lists/outgoing-home')).json().requests;
    expect(home.map((r: { itemBarcode: string }) => r.itemBarcode)).toEqual(['RV-2']);
    const audit = await t.db
      .selectFrom('audit_events')
      .select(['action', 'library_id'])
      .where('action', '=', 'request.cancel')
      .execute();
    expect(audit).toEqual([{ action: 'request.cancel', library_id: yonamId }]);
  });

  it("shows the pickup shelf's member with the card's last four digits, as the hold shelf does", async () => {
    const sent = await seobu.post('/api/v1/requests/sent', { itemBarcode: 'RV-1' });
    expect(sent.statusCode, sent.body).toBe(200);
    await yonam.post('/api/v1/requests/received', { itemBarcode: 'RV-1' });
    const ready = (await yonam.get('/api/v1/requests/lists/ready')).json().requests;
    expect(ready).toEqual([
      expect.objectContaining({
        itemBarcode: 'RV-1',
        heldFor: expect.stringContaining('*'),
        cardNumberTail: member.card.slice(-4),
      }),
    ]);
  });
});
