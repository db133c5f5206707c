import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCardNumber } from '../../src/seed/demo-accounts.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { codes, libraryIdOf, openLoansOfCopy, shelve, walkIn } from '../support/circulation.js';
import { testDatabaseKind } from '../support/database.js';
import { allDayStaffClient, Client, memberClient, staffClient } from '../support/http.js';

describe(`circulation over HTTP (${testDatabaseKind})`, () => {
  let t: TestApp;
  let gnDesk: Client;
  let yonamDesk: Client;
  let admin: Client;
  beforeAll(async () => {
    // Tuesday 1 December 2026, 10:00 in Seoul.
    t = await createTestApp({ accounts: true, start: '2026-12-01T10:00:00+09:00' });
    gnDesk = await allDayStaffClient(t.app, 'gyeongnamdaepyo-desk');
    yonamDesk = await allDayStaffClient(t.app, 'jinju-yonam-desk');
    admin = await allDayStaffClient(t.app, 'network-admin');
    await shelve(t, 'gyeongnamdaepyo-library', [
      ...Array.from({ length: 30 }, (_, i) => ({
        barcode: `GN${String(i).padStart(4, '0')}`,
        title: `경남 책 ${i}`,
      })),
      { barcode: 'GN-REF', title: '한국민족문화대백과', loanable: false },
    ]);
    await shelve(
      t,
      'jinju-yonam-library',
      Array.from({ length: 30 }, (_, i) => ({
        barcode: `JY${String(i).padStart(4, '0')}`,
        title: `연암 책 ${i}`,
      })),
    );
  });
  afterAll(async () => t?.close());

  const lend = (
    desk: Client,
    card: string,
    itemBarcode: string,
    headers?: Record<string, string>,
  ) => desk.post('/api/v1/checkouts', { cardNumber: card, itemBarcode }, headers);

  it('lends with a due date from the lending library’s rules and calendar', async () => {
    const response = await lend(gnDesk, demoCardNumber(1), 'GN0000');
    expect(response.statusCode).toBe(201);
    // 2026-12-01 + 14 = 2026-12-15 (Tuesday; Gyeongnamdaepyo closes on Fridays).
    expect(response.json()).toMatchObject({
      loan: {
        itemBarcode: 'GN0000',
        title: '경남 책 0',
        loanDay: '2026-12-01',
        dueDate: '2026-12-15',
        library: { nameKo: '경남대표도서관' },
      },
      loansLeft: { here: 4, network: 19 },
    });
    const ret = await gnDesk.post('/api/v1/returns', { itemBarcode: 'GN0000' });
    expect(ret.json()).toMatchObject({ loan: { daysLate: 0 }, suspension: null });
  });

  it('moves a due date off a closed day: Gyeongnamdaepyo is closed on Christmas', async () => {
    t.clock.setBusinessDate('2026-12-11'); // + 14 = 2026-12-25, a holiday (Fri) → 12-26
    const response = await lend(gnDesk, demoCardNumber(1), 'GN0001');
    expect(response.json().loan.dueDate).toBe('2026-12-26');
    await gnDesk.post('/api/v1/returns', { itemBarcode: 'GN0001' });
  });

  it('refuses with the card’s own codes', async () => {
    const card = demoCardNumber(1);
    const typo = card.slice(0, -1) + String((Number(card.at(-1)) + 3) % 10);
    expect((await lend(gnDesk, typo, 'GN0002')).json().code).toBe('CARD_NUMBER_INVALID');
    expect((await lend(gnDesk, demoCardNumber(777), 'GN0002')).json().code).toBe('CARD_UNKNOWN');
    const member = await walkIn(gnDesk);
    await gnDesk.post(`/api/v1/members/${member.id}/card/lost`);
    expect((await lend(gnDesk, member.card, 'GN0002')).json().code).toBe('CARD_LOST');
    const flagged = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('action', '=', 'card.lost_card_used')
      .where('member_pseudonym', '=', (eb) =>
        eb.selectFrom('members').select('audit_pseudonym').where('id', '=', member.id),
      )
      .execute();
    expect(flagged).toHaveLength(1);
    await gnDesk.post(`/api/v1/members/${member.id}/cards`, { idDocumentType: 'passport' });
    expect((await lend(gnDesk, member.card, 'GN0002')).json().code).toBe('CARD_REPLACED');
  });

  it('refuses each item problem with its code', async () => {
    const member = await walkIn(gnDesk);
    expect((await lend(gnDesk, member.card, 'NOPE')).json().code).toBe('ITEM_UNKNOWN');
    // Another library's copy brought to this desk: named with its library, not lent, sent home.
    const yonams = (await lend(gnDesk, member.card, 'JY0000')).json();
    expect(yonams).toMatchObject({
      code: 'ITEM_UNKNOWN',
      detail:
        '다른 도서관의 자료라 여기서는 빌려 줄 수 없습니다: 진주시립연암도서관의 《연암 책 0》입니다. 책은 진주시립연암도서관으로 보내 주세요.',
    });
    expect(yonams.reasons[0].params).toMatchObject({
      sendTo: '진주시립연암도서관',
      at: 'checkout',
    });
    // A card scanned into the item field (the member's, spaced as a person types it): said as that.
    const spaced = member.card.replace(/(\d{4})(?=\d)/g, '$1 ');
    const cardAsItem = { code: 'ITEM_UNKNOWN', detail: '책이 아니라 회원증을 스캔했습니다.' };
    const lentCard = (await lend(gnDesk, member.card, spaced)).json();
    expect(lentCard).toMatchObject(cardAsItem);
    expect(lentCard.reasons[0].params).toEqual({ scanned: 'card' });
    const returnedCard = await gnDesk.post('/api/v1/returns', { itemBarcode: member.card });
    expect(returnedCard.json()).toMatchObject(cardAsItem);
    expect((await lend(gnDesk, member.card, 'NOPE')).json().reasons[0].params).toBeUndefined();
    expect((await lend(gnDesk, member.card, 'GN-REF')).json().code).toBe('ITEM_NOT_LOANABLE');
    const other = await walkIn(gnDesk);
    expect((await lend(gnDesk, other.card, 'GN0003')).statusCode).toBe(201);
    const onLoan = await lend(gnDesk, member.card, 'GN0003');
    expect(onLoan.statusCode).toBe(409);
    expect(onLoan.json().code).toBe('ITEM_ON_LOAN');
    const neverLent = await gnDesk.post('/api/v1/returns', { itemBarcode: 'GN0004' });
    expect(neverLent.json()).toMatchObject({
      code: 'ITEM_NOT_ON_LOAN',
      detail: '대출 중이 아닌 자료입니다.',
    });
    expect((await gnDesk.post('/api/v1/returns', { itemBarcode: 'GN0003' })).statusCode).toBe(200);
    // Scanned again the same day (another scan, another key): the desk is told it came back.
    const again = await gnDesk.post('/api/v1/returns', { itemBarcode: 'GN0003' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'ITEM_NOT_ON_LOAN' });
    expect(again.json().detail).toMatch(/^오늘 이미 반납된 자료입니다: 《.+》\.$/);
    expect(again.json().reasons[0].params).toEqual({
      returnedOn: t.clock.today(),
      title: expect.any(String),
    });
  });

  it('requires check-in elsewhere; returns are only at the lending library', async () => {
    const member = await walkIn(gnDesk);
    const refused = await lend(yonamDesk, member.card, 'JY0001');
    expect(refused.json().code).toBe('CHECK_IN_REQUIRED');
    expect(refused.json().detail).toContain('진주시립연암도서관');
    await yonamDesk.post(`/api/v1/members/${member.id}/check-ins`, {
      idDocumentType: 'resident_registration_card',
      cardNumber: member.card,
    });
    expect((await lend(yonamDesk, member.card, 'JY0001')).statusCode).toBe(201);

    const wrongPlace = await gnDesk.post(
      '/api/v1/returns',
      { itemBarcode: 'JY0001' },
      { 'accept-language': 'en' },
    );
    expect(wrongPlace.json().code).toBe('RETURN_AT_LENDING_LIBRARY_ONLY');
    expect(wrongPlace.json().detail).toBe(
      'This item can only be returned to the library that lent it: Jinju Yonam Library (055-749-5982).',
    );
    expect((await yonamDesk.post('/api/v1/returns', { itemBarcode: 'JY0001' })).statusCode).toBe(
      200,
    );
  });

  it('holds the library limit and the network limit, and lists every reason', async () => {
    const member = await walkIn(gnDesk);
    await yonamDesk.post(`/api/v1/members/${member.id}/check-ins`, {
      idDocumentType: 'resident_registration_card',
      cardNumber: member.card,
    });
    for (let i = 10; i < 15; i++)
      expect((await lend(gnDesk, member.card, `GN00${i}`)).statusCode).toBe(201);
    const sixth = await lend(gnDesk, member.card, 'GN0015');
    expect(codes(sixth.json())).toEqual(['LIBRARY_LOAN_LIMIT']);
    expect(sixth.json().reasons[0].params.limit).toBe(5);

    await admin.request('PUT', '/api/v1/network-rules', {
      networkLoanLimit: 6,
      suspensionMode: 'longest',
      maxSuspensionDays: null,
    });
    expect((await lend(yonamDesk, member.card, 'JY0010')).statusCode).toBe(201);
    const both = await lend(gnDesk, member.card, 'GN-REF');
    expect(codes(both.json())).toEqual([
      'LIBRARY_LOAN_LIMIT',
      'NETWORK_LOAN_LIMIT',
      'ITEM_NOT_LOANABLE',
    ]);
    expect(codes((await lend(yonamDesk, member.card, 'JY0011')).json())).toEqual([
      'NETWORK_LOAN_LIMIT',
    ]);
    await admin.request('PUT', '/api/v1/network-rules', {
      networkLoanLimit: 20,
      suspensionMode: 'longest',
      maxSuspensionDays: null,
    });
    for (let i = 10; i < 15; i++) await gnDesk.post('/api/v1/returns', { itemBarcode: `GN00${i}` });
    await yonamDesk.post('/api/v1/returns', { itemBarcode: 'JY0010' });
  });

  it('blocks everywhere while overdue, then suspends for the days late, everywhere at once', async () => {
    t.clock.setBusinessDate('2026-12-01');
    const member = await walkIn(gnDesk);
    await yonamDesk.post(`/api/v1/members/${member.id}/check-ins`, {
      idDocumentType: 'resident_registration_card',
      cardNumber: member.card,
    });
    expect((await lend(gnDesk, member.card, 'GN0020')).json().loan.dueDate).toBe('2026-12-15');

    t.clock.setBusinessDate('2026-12-18'); // 3 days late
    const blocked = await lend(yonamDesk, member.card, 'JY0020');
    expect(codes(blocked.json())).toEqual(['MEMBER_HAS_OVERDUE']);
    expect(blocked.json().reasons[0].params).toMatchObject({
      library: '경남대표도서관',
      dueDate: '2026-12-15',
    });
    // The other library's desk sees where and when, not what.
    const status = (await yonamDesk.get(`/api/v1/members/${member.id}/loans`)).json();
    expect(status.openLoans).toEqual([
      {
        library: expect.objectContaining({ nameKo: '경남대표도서관' }),
        dueDate: '2026-12-15',
        overdue: true,
      },
    ]);
    expect(status.overdueCount).toBe(1);

    const returned = await gnDesk.post('/api/v1/returns', { itemBarcode: 'GN0020' });
    expect(returned.json()).toMatchObject({
      loan: { daysLate: 3 },
      suspension: { until: '2026-12-20', resumesOn: '2026-12-21' },
    });
    const suspended = await lend(yonamDesk, member.card, 'JY0020', { 'accept-language': 'en' });
    expect(codes(suspended.json())).toEqual(['MEMBER_SUSPENDED']);
    expect(suspended.json().detail).toContain('until Sun 20 December 2026');
    expect(suspended.json().detail).toContain(
      'returned 3 days late to Gyeongnamdaepyo Library on Fri 18 December 2026',
    );
    // The same refusal in Korean too: a desk that switches language while it is shown reads it
    // again in Korean, as a Korean request is answered.
    const [reason] = suspended.json().reasons;
    expect(reason.detail).toBe(reason.sentences.en);
    const inKorean = await lend(yonamDesk, member.card, 'JY0020', { 'accept-language': 'ko' });
    expect(inKorean.json().reasons[0].detail).toBe(reason.sentences.ko);
    expect(reason.sentences.ko).toContain('2026년 12월 20일 (일)');

    const phone = (
      await t.db
        .selectFrom('members')
        .select('phone')
        .where('id', '=', member.id)
        .executeTakeFirstOrThrow()
    ).phone!;
    const member1 = await memberClient(t.app, phone, 'member password');
    const mine = (await member1.get('/api/v1/me/loans')).json();
    expect(mine.suspension).toMatchObject({
      until: '2026-12-20',
      resumesOn: '2026-12-21',
      cause: { title: '경남 책 20', daysLate: 3 },
    });

    t.clock.setBusinessDate('2026-12-20');
    expect(codes((await lend(gnDesk, member.card, 'GN0021')).json())).toEqual(['MEMBER_SUSPENDED']);
    t.clock.setBusinessDate('2026-12-21');
    expect((await lend(yonamDesk, member.card, 'JY0020')).statusCode).toBe(201);
    await yonamDesk.post('/api/v1/returns', { itemBarcode: 'JY0020' });
  });

  it('renews at the desk and online, with its refusals; rule changes never rewrite due dates', async () => {
    t.clock.setBusinessDate('2027-01-05'); // Tuesday
    const member = await walkIn(yonamDesk);
    const loan = (await lend(yonamDesk, member.card, 'JY0025')).json().loan;
    expect(loan.dueDate).toBe('2027-01-19');
    const yonamId = await libraryIdOf(t, 'jinju-yonam-library');
    const yonamAdmin = await staffClient(t.app, 'jinju-yonam-admin');
    const rules = {
      loanLimit: 5,
      loanPeriodDays: 21,
      maxRenewals: 1,
      renewalDays: 10,
      onlineRenewal: false,
      closedWeekdays: [1],
    };
    expect(
      (await yonamAdmin.request('PUT', `/api/v1/libraries/${yonamId}/loan-rules`, rules))
        .statusCode,
    ).toBe(200);
    const unchanged = await t.db
      .selectFrom('loans')
      .select('due_date')
      .where('id', '=', loan.id)
      .executeTakeFirstOrThrow();
    expect(unchanged.due_date).toBe('2027-01-19');

    const phone = (
      await t.db
        .selectFrom('members')
        .select('phone')
        .where('id', '=', member.id)
        .executeTakeFirstOrThrow()
    ).phone!;
    const portal = await memberClient(t.app, phone, 'member password');
    expect((await portal.post(`/api/v1/me/loans/${loan.id}/renewal`)).json().code).toBe(
      'RENEWAL_NOT_ONLINE',
    );
    await yonamAdmin.request('PUT', `/api/v1/libraries/${yonamId}/loan-rules`, {
      ...rules,
      onlineRenewal: true,
    });
    const renewed = await portal.post(`/api/v1/me/loans/${loan.id}/renewal`);
    // 2027-01-19 + 10 = 2027-01-29 (Friday; Yonam has no weekly closed day).
    expect(renewed.json().loan).toMatchObject({
      dueDate: '2027-01-29',
      previousDueDate: '2027-01-19',
      renewals: 1,
      renewalsLeft: 0,
    });
    expect(
      codes((await yonamDesk.post('/api/v1/renewals', { itemBarcode: 'JY0025' })).json()),
    ).toEqual(['RENEWAL_LIMIT']);
    t.clock.setBusinessDate('2027-01-30');
    expect(
      codes((await yonamDesk.post('/api/v1/renewals', { itemBarcode: 'JY0025' })).json()),
    ).toEqual(['RENEWAL_OVERDUE', 'RENEWAL_LIMIT']);
    // Someone else's loan is not found from my portal.
    const other = await memberClient(t.app, demoCardNumber(2));
    expect((await other.post(`/api/v1/me/loans/${loan.id}/renewal`)).statusCode).toBe(404);
    await yonamDesk.post('/api/v1/returns', { itemBarcode: 'JY0025' });
    await yonamAdmin.request('PUT', `/api/v1/libraries/${yonamId}/loan-rules`, {
      ...rules,
      loanPeriodDays: 14,
      renewalDays: 7,
    });
  });

  it('refuses a library loan limit above the network limit, naming it (issue 17, point 4)', async () => {
    const yonamId = await libraryIdOf(t, 'jinju-yonam-library');
    const yonamAdmin = await staffClient(t.app, 'jinju-yonam-admin');
    const before = (await new Client(t.app).get(`/api/v1/libraries/${yonamId}`)).json().library
      .loanRules;
    const refused = await yonamAdmin.request(
      'PUT',
      `/api/v1/libraries/${yonamId}/loan-rules`,
      { ...before, loanLimit: 25 },
      { 'accept-language': 'ko' },
    );
    expect(refused.statusCode).toBe(422);
    expect(refused.json()).toMatchObject({
      code: 'LOAN_LIMIT_ABOVE_NETWORK',
      detail:
        '도서관 대출 한도는 전체 도서관 한도인 20권보다 클 수 없습니다. 20권 이하로 정해 주세요.',
    });
    const english = await yonamAdmin.request(
      'PUT',
      `/api/v1/libraries/${yonamId}/loan-rules`,
      { ...before, loanLimit: 21 },
      { 'accept-language': 'en' },
    );
    expect(english.json().detail).toBe(
      'A library loan limit cannot be above the network limit of 20 loans. Please choose 20 or fewer.',
    );
    // Nothing changed; the network limit itself is allowed.
    const after = (await new Client(t.app).get(`/api/v1/libraries/${yonamId}`)).json().library;
    expect(after.loanRules.loanLimit).toBe(before.loanLimit);
    const equal = await yonamAdmin.request('PUT', `/api/v1/libraries/${yonamId}/loan-rules`, {
      ...before,
      loanLimit: 20,
    });
    expect(equal.statusCode).toBe(200);
    await yonamAdmin.request('PUT', `/api/v1/libraries/${yonamId}/loan-rules`, before);
  });

  it('refuses a library closed every day of the week: no day could be a due date', async () => {
    const yonamId = await libraryIdOf(t, 'jinju-yonam-library');
    const yonamAdmin = await staffClient(t.app, 'jinju-yonam-admin');
    const before = (await new Client(t.app).get(`/api/v1/libraries/${yonamId}`)).json().library
      .loanRules;
    const everyDay = { ...before, closedWeekdays: [1, 2, 3, 4, 5, 6, 7] };
    const refused = await yonamAdmin.request(
      'PUT',
      `/api/v1/libraries/${yonamId}/loan-rules`,
      everyDay,
      { 'accept-language': 'ko' },
    );
    expect([refused.statusCode, refused.json().code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(refused.json().detail).toBe(
      '정기 휴관 요일은 7일 모두일 수 없습니다. 도서관은 일주일에 하루 이상 열어야 합니다.',
    );
    const after = (await new Client(t.app).get(`/api/v1/libraries/${yonamId}`)).json().library;
    expect(after.loanRules.closedWeekdays).toEqual(before.closedWeekdays);
    const sixDays = await yonamAdmin.request('PUT', `/api/v1/libraries/${yonamId}/loan-rules`, {
      ...before,
      closedWeekdays: [1, 2, 3, 4, 5, 6],
    });
    expect(sixDays.statusCode, sixDays.body).toBe(200);
    await yonamAdmin.request('PUT', `/api/v1/libraries/${yonamId}/loan-rules`, before);
  });

  it('keeps history across libraries, which the member can switch off and delete', async () => {
    const portal = await memberClient(t.app, demoCardNumber(1));
    const history = (await portal.get('/api/v1/me/loan-history')).json();
    expect(history.enabled).toBe(true);
    expect(history.loans.map((l: { title: string }) => l.title)).toEqual(
      expect.arrayContaining(['경남 책 0', '경남 책 1']),
    );
    // A library's own copy: no pickup library beside the lender.
    for (const loan of history.loans) expect(loan).not.toHaveProperty('pickupLibrary');
    expect(
      (await portal.request('PUT', '/api/v1/me/loan-history', { enabled: false })).json(),
    ).toEqual({ enabled: false });
    const deleted = (await portal.request('DELETE', '/api/v1/me/loan-history')).json();
    expect(deleted.deleted).toBeGreaterThanOrEqual(2);
    expect((await portal.get('/api/v1/me/loan-history')).json().loans).toEqual([]);
    const anonymous = await t.db
      .selectFrom('loans')
      .select('member_id')
      .where('member_id', 'is', null)
      .execute();
    expect(anonymous.length).toBeGreaterThanOrEqual(2);
  });

  it('applies a retried request once, and refuses a reused key with another body', async () => {
    const member = await walkIn(gnDesk);
    const headers = { 'idempotency-key': 'checkout-42' };
    const first = await lend(gnDesk, member.card, 'GN0027', headers);
    const retry = await lend(gnDesk, member.card, 'GN0027', headers);
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    const loans = await t.db
      .selectFrom('loans')
      .select('id')
      .where('member_id', '=', member.id)
      .execute();
    expect(loans).toHaveLength(1);
    const reused = await lend(gnDesk, member.card, 'GN0028', headers);
    expect(reused.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    await gnDesk.post('/api/v1/returns', { itemBarcode: 'GN0027' });
  });

  it('answers a retry with its fields in another order or its card number spaced out with the stored answer', async () => {
    const member = await walkIn(yonamDesk);
    const headers = { 'idempotency-key': 'checkout-reordered' };
    const first = await yonamDesk.post(
      '/api/v1/checkouts',
      { cardNumber: member.card, itemBarcode: 'JY0027' },
      headers,
    );
    expect(first.statusCode).toBe(201);
    // As a desk resends it: keys in another order, the card typed in groups, the barcode padded.
    const spaced = `${member.card.slice(0, 4)} ${member.card.slice(4, 9)}-${member.card.slice(9)}`;
    const retry = await yonamDesk.post(
      '/api/v1/checkouts',
      { itemBarcode: ' JY0027 ', cardNumber: spaced },
      headers,
    );
    expect(retry.statusCode, retry.body).toBe(201);
    expect(retry.headers['idempotent-replayed']).toBe('true');
    expect(retry.json()).toEqual(first.json());
    // Another card under the same key is still another request.
    const other = await walkIn(yonamDesk);
    const reused = await yonamDesk.post(
      '/api/v1/checkouts',
      { itemBarcode: 'JY0027', cardNumber: other.card },
      headers,
    );
    expect(reused.json().code).toBe('IDEMPOTENCY_KEY_REUSED');
    await yonamDesk.post('/api/v1/returns', { itemBarcode: 'JY0027' });
  });

  it('refuses lending at a library that is not participating; a library paused (works) still takes back and renews its loans', async () => {
    const member = await walkIn(gnDesk);
    const gn = await libraryIdOf(t, 'gyeongnamdaepyo-library');
    expect((await lend(gnDesk, member.card, 'GN0028')).statusCode).toBe(201);
    expect((await lend(gnDesk, member.card, 'GN0027')).statusCode).toBe(201);
    await admin.patch(`/api/v1/libraries/${gn}`, { status: 'planned' });
    expect(codes((await lend(gnDesk, member.card, 'GN0029')).json())).toEqual([
      'LIBRARY_NOT_PARTICIPATING',
    ]);
    // What the admin page promises when it pauses a library: its loans are renewed and returned.
    expect((await gnDesk.post('/api/v1/renewals', { itemBarcode: 'GN0028' })).statusCode).toBe(200);
    const portal = await memberClient(t.app, member.card, 'member password');
    const [online] = (await openLoansOfCopy(t.db, 'GN0027')).map((loan) => loan.id);
    expect((await portal.post(`/api/v1/me/loans/${online}/renewal`)).statusCode).toBe(200);
    for (const itemBarcode of ['GN0028', 'GN0027']) {
      expect((await gnDesk.post('/api/v1/returns', { itemBarcode })).statusCode).toBe(200);
    }
    await admin.patch(`/api/v1/libraries/${gn}`, { status: 'participating' });
  });

  it('refuses withdrawal while loans are open', async () => {
    const member = await walkIn(gnDesk);
    await lend(gnDesk, member.card, 'GN0029');
    expect((await gnDesk.post(`/api/v1/members/${member.id}/withdrawal`)).json().code).toBe(
      'OPEN_LOANS',
    );
    await gnDesk.post('/api/v1/returns', { itemBarcode: 'GN0029' });
    expect((await gnDesk.post(`/api/v1/members/${member.id}/withdrawal`)).statusCode).toBe(200);
  });
});
