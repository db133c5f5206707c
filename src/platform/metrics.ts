import {
  AggregatorRegistry,
  Counter,
  collectDefaultMetrics,
  Gauge,
  Histogram,
  Registry,
} from 'prom-client';
import type { Database } from './db/database.js';
import type { ReadReplicaStatus } from './db/read-replica.js';
import { watchReadsTogether } from './db/read-together.js';

/**
 * What an operator watches (Prometheus text at GET /metrics on the metrics listener): HTTP
 * requests by route and status with their latency, loans made, returned, renewed and refused by
 * code and library, SIP2 connections, messages and refusals by code and library, the retention
 * jobs, the database pool (and the time waited for a connection), and Node's own figures
 * (event-loop lag among them). One registry per service, so that tests can build many.
 */
export interface Metrics {
  registry: Registry;
  httpRequests: Counter<'method' | 'route' | 'status'>;
  httpDuration: Histogram<'method' | 'route' | 'status'>;
  circulation: Counter<'action' | 'outcome' | 'library' | 'channel'>;
  sip2Connections: Gauge;
  sip2Messages: Counter<'command'>;
  sip2Refusals: Counter<'command' | 'code' | 'library'>;
  retentionRuns: Counter<'job' | 'outcome'>;
  retentionRows: Counter<'job'>;
  /** Seconds a query waited for a free database connection (server pool only). */
  dbPoolWait: Histogram;
  /** Reads sent together as one statement (`readTogether`), by reader: session, card. */
  readsPerStatement: Histogram<'reader'>;
  /** The database pool's figures, when the service uses a server (the embedded engine has none). */
  watchPool(stats: () => PoolStats): void;
  /** Public reads the primary answered instead of the read replica (READ_DATABASE_URL), by reason. */
  replicaFallbacks: Counter<'reason'>;
  /** Whether the read replica is in use and its replay lag, read at each scrape. */
  watchReadReplica(status: () => ReadReplicaStatus): void;
  /** Notice deliveries: outcome "sent", "retry", "dead" (dead-lettered) or "skipped". */
  notices: Counter<'kind' | 'channel' | 'outcome'>;
  /** Date-driven notices the scheduler made (one per channel). */
  noticesScheduled: Counter<'kind'>;
}

export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

