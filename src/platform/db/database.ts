import { PGlite } from '@electric-sql/pglite';
import { type Driver, Kysely, PGliteDialect, PostgresDialect } from 'kysely';
import pg from 'pg';
import { parseIntoClientConfig } from 'pg-connection-string';
import { withCommitGuards } from './commit-guard.js';
import { preparingPool } from './prepared.js';
import { preparingPGlite } from './prepared-embedded.js';
import type { DB } from './schema.js';
import { withTrafficCount } from './traffic.js';

export type DatabaseKind = 'embedded' | 'postgres';

export interface Database {
  db: Kysely<DB>;
  kind: DatabaseKind;
  close(): Promise<void>;
  /** Connections of the pool to a server (none for the embedded engine). */
  poolStats?: () => { total: number; idle: number; waiting: number };
  /** Tells `observe` how long each query waited for a free connection (server pool only). */
  watchPoolWait?: (observe: (seconds: number) => void) => void;
  /**
   * A driver on this server's own pool for a second Kysely (the read router of
   * READ_DATABASE_URL, platform/db/read-replica.ts); destroying it leaves the pool open.
   */
  sharedDriver?: () => Driver;
}

export interface DatabaseOptions {
  /** A PostgreSQL server; when absent the embedded engine is used. */
  databaseUrl?: string | undefined;
  /** Where the embedded engine keeps its files; `memory://` keeps nothing. */
  dataDir?: string;
  /**
   * A data directory dumped by PGlite's `dumpDataDir`, to start the embedded engine from instead
   * of an empty cluster (the tests' migrated template: test/support/database.ts).
   */
  loadDataDir?: Blob;
  /** Connections to the PostgreSQL server. */
  poolSize?: number;
}

/**
 * Every connection of the service ends a statement that runs longer than this, and a transaction
 * left idle this long (a stuck request must not hold locks or a connection for ever). Each request
 * then gets a 503. Migrations use the same connections: keep each migration statement shorter.
 */
export const STATEMENT_TIMEOUT_MS = 30_000;
export const IDLE_IN_TRANSACTION_TIMEOUT_MS = 60_000;

const OID = { INT8: 20, DATE: 1082 } as const;

/** Both drivers return DATE as `YYYY-MM-DD` and BIGINT as a JavaScript number. */
function parseBigint(value: string): number {
  const parsed = Number(value);
  if (!Number.isSafeInteger(parsed))
    throw new RangeError(`BIGINT ${value} is out of the safe range`);
  return parsed;
}
const keepAsText = (value: string): string => value;

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl, options.poolSize ?? 10);
  return openEmbedded(options.dataDir ?? 'memory://', options.loadDataDir);
}

/**
 * A pool of connections to a PostgreSQL server with the service's settings: the timeouts, the
 * parsers, and errors of a lost server never crashing the process.
 */
export function openPool(connectionString: string, max: number, connectionTimeoutMillis = 5_000) {
  const fromUrl = parseIntoClientConfig(connectionString);
  const pool = new pg.Pool({
    max,
    // A request waits at most this long for a connection, then gets a 503 (never hangs).
    connectionTimeoutMillis,
    statement_timeout: STATEMENT_TIMEOUT_MS,
    idle_in_transaction_session_timeout: IDLE_IN_TRANSACTION_TIMEOUT_MS,
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (oid === OID.INT8) return parseBigint;
        if (oid === OID.DATE) return keepAsText;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
    // What the URL says wins, as it would in pg's own reading of a connection string…
    ...fromUrl,
    // …but its `options=-c …` come after the service's instead of replacing them. No JIT
    // compilation: the service's statements are short, and one whose estimated cost crossed
    // jit_above_cost (a signed-in member's catalogue page at country scale) spent 115 ms
    // compiling itself for every execution, to run in 17.
    options: ['-c jit=off', fromUrl.options].filter(Boolean).join(' '),
  });
  // A client losing its server must not crash the process, idle (the pool's 'error') or checked
  // out between two queries (its own 'error', which nothing else listens to); the next query on it
  // fails and the pool drops it.
  pool.on('error', () => {});
  pool.on('connect', (client) => client.on('error', () => {}));
  return pool;
}

function openPostgres(connectionString: string, max: number): Database {
  const pool = openPool(connectionString, max);
  let observeWait = (_seconds: number) => {};
  const preparing = preparingPool(pool as never, (seconds) => observeWait(seconds));
  const dialect = new PostgresDialect({ pool: preparing });
  const db = new Kysely<DB>({ dialect: withCommitGuards(withTrafficCount(dialect)) });
  return {
    db,
    kind: 'postgres',
    close: () => db.destroy(),
    sharedDriver: () => {
      const driver = new PostgresDialect({ pool: preparing }).createDriver();
      return {
        init: (options) => driver.init(options),
        acquireConnection: (options) => driver.acquireConnection(options),
        beginTransaction: (connection, settings) => driver.beginTransaction(connection, settings),
        commitTransaction: (connection) => driver.commitTransaction(connection),
        rollbackTransaction: (connection) => driver.rollbackTransaction(connection),
        releaseConnection: (connection) => driver.releaseConnection(connection),
        // The pool is the primary's: its own Kysely ends it.
        destroy: async () => {},
      };
    },
    poolStats: () => ({
      total: pool.totalCount,
      idle: pool.idleCount,
      waiting: pool.waitingCount,
    }),
    watchPoolWait: (observe) => {
      observeWait = observe;
    },
  };
}

async function openEmbedded(dataDir: string, loadDataDir?: Blob): Promise<Database> {
  const pglite = await PGlite.create({
    dataDir,
    ...(loadDataDir ? { loadDataDir } : {}),
    parsers: { [OID.INT8]: parseBigint, [OID.DATE]: keepAsText },
  });
  await pglite.exec(
    `set statement_timeout = ${STATEMENT_TIMEOUT_MS};
     set idle_in_transaction_session_timeout = ${IDLE_IN_TRANSACTION_TIMEOUT_MS};
     set jit = off`, // PGlite has no JIT compiler: said for the same settings as on a server
  );
  const dialect = new PGliteDialect({ pglite: preparingPGlite(pglite) });
  const db = new Kysely<DB>({ dialect: withCommitGuards(withTrafficCount(dialect)) });
  return { db, kind: 'embedded', close: () => db.destroy() };
}
