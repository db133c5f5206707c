import { Writable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppContext } from '../../src/app-context.js';
import { DEMO_TERMINAL_PASSWORD } from '../../src/modules/terminals/terminals.js';
import { createLogger } from '../../src/platform/logger.js';
import { DEMO_MEMBER_PIN, demoCardNumber } from '../../src/seed/demo-accounts.js';
import { Sip2Client } from '../../src/sip2/client.js';
import { encodeLine } from '../../src/sip2/codec.js';
import { startSip2Server } from '../../src/sip2/server.js';
import { testDatabaseKind } from '../support/database.js';
import { addItems, GN, RawConnection, type Sip2TestBed, startSip2TestBed } from './support.js';

const MINJUN = demoCardNumber(1);
const LOGIN = `9300CNgyeongnamdaepyo-sc1|CO${DEMO_TERMINAL_PASSWORD}|\r`;
const PROBE = '9900302.00\r';
const SIP_LINE = /^\d\d/;
const DATE = '20261201    100000';
/** Fixed parts of the right length, so that the fuzzing also reaches the use cases. */
const WELL_FORMED_FIXED: Record<string, string> = {
  '23': `020${DATE}`,
  '63': `020${DATE}Y         `,
  '11': `YN${DATE}${DATE}`,
  '09': `N${DATE}${DATE}`,
  '17': DATE,
  '29': `NN${DATE}${DATE}`,
  '65': DATE,
  '01': `Y${DATE}`,
  '25': DATE,
  '35': DATE,
};

/** Sends a probe after whatever was written and reads every answer up to its 98 (or the close). */
async function answersUntilProbe(
  raw: RawConnection,
): Promise<{ lines: string[]; closed: boolean }> {
  raw.write(PROBE);
  const lines: string[] = [];
  for (;;) {
    const line = await raw.line(20_000);
    if (line === null) return { lines, closed: true };
    lines.push(line);
    if (line.startsWith('98')) return { lines, closed: false };
  }
}

async function loggedIn(port: number, bed?: Sip2TestBed): Promise<RawConnection> {
  // The fuzzing's wrong logins come from this same loopback address, which they throttle.
  await bed?.t.db.deleteFrom('sign_in_throttles').execute();
  const raw = await RawConnection.open(port);
  raw.write(LOGIN);
  expect(await raw.line()).toBe('941');
  return raw;
}