export function createMetrics(): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'library_one_' });
  const registers = [registry];
  let poolStats: (() => PoolStats) | undefined;
  let replicaStatus: (() => ReadReplicaStatus) | undefined;
  const poolGauge = (name: string, help: string, pick: (s: PoolStats) => number) =>
    new Gauge({
      name,
      help,
      registers,
      collect() {
        if (poolStats) this.set(pick(poolStats()));
      },
    });
  poolGauge('library_one_db_pool_connections', 'connections open to the database', (s) => s.total);
  poolGauge('library_one_db_pool_idle', 'open connections not in use', (s) => s.idle);
  poolGauge(
    'library_one_db_pool_waiting',
    'queries waiting for a free connection (pool exhausted)',
    (s) => s.waiting,
  );
  new Gauge({
    name: 'library_one_read_replica_in_use',
    help: '1 while the public reads go to the read replica, 0 while they go to the primary',
    registers,
    // With several worker processes: 1 only while every one of them uses the replica.
    aggregator: 'min',
    collect() {
      if (replicaStatus) this.set(replicaStatus().inUse ? 1 : 0);
    },
  });
  new Gauge({
    name: 'library_one_read_replica_lag_seconds',
    help: "the read replica's replay lag at its last health check",
    registers,
    aggregator: 'max',
    collect() {
      const lag = replicaStatus?.().lagSeconds;
      if (lag !== null && lag !== undefined) this.set(lag);
    },
  });
  return {
    registry,
    httpRequests: new Counter({
      name: 'library_one_http_requests_total',
      help: 'HTTP requests answered, by route template and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    }),
    httpDuration: new Histogram({
      name: 'library_one_http_request_duration_seconds',
      help: 'HTTP answer time, by route template and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    }),
    circulation: new Counter({
      name: 'library_one_circulation_total',
      help: 'checkouts, returns and renewals answered: channel desk, online (the portal) or machine (SIP2); outcome "ok" or the first refusal code',
      labelNames: ['action', 'outcome', 'library', 'channel'],
      registers,
    }),
    sip2Connections: new Gauge({
      name: 'library_one_sip2_connections',
      help: 'self-check (SIP2) connections open',
      registers,
    }),
    sip2Messages: new Counter({
      name: 'library_one_sip2_messages_total',
      help: 'SIP2 requests answered, by command identifier (11 checkout, 09 checkin, 29 renew …)',
      labelNames: ['command'],
      registers,
    }),
    sip2Refusals: new Counter({
      name: 'library_one_sip2_refusals_total',
      help: 'SIP2 requests refused, by command identifier, refusal code (one per reason) and the terminal\'s library ("unknown" for a login naming no terminal): logins (93), checkouts, renewals, checkins, patron status (23) and information (63)',
      labelNames: ['command', 'code', 'library'],
      registers,
    }),
    retentionRuns: new Counter({
      name: 'library_one_retention_job_runs_total',
      help: 'retention job runs: outcome "ran", "skipped" (another process held it) or "failed"',
      labelNames: ['job', 'outcome'],
      registers,
    }),
    retentionRows: new Counter({
      name: 'library_one_retention_job_rows_total',
      help: 'rows (or members) the retention jobs deleted, detached or erased',
      labelNames: ['job'],
      registers,
    }),
    dbPoolWait: new Histogram({
      name: 'library_one_db_pool_wait_seconds',
      help: 'time a query waited for a free database connection',
      buckets: [0.0005, 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5],
      registers,
    }),
    readsPerStatement: new Histogram({
      name: 'library_one_db_reads_per_statement',
      help: 'reads answered by one statement, by reader: the sessions of HTTP requests ("session") and the cards of self-check messages ("card") that arrived in the same turn of the event loop share one',
      labelNames: ['reader'],
      buckets: [1, 2, 3, 4, 6, 8, 12, 16, 32, 64],
      registers,
    }),
    watchPool(stats) {
      poolStats = stats;
    },
    replicaFallbacks: new Counter<'reason'>({
      name: 'library_one_read_replica_fallbacks_total',
      help: 'public reads (catalogue, directory) sent to the primary instead of the read replica: "lagging", "unreachable", "not_checked" (before the first check) or "conflict" (a read the replica cancelled)',
      labelNames: ['reason'],
      registers,
    }),
    watchReadReplica(status) {
      replicaStatus = status;
    },
    notices: new Counter({
      name: 'library_one_notices_total',
      help: 'notice deliveries by kind, channel and outcome: "sent", "retry" (failed, tried again later), "dead" (dead-lettered after the last attempt) or "skipped" (no longer true, or no address)',
      labelNames: ['kind', 'channel', 'outcome'],
      registers,
    }),
    noticesScheduled: new Counter({
      name: 'library_one_notices_scheduled_total',
      help: 'date-driven notices made by the scheduler (due soon, due today, overdue, suspension ended, consent renewal), one per channel',
      labelNames: ['kind'],
      registers,
    }),
  };
}

/**
 * The database's figures on /metrics: its pool and the waits for a free connection (a server's
 * pool only) and how many reads each statement sent together answered.
 */
export function watchDatabase(metrics: Metrics, database: Database): void {
  if (database.poolStats) metrics.watchPool(database.poolStats);
  database.watchPoolWait?.((seconds) => metrics.dbPoolWait.observe(seconds));
  watchReadsTogether(database.db, (reader, reads) =>
    metrics.readsPerStatement.observe({ reader }, reads),
  );
}

/** What /metrics serves: a registry, or the primary's sum of its workers' registries. */
export interface MetricsSource {
  metrics(): Promise<string>;
  contentType: string;
}

/**
 * In a worker process (WORKERS above 1): the primary, which serves /metrics, asks each worker for
 * its figures at every scrape; this registers the worker's answer.
 */
export function shareMetricsWithPrimary(metrics: Metrics): void {
  AggregatorRegistry.setRegistries([metrics.registry]);
  new AggregatorRegistry();
}

/**
 * In the primary: every worker's figures in one text — counters and histograms summed, the pool's
 * gauges summed (connections of all the processes), as one process would count them.
 */
export function workersMetrics(): { registry: MetricsSource } {
  const aggregator = new AggregatorRegistry();
  return {
    registry: {
      metrics: () => aggregator.clusterMetrics(),
      contentType: aggregator.contentType,
    },
  };
}
