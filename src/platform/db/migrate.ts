import { setTimeout as sleep } from 'node:timers/promises';
import { type Kysely, PGliteAdapter, sql } from 'kysely';
import {
  type Migration,
  type MigrationProvider,
  type MigrationResultSet,
  Migrator,
} from 'kysely/migration';
import * as directory from './migrations/0001_directory.js';
import * as membership from './migrations/0002_membership.js';
import * as circulation from './migrations/0003_circulation.js';
import * as terminals from './migrations/0004_terminals.js';
import * as loanLimits from './migrations/0005_loan_limits.js';
import * as loanHistoryIndex from './migrations/0006_loan_history_index.js';
import * as signInThrottles from './migrations/0007_sign_in_throttles.js';
import * as loanStandingGuard from './migrations/0008_loan_standing_guard.js';
import * as auditNoTruncate from './migrations/0009_audit_no_truncate.js';
import * as machinesRequirePin from './migrations/0010_machines_require_pin.js';
import * as sessionIdle from './migrations/0011_session_idle.js';
import * as privacy from './migrations/0013_privacy.js';
import * as operatorAccounts from './migrations/0020_operator_accounts.js';
import * as terminalAllowedAddresses from './migrations/0022_terminal_allowed_addresses.js';
import * as vetUpgradedPasswords from './migrations/0025_vet_upgraded_passwords.js';
import * as networkHolidays from './migrations/0027_network_holidays.js';
import * as libraryFacts from './migrations/0028_library_facts.js';
import * as bibliographicRecords from './migrations/0029_bibliographic_records.js';
import * as recordLibraryCount from './migrations/0030_record_library_count.js';
import * as notices from './migrations/0031_notices.js';
import * as recordTerms from './migrations/0032_record_terms.js';
import * as holds from './migrations/0033_holds.js';
import * as interLibraryRequests from './migrations/0034_inter_library_requests.js';
import * as holdLimits from './migrations/0035_hold_limits.js';
import * as statementChecks from './migrations/0036_statement_checks.js';
import * as loansVacuum from './migrations/0037_loans_vacuum.js';
import * as loanRenewedOn from './migrations/0038_loan_renewed_on.js';
import * as searchTokensAcrossSpaces from './migrations/0039_search_tokens_across_spaces.js';
import * as putBackCopies from './migrations/0040_put_back_copies.js';
import * as auditEventsByLibrary from './migrations/0041_audit_events_by_library.js';
import * as membersByJoinDay from './migrations/0042_members_by_join_day.js';
import * as requestsByDay from './migrations/0043_requests_by_day.js';
import * as holdsByDay from './migrations/0044_holds_by_day.js';

/**
 * A step that must not run inside a transaction: `create index concurrently` builds an index on
 * a large table (loans) without holding writes to it. Such steps run after the transactional
 * migrations, at every start until they are done: an index that exists and is valid is skipped,
 * one left invalid by an interrupted build is dropped and built again.
 */
export type ConcurrentStep = { createIndex: string; sql: string } | { dropIndex: string };

interface MigrationModule {
  statements: string[];
  /** Rows a statement cannot make (they need TypeScript), after `statements`, in the same transaction. */
  data?: (db: Kysely<unknown>) => Promise<void>;
  /** Statements after `data`. */
  finish?: string[];
  concurrently?: ConcurrentStep[];
}

/** Every migration, in order. A migration is a list of single SQL statements. */
const migrations: Record<string, MigrationModule> = {
  '0001_directory': directory,
  '0002_membership': membership,
  '0003_circulation': circulation,
  '0004_terminals': terminals,
  '0005_loan_limits': loanLimits,
  '0006_loan_history_index': loanHistoryIndex,
  '0007_sign_in_throttles': signInThrottles,
  '0008_loan_standing_guard': loanStandingGuard,
  '0009_audit_no_truncate': auditNoTruncate,
  '0010_machines_require_pin': machinesRequirePin,
  '0011_session_idle': sessionIdle,
  '0013_privacy': privacy,
  '0020_operator_accounts': operatorAccounts,
  '0022_terminal_allowed_addresses': terminalAllowedAddresses,
  '0025_vet_upgraded_passwords': vetUpgradedPasswords,
  '0027_network_holidays': networkHolidays,
  '0028_library_facts': libraryFacts,
  '0029_bibliographic_records': bibliographicRecords,
  '0030_record_library_count': recordLibraryCount,
  '0031_notices': notices,
  '0032_record_terms': recordTerms,
  '0033_holds': holds,
  '0034_inter_library_requests': interLibraryRequests,
  '0035_hold_limits': holdLimits,
  '0036_statement_checks': statementChecks,
  '0037_loans_vacuum': loansVacuum,
  '0038_loan_renewed_on': loanRenewedOn,
  '0039_search_tokens_across_spaces': searchTokensAcrossSpaces,
  '0040_put_back_copies': putBackCopies,
  '0041_audit_events_by_library': auditEventsByLibrary,
  '0042_members_by_join_day': membersByJoinDay,
  '0043_requests_by_day': requestsByDay,
  '0044_holds_by_day': holdsByDay,
};

