import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoTerminals } from '../../src/modules/terminals/terminals.js';
import type { Actor } from '../../src/platform/auth/actor.js';
import { type Action, can, type SubjectOf } from '../../src/platform/auth/authorize.js';
import { DEMO_STAFF_PASSWORD, demoCardNumber } from '../../src/seed/demo-accounts.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { libraryIdOf, shelve, staffIdOf } from '../support/circulation.js';
import { testDatabaseKind } from '../support/database.js';
import { Client, memberClient, staffClient } from '../support/http.js';

/**
 * Every endpoint × every role × the actor's own library or another one, against a table of what
 * should happen. "ok" means the request got past authorization (it may still be refused for a
 * business reason, e.g. CONFLICT); "unauth" is 401 UNAUTHENTICATED, "forbidden" 403 FORBIDDEN,
 * "hidden" 404 NOT_FOUND (someone else's loan is not even said to exist); any other upper-case
 * word is the exact problem code expected. The table must name every route of the OpenAPI
 * document, so a new endpoint fails this test until its row is written.
 */

type Role = 'anonymous' | 'member' | 'desk' | 'admin' | 'network';
type Scope = 'own' | 'other';
type Outcome = 'ok' | 'unauth' | 'forbidden' | 'hidden' | (string & {});
type Expectation = Outcome | [own: Outcome, other: Outcome];

interface Request {
  url: string;
  body?: unknown;
  headers?: Record<string, string>;
  payload?: string;
}

interface Row {
  /** `METHOD /path/{param}` exactly as in the OpenAPI document. */
  route: string;
  /** Whether the target (library, member, staff, loan) can be the actor's own or another's. */
  scoped?: boolean;
  request: (scope: Scope) => Request;
  /** Puts back what an allowed request took away, before each request. */
  before?: (scope: Scope) => Promise<void>;
  /** Names what an allowed answer showed, where that is the point (e.g. "limited", "none"). */
  shows?: (response: LightMyRequestResponse) => string | undefined;
  expect: Record<Role, Expectation>;
}

const ROLES: Role[] = ['anonymous', 'member', 'desk', 'admin', 'network'];

const PUBLIC: Record<Role, Expectation> = {
  anonymous: 'ok',
  member: 'ok',
  desk: 'ok',
  admin: 'ok',
  network: 'ok',
};
const MEMBER_ONLY: Record<Role, Expectation> = {
  anonymous: 'unauth',
  member: 'ok',
  desk: 'forbidden',
  admin: 'forbidden',
  network: 'forbidden',
};
const ANY_STAFF: Record<Role, Expectation> = {
  anonymous: 'unauth',
  member: 'forbidden',
  desk: 'ok',
  admin: 'ok',
  network: 'ok',
};
/**
 * Staff of a library that holds the member (home library, its check-in group, or checked in
 * there). Every member route keyed by a member id is one of these: "other" is a member the
 * actor's library does not hold, and the answer is FORBIDDEN whatever the role (issue 13.2).
 */
const HOLDING_STAFF: Record<Role, Expectation> = {
  anonymous: 'unauth',
  member: 'forbidden',
  desk: ['ok', 'forbidden'],
  admin: ['ok', 'forbidden'],
  network: ['ok', 'forbidden'],
};
/** The library's admin, or the network admin. */
const LIBRARY_ADMIN: Record<Role, Expectation> = {
  anonymous: 'unauth',
  member: 'forbidden',
  desk: 'forbidden',
  admin: ['ok', 'forbidden'],
  network: 'ok',
};
const NETWORK_ADMIN: Record<Role, Expectation> = {
  anonymous: 'unauth',
  member: 'forbidden',
  desk: 'forbidden',
  admin: 'forbidden',
  network: 'ok',
};
/** The library's staff, or the network admin (holdings). */
const HOLDINGS: Record<Role, Expectation> = {
  anonymous: 'unauth',
  member: 'forbidden',
  desk: ['ok', 'forbidden'],
  admin: ['ok', 'forbidden'],
  network: 'ok',
};

const GN = 'gyeongnamdaepyo-library';
const YONAM = 'jinju-yonam-library';
const TEMPLATE_ROWS = 'barcode,title\n';

