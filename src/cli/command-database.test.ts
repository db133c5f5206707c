import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { withCommandDatabase } from './command-database.js';

describe('a command on the embedded database', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'library-one-command-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  const config = { databaseUrl: undefined, dataDir };

  it('has the data directory to itself, migrated, and gives it back when it fails', async () => {
    const lock = path.join(dataDir, 'library-one.lock');
    const failing = withCommandDatabase(config, async (db, { applied }) => {
      expect(applied.length).toBeGreaterThan(0);
      // Another process (a service, a command) is refused while the lock is there.
      expect(readFileSync(lock, 'utf8')).toBe(String(process.pid));
      await sql`select 1`.execute(db);
      throw new Error('the command failed');
    });
    await expect(failing).rejects.toThrow('the command failed');
    expect(existsSync(lock)).toBe(false);
    // Closed and released: the next command opens it, with nothing left to migrate.
    const next = await withCommandDatabase(config, async (db, { applied }) => {
      const { rows } = await sql<{ n: number }>`select count(*)::int as n from libraries`.execute(
        db,
      );
      return { applied, libraries: rows[0]!.n };
    });
    expect(next).toEqual({ applied: [], libraries: 0 });
  }, 120_000);
});
