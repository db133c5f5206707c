import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkout } from '../../src/modules/circulation/checkout.js';
import { returnItem } from '../../src/modules/circulation/return-item.js';
import {
  chooseLendingLibrary,
  nextStep,
  requestBannedUntil,
} from '../../src/modules/requests/domain.js';
import {
  cancelRequest,
  placeRequest,
  receiveByScan,
  receiveHomeByScan,
  runRequestTimeouts,
  sendByScan,
} from '../../src/modules/requests/requests.js';
import type { MemberActor, StaffActor } from '../../src/platform/auth/actor.js';
import type { AppError } from '../../src/platform/errors.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { codes, libraryIdOf, walkIn } from '../support/circulation.js';
import { insertCopies } from '../support/copies.js';
import { testDatabaseKind } from '../support/database.js';
import { allDayStaffClient, type Client, memberClient, reasonsOf } from '../support/http.js';
import { recordOfCopy, refusalOf } from '../support/requests.js';

/**
 * Inter-library requests (rules.md "Inter-library requests"): the journey over HTTP, every
 * refusal, the timeouts on the clock, races at the database and a seeded walk of the state
 * machine that never puts one copy in two open requests nor loses one.
 */
const P_NAME = '진주시립연암도서관';
const P_NAME_EN = 'Jinju Yonam Library';

