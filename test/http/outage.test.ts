import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildHttpApp } from '../../src/app.js';
import { createAppContext } from '../../src/app-context.js';
import { ManualClock } from '../../src/platform/clock.js';
import { type Database, openDatabase } from '../../src/platform/db/database.js';
import type { App } from '../../src/platform/http/server.js';
import { createLogger } from '../../src/platform/logger.js';

/** A database server that does not answer: the API says so plainly and never hangs or crashes. */
describe('the HTTP API while the database is unreachable', () => {
  let database: Database;
  let app: App;
  beforeAll(async () => {
    database = await openDatabase({
      databaseUrl: 'postgres://postgres@127.0.0.1:1/nowhere',
      poolSize: 2,
    });
    app = await buildHttpApp(
      createAppContext(database.db, new ManualClock(), createLogger('silent')),
    );
  });
  afterAll(async () => {
    await app?.close();
    await database?.close();
  });

  it('answers 503 problems with Retry-After, and /ready fails while /health holds', async () => {
    const libraries = await app.inject({ url: '/api/v1/libraries' });
    expect(libraries.statusCode).toBe(503);
    expect(libraries.headers['retry-after']).toBe('5');
    expect(libraries.json()).toMatchObject({ code: 'SERVICE_UNAVAILABLE', status: 503 });
    expect(libraries.body).not.toMatch(/ECONNREFUSED|127\\.0\\.0\\.1|stack/);
    const ready = await app.inject({ url: '/ready' });
    expect(ready.statusCode).toBe(503);
    expect(ready.headers['retry-after']).toBe('5');
    expect((await app.inject({ url: '/health' })).statusCode).toBe(200);
  });
});
