import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TERMINAL_PASSWORD, terminalUsername } from '../../src/modules/terminals/terminals.js';
import {
  type MetricsListener,
  startMetricsListener,
} from '../../src/platform/http/metrics-server.js';
import { createLogger } from '../../src/platform/logger.js';
import { DEMO_MEMBER_PIN, demoCardNumber, staffUsername } from '../../src/seed/demo-accounts.js';
import { Sip2Client } from '../../src/sip2/client.js';
import { type Sip2Server, startSip2Server } from '../../src/sip2/server.js';
import { testDatabaseKind } from '../support/database.js';
import { type Client, staffClient } from '../support/http.js';
import { GN, type Sip2TestBed, startSip2TestBed, YONAM } from './support.js';

/**
 * Per-terminal allowed source addresses (issue 13, point 6), over real TCP: the SIP2 listener
 * on 127.0.0.1 and another on ::1, one terminal account, its list set by its library's admin.
 */
describe(`SIP2 terminal allowed addresses (${testDatabaseKind})`, () => {
  let bed: Sip2TestBed;
  let v4: Sip2Server;
  let v6: Sip2Server;
  let admin: Client;
  let terminalId: number;
  let libraryId: number;
  const lines: string[] = [];

  beforeAll(async () => {
    bed = await startSip2TestBed();
    const logger = createLogger('trace', { write: (line: string) => lines.push(line) });
    const context = { ...bed.t.context, logger };
    v4 = await startSip2Server(context, { host: '127.0.0.1', port: 0 });
    v6 = await startSip2Server(context, { host: '::1', port: 0 });
    admin = await staffClient(bed.t.app, staffUsername(GN, 'admin'));
    const row = await bed.t.db
      .selectFrom('terminals')
      .select(['id', 'library_id'])
      .where('username', '=', terminalUsername(GN))
      .executeTakeFirstOrThrow();
    terminalId = row.id;
    libraryId = row.library_id;
  });
  afterAll(async () => {
    await v4?.close();
    await v6?.close();
    await bed?.close();
  });

  const setList = (allowedAddresses: string[], client = admin) =>
    client.put(`/api/v1/terminals/${terminalId}/allowed-addresses`, { allowedAddresses });

  /** A fresh connection from `host` logging in with the right password; its 94 and a 23 after. */
  async function loginFrom(host: '127.0.0.1' | '::1') {
    const server = host === '::1' ? v6 : v4;
    const client = await Sip2Client.connect(host, server.port, {
      timeoutMs: 15_000,
      now: () => bed.t.clock.now(),
      institutionId: GN,
    });
    try {
      const answer = await client.login({
        loginUserId: terminalUsername(GN),
        loginPassword: DEMO_TERMINAL_PASSWORD,
      });
      const status = await client.patronStatus({ patronIdentifier: '', patronPassword: '' });
      return { answer, loggedIn: !status.screenMessage?.includes('[UNAUTHENTICATED]') };
    } finally {
      await client.close();
    }
  }

  async function refusalsCounted(): Promise<string> {
    return bed.t.context.metrics.registry.metrics();
  }

  it('the library admin sets the list: canonical, audited; a bad entry is refused', async () => {
    const set = await setList(['192.168.1.7/24', '2001:DB8::1/32', '10.0.0.5', '10.0.0.5/32']);
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json().allowedAddresses).toEqual(['192.168.1.0/24', '2001:db8::/32', '10.0.0.5/32']);
    const listed = (await admin.get(`/api/v1/libraries/${libraryId}/terminals`)).json();
    const terminal = listed.terminals.find((t: { id: number }) => t.id === terminalId);
    expect(terminal.allowedAddresses).toEqual(['192.168.1.0/24', '2001:db8::/32', '10.0.0.5/32']);
    for (const bad of ['10.0.0.0/33', 'fe80::1%eth0', 'library.example.kr', '10.1', '::1/129']) {
      const refused = await setList([bad]);
      expect(refused.statusCode, bad).toBe(400);
      expect(refused.json().code).toBe('VALIDATION_FAILED');
    }
    // The admin reads which line is wrong, in a sentence: no field path, no "은(는)".
    expect((await setList(['999.1.1.1/40'])).json().detail).toBe(
      '999.1.1.1/40은 IP 주소나 CIDR 범위(10.20.0.0/16, 2001:db8::/32)가 아닙니다.',
    );
    const many = Array.from({ length: 300 }, (_, i) => `10.${i >> 8}.${i & 255}.0/24`);
    expect((await setList(many)).json().detail).toBe('허용 주소는 256개 이하여야 합니다.');
    const audit = await bed.t.db
      .selectFrom('audit_events')
      .select(['action', 'details'])
      .where('action', '=', 'terminal.allowed_addresses_set')
      .where('subject_id', '=', String(terminalId))
      .execute();
    expect(audit).toHaveLength(1);
    expect(JSON.stringify(audit[0]!.details)).toContain('192.168.1.0/24');
    // Another library's admin may not touch this machine.
    const stranger = await staffClient(bed.t.app, staffUsername(YONAM, 'admin'));
    expect((await setList([], stranger)).statusCode).toBe(403);
  });

  it('refuses a login from outside the list like a wrong password, without locking the account', async () => {
    expect((await setList(['10.0.0.0/8', '2001:db8::/32'])).statusCode).toBe(200);
    const outside = await loginFrom('127.0.0.1');
    expect(outside.answer).toEqual({ code: '94', ok: false });
    expect(outside.loggedIn).toBe(false);
    const outside6 = await loginFrom('::1');
    expect(outside6.answer).toEqual({ code: '94', ok: false });
    // The account itself is not locked: the same password works from an allowed address.
    const account = await bed.t.db
      .selectFrom('terminals')
      .select(['failed_sign_ins', 'sign_in_locked_until'])
      .where('id', '=', terminalId)
      .executeTakeFirstOrThrow();
    expect(account).toEqual({ failed_sign_ins: 0, sign_in_locked_until: null });

    expect((await setList(['127.0.0.0/8'])).statusCode).toBe(200);
    expect(await loginFrom('127.0.0.1')).toMatchObject({ answer: { ok: true }, loggedIn: true });
    expect((await loginFrom('::1')).answer.ok).toBe(false);

    expect((await setList(['::1'])).statusCode).toBe(200);
    expect(await loginFrom('::1')).toMatchObject({ answer: { ok: true }, loggedIn: true });
    expect((await loginFrom('127.0.0.1')).answer.ok).toBe(false);

    // An empty list: any address (the default of every terminal).
    expect((await setList([])).statusCode).toBe(200);
    expect((await loginFrom('127.0.0.1')).answer.ok).toBe(true);
    expect((await loginFrom('::1')).answer.ok).toBe(true);

    const metrics = await refusalsCounted();
    expect(metrics).toContain(
      `library_one_sip2_refusals_total{command="93",code="ADDRESS_NOT_ALLOWED",library="${libraryId}"} 4`,
    );
    const refusedLines = lines.filter((line) => line.includes('sip2 login refused'));
    expect(refusedLines).toHaveLength(4);
    expect(refusedLines.every((line) => line.includes('"why":"address"'))).toBe(true);
    expect(refusedLines.some((line) => line.includes('"source":"::1"'))).toBe(true);
    expect(lines.join('\n')).not.toContain(DEMO_TERMINAL_PASSWORD);
  });

  it('counts a wrong password as INVALID_CREDENTIALS, by library', async () => {
    const client = await Sip2Client.connect('127.0.0.1', v4.port, { timeoutMs: 15_000 });
    try {
      const wrong = await client.login({
        loginUserId: terminalUsername(GN),
        loginPassword: 'not the password',
      });
      expect(wrong).toEqual({ code: '94', ok: false });
    } finally {
      await client.close();
    }
    expect(await refusalsCounted()).toContain(
      `library_one_sip2_refusals_total{command="93",code="INVALID_CREDENTIALS",library="${libraryId}"} 1`,
    );
  });
});

