import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TERMINAL_PASSWORD } from '../../src/modules/terminals/terminals.js';
import { DEMO_MEMBER_PIN, demoCardNumber } from '../../src/seed/demo-accounts.js';
import { encodeLine } from '../../src/sip2/codec.js';
import {
  addItems,
  GN,
  RawConnection,
  type Sip2TestBed,
  startSip2TestBed,
} from '../sip2/support.js';
import { testDatabaseKind } from '../support/database.js';

/**
 * SIP2 fuzzing: several connections at once send random bytes, message-shaped nonsense with
 * injection strings, invalid UTF-8, boundary-length fields and bad checksums, before and after
 * login. Every line gets an answer (a SIP2 message) in bounded time, or the server closes that
 * connection for a documented reason; the server never stops answering the others. SIP2_FUZZ_RUNS
 * (default 150) sets the inputs per connection and property.
 */

const RUNS = Number(process.env.SIP2_FUZZ_RUNS ?? 150);
const PROBE = '9900302.00\r';
const SIP_LINE = /^\d\d/;
const DATE = '20261201    100000';
const FIXED: Record<string, string> = {
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
  '15': `+${DATE}`,
  '19': DATE,
  '37': `${DATE}0100USD`,
  '93': '00',
  '99': '0030',
};
const LOGIN = `9300CNgyeongnamdaepyo-sc1|CO${DEMO_TERMINAL_PASSWORD}|\r`;
const INJECTIONS = [
  "' OR '1'='1",
  "'; drop table loans; --",
  '%s%s%s%n',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a lookup injection attempt
  '${jndi:ldap://x}',
  '<script>',
  '../../etc/passwd',
  '\u0000',
  '한글',
  '😀',
  '',
];

/** One line's bytes: text with raw bytes (invalid UTF-8 among them) spliced in. */
const bytes = (text: string, raw: Uint8Array) =>
  Buffer.concat([Buffer.from(text, 'utf8'), Buffer.from(raw)]);

describe(`SIP2 fuzzing: no crash, no stuck connection (${testDatabaseKind})`, () => {
  let bed: Sip2TestBed;
  let inputs = 0;
  beforeAll(async () => {
    bed = await startSip2TestBed();
    await addItems(bed.t.db, GN, [{ barcode: 'FZ-1', title: '퍼즈' }]);
  });
  afterAll(async () => {
    console.info(`fuzz (SIP2): ${inputs} inputs`);
    await bed?.close();
  });

  /** After whatever was written: every answer up to the probe's 98, or the server's close. */
  async function settle(raw: RawConnection): Promise<{ lines: string[]; closed: boolean }> {
    raw.write(PROBE);
    const lines: string[] = [];
    for (;;) {
      const line = await raw.line(20_000); // throws if the connection is stuck
      if (line === null) return { lines, closed: true };
      lines.push(line);
      if (line.startsWith('98')) return { lines, closed: false };
    }
  }

  async function open(loggedIn: boolean): Promise<RawConnection> {
    const raw = await RawConnection.open(bed.server.port);
    if (loggedIn) {
      // The fuzzing's wrong logins come from this same loopback address, which they throttle.
      await bed.t.db.deleteFrom('sign_in_throttles').execute();
      raw.write(LOGIN);
      expect(await raw.line()).toBe('941');
    }
    return raw;
  }

  async function alive() {
    const probe = await RawConnection.open(bed.server.port);
    probe.write(PROBE);
    expect(await probe.line(10_000)).toMatch(/^98Y/);
    probe.close();
  }

  const value = fc.oneof(
    fc.constantFrom(...INJECTIONS),
    fc.constantFrom(demoCardNumber(1), demoCardNumber(2), DEMO_MEMBER_PIN, 'FZ-1', '9'.repeat(40)),
    fc.string({ maxLength: 50 }),
    fc.string({ unit: 'binary', maxLength: 50 }),
    fc.constantFrom('X'.repeat(4000), '가'.repeat(2600), 'Y'.repeat(8180)),
  );
  const field = fc
    .tuple(
      fc.constantFrom('AA', 'AB', 'AC', 'AD', 'AO', 'AN', 'CN', 'CO', 'CP', 'BP', 'BQ', 'BI', 'AF'),
      value,
    )
    .map(([id, v]) => `${id}${v.replace(/[\r|]/g, ' ')}`);
  const message = fc
    .constantFrom(...Object.keys(FIXED), '97', '96', '42', 'ZZ', '9')
    .chain((code) =>
      fc.record({
        code: fc.constant(code),
        fixed: fc.oneof(fc.constant(FIXED[code] ?? ''), fc.string({ maxLength: 30 })),
        fields: fc.array(field, { maxLength: 6 }),
        raw: fc.option(fc.uint8Array({ minLength: 1, maxLength: 12 }), { nil: undefined }),
        detection: fc.constantFrom('none', 'good', 'bad', 'truncated'),
      }),
    );

  async function fuzzConnection(loggedIn: boolean, seed: number) {
    let raw = await open(loggedIn);
    await fc.assert(
      fc.asyncProperty(message, async ({ code, fixed, fields, raw: extra, detection }) => {
        const body = `${code}${fixed}${fields.join('|')}`.replace(/[\r\n]/g, ' ');
        let line: Uint8Array;
        if (detection === 'good') line = encodeLine(body, { errorDetection: true, sequence: 5 });
        else if (detection === 'bad') line = Buffer.from(`${body}|AY5AZ0000\r`);
        else if (detection === 'truncated') line = Buffer.from(`${body}|AY5AZ\r`);
        else line = Buffer.from(`${body}\r`);
        if (extra) {
          const cut = Math.max(0, line.length - 1);
          line = Buffer.concat([
            bytes('', line.subarray(0, cut)),
            extra.filter((b) => b !== 13),
            line.subarray(cut),
          ]);
        }
        raw.write(line);
        inputs++;
        const { lines, closed } = await settle(raw);
        for (const answer of lines) expect(answer).toMatch(SIP_LINE);
        if (closed) raw = await open(loggedIn);
      }),
      { numRuns: RUNS, seed },
    );
    raw.close();
  }

  it('answers every line from four connections at once, logged in or not, and keeps serving', async () => {
    await Promise.all([
      fuzzConnection(true, 1),
      fuzzConnection(true, 2),
      fuzzConnection(false, 3),
      fuzzConnection(false, 4),
    ]);
    await alive();
  });

  it('survives raw bytes in odd chunks, and lines at the 8 KiB limit', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.uint8Array({ maxLength: 600 }), { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        async (chunks, loggedIn) => {
          const raw = await open(loggedIn);
          for (const chunk of chunks) {
            raw.write(chunk);
            inputs++;
          }
          raw.write('\r');
          const { lines } = await settle(raw);
          for (const answer of lines) expect(answer).toMatch(SIP_LINE);
          raw.close();
        },
      ),
      { numRuns: RUNS },
    );
    for (const size of [8_000, 8_190, 8_191, 8_192, 8_193, 20_000]) {
      const raw = await open(true);
      raw.write(`23${FIXED['23']}AO${GN}|AA${'1'.repeat(size)}\r`);
      inputs++;
      // Answered (under the limit) or closed (over it): never left hanging.
      const { lines, closed } = await settle(raw).catch(() => ({ lines: [], closed: true }));
      expect(closed || lines.some((l) => l.startsWith('24') || l.startsWith('96'))).toBe(true);
      raw.close();
    }
    await alive();
  });
});
