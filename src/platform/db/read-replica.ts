import {
  type CompiledQuery,
  type DatabaseConnection,
  type Driver,
  Kysely,
  PostgresDialect,
  type QueryResult,
  sql,
} from 'kysely';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { type Database, openPool } from './database.js';
import { preparingPool } from './prepared.js';
import type { DB } from './schema.js';
import { withTrafficCount } from './traffic.js';

/**
 * READ_DATABASE_URL (docs/decisions.md, "Reads on a streaming replica"): the public reads that
 * never write (catalogue search, library directory) go to a streaming replica while it is
 * reachable and its replay lag is within READ_MAX_LAG_SECONDS; otherwise they go to the primary,
 * and come back to the replica once a health check finds it well again. The health check runs
 * in the background every few seconds, never per request. A read that fails because the replica
 * went away (or a recovery conflict cancelled it) is sent again to the primary at once.
 */

/** Why the reads go to the primary now; `ok` when they go to the replica. */
export type ReplicaReason = 'ok' | 'not_checked' | 'lagging' | 'unreachable';
/** Why one read went to the primary: the replica set aside, or a read it had cancelled. */
export type FallbackReason = Exclude<ReplicaReason, 'ok'> | 'conflict';

export interface ReadReplicaStatus {
  /** The public reads go to the replica now. */
  inUse: boolean;
  reason: ReplicaReason;
  /** Replay lag at the last check (seconds; null until one succeeded). */
  lagSeconds: number | null;
  /** When the last check ran (the service's clock). */
  checkedAt: string | null;
}

export interface ReadReplica {
  /** The reads' database: the replica, or the primary when the replica is set aside. */
  db: Kysely<DB>;
  status(): ReadReplicaStatus;
  /** One health check now (checks run one at a time); the status it leaves. */
  check(): Promise<ReadReplicaStatus>;
  /** Health checks every `intervalMs` in the background until `close`. */
  start(intervalMs?: number): void;
  /** Each read the primary answered instead of the replica, by reason. */
  onFallback(count: (reason: FallbackReason) => void): void;
  close(): Promise<void>;
}

/** How often a running service checks the replica (docs/deploy.md). */
export const REPLICA_CHECK_INTERVAL_MS = 5_000;

/** `16/B374D848` → a number that orders as the WAL does. */
export function parseLsn(lsn: string): bigint {
  const [high = '0', low = '0'] = lsn.split('/');
  return (BigInt(`0x${high}`) << 32n) + BigInt(`0x${low}`);
}

/**
 * Replay lag as the age of the oldest primary position the replica has not replayed yet: each
 * check samples the primary's WAL position with the time, and the lag is the time since the
 * oldest sample beyond the replica's replay position (0 when it has replayed them all). Unlike
 * `now() - pg_last_xact_replay_timestamp()` it stays 0 on a primary with nothing to replay.
 */
export class ReplayLag {
  #samples: { atMs: number; lsn: bigint }[] = [];

  observe(atMs: number, primaryLsn: bigint, replayLsn: bigint): number {
    this.#samples.push({ atMs, lsn: primaryLsn });
    this.#samples = this.#samples.filter((sample) => sample.lsn > replayLsn);
    // A replica that never catches up: keep the oldest time, forget positions in between (the
    // lag can only be overstated, never understated).
    if (this.#samples.length > 64) {
      const [oldest, next, ...rest] = this.#samples;
      if (oldest && next) this.#samples = [{ atMs: oldest.atMs, lsn: next.lsn }, ...rest];
    }
    const oldest = this.#samples[0];
    return oldest ? Math.max(0, (atMs - oldest.atMs) / 1000) : 0;
  }
}

/** Errors of a replica that is gone (or not there yet): refused, reset, shut down, starting. */
export function replicaUnavailable(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    if (['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH'].includes(code)) {
      return true;
    }
    // connection exception, admin/crash shutdown, cannot connect now, too many connections
    if (code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code)) return true;
  }
  return (
    typeof message === 'string' &&
    /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
      message,
    )
  );
}

/** A replica's query cancelled by replay (a recovery conflict): the primary can answer it. */
function recoveryConflict(error: unknown): boolean {
  const { code } = (error ?? {}) as { code?: unknown };
  return code === '40001' || code === '40P01';
}

interface Route {
  replicaWell(): boolean;
  reason(): FallbackReason;
  setAside(error: unknown): void;
  fellBack(reason: FallbackReason): void;
}

