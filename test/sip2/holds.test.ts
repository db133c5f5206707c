import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_MEMBER_PIN, demoCardNumber } from '../../src/seed/demo-accounts.js';
import { checkInDirectly } from '../support/check-ins.js';
import { testDatabaseKind } from '../support/database.js';
import { addItems, GN, type Sip2TestBed, startSip2TestBed } from './support.js';

const MINJUN = demoCardNumber(1); // home: Gyeongnamdaepyo
const SEOYEON = demoCardNumber(2); // home: Jinju Yonam, not checked in at Gyeongnamdaepyo
const PIN = DEMO_MEMBER_PIN;

/** Holds over SIP2 (issue 20): 15 place/cancel, 63 hold items, 09 the hold alert. */
describe(`SIP2 holds over TCP (${testDatabaseKind})`, () => {
  let bed: Sip2TestBed;
  let borrower: string;
  beforeAll(async () => {
    bed = await startSip2TestBed();
    await addItems(bed.t.db, GN, [
      { barcode: 'SH-1', title: '기다리는 책' },
      { barcode: 'SH-2', title: '취소할 책' },
      { barcode: 'SH-3', title: '번호로 예약할 책' },
      { barcode: 'SH-4', title: '다시 찾은 책' },
      { barcode: 'SH-5', title: '서가로 돌아갈 책' },
    ]);
    // A third member at Gyeongnamdaepyo borrows both copies (checked in there, same PIN).
    await checkInDirectly(
      bed.t.db,
      { cardNumber: SEOYEON },
      await bed.libraryId(GN),
      bed.t.clock.now(),
    );
    borrower = SEOYEON;
  });
  afterAll(async () => bed?.close());

  it('places a hold (15 +), lists it (63), traps it at check-in (09, alert 01) and lends it to the holder', async () => {
    const sc = await bed.terminal(GN);
    const minjunHoldsSh1 = {
      holdMode: '+',
      patronIdentifier: MINJUN,
      patronPassword: PIN,
      itemIdentifier: 'SH-1',
    } as const;
    // On the shelf: borrow it instead.
    const early = await sc.hold(minjunHoldsSh1);
    expect(early).toMatchObject({ ok: false });
    expect(early.screenMessage).toMatch(/^\[HOLD_NOT_NEEDED\]/);
    const lent = await sc.checkout({
      patronIdentifier: borrower,
      patronPassword: PIN,
      itemIdentifier: 'SH-1',
    });
    expect(lent.ok).toBe(true);
    const placed = await sc.hold(minjunHoldsSh1);
    expect(placed).toMatchObject({
      ok: true,
      available: false,
      queuePosition: 1,
      titleIdentifier: '기다리는 책',
      pickupLocation: GN,
    });

    const waiting = await sc.patronInformation({
      summary: 'unavailableHolds',
      patronIdentifier: MINJUN,
      patronPassword: PIN,
    });
    expect(waiting).toMatchObject({
      holdItemsCount: 0,
      unavailableHoldsCount: 1,
      unavailableHoldItems: ['기다리는 책'],
      holdItems: [],
    });

    const back = await sc.checkin({
      currentLocation: GN,
      itemIdentifier: 'SH-1',
    });
    expect(back).toMatchObject({ ok: true, alert: true, alertType: '01', holdPatronName: '김*준' });
    // Set aside for the member: waiting on the hold shelf (08), not available (03).
    expect((await sc.itemInformation({ itemIdentifier: 'SH-1' })).circulationStatus).toBe('08');
    expect(back.screenMessage).toBe(
      '반납되었습니다. / 예약 도서 — 보관: 김*준 님, 2026년 12월 5일 (토)까지.',
    );
    // The machine got no answer and sends its 09 again: the copy still goes to the hold shelf.
    const again = await sc.checkin({ currentLocation: GN, itemIdentifier: 'SH-1' });
    expect(again).toMatchObject({
      ok: true,
      resensitize: true,
      alert: true,
      alertType: '01',
      holdPatronName: '김*준',
      sortBin: 'HOLD',
      titleIdentifier: '기다리는 책',
    });
    expect(again.screenMessage).toBe(
      back.screenMessage?.replace('반납되었습니다.', '오늘 이미 반납된 자료입니다.'),
    );

    const ready = await sc.patronInformation({
      summary: 'hold',
      patronIdentifier: MINJUN,
      patronPassword: PIN,
    });
    expect(ready).toMatchObject({
      holdItemsCount: 1,
      unavailableHoldsCount: 0,
      holdItems: ['SH-1'],
    });
    // The placement's 15 sent again once the copy is set aside: ready, kept until when, no line.
    const placedAgain = await sc.hold(minjunHoldsSh1);
    expect(placedAgain).toMatchObject({
      ok: true,
      available: true,
      titleIdentifier: '기다리는 책',
    });
    expect(placedAgain.queuePosition).toBeUndefined();
    expect(placedAgain.screenMessage).toBe(
      '오늘 이미 예약한 자료입니다. 지금 찾아갈 수 있습니다 (2026년 12월 5일 (토)까지 보관).',
    );
    // Set aside for Minjun: the borrower cannot take it again; Minjun can.
    const other = await sc.checkout({
      patronIdentifier: borrower,
      patronPassword: PIN,
      itemIdentifier: 'SH-1',
    });
    expect(other.ok).toBe(false);
    // The machine's screen does not say for whom (the desk's does).
    expect(other.screenMessage).toContain(
      '[ITEM_ON_HOLD] 다른 회원의 예약·상호대차를 위해 보관 중인 자료입니다. 그 회원만 빌릴 수 있습니다.',
    );
    expect(other.screenMessage).not.toContain('님을 위해');
    const collected = await sc.checkout({
      patronIdentifier: MINJUN,
      patronPassword: PIN,
      itemIdentifier: 'SH-1',
    });
    expect(collected.ok).toBe(true);
    const after = await sc.patronInformation({
      summary: 'hold',
      patronIdentifier: MINJUN,
      patronPassword: PIN,
    });
    expect(after).toMatchObject({ holdItemsCount: 0, unavailableHoldsCount: 0 });
  });

  it('a held copy checked in on a later day (found out of place): nothing returned, the hold alert to sort it back', async () => {
    const sc = await bed.terminal(GN);
    const withPin = { patronPassword: PIN, itemIdentifier: 'SH-4' };
    expect((await sc.checkout({ patronIdentifier: borrower, ...withPin })).ok).toBe(true);
    expect((await sc.hold({ holdMode: '+', patronIdentifier: MINJUN, ...withPin })).ok).toBe(true);
    const back = await sc.checkin({ currentLocation: GN, itemIdentifier: 'SH-4' });
    expect(back).toMatchObject({ ok: true, alertType: '01' });
    bed.t.clock.advanceDays(1);
    try {
      const found = await sc.checkin({ currentLocation: GN, itemIdentifier: 'SH-4' });
      expect(found).toMatchObject({
        ok: false,
        resensitize: false,
        alert: true,
        alertType: '01',
        holdPatronName: '김*준',
        sortBin: 'HOLD',
        titleIdentifier: '다시 찾은 책',
      });
      expect(found.screenMessage).toMatch(
        /^\[ITEM_NOT_ON_LOAN\] 예약 도서 서가의 자료입니다: 《다시 찾은 책》\. 예약한 김\*준 님을 위해 2026년 12월 \d+일 \(.\)까지 보관합니다\.$/,
      );
      expect((await sc.checkout({ patronIdentifier: MINJUN, ...withPin })).ok).toBe(true);
      expect((await sc.checkin({ currentLocation: GN, itemIdentifier: 'SH-4' })).ok).toBe(true);
    } finally {
      bed.t.clock.advanceDays(-1);
    }
  });

  it('cancels a hold by title (15 -)', async () => {
    const sc = await bed.terminal(GN);
    await sc.checkout({
      patronIdentifier: borrower,
      patronPassword: PIN,
      itemIdentifier: 'SH-2',
    });
    expect(
      (
        await sc.hold({
          holdMode: '+',
          patronIdentifier: MINJUN,
          patronPassword: PIN,
          itemIdentifier: 'SH-2',
        })
      ).ok,
    ).toBe(true);
    const cancel = {
      holdMode: '-',
      patronIdentifier: MINJUN,
      patronPassword: PIN,
      itemIdentifier: 'SH-2',
    } as const;
    const cancelled = await sc.hold(cancel);
    expect(cancelled).toMatchObject({ ok: true, available: false });
    expect(cancelled.screenMessage).toBe('예약이 취소되었습니다.');
    // Sent again (the machine got no answer): the cancellation made, not "not found".
    const again = await sc.hold(cancel);
    expect(again).toMatchObject({ ok: true, titleIdentifier: '취소할 책' });
    expect(again.screenMessage).toBe('오늘 이미 취소한 예약입니다.');
    // The next day there is nothing to cancel.
    bed.t.clock.advanceDays(1);
    try {
      const later = await sc.hold(cancel);
      expect(later.ok).toBe(false);
      expect(later.screenMessage).toMatch(/^\[NOT_FOUND\]/);
    } finally {
      bed.t.clock.advanceDays(-1);
    }
    const back = await sc.checkin({
      currentLocation: GN,
      itemIdentifier: 'SH-2',
    });
    expect(back).toMatchObject({ ok: true, alert: false });
    expect(back.alertType).toBeUndefined();
  });

  it('a copy whose hold was cancelled on the hold shelf, checked in: nothing returned, the sorter shelves it, off the put-back list', async () => {
    const sc = await bed.terminal(GN);
    const minjun = { patronIdentifier: MINJUN, patronPassword: PIN, itemIdentifier: 'SH-5' };
    const lent = await sc.checkout({ ...minjun, patronIdentifier: borrower });
    expect(lent.ok).toBe(true);
    expect((await sc.hold({ ...minjun, holdMode: '+' })).ok).toBe(true);
    const trapped = await sc.checkin({ currentLocation: GN, itemIdentifier: 'SH-5' });
    expect(trapped).toMatchObject({ ok: true, alert: true, alertType: '01' });
    expect((await sc.hold({ ...minjun, holdMode: '-' })).ok).toBe(true);
    const listed = () =>
      bed.t.db
        .selectFrom('put_back_copies as p')
        .innerJoin('items as i', 'i.id', 'p.item_id')
        .select('p.reason')
        .where('i.barcode', '=', 'SH-5')
        .execute();
    expect(await listed()).toEqual([{ reason: 'cancelled' }]);

    const found = await sc.checkin({ currentLocation: GN, itemIdentifier: 'SH-5' });
    expect(found).toMatchObject({ ok: false, alert: false, titleIdentifier: '서가로 돌아갈 책' });
    expect(found.alertType).toBeUndefined();
    expect(found.screenMessage).toBe(
      '[ITEM_NOT_ON_LOAN] 예약이 취소되어 서가로 돌려놓을 자료입니다: 《서가로 돌아갈 책》. ‘서가로 돌려놓을 책’ 목록에서 뺐습니다.',
    );
    expect(await listed()).toEqual([]);
  });

  it('places and cancels a hold by the record id of the title (15 with AJ, no AB)', async () => {
    const sc = await bed.terminal(GN);
    expect(
      (
        await sc.checkout({
          patronIdentifier: borrower,
          patronPassword: PIN,
          itemIdentifier: 'SH-3',
        })
      ).ok,
    ).toBe(true);
    const { record_id } = await bed.t.db
      .selectFrom('items')
      .select('record_id')
      .where('barcode', '=', 'SH-3')
      .executeTakeFirstOrThrow();
    const byRecord = {
      patronIdentifier: MINJUN,
      patronPassword: PIN,
      titleIdentifier: String(record_id),
    };
    const placed = await sc.hold({ holdMode: '+', ...byRecord });
    expect(placed).toMatchObject({
      ok: true,
      queuePosition: 1,
      titleIdentifier: '번호로 예약할 책',
      pickupLocation: GN,
    });
    // Sent again (the machine got no answer): the hold placed, as it stands; one hold.
    const again = await sc.hold({ holdMode: '+', ...byRecord });
    expect(again).toMatchObject({
      ok: true,
      queuePosition: 1,
      titleIdentifier: '번호로 예약할 책',
    });
    expect(again.screenMessage).toBe('오늘 이미 예약한 자료입니다. 대기 순번은 1번입니다.');
    const holds = await bed.t.db
      .selectFrom('holds')
      .select('id')
      .where('record_id', '=', record_id)
      .where('state', '=', 'waiting')
      .execute();
    expect(holds).toHaveLength(1);
    // The next day it is a duplicate, as a second hold of the same title always is.
    bed.t.clock.advanceDays(1);
    try {
      const later = await sc.hold({ holdMode: '+', ...byRecord });
      expect(later.ok).toBe(false);
      expect(later.screenMessage).toMatch(/^\[HOLD_DUPLICATE\]/);
    } finally {
      bed.t.clock.advanceDays(-1);
    }
    // A title given by words, not a record id, names nothing: the machine is told what is missing.
    const byWords = await sc.hold({
      ...byRecord,
      holdMode: '+',
      titleIdentifier: '번호로 예약할 책',
    });
    expect(byWords.ok).toBe(false);
    expect(byWords.screenMessage).toMatch(/AB/);
    expect((await sc.hold({ holdMode: '-', ...byRecord })).ok).toBe(true);
    const back = await sc.checkin({ currentLocation: GN, itemIdentifier: 'SH-3' });
    expect(back).toMatchObject({ ok: true, alert: false });
  });
});
