import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, PGliteDialect } from 'kysely';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { withDatabaseName } from './database-url.js';

const LOCAL_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A file holding the migrated embedded database (PGlite's dumpDataDir), for test/support/database.ts. */
    embeddedTemplate: string | undefined;
    /** A migrated database on the TEST_DATABASE_URL server that each test file's database copies. */
    serverTemplate: string | undefined;
  }
}

function reachable(url: URL, timeoutMs = 1_000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: url.hostname, port: Number(url.port || 5432) });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

/**
 * Once per run: is there a PostgreSQL server for the server-only tests? Without one they skip,
 * and this says so in one line; in CI (CI=true) that is a failure, not a skip.
 */
async function findServer() {
  const url = new URL(process.env.TEST_DATABASE_URL || LOCAL_SERVER_URL);
  if (await reachable(url)) return;
  const where = `${url.hostname}:${url.port || 5432}`;
  if (process.env.CI === 'true') {
    throw new Error(`CI needs the PostgreSQL server at ${where} for the server-only tests`);
  }
  process.env.LIBRARY_ONE_NO_SERVER = '1';
  console.warn(
    `Skipping the server-only tests (bench, several processes, pg_dump): no PostgreSQL server answers at ${where}. Run them with a server there, or TEST_DATABASE_URL=postgres://user@host:port/db npm test.`,
  );
}

interface Templates {
  embeddedTemplate: string | undefined;
  serverTemplate: string | undefined;
  drop(): Promise<void>;
}

/**
 * The migrated database each test file starts from (createTestDatabase), made once per run: a
 * new embedded cluster costs seconds of initdb, a copy of a dumped one a fraction of that; on a
 * server, `create database … template` copies the migrated schema instead of migrating again.
 */
async function makeTemplates(): Promise<Templates> {
  const serverUrl = process.env.TEST_DATABASE_URL || undefined;
  if (!serverUrl) {
    const pglite = await PGlite.create({ dataDir: 'memory://' });
    const db = new Kysely<unknown>({ dialect: new PGliteDialect({ pglite }) });
    const dir = mkdtempSync(path.join(tmpdir(), 'lo-test-template-'));
    const file = path.join(dir, 'migrated.tar');
    try {
      await migrateToLatest(db);
      writeFileSync(file, Buffer.from(await (await pglite.dumpDataDir('none')).arrayBuffer()));
    } finally {
      await db.destroy();
    }
    return {
      embeddedTemplate: file,
      serverTemplate: undefined,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `lo_template_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = async (statement: string) => {
    const client = new pg.Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(statement);
    } finally {
      await client.end();
    }
  };
  await admin(`create database ${name}`);
  const database = await openDatabase({ databaseUrl: withDatabaseName(serverUrl, name) });
  try {
    await migrateToLatest(database.db);
  } finally {
    // A template must have no connections while it is copied.
    await database.close();
  }
  return {
    embeddedTemplate: undefined,
    serverTemplate: name,
    drop: () => admin(`drop database if exists ${name} with (force)`),
  };
}

// Both projects that use databases name this file; the run makes the templates once.
const shared = globalThis as {
  libraryOneTestTemplates?: { made: Promise<Templates>; users: number };
};

export default async function setup(project: TestProject) {
  await findServer();
  shared.libraryOneTestTemplates ??= { made: makeTemplates(), users: 0 };
  const entry = shared.libraryOneTestTemplates;
  entry.users += 1;
  const templates = await entry.made;
  project.provide('embeddedTemplate', templates.embeddedTemplate);
  project.provide('serverTemplate', templates.serverTemplate);
  return async () => {
    entry.users -= 1;
    if (entry.users > 0) return;
    shared.libraryOneTestTemplates = undefined;
    await templates.drop();
  };
}
