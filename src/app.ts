import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import rateLimit from '@fastify/rate-limit';
import fastifyStatic from '@fastify/static';
import type { Kysely } from 'kysely';
import type { AppContext } from './app-context.js';
import { createAppContext } from './app-context.js';
import { catalogRoutes } from './modules/catalog/index.js';
import { circulationRoutes } from './modules/circulation/index.js';
import { expireHolds, holdRoutes } from './modules/holds/index.js';
import { libraryAdminRoutes, libraryRoutes } from './modules/libraries/index.js';
import { memberRoutes, normalizeCardNumber } from './modules/members/index.js';
import { refuseDemoPasswords } from './modules/network/index.js';
import { noticeRoutes, startNotices } from './modules/notices/index.js';
import { privacyRoutes, scheduleRetentionJobs } from './modules/privacy/index.js';
import { requestRoutes, runRequestTimeouts } from './modules/requests/index.js';
import { accountManagementRoutes, staffRoutes } from './modules/staff/index.js';
import { statisticsRoutes } from './modules/statistics/index.js';
import { terminalRoutes } from './modules/terminals/index.js';
import { type Clock, systemClock } from './platform/clock.js';
import type { Config } from './platform/config.js';
import { lockDataDir } from './platform/db/data-dir-lock.js';
import { type Database, openDatabase } from './platform/db/database.js';
import { migrateToLatest } from './platform/db/migrate.js';
import { openReadReplica, type ReadReplica } from './platform/db/read-replica.js';
import type { DB } from './platform/db/schema.js';
import { registerAuthentication } from './platform/http/auth.js';
import { registerIdempotency } from './platform/http/idempotency.js';
import { recordHttpMetrics } from './platform/http/metrics-hooks.js';
import { type MetricsListener, startMetricsListener } from './platform/http/metrics-server.js';
import { postgresRateLimitStore } from './platform/http/rate-limit-store.js';
import { type App, createHttpServer } from './platform/http/server.js';
import { systemRoutes } from './platform/http/system-routes.js';
import { createLogger, type Logger } from './platform/logger.js';
import { watchDatabase } from './platform/metrics.js';
import { seedDemoData } from './seed/demo.js';
import { type Sip2Server, startSip2Server } from './sip2/server.js';

/** Builds the HTTP front door on an open database; tests call this directly. */
export async function buildHttpApp(context: AppContext): Promise<App> {
  const app = await createHttpServer({
    logger: context.logger,
    trustProxy: context.trustProxy,
    https: context.https,
  });
  recordHttpMetrics(app, context.metrics);
  // Counted in the database: the limits hold across every service process (issue 13, point 5).
  await app.register(rateLimit, {
    global: false,
    store: postgresRateLimitStore(context.db, context.clock),
  });
  await registerAuthentication(app, context.db, context.clock, {
    idleMinutes: context.sessionIdleMinutes,
    secureCookies: context.https,
  });
  // A retry is the same request whatever the order of its fields or the spaces in its card number.
  registerIdempotency(app, context.db, context.clock, {
    cardNumber: normalizeCardNumber,
    itemBarcode: (barcode) => barcode.trim(),
  });
  for (const routes of [
    systemRoutes,
    libraryRoutes,
    libraryAdminRoutes,
    staffRoutes,
    memberRoutes,
    circulationRoutes,
    holdRoutes,
    catalogRoutes,
    terminalRoutes,
    statisticsRoutes,
    privacyRoutes,
    accountManagementRoutes,
    noticeRoutes,
    requestRoutes,
  ]) {
    await routes(app, context);
  }
  await serveWebApp(app, WEB_APP_DIR);
  await app.ready();
  return app;
}

/** The built web app (`npm run build:web`); served when it exists. */
export const WEB_APP_DIR = fileURLToPath(new URL('../web/dist', import.meta.url));

/**
 * Static files, and index.html for every page path; /api paths stay problem documents. The build
 * wrote a brotli and a gzip copy of each text file (web/scripts/build.ts): a browser that accepts
 * one gets it (`preCompressed`), the copies have no address of their own. Hashed assets are
 * cached for a year; index.html and the rest are revalidated on every visit (`no-cache`).
 */
async function serveWebApp(app: App, root: string) {
  if (!existsSync(path.join(root, 'index.html'))) return;
  await app.register(fastifyStatic, {
    root,
    wildcard: false,
    index: false,
    preCompressed: true,
    globIgnore: ['index.html', '**/*.br', '**/*.gz'],
    setHeaders: (reply, file) =>
      reply.header(
        'cache-control',
        file.includes(`${path.sep}assets${path.sep}`)
          ? 'public, max-age=31536000, immutable'
          : 'no-cache',
      ),
  });
  app.get('/*', { schema: { hide: true } }, (request, reply) => {
    const pathname = request.url.split('?')[0] ?? '';
    const api = pathname === '/api' || pathname.startsWith('/api/');
    if (api || /\.[a-z0-9]+$/i.test(pathname)) return reply.callNotFound();
    return reply
      .header('cache-control', 'no-cache')
      .header(
        'content-security-policy',
        "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
      )
      .sendFile('index.html');
  });
}

export interface ServiceOptions {
  config: Config;
  clock?: Clock;
  logger?: Logger;
  /** Seed the demo libraries, staff and members when the database is empty. */
  demo?: boolean;
  /** Refuse a database whose accounts still have the demo passwords (`start` without --demo). */
  refuseDemoPasswords?: boolean;
}

