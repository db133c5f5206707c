import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../src/app.js';
import { createAppContext } from '../../src/app-context.js';
import { seedLibraryDirectory } from '../../src/modules/libraries/seed.js';
import { ManualClock } from '../../src/platform/clock.js';
import { type Database, openDatabase } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { readOverloadSettings } from '../../src/platform/http/overload.js';
import { type App, createHttpServer } from '../../src/platform/http/server.js';
import { createLogger } from '../../src/platform/logger.js';
import { findServer, scratchDatabase } from './support.js';

v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
function heapAfterGc(): number {
  gc();
  return process.memoryUsage().heapUsed;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Answer {
  status: number;
  retryAfter: string | null;
  contentType: string | null;
  code?: string;
  ms: number;
}

async function get(url: string, signal?: AbortSignal): Promise<Answer> {
  const started = performance.now();
  const response = await fetch(url, signal ? { signal } : {});
  const text = await response.text();
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    contentType: response.headers.get('content-type'),
    code: response.status >= 400 ? (JSON.parse(text) as { code: string }).code : undefined,
    ms: performance.now() - started,
  };
}

function expectRefusal(answer: Answer) {
  expect(answer.status).toBe(503);
  expect(answer.retryAfter).toMatch(/^\d+$/);
  expect(answer.contentType).toContain('application/problem+json');
  expect(answer.code).toBe('SERVICE_UNAVAILABLE');
}

describe('more requests than the service can serve', () => {
  const limits = { maxConcurrent: 4, maxQueued: 8, maxWaitMs: 400 };
  let app: App;
  let base: string;
  let running = 0;
  let mostRunning = 0;
  let mostQueued = 0;
  beforeAll(async () => {
    app = await createHttpServer({ logger: createLogger('silent'), overload: limits });
    app.get('/slow', async () => {
      running++;
      mostRunning = Math.max(mostRunning, running);
      mostQueued = Math.max(mostQueued, app.admission.queued);
      await sleep(300);
      running--;
      return { ok: true };
    });
    app.get('/health', async () => ({ status: 'ok' }));
    base = await app.listen({ port: 0, host: '127.0.0.1' });
  });
  afterAll(async () => {
    // Connections of requests the client aborted would hold a graceful close for a while.
    app?.server.closeAllConnections();
    await app?.close();
  });

  it('serves a few at once, queues a few for a bounded time, and refuses the rest with 503', async () => {
    const started = performance.now();
    const answers = await Promise.all(Array.from({ length: 60 }, () => get(`${base}/slow`)));
    const elapsed = performance.now() - started;
    const served = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status !== 200);
    for (const answer of refused) expectRefusal(answer);
    expect(served.length).toBeGreaterThanOrEqual(limits.maxConcurrent);
    expect(refused.length).toBeGreaterThan(0);
    expect(mostRunning).toBeLessThanOrEqual(limits.maxConcurrent);
    expect(mostQueued).toBeLessThanOrEqual(limits.maxQueued);
    // Nobody waits forever: the queue holds a request at most maxWaitMs before refusing it.
    const longestRefusal = Math.max(...refused.map((a) => a.ms));
    expect(longestRefusal).toBeLessThan(limits.maxWaitMs + 3_000);
    expect(elapsed).toBeLessThan(10_000);
    expect(app.admission).toMatchObject({ active: 0, queued: 0 });
    console.info(
      `overload: 60 at once → ${served.length} served, ${refused.length} refused with 503 (longest wait ${Math.round(longestRefusal)} ms)`,
    );
  });

  it('answers /health while saturated, forgets clients that give up, and keeps memory bounded', async () => {
    let before = 0;
    let answered = 0;
    let refused = 0;
    for (let wave = 0; wave < 6; wave++) {
      const controller = new AbortController();
      const flood = Array.from({ length: 300 }, (_, i) =>
        get(`${base}/slow`, i % 10 === 0 ? controller.signal : undefined).then(
          (a) => {
            if (a.status === 200) answered++;
            else {
              expectRefusal(a);
              refused++;
            }
          },
          () => {}, // aborted by the client
        ),
      );
      await sleep(50);
      const health = await get(`${base}/health`);
      expect(health.status).toBe(200);
      expect(health.ms).toBeLessThan(2_000);
      controller.abort();
      await Promise.all(flood);
      if (wave === 0) before = heapAfterGc();
    }
    await sleep(100);
    expect(app.admission).toMatchObject({ active: 0, queued: 0 });
    expect(mostQueued).toBeLessThanOrEqual(limits.maxQueued);
    // Five more waves of 300 leave nothing behind.
    const grown = heapAfterGc() - before;
    expect(grown).toBeLessThan(16 * 1024 * 1024);
    expect(answered + refused).toBeGreaterThan(1500);
    // And it serves normally afterwards.
    expect((await get(`${base}/slow`)).status).toBe(200);
    console.info(
      `overload: 1800 requests in 6 waves → ${answered} served, ${refused} refused, heap after the first wave +${Math.round(grown / 1048576)} MiB`,
    );
  });

  it('reads its limits from the environment and names a bad value', () => {
    expect(
      readOverloadSettings({
        HTTP_MAX_CONCURRENT: '10',
        HTTP_MAX_QUEUE: '20',
        HTTP_QUEUE_TIMEOUT_MS: '1500',
      }),
    ).toEqual({ maxConcurrent: 10, maxQueued: 20, maxWaitMs: 1500 });
    expect(() =>
      readOverloadSettings({ HTTP_MAX_CONCURRENT: '0', HTTP_MAX_QUEUE: 'many' }),
    ).toThrow(/HTTP_MAX_CONCURRENT[\s\S]*HTTP_MAX_QUEUE/);
  });
});

