import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expireHolds } from '../../src/modules/holds/index.js';
import {
  cancelRequest,
  placeRequest,
  receiveByScan,
  sendByScan,
} from '../../src/modules/requests/requests.js';
import { summarize } from '../../src/modules/statistics/statistics.js';
import type { StaffActor } from '../../src/platform/auth/actor.js';
import { demoCardNumber } from '../../src/seed/demo-accounts.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { libraryIdOf, shelve, walkIn } from '../support/circulation.js';
import { insertCopies } from '../support/copies.js';
import { testDatabaseKind } from '../support/database.js';
import { allDayStaffClient, type Client, memberClient } from '../support/http.js';
import { recordOfCopy } from '../support/requests.js';

interface Statistics {
  from: string;
  to: string;
  scope: { kind: string; library?: { id: number; nameKo: string } };
  totals: {
    loans: number;
    toOtherLibraryMembers: number;
    toHomeMembers: number;
    unknownHome: number;
    shareToOtherLibraryMembers: number | null;
    suspensionsStarted: number;
  };
  loansPerDay: { date: string; loans: number }[];
  loansPerLibrary: {
    library: { id: number; nameKo: string };
    loans: number;
    toOtherLibraryMembers: number;
  }[];
  suspensionsPerDay: { date: string; started: number }[];
}

/** The desks and admins the statistics are read and made by, signed in for the whole test. */
async function clientsOf(t: TestApp) {
  return {
    gnDesk: await allDayStaffClient(t.app, 'gyeongnamdaepyo-desk'),
    yonamDesk: await allDayStaffClient(t.app, 'jinju-yonam-desk'),
    networkAdmin: await allDayStaffClient(t.app, 'network-admin'),
    yonamAdmin: await allDayStaffClient(t.app, 'jinju-yonam-admin'),
  };
}

