#!/usr/bin/env node
import cluster from 'node:cluster';
import { setTimeout as sleep } from 'node:timers/promises';
import { Command, Option } from 'commander';
import type { Kysely } from 'kysely';
import { openService, prepareDatabase } from '../app.js';
import { IMPORT_ENCODINGS, type ImportEncoding } from '../modules/catalog/index.js';
import { DemoPasswordsError, NetworkNotEmptyError } from '../modules/network/index.js';
import { DEFAULT_BATCH, runRetentionJobs } from '../modules/privacy/index.js';
import { systemClock } from '../platform/clock.js';
import { type Config, ConfigError, loadConfig } from '../platform/config.js';
import { DataDirLockedError } from '../platform/db/data-dir-lock.js';
import { openDatabase } from '../platform/db/database.js';
import type { DB } from '../platform/db/schema.js';
import { type MetricsListener, startMetricsListener } from '../platform/http/metrics-server.js';
import { createLogger } from '../platform/logger.js';
import { shareMetricsWithPrimary, workersMetrics } from '../platform/metrics.js';
import { AddLibrariesError, addLibrariesCommand } from './add-libraries.js';
import { BackupError, backupCommand, copyToPostgresCommand, restoreCommand } from './backup.js';
import { withCommandDatabase } from './command-database.js';
import { TargetNotEmptyError } from './copy-database.js';
import { importItemsCommand } from './import-items.js';
import { InitError, initCommand } from './init.js';
import { NoSuchStaffError, resetPasswordCommand } from './reset-password.js';
import { reportListening, startWorkers, type Workers } from './workers.js';

const SHUTDOWN_GRACE_MS = 15_000;

function fail(error: unknown): never {
  if (
    error instanceof ConfigError ||
    error instanceof DataDirLockedError ||
    error instanceof BackupError ||
    error instanceof TargetNotEmptyError ||
    error instanceof InitError ||
    error instanceof NetworkNotEmptyError ||
    error instanceof DemoPasswordsError ||
    error instanceof NoSuchStaffError ||
    error instanceof AddLibrariesError
  ) {
    console.error(`library-one: ${error.message}`);
  } else {
    // The command that failed, named: "could not start" only for start.
    const command = process.argv[2] ?? 'start';
    const what = command === 'start' ? 'could not start' : `${command} failed`;
    const hint = /permission denied|no schema has been selected/.test(String(error))
      ? ' (migrations and restores run as the database owner role: docs/deploy.md)'
      : '';
    const message = error instanceof Error ? error.message : String(error);
    console.error(`library-one: ${what}: ${message}${hint}`);
  }
  process.exit(1);
}

async function start(options: { demo: boolean }) {
  const config = loadConfig();
  if (config.workers > 1 && cluster.isPrimary) return superviseWorkers(config, options);
  // A worker's database was prepared by the supervisor, and its figures are served by it, summed
  // with the other workers'.
  const service = await openService(
    cluster.isWorker
      ? { config: { ...config, metrics: undefined } }
      : { config, demo: options.demo, refuseDemoPasswords: !options.demo },
  );
  if (cluster.isWorker) shareMetricsWithPrimary(service.context.metrics);
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    if (cluster.isPrimary) console.log(`Received ${signal}; closing the database cleanly…`);
    // Requests and SIP2 answers under way are finished, within a bound: a stuck one must not
    // keep a deploy waiting forever.
    const closed = await Promise.race([
      service.close().then(() => true),
      sleep(SHUTDOWN_GRACE_MS, false, { ref: false }),
    ]);
    if (!closed) console.error(`library-one: not closed within ${SHUTDOWN_GRACE_MS} ms; exiting`);
    process.exit(closed ? 0 : 1);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  const address = await service.listen();
  if (cluster.isWorker) reportListening(address);
  else {
    await warnWhenNotSetUp(service.context.db);
    printBanner(config, address, options.demo);
  }
}

/** A database `init` never set up serves no library: said at start, not discovered by a desk. */
async function warnWhenNotSetUp(db: Kysely<DB>) {
  const library = await db.selectFrom('libraries').select('id').limit(1).executeTakeFirst();
  if (!library) {
    console.warn(
      'library-one: this database has no libraries yet: set the network up with `library-one init` (docs/deploy.md).',
    );
  }
}

