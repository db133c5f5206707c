import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_ACTIONS } from '../../src/platform/audit-actions.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { libraryIdOf, shelve, staffIdOf, walkIn } from '../support/circulation.js';
import { testDatabaseKind } from '../support/database.js';
import { type Client, staffClient } from '../support/http.js';

interface AuditEvent {
  id: number;
  at: string;
  action: string;
  actorKind: string;
  actorName: string | null;
  libraryId: number | null;
  subjectKind: string;
  subjectName: string | null;
  details: Record<string, unknown>;
  memberPseudonym: string | null;
}
interface AuditPage {
  events: AuditEvent[];
  nextBefore: number | null;
}

describe(`the audit page's log (${testDatabaseKind})`, () => {
  let t: TestApp;
  let yonam: number;
  let seobu: number;
  let yonamAdmin: Client;
  let network: Client;
  let member: { id: number; card: string };

  const page = async (who: Client, query: string): Promise<AuditPage> => {
    const response = await who.get(`/api/v1/audit-events?${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json();
  };

  beforeAll(async () => {
    // 23:50 on 5 December in Korea: the desk's first events fall on the 5th, the rest on the 6th.
    t = await createTestApp({ accounts: true, start: '2026-12-05T23:50:00+09:00' });
    yonam = await libraryIdOf(t, 'jinju-yonam-library');
    seobu = await libraryIdOf(t, 'jinju-seobu-library');
    await shelve(t, 'jinju-yonam-library', [{ barcode: 'AU-1', title: '감사 기록의 책' }]);
    await shelve(t, 'jinju-seobu-library', [{ barcode: 'AU-2' }]);
    const desk = await staffClient(t.app, 'jinju-yonam-desk');
    yonamAdmin = await staffClient(t.app, 'jinju-yonam-admin');
    network = await staffClient(t.app, 'network-admin');
    member = await walkIn(desk);
    await desk.get(`/api/v1/members/${member.id}`);
    const neighbour = await walkIn(desk);
    await desk.get(`/api/v1/members/${neighbour.id}`);
    await desk.post('/api/v1/checkouts', { cardNumber: member.card, itemBarcode: 'AU-1' });
    // The neighbour waits for the same book.
    const held = await desk.post('/api/v1/holds', {
      cardNumber: neighbour.card,
      itemBarcode: 'AU-1',
    });
    expect(held.statusCode, held.body).toBe(201);
    t.clock.advanceMinutes(20);
    await desk.post('/api/v1/returns', { itemBarcode: 'AU-1' });
    const created = await yonamAdmin.post(`/api/v1/libraries/${yonam}/staff`, {
      username: 'yonam-evening',
      displayName: '연암 저녁 데스크',
      role: 'desk',
      password: 'a long evening desk password',
    });
    expect(created.statusCode, created.body).toBe(201);
    const seobuDesk = await staffClient(t.app, 'jinju-seobu-desk');
    await seobuDesk.post(`/api/v1/members/${member.id}/check-ins`, {
      idDocumentType: 'resident_registration_card',
      cardNumber: member.card,
    });
    const lent = await seobuDesk.post('/api/v1/checkouts', {
      cardNumber: member.card,
      itemBarcode: 'AU-2',
    });
    expect(lent.statusCode, lent.body).toBe(201);
  });
  afterAll(async () => t?.close());

  it("names who acted and what they acted on, and only the admin's own library", async () => {
    const { events } = await page(yonamAdmin, `libraryId=${yonam}`);
    expect(events.every((e) => e.libraryId === yonam)).toBe(true);
    const checkout = events.find((e) => e.action === 'loan.checked_out')!;
    expect(checkout).toMatchObject({
      actorKind: 'staff',
      actorName: '진주시립연암도서관 안내데스크',
      subjectKind: 'loan',
      subjectName: 'AU-1',
      // The copy and the title the details name by id, as a reader knows them.
      detailNames: { itemBarcode: 'AU-1', recordTitle: null },
    });
    // A hold by the title it is for.
    expect(events.find((e) => e.action === 'hold.placed')).toMatchObject({
      subjectKind: 'hold',
      subjectName: '감사 기록의 책',
      detailNames: { itemBarcode: null, recordTitle: '감사 기록의 책' },
    });
    expect(events.find((e) => e.action === 'staff.created')).toMatchObject({
      actorName: '진주시립연암도서관 관리자',
      subjectKind: 'staff',
      subjectName: '연암 저녁 데스크',
    });
    // The look at the member names no one: no name, no card number, a pseudonym.
    const look = events.find((e) => e.action === 'member.viewed')!;
    expect(look.subjectName).toBeNull();
    expect(look.memberPseudonym).toMatch(/\S/);
    expect(JSON.stringify(events)).not.toContain(member.card);
    // Seobu's checkout of the same member is seobu's, not yonam's to read.
    expect(events.some((e) => e.subjectName === 'AU-2')).toBe(false);
    expect((await yonamAdmin.get(`/api/v1/audit-events?libraryId=${seobu}`)).statusCode).toBe(403);
    expect((await yonamAdmin.get('/api/v1/audit-events')).statusCode).toBe(403);
    const all = await page(network, 'limit=500');
    expect(all.events.some((e) => e.subjectName === 'AU-2')).toBe(true);
  });

  it("shows one area's actions: the looks at members a privacy officer reviews", async () => {
    const { events } = await page(yonamAdmin, `libraryId=${yonam}&area=memberLooks`);
    // The desk's look at the record, and the look at the member's standing the checkout made.
    expect(new Set(events.map((e) => e.action))).toEqual(
      new Set(['member.viewed', 'member.status_viewed']),
    );
    const circulation = await page(yonamAdmin, `libraryId=${yonam}&area=circulation`);
    expect(circulation.events.map((e) => e.action).sort()).toEqual([
      'loan.checked_out',
      'loan.returned',
    ]);
  });

  it('shows what one staff member did', async () => {
    const admin = await page(
      yonamAdmin,
      `libraryId=${yonam}&staffId=${await staffIdOf(t, 'jinju-yonam-admin')}`,
    );
    expect(admin.events.map((e) => e.action)).toEqual(['staff.created']);
    const desk = await page(
      yonamAdmin,
      `libraryId=${yonam}&staffId=${await staffIdOf(t, 'jinju-yonam-desk')}`,
    );
    expect(new Set(desk.events.map((e) => e.actorName))).toEqual(
      new Set(['진주시립연암도서관 안내데스크']),
    );
    expect(desk.events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['member.viewed', 'loan.checked_out', 'loan.returned']),
    );
  });

  it("follows one member by the pseudonym an event shows: who looked at them, and nobody else's looks", async () => {
    const { events } = await page(yonamAdmin, `libraryId=${yonam}&area=memberLooks`);
    const pseudonyms = new Set(events.map((e) => e.memberPseudonym));
    expect(pseudonyms.size).toBe(2);
    const [first] = events;
    const followed = await page(
      yonamAdmin,
      `libraryId=${yonam}&pseudonym=${first!.memberPseudonym}`,
    );
    expect(followed.events.length).toBeGreaterThan(0);
    expect(followed.events.every((e) => e.memberPseudonym === first!.memberPseudonym)).toBe(true);
    const kept = await t.db
      .selectFrom('audit_events')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('member_pseudonym', '=', first!.memberPseudonym)
      .where('library_id', '=', yonam)
      .executeTakeFirstOrThrow();
    expect(followed.events).toHaveLength(Number(kept.n));
  });

  it('counts a period by the Korean calendar day', async () => {
    const fifth = await page(yonamAdmin, `libraryId=${yonam}&from=2026-12-05&to=2026-12-05`);
    const sixth = await page(yonamAdmin, `libraryId=${yonam}&from=2026-12-06&to=2026-12-06`);
    // 23:50 in Korea is 14:50 UTC on the 5th, and 00:10 is 15:10 UTC on the 5th: both one UTC day.
    expect(fifth.events.map((e) => e.action)).toContain('loan.checked_out');
    expect(fifth.events.map((e) => e.action)).not.toContain('loan.returned');
    expect(sixth.events.map((e) => e.action)).toEqual(
      expect.arrayContaining(['loan.returned', 'staff.created']),
    );
    expect(sixth.events.map((e) => e.action)).not.toContain('loan.checked_out');
    const refused = await yonamAdmin.get(
      `/api/v1/audit-events?libraryId=${yonam}&from=2026-12-06&to=2026-12-05`,
    );
    expect(refused.statusCode).toBe(400);
    expect(refused.json().code).toBe('VALIDATION_FAILED');
  });

  it('pages through events of the same instant without losing or repeating one', async () => {
    const whole = await page(network, 'limit=500');
    expect(whole.nextBefore).toBeNull();
    // Several events share one instant (the manual clock stands still): the id breaks the tie.
    const instants = new Set(whole.events.map((e) => e.at));
    expect(instants.size).toBeLessThan(whole.events.length);
    const seen: number[] = [];
    let before: number | null = null;
    for (let pages = 0; pages < 100; pages++) {
      const next: AuditPage = await page(network, `limit=2${before ? `&before=${before}` : ''}`);
      seen.push(...next.events.map((e) => e.id));
      before = next.nextBefore;
      if (before === null) break;
    }
    expect(seen).toEqual(whole.events.map((e) => e.id));
    expect((await network.get('/api/v1/audit-events?before=999999999')).statusCode).toBe(404);
  });

  it('has every action worded on the audit page, in Korean and English', () => {
    for (const language of ['ko', 'en']) {
      const file = new URL(`../../web/src/i18n/${language}.json`, import.meta.url);
      const labels = JSON.parse(readFileSync(file, 'utf8')).audit.action;
      // i18next reads `loan.checked_out` as a path: { loan: { checked_out: '…' } }.
      const wording = (action: string) =>
        action.split('.').reduce((node, key) => node?.[key], labels) as unknown;
      expect(AUDIT_ACTIONS.filter((action) => typeof wording(action) !== 'string')).toEqual([]);
    }
  });
});