/**
 * The real service with a database that cannot keep up: every connection busy with slow work.
 * With PostgreSQL the pool's wait for a connection ends in 503; with the embedded engine (one
 * connection) requests wait in the admission queue, then get 503. Either way nothing crashes and
 * it serves again once the slow work is done.
 */
describe('a database that cannot keep up', () => {
  let database: Database;
  let drop: (() => Promise<void>) | undefined;
  let app: App;
  let how: string;
  let pooled = false;
  beforeAll(async () => {
    const server = await findServer();
    if (server) {
      const scratch = await scratchDatabase(server, 'lo_overload');
      drop = scratch.drop;
      database = await openDatabase({ databaseUrl: scratch.url, poolSize: 2 });
      how = 'PostgreSQL, a pool of 2 connections';
      pooled = true;
    } else {
      database = await openDatabase({ dataDir: 'memory://' });
      how = 'embedded (one connection)';
    }
    await migrateToLatest(database.db);
    await seedLibraryDirectory(database.db, { participating: true });
    process.env.HTTP_MAX_CONCURRENT = '8';
    process.env.HTTP_MAX_QUEUE = '16';
    process.env.HTTP_QUEUE_TIMEOUT_MS = '1000';
    app = await buildHttpApp(
      createAppContext(database.db, new ManualClock(), createLogger('silent')),
    );
  });
  afterAll(async () => {
    delete process.env.HTTP_MAX_CONCURRENT;
    delete process.env.HTTP_MAX_QUEUE;
    delete process.env.HTTP_QUEUE_TIMEOUT_MS;
    await app?.close();
    await database?.close();
    await drop?.();
  });

  it('answers 503 with Retry-After while every connection is busy, then serves again', async () => {
    console.info(`database overload: ${how}`);
    const hold = (ms: number) =>
      database.db.transaction().execute(async (tx) => {
        await sql`select pg_sleep(${ms / 1000})`.execute(tx);
      });
    const busy = pooled ? Promise.all([hold(7_000), hold(7_000)]) : hold(3_000);
    await sleep(300);
    const answers = await Promise.all(
      Array.from({ length: 40 }, () => app.inject({ url: '/api/v1/libraries' })),
    );
    const refused = answers.filter((a) => a.statusCode !== 200);
    for (const answer of refused) {
      expect(answer.statusCode, answer.body).toBe(503);
      expect(answer.headers['retry-after']).toMatch(/^\d+$/);
      expect(answer.json().code).toBe('SERVICE_UNAVAILABLE');
    }
    // The pool gives up on a connection after 5 s; the embedded engine serves the admitted ones
    // once it is free, and the queue refuses the others after 1 s.
    if (pooled) expect(refused.length).toBe(answers.length);
    else expect(refused.length).toBeGreaterThanOrEqual(answers.length - 8);
    console.info(
      `database overload: ${answers.length - refused.length} served, ${refused.length} refused`,
    );
    await busy;
    const after = await app.inject({ url: '/api/v1/libraries' });
    expect(after.statusCode).toBe(200);
    expect(app.admission).toMatchObject({ active: 0, queued: 0 });
  });
});