describe(`inter-library requests (${testDatabaseKind})`, () => {
  let t: TestApp;
  // P: the pickup library (Jinju Yonam); L1 in its region (Jinju Seobu); L2 elsewhere.
  let pDesk: Client;
  let l1Desk: Client;
  let l2Desk: Client;
  let P: number;
  let L1: number;
  let L2: number;
  const desk = (libraryId: number, staffId = 1): StaffActor => ({
    kind: 'staff',
    staffId,
    libraryId,
    role: 'desk',
  });
  const member = (memberId: number): MemberActor => ({ kind: 'member', memberId });

  const recordOf = (barcode: string) => recordOfCopy(t.db, barcode);

  beforeAll(async () => {
    // Tuesday 1 December 2026, 10:00 in Seoul.
    t = await createTestApp({ accounts: true, start: '2026-12-01T10:00:00+09:00' });
    P = await libraryIdOf(t, 'jinju-yonam-library');
    L1 = await libraryIdOf(t, 'jinju-seobu-library');
    L2 = await libraryIdOf(t, 'gyeongnamdaepyo-library');
    pDesk = await allDayStaffClient(t.app, 'jinju-yonam-desk');
    l1Desk = await allDayStaffClient(t.app, 'jinju-seobu-desk');
    l2Desk = await allDayStaffClient(t.app, 'gyeongnamdaepyo-desk');
    const title = (n: string) => ({ title: `상호대차 ${n}`, author: '작가' });
    await insertCopies(t.db, L1, [
      { barcode: 'S-1', ...title('하나'), callNumber: '813.7 하18' },
      { barcode: 'S-2', ...title('둘') },
      { barcode: 'S-RENEW', ...title('연장') },
      { barcode: 'S-RACE', ...title('경주') },
      { barcode: 'S-ASTRAY', ...title('길잃음') },
      { barcode: 'S-DESK', ...title('대출 화면') },
      ...Array.from({ length: 6 }, (_, i) => ({ barcode: `S-W${i}`, ...title(`걷기 ${i}`) })),
    ]);
    await insertCopies(t.db, L2, [
      { barcode: 'G-1', ...title('하나') },
      { barcode: 'G-2', ...title('둘') },
      { barcode: 'G-3', ...title('셋') },
      ...Array.from({ length: 6 }, (_, i) => ({ barcode: `G-W${i}`, ...title(`걷기 ${i}`) })),
    ]);
    await insertCopies(t.db, P, [{ barcode: 'Y-1', ...title('여기') }]);
  });
  afterAll(async () => t?.close());

  it("a barcode on copies of several other libraries: Returns names them, for the book's label to tell", async () => {
    const shared = { barcode: 'SHARED-7', title: '같은 바코드', author: '작가' };
    await insertCopies(t.db, L1, [shared]);
    await insertCopies(t.db, L2, [shared]);
    const returned = await pDesk.post('/api/v1/returns', { itemBarcode: 'SHARED-7' });
    expect(returned.statusCode).toBe(404);
    expect(reasonsOf(returned)).toEqual([
      {
        code: 'ITEM_UNKNOWN',
        detail:
          '이 도서관의 자료가 아닙니다. 이 바코드의 자료는 2곳에 있습니다: 경남대표도서관, 진주시립서부도서관.',
        params: {
          owners: '경남대표도서관, 진주시립서부도서관',
          ownersEn: 'Gyeongnamdaepyo Library, Jinju Seobu Library',
          libraries: 2,
        },
      },
    ]);
    // Many: a few named, the rest counted.
    for (const library of ['tongyeong-city-library', 'tongyeong-chungmu-library'])
      await insertCopies(t.db, await libraryIdOf(t, library), [shared]);
    const many = await pDesk.post('/api/v1/returns', { itemBarcode: 'SHARED-7' });
    expect(many.json().reasons[0].detail).toMatch(
      /^이 도서관의 자료가 아닙니다\. 이 바코드의 자료는 4곳에 있습니다: [^,]+, [^,]+, [^,]+ 외 1곳\.$/,
    );
  });

  it('the journey: request → pull list → sent → received at P → collected → returned at P → home', async () => {
    const c = await walkIn(pDesk, { name: '한가람' });
    const portal = await memberClient(t.app, c.card, 'member password');
    const recordId = await recordOf('S-1');
    const placed = await portal.post(
      '/api/v1/me/requests',
      { recordId, pickupLibraryId: P },
      { 'idempotency-key': 'journey-1' },
    );
    expect(placed.statusCode).toBe(201);
    // Same region first: Jinju Seobu, not Gyeongnamdaepyo.
    expect(placed.json()).toMatchObject({
      status: 'requested',
      lendingLibrary: { id: L1 },
      itemBarcode: 'S-1',
      pickupLibrary: { id: P },
    });
    const again = await portal.post(
      '/api/v1/me/requests',
      { recordId, pickupLibraryId: P },
      { 'idempotency-key': 'journey-1' },
    );
    expect(again.json().id).toBe(placed.json().id);

    const pull = await l1Desk.get('/api/v1/requests/lists/pull');
    expect(pull.json().requests).toMatchObject([
      { itemBarcode: 'S-1', callNumber: '813.7 하18', pickupLibrary: { id: P } },
    ]);
    // Nobody borrows the reserved copy at its library meanwhile.
    const other = await walkIn(l1Desk);
    const taken = await l1Desk.post('/api/v1/checkouts', {
      cardNumber: other.card,
      itemBarcode: 'S-1',
    });
    expect(taken.statusCode).toBe(409);
    expect(reasonsOf(taken)).toEqual([
      {
        code: 'ITEM_ON_HOLD',
        detail: `다른 도서관에서 상호대차로 신청한 자료입니다: 《상호대차 하나》. 여기서 빌려줄 수 없으니 발송 스캔을 하고 ${P_NAME}으로 보내 주세요.`,
        params: {
          requestState: 'requested',
          title: '상호대차 하나',
          pickupLibrary: P_NAME,
          pickupLibraryEn: P_NAME_EN,
        },
      },
    ]);

    // Scanned at the lender's Returns screen while on its pull list: not "put it back on the
    // shelf" but to scan out and send, and again once scanned out: to send.
    const pulled = await l1Desk.post('/api/v1/returns', { itemBarcode: 'S-1' });
    expect(pulled.statusCode).toBe(409);
    expect(reasonsOf(pulled)).toEqual([
      {
        code: 'ITEM_NOT_ON_LOAN',
        detail: `상호대차 신청된 자료입니다: 《상호대차 하나》. 발송 스캔을 하고 ${P_NAME}으로 보내 주세요.`,
        params: {
          requestState: 'requested',
          title: '상호대차 하나',
          pickupLibrary: P_NAME,
          pickupLibraryEn: P_NAME_EN,
          pickupLibraryId: P,
        },
      },
    ]);
    // Another copy of the title scanned to send: the request lends S-1, and the desk is told so.
    await insertCopies(t.db, L1, [{ barcode: 'S-1B', title: '상호대차 하나', author: '작가' }]);
    const otherCopy = await l1Desk.post('/api/v1/requests/sent', { itemBarcode: 'S-1B' });
    expect(reasonsOf(otherCopy)).toEqual([
      {
        code: 'ITEM_UNKNOWN',
        detail: '《상호대차 하나》의 상호대차 신청에는 다른 자료가 정해져 있습니다: S-1.',
        params: {
          title: '상호대차 하나',
          request: 'otherCopy',
          requestedCopy: 'S-1',
          expected: 'a copy on the pull list',
          state: null,
        },
      },
    ]);
    const sent = await l1Desk.post('/api/v1/requests/sent', { itemBarcode: 'S-1' });
    expect(sent.json()).toMatchObject({ request: { state: 'sent' }, transit: { to: { id: P } } });
    // Scanned out a second time: not on the pull list any more, and the desk is told why.
    const sentAgain = await l1Desk.post('/api/v1/requests/sent', { itemBarcode: 'S-1' });
    expect(sentAgain.statusCode).toBe(409);
    expect(sentAgain.json().reasons[0]).toMatchObject({
      code: 'REQUEST_NOT_EXPECTED',
      detail:
        '이미 발송 처리된 자료입니다. 받는 도서관으로 가는 중이니 다시 스캔하지 않아도 됩니다.',
      params: { expected: 'a copy on the pull list (sent)', state: 'sent' },
    });
    const sentAgainEn = await l1Desk.post(
      '/api/v1/requests/sent',
      { itemBarcode: 'S-1' },
      { 'accept-language': 'en' },
    );
    expect(sentAgainEn.json().reasons[0].detail).toBe(
      'This copy is already marked as sent and is on its way to the pickup library: no need to scan it again.',
    );
    // At the pickup library, scanned under its own pull list by mistake: which list receives it.
    const atPickup = await pDesk.post('/api/v1/requests/sent', { itemBarcode: 'S-1' });
    expect(atPickup.json().reasons[0]).toMatchObject({
      code: 'REQUEST_NOT_EXPECTED',
      detail:
        '이 도서관으로 보낸 상호대차 자료입니다. ‘이 도서관으로 오는 책’에서 스캔해 도착 처리하세요.',
      params: { state: 'sent', scannedAt: 'pickup' },
    });
    const stillHere = await l1Desk.post(
      '/api/v1/returns',
      { itemBarcode: 'S-1' },
      { 'accept-language': 'en' },
    );
    expect(reasonsOf(stillHere)).toEqual([
      {
        code: 'ITEM_NOT_ON_LOAN',
        detail: `A requested copy already scanned out: “상호대차 하나”. Send it to ${P_NAME_EN}.`,
        params: {
          requestState: 'sent',
          title: '상호대차 하나',
          pickupLibrary: P_NAME,
          pickupLibraryEn: P_NAME_EN,
          pickupLibraryId: P,
        },
      },
    ]);
    const takenAfterAll = await l1Desk.post(
      '/api/v1/checkouts',
      { cardNumber: other.card, itemBarcode: 'S-1' },
      { 'accept-language': 'en' },
    );
    expect(reasonsOf(takenAfterAll)).toEqual([
      {
        code: 'ITEM_ON_HOLD',
        detail: `A requested copy already scanned out: “상호대차 하나”. It cannot be lent here: send it to ${P_NAME_EN}.`,
        params: {
          requestState: 'sent',
          title: '상호대차 하나',
          pickupLibrary: P_NAME,
          pickupLibraryEn: P_NAME_EN,
        },
      },
    ]);
    // Scanned at P's return desk before it is received: not "unknown here" — receive it first.
    const early = await pDesk.post('/api/v1/returns', { itemBarcode: 'S-1' });
    expect(early.statusCode).toBe(409);
    expect(reasonsOf(early)).toEqual([
      {
        code: 'ITEM_NOT_ON_LOAN',
        detail: '아직 도착 처리하지 않은 상호대차 자료입니다: 《상호대차 하나》.',
        params: { requestState: 'sent', title: '상호대차 하나' },
      },
    ]);
    const incoming = (await pDesk.get('/api/v1/requests/lists/incoming')).json().requests;
    expect(incoming).toHaveLength(1);
    expect(incoming[0]).not.toHaveProperty('heldFor');
    const received = await pDesk.post('/api/v1/requests/received', { itemBarcode: 'S-1' });
    // Arrived on Tuesday: three open days of Jinju Yonam after it (closed on Mondays).
    expect(received.json()).toMatchObject({ request: { state: 'arrived' }, transit: null });
    expect(received.json().request.pickupBy).toMatch(/^2026-12-0[45]$/);
    const notice = await t.db
      .selectFrom('notices')
      .select(['kind', 'subject_date'])
      .where('member_id', '=', c.id)
      .where('kind', '=', 'request_arrived')
      .execute();
    expect(notice.length).toBeGreaterThan(0);
    expect((await portal.get('/api/v1/me/requests')).json().requests[0].status).toBe('arrived');
    // On P's pickup shelf list: for whom it waits, masked as the hold shelf shows members.
    expect((await pDesk.get('/api/v1/requests/lists/ready')).json().requests).toEqual([
      expect.objectContaining({ itemBarcode: 'S-1', heldFor: '한*람' }),
    ]);
    // Scanned at P's return desk while it waits: to the pickup shelf, for its member.
    const waiting = await pDesk.post('/api/v1/returns', { itemBarcode: 'S-1' });
    expect(waiting.statusCode).toBe(409);
    const pickupDay = { '2026-12-04': '12월 4일 (금)', '2026-12-05': '12월 5일 (토)' }[
      received.json().request.pickupBy as string
    ];
    expect(reasonsOf(waiting)).toEqual([
      {
        code: 'ITEM_NOT_ON_LOAN',
        detail: `상호대차로 도착해 신청한 회원을 기다리는 자료입니다: 《상호대차 하나》. 한*람 님을 위해 2026년 ${pickupDay}까지 보관합니다.`,
        params: {
          requestState: 'arrived',
          title: '상호대차 하나',
          heldFor: '한*람',
          pickupUntil: received.json().request.pickupBy,
        },
      },
    ]);

    // Collected at P: a loan of Jinju Seobu's copy, counted at Jinju Yonam.
    const lent = await pDesk.post('/api/v1/checkouts', { cardNumber: c.card, itemBarcode: 'S-1' });
    expect(lent.statusCode).toBe(201);
    expect(lent.json().loansLeft).toMatchObject({ here: 4 });
    // Lent here, Jinju Seobu's copy: the receipt says it goes back here or there.
    expect(lent.json().loan).toMatchObject({
      library: { id: P },
      lendingLibrary: { id: L1, nameKo: '진주시립서부도서관', nameEn: 'Jinju Seobu Library' },
    });
    const loan = await t.db
      .selectFrom('loans')
      .select(['library_id', 'pickup_library_id'])
      .where('id', '=', lent.json().loan.id)
      .executeTakeFirstOrThrow();
    expect(loan).toEqual({ library_id: L1, pickup_library_id: P });
    const status = (await pDesk.get(`/api/v1/members/${c.id}/loans`)).json();
    expect(status.byLibrary).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ library: expect.objectContaining({ id: P }), open: 1 }),
      ]),
    );
    expect((await portal.get('/api/v1/me/requests')).json().requests[0].status).toBe('collected');

    // Returned at P (the one exception): the copy travels home.
    const back = await pDesk.post('/api/v1/returns', { itemBarcode: 'S-1' });
    expect(back.statusCode).toBe(200);
    expect(back.json().transit).toMatchObject({ to: { id: L1 } });
    // In the member's history: the lender's loan, and where they collected it.
    const [past] = (await portal.get('/api/v1/me/loan-history')).json().loans;
    expect(past).toMatchObject({
      title: '상호대차 하나',
      library: { id: L1 },
      pickupLibrary: { id: P, nameKo: P_NAME, nameEn: P_NAME_EN },
    });
    // Scanned again at P's return desk (a new scan): not "unknown here" but returned, to send home.
    const backAgain = await pDesk.post('/api/v1/returns', { itemBarcode: 'S-1' });
    expect(backAgain.statusCode).toBe(409);
    expect(reasonsOf(backAgain)).toEqual([
      {
        code: 'ITEM_NOT_ON_LOAN',
        detail:
          '오늘 이미 반납된 자료입니다: 《상호대차 하나》. 상호대차 자료이니 진주시립서부도서관으로 보내 주세요.',
        params: {
          returnedOn: '2026-12-01',
          requestState: 'returning',
          title: '상호대차 하나',
          sendTo: '진주시립서부도서관',
          sendToEn: 'Jinju Seobu Library',
        },
      },
    ]);
    expect((await pDesk.get('/api/v1/requests/lists/outgoing-home')).json().requests).toHaveLength(
      1,
    );
    expect((await l1Desk.get('/api/v1/requests/lists/incoming-home')).json().requests).toHaveLength(
      1,
    );
    // Back home, scanned at the lender's Returns screen: received home first, then shelved.
    const backHome = await l1Desk.post('/api/v1/returns', { itemBarcode: 'S-1' });
    expect(reasonsOf(backHome)).toEqual([
      {
        code: 'ITEM_NOT_ON_LOAN',
        detail:
          '돌아온 상호대차 자료입니다: 《상호대차 하나》. 입고 처리하면 다시 서가의 책이 됩니다.',
        // (its loan was returned at P today)
        params: { requestState: 'returning', title: '상호대차 하나', returnedOn: '2026-12-01' },
      },
    ]);
    const notYet = await l1Desk.post('/api/v1/checkouts', {
      cardNumber: other.card,
      itemBarcode: 'S-1',
    });
    expect(reasonsOf(notYet)).toEqual([
      {
        code: 'ITEM_ON_HOLD',
        detail: '돌아온 상호대차 자료입니다: 《상호대차 하나》. 먼저 입고 처리해 주세요.',
        params: { requestState: 'returning', title: '상호대차 하나' },
      },
    ]);
    const home = await l1Desk.post('/api/v1/requests/received-home', { itemBarcode: 'S-1' });
    expect(home.json().request).toMatchObject({
      state: 'closed',
      outcome: 'completed',
      status: 'returned',
    });
    // Its request closed, the copy is no request's any more.
    const homeAgain = await l1Desk.post('/api/v1/requests/received-home', { itemBarcode: 'S-1' });
    expect(homeAgain.statusCode).toBe(404);
    expect(homeAgain.json().reasons[0]).toMatchObject({
      code: 'ITEM_UNKNOWN',
      detail: '상호대차 신청이 없는 이 도서관의 자료입니다: 《상호대차 하나》.',
      params: { expected: 'a copy on its way home', state: null, request: 'none' },
    });
    // Scanned to send, with no request taking it: this library's copy, for the shelf.
    const notOnPullList = await l1Desk.post('/api/v1/requests/sent', { itemBarcode: 'S-1' });
    expect(notOnPullList.json().reasons[0].detail).toBe(
      '상호대차 신청이 없는 이 도서관의 자료입니다: 《상호대차 하나》.',
    );
    // On the shelf again: Jinju Seobu lends it.
    const lendAgain = await l1Desk.post('/api/v1/checkouts', {
      cardNumber: other.card,
      itemBarcode: 'S-1',
    });
    expect(lendAgain.statusCode).toBe(201);
    await l1Desk.post('/api/v1/returns', { itemBarcode: 'S-1' });
  });

  it("tells a third library's desk whose requested copy it has and where it goes; the loan is returned at its pickup library", async () => {
    const c = await walkIn(pDesk);
    const portal = await memberClient(t.app, c.card, 'member password');
    const placed = await portal.post('/api/v1/me/requests', {
      recordId: await recordOf('S-ASTRAY'),
      pickupLibraryId: P,
    });
    expect(placed.json()).toMatchObject({ lendingLibrary: { id: L1 }, itemBarcode: 'S-ASTRAY' });
    await l1Desk.post('/api/v1/requests/sent', { itemBarcode: 'S-ASTRAY' });
    // The courier leaves it at Gyeongnamdaepyo: not its copy, but its desk learns where it goes.
    const L1_NAME = { owner: '진주시립서부도서관', ownerEn: 'Jinju Seobu Library' };
    const onItsWay = await l2Desk.post('/api/v1/returns', { itemBarcode: 'S-ASTRAY' });
    expect(onItsWay.statusCode).toBe(404);
    expect(reasonsOf(onItsWay)).toEqual([
      {
        code: 'ITEM_UNKNOWN',
        detail: `이 도서관의 자료가 아닙니다: 진주시립서부도서관의 상호대차 자료 《상호대차 길잃음》입니다. ${P_NAME}으로 보내 주세요.`,
        params: {
          title: '상호대차 길잃음',
          ...L1_NAME,
          sendTo: P_NAME,
          sendToEn: P_NAME_EN,
          sendToLibraryId: P,
        },
      },
    ]);
    expect((await pDesk.get('/api/v1/requests/lists/incoming')).json().requests).toEqual(
      expect.arrayContaining([expect.objectContaining({ itemBarcode: 'S-ASTRAY' })]),
    );
    await pDesk.post('/api/v1/requests/received', { itemBarcode: 'S-ASTRAY' });
    const lent = await pDesk.post('/api/v1/checkouts', {
      cardNumber: c.card,
      itemBarcode: 'S-ASTRAY',
    });
    expect(lent.statusCode).toBe(201);
    // On loan, brought to a third library: returned where the member collected it.
    const { phone } = await t.db
      .selectFrom('libraries')
      .select('phone')
      .where('id', '=', P)
      .executeTakeFirstOrThrow();
    const elsewhere = await l2Desk.post('/api/v1/returns', { itemBarcode: 'S-ASTRAY' });
    expect(elsewhere.statusCode).toBe(422);
    expect(elsewhere.json().reasons).toMatchObject([
      {
        code: 'RETURN_AT_LENDING_LIBRARY_ONLY',
        params: { libraryId: P, library: P_NAME, libraryEn: P_NAME_EN, phone },
      },
    ]);
    expect((await pDesk.post('/api/v1/returns', { itemBarcode: 'S-ASTRAY' })).statusCode).toBe(200);
    // On its way home, astray again: to its own library now.
    const homeward = await l2Desk.post(
      '/api/v1/returns',
      { itemBarcode: 'S-ASTRAY' },
      { 'accept-language': 'en' },
    );
    expect(reasonsOf(homeward)).toEqual([
      {
        code: 'ITEM_UNKNOWN',
        detail:
          'Not an item of this library: “상호대차 길잃음” is a requested copy of Jinju Seobu Library. Send it to Jinju Seobu Library.',
        params: {
          title: '상호대차 길잃음',
          ...L1_NAME,
          sendTo: L1_NAME.owner,
          sendToEn: L1_NAME.ownerEn,
          sendToLibraryId: L1,
        },
      },
    ]);
    // Home and received, in no request, astray again: another library's copy not on loan, to
    // send home — at the Returns screen and on the incoming list alike.
    await l1Desk.post('/api/v1/requests/received-home', { itemBarcode: 'S-ASTRAY' });
    const astray = {
      code: 'ITEM_UNKNOWN',
      detail: `이 도서관의 자료가 아닙니다: 진주시립서부도서관의 《상호대차 길잃음》입니다. 대출 중인 자료가 아니니 ${L1_NAME.owner}으로 보내 주세요.`,
      params: {
        title: '상호대차 길잃음',
        ...L1_NAME,
        sendTo: L1_NAME.owner,
        sendToEn: L1_NAME.ownerEn,
        sendToLibraryId: L1,
        request: 'none',
      },
    };
    const shelved = await l2Desk.post('/api/v1/returns', { itemBarcode: 'S-ASTRAY' });
    expect(shelved.statusCode).toBe(404);
    expect(reasonsOf(shelved)).toEqual([astray]);
    const incoming = await l2Desk.post('/api/v1/requests/received', { itemBarcode: 'S-ASTRAY' });
    expect(reasonsOf(incoming)).toEqual([
      {
        ...astray,
        params: { ...astray.params, expected: 'a copy on the incoming list', state: null },
      },
    ]);
    // On loan at home, it is no longer astray anywhere: returned at its library only.
    const reader = await walkIn(l1Desk);
    await l1Desk.post('/api/v1/checkouts', { cardNumber: reader.card, itemBarcode: 'S-ASTRAY' });
    expect((await l2Desk.post('/api/v1/returns', { itemBarcode: 'S-ASTRAY' })).json().code).toBe(
      'RETURN_AT_LENDING_LIBRARY_ONLY',
    );
  });

  it("lends the member their requested copy when the pickup library's own copy has its barcode", async () => {
    // Barcodes are each library's own: another library's copy may carry one of P's.
    await insertCopies(t.db, L1, [{ barcode: 'TWIN-1', title: '쌍둥이 바코드', author: '작가' }]);
    await insertCopies(t.db, P, [{ barcode: 'TWIN-1', title: '여기 있는 책', author: '작가' }]);
    const c = await walkIn(pDesk);
    const portal = await memberClient(t.app, c.card, 'member password');
    const placed = await portal.post('/api/v1/me/requests', {
      recordId: await recordOf('TWIN-1'),
      pickupLibraryId: P,
    });
    expect(placed.json()).toMatchObject({ lendingLibrary: { id: L1 }, itemBarcode: 'TWIN-1' });
    await l1Desk.post('/api/v1/requests/sent', { itemBarcode: 'TWIN-1' });
    await pDesk.post('/api/v1/requests/received', { itemBarcode: 'TWIN-1' });
    // The member collecting it: the copy that came for them, not P's own.
    const lent = await pDesk.post('/api/v1/checkouts', {
      cardNumber: c.card,
      itemBarcode: 'TWIN-1',
    });
    expect(lent.statusCode, lent.body).toBe(201);
    expect(lent.json().loan).toMatchObject({ title: '쌍둥이 바코드' });
    const [request] = (await portal.get('/api/v1/me/requests')).json().requests;
    expect(request).toMatchObject({ title: '쌍둥이 바코드', status: 'collected' });
    // Renewed and returned at P by the barcode: the copy on loan, not P's own on the shelf.
    const renewed = await pDesk.post('/api/v1/renewals', { itemBarcode: 'TWIN-1' });
    expect(renewed.statusCode, renewed.body).toBe(200);
    expect(renewed.json().loan).toMatchObject({ id: lent.json().loan.id });
    const returned = await pDesk.post('/api/v1/returns', { itemBarcode: 'TWIN-1' });
    expect(returned.statusCode, returned.body).toBe(200);
    expect(returned.json().loan).toMatchObject({ id: lent.json().loan.id });
    // Another member at P's desk gets P's own copy.
    const other = await walkIn(pDesk);
    const own = await pDesk.post('/api/v1/checkouts', {
      cardNumber: other.card,
      itemBarcode: 'TWIN-1',
    });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json().loan).toMatchObject({ title: '여기 있는 책' });
    expect(own.json().loan).not.toHaveProperty('lendingLibrary');
  });

  it('keeps a copy whose request was cancelled on its way on the incoming list, until it arrives and goes home', async () => {
    await insertCopies(t.db, L1, [{ barcode: 'S-ONWAY', title: '오는 중에 취소', author: '작가' }]);
    const c = await walkIn(pDesk);
    const portal = await memberClient(t.app, c.card, 'member password');
    const placed = await portal.post('/api/v1/me/requests', {
      recordId: await recordOf('S-ONWAY'),
      pickupLibraryId: P,
    });
    await l1Desk.post('/api/v1/requests/sent', { itemBarcode: 'S-ONWAY' });
    const cancelled = await portal.post(`/api/v1/me/requests/${placed.json().id}/cancellation`);
    expect(cancelled.json()).toMatchObject({ status: 'cancelled', state: 'returning' });
    const list = async (desk: Client, name: string) =>
      (
        (await desk.get(`/api/v1/requests/lists/${name}`)).json().requests as {
          itemBarcode: string;
          status: string;
        }[]
      )
        .filter((r) => r.itemBarcode === 'S-ONWAY')
        .map((r) => r.status);
    // Still travelling to P: P expects it (cancelled), and nobody sends it home yet.
    expect(await list(pDesk, 'incoming')).toEqual(['cancelled']);
    expect(await list(pDesk, 'outgoing-home')).toEqual([]);
    expect(await list(l1Desk, 'incoming-home')).toEqual([]);
    expect(await list(l1Desk, 'away')).toEqual(['cancelled']);
    // Arrived and scanned in at P: the desk is told to send it home, and the lists follow.
    const received = await pDesk.post('/api/v1/requests/received', { itemBarcode: 'S-ONWAY' });
    expect(received.json()).toMatchObject({ transit: { to: { id: L1 } } });
    expect(await list(pDesk, 'incoming')).toEqual([]);
    expect(await list(pDesk, 'outgoing-home')).toEqual(['cancelled']);
    expect(await list(l1Desk, 'incoming-home')).toEqual(['cancelled']);
    expect(await list(l1Desk, 'away')).toEqual([]);
    // Scanned again: the same answer, noted once.
    await pDesk.post('/api/v1/requests/received', { itemBarcode: 'S-ONWAY' });
    const noted = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('subject_kind', '=', 'request')
      .where('subject_id', '=', String(placed.json().id))
      .execute();
    expect(noted.map((e) => e.action)).toEqual([
      'request.placed',
      'request.send',
      'request.cancel',
      'request.receive',
    ]);
    // Home again at L1: on its shelf.
    await l1Desk.post('/api/v1/requests/received-home', { itemBarcode: 'S-ONWAY' });
    expect(await list(l1Desk, 'incoming-home')).toEqual([]);
  });

  it("lists the lending library's copies away at other libraries, from the send scan until they are returned there", async () => {
    await insertCopies(t.db, L1, [
      { barcode: 'S-AWAY', title: '멀리 간 책', author: '작가' },
      { barcode: 'S-STAY', title: '서가에 있는 책', author: '작가' },
    ]);
    const c = await walkIn(pDesk);
    const portal = await memberClient(t.app, c.card, 'member password');
    for (const barcode of ['S-AWAY', 'S-STAY']) {
      const placed = await portal.post('/api/v1/me/requests', {
        recordId: await recordOf(barcode),
        pickupLibraryId: P,
      });
      expect(placed.statusCode, placed.body).toBe(201);
    }
    const away = async () =>
      (
        (await l1Desk.get('/api/v1/requests/lists/away')).json().requests as {
          itemBarcode: string;
          state: string;
          pickupLibrary: { id: number };
          dueDate: string | null;
        }[]
      ).filter((r) => r.itemBarcode.startsWith('S-'));
    // Still on the pull list: not away yet.
    expect(await away()).toEqual([]);
    await l1Desk.post('/api/v1/requests/sent', { itemBarcode: 'S-AWAY' });
    expect(await away()).toEqual([
      expect.objectContaining({
        itemBarcode: 'S-AWAY',
        state: 'sent',
        pickupLibrary: expect.objectContaining({ id: P }),
      }),
    ]);
    await pDesk.post('/api/v1/requests/received', { itemBarcode: 'S-AWAY' });
    expect((await away()).map((r) => r.state)).toEqual(['arrived']);
    const lent = await pDesk.post('/api/v1/checkouts', {
      cardNumber: c.card,
      itemBarcode: 'S-AWAY',
    });
    expect(lent.statusCode, lent.body).toBe(201);
    expect(await away()).toEqual([
      expect.objectContaining({ state: 'collected', dueDate: lent.json().loan.dueDate }),
    ]);
    // Returned at the pickup library: on its way home, on the lender's other list.
    await pDesk.post('/api/v1/returns', { itemBarcode: 'S-AWAY' });
    expect(await away()).toEqual([]);
    const home = (await l1Desk.get('/api/v1/requests/lists/incoming-home')).json().requests;
    expect(home.map((r: { itemBarcode: string }) => r.itemBarcode)).toContain('S-AWAY');
    // Another library's desk does not see the lender's list.
    const atP = (await pDesk.get('/api/v1/requests/lists/away')).json().requests;
    expect(atP.filter((r: { itemBarcode: string }) => r.itemBarcode.startsWith('S-'))).toEqual([]);
  });

  it("names a requested copy at a checkout desk, wherever it is in its request, instead of 'not registered here'", async () => {
    const c = await walkIn(pDesk, { name: '윤세라' });
    const other = await walkIn(pDesk);
    const portal = await memberClient(t.app, c.card, 'member password');
    const lendAt = (at: Client, cardNumber: string, language = 'ko') =>
      at.post(
        '/api/v1/checkouts',
        { cardNumber, itemBarcode: 'S-DESK' },
        { 'accept-language': language },
      );
    // Whose copy it is and where it goes: sent on (astray) or home (returned at P).
    const sendTo = (libraryId: number, sendTo: string, sendToEn: string) => ({
      title: '상호대차 대출 화면',
      owner: '진주시립서부도서관',
      ownerEn: 'Jinju Seobu Library',
      sendTo,
      sendToEn,
      sendToLibraryId: libraryId,
    });
    await portal.post('/api/v1/me/requests', {
      recordId: await recordOf('S-DESK'),
      pickupLibraryId: P,
    });
    await l1Desk.post('/api/v1/requests/sent', { itemBarcode: 'S-DESK' });
    // At P, before it is received: receive it first, even for the member who requested it.
    const early = await lendAt(pDesk, c.card);
    expect(early.statusCode).toBe(409);
    expect(reasonsOf(early)).toEqual([
      {
        code: 'ITEM_ON_HOLD',
        detail:
          '아직 도착 처리하지 않은 상호대차 자료입니다: 《상호대차 대출 화면》. 도착 처리한 뒤 신청한 회원에게만 빌려줄 수 있습니다.',
        params: { requestState: 'sent', title: '상호대차 대출 화면' },
      },
    ]);
    // At a third library's checkout: whose copy it is and where it goes, with the member's own
    // refusals beside it.
    const there = await walkIn(l2Desk);
    const astray = await lendAt(l2Desk, there.card, 'en');
    expect(astray.statusCode).toBe(404);
    expect(reasonsOf(astray)).toEqual([
      {
        code: 'ITEM_UNKNOWN',
        detail: `Not an item of this library: “상호대차 대출 화면” is a requested copy of Jinju Seobu Library. Send it to ${P_NAME_EN}.`,
        params: sendTo(P, P_NAME, P_NAME_EN),
      },
    ]);
    const withOthers = await lendAt(l2Desk, c.card);
    expect(codes(withOthers.json())).toEqual(['CHECK_IN_REQUIRED', 'ITEM_UNKNOWN']);
    expect(withOthers.json().reasons[1].params).toMatchObject({ sendToLibraryId: P });

    // Received at P: on the pickup shelf for its member, not for another one.
    const received = await pDesk.post('/api/v1/requests/received', { itemBarcode: 'S-DESK' });
    const pickupBy: string = received.json().request.pickupBy;
    const pickupDay = { '2026-12-04': '12월 4일 (금)', '2026-12-05': '12월 5일 (토)' }[pickupBy];
    const taken = await lendAt(pDesk, other.card);
    expect(taken.statusCode).toBe(409);
    expect(reasonsOf(taken)).toEqual([
      {
        code: 'ITEM_ON_HOLD',
        detail: `다른 회원이 상호대차로 신청한 자료입니다: 《상호대차 대출 화면》. 윤*라 님을 위해 2026년 ${pickupDay}까지 보관합니다.`,
        params: {
          requestState: 'arrived',
          title: '상호대차 대출 화면',
          heldFor: '윤*라',
          pickupUntil: pickupBy,
        },
      },
    ]);
    const lent = await lendAt(pDesk, c.card);
    expect(lent.statusCode).toBe(201);
    expect((await pDesk.post('/api/v1/returns', { itemBarcode: 'S-DESK' })).statusCode).toBe(200);
    // Returned at P, lent again there by mistake: it goes home.
    const homeward = await lendAt(pDesk, other.card);
    expect(homeward.statusCode).toBe(404);
    expect(reasonsOf(homeward)).toEqual([
      {
        code: 'ITEM_UNKNOWN',
        detail:
          '이 도서관의 자료가 아닙니다: 진주시립서부도서관의 상호대차 자료 《상호대차 대출 화면》입니다. 진주시립서부도서관으로 보내 주세요.',
        params: sendTo(L1, '진주시립서부도서관', 'Jinju Seobu Library'),
      },
    ]);
    // Back home, scanned under the pull list by mistake: which list receives it home.
    const wrongList = await l1Desk.post('/api/v1/requests/sent', { itemBarcode: 'S-DESK' });
    expect(wrongList.json().reasons[0]).toMatchObject({
      code: 'REQUEST_NOT_EXPECTED',
      detail:
        '이 도서관으로 돌아온 상호대차 자료입니다. ‘돌아오는 우리 책’에서 스캔해 입고 처리하세요.',
    });
    // Home and received: an ordinary copy of Jinju Seobu, not P's to lend, like any other.
    await l1Desk.post('/api/v1/requests/received-home', { itemBarcode: 'S-DESK' });
    const plain = await lendAt(pDesk, other.card);
    expect(reasonsOf(plain)).toEqual([
      {
        code: 'ITEM_UNKNOWN',
        detail:
          '다른 도서관의 자료라 여기서는 빌려 줄 수 없습니다: 진주시립서부도서관의 《상호대차 대출 화면》입니다. 책은 진주시립서부도서관으로 보내 주세요.',
        params: {
          ...sendTo(L1, '진주시립서부도서관', 'Jinju Seobu Library'),
          request: 'none',
          at: 'checkout',
        },
      },
    ]);
  });

  it("renews a collected request at its pickup library's desk, under that library's rules and calendar", async () => {
    const c = await walkIn(pDesk);
    const portal = await memberClient(t.app, c.card, 'member password');
    await placeRequest(t.context, member(c.id), {
      recordId: await recordOf('S-RENEW'),
      pickupLibraryId: P,
    });
    await sendByScan(t.context, desk(L1), { itemBarcode: 'S-RENEW' });
    await receiveByScan(t.context, desk(P), { itemBarcode: 'S-RENEW' });
    const lent = await pDesk.post('/api/v1/checkouts', {
      cardNumber: c.card,
      itemBarcode: 'S-RENEW',
    });
    expect(lent.statusCode).toBe(201);
    const lentDue: string = lent.json().loan.dueDate;
    expect(lentDue).toBe('2026-12-15');
    // The checkout's answer shows the loan as the member's next look does: the lender's, lent
    // here, with its title, renewable here (it read "another library's item" until reopened).
    const asLent = lent
      .json()
      .status.openLoans.find((l: { loanId?: number }) => l.loanId === lent.json().loan.id);
    expect(asLent).toMatchObject({
      library: { id: L1, nameKo: '진주시립서부도서관' },
      pickupLibrary: { id: P },
      title: '상호대차 연장',
      itemBarcode: 'S-RENEW',
      renewable: true,
    });
    // Scanned again at that desk: the loan the member has, not "not registered here".
    const again = await pDesk.post('/api/v1/checkouts', {
      cardNumber: c.card,
      itemBarcode: 'S-RENEW',
    });
    expect(codes(again.json())).toEqual(['ITEM_ON_LOAN']);
    // Jinju Yonam renews for 10 days, twice; Jinju Seobu, the lender, keeps 7 days, once.
    const rulesOf = (libraryId: number) =>
      t.db
        .selectFrom('library_loan_rules')
        .select(['renewal_days', 'max_renewals'])
        .where('library_id', '=', libraryId)
        .executeTakeFirstOrThrow();
    const before = { P: await rulesOf(P), L1: await rulesOf(L1) };
    expect(before.L1).toEqual({ renewal_days: 7, max_renewals: 1 });
    await t.db
      .updateTable('library_loan_rules')
      .set({ renewal_days: 10, max_renewals: 2 })
      .where('library_id', '=', P)
      .execute();
    await t.db
      .insertInto('library_holidays')
      .values({
        library_id: P,
        date: '2027-01-05',
        name_ko: '임시 휴관',
        name_en: 'Closed for a day',
      })
      .execute();
    try {
      // The pickup library's desk sees the loan it lent, title and all, and may renew it.
      const status = (await pDesk.get(`/api/v1/members/${c.id}/loans`)).json();
      const seen = status.openLoans.find(
        (l: { loanId?: number }) => l.loanId === lent.json().loan.id,
      );
      expect(seen).toMatchObject({
        library: { id: L1 },
        pickupLibrary: { id: P },
        title: '상호대차 연장',
        itemBarcode: 'S-RENEW',
        renewable: true,
      });
      // A third library neither sees it nor renews it.
      const elsewhere = await l2Desk.post('/api/v1/renewals', { itemBarcode: 'S-RENEW' });
      expect(codes(elsewhere.json())).toEqual(['ITEM_UNKNOWN']);

      const atPickup = await pDesk.post(
        '/api/v1/renewals',
        { itemBarcode: 'S-RENEW' },
        { 'idempotency-key': 'renew-at-pickup' },
      );
      expect(atPickup.statusCode).toBe(200);
      const first = atPickup.json();
      expect(first.loan).toMatchObject({
        previousDueDate: lentDue,
        // 15 December + Jinju Yonam's 10 days (Jinju Seobu's 7 would make it the 22nd).
        dueDate: '2026-12-25',
        renewals: 1,
        renewalsLeft: 1,
      });
      // Still the lender's loan, and the desk's screen shows the member after it.
      expect(first.library.id).toBe(L1);
      expect(first.status.openLoans).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ loanId: first.loan.id, dueDate: first.loan.dueDate }),
        ]),
      );

      // The lender's desk renews it too, by the pickup library's rules (a second renewal).
      const atLender = await l1Desk.post('/api/v1/renewals', { itemBarcode: 'S-RENEW' });
      expect(atLender.statusCode).toBe(200);
      expect(atLender.json().loan).toMatchObject({
        previousDueDate: first.loan.dueDate,
        // 25 December + 10 days is the first Monday of January, when both close; the 5th only
        // Jinju Yonam closes (its own closed day, set above): the 6th.
        dueDate: '2027-01-06',
        renewals: 2,
        renewalsLeft: 0,
      });
      // Its answer carries no status: the standing was read at the pickup library, not its own.
      expect(atLender.json().status).toBeUndefined();
      // The member's portal says where it was picked up, counts it there under that library's
      // rules, and says its renewals are used up.
      const mine = (await portal.get('/api/v1/me/loans')).json();
      expect(
        mine.openLoans.find((l: { loanId?: number }) => l.loanId === first.loan.id),
      ).toMatchObject({
        pickupLibrary: { id: P },
        renewable: false,
        renewalRefusals: [expect.objectContaining({ code: 'RENEWAL_LIMIT' })],
      });
      expect(mine.byLibrary).toEqual([
        expect.objectContaining({
          library: expect.objectContaining({ id: P }),
          open: 1,
          maxRenewals: 2,
        }),
      ]);
      const third = await portal.post(`/api/v1/me/loans/${first.loan.id}/renewal`, {});
      expect(codes(third.json())).toEqual(['RENEWAL_LIMIT']);
    } finally {
      await t.db
        .updateTable('library_loan_rules')
        .set(before.P)
        .where('library_id', '=', P)
        .execute();
      await t.db
        .deleteFrom('library_holidays')
        .where('library_id', '=', P)
        .where('date', '=', '2027-01-05')
        .execute();
    }
    expect((await pDesk.post('/api/v1/returns', { itemBarcode: 'S-RENEW' })).statusCode).toBe(200);
  });

  it('refuses with every reason that applies', async () => {
    const c = await walkIn(pDesk);
    const me = member(c.id);
    const here = await refusalOf(
      placeRequest(t.context, me, { recordId: await recordOf('Y-1'), pickupLibraryId: P }),
    );
    expect(here).toEqual(['REQUEST_HELD_HERE']);
    const notCheckedIn = await refusalOf(
      placeRequest(t.context, me, { recordId: await recordOf('S-2'), pickupLibraryId: L2 }),
    );
    expect(notCheckedIn).toContain('CHECK_IN_REQUIRED');
    const first = await placeRequest(t.context, me, {
      recordId: await recordOf('S-2'),
      pickupLibraryId: P,
    });
    expect(first.lendingLibrary?.id).toBe(L1);
    const duplicate = await refusalOf(
      placeRequest(t.context, me, { recordId: await recordOf('S-2'), pickupLibraryId: P }),
    );
    expect(duplicate).toContain('HOLD_DUPLICATE');
    await placeRequest(t.context, me, { recordId: await recordOf('G-3'), pickupLibraryId: P });
    await placeRequest(t.context, me, { recordId: await recordOf('S-W0'), pickupLibraryId: P });
    const limit = await refusalOf(
      placeRequest(t.context, me, { recordId: await recordOf('S-W1'), pickupLibraryId: P }),
    );
    expect(limit).toEqual(['REQUEST_LIMIT']);
    // G-3 was the only copy of its title: another member finds none.
    const d = await walkIn(pDesk);
    const none = await refusalOf(
      placeRequest(t.context, member(d.id), {
        recordId: await recordOf('G-3'),
        pickupLibraryId: P,
      }),
    );
    expect(none).toEqual(['REQUEST_NOT_AVAILABLE']);
    // Cancelled before it was sent: closed at once, the copy free again.
    for (const r of await t.db
      .selectFrom('inter_library_requests')
      .select('id')
      .where('member_id', '=', c.id)
      .execute()) {
      const cancelled = await cancelRequest(t.context, me, r.id);
      expect(cancelled).toMatchObject({ state: 'closed', status: 'cancelled' });
    }
    expect(await refusalOf(cancelRequest(t.context, member(d.id), first.id))).toEqual([
      'FORBIDDEN',
    ]);
  });

  it('moves a request on at once when its lending library pauses lending, before its send day', async () => {
    const copy = { barcode: 'PAUSE-1', title: '휴관 중인 도서관의 책', author: '작가' };
    await insertCopies(t.db, L1, [copy]);
    await insertCopies(t.db, L2, [{ ...copy, barcode: 'PAUSE-2' }]);
    const c = await walkIn(pDesk);
    const placed = await placeRequest(t.context, member(c.id), {
      recordId: await recordOf('PAUSE-1'),
      pickupLibraryId: P,
    });
    expect(placed).toMatchObject({ lendingLibrary: { id: L1 }, itemBarcode: 'PAUSE-1' });
    expect(await runRequestTimeouts(t.context)).toMatchObject({ moved: 0 });
    // Jinju Seobu closes for works: the network admin pauses its lending.
    const admin = await allDayStaffClient(t.app, 'network-admin');
    const pause = (status: string) => admin.patch(`/api/v1/libraries/${L1}`, { status });
    expect((await pause('planned')).json().status).toBe('planned');
    try {
      // (this file's other requests still waiting on Jinju Seobu move on or end too)
      expect((await runRequestTimeouts(t.context)).moved).toBeGreaterThanOrEqual(1);
      const moved = await t.db
        .selectFrom('inter_library_requests as q')
        .innerJoin('items as i', 'i.id', 'q.item_id')
        .select(['q.lending_library_id', 'q.state', 'q.passed_library_ids', 'i.barcode'])
        .where('q.id', '=', placed.id)
        .executeTakeFirstOrThrow();
      expect(moved).toEqual({
        lending_library_id: L2,
        state: 'requested',
        passed_library_ids: [L1],
        barcode: 'PAUSE-2',
      });
      // On the second library's pull list, gone from the paused one's.
      const pull = async (desk: Client) =>
        (
          (await desk.get('/api/v1/requests/lists/pull')).json().requests as {
            itemBarcode: string;
          }[]
        )
          .map((r) => r.itemBarcode)
          .filter((b) => b.startsWith('PAUSE-'));
      expect(await pull(l2Desk)).toEqual(['PAUSE-2']);
      expect(await pull(l1Desk)).toEqual([]);
    } finally {
      expect((await pause('participating')).json().status).toBe('participating');
    }
  });

  it('moves on when the lender does not send in time, and counts no-shows into a ban', async () => {
    const c = await walkIn(pDesk);
    const me = member(c.id);
    const placed = await placeRequest(t.context, me, {
      recordId: await recordOf('S-W2'),
      pickupLibraryId: P,
    });
    expect(placed.lendingLibrary?.id).toBe(L1);
    t.clock.setBusinessDate(placed.sendBy!);
    expect((await runRequestTimeouts(t.context)).moved).toBe(0);
    t.clock.setBusinessDate('2026-12-10');
    expect(await runRequestTimeouts(t.context)).toMatchObject({ moved: 1 });
    const moved = await t.db
      .selectFrom('inter_library_requests')
      .select(['lending_library_id', 'state', 'passed_library_ids'])
      .where('id', '=', placed.id)
      .executeTakeFirstOrThrow();
    expect(moved).toMatchObject({
      lending_library_id: L2,
      state: 'requested',
      passed_library_ids: [L1],
    });
    // Not sent by the second library either, and no other copy: not filled, the member told.
    t.clock.setBusinessDate('2026-12-20');
    expect(await runRequestTimeouts(t.context)).toMatchObject({ unfilled: 1 });
    const told = await t.db
      .selectFrom('notices')
      .select('kind')
      .where('member_id', '=', c.id)
      .where('kind', '=', 'request_cancelled')
      .execute();
    expect(told.length).toBeGreaterThan(0);

    // Three copies arrive and are never collected: three no-shows → no requests for 30 days.
    for (const n of [3, 4, 5]) {
      const r = await placeRequest(t.context, me, {
        recordId: await recordOf(`S-W${n}`),
        pickupLibraryId: P,
      });
      await sendByScan(t.context, desk(r.lendingLibrary!.id), { itemBarcode: r.itemBarcode! });
      const arrived = await receiveByScan(t.context, desk(P), { itemBarcode: r.itemBarcode! });
      t.clock.setBusinessDate(arrived.request.pickupBy!);
      await runRequestTimeouts(t.context);
      expect(
        (
          await t.db
            .selectFrom('inter_library_requests')
            .select('state')
            .where('id', '=', r.id)
            .executeTakeFirstOrThrow()
        ).state,
      ).toBe('arrived');
      t.clock.setBusinessDate(
        new Date(new Date(`${arrived.request.pickupBy}T12:00:00+09:00`).getTime() + 86_400_000)
          .toISOString()
          .slice(0, 10),
      );
      expect(await runRequestTimeouts(t.context)).toMatchObject({ noShows: 1 });
      if (n === 3) {
        // Never collected, scanned at P's return desk: not "unknown here" — send it home.
        const leftOver = await pDesk.post(
          '/api/v1/returns',
          { itemBarcode: r.itemBarcode! },
          { 'accept-language': 'en' },
        );
        expect(leftOver.statusCode).toBe(409);
        expect(reasonsOf(leftOver)).toEqual([
          {
            code: 'ITEM_NOT_ON_LOAN',
            detail:
              'A requested copy that is not on loan: “상호대차 걷기 3”. Send it to Jinju Seobu Library.',
            params: {
              requestState: 'returning',
              title: '상호대차 걷기 3',
              sendTo: '진주시립서부도서관',
              sendToEn: 'Jinju Seobu Library',
            },
          },
        ]);
      }
      const home = await receiveHomeByScan(t.context, desk(r.lendingLibrary!.id), {
        itemBarcode: r.itemBarcode!,
      });
      expect(home.request).toMatchObject({ state: 'closed', outcome: 'no_show' });
    }
    const banned = await refusalOf(
      placeRequest(t.context, me, { recordId: await recordOf('G-W0'), pickupLibraryId: P }),
    );
    expect(banned).toEqual(['REQUEST_BANNED']);
  });

  it('keeps one consistent state when desks, members and machines act at the same instant', async () => {
    t.clock.set('2027-02-02T10:00:00+09:00');
    // Two members race for the last copy of a title: one request, one refusal.
    const a = await walkIn(pDesk);
    const b = await walkIn(pDesk);
    const recordId = await recordOf('S-RACE');
    const raced = await Promise.allSettled([
      placeRequest(t.context, member(a.id), { recordId, pickupLibraryId: P }),
      placeRequest(t.context, member(b.id), { recordId, pickupLibraryId: P }),
    ]);
    expect(raced.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const winner = raced.find((r) => r.status === 'fulfilled')!.value;
    const loser = raced.find((r) => r.status === 'rejected')!.reason as AppError;
    expect(loser.code).toBe('REQUEST_NOT_AVAILABLE');
    // A send and a cancel at the same instant, twice over: one consistent end.
    const owner = await t.db
      .selectFrom('inter_library_requests')
      .select('member_id')
      .where('id', '=', winner.id)
      .executeTakeFirstOrThrow();
    const [sent, cancelled, sentTwice] = await Promise.allSettled([
      sendByScan(t.context, desk(L1), { itemBarcode: 'S-RACE' }),
      cancelRequest(t.context, member(owner.member_id!), winner.id),
      sendByScan(t.context, desk(L1), { itemBarcode: 'S-RACE' }),
    ]);
    const row = await t.db
      .selectFrom('inter_library_requests')
      .select(['state', 'outcome'])
      .where('id', '=', winner.id)
      .executeTakeFirstOrThrow();
    const sends = [sent, sentTwice].filter((r) => r.status === 'fulfilled').length;
    expect(sends).toBeLessThanOrEqual(1);
    expect(cancelled.status).toBe('fulfilled');
    // Cancelled before the send: closed, nothing sent; after it: the copy travels home.
    expect(row).toEqual(
      sends === 1
        ? { state: 'returning', outcome: 'cancelled' }
        : { state: 'closed', outcome: 'cancelled' },
    );
    if (sends === 1) {
      // Two desks scan it at once (P passes it on, L1 receives it home): received once.
      const both = await Promise.allSettled([
        receiveHomeByScan(t.context, desk(L1), { itemBarcode: 'S-RACE' }),
        receiveHomeByScan(t.context, desk(L1, 2), { itemBarcode: 'S-RACE' }),
      ]);
      expect(both.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    }
    // A checkout at the lender and a request at the same instant: never both on one copy.
    const c = await walkIn(l1Desk);
    const d = await walkIn(pDesk);
    const [lent, requested] = await Promise.allSettled([
      checkout(t.context, desk(L1), { cardNumber: c.card, itemBarcode: 'S-RACE' }),
      placeRequest(t.context, member(d.id), { recordId, pickupLibraryId: P }),
    ]);
    expect([lent.status, requested.status]).toContain('fulfilled');
    expect([lent.status, requested.status]).toContain('rejected');
    if (lent.status === 'fulfilled') {
      await returnItem(t.context, desk(L1), { itemBarcode: 'S-RACE' });
    }
  });

  it('a seeded walk of the state machine never puts a copy in two open requests nor loses one', async () => {
    t.clock.set('2027-03-02T10:00:00+09:00');
    const walkers = await Promise.all([walkIn(pDesk), walkIn(pDesk), walkIn(pDesk)]);
    const titles = await Promise.all(['G-W1', 'G-W2', 'G-W3', 'G-W4'].map(recordOf));
    // mulberry32, seeded: the same walk every run.
    let seed = 20;
    const random = (n: number) => {
      seed = (seed + 0x6d2b79f5) | 0;
      let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
      return Math.floor((((x ^ (x >>> 14)) >>> 0) / 4_294_967_296) * n);
    };
    const ops = [
      'place',
      'send',
      'receive',
      'collect',
      'return',
      'home',
      'cancel',
      'tick',
    ] as const;
    for (let i = 0; i < 120; i++) {
      const who = walkers[random(walkers.length)]!;
      const pickAny = ops[random(ops.length)]!;
      const open = await t.db
        .selectFrom('inter_library_requests as q')
        .innerJoin('items as i', 'i.id', 'q.item_id')
        .select(['q.id', 'q.state', 'q.member_id', 'q.lending_library_id', 'i.barcode'])
        .where('q.state', '<>', 'closed')
        .where('q.record_id', 'in', titles)
        .execute();
      const pick = open[random(Math.max(1, open.length))];
      // Mostly the step the request's state calls for, else anything (refused or not).
      const natural = {
        requested: 'send',
        sent: 'receive',
        arrived: 'collect',
        collected: 'return',
        returning: 'home',
      } as const;
      const op = !pick
        ? 'place'
        : random(4) === 0
          ? pickAny
          : (natural[pick.state as keyof typeof natural] ?? pickAny);
      const lender = pick ? desk(pick.lending_library_id!) : desk(L1);
      const barcode = pick?.barcode ?? 'none';
      const card = (id: number | null) =>
        t.db
          .selectFrom('cards')
          .select('number')
          .where('member_id', '=', id ?? 0)
          .where('status', '=', 'valid')
          .executeTakeFirst();
      const refused = await refusalOf(
        (async () => {
          switch (op) {
            case 'place':
              return placeRequest(t.context, member(who.id), {
                recordId: titles[random(titles.length)]!,
                pickupLibraryId: P,
              });
            case 'send':
              return sendByScan(t.context, lender, { itemBarcode: barcode });
            case 'receive':
              return receiveByScan(t.context, desk(P), { itemBarcode: barcode });
            case 'collect': {
              const number = (await card(pick?.member_id ?? null))?.number;
              return (
                number && checkout(t.context, desk(P), { cardNumber: number, itemBarcode: barcode })
              );
            }
            case 'return':
              return returnItem(t.context, random(2) ? desk(P) : lender, { itemBarcode: barcode });
            case 'home':
              return receiveHomeByScan(t.context, lender, { itemBarcode: barcode });
            case 'cancel':
              return pick && cancelRequest(t.context, member(pick.member_id!), pick.id);
            case 'tick':
              t.clock.set(new Date(t.clock.now().getTime() + 86_400_000));
              return runRequestTimeouts(t.context);
          }
        })(),
      );
      if (process.env.WALK_DEBUG) console.log(i, op, pick?.state, barcode, refused);
      // Invariants: one open request per copy; a collected request has its open loan, and a
      // copy on loan through a request is in a collected one; a closed request's copy is free.
      const broken = await t.db
        .selectFrom('items as i')
        .select('i.barcode')
        .where('i.barcode', 'like', 'G-W%')
        .where((eb) =>
          eb.or([
            eb(
              eb
                .selectFrom('inter_library_requests as q')
                .select(eb.fn.countAll().as('n'))
                .whereRef('q.item_id', '=', 'i.id')
                .where('q.state', '<>', 'closed'),
              '>',
              1,
            ),
            eb.exists(
              eb
                .selectFrom('inter_library_requests as q')
                .select('q.id')
                .whereRef('q.item_id', '=', 'i.id')
                .where('q.state', '=', 'collected')
                .where((w) =>
                  w.not(
                    w.exists(
                      w
                        .selectFrom('loans as o')
                        .select('o.id')
                        .whereRef('o.id', '=', 'q.loan_id')
                        .where('o.returned_at', 'is', null),
                    ),
                  ),
                ),
            ),
            eb.exists(
              eb
                .selectFrom('loans as o')
                .select('o.id')
                .whereRef('o.item_id', '=', 'i.id')
                .where('o.returned_at', 'is', null)
                .where('o.pickup_library_id', 'is not', null)
                .where((w) =>
                  w.not(
                    w.exists(
                      w
                        .selectFrom('inter_library_requests as q')
                        .select('q.id')
                        .whereRef('q.loan_id', '=', 'o.id')
                        .where('q.state', '=', 'collected'),
                    ),
                  ),
                ),
            ),
          ]),
        )
        .execute();
      expect(broken, `step ${i}: ${op}`).toEqual([]);
    }
    // The walk went through the whole flow, not only refusals.
    const steps = await t.db
      .selectFrom('audit_events')
      .select('action')
      .distinct()
      .where('action', 'like', 'request.%')
      .where('at', '>=', new Date('2027-03-02T00:00:00+09:00'))
      .execute();
    expect(steps.map((s) => s.action)).toEqual(
      expect.arrayContaining([
        'request.placed',
        'request.send',
        'request.receive',
        'request.cancel',
      ]),
    );
    const collected = await t.db
      .selectFrom('inter_library_requests')
      .select('id')
      .where('record_id', 'in', titles)
      .where('collected_at', 'is not', null)
      .execute();
    expect(collected.length).toBeGreaterThan(0);
  });

  it('pure rules: the lending library, the ban, the state machine', () => {
    const c = (libraryId: number, regionId: number, toSend: number) => ({
      libraryId,
      regionId,
      itemId: libraryId * 10,
      toSend,
    });
    expect(chooseLendingLibrary([c(1, 9, 0), c(2, 5, 3), c(3, 5, 1)], 5)?.libraryId).toBe(3);
    expect(chooseLendingLibrary([c(1, 9, 0), c(2, 9, 3)], 5)?.libraryId).toBe(1);
    expect(chooseLendingLibrary([c(1, 9, 0)], 5, new Set([1]))).toBeNull();
    const rules = { noShowLimit: 3, noShowWindowDays: 30, banDays: 30 };
    expect(
      requestBannedUntil(['2026-12-01', '2026-12-10', '2026-12-20'], '2026-12-21', rules),
    ).toBe('2027-01-18');
    expect(
      requestBannedUntil(['2026-11-01', '2026-12-10', '2026-12-20'], '2026-12-21', rules),
    ).toBeNull();
    expect(
      requestBannedUntil(['2026-12-01', '2026-12-10', '2026-12-20'], '2027-01-19', rules),
    ).toBeNull();
    expect(nextStep({ state: 'sent', outcome: null }, 'cancel')).toEqual({
      state: 'returning',
      outcome: 'cancelled',
    });
    expect(nextStep({ state: 'collected', outcome: null }, 'cancel')).toBeNull();
    expect(
      nextStep({ state: 'requested', outcome: null }, 'send-deadline', { anotherCopy: false }),
    ).toEqual({
      state: 'closed',
      outcome: 'unfilled',
    });
  });
});
