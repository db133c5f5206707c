/**
 * Generates a national-scale network into a migrated database: the directory with ordinary
 * inserts, then members, cards, check-ins, items and loans through COPY, streaming (memory does
 * not grow with the scale). Secondary indexes are dropped for the load and built again after it
 * from their own definitions (unique and partial ones included, so the schema is exactly
 * `migrateToLatest`'s when the service starts); foreign keys are not checked row by row during
 * the load (session_replication_role = replica, as pg_restore does) since the rows are consistent
 * by construction.
 *
 * The loan history is a separate step (`generateHistory`) so that a copy of the database without
 * it can be made first, for the history-independence comparison.
 */
import type { Kysely } from 'kysely';
import { hashPin, hashSecret } from '../../src/platform/auth/secrets.js';
import type { DB } from '../../src/platform/db/schema.js';
import { BENCH_PASSWORD, BENCH_PIN, writeDirectory } from './network.js';
import { DayTable, Plan } from './plan.js';
import type { LoadProgress, TableLoad } from './progress.js';
import {
  CARD_COLUMNS,
  CHECK_IN_COLUMNS,
  cardRows,
  checkInRows,
  heldTitles,
  ITEM_COLUMNS,
  itemRows,
  LOAN_COLUMNS,
  MEMBER_COLUMNS,
  memberRows,
  openLoanRows,
  pastLoanRows,
  RECORD_COLUMNS,
  recordRows,
} from './rows.js';
import type { Scale } from './scale.js';
import type { CopySink } from './sink.js';

export interface Generated {
  plan: Plan;
  days: DayTable;
  openLoans: number;
}

const BASE_TABLES = [
  'members',
  'cards',
  'check_ins',
  'bib_records',
  'bib_record_terms',
  'items',
  'loans',
];

interface IndexDefinition {
  name: string;
  definition: string;
}

/** Indexes of these tables that do not back a constraint (primary keys and UNIQUE stay). */
async function secondaryIndexes(sink: CopySink, tables: string[]): Promise<IndexDefinition[]> {
  const list = tables.map((t) => `'${t}'`).join(', ');
  return sink.query<IndexDefinition>(`
    select c.relname as name, pg_get_indexdef(i.indexrelid) as definition
    from pg_index i
    join pg_class c on c.oid = i.indexrelid
    join pg_class t on t.oid = i.indrelid
    join pg_namespace n on n.oid = t.relnamespace
    where n.nspname = current_schema() and t.relname in (${list})
      and not exists (select 1 from pg_constraint k where k.conindid = i.indexrelid)
    order by c.relname`);
}

async function withoutSecondaryIndexes<T>(
  sink: CopySink,
  progress: LoadProgress,
  tables: string[],
  run: () => Promise<T>,
): Promise<T> {
  const indexes = await secondaryIndexes(sink, tables);
  for (const index of indexes) await sink.exec(`drop index ${index.name}`);
  const result = await run();
  await progress.step(
    `built ${indexes.length} indexes (${indexes.map((i) => i.name).join(', ')})`,
    async () => {
      for (const index of indexes) await sink.exec(index.definition);
    },
  );
  return result;
}

async function prepareSession(sink: CopySink): Promise<void> {
  if (sink.kind === 'postgres') {
    await sink.exec('set synchronous_commit = off');
    await sink.exec(`set maintenance_work_mem = '512MB'`);
  }
  try {
    await sink.exec('set session_replication_role = replica');
  } catch {
    // Not a superuser: foreign keys are then checked row by row (slower, same result).
  }
}

async function finish(sink: CopySink, progress: LoadProgress, tables: string[]): Promise<void> {
  // The load commits asynchronously (prepareSession), and VACUUM leaves a page out of the
  // visibility map while the commit of a row on it is not yet flushed; the WAL writer lags behind
  // a large load: one vacuum left 5% of the postings' pages so at country scale, and index-only
  // scans of a word's postings then visited the table for about half their entries. The setvals'
  // synchronous commit flushes every earlier one (they write WAL under a transaction id, where a
  // bare `txid_current()` would commit without a flush).
  if (sink.kind === 'postgres') await sink.exec('set synchronous_commit = on');
  await sink.exec(
    `select setval(pg_get_serial_sequence('members', 'id'), (select coalesce(max(id), 0) + 1 from members), false)`,
  );
  await sink.exec(
    `select setval(pg_get_serial_sequence('bib_records', 'id'), (select coalesce(max(id), 0) + 1 from bib_records), false)`,
  );
  await sink.exec(
    `select setval(pg_get_serial_sequence('items', 'id'), (select coalesce(max(id), 0) + 1 from items), false)`,
  );
  await sink.exec(
    `select setval(pg_get_serial_sequence('loans', 'id'), (select coalesce(max(id), 0) + 1 from loans), false)`,
  );
  await progress.step(`vacuum analyze ${tables.join(', ')}`, () =>
    sink.exec(`vacuum (analyze) ${tables.join(', ')}`),
  );
  // The directory (libraries, regions, accounts, rules) is written row by row, not copied: where
  // autovacuum is off (as on CI machines) it would have no statistics, and the planner, taking
  // 2,704 libraries for a handful, walked every library's entries of a title's copies (a search
  // page's holdings took 120–550 ms at country scale instead of 4–15 ms).
  await progress.step('analyze the tables without statistics', () =>
    sink.exec(`do $$ declare t text; begin
      for t in select format('%I', relname) from pg_stat_user_tables
        where last_analyze is null and last_autoanalyze is null
      loop execute 'analyze ' || t; end loop; end $$`),
  );
}