describe(`SIP2 server robustness (${testDatabaseKind})`, () => {
  let bed: Sip2TestBed;
  let watcher: Sip2Client;
  beforeAll(async () => {
    bed = await startSip2TestBed();
    await addItems(bed.t.db, GN, [{ barcode: 'GN-1', title: '토지 1' }]);
    watcher = await bed.terminal(GN);
  });
  afterAll(async () => bed?.close());

  /** Another connection is answered, whatever happened on the others. */
  const stillServing = async () => expect((await watcher.scStatus()).onlineStatus).toBe(true);

  it('survives random bytes, before login: every answer is a SIP2 message, or the connection closes', async () => {
    const garbage = fc.array(
      fc.oneof(
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom(
          Uint8Array.of(0x0d),
          Uint8Array.of(0x0a),
          new TextEncoder().encode('한글|AZ12'),
        ),
      ),
      { maxLength: 6 },
    );
    await fc.assert(
      fc.asyncProperty(garbage, async (chunks) => {
        const raw = await RawConnection.open(bed.server.port);
        for (const chunk of chunks) raw.write(chunk);
        raw.write('\r');
        const { lines } = await answersUntilProbe(raw);
        for (const line of lines) expect(line).toMatch(SIP_LINE);
        raw.close();
        await stillServing();
      }),
      { numRuns: 200 },
    );
  });

  it('survives message-shaped nonsense from a logged-in terminal, answering each line', async () => {
    const text = fc.string({
      unit: fc.constantFrom('0', '1', '9', 'Y', 'N', ' ', 'A', '|', '한', 'é', '\u0000'),
      maxLength: 40,
    });
    const value = fc.oneof(
      text,
      fc.constantFrom(
        MINJUN,
        demoCardNumber(2),
        DEMO_MEMBER_PIN,
        'GN-1',
        '99999999999999999999',
        '',
      ),
      fc.string({ maxLength: 300 }),
    );
    const field = fc
      .tuple(fc.constantFrom('AA', 'AB', 'AD', 'AO', 'AC', 'AL', 'BP', 'BQ', 'BI', 'AZ'), value)
      .map(([id, v]) => `${id}${v}`);
    const request = fc
      .constantFrom(
        '23',
        '63',
        '11',
        '09',
        '17',
        '29',
        '65',
        '01',
        '25',
        '35',
        '15',
        '19',
        '37',
        '97',
        '99',
        '42',
        '24',
        '96',
      )
      .chain((code) =>
        fc.record({
          code: fc.constant(code),
          fixed: fc.oneof(fc.constant(WELL_FORMED_FIXED[code] ?? ''), text),
          fields: fc.array(field, { maxLength: 6 }),
          detection: fc.constantFrom('none', 'good', 'bad'),
        }),
      );
    let raw = await loggedIn(bed.server.port, bed);
    await fc.assert(
      fc.asyncProperty(request, async ({ code, fixed, fields, detection }) => {
        const body = `${code}${fixed}${fields.join('|')}`.replace(/[\r\n]/g, ' ');
        if (detection === 'good')
          raw.write(encodeLine(body, { errorDetection: true, sequence: 3 }));
        else raw.write(`${body}${detection === 'bad' ? 'AY3AZ0000' : ''}\r`);
        const { lines, closed } = await answersUntilProbe(raw);
        for (const line of lines) expect(line).toMatch(SIP_LINE);
        if (closed) raw = await loggedIn(bed.server.port, bed);
      }),
      { numRuns: 150 },
    );
    raw.close();
    await stillServing();
  });

  it('closes a connection whose line passes 8 KiB, and only that one', async () => {
    const raw = await RawConnection.open(bed.server.port);
    raw.write(`23${'9'.repeat(9000)}`);
    await raw.closedByServer();
    await stillServing();
  });

  it('reads messages split across packets, and answers a request cut short with its negative answer', async () => {
    const raw = await loggedIn(bed.server.port, bed);
    raw.write('99003');
    await new Promise((resolve) => setTimeout(resolve, 50));
    raw.write('02.00');
    await new Promise((resolve) => setTimeout(resolve, 50));
    raw.write('\r');
    expect(await raw.line()).toMatch(/^98YYYYNN/);
    raw.write('11YN2026\r');
    const cut = await raw.line();
    expect(cut).toMatch(/^120NUN/);
    expect(cut).toContain('(요청을 읽을 수 없습니다: 11)');
    raw.write('42hello\r');
    expect(await raw.line()).toBe('96');
    for (let i = 0; i < 4; i++) raw.write('xx\r');
    for (let i = 0; i < 4; i++) expect(await raw.line()).toBe('96');
    await raw.closedByServer();
  });

  it('closes a connection after three wrong logins, once it has read the answers', async () => {
    const raw = await RawConnection.open(bed.server.port);
    raw.write('9300CNgyeongnamdaepyo-sc1|COguess|\r'.repeat(3));
    for (let i = 0; i < 3; i++) expect(await raw.line()).toBe('940');
    await raw.closedByServer();
    await stillServing();
  });

  it('answers, in order, a client that sends many requests without waiting for the answers', async () => {
    const raw = await loggedIn(bed.server.port, bed);
    raw.write(PROBE.repeat(40));
    for (let i = 0; i < 40; i++) expect(await raw.line()).toMatch(/^98/);
    raw.close();
    await stillServing();
  });

  it('answers 200 connections at once, each asking for the ACS status', async () => {
    const clients = await Promise.all(
      Array.from({ length: 200 }, () =>
        Sip2Client.connect('127.0.0.1', bed.server.port, { timeoutMs: 30_000 }),
      ),
    );
    const answers = await Promise.all(clients.map((client) => client.scStatus()));
    expect(answers.every((answer) => answer.code === '98' && answer.onlineStatus)).toBe(true);
    await Promise.all(clients.map((client) => client.close()));
  });

  it('closes silent connections after the idle timeout, and refuses connections beyond the maximum', async () => {
    const server = await startSip2Server(bed.t.context, {
      host: '127.0.0.1',
      port: 0,
      idleTimeoutMs: 300,
      maxConnections: 2,
    });
    try {
      const silent = await RawConnection.open(server.port);
      silent.write('9900'); // half a message, then nothing
      const talking = await RawConnection.open(server.port);
      const third = await RawConnection.open(server.port);
      await third.closedByServer(3_000);
      for (let i = 0; i < 5; i++) {
        await new Promise((resolve) => setTimeout(resolve, 150));
        talking.write(PROBE);
        expect(await talking.line()).toMatch(/^98/);
      }
      expect(silent.closed).toBe(true);
      await talking.closedByServer(3_000);
    } finally {
      await server.close();
    }
  });

  it('answers an unexpected error with a negative answer and logs it without personal data', async () => {
    // The nonsense above may have sent a valid "block patron" for this card; staff clear blocks.
    await bed.t.db
      .updateTable('cards')
      .set({ blocked_at: null, blocked_reason: null, blocked_by_terminal_id: null })
      .where('number', '=', MINJUN)
      .execute();
    const logs: string[] = [];
    const destination = new Writable({
      write(chunk, _encoding, done) {
        logs.push(String(chunk));
        done();
      },
    });
    const brokenClock = {
      now: () => bed.t.clock.now(),
      today: (): string => {
        throw new Error(`database said no to ${MINJUN}`);
      },
    };
    const context: AppContext = {
      ...bed.t.context,
      clock: brokenClock,
      logger: createLogger('debug', destination),
    };
    const server = await startSip2Server(context, { host: '127.0.0.1', port: 0 });
    try {
      const client = await Sip2Client.connect('127.0.0.1', server.port, { institutionId: GN });
      expect(
        (
          await client.login({
            loginUserId: 'gyeongnamdaepyo-sc1',
            loginPassword: DEMO_TERMINAL_PASSWORD,
          })
        ).ok,
      ).toBe(true);
      const checkout = await client.checkout({
        patronIdentifier: MINJUN,
        itemIdentifier: 'GN-1',
        patronPassword: DEMO_MEMBER_PIN,
      });
      expect(checkout).toMatchObject({
        code: '12',
        ok: false,
        desensitize: false,
        patronIdentifier: MINJUN,
      });
      expect(checkout.screenMessage).toMatch(/^\[INTERNAL_ERROR\] .*sip2-1-2/);
      const status = await client.patronStatus({
        patronIdentifier: MINJUN,
        patronPassword: DEMO_MEMBER_PIN,
      });
      expect(status).toMatchObject({ code: '24', validPatron: false });
      expect(status.screenMessage).toMatch(/^\[INTERNAL_ERROR\]/);
      expect((await client.scStatus()).onlineStatus).toBe(true);
      await client.close();
    } finally {
      await server.close();
    }
    const log = logs.join('');
    expect(log).toContain('sip2 request failed');
    expect(log).toContain('sip2 terminal logged in');
    expect(log).not.toContain(MINJUN);
    expect(log).not.toContain('database said no');
    expect(log).not.toContain('김민준');
    expect(log).not.toContain(DEMO_TERMINAL_PASSWORD);
  });

  it('closes every connection when the server closes', async () => {
    const server = await startSip2Server(bed.t.context, { host: '127.0.0.1', port: 0 });
    const raw = await RawConnection.open(server.port);
    raw.write(PROBE);
    expect(await raw.line()).toMatch(/^98/);
    await server.close();
    await raw.closedByServer();
    await stillServing();
  });
});
