import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { placeRequest, sendByScan } from '../../src/modules/requests/requests.js';
import { DEMO_TERMINAL_PASSWORD } from '../../src/modules/terminals/terminals.js';
import { DEMO_MEMBER_PIN, demoCardNumber } from '../../src/seed/demo-accounts.js';
import {
  buildRequestAcsResend,
  encodeLine,
  parsePatronStatus,
  patronStatus,
} from '../../src/sip2/codec.js';
import { testDatabaseKind } from '../support/database.js';
import { reasonsOf, staffClient } from '../support/http.js';
import {
  addItems,
  GN,
  RawConnection,
  type Sip2TestBed,
  startSip2TestBed,
  TONGYEONG,
  YONAM,
} from './support.js';

const MINJUN = demoCardNumber(1); // home: Gyeongnamdaepyo, checked in at Jinju Yonam
const SEOYEON = demoCardNumber(2); // home: Jinju Yonam

/** Minjun asks for the title of a copy to be sent to Jinju Yonam (an inter-library request). */
async function minjunRequestsAtYonam(bed: Sip2TestBed, barcode: string) {
  const item = await bed.t.db
    .selectFrom('items')
    .select('record_id')
    .where('barcode', '=', barcode)
    .executeTakeFirstOrThrow();
  const card = await bed.t.db
    .selectFrom('cards')
    .select('member_id')
    .where('number', '=', MINJUN)
    .executeTakeFirstOrThrow();
  return placeRequest(
    bed.t.context,
    { kind: 'member', memberId: card.member_id },
    { recordId: item.record_id, pickupLibraryId: await bed.libraryId(YONAM) },
  );
}

/** The audit pseudonym of the member holding a card (the log names members only by it). */
async function pseudonymOfCard(bed: Sip2TestBed, card: string) {
  const row = await bed.t.db
    .selectFrom('cards')
    .innerJoin('members', 'members.id', 'cards.member_id')
    .select('members.audit_pseudonym')
    .where('cards.number', '=', card)
    .executeTakeFirstOrThrow();
  return row.audit_pseudonym;
}
const PIN = DEMO_MEMBER_PIN;
const CLEAR = patronStatus();

