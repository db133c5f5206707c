import { execFile, execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openService, type Service } from '../../src/app.js';
import { seedLibraryDirectory } from '../../src/modules/libraries/seed.js';
import { ManualClock } from '../../src/platform/clock.js';
import { loadConfig } from '../../src/platform/config.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { parseLsn, ReplayLag } from '../../src/platform/db/read-replica.js';
import { NETWORK_ADMIN_USERNAME, seedDemoAccounts } from '../../src/seed/demo-accounts.js';
import { type Client, staffClient } from '../support/http.js';

/**
 * READ_DATABASE_URL against a real streaming replica: a throwaway primary and a replica made from
 * it by scripts/replica.sh (pg_basebackup), each a cluster of its own in a temporary directory on
 * free loopback ports; the machine's own PostgreSQL is not touched. The replica's standing moves
 * with the health checks, run here by hand on the service's manual clock.
 */

const SCRIPT = fileURLToPath(new URL('../../scripts/replica.sh', import.meta.url));
const run = promisify(execFile);

function postgresPrograms(): string | undefined {
  try {
    const bin = execFileSync('pg_config', ['--bindir'], { encoding: 'utf8' }).trim();
    return ['initdb', 'pg_ctl', 'pg_basebackup'].every((p) => existsSync(path.join(bin, p)))
      ? bin
      : undefined;
  } catch {
    return undefined;
  }
}
// Without PostgreSQL's programs (a laptop with Node only) this skips; CI has them and must run it.
const programs = postgresPrograms();
const skip = programs === undefined && process.env.CI !== 'true';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

describe('pure parts', () => {
  it('orders WAL positions and measures the lag from the oldest position not replayed', () => {
    expect(parseLsn('1/0') > parseLsn('0/FFFFFFFF')).toBe(true);
    const lag = new ReplayLag();
    expect(lag.observe(0, parseLsn('0/100'), parseLsn('0/100'))).toBe(0);
    expect(lag.observe(1_000, parseLsn('0/200'), parseLsn('0/100'))).toBe(0);
    expect(lag.observe(6_000, parseLsn('0/300'), parseLsn('0/150'))).toBe(5);
    expect(lag.observe(9_000, parseLsn('0/300'), parseLsn('0/200'))).toBe(3);
    expect(lag.observe(9_500, parseLsn('0/300'), parseLsn('0/300'))).toBe(0);
  });
});

