import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { withDatabaseName } from './database-url.js';

/**
 * Tests run on the embedded engine by default, and on a real PostgreSQL server when
 * TEST_DATABASE_URL is set: each test file then gets a database of its own, dropped afterwards.
 */
export const testDatabaseUrl = process.env.TEST_DATABASE_URL || undefined;
export const testDatabaseKind = testDatabaseUrl ? 'postgres' : 'embedded';

export interface TestDatabase {
  database: Database;
  url: string | undefined;
  drop(): Promise<void>;
}

let embeddedTemplate: Promise<Blob | undefined> | undefined;

/** The migrated data directory test/support/global-setup.ts dumped once for the run. */
function loadEmbeddedTemplate(): Promise<Blob | undefined> {
  embeddedTemplate ??= (async () => {
    const file = inject('embeddedTemplate');
    return file ? new Blob([await readFile(file)]) : undefined;
  })();
  return embeddedTemplate;
}

/**
 * A migrated database of the test file's own: a copy of the run's migrated template (made by
 * test/support/global-setup.ts), else, in a project without it, a new one migrated from zero.
 * `migrateToLatest` still runs on it, as at every start of the service (nothing left to apply).
 */
export async function createTestDatabase(
  options: { poolSize?: number } = {},
): Promise<TestDatabase> {
  if (!testDatabaseUrl) {
    const loadDataDir = await loadEmbeddedTemplate();
    const database = await openDatabase({
      dataDir: 'memory://',
      ...(loadDataDir ? { loadDataDir } : {}),
    });
    await migrateToLatest(database.db);
    return { database, url: undefined, drop: () => database.close() };
  }
  const name = `lo_test_${randomUUID().replaceAll('-', '').slice(0, 20)}`;
  const template = inject('serverTemplate');
  const admin = new pg.Client({ connectionString: testDatabaseUrl });
  await admin.connect();
  await admin.query(`create database ${name}${template ? ` template ${template}` : ''}`);
  await admin.end();
  const url = withDatabaseName(testDatabaseUrl, name);
  const database = await openDatabase({ databaseUrl: url, poolSize: options.poolSize ?? 10 });
  await migrateToLatest(database.db);
  return {
    database,
    url,
    async drop() {
      await database.close();
      const cleanup = new pg.Client({ connectionString: testDatabaseUrl });
      await cleanup.connect();
      await cleanup.query(`drop database if exists ${name} with (force)`);
      await cleanup.end();
    },
  };
}