/**
 * The catalogue's postings, which the records' triggers keep when triggers are on: one INSERT …
 * SELECT from the loaded records (as migration 0032 fills them), the primary key built after it.
 */
async function fillRecordTerms(sink: CopySink): Promise<void> {
  await sink.exec('alter table bib_record_terms drop constraint bib_record_terms_pkey');
  await sink.exec(`insert into bib_record_terms (term, library_count, record_id)
    select t.term, b.library_count, b.id
    from bib_records b cross join lateral (select distinct unnest(b.search_tokens) as term) t
    where b.library_count > 0`);
  await sink.exec('alter table bib_record_terms add primary key (term, library_count, record_id)');
}

/** Everything but the loan history: directory, accounts, members, cards, check-ins, items, today's loans. */
export async function generateBase(
  db: Kysely<DB>,
  sink: CopySink,
  scale: Scale,
  progress: LoadProgress,
): Promise<Generated> {
  const [passwordHash, pinHash] = await Promise.all([
    hashSecret(BENCH_PASSWORD),
    hashPin(BENCH_PIN),
  ]);
  const libraries = await progress.step(
    `directory: ${scale.libraries.toLocaleString('en-US')} libraries, desks and terminals`,
    () => writeDirectory(db, scale.libraries, passwordHash),
  );
  const plan = new Plan(scale, libraries);
  const days = new DayTable();
  const secrets = { memberPasswordHash: passwordHash, memberPinHash: pinHash };
  await prepareSession(sink);
  const count = { made: 0 };
  await withoutSecondaryIndexes(sink, progress, BASE_TABLES, async () => {
    await progress.track('members', scale.members, (tick) =>
      sink.copy('members', MEMBER_COLUMNS, memberRows(plan, days, secrets), tick),
    );
    await progress.track('cards', Math.round(scale.members * 0.98), (tick) =>
      sink.copy('cards', CARD_COLUMNS, cardRows(plan, days), tick),
    );
    await progress.track('check_ins', Math.round(scale.members * 0.35), (tick) =>
      sink.copy('check_ins', CHECK_IN_COLUMNS, checkInRows(plan, days), tick),
    );
    const held = heldTitles(plan);
    const records = held.reduce((sum, h) => sum + (h > 0 ? 1 : 0), 0);
    await progress.track('bib_records', records, (tick) =>
      sink.copy('bib_records', RECORD_COLUMNS, recordRows(plan, held), tick),
    );
    await progress.track('items', scale.items, (tick) =>
      sink.copy('items', ITEM_COLUMNS, itemRows(plan), tick),
    );
    await progress.track('open loans', scale.openLoans, (tick) =>
      sink.copy('loans', LOAN_COLUMNS, openLoanRows(plan, days, count), tick),
    );
  });
  await progress.step('bib_record_terms from the records (the postings, migration 0032)', () =>
    fillRecordTerms(sink),
  );
  await finish(sink, progress, BASE_TABLES);
  return { plan, days, openLoans: count.made };
}

/** The loan history (`scale.pastLoans` returned loans), after the base. */
export async function generateHistory(
  sink: CopySink,
  generated: Generated,
  progress: LoadProgress,
): Promise<TableLoad> {
  const { plan, days, openLoans } = generated;
  await prepareSession(sink);
  const load = await withoutSecondaryIndexes(sink, progress, ['loans'], () =>
    progress.track('past loans', plan.scale.pastLoans, (tick) =>
      sink.copy('loans', LOAN_COLUMNS, pastLoanRows(plan, days, openLoans), tick),
    ),
  );
  await finish(sink, progress, ['loans']);
  return load;
}
