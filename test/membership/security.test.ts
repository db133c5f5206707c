import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkMemberSecret } from '../../src/modules/members/account.js';
import { memberQuery } from '../../src/modules/members/repository.js';
import { AppError } from '../../src/platform/errors.js';
import {
  DEMO_MEMBER_PASSWORD,
  DEMO_STAFF_PASSWORD,
  demoCardNumber,
} from '../../src/seed/demo-accounts.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { testDatabaseKind } from '../support/database.js';
import { Client, memberClient, reasonsOf, staffClient } from '../support/http.js';

describe(`sign-in, sessions and authorization over HTTP (${testDatabaseKind})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ accounts: true });
  });
  afterAll(async () => t?.close());

  it('locks a staff account after five wrong passwords, for ten minutes', async () => {
    const client = new Client(t.app);
    const attempt = (password: string) =>
      client.post('/api/v1/staff/sign-in', { username: 'geoje-okpo-desk', password });
    for (let i = 0; i < 4; i++)
      expect((await attempt('wrong')).json().code).toBe('INVALID_CREDENTIALS');
    const fifth = await attempt('wrong');
    expect(fifth.statusCode).toBe(423);
    expect(fifth.json().code).toBe('SIGN_IN_LOCKED');
    expect((await attempt(DEMO_STAFF_PASSWORD)).json().code).toBe('SIGN_IN_LOCKED');
    t.clock.advanceMinutes(10);
    expect((await attempt(DEMO_STAFF_PASSWORD)).statusCode).toBe(200);
  });

  it('locks a card after five wrong passwords or PINs together', async () => {
    const card = demoCardNumber(2);
    const client = new Client(t.app);
    const signIn = (password: string) =>
      client.post('/api/v1/members/sign-in', { login: card, password });
    expect((await signIn('wrong one')).json().code).toBe('INVALID_CREDENTIALS');
    const member = await memberQuery(t.db)
      .where('phone', '=', '01020260002')
      .executeTakeFirstOrThrow();
    for (let i = 0; i < 3; i++) {
      const fresh = await memberQuery(t.db).where('id', '=', member.id).executeTakeFirstOrThrow();
      await expect(checkMemberSecret(t.db, fresh, 'pin', '0000', t.clock.now())).rejects.toThrow(
        AppError,
      );
    }
    const locked = await signIn('wrong again');
    expect(locked.json().code).toBe('SIGN_IN_LOCKED');
    expect((await signIn(DEMO_MEMBER_PASSWORD)).json().code).toBe('SIGN_IN_LOCKED');
    const stillLocked = await memberQuery(t.db)
      .where('id', '=', member.id)
      .executeTakeFirstOrThrow();
    await expect(
      checkMemberSecret(t.db, stillLocked, 'pin', '1234', t.clock.now()),
    ).rejects.toMatchObject({
      reasons: [{ code: 'SIGN_IN_LOCKED' }],
    });
    t.clock.advanceMinutes(11);
    expect((await signIn(DEMO_MEMBER_PASSWORD)).statusCode).toBe(200);
  });

  it('says a wrong current password as that when changing a secret, and counts it toward the lock', async () => {
    const member = await memberClient(t.app, demoCardNumber(3));
    const wrong = await member.post('/api/v1/me/password', {
      currentPassword: 'not my password',
      newPassword: 'a brand new secret',
    });
    expect(wrong.statusCode).toBe(401);
    expect(reasonsOf(wrong)).toEqual([
      {
        code: 'INVALID_CREDENTIALS',
        detail: '지금 비밀번호가 맞지 않습니다. 다시 입력해 주세요.',
        params: { secret: 'current' },
      },
    ]);
    const pin = await member.post(
      '/api/v1/me/pin',
      { currentPassword: 'not my password', newPin: '9876' },
      { 'accept-language': 'en' },
    );
    expect(pin.json().detail).toBe('The current password is not right. Type it again.');
    const staff = await staffClient(t.app, 'geoje-okpo-admin');
    const staffWrong = await staff.post('/api/v1/staff/me/password', {
      currentPassword: 'not my password',
      newPassword: 'a brand new secret',
    });
    expect(staffWrong.json().detail).toBe('지금 비밀번호가 맞지 않습니다. 다시 입력해 주세요.');
    // Still the sign-in's lock: five wrong in all, and the card is locked, said as such.
    for (let i = 0; i < 2; i++) {
      const again = await member.post('/api/v1/me/password', {
        currentPassword: 'not my password',
        newPassword: 'a brand new secret',
      });
      expect(again.json().code).toBe('INVALID_CREDENTIALS');
    }
    const fifth = await member.post('/api/v1/me/password', {
      currentPassword: 'not my password',
      newPassword: 'a brand new secret',
    });
    expect(fifth.json().code).toBe('SIGN_IN_LOCKED');
    t.clock.advanceMinutes(11);
  });

  it('answers an unknown user like a wrong password', async () => {
    const response = await new Client(t.app).post('/api/v1/staff/sign-in', {
      username: 'nobody',
      password: 'whatever',
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().code).toBe('INVALID_CREDENTIALS');
  });

  it('sets an HttpOnly SameSite session cookie and needs the CSRF token for writes', async () => {
    const response = await new Client(t.app).post('/api/v1/staff/sign-in', {
      username: 'miryang-municipal-desk',
      password: DEMO_STAFF_PASSWORD,
    });
    const cookie = response.cookies.find((c) => c.name === 'lo_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    const desk = await staffClient(t.app, 'miryang-municipal-desk');
    const token = desk.csrfToken;
    const cardNumber = demoCardNumber(1);
    const { member_id: memberId } = await t.db
      .selectFrom('cards')
      .select('member_id')
      .where('number', '=', cardNumber)
      .executeTakeFirstOrThrow();
    const checkIn = () =>
      desk.post(`/api/v1/members/${memberId}/check-ins`, {
        idDocumentType: 'passport',
        cardNumber,
      });
    desk.csrfToken = undefined;
    const noToken = await checkIn();
    expect(noToken.statusCode).toBe(403);
    expect(noToken.json().code).toBe('FORBIDDEN');
    desk.csrfToken = 'forged';
    expect((await checkIn()).statusCode).toBe(403);
    desk.csrfToken = token;
    expect((await checkIn()).statusCode).toBe(200);
  });

  it('signs out, and a password change ends the other sessions', async () => {
    const first = await staffClient(t.app, 'haman-chilwon-admin');
    const second = await staffClient(t.app, 'haman-chilwon-admin');
    const changed = await first.post('/api/v1/staff/me/password', {
      currentPassword: DEMO_STAFF_PASSWORD,
      newPassword: 'a brand new secret',
    });
    expect(changed.statusCode).toBe(200);
    expect((await second.get('/api/v1/staff/me')).statusCode).toBe(401);
    expect((await first.get('/api/v1/staff/me')).statusCode).toBe(200);
    expect((await first.post('/api/v1/sign-out')).statusCode).toBe(200);
    expect((await first.get('/api/v1/staff/me')).json().code).toBe('UNAUTHENTICATED');
  });

  it('keeps staff to their own library and role', async () => {
    const yonam = await t.db
      .selectFrom('libraries')
      .select('id')
      .where('code', '=', 'jinju-yonam-library')
      .executeTakeFirstOrThrow();
    const okpo = await t.db
      .selectFrom('libraries')
      .select('id')
      .where('code', '=', 'geoje-okpo-library')
      .executeTakeFirstOrThrow();
    const desk = await staffClient(t.app, 'jinju-yonam-desk');
    const libraryAdmin = await staffClient(t.app, 'jinju-yonam-admin');
    const networkAdmin = await staffClient(t.app, 'network-admin');
    const member = await memberClient(t.app, demoCardNumber(1));
    const newStaff = (role: string, n: number) => ({
      username: `new-${role}-${n}`,
      displayName: '신규',
      role,
      password: 'new staff pw',
    });

    const cases: [string, Client, string, string, unknown, number][] = [
      [
        'desk cannot create staff',
        desk,
        'POST',
        `/api/v1/libraries/${yonam.id}/staff`,
        newStaff('desk', 1),
        403,
      ],
      [
        'library admin creates desk staff at own library',
        libraryAdmin,
        'POST',
        `/api/v1/libraries/${yonam.id}/staff`,
        newStaff('desk', 2),
        201,
      ],
      [
        'library admin cannot create staff elsewhere',
        libraryAdmin,
        'POST',
        `/api/v1/libraries/${okpo.id}/staff`,
        newStaff('desk', 3),
        403,
      ],
      [
        'library admin cannot create a network admin',
        libraryAdmin,
        'POST',
        `/api/v1/libraries/${yonam.id}/staff`,
        newStaff('network_admin', 4),
        403,
      ],
      [
        'network admin creates staff anywhere',
        networkAdmin,
        'POST',
        `/api/v1/libraries/${okpo.id}/staff`,
        newStaff('library_admin', 5),
        201,
      ],
      [
        'library admin cannot list staff elsewhere',
        libraryAdmin,
        'GET',
        `/api/v1/libraries/${okpo.id}/staff`,
        undefined,
        403,
      ],
      [
        'library admin cannot change library status',
        libraryAdmin,
        'PATCH',
        `/api/v1/libraries/${yonam.id}`,
        { phone: '055-000-0000' },
        403,
      ],
      [
        'desk cannot create check-in groups',
        desk,
        'POST',
        '/api/v1/check-in-groups',
        { nameKo: 'x', nameEn: 'x', libraryIds: [] },
        403,
      ],
      [
        'library admin cannot create check-in groups',
        libraryAdmin,
        'POST',
        '/api/v1/check-in-groups',
        { nameKo: 'x', nameEn: 'x', libraryIds: [] },
        403,
      ],
      ['desk cannot read the audit log', desk, 'GET', '/api/v1/audit-events', undefined, 403],
      [
        'library admin reads own library audit',
        libraryAdmin,
        'GET',
        `/api/v1/audit-events?libraryId=${yonam.id}`,
        undefined,
        200,
      ],
      [
        'library admin cannot read another library audit',
        libraryAdmin,
        'GET',
        `/api/v1/audit-events?libraryId=${okpo.id}`,
        undefined,
        403,
      ],
      ['a member cannot use the desk', member, 'GET', '/api/v1/members/1', undefined, 403],
      ['a member cannot register walk-ins', member, 'POST', '/api/v1/members', {}, 400],
      ['a member cannot see staff', member, 'GET', '/api/v1/staff/me', undefined, 403],
      ['staff have no member portal', desk, 'GET', '/api/v1/me', undefined, 403],
      [
        'nobody signed in cannot use the desk',
        new Client(t.app),
        'GET',
        '/api/v1/members/1',
        undefined,
        401,
      ],
    ];
    for (const [rule, client, method, url, body, status] of cases) {
      const response = await client.request(method as 'GET', url, body);
      expect(response.statusCode, `${rule}: ${response.body}`).toBe(status);
    }
  });

  it('never lets the audit log be changed', async () => {
    await expect(
      t.db.updateTable('audit_events').set({ action: 'forged' }).execute(),
    ).rejects.toThrow(/cannot be changed/);
    await expect(t.db.deleteFrom('audit_events').execute()).rejects.toThrow(/cannot be changed/);
  });
});

describe(`bad registration input (${testDatabaseKind})`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ accounts: true });
  });
  afterAll(async () => t?.close());

  const valid = {
    name: '배수지',
    birthDate: '1994-10-10',
    phone: '010-3333-4444',
    password: 'long enough',
    homeLibraryId: 1,
    consent: true,
  };
  it.each([
    ['missing name', { ...valid, name: undefined }, 'body.name'],
    ['empty name', { ...valid, name: '   ' }, 'body.name'],
    ['impossible birth date', { ...valid, birthDate: '1994-02-30' }, 'body.birthDate'],
    ['future birth date', { ...valid, birthDate: '2030-01-01' }, 'body.birthDate'],
    ['birth date not a date', { ...valid, birthDate: 'yesterday' }, 'body.birthDate'],
    ['over-long name', { ...valid, name: '가'.repeat(101) }, 'body.name'],
    ['number as phone', { ...valid, phone: 1012345678 }, 'body.phone'],
    ['bad phone', { ...valid, phone: '123-456-7890' }, 'body.phone'],
    ['short password', { ...valid, password: 'short' }, 'body.password'],
    ['unknown library', { ...valid, homeLibraryId: 9999 }, 'body.homeLibraryId'],
    ['library id as text', { ...valid, homeLibraryId: 'one' }, 'body.homeLibraryId'],
    ['an ID number is never accepted', { ...valid, idNumber: '900101-1234567' }, 'body.idNumber'],
  ])('%s → VALIDATION_FAILED naming the field', async (_case, body, field) => {
    const response = await new Client(t.app).post('/api/v1/members/pre-registrations', body);
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('VALIDATION_FAILED');
    expect(response.json().reasons[0].params.field).toBe(field);
    const count = await t.db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(4);
  });

  it('accepts an action with an empty JSON body', async () => {
    const response = await t.app.inject({
      method: 'POST',
      url: '/api/v1/sign-out',
      payload: '',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(200);
  });

  it('answers malformed JSON and wrong content types with problems', async () => {
    const malformed = await t.app.inject({
      method: 'POST',
      url: '/api/v1/members/pre-registrations',
      payload: '{"name": "x",',
      headers: { 'content-type': 'application/json' },
    });
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().code).toBe('VALIDATION_FAILED');
    const text = await t.app.inject({
      method: 'POST',
      url: '/api/v1/members/pre-registrations',
      payload: 'name=x',
      headers: { 'content-type': 'application/xml' },
    });
    expect(text.statusCode).toBe(415);
    expect(text.json().code).toBe('VALIDATION_FAILED');
  });
});
