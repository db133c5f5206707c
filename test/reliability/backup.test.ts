import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppContext } from '../../src/app-context.js';
import { copyEmbeddedToPostgres, holdsDatabase, restoreEmbedded } from '../../src/cli/backup.js';
import {
  copyDatabase,
  nonEmptyTables,
  snapshotRows,
  TargetNotEmptyError,
} from '../../src/cli/copy-database.js';
import { registerWalkIn } from '../../src/modules/members/registration.js';
import { ManualClock } from '../../src/platform/clock.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { createLogger } from '../../src/platform/logger.js';
import { runToExit } from '../support/process.js';
import { findServer, populate, scratchDatabase } from './support.js';

const run = promisify(execFile);

type Snapshot = Record<string, string[]>;

async function snapshotOf(options: { dataDir?: string; databaseUrl?: string }): Promise<Snapshot> {
  const database = await openDatabase({ ...options, poolSize: 2 });
  try {
    return await snapshotRows(database.db);
  } finally {
    await database.close();
  }
}

function expectSameRows(actual: Snapshot, expected: Snapshot) {
  expect(Object.keys(actual).sort()).toEqual(Object.keys(expected).sort());
  for (const table of Object.keys(expected)) {
    expect({ table, rows: actual[table] }).toEqual({ table, rows: expected[table] });
  }
}

/**
 * Backups, tested end to end: the embedded database through `library-one backup` / `restore`,
 * a PostgreSQL server through pg_dump -Fc / pg_restore, and the move of a populated embedded
 * database into a PostgreSQL server. Each ends with the very same rows.
 */
describe('backups and moving the database', () => {
  let dir: string;
  let source: string;
  let original: Snapshot;
  let server: string | undefined;
  beforeAll(async () => {
    server = await findServer();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lo-backup-'));
    source = path.join(dir, 'source');
    const database = await openDatabase({ dataDir: source });
    await migrateToLatest(database.db);
    await populate(database.db);
    original = await snapshotRows(database.db);
    await database.close();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('has something worth keeping: loans, a suspension citing its loan, audit events', () => {
    // The demo's weeks of circulation (issue 17), then populate's six.
    expect(original.loans!.length).toBeGreaterThan(6 + 300);
    expect(original.members!.some((m) => JSON.parse(m).suspension_loan_id !== null)).toBe(true);
    expect(original.items!.length).toBeGreaterThan(5000);
    expect(original.audit_events!.length).toBeGreaterThan(5);
  });

  it('backs up and restores the embedded database with the CLI: the same rows', async () => {
    const file = path.join(dir, 'library-one.tar.gz');
    const backup = await runToExit(['backup', file], { DATA_DIR: source });
    expect(backup.output).toContain('Backed up');
    expect(backup.code).toBe(0);
    expect(fs.statSync(file).size).toBeGreaterThan(1000);

    const restored = path.join(dir, 'restored');
    await restoreEmbedded(file, restored); // what `library-one restore <file>` runs
    expectSameRows(await snapshotOf({ dataDir: restored }), original);

    // Never over an existing database.
    await expect(restoreEmbedded(file, restored)).rejects.toThrow(/already holds/);
  });

  it('backs up a PostgreSQL database with pg_dump -Fc and restores it with pg_restore: the same rows', async () => {
    if (!server) {
      // No server on this machine (and no TEST_DATABASE_URL): the embedded path above is what
      // there is to back up; say so rather than pretend.
      console.warn(
        'pg_dump/pg_restore: no PostgreSQL server reachable; only the embedded backup ran',
      );
      expect(holdsDatabase(source)).toBe(true);
      return;
    }
    const from = await scratchDatabase(server);
    const to = await scratchDatabase(server);
    try {
      // The populated embedded database, copied into a server database (the move, tested below).
      const embedded = await openDatabase({ dataDir: source });
      const database = await openDatabase({ databaseUrl: from.url, poolSize: 2 });
      await migrateToLatest(database.db);
      await copyDatabase(embedded.db, database.db);
      await embedded.close();
      const expected = await snapshotRows(database.db);
      expectSameRows(expected, original);
      await database.close();
      const file = path.join(dir, 'library-one.dump');
      await run('pg_dump', ['-Fc', '--no-owner', '-f', file, '-d', from.url]);
      await run('pg_restore', ['--no-owner', '--exit-on-error', '-d', to.url, file]);
      expectSameRows(await snapshotOf({ databaseUrl: to.url }), expected);
    } finally {
      await from.drop();
      await to.drop();
    }
  });

  it('moves a populated embedded database into a PostgreSQL server, which then carries on', async () => {
    const target = server ? await scratchDatabase(server) : undefined;
    const targetDir = path.join(dir, 'moved');
    try {
      if (target) {
        const move = await runToExit(['copy-to-postgres', target.url], { DATA_DIR: source });
        expect(move.output).toContain('Copied');
        expect(move.code).toBe(0);
        // Twice is refused: the target is no longer empty.
        await expect(copyEmbeddedToPostgres(source, target.url)).rejects.toThrow(
          TargetNotEmptyError,
        );
      } else {
        console.warn(
          'copy-to-postgres: no PostgreSQL server reachable; copied into a second embedded database',
        );
        const from = await openDatabase({ dataDir: source });
        const to = await openDatabase({ dataDir: targetDir });
        await migrateToLatest(to.db);
        await copyDatabase(from.db, to.db);
        await expect(copyDatabase(from.db, to.db)).rejects.toThrow(TargetNotEmptyError);
        await from.close();
        await to.close();
      }
      const where = target ? { databaseUrl: target.url } : { dataDir: targetDir };
      expectSameRows(await snapshotOf(where), original);

      // New rows continue after the copied identifiers.
      const database = await openDatabase({ ...where, poolSize: 2 });
      try {
        expect(await nonEmptyTables(database.db)).toContain('loans');
        const clock = new ManualClock('2026-12-22T10:00:00+09:00');
        const context = createAppContext(database.db, clock, createLogger('silent'));
        const desk = await database.db
          .selectFrom('staff')
          .select(['id', 'library_id'])
          .where('username', '=', 'jinju-yonam-desk')
          .executeTakeFirstOrThrow();
        const member = await registerWalkIn(
          context,
          { kind: 'staff', staffId: desk.id, libraryId: desk.library_id, role: 'desk' },
          {
            name: '이사온회원',
            birthDate: '1991-01-01',
            phone: '010-5555-0999',
            idDocumentType: 'passport',
            consent: true,
          },
        );
        const highest = Math.max(...original.members!.map((m) => JSON.parse(m).id as number));
        expect(member.id).toBeGreaterThan(highest);
      } finally {
        await database.close();
      }
    } finally {
      await target?.drop();
    }
  });
});
