import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'kysely';
import { loadConfig } from '../platform/config.js';
import { lockDataDir } from '../platform/db/data-dir-lock.js';
import { openDatabase } from '../platform/db/database.js';
import { migrateToLatest } from '../platform/db/migrate.js';
import { type CopyReport, copyDatabase } from './copy-database.js';

/**
 * Backups of the embedded database (`backup`, `restore`) and its move into a PostgreSQL server
 * (`copy-to-postgres`). A PostgreSQL server is backed up with its own tools (pg_dump -Fc,
 * pg_restore): see README "Backups".
 */

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

function refuseServer(databaseUrl: string | undefined, what: string) {
  if (databaseUrl) {
    throw new BackupError(
      `${what} is for the embedded database; with DATABASE_URL set, use pg_dump -Fc and pg_restore (see README "Backups").`,
    );
  }
}

/** An embedded data directory holds a database once PostgreSQL's PG_VERSION file is there. */
export function holdsDatabase(dataDir: string): boolean {
  return fs.existsSync(path.join(dataDir, 'PG_VERSION'));
}

/**
 * Writes the embedded database in `dataDir` to `file` (a gzipped tarball of its files). The data
 * directory is locked meanwhile: a running service must be stopped first (it holds the lock).
 */
export async function backupEmbedded(dataDir: string, file: string): Promise<{ bytes: number }> {
  if (!holdsDatabase(dataDir)) throw new BackupError(`There is no database in ${dataDir}.`);
  const release = lockDataDir(dataDir);
  try {
    const pglite = await PGlite.create({ dataDir });
    try {
      const dump = await pglite.dumpDataDir('gzip');
      const bytes = Buffer.from(await dump.arrayBuffer());
      const partial = `${file}.partial`;
      fs.writeFileSync(partial, bytes);
      fs.renameSync(partial, file);
      return { bytes: bytes.length };
    } finally {
      await pglite.close();
    }
  } finally {
    release();
  }
}

/**
 * Restores a backup made by `backupEmbedded` into `dataDir`, which must hold no database yet;
 * then brings its schema up to date (a backup of an older version is migrated).
 */
export async function restoreEmbedded(file: string, dataDir: string): Promise<void> {
  if (!fs.existsSync(file)) throw new BackupError(`There is no file ${file}.`);
  if (holdsDatabase(dataDir)) {
    throw new BackupError(
      `${dataDir} already holds a database; restore into a new, empty DATA_DIR (or move the old one away).`,
    );
  }
  const release = lockDataDir(dataDir);
  try {
    const blob = new Blob([fs.readFileSync(file)]);
    const pglite = await PGlite.create({ dataDir, loadDataDir: blob });
    await pglite.close();
    const database = await openDatabase({ dataDir });
    try {
      await sql`select 1`.execute(database.db);
      await migrateToLatest(database.db);
    } finally {
      await database.close();
    }
  } finally {
    release();
  }
}

/**
 * Copies the embedded database in `dataDir` into the PostgreSQL database at `databaseUrl` (which
 * must be empty; it is migrated first), rows and identifiers unchanged.
 */
export async function copyEmbeddedToPostgres(
  dataDir: string,
  databaseUrl: string,
  onTable?: (table: string, rows: number) => void,
): Promise<CopyReport> {
  if (!holdsDatabase(dataDir)) throw new BackupError(`There is no database in ${dataDir}.`);
  const release = lockDataDir(dataDir);
  try {
    const source = await openDatabase({ dataDir });
    try {
      await migrateToLatest(source.db);
      const target = await openDatabase({ databaseUrl, poolSize: 2 });
      try {
        await migrateToLatest(target.db);
        return await copyDatabase(source.db, target.db, onTable);
      } finally {
        await target.close();
      }
    } finally {
      await source.close();
    }
  } finally {
    release();
  }
}

export async function backupCommand(file: string) {
  const config = loadConfig();
  refuseServer(config.databaseUrl, 'backup');
  const { bytes } = await backupEmbedded(config.dataDir, path.resolve(file));
  console.log(`Backed up ${config.dataDir} to ${file} (${(bytes / 1024).toFixed(0)} KiB).`);
}

export async function restoreCommand(file: string) {
  const config = loadConfig();
  refuseServer(config.databaseUrl, 'restore');
  await restoreEmbedded(path.resolve(file), config.dataDir);
  console.log(`Restored ${file} into ${config.dataDir}.`);
}

export async function copyToPostgresCommand(databaseUrl: string) {
  const config = loadConfig({ ...process.env, DATABASE_URL: databaseUrl });
  const report = await copyEmbeddedToPostgres(config.dataDir, databaseUrl, (table, rows) =>
    console.log(`  ${table}: ${rows} rows`),
  );
  console.log(
    `Copied ${report.rows} rows in ${report.tables.length} tables from ${config.dataDir} to the PostgreSQL server. Start with DATABASE_URL set to it.`,
  );
}
