import type { Kysely, KyselyPlugin } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../src/app.js';
import { createAppContext } from '../../src/app-context.js';
import { seedLibraryDirectory } from '../../src/modules/libraries/seed.js';
import {
  DEMO_TERMINAL_PASSWORD,
  seedDemoTerminals,
  terminalUsername,
} from '../../src/modules/terminals/terminals.js';
import { ManualClock } from '../../src/platform/clock.js';
import { type Database, openDatabase } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import type { DB } from '../../src/platform/db/schema.js';
import type { App } from '../../src/platform/http/server.js';
import { createLogger } from '../../src/platform/logger.js';
import { DEMO_MEMBER_PIN, demoCardNumber, seedDemoAccounts } from '../../src/seed/demo-accounts.js';
import { Sip2Client } from '../../src/sip2/client.js';
import { type Sip2Server, startSip2Server } from '../../src/sip2/server.js';
import { insertCopies } from '../support/copies.js';
import { type Client, staffClient } from '../support/http.js';
import { DatabaseProxy } from './proxy.js';
import { findServer, scratchDatabase } from './support.js';

const GN = 'gyeongnamdaepyo-library';
const MINJUN = demoCardNumber(1);

/** Every query fails as with a server that refuses connections (embedded runs without a server). */
class Outage implements KyselyPlugin {
  down = false;
  transformQuery<T>(args: { node: T }): T {
    if (this.down) {
      throw Object.assign(new Error('connect ECONNREFUSED (simulated outage)'), {
        code: 'ECONNREFUSED',
      });
    }
    return args.node;
  }
  async transformResult<R>(args: { result: R }): Promise<R> {
    return args.result;
  }
}