export interface Service {
  app: App;
  context: AppContext;
  database: Database;
  /** READ_DATABASE_URL's replica, its router and health checks (started by `listen`). */
  readReplica: ReadReplica | undefined;
  listen(): Promise<{ httpUrl: string; sip2Port: number; metricsUrl: string | undefined }>;
  close(): Promise<void>;
}

/** How often a running service runs the retention jobs (docs/privacy.md); an hour. */
const RETENTION_INTERVAL_MS = 3_600_000;
/**
 * The jobs that act on the day — inter-library request timeouts (send day, pickup window) and
 * holds whose pickup window is over — run every 10 minutes on every process, whether or not it
 * sends notices (each job is safe to run again and from several processes at once).
 */
const DAY_JOBS_INTERVAL_MS = 10 * 60_000;

function scheduleDayJobs(context: AppContext, intervalMs: number): () => void {
  const { db, clock, logger } = context;
  let running = false;
  const timer = setInterval(() => {
    if (running) return;
    running = true;
    runRequestTimeouts(context)
      .then(() => expireHolds(db, { now: clock.now(), today: clock.today() }))
      .catch((error: unknown) =>
        logger.warn(
          { err: error instanceof Error ? { message: error.message } : String(error) },
          'day jobs (request timeouts, hold windows) failed',
        ),
      )
      .finally(() => {
        running = false;
      });
  }, intervalMs);
  timer.unref();
  return () => clearInterval(timer);
}

/**
 * What a service does to its database before it serves: the schema brought up to date, then the
 * demo seeded into an empty network (`demo`) or a start refused while demo passwords remain
 * (`refuseDemoPasswords`). With WORKERS above 1 the supervisor does it once, before the workers.
 */
export async function prepareDatabase(
  db: Kysely<DB>,
  clock: Clock,
  logger: Logger,
  options: { demo?: boolean | undefined; refuseDemoPasswords?: boolean | undefined },
): Promise<void> {
  const { applied } = await migrateToLatest(db);
  if (applied.length > 0) logger.info({ applied }, 'database migrated');
  if (options.demo) {
    const seeded = await seedDemoData(db, clock);
    if (seeded) logger.info(seeded, 'demo data seeded');
  } else if (options.refuseDemoPasswords) {
    await refuseDemoPasswords(db);
  }
}

export async function openService(options: ServiceOptions): Promise<Service> {
  const { config } = options;
  const logger = options.logger ?? createLogger(config.logLevel);
  const releaseLock = config.databaseUrl ? () => {} : lockDataDir(config.dataDir);
  let database: Database | undefined;
  let replica: ReadReplica | undefined;
  try {
    database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
    const clock = options.clock ?? systemClock;
    await prepareDatabase(database.db, clock, logger, options);
    if (config.readReplica) {
      replica = openReadReplica({ primary: database, ...config.readReplica, clock, logger });
    }
    const context = createAppContext(database.db, clock, logger, {
      sessionIdleMinutes: config.sessionIdleMinutes,
      trustProxy: config.trustProxy,
      https: config.publicUrl?.startsWith('https:') ?? false,
      readReplica: replica,
    });
    watchDatabase(context.metrics, database);
    if (replica) {
      const { metrics } = context;
      replica.onFallback((reason) => metrics.replicaFallbacks.inc({ reason }));
      metrics.watchReadReplica(replica.status);
    }
    const app = await buildHttpApp(context);
    const db = database;
    const readReplica = replica;
    let closed = false;
    let sip2: Sip2Server | undefined;
    let stopRetention = () => {};
    let stopDayJobs = () => {};
    let stopNotices = async () => {};
    let metricsListener: MetricsListener | undefined;
    return {
      app,
      context,
      database: db,
      readReplica,
      async listen() {
        // SIP2 over TLS: the certificate and key are read before anything listens.
        const tls = config.sip2Tls && {
          cert: await readFile(config.sip2Tls.certFile),
          key: await readFile(config.sip2Tls.keyFile),
        };
        const address = await app.listen({ port: config.port, host: config.host });
        sip2 = await startSip2Server(context, {
          host: config.sip2Host ?? config.host,
          port: config.sip2Port,
          ...(config.sip2IdleTimeoutMs ? { idleTimeoutMs: config.sip2IdleTimeoutMs } : {}),
          tls,
        });
        stopRetention = scheduleRetentionJobs(context, RETENTION_INTERVAL_MS);
        stopDayJobs = scheduleDayJobs(context, DAY_JOBS_INTERVAL_MS);
        if (config.notices) stopNotices = startNotices(context, config.notices);
        readReplica?.start();
        if (config.metrics) {
          metricsListener = await startMetricsListener(context.metrics, config.metrics);
        }
        return { httpUrl: address, sip2Port: sip2.port, metricsUrl: metricsListener?.url };
      },
      async close() {
        if (closed) return;
        closed = true;
        stopRetention();
        stopDayJobs();
        await stopNotices();
        await sip2?.close();
        // A keep-alive connection that finishes its answer after the close began would hold the
        // HTTP server open until its idle timeout: each one is closed as soon as it is idle.
        const sweep = setInterval(() => app.server.closeIdleConnections(), 50);
        try {
          await app.close();
        } finally {
          clearInterval(sweep);
        }
        await metricsListener?.close();
        await readReplica?.close();
        await db.close();
        releaseLock();
      },
    };
  } catch (error) {
    await replica?.close().catch(() => {});
    await database?.close().catch(() => {});
    releaseLock();
    throw error;
  }
}
