import type { Kysely } from 'kysely';
import type { Config } from '../platform/config.js';
import { lockDataDir } from '../platform/db/data-dir-lock.js';
import { openDatabase } from '../platform/db/database.js';
import { type MigrationReport, migrateToLatest } from '../platform/db/migrate.js';
import type { DB } from '../platform/db/schema.js';

/**
 * Runs a command on the configured database as the service opens it: on the embedded engine the
 * data directory is first locked to this process (a running service or another command refuses
 * it with DataDirLockedError), then the database is opened and migrated. However the command
 * ends, the database is closed and the lock released.
 */
export async function withCommandDatabase<T>(
  config: Pick<Config, 'databaseUrl' | 'dataDir'>,
  command: (db: Kysely<DB>, migrations: MigrationReport) => Promise<T>,
): Promise<T> {
  const release = config.databaseUrl ? () => {} : lockDataDir(config.dataDir);
  try {
    const database = await openDatabase({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
    });
    try {
      return await command(database.db, await migrateToLatest(database.db));
    } finally {
      await database.close();
    }
  } finally {
    release();
  }
}
