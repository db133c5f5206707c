import type { Kysely } from 'kysely';
import { createLibraryRepository, type LibraryRepository } from './modules/libraries/index.js';
import { DEFAULT_IDLE_MINUTES, type SessionRole } from './platform/auth/sessions.js';
import type { Clock } from './platform/clock.js';
import type { ReadReplicaStatus } from './platform/db/read-replica.js';
import type { DB } from './platform/db/schema.js';
import type { Logger } from './platform/logger.js';
import { createMetrics, type Metrics } from './platform/metrics.js';

/** The composition root: everything a front door needs, built once per process. */
export interface AppContext {
  db: Kysely<DB>;
  /**
   * For the public reads that never write (catalogue search, library directory): the streaming
   * replica of READ_DATABASE_URL while it is well, else the primary; `db` itself when unset.
   */
  readDb: Kysely<DB>;
  /** The replica's standing, when READ_DATABASE_URL is set (GET /ready shows it). */
  readReplica: { status(): ReadReplicaStatus } | undefined;
  clock: Clock;
  logger: Logger;
  libraries: LibraryRepository;
  metrics: Metrics;
  /** A web session ends after this many minutes without a request, by role. */
  sessionIdleMinutes: Readonly<Record<SessionRole, number>>;
  /** TRUST_PROXY: proxies whose X-Forwarded-For gives the client's address. */
  trustProxy: readonly string[];
  /** PUBLIC_URL is https: Secure, __Host- cookies and HSTS. */
  https: boolean;
  /**
   * How self-check machines reach this service, as their settings ask: the SIP2 port and whether
   * it speaks TLS, set when the SIP2 server listens (null: no SIP2 in this process).
   */
  selfCheck: { port: number | null; tls: boolean };
}

export function createAppContext(
  db: Kysely<DB>,
  clock: Clock,
  logger: Logger,
  options: {
    sessionIdleMinutes?: Readonly<Record<SessionRole, number>> | undefined;
    trustProxy?: readonly string[] | undefined;
    https?: boolean | undefined;
    readReplica?: { db: Kysely<DB>; status(): ReadReplicaStatus } | undefined;
  } = {},
): AppContext {
  return {
    db,
    readDb: options.readReplica?.db ?? db,
    readReplica: options.readReplica,
    clock,
    logger,
    libraries: createLibraryRepository(db),
    metrics: createMetrics(),
    sessionIdleMinutes: options.sessionIdleMinutes ?? DEFAULT_IDLE_MINUTES,
    trustProxy: options.trustProxy ?? [],
    https: options.https ?? false,
    selfCheck: { port: null, tls: false },
  };
}