function asMigration(migration: MigrationModule): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const statement of migration.statements) await sql.raw(statement).execute(db);
      await migration.data?.(db);
      for (const statement of migration.finish ?? []) await sql.raw(statement).execute(db);
    },
  };
}

const provider: MigrationProvider = {
  async getMigrations() {
    return Object.fromEntries(
      Object.entries(migrations).map(([name, m]) => [name, asMigration(m)]),
    );
  },
};

export interface MigrationReport {
  applied: string[];
}

/** Every process that migrates takes this PostgreSQL advisory lock first ("LO-MIGR"). */
export const MIGRATION_LOCK_KEY = 0x4c4f_4d49_4752;
const LOCK_RETRY_MS = 200;

function isEmbedded<T>(db: Kysely<T>): boolean {
  return db.getExecutor().adapter instanceof PGliteAdapter;
}

/**
 * Waits for the lock by trying it again and again rather than in one blocked statement:
 * `create index concurrently` waits for every statement running when it starts, so a process
 * blocked in `pg_advisory_lock` behind the builder would deadlock with it.
 */
async function takeMigrationLock<T>(connection: Kysely<T>): Promise<void> {
  for (;;) {
    const { rows } = await sql<{ locked: boolean }>`
      select pg_try_advisory_lock(${sql.lit(MIGRATION_LOCK_KEY)}) as locked`.execute(connection);
    if (rows[0]?.locked) return;
    await sleep(LOCK_RETRY_MS);
  }
}

/**
 * Runs `work` holding the migration lock on one connection: several processes starting at once
 * on one database wait for each other, and the first one does the work alone. The embedded
 * engine has a single connection and a data directory lock: nothing else can interleave.
 */
async function withMigrationLock<T, R>(db: Kysely<T>, work: (db: Kysely<T>) => Promise<R>) {
  if (isEmbedded(db)) return work(db);
  return db.connection().execute(async (connection) => {
    await takeMigrationLock(connection);
    try {
      return await work(connection);
    } finally {
      await sql`select pg_advisory_unlock(${sql.lit(MIGRATION_LOCK_KEY)})`.execute(connection);
    }
  });
}

async function indexState<T>(db: Kysely<T>, name: string): Promise<'valid' | 'invalid' | 'none'> {
  const { rows } = await sql<{ valid: boolean }>`
    select i.indisvalid as valid from pg_index i join pg_class c on c.oid = i.indexrelid
    where c.relname = ${name} and pg_table_is_visible(c.oid)`.execute(db);
  if (!rows[0]) return 'none';
  return rows[0].valid ? 'valid' : 'invalid';
}

async function runConcurrentStep<T>(db: Kysely<T>, step: ConcurrentStep): Promise<void> {
  // One process owns the embedded engine: nobody to let through, and no concurrent builds.
  const outsideTransaction = (statement: string) =>
    sql.raw(isEmbedded(db) ? statement.replace(/\bconcurrently\b/gi, '') : statement).execute(db);
  if ('dropIndex' in step) {
    if ((await indexState(db, step.dropIndex)) !== 'none') {
      await outsideTransaction(`drop index concurrently if exists ${step.dropIndex}`);
    }
    return;
  }
  const state = await indexState(db, step.createIndex);
  if (state === 'valid') return;
  if (state === 'invalid') {
    await outsideTransaction(`drop index concurrently if exists ${step.createIndex}`);
  }
  await outsideTransaction(step.sql);
}

async function runConcurrentSteps<T>(db: Kysely<T>, applied: Set<string>): Promise<void> {
  for (const [name, migration] of Object.entries(migrations)) {
    if (!applied.has(name)) continue;
    for (const step of migration.concurrently ?? []) await runConcurrentStep(db, step);
  }
}

async function appliedMigrations<T>(db: Kysely<T>): Promise<Set<string>> {
  const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  return new Set(rows.map((r) => r.name));
}

async function migrate<T>(
  db: Kysely<T>,
  run: (migrator: Migrator) => Promise<MigrationResultSet>,
): Promise<MigrationReport> {
  return withMigrationLock(db, async (locked) => {
    const { error, results } = await run(new Migrator({ db: locked, provider }));
    if (error) throw error;
    await runConcurrentSteps(locked, await appliedMigrations(locked));
    return {
      applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
    };
  });
}

/** Brings the schema up to date; safe to run at every start and from several processes. */
export function migrateToLatest<T>(db: Kysely<T>): Promise<MigrationReport> {
  return migrate(db, (migrator) => migrator.migrateToLatest());
}

/** Brings an empty database up to a given migration only (upgrade tests: an older release). */
export function migrateUpTo<T>(db: Kysely<T>, name: MigrationName): Promise<MigrationReport> {
  return migrate(db, (migrator) => migrator.migrateTo(name));
}

export type MigrationName = keyof typeof migrations & string;
export const MIGRATION_NAMES = Object.keys(migrations);