/**
 * Issue 15, point 6: patron status (23) and patron information (63) refusals are counted like a
 * refused checkout, by code and library, in what an operator's Prometheus scrapes.
 */
describe(`SIP2 patron refusals in GET /metrics (${testDatabaseKind})`, () => {
  let bed: Sip2TestBed;
  let listener: MetricsListener;
  beforeAll(async () => {
    bed = await startSip2TestBed();
    listener = await startMetricsListener(bed.t.context.metrics, {
      host: '127.0.0.1',
      port: 0,
      token: undefined,
    });
  });
  afterAll(async () => {
    await listener?.close();
    await bed?.close();
  });

  it('counts unknown cards, wrong and locked PINs, blocked cards and a missing PIN', async () => {
    const machine = await bed.terminal(GN);
    const unknown = await machine.patronStatus({
      patronIdentifier: demoCardNumber(999),
      patronPassword: '',
    });
    expect(unknown.validPatron).toBe(false);
    const wrongPin = await machine.patronStatus({
      patronIdentifier: demoCardNumber(1),
      patronPassword: '0000',
    });
    expect(wrongPin.validPatronPassword).toBe(false);
    const noPin = await machine.patronInformation({
      patronIdentifier: demoCardNumber(1),
      summary: 'charged',
    });
    expect(noPin.screenMessage).toContain('[PIN_REQUIRED]');
    // Seo-yeon's PIN locked by five wrong ones, then asked about without a PIN.
    for (let i = 0; i < 5; i++) {
      await machine.patronStatus({ patronIdentifier: demoCardNumber(2), patronPassword: '9999' });
    }
    const locked = await machine.patronInformation({
      patronIdentifier: demoCardNumber(2),
      summary: 'charged',
    });
    expect(locked.screenMessage).toContain('[SIGN_IN_LOCKED]');
    // Ha-yun's card blocked by the machine; the right PIN then says CQ=Y, the card refused.
    await machine.blockPatron({
      patronIdentifier: demoCardNumber(3),
      cardRetained: false,
      blockedCardMessage: 'card left in the machine',
    });
    const blocked = await machine.patronStatus({
      patronIdentifier: demoCardNumber(3),
      patronPassword: DEMO_MEMBER_PIN,
    });
    expect(blocked).toMatchObject({ validPatron: false, validPatronPassword: true });

    const text = await (await fetch(listener.url)).text();
    console.log(
      `[metrics] ${text
        .split('\n')
        .filter((l) => l.startsWith('library_one_sip2_refusals_total'))
        .join('\n[metrics] ')}`,
    );
    const library = await bed.libraryId(GN);
    const count = (command: string, code: string) =>
      `library_one_sip2_refusals_total{command="${command}",code="${code}",library="${library}"}`;
    expect(text).toContain(`${count('23', 'CARD_UNKNOWN')} 1`);
    // Four wrong PINs answered "wrong", the fifth "locked" (the lock starts at the fifth).
    expect(text).toContain(`${count('23', 'INVALID_CREDENTIALS')} 5`);
    expect(text).toContain(`${count('23', 'SIGN_IN_LOCKED')} 1`);
    expect(text).toContain(`${count('23', 'CARD_BLOCKED')} 1`);
    expect(text).toContain(`${count('63', 'PIN_REQUIRED')} 1`);
    expect(text).toContain(`${count('63', 'SIGN_IN_LOCKED')} 1`);
    expect(text).not.toContain(demoCardNumber(1));
  });
});