interface Outlet {
  how: string;
  db: Kysely<DB>;
  down(): Promise<void>;
  up(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The real thing when a PostgreSQL server is reachable: the service talks to it through a TCP
 * proxy, which is cut and restored. Otherwise the embedded database with every query failing
 * the way a lost server makes them fail.
 */
async function databaseWithOutlet(): Promise<Outlet> {
  const server = await findServer();
  if (server) {
    const scratch = await scratchDatabase(server, 'lo_outage');
    const proxy = await DatabaseProxy.start(scratch.url);
    const database: Database = await openDatabase({
      databaseUrl: proxy.url(scratch.url),
      poolSize: 4,
    });
    return {
      how: 'PostgreSQL through a TCP proxy that is cut',
      db: database.db,
      down: () => proxy.down(),
      up: () => proxy.up(),
      async close() {
        await database.close();
        await proxy.down();
        await scratch.drop();
      },
    };
  }
  const database = await openDatabase({ dataDir: 'memory://' });
  const outage = new Outage();
  return {
    how: 'embedded database with a simulated outage (no PostgreSQL server reachable)',
    db: database.db.withPlugin(outage),
    down: async () => {
      outage.down = true;
    },
    up: async () => {
      outage.down = false;
    },
    close: () => database.close(),
  };
}

async function eventually<T>(what: string, probe: () => Promise<T | undefined>, ms = 20_000) {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function timed<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = performance.now();
  const value = await work();
  return { value, ms: performance.now() - started };
}

describe('a database outage: 503s and off-line, then recovery without a restart', () => {
  let outlet: Outlet;
  let app: App;
  let sip2: Sip2Server;
  let desk: Client;
  let machine: Sip2Client;
  beforeAll(async () => {
    outlet = await databaseWithOutlet();
    const { db } = outlet;
    await migrateToLatest(db);
    const clock = new ManualClock('2026-12-01T10:00:00+09:00');
    await seedLibraryDirectory(db, { participating: true });
    await seedDemoAccounts(db, clock);
    await seedDemoTerminals(db);
    const gn = await db
      .selectFrom('libraries')
      .select('id')
      .where('code', '=', GN)
      .executeTakeFirstOrThrow();
    await insertCopies(
      db,
      gn.id,
      ['OUT-1', 'OUT-2', 'OUT-3', 'OUT-4'].map((barcode) => ({
        barcode,
        title: `정전 ${barcode}`,
      })),
    );
    const context = createAppContext(db, clock, createLogger('silent'));
    app = await buildHttpApp(context);
    sip2 = await startSip2Server(context, { host: '127.0.0.1', port: 0 });
    desk = await staffClient(app, 'gyeongnamdaepyo-desk');
    machine = await Sip2Client.connect('127.0.0.1', sip2.port, {
      institutionId: GN,
      timeoutMs: 15_000,
      now: () => clock.now(),
    });
    const login = await machine.login({
      loginUserId: terminalUsername(GN),
      loginPassword: DEMO_TERMINAL_PASSWORD,
    });
    expect(login.ok).toBe(true);
  });
  afterAll(async () => {
    await outlet?.up();
    await machine?.close().catch(() => {});
    await sip2?.close();
    await app?.close();
    await outlet?.close();
  });

  it('serves, loses the database, answers 503 and off-line, and recovers by itself', async () => {
    console.info(`outage test: ${outlet.how}`);
    // Before: all well.
    expect((await app.inject({ url: '/ready' })).statusCode).toBe(200);
    expect((await machine.scStatus()).onlineStatus).toBe(true);
    const before = await desk.post('/api/v1/checkouts', {
      cardNumber: MINJUN,
      itemBarcode: 'OUT-1',
    });
    expect(before.statusCode).toBe(201);

    await outlet.down();

    // The HTTP API: 503 problem documents with Retry-After, promptly; /ready fails, /health holds.
    for (const request of [
      () => app.inject({ url: '/api/v1/libraries' }),
      () => app.inject({ url: '/api/v1/regions' }),
      () => desk.get('/api/v1/staff/me'),
      () =>
        desk.post(
          '/api/v1/checkouts',
          { cardNumber: MINJUN, itemBarcode: 'OUT-2' },
          { 'idempotency-key': 'during-outage' },
        ),
      () => desk.post('/api/v1/returns', { itemBarcode: 'OUT-1' }),
      () =>
        app.inject({
          method: 'POST',
          url: '/api/v1/staff/sign-in',
          payload: { username: 'gyeongnamdaepyo-desk', password: 'library-one-staff' },
        }),
    ]) {
      const { value: response, ms } = await timed(request);
      expect(response.statusCode, response.body).toBe(503);
      expect(response.headers['retry-after']).toBeDefined();
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
      expect(response.body).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|stack|select|insert/i);
      expect(ms).toBeLessThan(8_000);
    }
    const ready = await app.inject({ url: '/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['retry-after']).toBeDefined();
    expect((await app.inject({ url: '/health' })).statusCode).toBe(200);

    // SIP2: 98 says on-line N (and nothing allowed); requests get plain refusals; the
    // connection stays usable.
    const offline = await machine.scStatus();
    expect(offline).toMatchObject({ code: '98', onlineStatus: false, checkoutOk: false });
    expect(offline.checkinOk).toBe(false);
    const refused = await machine.checkout({
      patronIdentifier: MINJUN,
      itemIdentifier: 'OUT-3',
      patronPassword: DEMO_MEMBER_PIN,
    });
    expect(refused).toMatchObject({ code: '12', ok: false });
    expect(refused.screenMessage).toMatch(/^\[SERVICE_UNAVAILABLE\] /);
    expect(refused.screenMessage).not.toMatch(/sip2-|ECONN|Error/);
    const notReturned = await machine.checkin({ itemIdentifier: 'OUT-1', currentLocation: '' });
    expect(notReturned).toMatchObject({ code: '10', ok: false });
    expect(notReturned.screenMessage).toMatch(/^\[SERVICE_UNAVAILABLE\] /);
    const status = await machine.patronStatus({ patronIdentifier: MINJUN, patronPassword: '' });
    expect(status.code).toBe('24');
    expect(status.screenMessage).toMatch(/^\[SERVICE_UNAVAILABLE\] /);
    // A new machine cannot log in meanwhile, and is told so without being counted as wrong.
    const late = await Sip2Client.connect('127.0.0.1', sip2.port, { timeoutMs: 15_000 });
    const lateLogin = await late.login({
      loginUserId: terminalUsername(GN),
      loginPassword: DEMO_TERMINAL_PASSWORD,
    });
    expect(lateLogin.ok).toBe(false);

    await outlet.up();

    // Recovery, by itself: the same process, the same sessions, the same SIP2 connection.
    await eventually('ready again', async () => {
      const response = await app.inject({ url: '/ready' });
      return response.statusCode === 200 ? true : undefined;
    });
    expect((await app.inject({ url: '/api/v1/libraries' })).statusCode).toBe(200);
    expect((await desk.get('/api/v1/staff/me')).statusCode).toBe(200);
    // The request refused during the outage, retried with its key: applied once.
    const retried = await desk.post(
      '/api/v1/checkouts',
      { cardNumber: MINJUN, itemBarcode: 'OUT-2' },
      { 'idempotency-key': 'during-outage' },
    );
    expect(retried.statusCode, retried.body).toBe(201);
    const online = await machine.scStatus();
    expect(online).toMatchObject({ onlineStatus: true, checkoutOk: true, checkinOk: true });
    const lent = await machine.checkout({
      patronIdentifier: MINJUN,
      itemIdentifier: 'OUT-3',
      patronPassword: DEMO_MEMBER_PIN,
    });
    expect(lent).toMatchObject({ code: '12', ok: true });
    expect((await machine.checkin({ itemIdentifier: 'OUT-1', currentLocation: '' })).ok).toBe(true);
    expect(
      (
        await late.login({
          loginUserId: terminalUsername(GN),
          loginPassword: DEMO_TERMINAL_PASSWORD,
        })
      ).ok,
    ).toBe(true);
    await late.close();
    const loans = await outlet.db
      .selectFrom('loans')
      .innerJoin('items', 'items.id', 'loans.item_id')
      .select(['items.barcode', 'loans.returned_at'])
      .orderBy('loans.id')
      .execute();
    expect(loans.map((l) => [l.barcode, l.returned_at !== null])).toEqual([
      ['OUT-1', true],
      ['OUT-2', false],
      ['OUT-3', false],
    ]);
  });
});