describe(`statistics over HTTP (${testDatabaseKind})`, () => {
  let t: TestApp;
  let gnDesk: Client;
  let yonamDesk: Client;
  let networkAdmin: Client;
  let yonamAdmin: Client;
  let gn: number;
  let yonam: number;

  beforeAll(async () => {
    // Tuesday 1 December 2026, 10:00 in Seoul.
    t = await createTestApp({ accounts: true, start: '2026-12-01T10:00:00+09:00' });
    ({ gnDesk, yonamDesk, networkAdmin, yonamAdmin } = await clientsOf(t));
    gn = await libraryIdOf(t, 'gyeongnamdaepyo-library');
    yonam = await libraryIdOf(t, 'jinju-yonam-library');
    await shelve(
      t,
      'gyeongnamdaepyo-library',
      Array.from({ length: 6 }, (_, i) => ({ barcode: `GS${i}` })),
    );
    await shelve(t, 'jinju-yonam-library', [{ barcode: 'YS0' }, { barcode: 'YS1' }]);

    // 1 Dec: two loans at Gyeongnamdaepyo to its own member 김민준 (card 1).
    const minjun = demoCardNumber(1);
    for (const barcode of ['GS0', 'GS1']) {
      const r = await gnDesk.post('/api/v1/checkouts', {
        cardNumber: minjun,
        itemBarcode: barcode,
      });
      expect(r.statusCode).toBe(201);
    }
    // 1 Dec: 김민준 (home Gyeongnamdaepyo, checked in at Jinju Yonam) borrows at Jinju Yonam.
    expect(
      (await yonamDesk.post('/api/v1/checkouts', { cardNumber: minjun, itemBarcode: 'YS0' }))
        .statusCode,
    ).toBe(201);
    // 3 Dec: a walk-in at Gyeongnamdaepyo, who turns history off and later returns late.
    t.clock.setBusinessDate('2026-12-03');
    const walker = await walkIn(gnDesk);
    expect(
      (await gnDesk.post('/api/v1/checkouts', { cardNumber: walker.card, itemBarcode: 'GS2' }))
        .statusCode,
    ).toBe(201);
    const walkerPortal = await memberClient(t.app, walker.card, 'member password');
    expect((await walkerPortal.put('/api/v1/me/loan-history', { enabled: false })).statusCode).toBe(
      200,
    );

    // 20 Dec: everything comes back, the loans of 1 Dec (due 15 Dec) 5 days late, GS2 (due 17 Dec) 3.
    t.clock.setBusinessDate('2026-12-20');
    for (const barcode of ['GS0', 'GS1', 'GS2']) {
      expect((await gnDesk.post('/api/v1/returns', { itemBarcode: barcode })).statusCode).toBe(200);
    }
    expect((await yonamDesk.post('/api/v1/returns', { itemBarcode: 'YS0' })).statusCode).toBe(200);
  });
  afterAll(async () => t?.close());

  const stats = async (client: Client, query: string) => {
    const response = await client.get(`/api/v1/statistics${query}`);
    return { status: response.statusCode, body: response.json() as Statistics };
  };

  it('gives the network admin loans per day and per library, the share lent to other libraries’ members, and suspensions', async () => {
    const { status, body } = await stats(networkAdmin, '?from=2026-12-01&to=2026-12-20');
    expect(status).toBe(200);
    expect(body.scope).toEqual({ kind: 'network' });
    expect(body.loansPerDay).toHaveLength(20);
    expect(body.loansPerDay[0]).toEqual({ date: '2026-12-01', loans: 3 });
    expect(body.loansPerDay[1]).toEqual({ date: '2026-12-02', loans: 0 });
    expect(body.loansPerDay[2]).toEqual({ date: '2026-12-03', loans: 1 });
    expect(body.totals).toEqual({
      loans: 4,
      toOtherLibraryMembers: 1,
      // The walk-in switched history off: the late return is kept (it caused a suspension).
      toHomeMembers: 3,
      unknownHome: 0,
      shareToOtherLibraryMembers: 0.25,
      suspensionsStarted: 4,
    });
    expect(body.suspensionsPerDay.find((d) => d.date === '2026-12-20')).toEqual({
      date: '2026-12-20',
      started: 4,
    });
    expect(body.loansPerLibrary[0]).toMatchObject({
      library: { id: gn, nameKo: '경남대표도서관' },
      loans: 3,
      toOtherLibraryMembers: 0,
    });
    expect(body.loansPerLibrary[1]).toMatchObject({
      library: { id: yonam },
      loans: 1,
      toOtherLibraryMembers: 1,
    });
    // Every participating library is listed, the ones without loans too.
    expect(body.loansPerLibrary).toHaveLength(29);
    expect(body.loansPerLibrary.at(-1)?.loans).toBe(0);
  });

  it('counts loans detached from their member under the home library they kept', async () => {
    // Deleting history detaches returned loans except the one behind a running suspension; the
    // loans keep the member's home library (issue 14), so the figures do not change.
    t.clock.setBusinessDate('2027-01-10');
    const before = (await stats(networkAdmin, '?from=2026-12-01&to=2026-12-20')).body;
    const minjun = await memberClient(t.app, demoCardNumber(1));
    expect((await minjun.request('DELETE', '/api/v1/me/loan-history')).statusCode).toBe(200);
    const detached = await t.db
      .selectFrom('loans')
      .select('id')
      .where('member_id', 'is', null)
      .execute();
    expect(detached.length).toBeGreaterThan(0);
    const { body } = await stats(networkAdmin, '?from=2026-12-01&to=2026-12-20');
    expect(body.totals.loans).toBe(4);
    expect(body.totals.unknownHome).toBe(0);
    expect(body.totals).toEqual(before.totals);
  });

  it('gives a library admin their own library, and the network admin one library on request', async () => {
    const own = await stats(yonamAdmin, '?from=2026-12-01&to=2026-12-20');
    expect(own.status).toBe(200);
    expect(own.body.scope).toMatchObject({ kind: 'library', library: { id: yonam } });
    expect(own.body.totals.loans).toBe(1);
    expect(own.body.loansPerLibrary).toHaveLength(1);
    expect(own.body.totals.suspensionsStarted).toBe(1);

    const one = await stats(networkAdmin, `?from=2026-12-01&to=2026-12-20&libraryId=${gn}`);
    expect(one.body.scope).toMatchObject({ kind: 'library', library: { id: gn } });
    expect(one.body.totals.loans).toBe(3);
  });

  it('defaults to the 30 days that end today', async () => {
    t.clock.setBusinessDate('2026-12-20');
    const { body } = await stats(networkAdmin, '');
    expect(body.to).toBe('2026-12-20');
    expect(body.from).toBe('2026-11-21');
    expect(body.loansPerDay).toHaveLength(30);
  });

  it('refuses desk staff, members, other libraries and bad periods with problem documents', async () => {
    expect((await stats(yonamDesk, '')).body).toMatchObject({ code: 'FORBIDDEN' });
    expect((await stats(yonamAdmin, `?libraryId=${gn}`)).body).toMatchObject({
      code: 'FORBIDDEN',
    });
    const member = await memberClient(t.app, demoCardNumber(2));
    expect((await stats(member, '')).status).toBe(403);
    const anonymous = await t.app.inject({ method: 'GET', url: '/api/v1/statistics' });
    expect(anonymous.json()).toMatchObject({ code: 'UNAUTHENTICATED' });

    const reversed = await stats(networkAdmin, '?from=2026-12-20&to=2026-12-01');
    expect(reversed.status).toBe(400);
    expect(reversed.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    const tooLong = await stats(networkAdmin, '?from=2025-01-01&to=2026-12-01');
    expect(tooLong.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    const impossible = await stats(networkAdmin, '?from=2026-02-30');
    expect(impossible.body).toMatchObject({ code: 'VALIDATION_FAILED' });
    const unknown = await stats(networkAdmin, '?libraryId=99999');
    expect(unknown.body).toMatchObject({ code: 'NOT_FOUND' });
  });

  it('is in the OpenAPI document', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    expect(
      doc.paths['/api/v1/statistics'].get.parameters.map((p: { name: string }) => p.name),
    ).toEqual(expect.arrayContaining(['from', 'to', 'libraryId']));
  });
});

describe(`statistics of members joined and withdrawn (${testDatabaseKind})`, () => {
  let t: TestApp;
  let gnDesk: Client;
  let yonamDesk: Client;
  let networkAdmin: Client;
  let yonamAdmin: Client;
  let gn: number;
  beforeAll(async () => {
    t = await createTestApp({ accounts: true, start: '2026-12-01T10:00:00+09:00' });
    ({ gnDesk, yonamDesk, networkAdmin, yonamAdmin } = await clientsOf(t));
    gn = await libraryIdOf(t, 'gyeongnamdaepyo-library');
    // 2 Dec: two join at Gyeongnamdaepyo, one at Jinju Yonam.
    t.clock.setBusinessDate('2026-12-02');
    const leaving = await walkIn(gnDesk);
    await walkIn(gnDesk);
    await walkIn(yonamDesk);
    // 4 Dec: one of them withdraws (the row stays, without the personal data).
    t.clock.setBusinessDate('2026-12-04');
    const withdrawn = await gnDesk.post(`/api/v1/members/${leaving.id}/withdrawal`);
    expect(withdrawn.statusCode, withdrawn.body).toBe(200);
    // 23:50 on 5 Dec in Seoul is inside the period; 00:10 on 6 Dec (15:10 UTC on the 5th) is not.
    t.clock.set('2026-12-05T23:50:00+09:00');
    await walkIn(gnDesk);
    t.clock.set('2026-12-06T00:10:00+09:00');
    await walkIn(gnDesk);
  });
  afterAll(async () => t?.close());

  const members = async (client: Client, query: string) => {
    const response = await client.get(`/api/v1/statistics?from=2026-12-02&to=2026-12-05${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().members as { joined: number; withdrawn: number };
  };

  it('counts the network’s, one library’s by home library, and a library admin’s own', async () => {
    expect(await members(networkAdmin, '')).toEqual({ joined: 4, withdrawn: 1 });
    expect(await members(networkAdmin, `&libraryId=${gn}`)).toEqual({ joined: 3, withdrawn: 1 });
    expect(await members(yonamAdmin, '')).toEqual({ joined: 1, withdrawn: 0 });
  });

  it('counts them on the Korean calendar day they joined or withdrew, and by month', async () => {
    const response = await networkAdmin.get('/api/v1/statistics?from=2026-11-30&to=2026-12-06');
    const { membersPerDay, loansPerMonth } = response.json();
    expect(membersPerDay).toEqual([
      { date: '2026-11-30', joined: 0, withdrawn: 0 },
      // The demo's three verified members, on the day the test's network starts.
      { date: '2026-12-01', joined: 3, withdrawn: 0 },
      { date: '2026-12-02', joined: 3, withdrawn: 0 },
      { date: '2026-12-03', joined: 0, withdrawn: 0 },
      { date: '2026-12-04', joined: 0, withdrawn: 1 },
      // 23:50 on the 5th and 00:10 on the 6th in Seoul: 14:50 and 15:10 UTC, both on the 5th.
      { date: '2026-12-05', joined: 1, withdrawn: 0 },
      { date: '2026-12-06', joined: 1, withdrawn: 0 },
    ]);
    expect(
      loansPerMonth.map((m: Record<string, unknown>) => [
        m.month,
        m.membersJoined,
        m.membersWithdrawn,
      ]),
    ).toEqual([
      ['2026-11', 0, 0],
      ['2026-12', 8, 1],
    ]);
  });
});

describe(`statistics of inter-library requests (${testDatabaseKind})`, () => {
  let t: TestApp;
  let networkAdmin: Client;
  let yonamAdmin: Client;
  let seobu: number;
  beforeAll(async () => {
    t = await createTestApp({ accounts: true, start: '2026-12-01T10:00:00+09:00' });
    const clients = await clientsOf(t);
    ({ networkAdmin, yonamAdmin } = clients);
    const { yonamDesk } = clients;
    // Jinju Yonam's members ask for Jinju Seobu's books, picked up at Jinju Yonam.
    const yonam = await libraryIdOf(t, 'jinju-yonam-library');
    seobu = await libraryIdOf(t, 'jinju-seobu-library');
    await insertCopies(
      t.db,
      seobu,
      ['ST-1', 'ST-2', 'ST-3'].map((barcode) => ({ barcode, title: `상호대차 통계 ${barcode}` })),
    );
    const desk = (libraryId: number): StaffActor => ({
      kind: 'staff',
      staffId: 1,
      libraryId,
      role: 'desk',
    });
    const members = [await walkIn(yonamDesk), await walkIn(yonamDesk), await walkIn(yonamDesk)];
    const ask = async (n: number, barcode: string) =>
      placeRequest(
        t.context,
        { kind: 'member', memberId: members[n]!.id },
        { recordId: await recordOfCopy(t.db, barcode), pickupLibraryId: yonam },
      );
    // 2 Dec: three requests. 3 Dec: two copies sent, the third request cancelled.
    t.clock.setBusinessDate('2026-12-02');
    await ask(0, 'ST-1');
    await ask(1, 'ST-2');
    const third = await ask(2, 'ST-3');
    t.clock.setBusinessDate('2026-12-03');
    await sendByScan(t.context, desk(seobu), { itemBarcode: 'ST-1' });
    await sendByScan(t.context, desk(seobu), { itemBarcode: 'ST-2' });
    await cancelRequest(t.context, { kind: 'member', memberId: members[2]!.id }, third.id);
    // 4 Dec: the first arrives and is collected; the second only on the 6th, after the period.
    t.clock.setBusinessDate('2026-12-04');
    await receiveByScan(t.context, desk(yonam), { itemBarcode: 'ST-1' });
    const collected = await yonamDesk.post('/api/v1/checkouts', {
      cardNumber: members[0]!.card,
      itemBarcode: 'ST-1',
    });
    expect(collected.statusCode, collected.body).toBe(201);
    t.clock.setBusinessDate('2026-12-06');
    await receiveByScan(t.context, desk(yonam), { itemBarcode: 'ST-2' });
    const late = await yonamDesk.post('/api/v1/checkouts', {
      cardNumber: members[1]!.card,
      itemBarcode: 'ST-2',
    });
    expect(late.statusCode, late.body).toBe(201);
  });
  afterAll(async () => t?.close());

  const requests = async (client: Client, query: string) => {
    const response = await client.get(`/api/v1/statistics?from=2026-12-02&to=2026-12-05${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().requests;
  };

  it('counts requests placed and collected at the pickup library, copies sent by the lender, requests not filled', async () => {
    expect(await requests(networkAdmin, '')).toEqual({
      placed: 3,
      collected: 1,
      sent: 2,
      notFilled: 1,
    });
    expect(await requests(yonamAdmin, '')).toEqual({
      placed: 3,
      collected: 1,
      sent: 0,
      notFilled: 1,
    });
    expect(await requests(networkAdmin, `&libraryId=${seobu}`)).toEqual({
      placed: 0,
      collected: 0,
      sent: 2,
      notFilled: 0,
    });
  });
});

describe(`statistics of holds (${testDatabaseKind})`, () => {
  let t: TestApp;
  let networkAdmin: Client;
  let yonamAdmin: Client;
  let gn: number;
  beforeAll(async () => {
    t = await createTestApp({ accounts: true, start: '2026-12-01T10:00:00+09:00' });
    const clients = await clientsOf(t);
    ({ networkAdmin, yonamAdmin } = clients);
    const { yonamDesk, gnDesk } = clients;
    gn = await libraryIdOf(t, 'gyeongnamdaepyo-library');
    await shelve(t, 'jinju-yonam-library', [
      { barcode: 'HS-1' },
      { barcode: 'HS-2' },
      { barcode: 'HS-3' },
    ]);
    await shelve(t, 'gyeongnamdaepyo-library', [{ barcode: 'HS-G' }]);
    const [owner, b, c, d] = [
      await walkIn(yonamDesk),
      await walkIn(yonamDesk),
      await walkIn(yonamDesk),
      await walkIn(yonamDesk),
    ];
    const [gnOwner, gnHolder] = [await walkIn(gnDesk), await walkIn(gnDesk)];
    const ok = async <R extends { statusCode: number; body: string }>(
      response: Promise<R>,
      code: number,
    ) => {
      const answered = await response;
      expect(answered.statusCode, answered.body).toBe(code);
      return answered;
    };
    const lend = (desk: Client, cardNumber: string, itemBarcode: string) =>
      ok(desk.post('/api/v1/checkouts', { cardNumber, itemBarcode }), 201);
    const hold = (desk: Client, cardNumber: string, itemBarcode: string) =>
      ok(desk.post('/api/v1/holds', { cardNumber, itemBarcode }), 201);
    const giveBack = (itemBarcode: string) =>
      ok(yonamDesk.post('/api/v1/returns', { itemBarcode }), 200);
    // 2 Dec: every copy out; three holds at Jinju Yonam, one at Gyeongnamdaepyo.
    t.clock.setBusinessDate('2026-12-02');
    for (const barcode of ['HS-1', 'HS-2', 'HS-3']) await lend(yonamDesk, owner!.card, barcode);
    await lend(gnDesk, gnOwner!.card, 'HS-G');
    await hold(yonamDesk, b!.card, 'HS-1');
    await hold(yonamDesk, c!.card, 'HS-2');
    const third = await hold(yonamDesk, d!.card, 'HS-3');
    await hold(gnDesk, gnHolder!.card, 'HS-G');
    // 3 Dec: HS-1 set aside for B, who collects it; HS-2 set aside for C; D cancels.
    t.clock.setBusinessDate('2026-12-03');
    await giveBack('HS-1');
    await lend(yonamDesk, b!.card, 'HS-1');
    await giveBack('HS-2');
    await ok(yonamDesk.post(`/api/v1/holds/${third.json().id}/cancellation`), 200);
    // C never comes: the window ends within the period.
    t.clock.setBusinessDate('2026-12-12');
    await expireHolds(t.db, { now: t.clock.now(), today: t.clock.today() });
  });
  afterAll(async () => t?.close());

  const holds = async (client: Client, query: string) => {
    const response = await client.get(`/api/v1/statistics?from=2026-12-02&to=2026-12-12${query}`);
    expect(response.statusCode, response.body).toBe(200);
    return response.json().holds;
  };

  it('counts holds placed, collected, not collected and cancelled at the library where they are collected', async () => {
    expect(await holds(yonamAdmin, '')).toEqual({
      placed: 3,
      collected: 1,
      notCollected: 1,
      cancelled: 1,
    });
    expect(await holds(networkAdmin, '')).toEqual({
      placed: 4,
      collected: 1,
      notCollected: 1,
      cancelled: 1,
    });
    expect(await holds(networkAdmin, `&libraryId=${gn}`)).toEqual({
      placed: 1,
      collected: 0,
      notCollected: 0,
      cancelled: 0,
    });
    // A period after the holds were placed counts only what ended in it.
    const later = await networkAdmin.get('/api/v1/statistics?from=2026-12-10&to=2026-12-12');
    expect(later.json().holds).toEqual({ placed: 0, collected: 0, notCollected: 1, cancelled: 0 });
  });
});

describe('statistics summary (pure)', () => {
  it('fills every day, sorts libraries by loans, and has no share without known homes', () => {
    const summary = summarize(
      '2026-12-30',
      '2027-01-02',
      { kind: 'network' },
      {
        perDay: [{ day: '2027-01-01', loans: 2 }],
        perLibrary: [
          {
            libraryId: 2,
            nameKo: 'B',
            nameEn: 'B',
            loans: 0,
            toOtherLibraryMembers: 0,
            unknownHome: 0,
          },
          {
            libraryId: 1,
            nameKo: 'A',
            nameEn: 'A',
            loans: 2,
            toOtherLibraryMembers: 0,
            unknownHome: 2,
          },
        ],
        suspensionsPerDay: [],
      },
    );
    expect(summary.loansPerDay.map((d) => d.date)).toEqual([
      '2026-12-30',
      '2026-12-31',
      '2027-01-01',
      '2027-01-02',
    ]);
    expect(summary.loansPerDay[2]?.loans).toBe(2);
    expect(summary.loansPerLibrary.map((l) => l.library.id)).toEqual([1, 2]);
    expect(summary.totals.shareToOtherLibraryMembers).toBeNull();
    expect(summary.suspensionsPerDay.every((d) => d.started === 0)).toBe(true);
    // Two months, each cut by the period.
    expect(summary.loansPerMonth).toEqual([
      {
        month: '2026-12',
        from: '2026-12-30',
        to: '2026-12-31',
        loans: 0,
        suspensionsStarted: 0,
        membersJoined: 0,
        membersWithdrawn: 0,
      },
      {
        month: '2027-01',
        from: '2027-01-01',
        to: '2027-01-02',
        loans: 2,
        suspensionsStarted: 0,
        membersJoined: 0,
        membersWithdrawn: 0,
      },
    ]);
  });

  it('adds up loans, suspensions and members by calendar month over a year, leap day included', () => {
    const perDay = [
      { day: '2028-01-31', loans: 3 },
      { day: '2028-02-01', loans: 1 },
      { day: '2028-02-29', loans: 5 },
      { day: '2028-03-01', loans: 7 },
    ];
    const summary = summarize(
      '2028-01-15',
      '2028-03-01',
      { kind: 'network' },
      {
        perDay,
        perLibrary: [
          {
            libraryId: 1,
            nameKo: 'A',
            nameEn: 'A',
            loans: 16,
            toOtherLibraryMembers: 4,
            unknownHome: 0,
          },
        ],
        suspensionsPerDay: [
          { day: '2028-02-29', started: 2 },
          { day: '2028-03-01', started: 1 },
        ],
      },
      [
        { day: '2028-01-15', joined: 2, withdrawn: 0 },
        { day: '2028-02-29', joined: 4, withdrawn: 1 },
        { day: '2028-03-01', joined: 1, withdrawn: 1 },
      ],
    );
    expect(summary.loansPerMonth).toEqual([
      {
        month: '2028-01',
        from: '2028-01-15',
        to: '2028-01-31',
        loans: 3,
        suspensionsStarted: 0,
        membersJoined: 2,
        membersWithdrawn: 0,
      },
      {
        month: '2028-02',
        from: '2028-02-01',
        to: '2028-02-29',
        loans: 6,
        suspensionsStarted: 2,
        membersJoined: 4,
        membersWithdrawn: 1,
      },
      {
        month: '2028-03',
        from: '2028-03-01',
        to: '2028-03-01',
        loans: 7,
        suspensionsStarted: 1,
        membersJoined: 1,
        membersWithdrawn: 1,
      },
    ]);
    expect(summary.members).toEqual({ joined: 7, withdrawn: 2 });
    expect(summary.membersPerDay.find((d) => d.date === '2028-02-29')).toEqual({
      date: '2028-02-29',
      joined: 4,
      withdrawn: 1,
    });
    const months = summary.loansPerMonth;
    expect(months.reduce((sum, m) => sum + m.loans, 0)).toBe(summary.totals.loans);
    expect(months.reduce((sum, m) => sum + m.suspensionsStarted, 0)).toBe(
      summary.totals.suspensionsStarted,
    );
  });
});
