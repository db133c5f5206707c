import { type Kysely, sql, type Transaction } from 'kysely';

/**
 * Copies every table of one Library One database into another of the same schema (both migrated
 * to the latest version), rows and identifiers unchanged: the embedded database into a PostgreSQL
 * server, or back. The source is read in one repeatable-read transaction (a consistent snapshot),
 * the target written in one transaction (all or nothing). Tables go parents first; a foreign key
 * that closes a cycle (a member's suspension cites a loan, a region its parent) is filled in after
 * every row is in. Identity sequences are moved past the highest copied id.
 */

/**
 * Not copied: the migrations' own tables, and tables the target's triggers derive from the rows
 * copied (the catalogue's postings, migration 0032, made as the records arrive).
 */
const SKIPPED = new Set(['kysely_migration', 'kysely_migration_lock', 'bib_record_terms']);
/** Tables a migration fills with defaults: replaced by the source's rows. */
const FILLED_BY_MIGRATIONS = new Set(['network_rules', 'network_holidays', 'notice_settings']);
const BATCH_ROWS = 2_000;

interface ForeignKey {
  table: string;
  column: string;
  parent: string;
  nullable: boolean;
}

interface TablePlan {
  table: string;
  columns: string[];
  primaryKey: string[];
  /** Copied as NULL first, set once every table is in. */
  deferred: string[];
  identity: string[];
}

export interface CopyReport {
  tables: { table: string; rows: number }[];
  rows: number;
}

export class TargetNotEmptyError extends Error {
  constructor(tables: string[]) {
    super(
      `The target database already holds data (${tables.join(', ')}). Copy only into a new, empty database.`,
    );
    this.name = 'TargetNotEmptyError';
  }
}

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function tablesOf(db: Kysely<unknown> | Transaction<unknown>): Promise<string[]> {
  const { rows } = await sql<{ table_name: string }>`
    select table_name from information_schema.tables
    where table_schema = 'public' and table_type = 'BASE TABLE' order by table_name`.execute(db);
  return rows.map((r) => r.table_name).filter((t) => !SKIPPED.has(t));
}

async function columnsOf(db: Kysely<unknown> | Transaction<unknown>, table: string) {
  const { rows } = await sql<{ column_name: string; is_nullable: string; is_identity: string }>`
    select column_name, is_nullable, is_identity from information_schema.columns
    where table_schema = 'public' and table_name = ${table} order by ordinal_position`.execute(db);
  return rows;
}

async function primaryKeyOf(db: Kysely<unknown> | Transaction<unknown>, table: string) {
  const { rows } = await sql<{ column_name: string }>`
    select a.attname as column_name
    from pg_index i
    join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
    where i.indrelid = (quote_ident('public') || '.' || quote_ident(${table}))::regclass
      and i.indisprimary
    order by array_position(i.indkey, a.attnum)`.execute(db);
  return rows.map((r) => r.column_name);
}

async function foreignKeysOf(db: Kysely<unknown> | Transaction<unknown>): Promise<ForeignKey[]> {
  const { rows } = await sql<{ child: string; column: string; parent: string; nullable: boolean }>`
    select c.conrelid::regclass::text as child, a.attname as column,
           c.confrelid::regclass::text as parent, not a.attnotnull as nullable
    from pg_constraint c
    join pg_attribute a on a.attrelid = c.conrelid and a.attnum = any(c.conkey)
    where c.contype = 'f' and c.connamespace = 'public'::regnamespace`.execute(db);
  const bare = (name: string) => name.replace(/^public\./, '').replaceAll('"', '');
  return rows.map((r) => ({
    table: bare(r.child),
    column: r.column,
    parent: bare(r.parent),
    nullable: r.nullable,
  }));
}

/** Parents first; foreign keys that would need a child before its parent are deferred. */
function orderTables(tables: string[], keys: ForeignKey[]) {
  const deferred = new Map<string, Set<string>>(tables.map((t) => [t, new Set<string>()]));
  for (const key of keys) if (key.table === key.parent) deferred.get(key.table)!.add(key.column);
  const placed: string[] = [];
  const remaining = new Set(tables);
  const waitsFor = (table: string) =>
    keys.filter(
      (k) =>
        k.table === table &&
        k.parent !== table &&
        remaining.has(k.parent) &&
        !deferred.get(table)!.has(k.column),
    );
  while (remaining.size > 0) {
    const ready = [...remaining].find((t) => waitsFor(t).length === 0);
    if (ready) {
      placed.push(ready);
      remaining.delete(ready);
      continue;
    }
    // A cycle: defer the nullable keys of a table whose every blocking key is nullable, the one
    // with the fewest (members' suspension loan, not every key of a request that cites a loan:
    // a row copied with its keys in place meets its table's checks and triggers as it was made).
    const breakable = [...remaining]
      .filter((t) => waitsFor(t).every((k) => k.nullable))
      .sort((a, b) => waitsFor(a).length - waitsFor(b).length)[0];
    if (!breakable) throw new Error(`cannot order tables: ${[...remaining].join(', ')}`);
    for (const k of waitsFor(breakable)) deferred.get(breakable)!.add(k.column);
  }
  return { order: placed, deferred };
}

async function plan(db: Kysely<unknown> | Transaction<unknown>): Promise<TablePlan[]> {
  const tables = await tablesOf(db);
  const { order, deferred } = orderTables(tables, await foreignKeysOf(db));
  const plans: TablePlan[] = [];
  for (const table of order) {
    const columns = await columnsOf(db, table);
    plans.push({
      table,
      columns: columns.map((c) => c.column_name),
      primaryKey: await primaryKeyOf(db, table),
      deferred: [...deferred.get(table)!],
      identity: columns.filter((c) => c.is_identity === 'YES').map((c) => c.column_name),
    });
  }
  return plans;
}