/** A connection of either side, which moves to the primary when the replica fails a read. */
class RoutedConnection implements DatabaseConnection {
  inTransaction = false;
  constructor(
    public inner: DatabaseConnection,
    public driver: Driver,
    private readonly primary: Driver,
    private readonly route: Route,
    public onReplica: boolean,
  ) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    try {
      return await this.inner.executeQuery<R>(query);
    } catch (error) {
      const unavailable = replicaUnavailable(error);
      if (!this.onReplica || this.inTransaction || !(unavailable || recoveryConflict(error))) {
        throw error;
      }
      if (unavailable) this.route.setAside(error);
      await this.driver.releaseConnection(this.inner).catch(() => {});
      this.inner = await this.primary.acquireConnection();
      this.driver = this.primary;
      this.onReplica = false;
      this.route.fellBack(unavailable ? 'unreachable' : 'conflict');
      return this.inner.executeQuery<R>(query);
    }
  }

  streamQuery<R>(query: CompiledQuery, chunkSize: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

function routingDriver(primary: Driver, replica: Driver, route: Route): Driver {
  const routed = (connection: DatabaseConnection) => connection as RoutedConnection;
  const onPrimary = async () =>
    new RoutedConnection(await primary.acquireConnection(), primary, primary, route, false);
  return {
    async init() {
      await primary.init();
      await replica.init();
    },
    async acquireConnection() {
      if (route.replicaWell()) {
        try {
          const connection = await replica.acquireConnection();
          return new RoutedConnection(connection, replica, primary, route, true);
        } catch (error) {
          if (!replicaUnavailable(error)) throw error;
          route.setAside(error);
        }
      }
      route.fellBack(route.reason());
      return onPrimary();
    },
    async beginTransaction(connection, settings) {
      const c = routed(connection);
      c.inTransaction = true;
      await c.driver.beginTransaction(c.inner, settings);
    },
    async commitTransaction(connection) {
      const c = routed(connection);
      c.inTransaction = false;
      await c.driver.commitTransaction(c.inner);
    },
    async rollbackTransaction(connection) {
      const c = routed(connection);
      c.inTransaction = false;
      await c.driver.rollbackTransaction(c.inner);
    },
    releaseConnection: (connection) =>
      routed(connection).driver.releaseConnection(routed(connection).inner),
    // The primary's pool belongs to the primary's Kysely; the replica's is ended by its owner.
    destroy: async () => {},
  };
}

export interface ReadReplicaOptions {
  primary: Database;
  url: string;
  maxLagSeconds: number;
  clock: Clock;
  logger: Logger;
  poolSize?: number;
}

/** The replica's pool, the read router on it and the primary, and the health checks. */
export function openReadReplica(options: ReadReplicaOptions): ReadReplica {
  const { primary, clock, logger, maxLagSeconds } = options;
  const { sharedDriver } = primary;
  if (!sharedDriver) throw new Error('READ_DATABASE_URL needs a PostgreSQL primary');
  // A replica that does not answer is set aside after 2 s, not the 5 s a request may wait.
  const pool = openPool(options.url, options.poolSize ?? 10, 2_000);
  const dialect = new PostgresDialect({ pool: preparingPool(pool as never) });
  const lag = new ReplayLag();
  let status: ReadReplicaStatus = {
    inUse: false,
    reason: 'not_checked',
    lagSeconds: null,
    checkedAt: null,
  };
  let countFallback = (_reason: FallbackReason) => {};

  const set = (next: ReadReplicaStatus, errorCode?: string) => {
    if (next.inUse !== status.inUse || next.reason !== status.reason) {
      if (next.inUse) logger.info({ lagSeconds: next.lagSeconds }, 'read replica in use');
      else {
        logger.warn(
          { reason: next.reason, lagSeconds: next.lagSeconds, maxLagSeconds, errorCode },
          'read replica set aside: public reads go to the primary',
        );
      }
    }
    status = next;
  };
  const setAside = (error: unknown) => {
    const code = (error as { code?: unknown })?.code;
    set(
      { ...status, inUse: false, reason: 'unreachable' },
      typeof code === 'string' ? code : undefined,
    );
  };

  const route: Route = {
    replicaWell: () => status.inUse,
    reason: () => (status.reason === 'ok' ? 'not_checked' : status.reason),
    setAside,
    fellBack: (reason) => countFallback(reason),
  };
  const db = new Kysely<DB>({
    dialect: withTrafficCount({
      createAdapter: () => dialect.createAdapter(),
      createQueryCompiler: () => dialect.createQueryCompiler(),
      createIntrospector: (kysely) => dialect.createIntrospector(kysely),
      createDriver: () => routingDriver(sharedDriver(), dialect.createDriver(), route),
    }),
  });

  async function checkOnce(): Promise<ReadReplicaStatus> {
    const checkedAt = clock.now();
    let primaryLsn: bigint;
    try {
      const { rows } = await sql<{
        lsn: string;
      }>`select pg_current_wal_lsn()::text as lsn`.execute(primary.db);
      primaryLsn = parseLsn(rows[0]?.lsn ?? '0/0');
    } catch {
      // Nothing to compare with: the replica's standing is left as it was.
      return status;
    }
    try {
      const { rows } = await pool.query<{ recovery: boolean; replay: string | null }>(
        'select pg_is_in_recovery() as recovery, pg_last_wal_replay_lsn()::text as replay',
      );
      const row = rows[0];
      // Not in recovery: the address is the primary itself (or a pooler before it).
      const lagSeconds =
        row && !row.recovery
          ? 0
          : lag.observe(checkedAt.getTime(), primaryLsn, parseLsn(row?.replay ?? '0/0'));
      const inUse = lagSeconds <= maxLagSeconds;
      set({
        inUse,
        reason: inUse ? 'ok' : 'lagging',
        lagSeconds: Math.round(lagSeconds * 10) / 10,
        checkedAt: checkedAt.toISOString(),
      });
    } catch (error) {
      setAside(error);
      status = { ...status, checkedAt: checkedAt.toISOString() };
    }
    return status;
  }

  let chain: Promise<unknown> = Promise.resolve();
  let pending = false;
  const check = () => {
    const next = chain.then(checkOnce);
    chain = next.catch(() => {});
    return next;
  };
  let timer: NodeJS.Timeout | undefined;
  return {
    db,
    status: () => status,
    check,
    start(intervalMs = REPLICA_CHECK_INTERVAL_MS) {
      if (timer) return;
      const tick = () => {
        if (pending) return;
        pending = true;
        void check().finally(() => {
          pending = false;
        });
      };
      tick();
      timer = setInterval(tick, intervalMs);
      timer.unref();
    },
    onFallback(count) {
      countFallback = count;
    },
    async close() {
      if (timer) clearInterval(timer);
      await chain;
      await db.destroy();
      await pool.end();
    },
  };
}
