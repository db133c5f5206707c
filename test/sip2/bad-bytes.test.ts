import { Writable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TERMINAL_PASSWORD } from '../../src/modules/terminals/terminals.js';
import { createHttpServer } from '../../src/platform/http/server.js';
import { createLogger } from '../../src/platform/logger.js';
import { demoCardNumber } from '../../src/seed/demo-accounts.js';
import { testDatabaseKind } from '../support/database.js';
import { addItems, GN, RawConnection, type Sip2TestBed, startSip2TestBed } from './support.js';

const LOGIN = `9300CNgyeongnamdaepyo-sc1|CO${DEMO_TERMINAL_PASSWORD}|\r`;
const DATE = '20261201    100000';
const NUL = '\u0000';

async function loggedIn(port: number): Promise<RawConnection> {
  const raw = await RawConnection.open(port);
  raw.write(LOGIN);
  expect(await raw.line()).toBe('941');
  return raw;
}

describe(`SIP2 bad bytes and pipelined requests (${testDatabaseKind})`, () => {
  let bed: Sip2TestBed;
  beforeAll(async () => {
    bed = await startSip2TestBed();
    await addItems(
      bed.t.db,
      GN,
      Array.from({ length: 40 }, (_, i) => ({ barcode: `PIPE-${i}`, title: `책 ${i}` })),
    );
  });
  afterAll(async () => bed?.close());

  it('refuses a NUL byte in AA, AB or CN as bad input, not as an internal error', async () => {
    const raw = await loggedIn(bed.server.port);
    raw.write(`23020${DATE}AO${GN}|AA${demoCardNumber(1)}${NUL}|AC|AD|\r`);
    const status = await raw.line();
    expect(status).toMatch(/^24/);
    expect(status).toContain('|AF[VALIDATION_FAILED]');
    raw.write(`11YN${DATE}${DATE}AO${GN}|AA${demoCardNumber(1)}|AB PIPE-0${NUL}|AC|\r`);
    const checkout = await raw.line();
    expect(checkout).toMatch(/^120/);
    expect(checkout).toContain('|AF[VALIDATION_FAILED]');
    raw.write(`9300CNgyeongnamdaepyo-sc1${NUL}|COx|\r`);
    expect(await raw.line()).toBe('940');
    await raw.close();
  });

  it('answers 40 requests sent in one write, in order', async () => {
    const raw = await loggedIn(bed.server.port);
    const barcodes = Array.from({ length: 40 }, (_, i) => `PIPE-${i}`);
    raw.write(barcodes.map((barcode) => `17${DATE}AO${GN}|AB${barcode}|\r`).join(''));
    const answered: string[] = [];
    for (const _ of barcodes) {
      const line = await raw.line();
      expect(line).toMatch(/^18/);
      answered.push(/AB([^|]*)\|/.exec(line!)?.[1] ?? line!);
    }
    expect(answered).toEqual(barcodes);
    await raw.close();
  });

  it('logs an unexpected error without the values of the request', async () => {
    const lines: string[] = [];
    const logger = createLogger(
      'trace',
      new Writable({
        write(chunk, _encoding, done) {
          lines.push(String(chunk));
          done();
        },
      }),
    );
    const app = await createHttpServer({ logger });
    app.post('/boom', async (request) => {
      throw new TypeError(`cannot read ${(request.body as { secret: string }).secret}`);
    });
    const response = await app.inject({
      method: 'POST',
      url: '/boom',
      payload: { secret: 'card 1234-5678-9012' },
    });
    expect(response.statusCode).toBe(500);
    expect(response.json().code).toBe('INTERNAL_ERROR');
    expect(lines.join('')).toContain('unhandled error');
    expect(lines.join('')).not.toContain('1234-5678-9012');
    await app.close();
  });

  it('the service’s database connections end long statements and idle transactions, and compile no statement (no JIT)', async () => {
    const setting = async (name: string) =>
      (await sql<{ value: string }>`select current_setting(${name}) as value`.execute(bed.t.db))
        .rows[0]!.value;
    expect(await setting('statement_timeout')).toBe('30s');
    expect(await setting('idle_in_transaction_session_timeout')).toBe('1min');
    expect(await setting('jit')).toBe('off');
  });
});