/** Reads a query's rows as JSON batches through a cursor (inside the caller's transaction). */
async function* batches(tx: Transaction<unknown>, query: string): AsyncGenerator<string> {
  const cursor = `copy_${Math.random().toString(36).slice(2, 10)}`;
  await sql.raw(`declare ${cursor} no scroll cursor for ${query}`).execute(tx);
  try {
    for (;;) {
      const { rows } = await sql
        .raw<{ r: string }>(`fetch ${BATCH_ROWS} from ${cursor}`)
        .execute(tx);
      if (rows.length === 0) return;
      yield `[${rows.map((row) => row.r).join(',')}]`;
      if (rows.length < BATCH_ROWS) return;
    }
  } finally {
    await sql.raw(`close ${cursor}`).execute(tx);
  }
}

/** The names of the tables of `db` that hold rows (the migration tables aside). */
export async function nonEmptyTables<T>(anyDb: Kysely<T>): Promise<string[]> {
  const db = anyDb as unknown as Kysely<unknown>;
  const found: string[] = [];
  for (const table of await tablesOf(db)) {
    const { rows } = await sql
      .raw<{ any: boolean }>(`select exists (select 1 from ${quote(table)}) as any`)
      .execute(db);
    if (rows[0]?.any) found.push(table);
  }
  return found;
}

export async function copyDatabase<S, T>(
  sourceDb: Kysely<S>,
  targetDb: Kysely<T>,
  onTable: (table: string, rows: number) => void = () => {},
): Promise<CopyReport> {
  const source = sourceDb as unknown as Kysely<unknown>;
  const target = targetDb as unknown as Kysely<unknown>;
  const busy = (await nonEmptyTables(target)).filter((t) => !FILLED_BY_MIGRATIONS.has(t));
  if (busy.length > 0) throw new TargetNotEmptyError(busy);
  return source
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (from) => {
      const plans = await plan(from);
      const targetTables = await tablesOf(target);
      const missing = plans.map((p) => p.table).filter((t) => !targetTables.includes(t));
      if (missing.length > 0) {
        throw new Error(`the target lacks tables ${missing.join(', ')}: migrate it first`);
      }
      return target.transaction().execute(async (to) => {
        // Rows already checked where they were made: the triggers that guard live writes (a loan
        // of a copy only through its request) let them in; the derived ones still run.
        await sql`select set_config('library_one.copying', 'on', true)`.execute(to);
        const report: CopyReport = { tables: [], rows: 0 };
        for (const table of FILLED_BY_MIGRATIONS) {
          if (plans.some((p) => p.table === table))
            await sql.raw(`delete from ${quote(table)}`).execute(to);
        }
        for (const p of plans) {
          const t = quote(p.table);
          const list = p.columns.map(quote).join(', ');
          const values = p.columns
            .map((c) => (p.deferred.includes(c) ? `null` : `x.${quote(c)}`))
            .join(', ');
          const order =
            p.primaryKey.length > 0 ? ` order by ${p.primaryKey.map(quote).join(', ')}` : '';
          let rows = 0;
          for await (const json of batches(
            from,
            `select row_to_json(t)::text as r from ${t} t${order}`,
          )) {
            const inserted = await sql`${sql.raw(
              `insert into ${t} (${list}) overriding system value select ${values} from json_populate_recordset(null::${t}, `,
            )}${json}::json) x`.execute(to);
            rows += Number(inserted.numAffectedRows ?? 0n);
          }
          report.tables.push({ table: p.table, rows });
          report.rows += rows;
          onTable(p.table, rows);
        }
        for (const p of plans.filter((q) => q.deferred.length > 0)) {
          const t = quote(p.table);
          const keys = p.primaryKey.map((k) => `t.${quote(k)} = x.${quote(k)}`).join(' and ');
          const set = p.deferred.map((c) => `${quote(c)} = x.${quote(c)}`).join(', ');
          const some = p.deferred.map((c) => `${quote(c)} is not null`).join(' or ');
          const pick = [...p.primaryKey, ...p.deferred].map(quote).join(', ');
          const query = `select row_to_json(s)::text as r from (select ${pick} from ${t} where ${some}) s`;
          for await (const json of batches(from, query)) {
            await sql`${sql.raw(`update ${t} t set ${set} from json_populate_recordset(null::${t}, `)}${json}::json) x where ${sql.raw(keys)}`.execute(
              to,
            );
          }
        }
        for (const p of plans) {
          for (const column of p.identity) {
            const t = quote(p.table);
            await sql
              .raw(
                `select setval(pg_get_serial_sequence('${t}', '${column}'), coalesce((select max(${quote(column)}) from ${t}), 0) + 1, false)`,
              )
              .execute(to);
          }
        }
        return report;
      });
    });
}

/** Every row of every table, in primary-key order, as JSON text: equal databases give equal dumps. */
export async function snapshotRows<T>(anyDb: Kysely<T>): Promise<Record<string, string[]>> {
  const db = anyDb as unknown as Kysely<unknown>;
  return db.transaction().execute(async (tx) => {
    await sql`set local time zone 'UTC'`.execute(tx);
    const snapshot: Record<string, string[]> = {};
    for (const table of await tablesOf(tx)) {
      const keys = await primaryKeyOf(tx, table);
      const order = keys.length > 0 ? ` order by ${keys.map(quote).join(', ')}` : ' order by 1';
      const { rows } = await sql
        .raw<{ r: string }>(`select row_to_json(t)::text as r from ${quote(table)} t${order}`)
        .execute(tx);
      snapshot[table] = rows.map((row) => row.r);
    }
    return snapshot;
  });
}
