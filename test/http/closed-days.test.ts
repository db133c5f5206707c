import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCardNumber } from '../../src/seed/demo-accounts.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { libraryIdOf, openLoansOfCopy, shelve } from '../support/circulation.js';
import { testDatabaseKind } from '../support/database.js';
import { allDayStaffClient, type Client } from '../support/http.js';

/** Closed days that protect members, and the network's calendar of public holidays (issue 17.3). */
describe(`closed days and the network calendar over HTTP (${testDatabaseKind})`, () => {
  let t: TestApp;
  let desk: Client;
  let admin: Client;
  let network: Client;
  let gn: number;
  beforeAll(async () => {
    // Tuesday 1 December 2026; Gyeongnamdaepyo closes on Fridays and public holidays.
    t = await createTestApp({ accounts: true, start: '2026-12-01T10:00:00+09:00' });
    desk = await allDayStaffClient(t.app, 'gyeongnamdaepyo-desk');
    admin = await allDayStaffClient(t.app, 'gyeongnamdaepyo-admin');
    network = await allDayStaffClient(t.app, 'network-admin');
    gn = await libraryIdOf(t, 'gyeongnamdaepyo-library');
    await shelve(t, 'gyeongnamdaepyo-library', [
      { barcode: 'CD0001', title: '휴관 책 1' },
      { barcode: 'CD0002', title: '휴관 책 2' },
    ]);
  });
  afterAll(async () => t?.close());

  const dueDateOf = async (barcode: string) => {
    const [loan] = await openLoansOfCopy(t.db, barcode);
    if (!loan) throw new Error(`no open loan of ${barcode}`);
    return loan.due_date;
  };

  it('warns how many loans fall due on a day, and moves them when the day is closed', async () => {
    for (const barcode of ['CD0001', 'CD0002']) {
      const lent = await desk.post('/api/v1/checkouts', {
        cardNumber: demoCardNumber(1),
        itemBarcode: barcode,
      });
      expect(lent.json().loan.dueDate, lent.body).toBe('2026-12-15');
    }
    const impact = await admin.get(`/api/v1/libraries/${gn}/closed-day-impact?date=2026-12-15`);
    expect(impact.json()).toEqual({ date: '2026-12-15', loansDue: 2, movesTo: '2026-12-16' });
    expect(await dueDateOf('CD0001')).toBe('2026-12-15'); // the warning changes nothing

    // The English name is optional.
    const saved = await admin.post(`/api/v1/libraries/${gn}/holidays`, {
      date: '2026-12-15',
      nameKo: '임시 휴관',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    expect(saved.json()).toEqual({
      date: '2026-12-15',
      nameKo: '임시 휴관',
      nameEn: '',
      loansMoved: 2,
    });
    expect(await dueDateOf('CD0001')).toBe('2026-12-16');
    const moves = await t.db
      .selectFrom('audit_events')
      .select(['details', 'subject_kind'])
      .where('action', '=', 'loan.due_date_moved')
      .execute();
    expect(moves).toHaveLength(2);
    expect(moves[0]).toMatchObject({
      subject_kind: 'loan',
      details: { from: '2026-12-15', to: '2026-12-16' },
    });
  });

  it('refuses a past date with a stable code and a sentence in Korean and English', async () => {
    const ko = await admin.post(`/api/v1/libraries/${gn}/holidays`, {
      date: '2026-11-30',
      nameKo: '지난 날',
    });
    expect(ko.statusCode).toBe(422);
    expect(ko.json().code).toBe('CLOSED_DAY_IN_PAST');
    expect(ko.json().detail).toBe(
      '지난 날짜(2026년 11월 30일 (월))는 휴관일로 정하거나 바꿀 수 없습니다. 오늘 이후의 날짜를 고르세요.',
    );
    const en = await network.post(
      '/api/v1/network-holidays',
      { date: '2026-11-30', nameKo: '지난 날' },
      { 'accept-language': 'en' },
    );
    expect(en.json().code).toBe('CLOSED_DAY_IN_PAST');
    expect(en.json().detail).toContain('is in the past');
  });

  it('keeps one network calendar: a new public holiday moves the loans due that day', async () => {
    const impact = await network.get('/api/v1/network-holidays/impact?date=2026-12-16');
    expect(impact.json()).toMatchObject({ loansDue: 2 });
    const saved = await network.post('/api/v1/network-holidays', {
      date: '2026-12-16',
      nameKo: '임시공휴일',
      nameEn: 'Temporary holiday',
    });
    expect(saved.json()).toMatchObject({ loansMoved: 2 });
    expect(await dueDateOf('CD0002')).toBe('2026-12-17');
    const library = (await t.app.inject({ url: `/api/v1/libraries/${gn}` })).json();
    expect(library.holidays.slice(0, 3).map((h: { date: string }) => h.date)).toEqual([
      '2026-12-15',
      '2026-12-16',
      '2026-12-25',
    ]);
  });

  it('lets a library open on a public holiday; due dates then may fall on it', async () => {
    const opened = await admin.put(`/api/v1/libraries/${gn}/holiday-exceptions/2026-12-16`, {
      open: true,
    });
    expect(opened.json()).toEqual({ date: '2026-12-16', libraryOpen: true, loansMoved: 0 });
    const month = (
      await t.app.inject({
        url: `/api/v1/libraries/${gn}/calendar?from=2026-12-01&to=2026-12-31`,
      })
    ).json();
    expect(month.closedWeekdays).toEqual([5]);
    expect(month.closedDays.map((d: { date: string }) => d.date)).toEqual(['2026-12-15']);
    expect(month.publicHolidays).toEqual([
      { date: '2026-12-16', nameKo: '임시공휴일', nameEn: 'Temporary holiday', libraryOpen: true },
      { date: '2026-12-25', nameKo: '기독탄신일', nameEn: 'Christmas Day', libraryOpen: false },
    ]);
    // 2026-12-02 + 14 = 2026-12-16: open that day now.
    t.clock.set('2026-12-02T10:00:00+09:00');
    await t.db
      .updateTable('loans')
      .set({ returned_at: new Date(), return_day: '2026-12-02', days_late: 0 })
      .where('returned_at', 'is', null)
      .execute();
    const lent = await desk.post('/api/v1/checkouts', {
      cardNumber: demoCardNumber(1),
      itemBarcode: 'CD0001',
    });
    expect(lent.json().loan.dueDate, lent.body).toBe('2026-12-16');
    // Closed again: the loan due that day moves (Thursday 17 December).
    const closed = await admin.put(`/api/v1/libraries/${gn}/holiday-exceptions/2026-12-16`, {
      open: false,
    });
    expect(closed.json()).toMatchObject({ libraryOpen: false, loansMoved: 1 });
    expect(await dueDateOf('CD0001')).toBe('2026-12-17');
  });

  it('a weekday newly closed in the loan rules is a closed day added later: the open loans due on it move', async () => {
    // CD0001 is due on Thursday 17 December (the test before); Gyeongnamdaepyo closes on Fridays.
    expect(await dueDateOf('CD0001')).toBe('2026-12-17');
    const rules = (await t.app.inject({ url: `/api/v1/libraries/${gn}` })).json().library.loanRules;
    expect(rules.closedWeekdays).toEqual([5]);
    const closed = await admin.put(`/api/v1/libraries/${gn}/loan-rules`, {
      ...rules,
      closedWeekdays: [4, 5],
    });
    expect(closed.statusCode, closed.body).toBe(200);
    expect(closed.json()).toEqual({ ...rules, closedWeekdays: [4, 5], loansMoved: 1 });
    // Thursday and Friday closed: Saturday 19 December.
    expect(await dueDateOf('CD0001')).toBe('2026-12-19');
    const move = await t.db
      .selectFrom('audit_events')
      .select(['details'])
      .where('action', '=', 'loan.due_date_moved')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(move.details).toMatchObject({ from: '2026-12-17', to: '2026-12-19' });

    // The same rules saved again, or a weekday opened: nothing moves, back or forth.
    const again = await admin.put(`/api/v1/libraries/${gn}/loan-rules`, {
      ...rules,
      closedWeekdays: [5, 4],
    });
    expect(again.json()).toMatchObject({ loansMoved: 0 });
    const opened = await admin.put(`/api/v1/libraries/${gn}/loan-rules`, rules);
    expect(opened.json()).toEqual({ ...rules, loansMoved: 0 });
    expect(await dueDateOf('CD0001')).toBe('2026-12-19');
  });

  it('imports a year from the bundled list; the desk staff may not', async () => {
    const bundled = await network.get('/api/v1/network-holidays/bundled?year=2028');
    const { holidays } = bundled.json();
    expect(holidays.map((h: { date: string }) => h.date)).toContain('2028-10-03');
    const imported = await network.post('/api/v1/network-holidays/import', { holidays });
    expect(imported.json()).toMatchObject({ saved: holidays.length, skippedPast: 0 });
    const year = (
      await t.app.inject({ url: '/api/v1/network-holidays?from=2028-01-01&to=2028-12-31' })
    ).json();
    expect(year.holidays).toHaveLength(holidays.length);
    expect((await desk.post('/api/v1/network-holidays/import', { holidays })).statusCode).toBe(403);
    expect(
      (await admin.post('/api/v1/network-holidays', { date: '2028-04-12', nameKo: '선거일' }))
        .statusCode,
    ).toBe(403);
  });
});
