import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../src/app.js';
import { createAppContext } from '../../src/app-context.js';
import {
  DEFAULT_IDLE_MINUTES,
  hashToken,
  SESSION_HOURS,
} from '../../src/platform/auth/sessions.js';
import { databaseTraffic } from '../../src/platform/db/traffic.js';
import { API_CONTENT_SECURITY_POLICY, createHttpServer } from '../../src/platform/http/server.js';
import { createLogger } from '../../src/platform/logger.js';
import { DEMO_STAFF_PASSWORD } from '../../src/seed/demo-accounts.js';
import { createTestApp, type TestApp } from '../support/app.js';
import { walkIn } from '../support/circulation.js';
import { testDatabaseKind } from '../support/database.js';
import { Client, memberClient, staffClient } from '../support/http.js';

const LEAKS =
  /\bat \S+ \(|node_modules|\.ts:\d+|select |insert into|update \w+ set|syntax error|relation "|duplicate key|stack/i;

function sessionCookie(response: { cookies: { name: string; value: string }[] }) {
  return response.cookies.find((c) => c.name === 'lo_session');
}

describe(`sessions, CSRF, rate limits, lockouts and headers (${testDatabaseKind})`, () => {
  let t: TestApp;
  let member: { id: number; card: string };
  beforeAll(async () => {
    t = await createTestApp({ accounts: true });
    const desk = await staffClient(t.app, 'gyeongnamdaepyo-desk');
    member = await walkIn(desk);
  });
  afterAll(async () => t?.close());

  const signInStaff = (username: string, password: string, headers: Record<string, string> = {}) =>
    t.app.inject({
      method: 'POST',
      url: '/api/v1/staff/sign-in',
      payload: { username, password },
      headers,
    });

  describe('sessions', () => {
    it('never adopts a session token the browser brings to sign-in (fixation)', async () => {
      // A token an attacker chose, and one of the attacker's own real sessions.
      const attacker = await memberClient(t.app, member.card, 'member password');
      for (const planted of ['attacker-chosen-token', attacker.cookie!.split('=')[1]!]) {
        const response = await signInStaff('jinju-seobu-desk', DEMO_STAFF_PASSWORD, {
          cookie: `lo_session=${planted}`,
        });
        expect(response.statusCode, `${planted}: ${response.body}`).toBe(200);
        const issued = sessionCookie(response)!;
        expect(issued.value).not.toBe(planted);
        expect(issued.value.length).toBeGreaterThanOrEqual(40);
      }
      // The planted token still belongs to the attacker, not to the staff member.
      expect((await attacker.get('/api/v1/me')).statusCode).toBe(200);
      expect((await attacker.get('/api/v1/staff/me')).json().code).toBe('FORBIDDEN');
      const forged = new Client(t.app);
      forged.cookie = 'lo_session=attacker-chosen-token';
      expect((await forged.get('/api/v1/staff/me')).json().code).toBe('UNAUTHENTICATED');
    });

    it('keeps only a hash of the token, and expires a session after 12 hours', async () => {
      const response = await signInStaff('miryang-municipal-desk', DEMO_STAFF_PASSWORD);
      const token = sessionCookie(response)!.value;
      const rows = await t.db.selectFrom('sessions').selectAll().execute();
      expect(JSON.stringify(rows)).not.toContain(token);
      expect(rows.some((r) => r.token_hash === hashToken(token))).toBe(true);
      const cookie = sessionCookie(response) as { expires?: Date; httpOnly?: boolean };
      expect(cookie.httpOnly).toBe(true);
      expect(cookie.expires!.getTime() - t.clock.now().getTime()).toBe(SESSION_HOURS * 3_600_000);

      const desk = new Client(t.app);
      desk.cookie = `lo_session=${token}`;
      // Used every hour (so the idle timeout never ends it) up to a minute before its end.
      for (let hour = 1; hour < SESSION_HOURS; hour += 1) {
        t.clock.advanceMinutes(60);
        expect((await desk.get('/api/v1/staff/me')).statusCode).toBe(200);
      }
      t.clock.advanceMinutes(59);
      expect((await desk.get('/api/v1/staff/me')).statusCode).toBe(200);
      t.clock.advanceMinutes(2);
      expect((await desk.get('/api/v1/staff/me')).json().code).toBe('UNAUTHENTICATED');
    });

    it('ends the other sessions on a password change, and all of them on a reset, disabling or sign-out', async () => {
      const first = await memberClient(t.app, member.card, 'member password');
      const second = await memberClient(t.app, member.card, 'member password');
      const changed = await first.post('/api/v1/me/password', {
        currentPassword: 'member password',
        newPassword: 'a new member password',
      });
      expect(changed.statusCode).toBe(200);
      expect((await second.get('/api/v1/me')).json().code).toBe('UNAUTHENTICATED');
      expect((await first.get('/api/v1/me')).statusCode).toBe(200);

      // A desk sets a new password after an ID check: every session of the member ends.
      const desk = await staffClient(t.app, 'gyeongnamdaepyo-desk');
      const reset = await desk.post(`/api/v1/members/${member.id}/credentials`, {
        idDocumentType: 'passport',
        password: 'member password',
      });
      expect(reset.statusCode).toBe(200);
      expect((await first.get('/api/v1/me')).json().code).toBe('UNAUTHENTICATED');

      // A disabled staff account's sessions end at once.
      const victim = await staffClient(t.app, 'gyeongnamdaepyo-desk');
      const admin = await staffClient(t.app, 'gyeongnamdaepyo-admin');
      const staffId = (await victim.get('/api/v1/staff/me')).json().id;
      expect(
        (await admin.post(`/api/v1/staff/${staffId}/disabled`, { disabled: true })).statusCode,
      ).toBe(200);
      expect((await victim.get('/api/v1/staff/me')).json().code).toBe('UNAUTHENTICATED');
      expect(
        (await admin.post(`/api/v1/staff/${staffId}/disabled`, { disabled: false })).statusCode,
      ).toBe(200);

      // Sign-out ends the session on the server: the old cookie is worth nothing after it.
      const leaving = await memberClient(t.app, member.card, 'member password');
      const cookie = leaving.cookie!;
      expect((await leaving.post('/api/v1/sign-out')).statusCode).toBe(200);
      const replay = new Client(t.app);
      replay.cookie = cookie;
      expect((await replay.get('/api/v1/me')).json().code).toBe('UNAUTHENTICATED');
    });
  });

  describe('requests that arrive together', () => {
    it('reads their sessions in one statement, each request answered as its own session', async () => {
      const gyeongnam = await staffClient(t.app, 'gyeongnamdaepyo-desk');
      const jinju = await staffClient(t.app, 'jinju-seobu-desk');
      const holder = await memberClient(t.app, member.card, 'member password');
      const signedOut = await memberClient(t.app, member.card, 'member password');
      const replay = new Client(t.app);
      replay.cookie = signedOut.cookie!;
      expect((await signedOut.post('/api/v1/sign-out')).statusCode).toBe(200);
      const forged = new Client(t.app);
      forged.cookie = 'lo_session=attacker-chosen-token';
      const gyeongnamId = (await gyeongnam.get('/api/v1/staff/me')).json().id;
      const jinjuId = (await jinju.get('/api/v1/staff/me')).json().id;
      expect(gyeongnamId).not.toBe(jinjuId);

      // Each asks as itself, all at once, in both orders: no request is answered with another's
      // session, and an ended or unknown one stays refused in any company.
      const ask = [
        async () => expect((await gyeongnam.get('/api/v1/staff/me')).json().id).toBe(gyeongnamId),
        async () => expect((await jinju.get('/api/v1/staff/me')).json().id).toBe(jinjuId),
        async () => expect((await holder.get('/api/v1/me')).json().id).toBe(member.id),
        async () => expect((await holder.get('/api/v1/staff/me')).json().code).toBe('FORBIDDEN'),
        async () => expect((await replay.get('/api/v1/me')).json().code).toBe('UNAUTHENTICATED'),
        async () =>
          expect((await forged.get('/api/v1/staff/me')).json().code).toBe('UNAUTHENTICATED'),
      ];
      await Promise.all([...ask, ...ask].map((check) => check()));
      await Promise.all([...ask].reverse().map((check) => check()));

      // Eight signed-in requests at once, nothing read but their sessions: one statement.
      const clients = [gyeongnam, jinju, holder, replay];
      const before = databaseTraffic.roundTrips;
      const answers = await Promise.all(
        [...clients, ...clients].map((client) => client.get('/api/v1/session')),
      );
      expect(databaseTraffic.roundTrips - before).toBe(1);
      expect(answers.map((answer) => answer.json().kind)).toEqual([
        'staff',
        'staff',
        'member',
        null,
        'staff',
        'staff',
        'member',
        null,
      ]);
    });
  });

  describe('sign-out from any tab, every tab can act, idle timeout (issue 13, point 4)', () => {
    const tabOf = (client: Client, csrfToken?: string) => {
      const tab = new Client(t.app);
      tab.cookie = client.cookie;
      tab.csrfToken = csrfToken;
      return tab;
    };

    it('signs out from a tab that never saw the CSRF token, and the session is over', async () => {
      const first = await memberClient(t.app, member.card, 'member password');
      const second = tabOf(first);
      const out = await second.post('/api/v1/sign-out');
      expect(out.statusCode, out.body).toBe(200);
      const cleared = out.cookies.filter((c) => ['lo_session', 'lo_csrf'].includes(c.name));
      expect(cleared.map((c) => [c.name, c.value])).toEqual([
        ['lo_session', ''],
        ['lo_csrf', ''],
      ]);
      // The tab that signed in is signed out too: the server ended the session.
      expect((await first.get('/api/v1/me')).json().code).toBe('UNAUTHENTICATED');
      // Signing out again (an ended or unknown session) still answers that it is done.
      expect((await tabOf(first).post('/api/v1/sign-out')).statusCode).toBe(200);
    });

    it('gives every tab the CSRF token in a readable Strict cookie, still bound to the session', async () => {
      const response = await signInStaff('haman-chilwon-desk', DEMO_STAFF_PASSWORD);
      const csrf = response.cookies.find((c) => c.name === 'lo_csrf') as
        | { value: string; httpOnly?: boolean; sameSite?: string; path?: string }
        | undefined;
      expect(csrf?.value).toBe(response.json().csrfToken);
      expect(csrf?.httpOnly).toBeFalsy();
      expect(csrf?.sameSite).toBe('Strict');
      expect(csrf?.path).toBe('/');
      // A second tab has the browser's cookies only: it copies lo_csrf into the header.
      const tab = new Client(t.app);
      tab.cookie = `lo_session=${sessionCookie(response)!.value}; lo_csrf=${csrf!.value}`;
      tab.csrfToken = csrf!.value;
      expect((await tab.post('/api/v1/returns', { itemBarcode: 'X' })).json().code).toBe(
        'ITEM_UNKNOWN',
      );
      // The cookie alone is not enough: a write without the header is still refused.
      tab.csrfToken = undefined;
      expect((await tab.post('/api/v1/returns', { itemBarcode: 'X' })).statusCode).toBe(403);
    });

    it('ends a session unused for its role’s idle minutes, never one in use', async () => {
      const reader = await memberClient(t.app, member.card, 'member password');
      const desk = await staffClient(t.app, 'geoje-okpo-desk');
      for (let round = 0; round < 4; round += 1) {
        t.clock.advanceMinutes(DEFAULT_IDLE_MINUTES.member - 1);
        expect((await reader.get('/api/v1/me')).statusCode).toBe(200);
      }
      t.clock.advanceMinutes(DEFAULT_IDLE_MINUTES.member + 1);
      expect((await reader.get('/api/v1/me')).json().code).toBe('UNAUTHENTICATED');
      t.clock.advanceMinutes(-(DEFAULT_IDLE_MINUTES.member + 1));
      expect((await reader.get('/api/v1/me')).json().code).toBe('UNAUTHENTICATED');

      // A desk idles longer than a member: still signed in where a member's session has ended.
      expect((await desk.get('/api/v1/staff/me')).statusCode).toBe(200);
      t.clock.advanceMinutes(DEFAULT_IDLE_MINUTES.desk - 2);
      expect((await desk.get('/api/v1/staff/me')).statusCode).toBe(200);
      t.clock.advanceMinutes(DEFAULT_IDLE_MINUTES.desk + 1);
      expect((await desk.get('/api/v1/staff/me')).json().code).toBe('UNAUTHENTICATED');
    });

    it('takes the idle minutes per role from the configuration', async () => {
      const minutes = { ...DEFAULT_IDLE_MINUTES, desk: 10 };
      const app = await buildHttpApp(
        createAppContext(t.db, t.clock, createLogger('silent'), { sessionIdleMinutes: minutes }),
      );
      try {
        const desk = await staffClient(app, 'geoje-okpo-desk');
        t.clock.advanceMinutes(9);
        expect((await desk.get('/api/v1/staff/me')).statusCode).toBe(200);
        t.clock.advanceMinutes(11);
        expect((await desk.get('/api/v1/staff/me')).json().code).toBe('UNAUTHENTICATED');
      } finally {
        await app.close();
      }
    });
  });

  describe('behind a load balancer (issue 13, point 5)', () => {
    const appWith = (options: Parameters<typeof createAppContext>[3]) =>
      buildHttpApp(createAppContext(t.db, t.clock, createLogger('silent'), options));
    const signInFrom = (app: Awaited<ReturnType<typeof appWith>>, forwardedFor: string) =>
      app.inject({
        method: 'POST',
        url: '/api/v1/staff/sign-in',
        payload: { username: 'nobody-here', password: 'wrong password' },
        headers: { 'x-forwarded-for': forwardedFor },
      });

    it('counts sign-ins per address in the database, shared by every service process', async () => {
      t.clock.advanceMinutes(1);
      const [first, second] = [await appWith({}), await appWith({})];
      try {
        for (let i = 0; i < 30; i += 1) {
          expect((await signInFrom(i % 2 === 0 ? first : second, '')).statusCode).toBe(401);
        }
        for (const process of [first, second]) {
          const refused = await signInFrom(process, '');
          expect(refused.statusCode).toBe(429);
          expect(refused.json().code).toBe('RATE_LIMITED');
        }
        // The window runs on the service's clock: a minute later sign-ins are counted afresh.
        t.clock.advanceMinutes(1);
        expect((await signInFrom(second, '')).statusCode).toBe(401);
      } finally {
        await first.close();
        await second.close();
      }
      t.clock.advanceMinutes(1);
    });

    it('limits sign-ins by the client’s address from a trusted proxy, and by the peer otherwise', async () => {
      t.clock.advanceMinutes(1);
      // Every injected request comes from 127.0.0.1: the load balancer.
      const trusting = await appWith({ trustProxy: ['127.0.0.0/8'] });
      const plain = await appWith({});
      try {
        for (let i = 0; i < 30; i += 1) {
          expect((await signInFrom(trusting, '203.0.113.7')).statusCode).toBe(401);
        }
        expect((await signInFrom(trusting, '203.0.113.7')).statusCode).toBe(429);
        // Another person behind the same load balancer is not throttled by the first.
        expect((await signInFrom(trusting, '203.0.113.8')).statusCode).toBe(401);

        // A header from a peer that is not a trusted proxy changes nothing: no dodging the limit.
        for (let i = 0; i < 30; i += 1) {
          expect((await signInFrom(plain, `198.51.100.${i}`)).statusCode).toBe(401);
        }
        expect((await signInFrom(plain, '198.51.100.200')).statusCode).toBe(429);
      } finally {
        await trusting.close();
        await plain.close();
      }
      t.clock.advanceMinutes(1);
    });

    it('with an https public URL: Secure __Host- cookies and HSTS', async () => {
      const app = await appWith({ https: true });
      try {
        const response = await app.inject({
          method: 'POST',
          url: '/api/v1/staff/sign-in',
          payload: { username: 'geoje-okpo-desk', password: DEMO_STAFF_PASSWORD },
        });
        expect(response.statusCode).toBe(200);
        expect(response.headers['strict-transport-security']).toBe(
          'max-age=31536000; includeSubDomains',
        );
        const cookies = response.cookies as {
          name: string;
          value: string;
          secure?: boolean;
          path?: string;
          domain?: string;
        }[];
        expect(cookies.map((c) => [c.name, c.secure, c.path, c.domain])).toEqual([
          ['__Host-lo_session', true, '/', undefined],
          ['__Host-lo_csrf', true, '/', undefined],
        ]);
        const session = cookies[0]!.value;
        const me = await app.inject({
          method: 'GET',
          url: '/api/v1/staff/me',
          headers: { cookie: `__Host-lo_session=${session}` },
        });
        expect(me.statusCode).toBe(200);
        // The plain name is not accepted in its place (a cookie an http page could have set).
        const plainName = await app.inject({
          method: 'GET',
          url: '/api/v1/staff/me',
          headers: { cookie: `lo_session=${session}` },
        });
        expect(plainName.json().code).toBe('UNAUTHENTICATED');
      } finally {
        await app.close();
      }
      // Served over plain http (no PUBLIC_URL): no HSTS, which would lock browsers out.
      const plain = await t.app.inject({ method: 'GET', url: '/api/v1/libraries' });
      expect(plain.headers['strict-transport-security']).toBeUndefined();
    });
  });

  describe('CSRF', () => {
    it('needs the session’s own token in the header for every write, and nowhere else', async () => {
      const desk = await staffClient(t.app, 'haman-chilwon-desk');
      const other = await staffClient(t.app, 'geoje-okpo-desk');
      const write = (headers: Record<string, string>, url = '/api/v1/returns') =>
        t.app.inject({
          method: 'POST',
          url,
          payload: { itemBarcode: 'X' },
          headers: { cookie: desk.cookie!, ...headers },
        });
      const attempts: Record<string, string>[] = [
        {},
        { 'x-csrf-token': 'forged' },
        { 'x-csrf-token': other.csrfToken! },
        { 'x-csrf-token': '' },
      ];
      for (const headers of attempts) {
        const refused = await write(headers);
        expect(refused.statusCode).toBe(403);
        expect(refused.json().code).toBe('FORBIDDEN');
      }
      expect((await write({}, `/api/v1/returns?x-csrf-token=${desk.csrfToken}`)).statusCode).toBe(
        403,
      );
      // A cross-site form post carries the cookie (if at all) but never the header.
      const form = await t.app.inject({
        method: 'POST',
        url: '/api/v1/returns',
        payload: 'itemBarcode=X',
        headers: { cookie: desk.cookie!, 'content-type': 'application/x-www-form-urlencoded' },
      });
      expect(form.statusCode).toBe(403);
      expect((await write({ 'x-csrf-token': desk.csrfToken! })).json().code).toBe('ITEM_UNKNOWN');
      expect((await desk.get('/api/v1/staff/me')).statusCode).toBe(200);
    });
  });

  describe('rate limits and lockouts', () => {
    it('answers 429 with Retry-After after 30 sign-ins a minute from one address', async () => {
      const attempt = (remoteAddress: string) =>
        t.app.inject({
          method: 'POST',
          url: '/api/v1/members/sign-in',
          payload: { login: 'nobody@example.com', password: 'guess' },
          remoteAddress,
        });
      const answers = [];
      for (let i = 0; i < 31; i++) answers.push(await attempt('203.0.113.7'));
      expect(answers.slice(0, 30).every((a) => a.json().code === 'INVALID_CREDENTIALS')).toBe(true);
      const limited = answers[30]!;
      expect(limited.statusCode).toBe(429);
      expect(limited.json().code).toBe('RATE_LIMITED');
      expect(limited.headers['content-type']).toContain('application/problem+json');
      expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
      // Another address is not affected.
      expect((await attempt('203.0.113.8')).json().code).toBe('INVALID_CREDENTIALS');
      const staffLimited = [];
      for (let i = 0; i < 31; i++) {
        staffLimited.push(
          await t.app.inject({
            method: 'POST',
            url: '/api/v1/staff/sign-in',
            payload: { username: 'nobody', password: 'guess' },
            remoteAddress: '203.0.113.9',
          }),
        );
      }
      expect(staffLimited[30]!.statusCode).toBe(429);
    });

    it('locks an account after five wrong passwords, right password or not, for ten minutes', async () => {
      const username = 'tongyeong-sanyang-desk';
      // Said as a user name, not a card number; the same for a name no account has.
      const wrongly = { code: 'INVALID_CREDENTIALS', detail: '아이디나 비밀번호가 맞지 않습니다.' };
      expect((await signInStaff('nobody-here', 'wrong')).json()).toMatchObject(wrongly);
      for (let i = 0; i < 4; i++) {
        expect((await signInStaff(username, 'wrong')).json()).toMatchObject(wrongly);
      }
      expect((await signInStaff(username, 'wrong')).statusCode).toBe(423);
      const whileLocked = await signInStaff(username, DEMO_STAFF_PASSWORD);
      expect(whileLocked.statusCode).toBe(423);
      expect(whileLocked.json().code).toBe('SIGN_IN_LOCKED');
      expect(sessionCookie(whileLocked)).toBeUndefined();
      t.clock.advanceMinutes(10);
      expect((await signInStaff(username, DEMO_STAFF_PASSWORD)).statusCode).toBe(200);
    });
  });

  describe('headers and error bodies', () => {
    const COMMON = {
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'x-frame-options': 'DENY',
    };

    it('sends the security headers everywhere, a strict CSP on the API, and no-store when signed in', async () => {
      const desk = await staffClient(t.app, 'gyeongnamdaepyo-admin');
      const anonymous = new Client(t.app);
      const cases = [
        { response: await anonymous.get('/api/v1/libraries'), personal: false },
        { response: await anonymous.get('/api/v1/nowhere'), personal: false },
        { response: await anonymous.get('/api/v1/staff/me'), personal: false },
        { response: await anonymous.get('/health'), personal: false },
        { response: await desk.get('/api/v1/staff/me'), personal: true },
        { response: await desk.get('/api/v1/libraries'), personal: true },
        { response: await desk.post('/api/v1/returns', { itemBarcode: 'X' }), personal: true },
        {
          response: await signInStaff('gyeongnamdaepyo-desk', DEMO_STAFF_PASSWORD),
          personal: true,
        },
      ];
      for (const { response, personal } of cases) {
        expect(response.headers).toMatchObject(COMMON);
        expect(response.headers['content-security-policy']).toBe(API_CONTENT_SECURITY_POLICY);
        if (personal) expect(response.headers['cache-control']).toBe('no-store');
        else expect(response.headers['cache-control']).not.toBe('no-store');
      }
      // The browsable API docs need their scripts: the common headers, not the API's CSP.
      const docs = await anonymous.get('/api/docs/static/index.html');
      expect(docs.headers).toMatchObject(COMMON);
      expect(docs.headers['content-security-policy']).toBeUndefined();
    });

    it('answers an unexpected error with a request id, never a stack trace or SQL', async () => {
      const lines: string[] = [];
      const app = await createHttpServer({
        logger: createLogger('info', { write: (line: string) => lines.push(line) }),
      });
      app.get('/boom', async () => {
        throw new Error("select * from members where phone = '01012345678'");
      });
      app.get('/database', async () => {
        throw Object.assign(new Error('column "phone" = \'01012345678\' does not exist'), {
          code: '42703',
          detail: 'Key (phone)=(01012345678) is wrong.',
          constraint: 'members_identity_unique',
          table: 'members',
        });
      });
      app.get('/race', async () => {
        throw Object.assign(new Error('duplicate key value violates unique constraint "x"'), {
          code: '23505',
          detail: 'Key (phone)=(01012345678) already exists.',
          constraint: 'members_identity_unique',
          table: 'members',
        });
      });
      await app.ready();
      for (const url of ['/boom', '/database']) {
        const response = await app.inject({ url });
        expect(response.statusCode).toBe(500);
        expect(response.json()).toMatchObject({ code: 'INTERNAL_ERROR', status: 500 });
        expect(response.json().detail).toContain(response.json().requestId);
        expect(response.body).not.toMatch(LEAKS);
        expect(response.body).not.toContain('01012345678');
      }
      // A constraint the use case did not foresee (a race) is a conflict, not a failure.
      const race = await app.inject({ url: '/race' });
      expect(race.statusCode).toBe(409);
      expect(race.json().code).toBe('CONFLICT');
      expect(race.body).not.toMatch(LEAKS);
      expect(race.body).not.toContain('01012345678');
      // The log keeps what an operator needs, not the values a database error quotes.
      const log = lines.join('');
      expect(log).toContain('members_identity_unique');
      expect(log).not.toContain('Key (phone)');
      for (const line of lines.filter((l) => /"code":"(42703|23505)"/.test(l))) {
        expect(line).not.toContain('01012345678');
      }
      await app.close();
    });
  });
});
