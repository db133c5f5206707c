import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../support/app.js';
import { shelve, walkIn } from '../support/circulation.js';
import { testDatabaseKind } from '../support/database.js';
import { allDayStaffClient, type Client } from '../support/http.js';

/**
 * A member at the desk asks what they have on hold: the desk sees the member's holds at its
 * library with their titles (and may cancel one), those at other libraries as counts by library
 * only — as it sees other libraries' loans by library and due date — and nothing at all of a
 * member its library does not hold.
 */
describe(`a member's holds at the desk (${testDatabaseKind})`, () => {
  let t: TestApp;
  let gyeongnam: Client;
  let yonam: Client;
  let tongyeong: Client;
  let member: { id: number; card: string };

  beforeAll(async () => {
    t = await createTestApp({ accounts: true, start: '2026-12-01T10:00:00+09:00' });
    gyeongnam = await allDayStaffClient(t.app, 'gyeongnamdaepyo-desk');
    yonam = await allDayStaffClient(t.app, 'jinju-yonam-desk');
    tongyeong = await allDayStaffClient(t.app, 'tongyeong-city-desk');
    await shelve(t, 'gyeongnamdaepyo-library', [
      { barcode: 'DV-GN', title: '경남에서 기다리는 책' },
    ]);
    await shelve(t, 'jinju-yonam-library', [{ barcode: 'DV-YN', title: '연암에서 기다리는 책' }]);
    member = await walkIn(gyeongnam);
    const checkIn = await yonam.post(`/api/v1/members/${member.id}/check-ins`, {
      cardNumber: member.card,
      idDocumentType: 'passport',
    });
    expect(checkIn.statusCode, checkIn.body).toBe(200);
    // Another member has both copies: the member waits for each.
    const borrower = await walkIn(gyeongnam);
    await yonam.post(`/api/v1/members/${borrower.id}/check-ins`, {
      cardNumber: borrower.card,
      idDocumentType: 'passport',
    });
    for (const [desk, barcode] of [
      [gyeongnam, 'DV-GN'],
      [yonam, 'DV-YN'],
    ] as const) {
      const lent = await desk.post('/api/v1/checkouts', {
        cardNumber: borrower.card,
        itemBarcode: barcode,
      });
      expect(lent.statusCode, lent.body).toBe(201);
      const held = await desk.post('/api/v1/holds', {
        cardNumber: member.card,
        itemBarcode: barcode,
      });
      expect(held.statusCode, held.body).toBe(201);
    }
  });
  afterAll(async () => t?.close());

  it('shows the holds here by title and place in line, and those elsewhere by library only', async () => {
    const seen = await gyeongnam.get(`/api/v1/members/${member.id}/holds`);
    expect(seen.statusCode, seen.body).toBe(200);
    expect(seen.json().holds).toEqual([
      expect.objectContaining({
        state: 'waiting',
        title: '경남에서 기다리는 책',
        position: 1,
        library: expect.objectContaining({ nameKo: '경남대표도서관' }),
      }),
    ]);
    expect(seen.json().elsewhere).toEqual([
      {
        library: expect.objectContaining({ nameKo: '진주시립연암도서관' }),
        waiting: 1,
        ready: 0,
      },
    ]);
    expect(seen.body).not.toContain('연암에서 기다리는 책');
  });

  it('shows nothing to a desk whose library does not hold the member', async () => {
    const refused = await tongyeong.get(`/api/v1/members/${member.id}/holds`);
    expect([refused.statusCode, refused.json().code]).toEqual([403, 'FORBIDDEN']);
    expect(refused.body).not.toContain('기다리는 책');
  });

  it('cancels a hold here at the member’s word, and lists it no more', async () => {
    const [hold] = (await gyeongnam.get(`/api/v1/members/${member.id}/holds`)).json().holds;
    const cancelled = await gyeongnam.post(`/api/v1/holds/${hold.id}/cancellation`);
    expect(cancelled.json()).toMatchObject({ state: 'cancelled' });
    const after = (await gyeongnam.get(`/api/v1/members/${member.id}/holds`)).json();
    expect(after.holds).toEqual([]);
    expect(after.elsewhere).toHaveLength(1);
    // Yonam's hold is Yonam's to cancel.
    const yonamHolds = (await yonam.get(`/api/v1/members/${member.id}/holds`)).json();
    expect(yonamHolds.holds.map((h: { title: string }) => h.title)).toEqual([
      '연암에서 기다리는 책',
    ]);
    expect(yonamHolds.elsewhere).toEqual([]);
  });
});
