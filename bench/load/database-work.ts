/**
 * What PostgreSQL did for a phase, counted by the server itself: commits, write transactions,
 * WAL records and bytes, buffers read, rows written. Unlike CPU times these do not drift with the
 * host's load: they say what a checkout+return asks of the database, beside what a pgbench
 * transaction asks, in the same run.
 */
import { setTimeout as delay } from 'node:timers/promises';
import type pg from 'pg';
import { withServer } from '../safety.js';
import type { PhaseSummary } from './stats.js';

/** The server's running totals (every database of the cluster). */
export interface DatabaseTotals {
  commits: number;
  /** Transaction ids handed out: transactions that wrote. */
  writeTransactions: number;
  walRecords: number;
  walBytes: number;
  /** Pages found in shared buffers plus pages read from the OS. */
  buffers: number;
  rowsWritten: number;
}

/** A phase's totals per unit of work (a checkout+return, a pgbench transaction). */
export type DatabaseWork = DatabaseTotals & { units: number };

/**
 * How long a backend that went idle may keep its counts before it adds them to the shared
 * statistics (PostgreSQL's PGSTAT_IDLE_INTERVAL, 10 s, plus a margin): the totals read after a
 * phase wait for it, so that the phase's last second is not counted in the next one.
 */
const STATISTICS_SETTLE_MS = 11_000;

const TOTALS = `
  select (select sum(xact_commit) from pg_stat_database)::float8 as commits,
         pg_snapshot_xmax(pg_current_snapshot())::text::float8 as next_xid,
         w.wal_records::float8 as wal_records, w.wal_bytes::float8 as wal_bytes,
         (select sum(blks_hit + blks_read) from pg_stat_database)::float8 as buffers,
         (select sum(tup_inserted + tup_updated + tup_deleted) from pg_stat_database)::float8 as rows_written
    from pg_stat_wal w`;

export async function databaseTotals(client: pg.Client): Promise<DatabaseTotals> {
  const { rows } = await client.query(TOTALS);
  const row = rows[0] as Record<string, number>;
  return {
    commits: row.commits!,
    writeTransactions: row.next_xid!,
    walRecords: row.wal_records!,
    walBytes: row.wal_bytes!,
    buffers: row.buffers!,
    rowsWritten: row.rows_written!,
  };
}

/** The totals now; after a phase of the service (whose connections stay open), once they settled. */
export async function readDatabaseTotals(
  serverUrl: string,
  { settle = false } = {},
): Promise<DatabaseTotals> {
  if (settle) await delay(STATISTICS_SETTLE_MS);
  return withServer(serverUrl, databaseTotals);
}

/** Every checkout+return a phase completed, its warm-up's included (the totals cover it too). */
export function pairsOverPhase(phase: PhaseSummary): number {
  return (phase.pairsEachSecond?.counts ?? []).reduce((sum, count) => sum + count, 0);
}

/** The difference of two readings, divided by the units of work done between them. */
export function databaseWorkPerUnit(
  before: DatabaseTotals,
  after: DatabaseTotals,
  units: number,
): DatabaseWork | null {
  if (units <= 0) return null;
  const per = (key: keyof DatabaseTotals) =>
    Math.round(((after[key] - before[key]) / units) * 100) / 100;
  return {
    units,
    commits: per('commits'),
    writeTransactions: per('writeTransactions'),
    walRecords: per('walRecords'),
    walBytes: per('walBytes'),
    buffers: per('buffers'),
    rowsWritten: per('rowsWritten'),
  };
}
