import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO_MEMBER_PIN, demoCardNumber } from '../../src/seed/demo-accounts.js';
import type { Sip2Client } from '../../src/sip2/client.js';
import { testDatabaseKind } from '../support/database.js';
import { addItems, GN, type Sip2TestBed, startSip2TestBed, TONGYEONG, YONAM } from './support.js';

const MINJUN = demoCardNumber(1); // home: Gyeongnamdaepyo, checked in at Jinju Yonam
const SEOYEON = demoCardNumber(2); // home: Jinju Yonam, not checked in anywhere else
const JIHO = demoCardNumber(4); // pending (given a card below, which the service never does)
const PIN = DEMO_MEMBER_PIN;

/** Every refusal of rules.md "Borrowing", "Returning" and "Renewing", as a machine sees it. */
describe(`circulation refusals through SIP2 (${testDatabaseKind})`, () => {
  let bed: Sip2TestBed;
  let gn: Sip2Client;
  let yonam: Sip2Client;

  beforeAll(async () => {
    bed = await startSip2TestBed();
    // These tests send requests without a PIN on purpose, about other rules; the network rule
    // "machines require the PIN" (on by default) has its own tests in pin-policy.test.ts.
    await bed.t.db.updateTable('network_rules').set({ machines_require_pin: false }).execute();
    await addItems(bed.t.db, GN, [
      { barcode: 'GN-1', title: '토지 1' },
      { barcode: 'GN-2', title: '토지 2' },
      { barcode: 'GN-3', title: '토지 3' },
      { barcode: 'GN-REF', title: '한국민족문화대백과사전', loanable: false },
    ]);
    await addItems(bed.t.db, YONAM, [
      { barcode: 'JY-1', title: '혼불 1' },
      { barcode: 'JY-2', title: '혼불 2' },
    ]);
    await addItems(bed.t.db, TONGYEONG, [{ barcode: 'TY-1', title: '김약국의 딸들' }]);
    const pending = await bed.t.db
      .selectFrom('members')
      .select(['id', 'home_library_id'])
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow();
    await bed.t.db
      .insertInto('cards')
      .values({
        number: JIHO,
        member_id: pending.id,
        status: 'valid',
        issued_at: bed.t.clock.now(),
        issued_at_library_id: pending.home_library_id,
      })
      .execute();
    gn = await bed.terminal(GN);
    yonam = await bed.terminal(YONAM);
  });
  afterAll(async () => bed?.close());

  beforeEach(async () => {
    const { db, clock } = bed.t;
    clock.setBusinessDate('2026-12-01');
    await db
      .updateTable('members')
      .set({
        suspended_until: null,
        suspension_loan_id: null,
        failed_sign_ins: 0,
        sign_in_locked_until: null,
      })
      .execute();
    await db.deleteFrom('loans').execute();
    await db.updateTable('library_loan_rules').set({ loan_limit: 5, max_renewals: 1 }).execute();
    await db.updateTable('network_rules').set({ network_loan_limit: 20 }).execute();
    await db
      .updateTable('cards')
      .set({
        status: 'valid',
        lost_at: null,
        blocked_at: null,
        blocked_reason: null,
        blocked_by_terminal_id: null,
      })
      .execute();
  });

  const checkout = (client: Sip2Client, card: string, item: string) =>
    client.checkout({ patronIdentifier: card, itemIdentifier: item });
  const status = (client: Sip2Client, card: string) =>
    client.patronStatus({ patronIdentifier: card, patronPassword: PIN });
  const codes = (screen: string | undefined) =>
    [...(screen ?? '').matchAll(/\[([A-Z_]+)\]/g)].map((m) => m[1]);

  it('not checked in at this library: CHECK_IN_REQUIRED naming it; returns are unaffected', async () => {
    const refused = await checkout(gn, SEOYEON, 'GN-1');
    expect(refused).toMatchObject({
      ok: false,
      desensitize: false,
      dueDate: '',
      titleIdentifier: '토지 1',
    });
    expect(refused.screenMessage).toBe(
      '[CHECK_IN_REQUIRED] 경남대표도서관에서 처음 이용하시려면 안내데스크에서 신분증으로 반입 등록을 해 주세요.',
    );
    const patron = await status(gn, SEOYEON);
    expect(patron).toMatchObject({
      validPatron: true,
      validPatronPassword: true,
      personalName: '',
    });
    expect(patron.patronStatus).toMatchObject({
      chargePrivilegesDenied: true,
      renewalPrivilegesDenied: false,
      cardReportedLost: false,
    });
    expect(codes(patron.screenMessage)).toEqual(['CHECK_IN_REQUIRED']);
  });

  it('suspended after a late return: the return says until when, checkout and renewal are refused', async () => {
    expect((await checkout(gn, MINJUN, 'GN-1')).dueDate).toBe('2026-12-15');
    await checkout(gn, MINJUN, 'GN-2');
    bed.t.clock.setBusinessDate('2026-12-18');
    const late = await gn.checkin({ itemIdentifier: 'GN-1', currentLocation: '' });
    expect(late).toMatchObject({ ok: true, resensitize: true });
    expect(late.screenMessage).toBe(
      '반납되었습니다. 3일 늦은 반납이라 2026년 12월 20일 (일)까지 대출이 정지됩니다 (2026년 12월 21일 (월)부터 다시 빌릴 수 있습니다).',
    );
    // Sent again (the machine got no answer): returned, and nothing said of the member, whom the
    // person holding the copy now may not be; their suspension is what the one return started.
    const again = await gn.checkin({ itemIdentifier: 'GN-1', currentLocation: '' });
    expect(again).toMatchObject({ ok: true, resensitize: true, titleIdentifier: '토지 1' });
    expect(again.screenMessage).toBe('오늘 이미 반납된 자료입니다.');
    expect(
      await bed.t.db
        .selectFrom('members')
        .select('suspended_until')
        .where('suspended_until', 'is not', null)
        .execute(),
    ).toEqual([{ suspended_until: '2026-12-20' }]);
    // A copy never lent, or lent at another library, is not on loan here, as before.
    expect(
      codes((await gn.checkin({ itemIdentifier: 'GN-3', currentLocation: '' })).screenMessage),
    ).toEqual(['ITEM_NOT_ON_LOAN']);
    await gn.checkin({ itemIdentifier: 'GN-2', currentLocation: '' });
    const refused = await checkout(yonam, MINJUN, 'JY-1');
    expect(refused.screenMessage).toMatch(
      /^\[MEMBER_SUSPENDED\] 2026년 12월 20일 \(일\)까지 대출이 정지되어 있습니다 \(사유: 경남대표도서관, 3일 늦은 반납, 2026년 12월 18일 \(금\)\)\. 2026년 12월 21일 \(월\)부터/,
    );
    const patron = await status(yonam, MINJUN);
    expect(patron.patronStatus).toMatchObject({
      chargePrivilegesDenied: true,
      renewalPrivilegesDenied: true,
      tooManyItemsOverdue: false,
    });
    bed.t.clock.setBusinessDate('2026-12-21');
    expect((await checkout(yonam, MINJUN, 'JY-1')).ok).toBe(true);
    // Returned on another day: the 09 is refused, as for any copy on the shelf.
    const later = await gn.checkin({ itemIdentifier: 'GN-1', currentLocation: '' });
    expect(later).toMatchObject({ ok: false, resensitize: false });
    expect(codes(later.screenMessage)).toEqual(['ITEM_NOT_ON_LOAN']);
  });

  it('an overdue loan at another library blocks borrowing everywhere, naming that library', async () => {
    await checkout(yonam, MINJUN, 'JY-1');
    bed.t.clock.advanceDays(20);
    const refused = await checkout(gn, MINJUN, 'GN-1');
    expect(codes(refused.screenMessage)).toEqual(['MEMBER_HAS_OVERDUE']);
    expect(refused.screenMessage).toContain('진주시립연암도서관에서 빌린 자료가 연체 중입니다');
    const info = await gn.patronInformation({
      patronIdentifier: MINJUN,
      patronPassword: PIN,
      summary: 'overdue',
    });
    // The counts are this library's (beside its limit, CB), as its lists are; the overdue loan
    // elsewhere is in the flags and the screen message.
    expect(info).toMatchObject({ overdueItemsCount: 0, chargedItemsCount: 0, overdueItems: [] });
    expect(info.screenMessage).toContain('진주시립연암도서관에서 빌린 자료가 연체 중입니다');
    expect(info.patronStatus).toMatchObject({
      chargePrivilegesDenied: true,
      tooManyItemsOverdue: true,
      renewalPrivilegesDenied: false,
    });
    const here = await yonam.patronInformation({
      patronIdentifier: MINJUN,
      patronPassword: PIN,
      summary: 'overdue',
    });
    expect(here).toMatchObject({
      overdueItemsCount: 1,
      chargedItemsCount: 1,
      overdueItems: ['JY-1'],
    });
    const renewal = await yonam.renew({ patronIdentifier: MINJUN, itemIdentifier: 'JY-1' });
    expect(codes(renewal.screenMessage)).toEqual(['RENEWAL_OVERDUE']);
  });

  it('the library limit and the network limit', async () => {
    await bed.t.db.updateTable('library_loan_rules').set({ loan_limit: 1 }).execute();
    await checkout(gn, MINJUN, 'GN-1');
    const library = await checkout(gn, MINJUN, 'GN-2');
    expect(library.screenMessage).toBe(
      '[LIBRARY_LOAN_LIMIT] 이 도서관에서 빌릴 수 있는 1권을 모두 빌렸습니다.',
    );
    expect((await status(gn, MINJUN)).patronStatus).toMatchObject({
      chargePrivilegesDenied: true,
      tooManyItemsCharged: true,
    });

    await bed.t.db.updateTable('network_rules').set({ network_loan_limit: 1 }).execute();
    const network = await checkout(yonam, MINJUN, 'JY-1');
    expect(network.screenMessage).toBe(
      '[NETWORK_LOAN_LIMIT] 전체 도서관에서 빌릴 수 있는 1권을 모두 빌렸습니다.',
    );
    const both = await checkout(gn, MINJUN, 'GN-2');
    expect(codes(both.screenMessage)).toEqual(['LIBRARY_LOAN_LIMIT', 'NETWORK_LOAN_LIMIT']);
    expect((await status(yonam, MINJUN)).patronStatus.tooManyItemsCharged).toBe(true);
  });

  it('items: unknown here, reference only, already on loan', async () => {
    // Another library's copy: the member is told whose it is and to hand it to the desk.
    expect((await checkout(gn, MINJUN, 'JY-1')).screenMessage).toBe(
      '[ITEM_UNKNOWN] 진주시립연암도서관의 자료라 여기서는 빌릴 수 없습니다: 《혼불 1》. 안내데스크에 맡겨 주세요.',
    );
    expect(codes((await checkout(gn, MINJUN, 'NOWHERE-1')).screenMessage)).toEqual([
      'ITEM_UNKNOWN',
    ]);
    // The reader's own card held under the item scanner: said as that, at the checkout and the return.
    const card = '[ITEM_UNKNOWN] 책이 아니라 회원증을 스캔했습니다.';
    expect((await checkout(gn, MINJUN, SEOYEON)).screenMessage).toBe(card);
    expect((await gn.checkin({ itemIdentifier: MINJUN, currentLocation: '' })).screenMessage).toBe(
      card,
    );
    expect(codes((await checkout(gn, MINJUN, 'GN-REF')).screenMessage)).toEqual([
      'ITEM_NOT_LOANABLE',
    ]);
    // Lent yesterday: a checkout sent again the same day is answered as the loan it made
    // (session.test.ts), one on a later day is refused.
    const today = bed.t.clock.now();
    bed.t.clock.advanceDays(-1);
    expect((await checkout(gn, MINJUN, 'GN-1')).ok).toBe(true);
    bed.t.clock.set(today);
    const onLoan = await checkout(gn, MINJUN, 'GN-1');
    expect(onLoan).toMatchObject({ ok: false, titleIdentifier: '토지 1' });
    expect(codes(onLoan.screenMessage)).toEqual(['ITEM_ON_LOAN']);
    // With the member's own reasons too: every one that applies.
    const all = await checkout(gn, SEOYEON, 'GN-1');
    expect(codes(all.screenMessage)).toEqual(['CHECK_IN_REQUIRED', 'ITEM_ON_LOAN']);
  });

  it('cards: invalid, unknown, lost (flagged in the audit log), blocked; a pending member', async () => {
    const typo = `${MINJUN.slice(0, -1)}${(Number(MINJUN.at(-1)) + 1) % 10}`;
    expect(codes((await checkout(gn, typo, 'GN-1')).screenMessage)).toEqual([
      'CARD_NUMBER_INVALID',
    ]);
    const invalid = await status(gn, typo);
    expect(invalid).toMatchObject({ validPatron: false, personalName: '' });
    expect(invalid.validPatronPassword).toBe(false);
    expect(codes((await checkout(gn, demoCardNumber(77), 'GN-1')).screenMessage)).toEqual([
      'CARD_UNKNOWN',
    ]);

    await bed.t.db
      .updateTable('cards')
      .set({ status: 'lost', lost_at: bed.t.clock.now() })
      .where('number', '=', MINJUN)
      .execute();
    expect(codes((await checkout(gn, MINJUN, 'GN-1')).screenMessage)).toEqual(['CARD_LOST']);
    const lost = await status(gn, MINJUN);
    expect(lost).toMatchObject({ validPatron: false, personalName: '' });
    expect(lost.patronStatus).toMatchObject({
      cardReportedLost: true,
      chargePrivilegesDenied: true,
      renewalPrivilegesDenied: true,
    });
    const flagged = await bed.t.db
      .selectFrom('audit_events')
      .select(['actor_kind', 'library_id'])
      .where('action', '=', 'card.lost_card_used')
      .where('member_pseudonym', '=', (eb) =>
        eb
          .selectFrom('cards')
          .innerJoin('members', 'members.id', 'cards.member_id')
          .select('members.audit_pseudonym')
          .where('cards.number', '=', MINJUN),
      )
      .execute();
    expect(flagged.length).toBe(2);
    expect(flagged[0]).toMatchObject({
      actor_kind: 'terminal',
      library_id: await bed.libraryId(GN),
    });

    await bed.t.db
      .updateTable('cards')
      .set({ blocked_at: bed.t.clock.now(), blocked_reason: 'test' })
      .where('number', '=', SEOYEON)
      .execute();
    expect(codes((await checkout(yonam, SEOYEON, 'JY-1')).screenMessage)).toEqual(['CARD_BLOCKED']);
    expect((await status(yonam, SEOYEON)).patronStatus).toMatchObject({
      chargePrivilegesDenied: true,
      cardReportedLost: false,
    });

    const tongyeong = await bed.terminal(TONGYEONG);
    expect(codes((await checkout(tongyeong, JIHO, 'TY-1')).screenMessage)).toEqual([
      'MEMBER_PENDING',
    ]);
    expect(
      (await tongyeong.patronStatus({ patronIdentifier: JIHO, patronPassword: '' })).patronStatus
        .chargePrivilegesDenied,
    ).toBe(true);
  });

  it('returns only at the lending library: the answer names it and its phone, with the alert flag', async () => {
    await checkout(yonam, MINJUN, 'JY-1');
    const wrong = await gn.checkin({ itemIdentifier: 'JY-1', currentLocation: '' });
    // Refused, with the in-transit alert (04) and CT the lending library: a sorter bins it for there.
    expect(wrong).toMatchObject({
      ok: false,
      resensitize: false,
      alert: true,
      alertType: '04',
      destinationLocation: 'jinju-yonam-library',
    });
    expect(wrong.screenMessage).toBe(
      '[RETURN_AT_LENDING_LIBRARY_ONLY] 빌린 도서관에서만 반납할 수 있습니다: 진주시립연암도서관 (055-749-5982).',
    );
    // A library that gave no telephone number is named without an empty pair of brackets.
    await bed.t.db
      .updateTable('libraries')
      .set({ phone: null })
      .where('code', '=', 'jinju-yonam-library')
      .execute();
    expect((await gn.checkin({ itemIdentifier: 'JY-1', currentLocation: '' })).screenMessage).toBe(
      '[RETURN_AT_LENDING_LIBRARY_ONLY] 빌린 도서관에서만 반납할 수 있습니다: 진주시립연암도서관.',
    );
    await bed.t.db
      .updateTable('libraries')
      .set({ phone: '055-749-5982' })
      .where('code', '=', 'jinju-yonam-library')
      .execute();
    expect((await yonam.checkin({ itemIdentifier: 'JY-1', currentLocation: '' })).ok).toBe(true);
    expect(
      codes((await gn.checkin({ itemIdentifier: 'NOWHERE', currentLocation: '' })).screenMessage),
    ).toEqual(['ITEM_UNKNOWN']);
  });

  it("renewals: used up, overdue, suspended, only the patron's own loan at the lending library", async () => {
    await checkout(gn, MINJUN, 'GN-1');
    await checkout(gn, MINJUN, 'GN-2');
    expect((await gn.renew({ patronIdentifier: MINJUN, itemIdentifier: 'GN-1' })).ok).toBe(true);
    // The same renewal sent again today is answered as renewed (session.test.ts); the next day
    // the one renewal is used up.
    bed.t.clock.setBusinessDate('2026-12-02');
    expect(
      codes((await gn.renew({ patronIdentifier: MINJUN, itemIdentifier: 'GN-1' })).screenMessage),
    ).toEqual(['RENEWAL_LIMIT']);
    bed.t.clock.setBusinessDate('2026-12-01');
    // The patron's own loan of another library: where it can be renewed.
    expect(
      (await yonam.renew({ patronIdentifier: MINJUN, itemIdentifier: 'GN-2' })).screenMessage,
    ).toBe(
      '[ITEM_UNKNOWN] 경남대표도서관에서 빌린 자료라 여기서는 연장할 수 없습니다. 그 도서관에서, 또는 홈페이지에서 연장할 수 있습니다.',
    );
    // Somebody else's loan: not "not on loan" (it is), but not on this card.
    expect(
      (await gn.renew({ patronIdentifier: SEOYEON, itemIdentifier: 'GN-2' })).screenMessage,
    ).toBe('[ITEM_NOT_ON_LOAN] 이 카드로 빌린 자료가 아니라 연장할 수 없습니다.');
    expect(
      codes(
        (
          await gn.renew({
            patronIdentifier: MINJUN,
            itemIdentifier: 'GN-2',
            patronPassword: '9999',
          })
        ).screenMessage,
      ),
    ).toEqual(['INVALID_CREDENTIALS']);
    bed.t.clock.setBusinessDate('2026-12-16');
    expect(
      codes((await gn.renew({ patronIdentifier: MINJUN, itemIdentifier: 'GN-2' })).screenMessage),
    ).toEqual(['RENEWAL_OVERDUE']);
    const all = await gn.renewAll({ patronIdentifier: MINJUN });
    expect(all).toMatchObject({
      ok: true,
      renewedCount: 0,
      unrenewedCount: 2,
      unrenewedItems: ['GN-2', 'GN-1'],
    });
    bed.t.clock.setBusinessDate('2026-12-01');
    await bed.t.db.updateTable('members').set({ suspended_until: '2026-12-05' }).execute();
    await bed.t.db.updateTable('loans').set({ renewals: 0 }).execute();
    expect(
      codes((await gn.renew({ patronIdentifier: MINJUN, itemIdentifier: 'GN-2' })).screenMessage),
    ).toEqual(['MEMBER_SUSPENDED']);
    const refusedAll = await gn.renewAll({ patronIdentifier: MINJUN, patronPassword: '0000' });
    expect(refusedAll).toMatchObject({ ok: false, renewedCount: 0 });
    expect(codes(refusedAll.screenMessage)).toEqual(['INVALID_CREDENTIALS']);
  });
});
