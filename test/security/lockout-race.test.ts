import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  DEMO_TERMINAL_PASSWORD,
  signInTerminal,
  TERMINAL_SOURCE_LOCKOUT,
} from '../../src/modules/terminals/terminals.js';
import {
  DEMO_MEMBER_PASSWORD,
  DEMO_MEMBER_PIN,
  DEMO_STAFF_PASSWORD,
  demoCardNumber,
} from '../../src/seed/demo-accounts.js';
import { GN, type Sip2TestBed, startSip2TestBed } from '../sip2/support.js';
import { testDatabaseKind } from '../support/database.js';
import { Client } from '../support/http.js';

/** Every verification of a real stored secret (the dummy check of an unknown account aside). */
const verified = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../src/platform/auth/secrets.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/platform/auth/secrets.js')>();
  return {
    ...original,
    verifySecret: (...args: Parameters<typeof original.verifySecret>) => {
      if (args[0] !== null) verified.count++;
      return original.verifySecret(...args);
    },
  };
});

/** Under the sign-in routes' HTTP rate limit, which is not what is tested here. */
const PARALLEL = 25;

function codesOf(responses: { json(): { code?: string } }[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const response of responses) {
    const code = response.json().code ?? 'OK';
    counts[code] = (counts[code] ?? 0) + 1;
  }
  return counts;
}

describe(`lockouts under parallel attempts (${testDatabaseKind})`, () => {
  let bed: Sip2TestBed;
  beforeAll(async () => {
    bed = await startSip2TestBed();
  });
  afterAll(async () => bed?.close());

  it(`${PARALLEL} parallel wrong passwords for one card: at most five verified, the card locked`, async () => {
    const client = new Client(bed.t.app);
    const card = demoCardNumber(3);
    const signIn = (password: string) =>
      client.post('/api/v1/members/sign-in', { login: card, password });
    verified.count = 0;
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) => signIn(`wrong ${i}`)),
    );
    expect(verified.count).toBeLessThanOrEqual(5);
    expect(codesOf(answers)).toEqual({
      INVALID_CREDENTIALS: 4,
      SIGN_IN_LOCKED: PARALLEL - 4,
    });
    expect((await signIn(DEMO_MEMBER_PASSWORD)).json().code).toBe('SIGN_IN_LOCKED');
    bed.t.clock.advanceMinutes(10);
    expect((await signIn(DEMO_MEMBER_PASSWORD)).statusCode).toBe(200);
  });

  it(`${PARALLEL} parallel wrong staff passwords: at most five verified, the account locked`, async () => {
    const client = new Client(bed.t.app);
    const signIn = (password: string) =>
      client.post('/api/v1/staff/sign-in', { username: 'jinju-yonam-desk', password });
    verified.count = 0;
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) => signIn(`wrong ${i}`)),
    );
    expect(verified.count).toBeLessThanOrEqual(5);
    expect(codesOf(answers).INVALID_CREDENTIALS ?? 0).toBeLessThanOrEqual(4);
    expect((await signIn(DEMO_STAFF_PASSWORD)).json().code).toBe('SIGN_IN_LOCKED');
    bed.t.clock.advanceMinutes(10);
    expect((await signIn(DEMO_STAFF_PASSWORD)).statusCode).toBe(200);
  });

  it('wrong PINs over many SIP2 connections at once lock the card for the portal too', async () => {
    const card = demoCardNumber(1);
    const machines = [];
    for (let i = 0; i < 20; i++) machines.push(await bed.terminal(GN));
    verified.count = 0;
    const answers = await Promise.all(
      machines.map((machine, i) =>
        machine.patronStatus({
          patronIdentifier: card,
          patronPassword: `9${String(i).padStart(3, '0')}`,
        }),
      ),
    );
    expect(verified.count).toBeLessThanOrEqual(5);
    expect(answers.every((answer) => answer.validPatronPassword !== true)).toBe(true);
    const right = await machines[0]!.patronStatus({
      patronIdentifier: card,
      patronPassword: DEMO_MEMBER_PIN,
    });
    expect(right.validPatronPassword).toBe(false);
    expect(right.screenMessage).toContain('[SIGN_IN_LOCKED]');
    const portal = await new Client(bed.t.app).post('/api/v1/members/sign-in', {
      login: card,
      password: DEMO_MEMBER_PASSWORD,
    });
    expect(portal.json().code).toBe('SIGN_IN_LOCKED');
    await Promise.all(machines.map((machine) => machine.close()));
  });

  it('wrong SIP2 logins in parallel throttle their source address, not the machine account', async () => {
    const login = (password: string, source: string) =>
      signInTerminal(
        bed.t.db,
        { username: 'gyeongnamdaepyo-sc1', password, source },
        bed.t.clock.now(),
      );
    verified.count = 0;
    const answers = await Promise.all(
      Array.from({ length: PARALLEL }, (_, i) => login(`wrong ${i}`, '203.0.113.7')),
    );
    expect(verified.count).toBeLessThanOrEqual(TERMINAL_SOURCE_LOCKOUT.maxAttempts);
    expect(answers.every((answer) => !answer.ok)).toBe(true);
    expect(await login(DEMO_TERMINAL_PASSWORD, '203.0.113.7')).toEqual({
      ok: false,
      why: 'throttled',
    });
    expect((await login(DEMO_TERMINAL_PASSWORD, '192.0.2.10')).ok).toBe(true);
    bed.t.clock.advanceMinutes(TERMINAL_SOURCE_LOCKOUT.lockMinutes);
    expect((await login(DEMO_TERMINAL_PASSWORD, '203.0.113.7')).ok).toBe(true);
  });
});
