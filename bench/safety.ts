/**
 * The bench's own databases, and nothing else. A bench database is created by `createBenchDatabase`
 * with a fixed name prefix, a comment on the database and a marker table inside it that carry the
 * same random token. Loading data into a database, copying it or dropping it first checks all
 * three (`assertBenchDatabase`): a mistyped URL can never make the bench wipe a library's data.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const BENCH_PREFIX = 'library_one_bench_';
export const MARKER_TABLE = 'library_one_bench_marker';
const COMMENT_PREFIX = 'library-one-bench:';
const NAME_PATTERN = /^library_one_bench_[a-z0-9_]{1,40}$/;

export class BenchSafetyError extends Error {
  override name = 'BenchSafetyError';
}

/** The server URL with another database name. */
export function databaseUrlFor(serverUrl: string, database: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

async function withClient<T>(url: string, run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  client.on('error', () => {});
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end().catch(() => {});
  }
}

export function benchDatabaseName(purpose: string): string {
  const clean = purpose
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .slice(0, 16);
  return `${BENCH_PREFIX}${clean}_${randomBytes(5).toString('hex')}`;
}

function checkName(name: string): void {
  if (!NAME_PATTERN.test(name)) {
    throw new BenchSafetyError(
      `refusing to touch database "${name}": bench databases are named ${BENCH_PREFIX}<purpose>_<random>`,
    );
  }
}

/** Writes the comment and the marker row that make `name` a bench database. */
async function mark(serverUrl: string, name: string): Promise<string> {
  const token = randomBytes(16).toString('hex');
  await withClient(serverUrl, (c) =>
    c.query(`comment on database ${name} is '${COMMENT_PREFIX}${token}'`),
  );
  await withClient(databaseUrlFor(serverUrl, name), async (c) => {
    await c.query(
      `create table if not exists ${MARKER_TABLE} (database text not null, token text not null, created_at timestamptz not null default now())`,
    );
    await c.query(`delete from ${MARKER_TABLE}`);
    await c.query(`insert into ${MARKER_TABLE} (database, token) values ($1, $2)`, [name, token]);
  });
  return token;
}

/** Creates an empty database for the bench (or a copy of another bench database) and marks it. */
export async function createBenchDatabase(
  serverUrl: string,
  purpose: string,
  options: { template?: string } = {},
): Promise<string> {
  const name = benchDatabaseName(purpose);
  checkName(name);
  if (options.template) await assertBenchDatabase(serverUrl, options.template);
  await withClient(serverUrl, async (c) => {
    const exists = await c.query('select 1 from pg_database where datname = $1', [name]);
    if (exists.rowCount) throw new BenchSafetyError(`database ${name} already exists`);
    await c.query(
      `create database ${name}${options.template ? ` template ${options.template}` : ''}`,
    );
  });
  await mark(serverUrl, name);
  return name;
}

/**
 * Throws unless `name` is a database this bench created: the prefix, the comment's token and the
 * marker table's row (naming this very database) must all agree.
 */
export async function assertBenchDatabase(serverUrl: string, name: string): Promise<void> {
  checkName(name);
  const comment = await withClient(serverUrl, async (c) => {
    const { rows } = await c.query<{ comment: string | null }>(
      `select shobj_description(oid, 'pg_database') as comment from pg_database where datname = $1`,
      [name],
    );
    if (rows.length === 0) throw new BenchSafetyError(`database ${name} does not exist`);
    return rows[0]!.comment;
  });
  if (!comment?.startsWith(COMMENT_PREFIX)) {
    throw new BenchSafetyError(
      `refusing to touch database ${name}: it has no bench marker comment`,
    );
  }
  const token = comment.slice(COMMENT_PREFIX.length);
  await withClient(databaseUrlFor(serverUrl, name), async (c) => {
    const table = await c.query('select to_regclass($1) as t', [MARKER_TABLE]);
    if (!table.rows[0]?.t) {
      throw new BenchSafetyError(`refusing to touch database ${name}: no ${MARKER_TABLE} table`);
    }
    const { rows } = await c.query<{ database: string; token: string }>(
      `select database, token from ${MARKER_TABLE}`,
    );
    if (rows.length !== 1 || rows[0]!.database !== name || rows[0]!.token !== token) {
      throw new BenchSafetyError(
        `refusing to touch database ${name}: its marker does not match the one the bench wrote`,
      );
    }
  });
}

/** Drops a bench database after checking that the bench created it. */
export async function dropBenchDatabase(serverUrl: string, name: string): Promise<void> {
  await assertBenchDatabase(serverUrl, name);
  await withClient(serverUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
}

/** Bench databases left by a run that was killed (each checked before it is dropped). */
export async function leftoverBenchDatabases(serverUrl: string): Promise<string[]> {
  return withClient(serverUrl, async (c) => {
    const { rows } = await c.query<{ datname: string }>(
      `select datname from pg_database where datname like 'library\\_one\\_bench\\_%' order by 1`,
    );
    return rows.map((r) => r.datname);
  });
}

/** Runs SQL on the server's administrative connection (never inside a bench database). */
export function withServer<T>(serverUrl: string, run: (client: pg.Client) => Promise<T>) {
  return withClient(serverUrl, run);
}
