import { type Kysely, sql } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import * as directory from './migrations/0001_directory.js';
import * as membership from './migrations/0002_membership.js';
import * as circulation from './migrations/0003_circulation.js';
import * as terminals from './migrations/0004_terminals.js';
import * as loanLimits from './migrations/0005_loan_limits.js';
import * as loanHistoryIndex from './migrations/0006_loan_history_index.js';
import * as operatorAccounts from './migrations/0020_operator_accounts.js';

/** Every migration, in order. A migration is a list of single SQL statements. */
const migrations: Record<string, { statements: string[] }> = {
  '0001_directory': directory,
  '0002_membership': membership,
  '0003_circulation': circulation,
  '0004_terminals': terminals,
  '0005_loan_limits': loanLimits,
  '0006_loan_history_index': loanHistoryIndex,
  '0020_operator_accounts': operatorAccounts,
};

function asMigration(statements: string[]): Migration {
  return {
    async up(db: Kysely<unknown>) {
      for (const statement of statements) await sql.raw(statement).execute(db);
    },
  };
}

const provider: MigrationProvider = {
  async getMigrations() {
    return Object.fromEntries(
      Object.entries(migrations).map(([name, m]) => [name, asMigration(m.statements)]),
    );
  },
};

export interface MigrationReport {
  applied: string[];
}

/** Brings the schema up to date; safe to run at every start and from several processes. */
export async function migrateToLatest<T>(db: Kysely<T>): Promise<MigrationReport> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error;
  return {
    applied: (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName),
  };
}
