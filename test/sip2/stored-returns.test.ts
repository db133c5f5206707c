import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/platform/dates.js';
import { DEMO_MEMBER_PIN, demoCardNumber } from '../../src/seed/demo-accounts.js';
import { formatSipDateTime } from '../../src/sip2/fields.js';
import { checkInDirectly } from '../support/check-ins.js';
import { testDatabaseKind } from '../support/database.js';
import { addItems, GN, type Sip2TestBed, startSip2TestBed } from './support.js';

const MINJUN = demoCardNumber(1); // home: Gyeongnamdaepyo
const SEOYEON = demoCardNumber(2); // home: Jinju Yonam, checked in at Gyeongnamdaepyo below

/**
 * A return machine (a book drop) that lost its connection keeps taking books and sends each
 * return later, with no block Y and the time the copy went in. The lateness counts to that day —
 * a member is not suspended for the hours the machine was offline — and a copy lent again since
 * it went in keeps its new loan.
 */
describe(`SIP2 returns stored while the machine was offline (${testDatabaseKind})`, () => {
  let bed: Sip2TestBed;
  let due: string;
  beforeAll(async () => {
    bed = await startSip2TestBed();
    await addItems(bed.t.db, GN, [
      { barcode: 'SR-ONTIME', title: '제때 넣은 책' },
      { barcode: 'SR-LATE', title: '늦게 넣은 책' },
      { barcode: 'SR-OVER', title: '정지가 끝난 책' },
      { barcode: 'SR-AHEAD', title: '시계가 빠른 기계의 책' },
      { barcode: 'SR-AGAIN', title: '다시 빌려 간 책' },
    ]);
    await checkInDirectly(
      bed.t.db,
      { cardNumber: SEOYEON },
      await bed.libraryId(GN),
      bed.t.clock.now(),
    );
    const sc = await bed.terminal(GN);
    const lend = async (card: string, barcode: string) => {
      const lent = await sc.checkout({
        patronIdentifier: card,
        patronPassword: DEMO_MEMBER_PIN,
        itemIdentifier: barcode,
      });
      expect(lent.ok, lent.screenMessage).toBe(true);
    };
    await lend(MINJUN, 'SR-ONTIME');
    await lend(MINJUN, 'SR-LATE');
    await lend(SEOYEON, 'SR-OVER');
    await lend(SEOYEON, 'SR-AHEAD');
    await lend(SEOYEON, 'SR-AGAIN');
    due = (await loanOf('SR-ONTIME')).due_date;
    // The machine comes back online six days after the due date.
    bed.t.clock.advanceDays(
      Math.round((Date.parse(due) - Date.parse(bed.t.clock.today())) / 86_400_000) + 6,
    );
  });
  afterAll(async () => bed?.close());

  const loanOf = (barcode: string) =>
    bed.t.db
      .selectFrom('loans as o')
      .innerJoin('items as i', 'i.id', 'o.item_id')
      .select(['o.due_date', 'o.return_day', 'o.days_late', 'o.returned_at'])
      .where('i.barcode', '=', barcode)
      .orderBy('o.id', 'desc')
      .executeTakeFirstOrThrow();
  const suspendedUntil = async (card: string) =>
    (
      await bed.t.db
        .selectFrom('members as m')
        .innerJoin('cards as c', 'c.member_id', 'm.id')
        .select('m.suspended_until')
        .where('c.number', '=', card)
        .executeTakeFirstOrThrow()
    ).suspended_until;
  /** 09 as a machine sends a stored return: no block Y, and when the copy went in (KST). */
  const stored = async (barcode: string, day: string, time = '10:00:00') => {
    const sc = await bed.terminal(GN);
    return sc.checkin({
      noBlock: true,
      returnDate: formatSipDateTime(new Date(`${day}T${time}+09:00`)),
      currentLocation: GN,
      itemIdentifier: barcode,
    });
  };

  it('a copy that went in the day before it was due is returned on time, on that day', async () => {
    const back = await stored('SR-ONTIME', addDays(due, -1));
    expect(back).toMatchObject({ ok: true, resensitize: true, titleIdentifier: '제때 넣은 책' });
    expect(await loanOf('SR-ONTIME')).toMatchObject({
      return_day: addDays(due, -1),
      days_late: 0,
    });
    expect(await suspendedUntil(MINJUN)).toBeNull();
  });

  it('a copy that went in 4 days late suspends from that day, not from today', async () => {
    const back = await stored('SR-LATE', addDays(due, 4));
    expect(back.ok).toBe(true);
    expect(await loanOf('SR-LATE')).toMatchObject({ return_day: addDays(due, 4), days_late: 4 });
    // 4 days from the day it went in (a return today would have been 6 days, to due + 11).
    expect(await suspendedUntil(MINJUN)).toBe(addDays(due, 7));
    expect(back.screenMessage).toContain('4일');
  });

  it('a suspension over before the machine came back starts nothing', async () => {
    const back = await stored('SR-OVER', addDays(due, 1));
    expect(back.ok).toBe(true);
    expect(await loanOf('SR-OVER')).toMatchObject({ return_day: addDays(due, 1), days_late: 1 });
    expect(await suspendedUntil(SEOYEON)).toBeNull();
  });

  it('a machine whose clock runs ahead returns today', async () => {
    const back = await stored('SR-AHEAD', addDays(due, 9));
    expect(back.ok).toBe(true);
    expect(await loanOf('SR-AHEAD')).toMatchObject({
      return_day: bed.t.clock.today(),
      days_late: 6,
    });
    expect(await suspendedUntil(SEOYEON)).toBe(addDays(due, 11));
  });

  it('a copy lent again after it went into the machine keeps its loan', async () => {
    const lentOn = (await loanOf('SR-AGAIN')).due_date;
    const back = await stored('SR-AGAIN', addDays(due, -20), '00:00:01');
    expect(back.ok).toBe(false);
    expect(back.screenMessage).toBe(
      '[ITEM_NOT_ON_LOAN] 기계에 반납된 뒤 다시 대출된 자료입니다: 《다시 빌려 간 책》. 그 반납은 이미 처리되었으니 지금의 대출은 그대로 둡니다.',
    );
    expect(await loanOf('SR-AGAIN')).toMatchObject({
      due_date: lentOn,
      returned_at: null,
      return_day: null,
    });
  });

  it('a live return (no block N) still counts to today', async () => {
    const sc = await bed.terminal(GN);
    const back = await sc.checkin({
      returnDate: formatSipDateTime(new Date(`${addDays(due, -3)}T10:00:00+09:00`)),
      currentLocation: GN,
      itemIdentifier: 'SR-AGAIN',
    });
    expect(back.ok).toBe(true);
    expect(await loanOf('SR-AGAIN')).toMatchObject({
      return_day: bed.t.clock.today(),
      days_late: 6,
    });
  });
});