describe.skipIf(skip)('reads on a streaming replica made with scripts/replica.sh', () => {
  const clock = new ManualClock('2026-12-01T10:00:00+09:00');
  let dir = '';
  let primaryUrl = '';
  let replicaUrl = '';
  let replicaDir = '';
  let service: Service | undefined;
  let admin: Client;
  let libraryId = 0;
  const started: string[] = [];

  const script = (...args: string[]) =>
    run('bash', [SCRIPT, ...args], { env: { ...process.env, PG_BIN: programs ?? '' } });

  async function query<T>(url: string, text: string): Promise<T[]> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return (await client.query(text)).rows as T[];
    } finally {
      await client.end();
    }
  }

  /**
   * The replica, on a port free when chosen: a parallel test's server may take it in the seconds
   * the copy takes before the cluster starts (its start then fails), so up to three ports.
   */
  async function startReplica(primary: string): Promise<string> {
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const cluster = path.join(dir, `replica-${attempt}`);
      try {
        await script('replica', primary, cluster, String(port));
        started.push(cluster);
        replicaDir = cluster;
        return `postgres://postgres@127.0.0.1:${port}/postgres`;
      } catch (error) {
        if (attempt === 3) throw error;
      }
    }
  }

  /** Until the replica has replayed everything the primary has written (or 15 s). */
  async function replayed() {
    const [primary] = await query<{ lsn: string }>(
      primaryUrl,
      'select pg_current_wal_lsn() as lsn',
    );
    const lsn = primary?.lsn ?? '0/0';
    for (let attempt = 0; attempt < 300; attempt++) {
      const [row] = await query<{ replay: string }>(
        replicaUrl,
        'select pg_last_wal_replay_lsn() as replay',
      );
      if (row && parseLsn(row.replay) >= parseLsn(lsn)) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error('the replica did not replay the primary in 15 s');
  }

  const app = () => service!.app;
  const search = async (q: string) => {
    const response = await app().inject({ method: 'GET', url: `/api/v1/catalogue?q=${q}` });
    expect(response.statusCode).toBe(200);
    return (response.json().titles as { title: string }[]).map((t) => t.title);
  };
  const fallbacks = async (reason: string) =>
    (await service!.context.metrics.replicaFallbacks.get()).values.find(
      (v) => v.labels.reason === reason,
    )?.value ?? 0;
  const addCopy = async (barcode: string, title: string) => {
    const response = await admin.post(`/api/v1/libraries/${libraryId}/items`, { barcode, title });
    expect(response.statusCode).toBe(201);
  };
  const ready = async () => (await app().inject({ method: 'GET', url: '/ready' })).json();

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'lo-replica-'));
    chmodSync(dir, 0o755); // the clusters' user (postgres) works inside it
    const primaryPort = await freePort();
    primaryUrl = `postgres://postgres@127.0.0.1:${primaryPort}/postgres`;
    await script('primary', path.join(dir, 'primary'), String(primaryPort));
    started.push(path.join(dir, 'primary'));
    const primary = await openDatabase({ databaseUrl: primaryUrl, poolSize: 2 });
    try {
      await migrateToLatest(primary.db);
      await seedLibraryDirectory(primary.db, { participating: true });
      await seedDemoAccounts(primary.db, clock);
    } finally {
      await primary.close();
    }
    replicaUrl = await startReplica(`127.0.0.1:${primaryPort}`);
    service = await openService({
      config: loadConfig({
        DATABASE_URL: primaryUrl,
        READ_DATABASE_URL: replicaUrl,
        READ_MAX_LAG_SECONDS: '30',
        LOG_LEVEL: 'silent',
      }),
      clock,
    });
    admin = await staffClient(service.app, NETWORK_ADMIN_USERNAME);
    libraryId = (
      await service.context.db.selectFrom('libraries').select('id').executeTakeFirstOrThrow()
    ).id;
  }, 90_000);

  afterAll(async () => {
    await service?.close().catch(() => {});
    for (const cluster of started.reverse()) await script('stop', cluster).catch(() => {});
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  const replica = () => service!.readReplica!;

  it('sends the catalogue and directory reads to the replica once a check finds it caught up', async () => {
    // Before the first check the primary answers.
    expect((await ready()).readReplica).toMatchObject({ inUse: false, reason: 'not_checked' });
    await addCopy('RP-1', 'Zebrafinch Harbour');
    expect(await search('Zebrafinch')).toEqual(['Zebrafinch Harbour']);
    expect(await fallbacks('not_checked')).toBeGreaterThan(0);

    await replayed();
    expect(await replica().check()).toMatchObject({ inUse: true, reason: 'ok', lagSeconds: 0 });
    expect(await ready()).toMatchObject({
      status: 'ready',
      readReplica: {
        inUse: true,
        reason: 'ok',
        lagSeconds: 0,
        checkedAt: clock.now().toISOString(),
      },
    });
    const before = await fallbacks('not_checked');
    expect(await search('Zebrafinch')).toEqual(['Zebrafinch Harbour']);
    expect(await fallbacks('not_checked')).toBe(before);
  });

  it('never writes on an anonymous read: no audit event, no session (the replica refuses writes)', async () => {
    const count = async () =>
      Promise.all(
        (['audit_events', 'sessions'] as const).map(async (table) =>
          Number(
            (
              await service!.context.db
                .selectFrom(table)
                .select((eb) => eb.fn.countAll().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          ),
        ),
      );
    const rowsBefore = await count();
    for (const url of [
      '/api/v1/catalogue?q=Zebrafinch',
      '/api/v1/regions',
      '/api/v1/libraries?q=Library',
      `/api/v1/libraries/${libraryId}`,
      `/api/v1/libraries/${libraryId}/calendar?from=2026-12-01&to=2026-12-31`,
      '/api/v1/network-holidays?from=2026-12-01&to=2026-12-31',
      '/api/v1/network-rules',
    ]) {
      const response = await app().inject({ method: 'GET', url });
      expect(response.statusCode, url).toBe(200);
      expect(response.headers['set-cookie'], url).toBeUndefined();
    }
    expect(await count()).toEqual(rowsBefore);
    expect(replica().status().inUse).toBe(true);
    expect(await fallbacks('unreachable')).toBe(0);
  });

  it('while replay is paused: the replica answers within the lag limit, the primary beyond it, the replica again once it caught up', async () => {
    await query(replicaUrl, 'select pg_wal_replay_pause()');
    for (let attempt = 0; attempt < 300; attempt++) {
      const [row] = await query<{ state: string }>(
        replicaUrl,
        'select pg_get_wal_replay_pause_state() as state',
      );
      if (row?.state === 'paused') break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await addCopy('RP-2', 'Zebrafinch Lighthouse');
    expect(await replica().check()).toMatchObject({ inUse: true, lagSeconds: 0 });
    // The replica does not have it yet: proof that the replica answers.
    expect(await search('Zebrafinch')).toEqual(['Zebrafinch Harbour']);

    clock.set(new Date(clock.now().getTime() + 31_000));
    expect(await replica().check()).toMatchObject({
      inUse: false,
      reason: 'lagging',
      lagSeconds: 31,
    });
    expect(await ready()).toMatchObject({
      status: 'ready',
      readReplica: { inUse: false, reason: 'lagging' },
    });
    const lagging = await fallbacks('lagging');
    expect((await search('Zebrafinch')).sort()).toEqual([
      'Zebrafinch Harbour',
      'Zebrafinch Lighthouse',
    ]);
    expect(await fallbacks('lagging')).toBeGreaterThan(lagging);

    await query(replicaUrl, 'select pg_wal_replay_resume()');
    await replayed();
    clock.set(new Date(clock.now().getTime() + 5_000));
    expect(await replica().check()).toMatchObject({ inUse: true, reason: 'ok', lagSeconds: 0 });
    const back = await fallbacks('lagging');
    expect((await search('Zebrafinch')).sort()).toEqual([
      'Zebrafinch Harbour',
      'Zebrafinch Lighthouse',
    ]);
    expect(await fallbacks('lagging')).toBe(back);
  });

  it('when the replica stops: the next read goes to the primary at once, /ready stays ready; a check after its restart brings it back', async () => {
    await script('stop', replicaDir);
    expect(await search('Lighthouse')).toEqual(['Zebrafinch Lighthouse']);
    expect(await fallbacks('unreachable')).toBeGreaterThan(0);
    const answer = await app().inject({ method: 'GET', url: '/ready' });
    expect(answer.statusCode).toBe(200);
    expect(answer.json().readReplica).toMatchObject({ inUse: false, reason: 'unreachable' });
    expect(await replica().check()).toMatchObject({ inUse: false, reason: 'unreachable' });

    await script('start', replicaDir);
    await replayed();
    expect(await replica().check()).toMatchObject({ inUse: true, reason: 'ok' });
    const metrics = await service!.context.metrics.registry.metrics();
    expect(metrics).toContain('library_one_read_replica_in_use 1');
    expect(metrics).toMatch(
      /library_one_read_replica_fallbacks_total\{reason="unreachable"\} [1-9]/,
    );
  });
});