/** WORKERS above 1: this process forks the workers, serves /metrics for all, and stops them. */
async function superviseWorkers(config: Config, options: { demo: boolean }) {
  let stopping = false;
  let workersStarted: Promise<Workers | undefined> | undefined;
  let metricsListener: MetricsListener | undefined;
  const stop = async (why: string, exitCode: number) => {
    if (stopping) return;
    stopping = true;
    console.log(`Received ${why}; stopping the worker processes…`);
    // Workers still starting are waited for, then stopped as serving ones are: each finishes
    // its start and what is under way, rather than being cut off when this process exits.
    const workers = await workersStarted;
    // Each worker has the single process's grace period; the primary waits a little longer.
    const clean = (await workers?.stop(SHUTDOWN_GRACE_MS + 5_000)) ?? true;
    await metricsListener?.close();
    if (!clean) console.error('library-one: a worker did not stop cleanly');
    process.exit(clean ? exitCode : 1);
  };
  process.on('SIGINT', () => void stop('SIGINT', 0));
  process.on('SIGTERM', () => void stop('SIGTERM', 0));
  const database = await openDatabase({ databaseUrl: config.databaseUrl, poolSize: 1 });
  try {
    await prepareDatabase(database.db, systemClock, createLogger(config.logLevel), {
      demo: options.demo,
      refuseDemoPasswords: !options.demo,
    });
  } finally {
    await database.close();
  }
  if (stopping) return;
  workersStarted = startWorkers(config.workers, {
    died: (pid, how) =>
      console.error(`library-one: worker process ${pid} died (${how}); starting another`),
    replaced: (deadPid, pid) =>
      console.error(`library-one: worker process ${pid} serves in place of ${deadPid}`),
    gaveUp: (how) => {
      console.error(`library-one: ${how}; stopping`);
      void stop('a worker that cannot start', 1);
    },
  }).catch((error: unknown) => {
    // Stopping: a worker may have been stopped before it listened; stop() ends this process.
    if (stopping) return undefined;
    throw error;
  });
  const workers = await workersStarted;
  if (!workers || stopping) return;
  if (config.metrics)
    metricsListener = await startMetricsListener(workersMetrics(), config.metrics);
  printBanner(
    config,
    { ...workers.address, metricsUrl: metricsListener?.url },
    options.demo,
    workers.pids(),
  );
}

function printBanner(
  config: Config,
  address: { httpUrl: string; sip2Port: number; metricsUrl: string | undefined },
  demo: boolean,
  workerPids?: number[],
) {
  const { httpUrl, sip2Port, metricsUrl } = address;
  const where = config.databaseUrl
    ? 'PostgreSQL server (DATABASE_URL)'
    : `embedded PostgreSQL in ${config.dataDir}`;
  console.log(`Library One is running on the ${where}.`);
  console.log(
    `  Web and API:   ${httpUrl}/   (portal, desk, admin; the API under ${httpUrl}/api/v1)`,
  );
  console.log(`  API docs:      ${httpUrl}/api/docs   (OpenAPI: ${httpUrl}/api/openapi.json)`);
  console.log(`  Health:        ${httpUrl}/health   ${httpUrl}/ready`);
  const sip2 = config.sip2Tls ? 'SIP2 over TLS' : 'SIP2';
  console.log(`  Self-check:    ${sip2} on ${config.sip2Host ?? config.host}:${sip2Port}`);
  if (metricsUrl) console.log(`  Metrics:       ${metricsUrl}`);
  if (workerPids) {
    console.log(`  Workers:       ${workerPids.length} processes (pids ${workerPids.join(', ')})`);
  }
  if (demo) console.log('  Demo sign-ins: see "Demo accounts" in README.md');
  console.log('Press Ctrl+C to stop.');
}

async function migrate() {
  await withCommandDatabase(loadConfig(), async (_db, { applied }) => {
    console.log(applied.length ? `Applied: ${applied.join(', ')}` : 'The database is up to date.');
  });
}

