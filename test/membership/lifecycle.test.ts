import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoCardNumber } from '../../src/seed/demo-accounts.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDatabaseKind } from '../support/database.js';
import { Client, memberClient, reasonsOf, staffClient } from '../support/http.js';

const newcomer = {
  name: '정우성',
  birthDate: '1990-04-01',
  phone: '010-5555-1234',
  email: 'woosung@example.kr',
  password: 'correct horse battery',
  consent: true,
};

async function libraryId(t: TestApp, code: string): Promise<number> {
  const row = await t.db
    .selectFrom('libraries')
    .select('id')
    .where('code', '=', code)
    .executeTakeFirstOrThrow();
  return row.id;
}

describe(`membership lifecycle over HTTP (${testDatabaseKind})`, () => {
  let t: TestApp;
  let home: number;
  let yonam: number;
  beforeAll(async () => {
    t = await createTestApp({ accounts: true });
    home = await libraryId(t, 'gyeongnamdaepyo-library');
    yonam = await libraryId(t, 'jinju-yonam-library');
  });
  afterAll(async () => t?.close());

  it('pre-register → verify → card → lost → reissue → withdraw', async () => {
    // 1. Online pre-registration: pending, can sign in (by phone) to see the status, no card yet.
    const anonymous = new Client(t.app);
    const registered = await anonymous.post('/api/v1/members/pre-registrations', {
      ...newcomer,
      homeLibraryId: home,
    });
    expect(registered.statusCode).toBe(201);
    expect(registered.json()).toMatchObject({ status: 'pending', homeLibraryId: home });
    const memberId: number = registered.json().id;

    const pending = await memberClient(t.app, newcomer.phone, newcomer.password);
    const pendingMe = (await pending.get('/api/v1/me')).json();
    expect(pendingMe).toMatchObject({ status: 'pending', card: null, name: '정우성' });

    // 2. Desk verification happens at the home library only.
    const elsewhere = await staffClient(t.app, 'jinju-yonam-desk');
    const wrongDesk = await elsewhere.post(`/api/v1/members/${memberId}/verification`, {
      idDocumentType: 'driver_license',
    });
    expect(wrongDesk.statusCode).toBe(403);
    expect(wrongDesk.json().code).toBe('FORBIDDEN');
    // Searched for there, the applicant is not shown, but where they applied is: no dead end.
    const searchedElsewhere = (await elsewhere.get('/api/v1/members?phone=01055551234')).json();
    expect(searchedElsewhere).toEqual({
      members: [],
      appliedAt: [{ id: home, nameKo: '경남대표도서관', nameEn: expect.any(String) }],
    });

    const desk = await staffClient(t.app, 'gyeongnamdaepyo-desk');
    const found = (await desk.get(`/api/v1/members?phone=01055551234`)).json();
    expect(found.members.map((m: { id: number }) => m.id)).toEqual([memberId]);
    expect(found.appliedAt).toEqual([]);
    const verified = await desk.post(`/api/v1/members/${memberId}/verification`, {
      idDocumentType: 'driver_license',
    });
    expect(verified.statusCode).toBe(200);
    const firstCard: string = verified.json().card.number;
    expect(verified.json()).toMatchObject({ status: 'active', card: { status: 'valid' } });
    expect(firstCard).toMatch(/^29\d{12}$/);
    const again = await desk.post(`/api/v1/members/${memberId}/verification`, {
      idDocumentType: 'driver_license',
    });
    expect(again.json().code).toBe('CONFLICT');

    // 3. The member signs in with the card; the portal shows the card.
    const member = await memberClient(t.app, firstCard, newcomer.password);
    const me = (await member.get('/api/v1/me')).json();
    expect(me).toMatchObject({
      status: 'active',
      card: { number: firstCard, status: 'valid' },
      consent: { renewalDue: false },
    });
    expect(me.verification.idDocumentType).toBe('driver_license');
    expect(JSON.stringify(me)).not.toMatch(/password|hash/i);

    // 4. A mistyped number is invalid, not unknown; a well-formed stranger is unknown.
    const typo = firstCard.slice(0, -1) + String((Number(firstCard.at(-1)) + 1) % 10);
    expect((await desk.get(`/api/v1/cards/${typo}`)).json().code).toBe('CARD_NUMBER_INVALID');
    expect((await desk.get(`/api/v1/cards/${demoCardNumber(999)}`)).json().code).toBe(
      'CARD_UNKNOWN',
    );

    // 5. Lost: reported by the member; every use is then refused and flagged.
    const lost = await member.post('/api/v1/me/card/lost');
    expect(lost.json()).toMatchObject({ number: firstCard, status: 'lost' });
    const signInLost = await new Client(t.app).post('/api/v1/members/sign-in', {
      login: firstCard,
      password: newcomer.password,
    });
    expect(signInLost.statusCode).toBe(422);
    // Said to the member who typed it, with the ways in that still work (not the desk's steps).
    expect(signInLost.json()).toMatchObject({
      code: 'CARD_LOST',
      detail:
        '분실 신고한 카드입니다. 가입할 때 적은 전화번호나 이메일로 로그인할 수 있습니다. 새 카드는 신분증을 가지고 도서관 안내데스크에서 받으세요.',
    });
    const scanned = (await desk.get(`/api/v1/cards/${firstCard}`)).json();
    expect(scanned.card.status).toBe('lost');
    const flagged = await t.db
      .selectFrom('audit_events')
      .select('action')
      .where('member_pseudonym', '=', (eb) =>
        eb.selectFrom('members').select('audit_pseudonym').where('id', '=', memberId),
      )
      .where('subject_id', 'is', null)
      .where('action', '=', 'card.lost_card_used')
      .execute();
    expect(flagged.length).toBeGreaterThanOrEqual(2);

    // 6. Reissue needs a library that holds the member (home, group or checked in).
    const notCheckedIn = await elsewhere.post(`/api/v1/members/${memberId}/cards`, {
      idDocumentType: 'passport',
    });
    expect(notCheckedIn.json().code).toBe('FORBIDDEN');
    const reissued = await desk.post(`/api/v1/members/${memberId}/cards`, {
      idDocumentType: 'passport',
    });
    expect(reissued.statusCode).toBe(201);
    const secondCard: string = reissued.json().number;
    expect(secondCard).not.toBe(firstCard);
    const oldCard = await new Client(t.app).post('/api/v1/members/sign-in', {
      login: firstCard,
      password: newcomer.password,
    });
    expect(oldCard.json()).toMatchObject({
      code: 'CARD_REPLACED',
      detail:
        '재발급으로 더 이상 쓸 수 없는 카드입니다. 새 카드 번호나 가입할 때 적은 전화번호·이메일로 로그인하세요.',
    });
    const history = (await desk.get(`/api/v1/members/${memberId}/cards`)).json();
    expect(history.cards.map((c: { status: string }) => c.status)).toEqual(['replaced', 'valid']);

    // 7. Withdrawal erases personal data and ends the sessions.
    const member2 = await memberClient(t.app, secondCard, newcomer.password);
    const withdrawn = await member2.post('/api/v1/me/withdrawal', { password: newcomer.password });
    expect(withdrawn.statusCode).toBe(200);
    const row = await t.db
      .selectFrom('members')
      .selectAll()
      .where('id', '=', memberId)
      .executeTakeFirstOrThrow();
    expect(row).toMatchObject({
      status: 'withdrawn',
      name: null,
      birth_date: null,
      phone: null,
      email: null,
      password_hash: null,
    });
    expect((await member.get('/api/v1/me')).statusCode).toBe(401);
    // A withdrawn member's card: no member is kept for it, not "replaced by a new card".
    const retired = await new Client(t.app).post('/api/v1/members/sign-in', {
      login: secondCard,
      password: newcomer.password,
    });
    expect(retired.json()).toMatchObject({
      code: 'CARD_REPLACED',
      detail:
        '더 이상 쓸 수 없는 카드입니다. 이 카드의 회원 정보는 남아 있지 않습니다. 도서관을 다시 이용하려면 새로 가입해 주세요.',
    });
    const scannedRetired = await desk.get(`/api/v1/cards/${secondCard}`);
    expect(scannedRetired.json().detail).toBe(retired.json().detail);
    // The same person may join again after withdrawal.
    const rejoin = await anonymous.post('/api/v1/members/pre-registrations', {
      ...newcomer,
      homeLibraryId: home,
    });
    expect(rejoin.statusCode).toBe(201);
    // The audit log holds no personal data.
    const audit = await t.db.selectFrom('audit_events').select('details').execute();
    expect(JSON.stringify(audit)).not.toContain('정우성');
    expect(JSON.stringify(audit)).not.toContain('5555');
  });

  it('shows other libraries only name, masked contact and status until check-in; a group check-in covers the group', async () => {
    const seobu = await libraryId(t, 'jinju-seobu-library');
    const desk = await staffClient(t.app, 'gyeongnamdaepyo-desk');
    const walkIn = await desk.post('/api/v1/members', {
      name: '한지민',
      birthDate: '1982-11-05',
      phone: '010-7777-0001',
      idDocumentType: 'resident_registration_card',
      password: 'walk-in password',
      pin: '4721',
      consent: true,
    });
    expect(walkIn.statusCode).toBe(201);
    const memberId = walkIn.json().id;
    const card: string = walkIn.json().card.number;

    // Another library finds the member only by the card presented, and sees only the limited view.
    const yonamDesk = await staffClient(t.app, 'jinju-yonam-desk');
    expect((await yonamDesk.get(`/api/v1/members/${memberId}`)).json().code).toBe('FORBIDDEN');
    const before = (await yonamDesk.get(`/api/v1/cards/${card}`)).json().member;
    expect(before).toEqual({
      visibility: 'limited',
      id: memberId,
      name: '한지민',
      maskedPhone: '010-****-0001',
      maskedEmail: null,
      status: 'active',
      suspendedUntil: null,
      homeLibrary: expect.objectContaining({ nameKo: '경남대표도서관' }),
      checkedInHere: false,
    });

    // The network admin groups Jinju's libraries: a check-in at Yonam covers Seobu.
    const admin = await staffClient(t.app, 'network-admin');
    const group = await admin.post('/api/v1/check-in-groups', {
      nameKo: '진주시 통합',
      nameEn: 'Jinju integrated',
      libraryIds: [yonam, seobu],
    });
    expect(group.statusCode).toBe(201);
    const seobuDesk = await staffClient(t.app, 'jinju-seobu-desk');
    expect((await seobuDesk.get(`/api/v1/cards/${card}`)).json().member.visibility).toBe('limited');

    const checkedIn = await yonamDesk.post(`/api/v1/members/${memberId}/check-ins`, {
      idDocumentType: 'resident_registration_card',
      cardNumber: card,
    });
    expect(checkedIn.json()).toMatchObject({ libraryId: yonam, alreadyCheckedIn: false });
    const after = (await yonamDesk.get(`/api/v1/members/${memberId}`)).json();
    expect(after).toMatchObject({
      visibility: 'full',
      phone: '01077770001',
      birthDate: '1982-11-05',
      checkedInHere: true,
    });
    expect((await seobuDesk.get(`/api/v1/members/${memberId}`)).json().visibility).toBe('full');
    const again = await seobuDesk.post(`/api/v1/members/${memberId}/check-ins`, {
      idDocumentType: 'passport',
      cardNumber: card,
    });
    expect(again.json().alreadyCheckedIn).toBe(true);

    // The member sees which libraries hold their data.
    const member = await memberClient(t.app, '010-7777-0001', 'walk-in password');
    const holders = (await member.get('/api/v1/me/data-holders')).json();
    expect(holders.libraries.map((l: { id: number }) => l.id).sort()).toEqual(
      [home, yonam, seobu].sort(),
    );

    // Every staff view of the record is in the audit log.
    const views = await t.db
      .selectFrom('audit_events')
      .select(['actor_id', 'library_id', 'details'])
      .where('action', '=', 'member.viewed')
      .where('member_pseudonym', '=', (eb) =>
        eb.selectFrom('members').select('audit_pseudonym').where('id', '=', memberId),
      )
      .execute();
    expect(views.length).toBe(4);
  });

  it('refuses pre-registration at a planned library', async () => {
    const admin = await staffClient(t.app, 'network-admin');
    const dongbu = await libraryId(t, 'dongbu-library');
    expect(
      (await admin.patch(`/api/v1/libraries/${dongbu}`, { status: 'planned' })).json().status,
    ).toBe('planned');
    const response = await new Client(t.app).post('/api/v1/members/pre-registrations', {
      name: '오세훈',
      birthDate: '1979-01-01',
      phone: '010-1111-9999',
      password: 'some password',
      homeLibraryId: dongbu,
      consent: true,
    });
    expect(response.json().code).toBe('LIBRARY_NOT_PARTICIPATING');
    expect(response.json().detail).toContain('고성군 동부도서관');
  });

  it('needs a guardian under 14 and refuses the same person twice', async () => {
    const child = {
      name: '윤아이',
      birthDate: '2015-03-03',
      phone: '010-2222-3333',
      password: 'child password',
      homeLibraryId: home,
      consent: true,
    };
    const noGuardian = await new Client(t.app).post('/api/v1/members/pre-registrations', child);
    expect(noGuardian.json().code).toBe('GUARDIAN_CONSENT_REQUIRED');
    const withGuardian = await new Client(t.app).post('/api/v1/members/pre-registrations', {
      ...child,
      guardian: { name: '윤부모', relationship: '부', consent: true },
    });
    expect(withGuardian.statusCode).toBe(201);
    const twice = await new Client(t.app).post('/api/v1/members/pre-registrations', {
      ...child,
      phone: '01022223333',
      guardian: { name: '윤부모', relationship: '부', consent: true },
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().code).toBe('DUPLICATE_MEMBER');
  });

  it('tells a desk registering someone who applied online where they are verified, and of a member that they are one', async () => {
    const person = {
      name: '홍길순',
      birthDate: '1990-05-05',
      phone: '010-3333-4444',
      password: 'applied online',
      homeLibraryId: home,
      consent: true,
    };
    const applied = await new Client(t.app).post('/api/v1/members/pre-registrations', person);
    expect(applied.statusCode).toBe(201);
    const atDesk = {
      name: person.name,
      birthDate: person.birthDate,
      phone: '01033334444',
      idDocumentType: 'driver_license',
      consent: true,
    };
    // At another library: who they are to the network (pending), and where they are verified.
    const yonamDesk = await staffClient(t.app, 'jinju-yonam-desk');
    const elsewhere = await yonamDesk.post('/api/v1/members', atDesk);
    expect(elsewhere.statusCode).toBe(409);
    expect(reasonsOf(elsewhere)).toEqual([
      {
        code: 'DUPLICATE_MEMBER',
        detail:
          '같은 이름, 생년월일, 연락처(전화번호, 없으면 이메일)로 온라인 가입을 신청한 준회원이 있습니다. 소속 도서관은 경남대표도서관입니다.',
        params: {
          existing: 'pending',
          homeLibrary: '경남대표도서관',
          homeLibraryEn: 'Gyeongnamdaepyo Library',
          verifyAt: 'home',
        },
      },
    ]);
    // At the home library itself: the same, marked as here (the desk verifies them with F9).
    const homeDesk = await staffClient(t.app, 'gyeongnamdaepyo-desk');
    const here = await homeDesk.post('/api/v1/members', atDesk);
    expect(here.json().reasons[0].params).toMatchObject({
      existing: 'pending',
      verifyAt: 'here',
    });
    // Nothing was made: still one pending applicant.
    const rows = await t.db
      .selectFrom('members')
      .select('status')
      .where('name', '=', person.name)
      .execute();
    expect(rows).toEqual([{ status: 'pending' }]);
    // A member already: only that they are one (their card checks them in).
    const walkIn = {
      name: '문채원',
      birthDate: '1986-11-13',
      phone: '010-7777-0009',
      idDocumentType: 'passport',
      consent: true,
    };
    expect((await homeDesk.post('/api/v1/members', walkIn)).statusCode).toBe(201);
    const member = await yonamDesk.post('/api/v1/members', walkIn);
    expect(reasonsOf(member)).toEqual([
      {
        code: 'DUPLICATE_MEMBER',
        detail:
          '같은 이름, 생년월일, 연락처(전화번호, 없으면 이메일)로 가입한 회원이 이미 있습니다.',
        params: { existing: 'member' },
      },
    ]);
  });

  it('makes two simultaneous identical registrations one member', async () => {
    const body = {
      name: '동시가입',
      birthDate: '1991-09-09',
      phone: '010-4444-5555',
      password: 'same time pw',
      homeLibraryId: home,
      consent: true,
    };
    const responses = await Promise.all(
      Array.from({ length: 6 }, () =>
        new Client(t.app).post('/api/v1/members/pre-registrations', body),
      ),
    );
    const codes = responses.map((r) => r.statusCode).sort();
    expect(codes).toEqual([201, 409, 409, 409, 409, 409]);
    const rows = await t.db
      .selectFrom('members')
      .select('id')
      .where('phone', '=', '01044445555')
      .execute();
    expect(rows).toHaveLength(1);
  });
});