describe(`authorization: every endpoint × role × own or other library (${testDatabaseKind})`, () => {
  let t: TestApp;
  const clients = {} as Record<Role, Client>;
  const ids = {
    library: {} as Record<Scope, number>,
    member: {} as Record<Scope, number>,
    card: {} as Record<Scope, string>,
    loan: {} as Record<Scope, number>,
    staff: {} as Record<Scope, number>,
    resetStaff: {} as Record<Scope, number>,
    terminal: {} as Record<Scope, number>,
    request: {} as Record<Scope, number>,
    group: 0,
  };
  const rules = {} as { loan: Record<Scope, unknown>; network: unknown };

  beforeAll(async () => {
    t = await createTestApp({ accounts: true });
    await seedDemoTerminals(t.db);
    ids.library.own = await libraryIdOf(t, GN);
    ids.library.other = await libraryIdOf(t, YONAM);
    await shelve(t, GN, [{ barcode: 'AUTH-GN-1' }]);
    await shelve(t, YONAM, [{ barcode: 'AUTH-YN-1' }]);
    const gnDesk = await staffClient(t.app, 'gyeongnamdaepyo-desk');
    const ynDesk = await staffClient(t.app, 'jinju-yonam-desk');
    // The member who acts (own) is at GN; the other one only at Yonam. Both have an open loan,
    // so that a withdrawal that gets through authorization is still refused (OPEN_LOANS).
    const register = async (desk: Client, name: string, phone: string, barcode: string) => {
      const registered = await desk.post('/api/v1/members', {
        name,
        birthDate: '1988-08-08',
        phone,
        idDocumentType: 'passport',
        password: 'member password',
        consent: true,
      });
      expect(registered.statusCode, registered.body).toBe(201);
      const card = registered.json().card.number as string;
      const lent = await desk.post('/api/v1/checkouts', { cardNumber: card, itemBarcode: barcode });
      expect(lent.statusCode, lent.body).toBe(201);
      return { id: registered.json().id as number, card, loan: lent.json().loan.id as number };
    };
    const own = await register(gnDesk, '권한본인', '010-3100-0001', 'AUTH-GN-1');
    const other = await register(ynDesk, '권한타인', '010-3100-0002', 'AUTH-YN-1');
    ids.member = { own: own.id, other: other.id };
    ids.card = { own: own.card, other: other.card };
    ids.loan = { own: own.loan, other: other.loan };
    // Each member has an inter-library request of the other library's title (cancelled by the
    // member's own request only).
    const requestOf = async (memberId: number, barcode: string, pickup: number) => {
      const item = await t.db
        .selectFrom('items')
        .select(['id', 'record_id', 'library_id'])
        .where('barcode', '=', barcode)
        .executeTakeFirstOrThrow();
      const row = await t.db
        .insertInto('inter_library_requests')
        .values({
          member_id: memberId,
          record_id: item.record_id,
          pickup_library_id: pickup,
          lending_library_id: item.library_id,
          item_id: item.id,
          state: 'requested',
          requested_at: new Date(),
          request_day: t.clock.today(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return row.id;
    };
    await shelve(t, GN, [{ barcode: 'AUTH-GN-2' }]);
    await shelve(t, YONAM, [{ barcode: 'AUTH-YN-2' }]);
    ids.request = {
      own: await requestOf(own.id, 'AUTH-YN-2', ids.library.own),
      other: await requestOf(other.id, 'AUTH-GN-2', ids.library.other),
    };
    const staffId = (username: string) => staffIdOf(t, username);
    ids.staff = {
      own: await staffId('gyeongnamdaepyo-desk'),
      other: await staffId('jinju-yonam-desk'),
    };
    // Password resets end the target's sessions: they target accounts no client signs in with.
    const extraStaff = await t.db
      .insertInto('staff')
      .values(
        [ids.library.own, ids.library.other].map((libraryId, n) => ({
          library_id: libraryId,
          username: `reset-target-${n}`,
          display_name: 'reset target',
          role: 'desk' as const,
          password_hash: 'x',
        })),
      )
      .returning('id')
      .execute();
    ids.resetStaff = { own: extraStaff[0]!.id, other: extraStaff[1]!.id };
    const terminalId = async (username: string) =>
      (
        await t.db
          .selectFrom('terminals')
          .select('id')
          .where('username', '=', username)
          .executeTakeFirstOrThrow()
      ).id;
    ids.terminal = {
      own: await terminalId('gyeongnamdaepyo-sc1'),
      other: await terminalId('jinju-yonam-sc1'),
    };
    const group = await t.db
      .insertInto('check_in_groups')
      .values({ name_ko: '시험 그룹', name_en: 'Test group' })
      .returning('id')
      .executeTakeFirstOrThrow();
    ids.group = group.id;
    const rulesOf = async (id: number) =>
      (await new Client(t.app).get(`/api/v1/libraries/${id}`)).json().library.loanRules;
    rules.loan = { own: await rulesOf(ids.library.own), other: await rulesOf(ids.library.other) };
    rules.network = (await new Client(t.app).get('/api/v1/network-rules')).json();

    clients.anonymous = new Client(t.app);
    clients.member = await memberClient(t.app, own.card, 'member password');
    clients.desk = gnDesk;
    clients.admin = await staffClient(t.app, 'gyeongnamdaepyo-admin');
    clients.network = await staffClient(t.app, 'network-admin', DEMO_STAFF_PASSWORD);
  });
  afterAll(async () => t?.close());

  const lib = (s: Scope) => ids.library[s];
  const member = (s: Scope) => ids.member[s];
  const duplicateIdentity = {
    name: '권한본인',
    birthDate: '1988-08-08',
    phone: '010-3100-0001',
    idDocumentType: 'passport',
    consent: true,
  };

  const table: Row[] = [
    // --- public ---
    { route: 'GET /health', request: () => ({ url: '/health' }), expect: PUBLIC },
    { route: 'GET /ready', request: () => ({ url: '/ready' }), expect: PUBLIC },
    { route: 'GET /api/v1/regions', request: () => ({ url: '/api/v1/regions' }), expect: PUBLIC },
    {
      route: 'GET /api/v1/libraries',
      request: () => ({ url: '/api/v1/libraries' }),
      expect: PUBLIC,
    },
    {
      route: 'GET /api/v1/libraries/{libraryId}',
      scoped: true,
      request: (s) => ({ url: `/api/v1/libraries/${lib(s)}` }),
      expect: PUBLIC,
    },
    {
      route: 'GET /api/v1/network-rules',
      request: () => ({ url: '/api/v1/network-rules' }),
      expect: PUBLIC,
    },
    {
      route: 'GET /api/v1/privacy-policy',
      request: () => ({ url: '/api/v1/privacy-policy' }),
      expect: PUBLIC,
    },
    {
      route: 'GET /api/v1/catalogue',
      request: () => ({ url: '/api/v1/catalogue?q=%ED%86%A0%EC%A7%80' }),
      expect: PUBLIC,
    },
    {
      // Record 1: the title of the first copy shelved above.
      route: 'GET /api/v1/catalogue/titles/{recordId}',
      request: () => ({ url: '/api/v1/catalogue/titles/1' }),
      expect: PUBLIC,
    },
    {
      route: 'GET /api/v1/items/template.csv',
      request: () => ({ url: '/api/v1/items/template.csv' }),
      expect: PUBLIC,
    },
    {
      route: 'GET /api/v1/check-in-groups',
      request: () => ({ url: '/api/v1/check-in-groups' }),
      expect: PUBLIC,
    },
    {
      route: 'POST /api/v1/members/pre-registrations',
      request: () => ({
        url: '/api/v1/members/pre-registrations',
        body: {
          name: '권한본인',
          birthDate: '1988-08-08',
          phone: '010-3100-0001',
          homeLibraryId: lib('own'),
          password: 'member password',
          consent: true,
        },
      }),
      expect: {
        anonymous: 'DUPLICATE_MEMBER',
        member: 'DUPLICATE_MEMBER',
        desk: 'DUPLICATE_MEMBER',
        admin: 'DUPLICATE_MEMBER',
        network: 'DUPLICATE_MEMBER',
      },
    },
    {
      route: 'POST /api/v1/members/sign-in',
      request: () => ({
        url: '/api/v1/members/sign-in',
        body: { login: 'nobody@example.com', password: 'not a password' },
      }),
      expect: {
        anonymous: 'INVALID_CREDENTIALS',
        member: 'INVALID_CREDENTIALS',
        desk: 'INVALID_CREDENTIALS',
        admin: 'INVALID_CREDENTIALS',
        network: 'INVALID_CREDENTIALS',
      },
    },
    {
      route: 'POST /api/v1/staff/sign-in',
      request: () => ({
        url: '/api/v1/staff/sign-in',
        body: { username: 'nobody', password: 'not a password' },
      }),
      expect: {
        anonymous: 'INVALID_CREDENTIALS',
        member: 'INVALID_CREDENTIALS',
        desk: 'INVALID_CREDENTIALS',
        admin: 'INVALID_CREDENTIALS',
        network: 'INVALID_CREDENTIALS',
      },
    },
    // --- the member's own account ---
    { route: 'GET /api/v1/me', request: () => ({ url: '/api/v1/me' }), expect: MEMBER_ONLY },
    {
      route: 'GET /api/v1/me/data-holders',
      request: () => ({ url: '/api/v1/me/data-holders' }),
      expect: MEMBER_ONLY,
    },
    {
      route: 'POST /api/v1/me/password',
      request: () => ({
        url: '/api/v1/me/password',
        body: { currentPassword: 'wrong password', newPassword: 'another password' },
      }),
      expect: { ...MEMBER_ONLY, member: 'INVALID_CREDENTIALS' },
    },
    {
      route: 'POST /api/v1/me/pin',
      request: () => ({
        url: '/api/v1/me/pin',
        body: { currentPassword: 'wrong password', newPin: '9999' },
      }),
      expect: { ...MEMBER_ONLY, member: 'INVALID_CREDENTIALS' },
    },
    {
      route: 'POST /api/v1/me/consent',
      request: () => ({ url: '/api/v1/me/consent', body: {} }),
      expect: MEMBER_ONLY,
    },
    {
      route: 'POST /api/v1/me/withdrawal',
      request: () => ({ url: '/api/v1/me/withdrawal', body: { password: 'wrong password' } }),
      expect: { ...MEMBER_ONLY, member: 'INVALID_CREDENTIALS' },
    },
    {
      route: 'GET /api/v1/me/loans',
      request: () => ({ url: '/api/v1/me/loans' }),
      expect: MEMBER_ONLY,
    },
    {
      route: 'POST /api/v1/me/loans/{loanId}/renewal',
      scoped: true,
      request: (s) => ({ url: `/api/v1/me/loans/${ids.loan[s]}/renewal`, body: {} }),
      expect: { ...MEMBER_ONLY, member: ['ok', 'hidden'] },
    },
    {
      route: 'GET /api/v1/me/loan-history',
      request: () => ({ url: '/api/v1/me/loan-history' }),
      expect: MEMBER_ONLY,
    },
    {
      route: 'PUT /api/v1/me/loan-history',
      request: () => ({ url: '/api/v1/me/loan-history', body: { enabled: true } }),
      expect: MEMBER_ONLY,
    },
    {
      route: 'DELETE /api/v1/me/loan-history',
      request: () => ({ url: '/api/v1/me/loan-history' }),
      expect: MEMBER_ONLY,
    },
    // --- desks: members and cards ---
    {
      route: 'POST /api/v1/members',
      request: () => ({ url: '/api/v1/members', body: duplicateIdentity }),
      expect: {
        ...ANY_STAFF,
        desk: 'DUPLICATE_MEMBER',
        admin: 'DUPLICATE_MEMBER',
        network: 'DUPLICATE_MEMBER',
      },
    },
    {
      // Staff search, but find only members their library holds: the other one is not found.
      route: 'GET /api/v1/members',
      scoped: true,
      request: (s) => ({ url: `/api/v1/members?phone=010-3100-000${s === 'own' ? 1 : 2}` }),
      shows: (r) => (r.statusCode === 200 && r.json().members.length === 0 ? 'none' : undefined),
      expect: {
        ...HOLDING_STAFF,
        desk: ['ok', 'none'],
        admin: ['ok', 'none'],
        network: ['ok', 'none'],
      },
    },
    {
      route: 'GET /api/v1/members/{memberId}',
      scoped: true,
      request: (s) => ({ url: `/api/v1/members/${member(s)}` }),
      expect: HOLDING_STAFF,
    },
    {
      // The card presented at the desk: a library that does not hold the member sees only what
      // the check-in needs (name, masked contact, status).
      route: 'GET /api/v1/cards/{cardNumber}',
      scoped: true,
      request: (s) => ({ url: `/api/v1/cards/${ids.card[s]}` }),
      shows: (r) => (r.statusCode === 200 ? r.json().member.visibility : undefined),
      expect: {
        ...HOLDING_STAFF,
        desk: ['full', 'limited'],
        admin: ['full', 'limited'],
        network: ['full', 'limited'],
      },
    },
    {
      route: 'POST /api/v1/members/{memberId}/verification',
      scoped: true,
      request: (s) => ({
        url: `/api/v1/members/${member(s)}/verification`,
        body: { idDocumentType: 'passport' },
      }),
      // Only at the home library; the member is active already, so it gets no further.
      expect: {
        ...HOLDING_STAFF,
        desk: ['CONFLICT', 'forbidden'],
        admin: ['CONFLICT', 'forbidden'],
        network: ['CONFLICT', 'forbidden'],
      },
    },
    {
      // Only from the member's own card presented at the desk: "other" is the other member's id
      // with a card that is not theirs (a member id alone is VALIDATION_FAILED).
      route: 'POST /api/v1/members/{memberId}/check-ins',
      scoped: true,
      request: (s) => ({
        url: `/api/v1/members/${member(s)}/check-ins`,
        body: { idDocumentType: 'passport', cardNumber: ids.card.own },
      }),
      expect: HOLDING_STAFF,
    },
    {
      route: 'GET /api/v1/members/{memberId}/cards',
      scoped: true,
      request: (s) => ({ url: `/api/v1/members/${member(s)}/cards` }),
      expect: { ...HOLDING_STAFF, member: ['ok', 'forbidden'] },
    },
    {
      route: 'POST /api/v1/members/{memberId}/cards',
      scoped: true,
      request: (s) => ({
        url: `/api/v1/members/${member(s)}/cards`,
        body: { idDocumentType: 'passport' },
      }),
      expect: HOLDING_STAFF,
    },
    {
      route: 'POST /api/v1/members/{memberId}/credentials',
      scoped: true,
      request: (s) => ({
        url: `/api/v1/members/${member(s)}/credentials`,
        body: { idDocumentType: 'passport' },
      }),
      expect: HOLDING_STAFF,
    },
    {
      route: 'POST /api/v1/members/{memberId}/withdrawal',
      scoped: true,
      request: (s) => ({ url: `/api/v1/members/${member(s)}/withdrawal`, body: {} }),
      expect: {
        ...HOLDING_STAFF,
        desk: ['OPEN_LOANS', 'forbidden'],
        admin: ['OPEN_LOANS', 'forbidden'],
        network: ['OPEN_LOANS', 'forbidden'],
      },
    },
    {
      route: 'POST /api/v1/members/{memberId}/consent',
      scoped: true,
      request: (s) => ({ url: `/api/v1/members/${member(s)}/consent`, body: {} }),
      expect: HOLDING_STAFF,
    },
    {
      route: 'GET /api/v1/members/{memberId}/loans',
      scoped: true,
      request: (s) => ({ url: `/api/v1/members/${member(s)}/loans` }),
      expect: HOLDING_STAFF,
    },
    {
      route: 'GET /api/v1/members/{memberId}/holds',
      scoped: true,
      request: (s) => ({ url: `/api/v1/members/${member(s)}/holds` }),
      expect: HOLDING_STAFF,
    },
    {
      route: 'POST /api/v1/members/{memberId}/card/unblock',
      scoped: true,
      request: (s) => ({ url: `/api/v1/members/${member(s)}/card/unblock`, body: {} }),
      expect: {
        ...HOLDING_STAFF,
        desk: ['CONFLICT', 'forbidden'],
        admin: ['CONFLICT', 'forbidden'],
        network: ['CONFLICT', 'forbidden'],
      },
    },
    // --- circulation (always at the desk's own library) ---
    {
      route: 'POST /api/v1/checkouts',
      request: () => ({
        url: '/api/v1/checkouts',
        body: { cardNumber: demoCardNumber(1), itemBarcode: 'NO-SUCH-ITEM' },
      }),
      expect: {
        ...ANY_STAFF,
        desk: 'ITEM_UNKNOWN',
        admin: 'ITEM_UNKNOWN',
        network: 'ITEM_UNKNOWN',
      },
    },
    {
      route: 'POST /api/v1/returns',
      request: () => ({ url: '/api/v1/returns', body: { itemBarcode: 'NO-SUCH-ITEM' } }),
      expect: {
        ...ANY_STAFF,
        desk: 'ITEM_UNKNOWN',
        admin: 'ITEM_UNKNOWN',
        network: 'ITEM_UNKNOWN',
      },
    },
    {
      route: 'POST /api/v1/renewals',
      request: () => ({ url: '/api/v1/renewals', body: { itemBarcode: 'NO-SUCH-ITEM' } }),
      expect: {
        ...ANY_STAFF,
        desk: 'ITEM_UNKNOWN',
        admin: 'ITEM_UNKNOWN',
        network: 'ITEM_UNKNOWN',
      },
    },
    // --- staff ---
    {
      route: 'GET /api/v1/me/holds',
      request: () => ({ url: '/api/v1/me/holds' }),
      expect: MEMBER_ONLY,
    },
    {
      route: 'POST /api/v1/me/holds',
      request: () => ({
        url: '/api/v1/me/holds',
        body: { libraryId: ids.library.own, recordId: 999_999 },
      }),
      expect: { ...MEMBER_ONLY, member: 'hidden' },
    },
    {
      route: 'POST /api/v1/me/holds/{holdId}/cancellation',
      request: () => ({ url: '/api/v1/me/holds/999999/cancellation', body: {} }),
      expect: { ...MEMBER_ONLY, member: 'hidden' },
    },
    {
      route: 'POST /api/v1/holds',
      request: () => ({
        url: '/api/v1/holds',
        body: { cardNumber: demoCardNumber(1), itemBarcode: 'NO-SUCH-ITEM' },
      }),
      expect: {
        ...ANY_STAFF,
        desk: 'ITEM_UNKNOWN',
        admin: 'ITEM_UNKNOWN',
        network: 'ITEM_UNKNOWN',
      },
    },
    {
      route: 'POST /api/v1/holds/{holdId}/cancellation',
      request: () => ({ url: '/api/v1/holds/999999/cancellation', body: {} }),
      expect: { ...ANY_STAFF, desk: 'hidden', admin: 'hidden', network: 'hidden' },
    },
    {
      route: 'GET /api/v1/hold-rules',
      request: () => ({ url: '/api/v1/hold-rules' }),
      expect: PUBLIC,
    },
    {
      route: 'PUT /api/v1/network-hold-rules',
      request: () => ({
        url: '/api/v1/network-hold-rules',
        body: {
          holdLimit: 3,
          queuePerCopy: 3,
          pickupDays: 3,
          noShowLimit: 3,
          noShowWindowDays: 30,
          banDays: 30,
        },
      }),
      expect: NETWORK_ADMIN,
    },
    {
      route: 'PUT /api/v1/libraries/{libraryId}/hold-rules',
      scoped: true,
      request: (s) => ({
        url: `/api/v1/libraries/${lib(s)}/hold-rules`,
        body: { holdLimit: null, queuePerCopy: null, pickupDays: null },
      }),
      expect: LIBRARY_ADMIN,
    },
    {
      route: 'GET /api/v1/hold-shelf',
      request: () => ({ url: '/api/v1/hold-shelf' }),
      expect: ANY_STAFF,
    },
    {
      route: 'POST /api/v1/hold-shelf/put-back/{itemId}',
      request: () => ({ url: '/api/v1/hold-shelf/put-back/999999', body: {} }),
      expect: { ...ANY_STAFF, desk: 'hidden', admin: 'hidden', network: 'hidden' },
    },
    {
      route: 'GET /api/v1/staff/me',
      request: () => ({ url: '/api/v1/staff/me' }),
      expect: ANY_STAFF,
    },
    {
      route: 'POST /api/v1/staff/me/password',
      request: () => ({
        url: '/api/v1/staff/me/password',
        body: { currentPassword: 'wrong password', newPassword: 'another password' },
      }),
      expect: {
        ...ANY_STAFF,
        desk: 'INVALID_CREDENTIALS',
        admin: 'INVALID_CREDENTIALS',
        network: 'INVALID_CREDENTIALS',
      },
    },
    {
      route: 'GET /api/v1/libraries/{libraryId}/staff',
      scoped: true,
      request: (s) => ({ url: `/api/v1/libraries/${lib(s)}/staff` }),
      expect: LIBRARY_ADMIN,
    },
    {
      route: 'POST /api/v1/libraries/{libraryId}/staff',
      scoped: true,
      request: (s) => ({
        url: `/api/v1/libraries/${lib(s)}/staff`,
        body: {
          username: 'gyeongnamdaepyo-desk',
          displayName: '중복',
          role: 'desk',
          password: 'a long password',
        },
      }),
      expect: { ...LIBRARY_ADMIN, admin: ['CONFLICT', 'forbidden'], network: 'CONFLICT' },
    },
    {
      route: 'POST /api/v1/staff/{staffId}/disabled',
      scoped: true,
      request: (s) => ({
        url: `/api/v1/staff/${ids.staff[s]}/disabled`,
        body: { disabled: false },
      }),
      expect: LIBRARY_ADMIN,
    },
    {
      route: 'POST /api/v1/staff/{staffId}/password-reset',
      scoped: true,
      request: (s) => ({ url: `/api/v1/staff/${ids.resetStaff[s]}/password-reset`, body: {} }),
      expect: LIBRARY_ADMIN,
    },
    {
      route: 'PATCH /api/v1/me/contact',
      request: () => ({ url: '/api/v1/me/contact', body: { email: 'own@example.kr' } }),
      expect: MEMBER_ONLY,
    },
    {
      route: 'PATCH /api/v1/members/{memberId}/contact',
      scoped: true,
      request: (s) => ({
        url: `/api/v1/members/${member(s)}/contact`,
        body: { email: `${s}@example.kr` },
      }),
      expect: HOLDING_STAFF,
    },
    // --- administration ---
    {
      route: 'PATCH /api/v1/libraries/{libraryId}',
      scoped: true,
      request: (s) => ({
        url: `/api/v1/libraries/${lib(s)}`,
        body: { status: 'participating' },
      }),
      expect: NETWORK_ADMIN,
    },
    {
      route: 'PUT /api/v1/libraries/{libraryId}/facts',
      scoped: true,
      request: (s) => ({
        url: `/api/v1/libraries/${lib(s)}/facts`,
        body: {
          addressKo: null,
          addressEn: null,
          phone: null,
          openingHoursKo: `${s} 09:00–18:00`,
          openingHoursEn: null,
          closedDaysNoteKo: null,
          closedDaysNoteEn: null,
        },
      }),
      expect: LIBRARY_ADMIN,
    },
    {
      route: 'PUT /api/v1/libraries/{libraryId}/loan-rules',
      scoped: true,
      request: (s) => ({ url: `/api/v1/libraries/${lib(s)}/loan-rules`, body: rules.loan[s] }),
      expect: LIBRARY_ADMIN,
    },
    {
      route: 'POST /api/v1/libraries/{libraryId}/holidays',
      scoped: true,
      request: (s) => ({
        url: `/api/v1/libraries/${lib(s)}/holidays`,
        body: { date: '2031-01-02', nameKo: '시험', nameEn: 'Test' },
      }),
      expect: LIBRARY_ADMIN,
    },
    {
      route: 'DELETE /api/v1/libraries/{libraryId}/holidays/{date}',
      scoped: true,
      request: (s) => ({ url: `/api/v1/libraries/${lib(s)}/holidays/2031-01-02` }),
      before: async (s) => {
        await t.db
          .insertInto('library_holidays')
          .values({ library_id: lib(s), date: '2031-01-02', name_ko: '시험', name_en: 'Test' })
          .onConflict((oc) => oc.doNothing())
          .execute();
      },
      expect: LIBRARY_ADMIN,
    },
    {
      route: 'GET /api/v1/libraries/{libraryId}/calendar',
      scoped: true,
      request: (s) => ({
        url: `/api/v1/libraries/${lib(s)}/calendar?from=2031-01-01&to=2031-01-31`,
      }),
      expect: PUBLIC,
    },
    {
      route: 'GET /api/v1/libraries/{libraryId}/closed-day-impact',
      scoped: true,
      request: (s) => ({ url: `/api/v1/libraries/${lib(s)}/closed-day-impact?date=2031-01-02` }),
      expect: LIBRARY_ADMIN,
    },
    {
      route: 'PUT /api/v1/libraries/{libraryId}/holiday-exceptions/{date}',
      scoped: true,
      request: (s) => ({
        url: `/api/v1/libraries/${lib(s)}/holiday-exceptions/2031-01-03`,
        body: { open: true },
      }),
      before: async () => {
        await t.db
          .insertInto('network_holidays')
          .values({ date: '2031-01-03', name_ko: '시험 공휴일' })
          .onConflict((oc) => oc.doNothing())
          .execute();
      },
      expect: LIBRARY_ADMIN,
    },
    {
      route: 'GET /api/v1/network-holidays',
      request: () => ({ url: '/api/v1/network-holidays?from=2031-01-01&to=2031-12-31' }),
      expect: PUBLIC,
    },
    {
      route: 'GET /api/v1/network-holidays/impact',
      request: () => ({ url: '/api/v1/network-holidays/impact?date=2031-01-02' }),
      expect: NETWORK_ADMIN,
    },
    {
      route: 'GET /api/v1/network-holidays/bundled',
      request: () => ({ url: '/api/v1/network-holidays/bundled?year=2031' }),
      expect: NETWORK_ADMIN,
    },
    {
      route: 'POST /api/v1/network-holidays',
      request: () => ({
        url: '/api/v1/network-holidays',
        body: { date: '2031-01-06', nameKo: '시험 공휴일' },
      }),
      expect: NETWORK_ADMIN,
    },
    {
      route: 'POST /api/v1/network-holidays/import',
      request: () => ({
        url: '/api/v1/network-holidays/import',
        body: { holidays: [{ date: '2031-01-07', nameKo: '시험 공휴일', nameEn: 'Test' }] },
      }),
      expect: NETWORK_ADMIN,
    },
    {
      route: 'DELETE /api/v1/network-holidays/{date}',
      request: () => ({ url: '/api/v1/network-holidays/2031-01-08' }),
      before: async () => {
        await t.db
          .insertInto('network_holidays')
          .values({ date: '2031-01-08', name_ko: '시험 공휴일' })
          .onConflict((oc) => oc.doNothing())
          .execute();
      },
      expect: NETWORK_ADMIN,
    },
    {
      route: 'PUT /api/v1/network-rules',
      request: () => ({ url: '/api/v1/network-rules', body: rules.network }),
      expect: NETWORK_ADMIN,
    },
    {
      route: 'POST /api/v1/check-in-groups',
      request: () => ({
        url: '/api/v1/check-in-groups',
        body: { nameKo: '새 그룹', nameEn: 'New group', libraryIds: [] },
      }),
      expect: NETWORK_ADMIN,
    },
    {
      route: 'PUT /api/v1/check-in-groups/{groupId}',
      request: () => ({
        url: `/api/v1/check-in-groups/${ids.group}`,
        body: { nameKo: '시험 그룹', nameEn: 'Test group', libraryIds: [] },
      }),
      expect: NETWORK_ADMIN,
    },
    {
      route: 'GET /api/v1/audit-events',
      scoped: true,
      request: (s) => ({ url: `/api/v1/audit-events?libraryId=${lib(s)}&limit=1` }),
      expect: LIBRARY_ADMIN,
    },
    {
      route: 'GET /api/v1/statistics',
      scoped: true,
      request: (s) => ({ url: `/api/v1/statistics?libraryId=${lib(s)}` }),
      expect: LIBRARY_ADMIN,
    },
    // --- holdings ---
    {
      route: 'GET /api/v1/libraries/{libraryId}/items',
      scoped: true,
      request: (s) => ({ url: `/api/v1/libraries/${lib(s)}/items?limit=1` }),
      expect: HOLDINGS,
    },
    {
      route: 'GET /api/v1/libraries/{libraryId}/items/{barcode}',
      scoped: true,
      request: (s) => ({ url: `/api/v1/libraries/${lib(s)}/items/NO-SUCH-ITEM` }),
      expect: {
        ...HOLDINGS,
        desk: ['ITEM_UNKNOWN', 'forbidden'],
        admin: ['ITEM_UNKNOWN', 'forbidden'],
        network: 'ITEM_UNKNOWN',
      },
    },
    {
      route: 'POST /api/v1/libraries/{libraryId}/items',
      scoped: true,
      request: (s) => ({
        url: `/api/v1/libraries/${lib(s)}/items`,
        body: { barcode: s === 'own' ? 'AUTH-GN-1' : 'AUTH-YN-1', title: '중복' },
      }),
      expect: { ...LIBRARY_ADMIN, admin: ['CONFLICT', 'forbidden'], network: 'CONFLICT' },
    },
    {
      route: 'POST /api/v1/libraries/{libraryId}/items/import',
      scoped: true,
      request: (s) => ({
        url: `/api/v1/libraries/${lib(s)}/items/import`,
        payload: TEMPLATE_ROWS,
        headers: { 'content-type': 'text/csv' },
      }),
      // A file without rows is refused after authorization.
      expect: {
        ...LIBRARY_ADMIN,
        admin: ['VALIDATION_FAILED', 'forbidden'],
        network: 'VALIDATION_FAILED',
      },
    },
    {
      route: 'GET /api/v1/libraries/{libraryId}/terminals',
      scoped: true,
      request: (s) => ({ url: `/api/v1/libraries/${lib(s)}/terminals` }),
      expect: LIBRARY_ADMIN,
    },
    {
      route: 'POST /api/v1/libraries/{libraryId}/terminals',
      scoped: true,
      request: (s) => ({
        url: `/api/v1/libraries/${lib(s)}/terminals`,
        body: { username: 'gyeongnamdaepyo-sc1', password: 'a long password' },
      }),
      expect: { ...LIBRARY_ADMIN, admin: ['CONFLICT', 'forbidden'], network: 'CONFLICT' },
    },
    {
      route: 'POST /api/v1/terminals/{terminalId}/disabled',
      scoped: true,
      request: (s) => ({
        url: `/api/v1/terminals/${ids.terminal[s]}/disabled`,
        body: { disabled: false },
      }),
      expect: LIBRARY_ADMIN,
    },
    {
      route: 'PUT /api/v1/terminals/{terminalId}/allowed-addresses',
      scoped: true,
      request: (s) => ({
        url: `/api/v1/terminals/${ids.terminal[s]}/allowed-addresses`,
        body: { allowedAddresses: [] },
      }),
      expect: LIBRARY_ADMIN,
    },
    {
      route: 'POST /api/v1/terminals/{terminalId}/password',
      scoped: true,
      request: (s) => ({
        url: `/api/v1/terminals/${ids.terminal[s]}/password`,
        body: { password: 'a rotated password' },
      }),
      expect: LIBRARY_ADMIN,
    },
    // --- these change the actor's own card or session: last ---
    {
      route: 'POST /api/v1/members/{memberId}/card/lost',
      scoped: true,
      request: (s) => ({ url: `/api/v1/members/${member(s)}/card/lost`, body: {} }),
      expect: HOLDING_STAFF,
    },
    {
      route: 'POST /api/v1/me/card/lost',
      request: () => ({ url: '/api/v1/me/card/lost', body: {} }),
      expect: MEMBER_ONLY,
    },
    // --- inter-library requests ---
    {
      route: 'POST /api/v1/me/requests',
      request: () => ({
        url: '/api/v1/me/requests',
        body: { recordId: 1, pickupLibraryId: lib('own') },
      }),
      expect: MEMBER_ONLY,
    },
    {
      route: 'GET /api/v1/me/requests',
      request: () => ({ url: '/api/v1/me/requests' }),
      expect: MEMBER_ONLY,
    },
    {
      // Only the member's own request: another member's is FORBIDDEN.
      route: 'POST /api/v1/me/requests/{requestId}/cancellation',
      scoped: true,
      request: (s) => ({ url: `/api/v1/me/requests/${ids.request[s]}/cancellation`, body: {} }),
      expect: { ...MEMBER_ONLY, member: ['ok', 'forbidden'] },
    },
    {
      route: 'GET /api/v1/members/{memberId}/requests',
      scoped: true,
      request: (s) => ({ url: `/api/v1/members/${member(s)}/requests` }),
      expect: HOLDING_STAFF,
    },
    {
      // The pickup library's desk only: another library's request is not found there.
      route: 'POST /api/v1/requests/{requestId}/cancellation',
      request: () => ({ url: '/api/v1/requests/999999/cancellation', body: {} }),
      expect: { ...ANY_STAFF, desk: 'hidden', admin: 'hidden', network: 'hidden' },
    },
    {
      // A desk's lists and scans are its own library's side, by construction of the actor.
      route: 'GET /api/v1/requests/lists/{list}',
      request: () => ({ url: '/api/v1/requests/lists/pull' }),
      expect: ANY_STAFF,
    },
    ...['sent', 'received', 'received-home'].map((path) => ({
      route: `POST /api/v1/requests/${path}`,
      request: () => ({ url: `/api/v1/requests/${path}`, body: { itemBarcode: 'NO-SUCH-ITEM' } }),
      expect: {
        ...ANY_STAFF,
        desk: 'ITEM_UNKNOWN',
        admin: 'ITEM_UNKNOWN',
        network: 'ITEM_UNKNOWN',
      },
    })),
    // --- notices ---
    {
      route: 'GET /api/v1/me/notice-preferences',
      request: () => ({ url: '/api/v1/me/notice-preferences' }),
      expect: MEMBER_ONLY,
    },
    {
      route: 'PUT /api/v1/me/notice-preferences',
      request: () => ({
        url: '/api/v1/me/notice-preferences',
        body: { channels: { email: false, sms: true, kakao: false }, language: 'ko' },
      }),
      expect: MEMBER_ONLY,
    },
    {
      route: 'GET /api/v1/me/notices',
      request: () => ({ url: '/api/v1/me/notices' }),
      expect: MEMBER_ONLY,
    },
    {
      route: 'GET /api/v1/members/{memberId}/notice-preferences',
      scoped: true,
      request: (s) => ({ url: `/api/v1/members/${member(s)}/notice-preferences` }),
      expect: HOLDING_STAFF,
    },
    {
      route: 'PUT /api/v1/members/{memberId}/notice-preferences',
      scoped: true,
      request: (s) => ({
        url: `/api/v1/members/${member(s)}/notice-preferences`,
        body: { channels: { email: false, sms: true, kakao: false }, language: 'ko' },
      }),
      expect: HOLDING_STAFF,
    },
    {
      route: 'GET /api/v1/members/{memberId}/notices',
      scoped: true,
      request: (s) => ({ url: `/api/v1/members/${member(s)}/notices` }),
      expect: HOLDING_STAFF,
    },
    {
      route: 'GET /api/v1/notice-settings',
      scoped: true,
      request: (s) => ({ url: `/api/v1/notice-settings?libraryId=${lib(s)}` }),
      expect: LIBRARY_ADMIN,
    },
    {
      route: 'PUT /api/v1/notice-settings',
      request: () => ({
        url: '/api/v1/notice-settings',
        body: { dueSoonDays: 3, dueDay: true, overdueRepeatDays: 7, consentReminder: true },
      }),
      expect: NETWORK_ADMIN,
    },
    {
      route: 'PUT /api/v1/libraries/{libraryId}/notice-settings',
      scoped: true,
      request: (s) => ({
        url: `/api/v1/libraries/${lib(s)}/notice-settings`,
        body: { dueSoonDays: null, dueDay: null },
      }),
      expect: LIBRARY_ADMIN,
    },
    {
      route: 'GET /api/v1/notice-templates',
      scoped: true,
      request: (s) => ({ url: `/api/v1/notice-templates?libraryId=${lib(s)}` }),
      expect: LIBRARY_ADMIN,
    },
    {
      route: 'GET /api/v1/notice-counts',
      scoped: true,
      request: (s) => ({ url: `/api/v1/notice-counts?libraryId=${lib(s)}` }),
      expect: LIBRARY_ADMIN,
    },
    {
      route: 'GET /api/v1/session',
      request: () => ({ url: '/api/v1/session' }),
      // 200 for everyone (no 401 in a browser's console); it says whose session it is.
      shows: (r) => (r.json().signedIn ? r.json().kind : 'signedOut'),
      expect: {
        anonymous: 'signedOut',
        member: 'member',
        desk: 'staff',
        admin: 'staff',
        network: 'staff',
      },
    },
    {
      route: 'POST /api/v1/sign-out',
      request: () => ({ url: '/api/v1/sign-out', body: {} }),
      expect: PUBLIC,
    },
  ];

  function classify(response: LightMyRequestResponse): string {
    if (response.statusCode < 400) return 'ok';
    const code = response.json().code as string;
    if (code === 'UNAUTHENTICATED') return 'unauth';
    if (code === 'FORBIDDEN') return 'forbidden';
    if (code === 'NOT_FOUND') return 'hidden';
    return code;
  }

  function matches(actual: string, expected: Outcome): boolean {
    if (expected === 'ok')
      return !['unauth', 'forbidden', 'hidden'].includes(actual) && !/^\d/.test(actual);
    return actual === expected;
  }

  it('has a row for every route of the OpenAPI document, and no other', async () => {
    const document = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(table.map((r) => r.route).sort()).toEqual([...new Set(documented)].sort());
  });

  it('declares in the OpenAPI document which routes need a session, as the table says', async () => {
    const document = t.app.swagger() as {
      paths: Record<string, Record<string, { security?: Record<string, string[]>[] }>>;
    };
    const needs = (security: Record<string, string[]>[] = []) =>
      security.length > 0 && security.every((s) => Object.keys(s).length > 0)
        ? 'session'
        : 'anyone';
    const declared = table.map((row) => {
      const [method, path] = row.route.split(' ') as [string, string];
      return `${row.route}: ${needs(document.paths[path]?.[method.toLowerCase()]?.security)}`;
    });
    const expected = table.map(
      (row) => `${row.route}: ${row.expect.anonymous === 'unauth' ? 'session' : 'anyone'}`,
    );
    expect(declared).toEqual(expected);
  });

  it('leaves no member route open to any staff: a library not holding the member gets nothing', () => {
    const memberRoutes = table.filter(
      (r) =>
        /^\S+ \/api\/v1\/(members\/\{memberId\}|cards\/|members$)/.test(r.route) &&
        r.route !== 'POST /api/v1/members',
    );
    expect(memberRoutes.length).toBeGreaterThanOrEqual(13);
    const open = memberRoutes.flatMap((r) =>
      (['desk', 'admin', 'network'] as const)
        .filter((role) => {
          const expectation = r.expect[role];
          const other = Array.isArray(expectation) ? expectation[1] : expectation;
          return !r.scoped || !['forbidden', 'limited', 'none'].includes(other);
        })
        .map((role) => `${r.route} as ${role}`),
    );
    expect(open).toEqual([]);
  });

  it('allows and refuses as the table says', async () => {
    const mismatches: string[] = [];
    let cases = 0;
    for (const row of table) {
      const [method, ...rest] = row.route.split(' ');
      void rest;
      for (const role of ROLES) {
        for (const scope of row.scoped ? (['own', 'other'] as const) : (['own'] as const)) {
          const expectation = row.expect[role];
          const expected = Array.isArray(expectation)
            ? expectation[scope === 'own' ? 0 : 1]
            : expectation;
          await row.before?.(scope);
          const request = row.request(scope);
          const client = clients[role];
          const response = request.payload
            ? await client.app.inject({
                method: method as 'POST',
                url: request.url,
                payload: request.payload,
                headers: {
                  ...(client.cookie ? { cookie: client.cookie } : {}),
                  ...(client.csrfToken ? { 'x-csrf-token': client.csrfToken } : {}),
                  ...request.headers,
                },
              })
            : await client.request(method as 'GET', request.url, request.body);
          cases++;
          expect(response.statusCode, `${row.route} as ${role}`).toBeLessThan(500);
          const actual = (response.statusCode < 400 && row.shows?.(response)) || classify(response);
          if (!matches(actual, expected)) {
            mismatches.push(
              `${row.route} as ${role} (${scope}): expected ${expected}, got ${actual} ${response.statusCode}`,
            );
          }
        }
      }
    }
    console.info(
      `authorization: ${cases} cases (${table.length} routes × ${ROLES.length} roles × own/other)`,
    );
    expect(mismatches).toEqual([]);
  }, 180_000);

  /**
   * The same table drives the named policies: each route's use case begins with `authorize(actor,
   * action, subject)`, so the policy alone must answer what the row expects for every role and
   * library. Public routes and sign-in/out have no policy.
   */
  type PolicyCase = <A extends Action>(scope: Scope) => [A, SubjectOf<A>];
  const policy = <A extends Action>(action: A, subject: (scope: Scope) => SubjectOf<A>) =>
    ((scope: Scope) => [action, subject(scope)]) as PolicyCase;
  const none = () => ({}) as Record<string, never>;
  const held = (s: Scope) => s === 'own';
  const POLICY: Record<string, PolicyCase> = {
    'GET /api/v1/me': policy('member.own-account', none),
    'GET /api/v1/me/data-holders': policy('member.own-account', none),
    'POST /api/v1/me/password': policy('member.own-account', none),
    'POST /api/v1/me/pin': policy('member.own-account', none),
    'POST /api/v1/me/consent': policy('member.renew-own-consent', () => ({
      memberId: member('own'),
    })),
    'POST /api/v1/me/withdrawal': policy('member.withdraw-self', () => ({
      memberId: member('own'),
    })),
    'POST /api/v1/me/card/lost': policy('card.report-own-lost', () => ({
      memberId: member('own'),
    })),
    'GET /api/v1/me/loans': policy('member.own-account', none),
    'POST /api/v1/me/requests': policy('request.place', () => ({ memberId: member('own') })),
    'GET /api/v1/me/requests': policy('member.own-account', none),
    'POST /api/v1/me/requests/{requestId}/cancellation': policy('request.cancel', (s) => ({
      memberId: member(s),
    })),
    'GET /api/v1/members/{memberId}/requests': policy('member.view-requests', (s) => ({
      heldHere: held(s),
    })),
    'POST /api/v1/requests/{requestId}/cancellation': policy('request.desk', () => ({
      libraryId: lib('own'),
    })),
    'GET /api/v1/requests/lists/{list}': policy('request.desk', () => ({ libraryId: lib('own') })),
    'POST /api/v1/requests/sent': policy('request.desk', () => ({ libraryId: lib('own') })),
    'POST /api/v1/requests/received': policy('request.desk', () => ({ libraryId: lib('own') })),
    'POST /api/v1/requests/received-home': policy('request.desk', () => ({
      libraryId: lib('own'),
    })),
    'POST /api/v1/me/loans/{loanId}/renewal': policy('loan.renew-online', none),
    'GET /api/v1/me/loan-history': policy('member.own-account', none),
    'PUT /api/v1/me/loan-history': policy('member.own-account', none),
    'DELETE /api/v1/me/loan-history': policy('member.own-account', none),
    'POST /api/v1/members': policy('member.register', none),
    // GET /api/v1/members has no policy of its own: its query keeps only members held here.
    'GET /api/v1/members/{memberId}': policy('member.view', (s) => ({ heldHere: held(s) })),
    'GET /api/v1/cards/{cardNumber}': policy('member.scan-card', () => ({ cardPresented: true })),
    'POST /api/v1/members/{memberId}/check-ins': policy('member.check-in', (s) => ({
      cardPresented: held(s),
    })),
    'GET /api/v1/members/{memberId}/cards': policy('member.view-cards', (s) => ({
      memberId: member(s),
      heldHere: held(s),
    })),
    'POST /api/v1/members/{memberId}/cards': policy('card.reissue', (s) => ({
      heldHere: held(s),
    })),
    'POST /api/v1/members/{memberId}/credentials': policy('member.reset-credentials', (s) => ({
      heldHere: held(s),
    })),
    'POST /api/v1/members/{memberId}/withdrawal': policy('member.withdraw', (s) => ({
      heldHere: held(s),
    })),
    'POST /api/v1/members/{memberId}/consent': policy('member.renew-consent', (s) => ({
      heldHere: held(s),
    })),
    'POST /api/v1/members/{memberId}/card/lost': policy('card.report-lost', (s) => ({
      heldHere: held(s),
    })),
    'GET /api/v1/members/{memberId}/loans': policy('member.view-loans', (s) => ({
      heldHere: held(s),
    })),
    'POST /api/v1/members/{memberId}/card/unblock': policy('card.unblock', (s) => ({
      heldHere: held(s),
    })),
    'POST /api/v1/checkouts': policy('loan.checkout', none),
    'POST /api/v1/returns': policy('loan.return', none),
    'POST /api/v1/renewals': policy('loan.renew-at-desk', none),
    'GET /api/v1/me/holds': policy('hold.own', none),
    'POST /api/v1/me/holds': policy('hold.own', none),
    'POST /api/v1/me/holds/{holdId}/cancellation': policy('hold.own', none),
    'POST /api/v1/holds': policy('hold.desk', none),
    'POST /api/v1/holds/{holdId}/cancellation': policy('hold.desk', none),
    'GET /api/v1/hold-shelf': policy('hold.desk', none),
    'POST /api/v1/hold-shelf/put-back/{itemId}': policy('hold.desk', none),
    'GET /api/v1/members/{memberId}/holds': policy('member.view-holds', (s) => ({
      heldHere: held(s),
    })),
    'PUT /api/v1/network-hold-rules': policy('network.manage', none),
    'PUT /api/v1/libraries/{libraryId}/hold-rules': policy('library.manage', (s) => ({
      libraryId: lib(s),
    })),
    'GET /api/v1/libraries/{libraryId}/staff': policy('library.manage', (s) => ({
      libraryId: lib(s),
    })),
    'POST /api/v1/libraries/{libraryId}/staff': policy('staff.manage', (s) => ({
      libraryId: lib(s),
      role: 'desk',
    })),
    'POST /api/v1/staff/{staffId}/disabled': policy('staff.manage', (s) => ({
      libraryId: lib(s),
      role: 'desk',
    })),
    'PATCH /api/v1/libraries/{libraryId}': policy('network.manage', none),
    'PUT /api/v1/libraries/{libraryId}/facts': policy('library.manage', (s) => ({
      libraryId: lib(s),
    })),
    'PUT /api/v1/libraries/{libraryId}/loan-rules': policy('library.manage', (s) => ({
      libraryId: lib(s),
    })),
    'POST /api/v1/libraries/{libraryId}/holidays': policy('library.manage', (s) => ({
      libraryId: lib(s),
    })),
    'DELETE /api/v1/libraries/{libraryId}/holidays/{date}': policy('library.manage', (s) => ({
      libraryId: lib(s),
    })),
    'GET /api/v1/libraries/{libraryId}/closed-day-impact': policy('library.manage', (s) => ({
      libraryId: lib(s),
    })),
    'PUT /api/v1/libraries/{libraryId}/holiday-exceptions/{date}': policy(
      'library.manage',
      (s) => ({
        libraryId: lib(s),
      }),
    ),
    'GET /api/v1/network-holidays/impact': policy('network.manage', none),
    'GET /api/v1/network-holidays/bundled': policy('network.manage', none),
    'POST /api/v1/network-holidays': policy('network.manage', none),
    'POST /api/v1/network-holidays/import': policy('network.manage', none),
    'DELETE /api/v1/network-holidays/{date}': policy('network.manage', none),
    'PUT /api/v1/network-rules': policy('network.manage', none),
    'POST /api/v1/check-in-groups': policy('network.manage', none),
    'PUT /api/v1/check-in-groups/{groupId}': policy('network.manage', none),
    'GET /api/v1/audit-events': policy('audit.read', (s) => ({ libraryId: lib(s) })),
    'GET /api/v1/statistics': policy('statistics.read', (s) => ({ libraryId: lib(s) })),
    'GET /api/v1/libraries/{libraryId}/items': policy('library.view-holdings', (s) => ({
      libraryId: lib(s),
    })),
    'GET /api/v1/libraries/{libraryId}/items/{barcode}': policy('library.view-holdings', (s) => ({
      libraryId: lib(s),
    })),
    'POST /api/v1/libraries/{libraryId}/items': policy('library.manage', (s) => ({
      libraryId: lib(s),
    })),
    'POST /api/v1/libraries/{libraryId}/items/import': policy('library.manage', (s) => ({
      libraryId: lib(s),
    })),
    'GET /api/v1/libraries/{libraryId}/terminals': policy('library.manage', (s) => ({
      libraryId: lib(s),
    })),
    'POST /api/v1/libraries/{libraryId}/terminals': policy('library.manage', (s) => ({
      libraryId: lib(s),
    })),
  };

  function actorOf(role: Role): Actor | null {
    const own = lib('own');
    switch (role) {
      case 'anonymous':
        return null;
      case 'member':
        return { kind: 'member', memberId: member('own') };
      case 'desk':
        return { kind: 'staff', staffId: 1, libraryId: own, role: 'desk' };
      case 'admin':
        return { kind: 'staff', staffId: 2, libraryId: own, role: 'library_admin' };
      case 'network':
        return { kind: 'staff', staffId: 3, libraryId: own, role: 'network_admin' };
    }
  }

  it('the named policies answer as the table says (action × role × library)', () => {
    const mismatches: string[] = [];
    let cases = 0;
    for (const row of table) {
      const policyCase = POLICY[row.route];
      if (!policyCase) continue;
      for (const role of ROLES) {
        for (const scope of row.scoped ? (['own', 'other'] as const) : (['own'] as const)) {
          const expectation = row.expect[role];
          const expected = Array.isArray(expectation)
            ? expectation[scope === 'own' ? 0 : 1]
            : expectation;
          const [action, subject] = policyCase(scope);
          // "hidden": the policy allows the action; the look-up hides someone else's loan.
          const allowed = !['unauth', 'forbidden'].includes(expected);
          cases++;
          if (can(actorOf(role), action, subject) !== allowed) {
            mismatches.push(`${row.route} → ${action} as ${role} (${scope}): expected ${expected}`);
          }
        }
      }
    }
    console.info(`authorization: ${cases} policy cases`);
    expect(mismatches).toEqual([]);
    // Every action of the policy table is exercised by some route.
    const used = new Set(Object.values(POLICY).map((c) => c('own')[0]));
    expect([...used].length).toBeGreaterThan(20);
  });
});