/** The retention jobs once (a timer can run this; the service also runs them every hour). */
async function maintenance(options: { batch: string }) {
  const config = loadConfig();
  await withCommandDatabase(config, async (db) => {
    const logger = createLogger(config.logLevel);
    const results = await runRetentionJobs(
      { db, clock: systemClock, logger },
      { batch: Number(options.batch) },
    );
    for (const r of results) {
      console.log(`${r.job}: ${r.ran ? `${r.affected} done` : 'running in another process'}`);
    }
  });
}

const program = new Command('library-one').description('Library One: one card, every library');
program
  .command('start')
  .description('Serve the HTTP API (and SIP2) on the configured database')
  .option('--demo', 'seed the demo libraries, staff and members when the database is empty', false)
  .action((options) => start(options).catch(fail));
program
  .command('init')
  .description(
    'Set up a real network on an empty database: libraries from a CSV and the first network admin',
  )
  .option(
    '--libraries <file>',
    "the network's libraries (CSV, see docs/deploy.md); default: the seed document's 29",
  )
  .option('--admin <username>', "the first network admin's user name", 'network-admin')
  .option(
    '--password-file <file>',
    `read the one-time password from a file (or set ${'LIBRARY_ONE_ADMIN_PASSWORD'}); default: make one up and print it once`,
  )
  .action((options) => initCommand(options).catch(fail));
program
  .command('add-libraries')
  .description(
    "Add libraries joining the network, from a CSV in init's format: new ones planned, those already there left as they are",
  )
  .argument(
    '<file>',
    "the libraries CSV (docs/deploy.md); the whole province's list may be given again",
  )
  .action((file: string) => addLibrariesCommand(file).catch(fail));
program
  .command('reset-password')
  .description(
    'Print a one-time password for a staff account (a network admin who forgot theirs); it must be changed at the first sign-in',
  )
  .argument('<username>', "the account's user name")
  .action((username: string) => resetPasswordCommand(username).catch(fail));
program
  .command('migrate')
  .description('Bring the database schema up to date')
  .action(() => migrate().catch(fail));

program
  .command('maintenance')
  .description(
    'Run the retention jobs once (idempotency keys, sessions, history-off loans, unverified pre-registrations, lapsed consent)',
  )
  .option('--batch <rows>', 'at most this many rows per job', String(DEFAULT_BATCH))
  .action((options) => maintenance(options).catch(fail));

program
  .command('import-items <file>')
  .description(
    "Import a library's holdings from a CSV, MARC (ISO 2709 .mrc) or MARCXML (.xml) file, with a progress bar",
  )
  .requiredOption('--library <code>', 'the library code, for example jinju-yonam-library')
  .option('--lang <language>', 'ko (default) or en: the language of the report')
  .option('--dry-run', 'check the whole file and report, writing nothing')
  .addOption(
    new Option('--encoding <encoding>', "the file's character set")
      .choices(IMPORT_ENCODINGS)
      .default('auto'),
  )
  .action(
    (
      file: string,
      options: { library: string; lang?: string; dryRun?: boolean; encoding: ImportEncoding },
    ) =>
      importItemsCommand(file, {
        library: options.library,
        language: options.lang === 'en' ? 'en' : 'ko',
        dryRun: options.dryRun === true,
        encoding: options.encoding,
      })
        .then((outcome) => {
          process.exitCode = outcome.exitCode;
        })
        .catch(fail),
  );

program
  .command('backup <file>')
  .description('Back up the embedded database (DATA_DIR) to a file; stop the service first')
  .action((file: string) => backupCommand(file).catch(fail));
program
  .command('restore <file>')
  .description('Restore a backup of the embedded database into an empty DATA_DIR')
  .action((file: string) => restoreCommand(file).catch(fail));
program
  .command('copy-to-postgres <databaseUrl>')
  .description(
    'Copy the embedded database (DATA_DIR) into an empty PostgreSQL database (postgres://…)',
  )
  .action((url: string) => copyToPostgresCommand(url).catch(fail));

await program.parseAsync();