describe(`SIP2 session over TCP (${testDatabaseKind})`, () => {
  let bed: Sip2TestBed;
  beforeAll(async () => {
    bed = await startSip2TestBed();
    // These tests send requests without a PIN on purpose, about other rules; the network rule
    // "machines require the PIN" (on by default) has its own tests in pin-policy.test.ts.
    await bed.t.db.updateTable('network_rules').set({ machines_require_pin: false }).execute();
    await addItems(bed.t.db, GN, [
      { barcode: 'GN-0001', title: '채식주의자' },
      { barcode: 'GN-0002', title: '소년이 온다' },
      { barcode: 'GN-REF1', title: '표준국어대사전', loanable: false },
    ]);
    await addItems(bed.t.db, YONAM, [{ barcode: 'JY-0001', title: '작별하지 않는다' }]);
  });
  afterAll(async () => bed?.close());

  it('answers only 93 and 99 before login, then binds the connection to its library', async () => {
    const client = await bed.client({ institutionId: GN });
    const before = await client.patronStatus({ patronIdentifier: MINJUN, patronPassword: PIN });
    expect(before).toMatchObject({ code: '24', validPatron: false, personalName: '' });
    expect(before.patronStatus.chargePrivilegesDenied).toBe(true);
    expect(before.screenMessage).toMatch(/^\[UNAUTHENTICATED\]/);
    const refusedCheckout = await client.checkout({
      patronIdentifier: MINJUN,
      itemIdentifier: 'GN-0001',
    });
    expect(refusedCheckout).toMatchObject({ code: '12', ok: false, desensitize: false });
    const anonymousStatus = await client.scStatus();
    expect(anonymousStatus).toMatchObject({
      onlineStatus: true,
      checkoutOk: false,
      institutionId: '',
    });

    expect(
      await client.login({ loginUserId: 'gyeongnamdaepyo-sc1', loginPassword: 'wrong password' }),
    ).toEqual({ code: '94', ok: false });
    expect(
      await client.login({
        loginUserId: 'GYEONGNAMDAEPYO-SC1',
        loginPassword: DEMO_TERMINAL_PASSWORD,
      }),
    ).toEqual({ code: '94', ok: true });

    const status = await client.scStatus();
    expect(status).toMatchObject({
      onlineStatus: true,
      checkinOk: true,
      checkoutOk: true,
      acsRenewalPolicy: true,
      statusUpdateOk: false,
      offlineOk: false,
      protocolVersion: '2.00',
      institutionId: GN,
      libraryName: '경남대표도서관',
      terminalLocation: 'gyeongnamdaepyo-sc1',
    });
    expect(status.supportedMessages).toMatchObject({
      checkout: true,
      checkin: true,
      renew: true,
      renewAll: true,
      blockPatron: true,
      patronEnable: true,
      patronInformation: true,
      itemInformation: true,
      requestScAcsResend: true,
      hold: true,
      feePaid: false,
      itemStatusUpdate: false,
    });
    // The refusal before login was not a login: nothing was lent.
    const loans = await bed.t.db.selectFrom('loans').selectAll().execute();
    expect(loans).toEqual([]);
  });

  it('serves a member through patron status, checkout, item information, patron information, renew, renew all, checkin and end session', async () => {
    const gn = await bed.terminal(GN);
    const status = await gn.patronStatus({ patronIdentifier: MINJUN, patronPassword: PIN });
    expect(status).toMatchObject({
      code: '24',
      patronStatus: CLEAR,
      language: '020',
      institutionId: GN,
      patronIdentifier: MINJUN,
      personalName: '김민준',
      validPatron: true,
      validPatronPassword: true,
    });
    expect(status.screenMessage).toContain('5권');

    const lent = await gn.checkout({
      patronIdentifier: MINJUN,
      itemIdentifier: 'GN-0001',
      patronPassword: PIN,
    });
    expect(lent).toMatchObject({
      code: '12',
      ok: true,
      renewalOk: false,
      desensitize: true,
      institutionId: GN,
      itemIdentifier: 'GN-0001',
      titleIdentifier: '채식주의자',
      dueDate: '2026-12-15',
    });
    // The due date field (AH) keeps the protocol's format; the screen (AF) is written for a person.
    expect(lent.screenMessage).toContain('반납 예정일은 2026년 12월 15일 (화)입니다.');
    expect(lent.screenMessage).not.toMatch(/\d{4}-\d{2}-\d{2}/);

    expect(await gn.itemInformation({ itemIdentifier: 'GN-0001' })).toMatchObject({
      code: '18',
      circulationStatus: '04',
      dueDate: '2026-12-15',
      titleIdentifier: '채식주의자',
      permanentLocation: GN,
    });
    expect(await gn.itemInformation({ itemIdentifier: 'GN-0002' })).toMatchObject({
      circulationStatus: '03',
      titleIdentifier: '소년이 온다',
    });
    const reference = await gn.itemInformation({ itemIdentifier: 'GN-REF1' });
    expect(reference.screenMessage).toMatch(/^\[ITEM_NOT_LOANABLE\]/);
    const unknown = await gn.itemInformation({ itemIdentifier: 'NOPE-1' });
    expect(unknown).toMatchObject({ circulationStatus: '01', titleIdentifier: '' });
    expect(unknown.screenMessage).toMatch(/^\[ITEM_UNKNOWN\]/);

    const info = await gn.patronInformation({
      patronIdentifier: MINJUN,
      patronPassword: PIN,
      summary: 'charged',
    });
    expect(info).toMatchObject({
      code: '64',
      chargedItemsCount: 1,
      overdueItemsCount: 0,
      chargedItems: ['GN-0001'],
      overdueItems: [],
      chargedItemsLimit: 5,
      validPatron: true,
      validPatronPassword: true,
      personalName: '김민준',
    });
    // The card alone, at a machine whose session never verified its PIN: no name, no titles.
    const elsewhere = await bed.terminal(GN);
    const withoutPin = await elsewhere.patronInformation({
      patronIdentifier: MINJUN,
      summary: 'charged',
    });
    expect(withoutPin).toMatchObject({ chargedItemsCount: 1, chargedItems: [], personalName: '' });
    expect(withoutPin.validPatronPassword).toBeUndefined();
    // This machine verified it in this patron session (its screen refreshes without the PIN).
    const refreshed = await gn.patronInformation({ patronIdentifier: MINJUN, summary: 'charged' });
    expect(refreshed).toMatchObject({ chargedItems: ['GN-0001'], personalName: '김민준' });

    const renewed = await gn.renew({
      patronIdentifier: MINJUN,
      itemIdentifier: 'GN-0001',
      patronPassword: PIN,
    });
    expect(renewed).toMatchObject({
      code: '30',
      ok: true,
      renewalOk: true,
      dueDate: '2026-12-22',
      titleIdentifier: '채식주의자',
    });
    // A machine that got no answer sends the renewal again: answered as renewed, renewed once.
    const again = await gn.renew({ patronIdentifier: MINJUN, itemIdentifier: 'GN-0001' });
    expect(again).toMatchObject({ ok: true, renewalOk: true, dueDate: '2026-12-22' });
    expect(again.screenMessage).toBe(
      '오늘 이미 연장한 자료입니다. 반납 예정일은 2026년 12월 22일 (화)입니다.',
    );
    expect(
      await bed.t.db.selectFrom('loans').select(['due_date', 'renewals']).executeTakeFirst(),
    ).toEqual({ due_date: '2026-12-22', renewals: 1 });

    await gn.checkout({ patronIdentifier: MINJUN, itemIdentifier: 'GN-0002' });
    // The next day, the one renewal of GN-0001 is used up.
    const today = bed.t.clock.now();
    bed.t.clock.advanceDays(1);
    const later = await gn.renew({ patronIdentifier: MINJUN, itemIdentifier: 'GN-0001' });
    expect(later).toMatchObject({ ok: false, renewalOk: false });
    expect(later.screenMessage).toMatch(/^\[RENEWAL_LIMIT\]/);
    const all = await gn.renewAll({ patronIdentifier: MINJUN, patronPassword: PIN });
    expect(all).toMatchObject({
      code: '66',
      ok: true,
      renewedCount: 1,
      unrenewedCount: 1,
      renewedItems: ['GN-0002'],
      unrenewedItems: ['GN-0001'],
    });
    expect(all.screenMessage).toContain('GN-0001: [RENEWAL_LIMIT]');
    // Renew all sent again: what it renewed is renewed, once.
    expect(await gn.renewAll({ patronIdentifier: MINJUN, patronPassword: PIN })).toMatchObject({
      renewedItems: ['GN-0002'],
      unrenewedItems: ['GN-0001'],
    });
    bed.t.clock.set(today);

    const returned = await gn.checkin({ itemIdentifier: 'GN-0001', currentLocation: '' });
    expect(returned).toMatchObject({
      code: '10',
      ok: true,
      resensitize: true,
      alert: false,
      titleIdentifier: '채식주의자',
      permanentLocation: GN,
    });
    expect(returned.screenMessage).toBe('반납되었습니다.');
    const returnEvents = () =>
      bed.t.db
        .selectFrom('audit_events')
        .select('id')
        .where('action', '=', 'loan.returned')
        .execute();
    const returnsBefore = (await returnEvents()).length;
    // A machine that got no answer sends its 09 again: answered as returned, returned once.
    const twice = await gn.checkin({ itemIdentifier: 'GN-0001', currentLocation: '' });
    expect(twice).toMatchObject({
      ok: true,
      resensitize: true,
      alert: false,
      titleIdentifier: '채식주의자',
    });
    expect(twice.screenMessage).toBe('오늘 이미 반납된 자료입니다.');
    expect(await returnEvents()).toHaveLength(returnsBefore);
    await gn.checkin({ itemIdentifier: 'GN-0002', currentLocation: '' });

    expect(await gn.endSession({ patronIdentifier: MINJUN })).toMatchObject({
      code: '36',
      endSession: true,
      patronIdentifier: MINJUN,
    });

    const audit = await bed.t.db
      .selectFrom('audit_events')
      .select(['actor_kind', 'actor_id', 'library_id', 'action'])
      .where('action', 'in', ['loan.checked_out', 'loan.renewed', 'loan.returned'])
      .execute();
    const terminal = await bed.t.db
      .selectFrom('terminals')
      .select('id')
      .where('username', '=', 'gyeongnamdaepyo-sc1')
      .executeTakeFirstOrThrow();
    // two checkouts, two renewals, two returns
    expect(audit.length).toBe(6);
    for (const event of audit)
      expect(event).toMatchObject({
        actor_kind: 'terminal',
        actor_id: terminal.id,
        library_id: await bed.libraryId(GN),
      });
  });

  it('answers a checkout sent again the same day as the loan it made, never renewing it, and cancels a checkout', async () => {
    const gn = await bed.terminal(GN);
    const first = await gn.checkout({ patronIdentifier: MINJUN, itemIdentifier: 'GN-0002' });
    expect(first).toMatchObject({ ok: true, dueDate: '2026-12-15' });
    // A machine that got no answer sends its 11 again, with or without the renewal policy: the
    // loan it made is answered again as it stands, and the member keeps their renewal.
    for (const scRenewalPolicy of [false, true]) {
      const again = await gn.checkout({
        patronIdentifier: MINJUN,
        itemIdentifier: 'GN-0002',
        scRenewalPolicy,
      });
      expect(again).toMatchObject({
        ok: true,
        renewalOk: false,
        desensitize: true,
        dueDate: '2026-12-15',
        titleIdentifier: '소년이 온다',
      });
      // The screen says so: the member at the machine sees it was lent, and when it is due.
      expect(again.screenMessage).toBe(
        first.screenMessage?.replace(
          '대출되었습니다. 반납 예정일은',
          '오늘 이미 빌린 자료입니다. 반납 예정일은',
        ),
      );
      expect(again.screenMessage).toContain('2026년 12월 15일 (화)');
    }
    const loans = await bed.t.db
      .selectFrom('loans')
      .select(['due_date', 'renewals'])
      .where('returned_at', 'is', null)
      .execute();
    expect(loans).toEqual([{ due_date: '2026-12-15', renewals: 0 }]);
    // Somebody else's loan is never renewed, nor answered as theirs, by a checkout.
    const stranger = await gn.checkout({
      patronIdentifier: SEOYEON,
      itemIdentifier: 'GN-0002',
      scRenewalPolicy: true,
    });
    expect(stranger.ok).toBe(false);
    expect(stranger.screenMessage).toContain('[ITEM_ON_LOAN]');

    const cancelled = await gn.checkout({
      patronIdentifier: MINJUN,
      itemIdentifier: 'GN-0002',
      cancel: true,
    });
    expect(cancelled).toMatchObject({ ok: true, desensitize: false });
    // The cancel sent again: cancelled, not "not on loan".
    const cancelledAgain = await gn.checkout({
      patronIdentifier: MINJUN,
      itemIdentifier: 'GN-0002',
      cancel: true,
    });
    expect(cancelledAgain).toEqual(cancelled);
    expect((await gn.itemInformation({ itemIdentifier: 'GN-0002' })).circulationStatus).toBe('03');
  });

  it('renews, on a later day, an item the patron already has when the SC renewal policy allows it, once', async () => {
    const gn = await bed.terminal(GN);
    const lentOn = bed.t.clock.now();
    expect(
      await gn.checkout({ patronIdentifier: MINJUN, itemIdentifier: 'GN-0001' }),
    ).toMatchObject({ ok: true, dueDate: '2026-12-15', titleIdentifier: '채식주의자' });
    bed.t.clock.advanceDays(1);
    try {
      const plain = await gn.checkout({ patronIdentifier: MINJUN, itemIdentifier: 'GN-0001' });
      expect(plain).toMatchObject({ ok: false });
      expect(plain.screenMessage).toMatch(/^\[ITEM_ON_LOAN\]/);
      const renewal = await gn.checkout({
        patronIdentifier: MINJUN,
        itemIdentifier: 'GN-0001',
        scRenewalPolicy: true,
      });
      expect(renewal).toMatchObject({
        ok: true,
        renewalOk: true,
        desensitize: true,
        dueDate: '2026-12-22',
      });
      // That 11 sent again: the renewal it made, answered again (not a second renewal).
      const resent = await gn.checkout({
        patronIdentifier: MINJUN,
        itemIdentifier: 'GN-0001',
        scRenewalPolicy: true,
      });
      expect(resent).toMatchObject({ ok: true, renewalOk: true, dueDate: '2026-12-22' });
      expect(resent.screenMessage).toMatch(/^오늘 이미 연장한 자료입니다/);
      expect(
        await bed.t.db
          .selectFrom('loans')
          .select('renewals')
          .where('returned_at', 'is', null)
          .executeTakeFirst(),
      ).toEqual({ renewals: 1 });
      expect(await gn.checkin({ itemIdentifier: 'GN-0001', currentLocation: '' })).toMatchObject({
        ok: true,
      });
    } finally {
      bed.t.clock.set(lentOn);
    }
  });

  it('answers with error detection, asks again (96) for a bad checksum, and resends the last answer (97)', async () => {
    const raw = await RawConnection.open(bed.server.port);
    const good = new TextDecoder().decode(
      encodeLine('9900302.00', { errorDetection: true, sequence: 4 }),
    );
    raw.write(good);
    const answer = await raw.line();
    expect(answer).toMatch(/^98YNNYNN.*AY4AZ[0-9A-F]{4}$/);
    raw.write('9900302.00AY5AZ0000\r');
    expect(await raw.line()).toBe('96AZFEF6');
    raw.write(encodeLine('97', { errorDetection: true }));
    expect(await raw.line()).toBe('96AZFEF6');
    raw.write(good);
    const second = await raw.line();
    raw.write('97\r');
    expect(await raw.line()).toBe(second);
    raw.write('9900302.00\r');
    expect(await raw.line()).not.toMatch(/AZ/);
    raw.close();

    const client = await bed.terminal(GN);
    await client.scStatus();
    const resent = await client.send(buildRequestAcsResend());
    expect(resent.code).toBe('98');
  });

  it('refuses a hold change, item status updates and fee payments with well-formed answers', async () => {
    const gn = await bed.terminal(GN);
    const date = '20261201    120000';
    // Holds are placed (+) and cancelled (-); a change (*) is not supported (test/sip2/holds.test.ts).
    const hold = await gn.sendLine(`15*${date}AO${GN}|AA${MINJUN}|ABGN-0001|`);
    expect(hold).toMatchObject({ code: '16', ok: false, available: false });
    expect(hold.code === '16' && hold.screenMessage).toContain('(지원하지 않는 요청 15 *)');
    const statusUpdate = await gn.sendLine(`19${date}AO${GN}|ABGN-0001|AC|CHx|`);
    expect(statusUpdate).toMatchObject({ code: 'unsupported', commandIdentifier: '20' });
    const fee = await gn.sendLine(`37${date}0101KRWBV1000|AO${GN}|AA${MINJUN}|`);
    expect(fee).toMatchObject({ code: 'unsupported', commandIdentifier: '38' });
    for (const answer of [statusUpdate, fee]) {
      if (answer.code !== 'unsupported') throw new Error('expected an unsupported answer');
      expect(answer.fields.find((f) => f.id === 'AF')?.value).toContain(
        '이 기기에서는 할 수 없는 일입니다. 안내데스크에 문의해 주세요.',
      );
    }
  });

  it('blocks a card from the machine until staff clear it, and a terminal cannot re-enable it', async () => {
    const yonam = await bed.terminal(YONAM);
    const blocked = await yonam.blockPatron({
      patronIdentifier: SEOYEON,
      blockedCardMessage: 'card left in the machine',
      cardRetained: true,
    });
    expect(blocked).toMatchObject({ code: '24', validPatron: false });
    expect(blocked.patronStatus.chargePrivilegesDenied).toBe(true);
    expect(blocked.screenMessage).toMatch(/^\[CARD_BLOCKED\]/);
    const card = await bed.t.db
      .selectFrom('cards')
      .selectAll()
      .where('number', '=', SEOYEON)
      .executeTakeFirstOrThrow();
    const terminal = await bed.t.db
      .selectFrom('terminals')
      .select('id')
      .where('username', '=', 'jinju-yonam-sc1')
      .executeTakeFirstOrThrow();
    expect(card).toMatchObject({
      blocked_reason: 'card left in the machine',
      blocked_by_terminal_id: terminal.id,
    });
    expect(card.blocked_at).not.toBeNull();
    const event = await bed.t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'card.blocked')
      .executeTakeFirstOrThrow();
    expect(event).toMatchObject({
      actor_kind: 'terminal',
      actor_id: terminal.id,
      library_id: await bed.libraryId(YONAM),
      subject_id: null,
      member_pseudonym: await pseudonymOfCard(bed, SEOYEON),
    });
    expect(event.details).toMatchObject({
      terminalId: terminal.id,
      reason: 'card left in the machine',
      cardRetained: true,
    });

    // Refused everywhere: another library's machine too.
    const gn = await bed.terminal(GN);
    const elsewhere = await gn.checkout({ patronIdentifier: SEOYEON, itemIdentifier: 'GN-0001' });
    expect(elsewhere.screenMessage).toMatch(/^\[CARD_BLOCKED\]/);
    const enable = await yonam.patronEnable({ patronIdentifier: SEOYEON, patronPassword: PIN });
    expect(enable).toMatchObject({ code: '26', validPatron: false });
    expect(enable.screenMessage).toContain('직원만 해제할 수 있습니다');

    // Staff of a library that holds the member clear it (home: Yonam); a library that does not
    // hold the member cannot.
    const stranger = await staffClient(bed.routes, 'tongyeong-city-desk');
    const memberId = card.member_id;
    const notHeld = await stranger.post(`/api/v1/members/${memberId}/card/unblock`);
    expect([notHeld.statusCode, notHeld.json().code]).toEqual([403, 'FORBIDDEN']);
    const desk = await staffClient(bed.routes, 'jinju-yonam-desk');
    const cleared = await desk.post(`/api/v1/members/${memberId}/card/unblock`);
    expect(cleared.statusCode).toBe(200);
    expect(cleared.json()).toEqual({
      memberId,
      card: { number: SEOYEON, status: 'valid', blocked: false },
    });
    expect((await desk.post(`/api/v1/members/${memberId}/card/unblock`)).json().code).toBe(
      'CONFLICT',
    );
    const unblockEvent = await bed.t.db
      .selectFrom('audit_events')
      .selectAll()
      .where('action', '=', 'card.unblocked')
      .executeTakeFirstOrThrow();
    expect(unblockEvent).toMatchObject({
      actor_kind: 'staff',
      member_pseudonym: await pseudonymOfCard(bed, SEOYEON),
    });
    expect(unblockEvent.details).toMatchObject({
      blockedByTerminalId: terminal.id,
      reason: 'card left in the machine',
    });
    const after = await yonam.patronStatus({ patronIdentifier: SEOYEON, patronPassword: PIN });
    expect(after).toMatchObject({
      validPatron: true,
      validPatronPassword: true,
      patronStatus: CLEAR,
    });
  });

  it('locks the PIN after five wrong tries, as the portal does, for ten minutes', async () => {
    const gn = await bed.terminal(GN);
    for (let attempt = 1; attempt <= 4; attempt++) {
      const wrong = await gn.patronStatus({ patronIdentifier: MINJUN, patronPassword: '0000' });
      expect(wrong).toMatchObject({
        validPatron: true,
        validPatronPassword: false,
        personalName: '',
      });
      expect(wrong.screenMessage).toMatch(/^\[INVALID_CREDENTIALS\]/);
      // Said as a PIN, with how many more wrong ones lock the card; nothing of the member's loans.
      expect(wrong.screenMessage).toContain(
        `PIN이 맞지 않습니다. ${5 - attempt}번 더 틀리면 이 카드는 10분 동안 자가대출기와 홈페이지 로그인 모두 잠깁니다.`,
      );
      expect(wrong.screenMessage).not.toContain('빌릴 수 있습니다');
    }
    const fifth = await gn.patronStatus({ patronIdentifier: MINJUN, patronPassword: '0000' });
    // Said as the card's lock at the machine and online, not as a "login" the kiosk never had.
    expect(fifth.screenMessage).toBe(
      '[SIGN_IN_LOCKED] 비밀번호나 자가대출기 PIN이 여러 번 틀려, 이 카드로는 2026년 12월 1일 (화) 10:10까지 홈페이지 로그인도 자가대출기 이용도 할 수 없습니다.',
    );
    const right = await gn.patronStatus({ patronIdentifier: MINJUN, patronPassword: PIN });
    expect(right.validPatronPassword).toBe(false);
    expect(right.screenMessage).toMatch(/^\[SIGN_IN_LOCKED\]/);
    // The kiosk that reads the flags, not the screen, offers neither a checkout nor a renewal.
    for (const locked of [fifth, right]) {
      expect(locked.patronStatus).toMatchObject({
        chargePrivilegesDenied: true,
        renewalPrivilegesDenied: true,
      });
    }
    const information = await gn.patronInformation({
      patronIdentifier: MINJUN,
      patronPassword: PIN,
    });
    expect(information.patronStatus.chargePrivilegesDenied).toBe(true);
    const checkout = await gn.checkout({
      patronIdentifier: MINJUN,
      itemIdentifier: 'GN-0001',
      patronPassword: PIN,
    });
    expect(checkout).toMatchObject({
      ok: false,
      desensitize: false,
      titleIdentifier: '채식주의자',
    });
    expect(checkout.screenMessage).toMatch(/^\[SIGN_IN_LOCKED\]/);
    const portal = await bed.t.app.inject({
      method: 'POST',
      url: '/api/v1/members/sign-in',
      payload: { login: MINJUN, password: 'library-one-member' },
    });
    // The member who never mistyped the password is told the machines' PINs locked it.
    expect(portal.json()).toMatchObject({
      code: 'SIGN_IN_LOCKED',
      detail: expect.stringContaining('비밀번호나 자가대출기 PIN이 여러 번 틀려'),
    });
    bed.t.clock.advanceMinutes(11);
    expect(
      (await gn.patronStatus({ patronIdentifier: MINJUN, patronPassword: PIN }))
        .validPatronPassword,
    ).toBe(true);
    bed.t.clock.setBusinessDate('2026-12-01');
  });

  it('lets admins manage their terminals over HTTP; an EUC-KR terminal in English works end to end', async () => {
    const gnId = await bed.libraryId(GN);
    const yonamId = await bed.libraryId(YONAM);
    const gnAdmin = await staffClient(bed.routes, 'gyeongnamdaepyo-admin');
    const list = await gnAdmin.get(`/api/v1/libraries/${gnId}/terminals`);
    expect(list.statusCode).toBe(200);
    // What a machine's settings need besides its account: where SIP2 listens, TLS or not.
    expect(list.json().selfCheck).toEqual({ port: bed.server.port, tls: false });
    expect(list.json().terminals).toEqual([
      expect.objectContaining({
        libraryId: gnId,
        username: 'gyeongnamdaepyo-sc1',
        encoding: 'utf-8',
        language: 'ko',
        disabled: false,
      }),
    ]);
    expect(JSON.stringify(list.json())).not.toMatch(/hash|password/i);
    expect((await gnAdmin.get(`/api/v1/libraries/${yonamId}/terminals`)).statusCode).toBe(403);
    const desk = await staffClient(bed.routes, 'jinju-yonam-desk');
    expect(
      (
        await desk.post(`/api/v1/libraries/${yonamId}/terminals`, {
          username: 'x-sc9',
          password: 'long enough pw',
        })
      ).statusCode,
    ).toBe(403);

    const network = await staffClient(bed.routes, 'network-admin');
    const created = await network.post(`/api/v1/libraries/${yonamId}/terminals`, {
      username: 'Jinju-Yonam-SC2',
      password: 'machine password 2',
      encoding: 'euc-kr',
      language: 'en',
    });
    expect(created.statusCode).toBe(201);
    expect(created.json()).toMatchObject({
      libraryId: yonamId,
      username: 'jinju-yonam-sc2',
      encoding: 'euc-kr',
      language: 'en',
    });
    const duplicate = await network.post(`/api/v1/libraries/${yonamId}/terminals`, {
      username: 'jinju-yonam-sc2',
      password: 'machine password 2',
    });
    expect(duplicate.json().code).toBe('CONFLICT');
    const bad = await network.post(`/api/v1/libraries/${yonamId}/terminals`, {
      username: 'x',
      password: 'machine password 2',
      encoding: 'latin1',
    });
    expect(bad.statusCode).toBe(400);

    const machine = await bed.client({ encoding: 'euc-kr', institutionId: YONAM });
    expect(
      (await machine.login({ loginUserId: 'jinju-yonam-sc2', loginPassword: 'machine password 2' }))
        .ok,
    ).toBe(true);
    const status = await machine.patronStatus({ patronIdentifier: SEOYEON, patronPassword: PIN });
    expect(status).toMatchObject({ language: '001', personalName: '이서연' });
    const lent = await machine.checkout({ patronIdentifier: SEOYEON, itemIdentifier: 'JY-0001' });
    expect(lent).toMatchObject({ ok: true, titleIdentifier: '작별하지 않는다' });
    expect(lent.screenMessage).toMatch(/^Checked out\. Due on \w{3} \d{1,2} \w+ \d{4}\./);
    const refused = await machine.checkout({ patronIdentifier: MINJUN, itemIdentifier: 'JY-0001' });
    expect(refused.screenMessage).toBe('[ITEM_ON_LOAN] This item is already on loan.');
    const returned = await machine.checkin({ itemIdentifier: 'JY-0001', currentLocation: '' });
    expect(returned).toMatchObject({ ok: true, screenMessage: 'Returned.' });
    expect(parsePatronStatus('              ')).toEqual(CLEAR);
  });
  it('answers a 09 sent again as returned when a request took the copy meanwhile, and tells the desk of the request', async () => {
    await addItems(bed.t.db, GN, [{ barcode: 'GN-ILL2', title: '반납 뒤 신청' }]);
    const gn = await bed.terminal(GN);
    const lent = await gn.checkout({
      patronIdentifier: MINJUN,
      itemIdentifier: 'GN-ILL2',
      patronPassword: PIN,
    });
    expect(lent).toMatchObject({ ok: true });
    const returned = await gn.checkin({ itemIdentifier: 'GN-ILL2', currentLocation: '' });
    expect(returned).toMatchObject({ ok: true, resensitize: true });
    // The copy is on the shelf: a member asks for it at Jinju Yonam, and it is reserved for them.
    const placed = await minjunRequestsAtYonam(bed, 'GN-ILL2');
    expect(placed.itemBarcode).toBe('GN-ILL2');
    // The machine that got no answer sends its 09 again: still returned, not a failure — and not
    // to be shelved: the request holds it for Jinju Yonam (02, CT), to be scanned out first.
    const again = await gn.checkin({ itemIdentifier: 'GN-ILL2', currentLocation: '' });
    expect(again).toMatchObject({
      ok: true,
      resensitize: true,
      alert: true,
      alertType: '02',
      destinationLocation: YONAM,
      titleIdentifier: '반납 뒤 신청',
      screenMessage:
        '오늘 이미 반납된 자료입니다. 상호대차 신청된 자료입니다. 발송 스캔을 하고 진주시립연암도서관으로 보내 주세요.',
    });
    // The desk, scanning it, is told of the request (the copy goes on the pull list, not the shelf).
    const desk = await staffClient(bed.t.app, 'gyeongnamdaepyo-desk');
    const scanned = await desk.post('/api/v1/returns', { itemBarcode: 'GN-ILL2' });
    expect(scanned.statusCode).toBe(409);
    expect(reasonsOf(scanned)).toEqual([
      {
        code: 'ITEM_NOT_ON_LOAN',
        detail:
          '상호대차 신청된 자료입니다: 《반납 뒤 신청》. 발송 스캔을 하고 진주시립연암도서관으로 보내 주세요.',
        params: {
          requestState: 'requested',
          title: '반납 뒤 신청',
          pickupLibrary: '진주시립연암도서관',
          pickupLibraryEn: 'Jinju Yonam Library',
          pickupLibraryId: await bed.libraryId(YONAM),
          returnedOn: bed.t.clock.today(),
        },
      },
    ]);
  });
  it('checks in a requested copy: arrived for pickup (01), then in transit home (04, CT) after its return', async () => {
    await addItems(bed.t.db, GN, [{ barcode: 'GN-ILL1', title: '상호대차 시험' }]);
    const gnId = await bed.libraryId(GN);
    const placed = await minjunRequestsAtYonam(bed, 'GN-ILL1');
    expect(placed.lendingLibrary?.id).toBe(gnId);
    // On the pull list, taken off the shelf by a reader and put through a return machine: nothing
    // returned, and held for Jinju Yonam (02, CT) — to the desk for the send scan, not the shelf.
    const gnMachine = await bed.terminal(GN);
    const pulled = await gnMachine.checkin({ itemIdentifier: 'GN-ILL1', currentLocation: '' });
    expect(pulled).toMatchObject({
      ok: false,
      resensitize: false,
      alert: true,
      alertType: '02',
      destinationLocation: YONAM,
      titleIdentifier: '상호대차 시험',
      screenMessage:
        '[ITEM_NOT_ON_LOAN] 상호대차 신청된 자료입니다: 《상호대차 시험》. 발송 스캔을 하고 진주시립연암도서관으로 보내 주세요.',
    });
    await sendByScan(
      bed.t.context,
      { kind: 'staff', staffId: 1, libraryId: gnId, role: 'desk' },
      { itemBarcode: 'GN-ILL1' },
    );
    // Its item information says where it is: on its way (10), at the pickup library waiting for
    // the member (08), on its way home after the return (10).
    const whereabouts = async () =>
      (await gnMachine.itemInformation({ itemIdentifier: 'GN-ILL1' })).circulationStatus;
    expect(await whereabouts()).toBe('10');
    // Scanned out, then put through a machine at home: on to its pickup library (04, CT).
    const stillHome = await gnMachine.checkin({ itemIdentifier: 'GN-ILL1', currentLocation: '' });
    expect(stillHome).toMatchObject({
      ok: true,
      alert: true,
      alertType: '04',
      destinationLocation: YONAM,
      titleIdentifier: '상호대차 시험',
    });
    expect(stillHome.screenMessage).toBe(
      '상호대차 자료입니다. 진주시립연암도서관으로 보내 주세요.',
    );
    const yonam = await bed.terminal(YONAM);
    const arrived = await yonam.checkin({ itemIdentifier: 'GN-ILL1', currentLocation: '' });
    expect(arrived).toMatchObject({ ok: true, alert: true, alertType: '01' });
    const arrival = () =>
      bed.t.db
        .selectFrom('inter_library_requests')
        .select(['state', 'arrived_at', 'pickup_by'])
        .where('id', '=', placed.id)
        .executeTakeFirstOrThrow();
    const received = await arrival();
    // Sent again (no answer reached the machine), or put through later: answered as its
    // arrival was, not "unknown here", and received once (the member told once).
    bed.t.clock.advanceMinutes(5);
    const arrivedAgain = await yonam.checkin({ itemIdentifier: 'GN-ILL1', currentLocation: '' });
    expect(arrivedAgain).toEqual({ ...arrived, transactionDate: arrivedAgain.transactionDate });
    expect(await arrival()).toEqual(received);
    expect(received.state).toBe('arrived');
    expect(await whereabouts()).toBe('08');
    const info = await yonam.patronInformation({
      patronIdentifier: MINJUN,
      patronPassword: PIN,
      summary: 'hold',
    });
    expect(info).toMatchObject({ holdItemsCount: 1, holdItems: ['GN-ILL1'] });
    const lent = await yonam.checkout({ patronIdentifier: MINJUN, itemIdentifier: 'GN-ILL1' });
    expect(lent).toMatchObject({ ok: true });
    // Sent again (no answer reached the machine): the loan made, not "unknown here".
    const again = await yonam.checkout({ patronIdentifier: MINJUN, itemIdentifier: 'GN-ILL1' });
    expect(again).toMatchObject({ ok: true, desensitize: true, dueDate: lent.dueDate });
    expect(again.screenMessage).toMatch(/^오늘 이미 빌린 자료입니다\./);
    // A cancel (BI = Y) does not return a requested copy: it would start its journey home.
    const cancel = await yonam.checkout({
      patronIdentifier: MINJUN,
      itemIdentifier: 'GN-ILL1',
      cancel: true,
    });
    expect(cancel.screenMessage).toMatch(/^\[ITEM_NOT_ON_LOAN\]/);
    // Renewed at the pickup library's machine, where it was lent (29, then 65 for the rest).
    const renewed = await yonam.renew({ patronIdentifier: MINJUN, itemIdentifier: 'GN-ILL1' });
    expect(renewed).toMatchObject({ ok: true, renewalOk: true, titleIdentifier: '상호대차 시험' });
    expect(renewed.dueDate! > lent.dueDate!).toBe(true);
    // 65 lists it with the patron's loans here: renewed today, answered as renewed, not twice.
    const renewedAll = await yonam.renewAll({ patronIdentifier: MINJUN });
    expect(renewedAll).toMatchObject({ ok: true, renewedCount: 1, unrenewedCount: 0 });
    expect(renewedAll.renewedItems).toEqual(['GN-ILL1']);
    const loan = await bed.t.db
      .selectFrom('loans')
      .innerJoin('items', 'items.id', 'loans.item_id')
      .select(['loans.renewals', 'loans.due_date'])
      .where('items.barcode', '=', 'GN-ILL1')
      .where('loans.returned_at', 'is', null)
      .executeTakeFirstOrThrow();
    expect(loan).toEqual({ renewals: 1, due_date: renewed.dueDate });
    const returned = await yonam.checkin({ itemIdentifier: 'GN-ILL1', currentLocation: '' });
    expect(returned).toMatchObject({
      ok: true,
      alert: true,
      alertType: '04',
      destinationLocation: GN,
    });
    expect(await whereabouts()).toBe('10');
    // A 09 sent again at the pickup library: answered as the return, the copy still to go home.
    const returnedAgain = await yonam.checkin({ itemIdentifier: 'GN-ILL1', currentLocation: '' });
    expect(returnedAgain).toEqual({
      ...returned,
      screenMessage: returned.screenMessage?.replace(
        '반납되었습니다.',
        '오늘 이미 반납된 자료입니다.',
      ),
      transactionDate: returnedAgain.transactionDate,
    });
    // It travels home overnight: scanned at the pickup library the next day, only to be sent on.
    bed.t.clock.advanceDays(1);
    try {
      const nextDay = await yonam.checkin({ itemIdentifier: 'GN-ILL1', currentLocation: '' });
      expect(nextDay).toMatchObject({ ok: true, resensitize: false, alertType: '04' });
      expect(nextDay.screenMessage).toMatch(/^상호대차 자료입니다\. \S+ 보내 주세요\.$/);
      const gn = await bed.terminal(GN);
      const home = await gn.checkin({ itemIdentifier: 'GN-ILL1', currentLocation: '' });
      expect(home).toMatchObject({ ok: true, resensitize: true });
      // And at home, received today though returned yesterday: back on the shelf.
      const homeAgain = await gn.checkin({ itemIdentifier: 'GN-ILL1', currentLocation: '' });
      expect(homeAgain).toMatchObject({ ok: true, resensitize: true, alert: false });
      expect(homeAgain.screenMessage).toBe('오늘 이미 반납된 자료입니다.');
      // A day after it came home it is a copy on the shelf like any other.
      bed.t.clock.advanceDays(1);
      const later = await gn.checkin({ itemIdentifier: 'GN-ILL1', currentLocation: '' });
      expect(later.screenMessage).toMatch(/^\[ITEM_NOT_ON_LOAN\]/);
    } finally {
      bed.t.clock.advanceDays(-2);
    }
    const request = await bed.t.db
      .selectFrom('inter_library_requests')
      .select(['state', 'outcome'])
      .where('id', '=', placed.id)
      .executeTakeFirstOrThrow();
    expect(request).toEqual({ state: 'closed', outcome: 'completed' });
  });

  it('refuses a requested copy astray at a third library, with the in-transit alert (04) and CT where it goes', async () => {
    await addItems(bed.t.db, GN, [{ barcode: 'GN-ILL3', title: '길 잃은 상호대차' }]);
    const gnId = await bed.libraryId(GN);
    const placed = await minjunRequestsAtYonam(bed, 'GN-ILL3');
    // Taken off the lender's shelf to its own machine before the pull list reached it.
    const atLender = await (await bed.terminal(GN)).checkout({
      patronIdentifier: MINJUN,
      itemIdentifier: 'GN-ILL3',
    });
    expect(atLender.ok).toBe(false);
    expect(atLender.screenMessage).toContain(
      '[ITEM_ON_HOLD] 상호대차 자료입니다: 《길 잃은 상호대차》. 여기서는 빌릴 수 없으니 안내데스크에 맡겨 주세요.',
    );
    await sendByScan(
      bed.t.context,
      { kind: 'staff', staffId: 1, libraryId: gnId, role: 'desk' },
      { itemBarcode: 'GN-ILL3' },
    );
    // The courier leaves it at Tongyeong: not returned nor received there, but sorted to the
    // transit bin for its pickup library, and the screen says whose copy it is.
    const tongyeong = await bed.terminal(TONGYEONG);
    const astray = await tongyeong.checkin({ itemIdentifier: 'GN-ILL3', currentLocation: '' });
    expect(astray).toMatchObject({
      ok: false,
      resensitize: false,
      alert: true,
      alertType: '04',
      destinationLocation: YONAM,
      titleIdentifier: '길 잃은 상호대차',
      screenMessage:
        '[ITEM_UNKNOWN] 이 도서관의 자료가 아닙니다: 경남대표도서관의 상호대차 자료 《길 잃은 상호대차》입니다. 진주시립연암도서관으로 보내 주세요.',
    });
    const request = await bed.t.db
      .selectFrom('inter_library_requests')
      .select(['state', 'arrived_at'])
      .where('id', '=', placed.id)
      .executeTakeFirstOrThrow();
    expect(request).toEqual({ state: 'sent', arrived_at: null });
    // Offered to a machine's checkout there, or at Jinju Yonam before it is received: not lent,
    // and the member is sent to the desk (the desk's screen says what to do with the copy).
    const toTheDesk =
      '상호대차 자료입니다: 《길 잃은 상호대차》. 여기서는 빌릴 수 없으니 안내데스크에 맡겨 주세요.';
    const taken = await tongyeong.checkout({ patronIdentifier: MINJUN, itemIdentifier: 'GN-ILL3' });
    expect(taken.ok).toBe(false);
    expect(taken.screenMessage).toContain(`[ITEM_UNKNOWN] ${toTheDesk}`);
    const yonam = await bed.terminal(YONAM);
    const early = await yonam.checkout({ patronIdentifier: MINJUN, itemIdentifier: 'GN-ILL3' });
    expect(early).toMatchObject({ ok: false, screenMessage: `[ITEM_ON_HOLD] ${toTheDesk}` });
    // Received and lent at Jinju Yonam, then dropped at Tongyeong: returned where it was
    // collected, so the same alert sends it there.
    expect((await yonam.checkin({ itemIdentifier: 'GN-ILL3', currentLocation: '' })).ok).toBe(true);
    const lent = await yonam.checkout({ patronIdentifier: MINJUN, itemIdentifier: 'GN-ILL3' });
    expect(lent.ok).toBe(true);
    const onLoan = await tongyeong.checkin({ itemIdentifier: 'GN-ILL3', currentLocation: '' });
    expect(onLoan).toMatchObject({
      ok: false,
      alert: true,
      alertType: '04',
      destinationLocation: YONAM,
    });
    expect(onLoan.screenMessage).toMatch(
      /^\[RETURN_AT_LENDING_LIBRARY_ONLY\] 빌린 도서관에서만 반납할 수 있습니다: 진주시립연암도서관 \(/,
    );
    expect((await yonam.checkin({ itemIdentifier: 'GN-ILL3', currentLocation: '' })).ok).toBe(true);
    // A copy of another library in no request, not on loan: astray too, sorted for its home.
    await addItems(bed.t.db, GN, [{ barcode: 'GN-PLAIN', title: '경남의 책' }]);
    const plain = await tongyeong.checkin({ itemIdentifier: 'GN-PLAIN', currentLocation: '' });
    expect(plain).toMatchObject({
      ok: false,
      alert: true,
      alertType: '04',
      destinationLocation: GN,
    });
    // The member at the machine hands it to the desk; CT tells staff where it goes.
    expect(plain.screenMessage).toBe(
      '[ITEM_UNKNOWN] 경남대표도서관의 자료라 이 기기로는 반납되지 않습니다: 《경남의 책》. 안내데스크에 맡겨 주세요.',
    );
    // A barcode no library has stays unknown, with no alert.
    const none = await tongyeong.checkin({ itemIdentifier: 'NOWHERE-1', currentLocation: '' });
    expect(none).toMatchObject({ ok: false, alert: false });
    expect(none.screenMessage).toBe('[ITEM_UNKNOWN] 이 도서관에 등록되지 않은 자료입니다.');
  });
});
