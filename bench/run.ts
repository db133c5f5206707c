/**
 * `npm run bench`: generates a national-scale network into databases of its own, drives desk
 * traffic over HTTP and self-check traffic over SIP2 against the service, measures PostgreSQL's
 * own limit with pgbench on the same server, compares checkouts with and without the loan
 * history and, in embedded mode, against the embedded engine's raw transactions; profiles the
 * HTTP checkout path; writes bench/results/latest.json and latest.md; drops its databases.
 *
 *   npm run bench -- --preset province
 *   npm run bench -- --preset tiny --duration 2 --history-rounds 1   (CI)
 *   npm run bench -- --preset country --scale 0.1 --profile
 */
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Command, InvalidArgumentError, Option } from 'commander';
import { sql } from 'kysely';
import { openDatabase } from '../src/platform/db/database.js';
import { BenchDatabases, generateNetwork } from './databases.js';
import { runEmbedded } from './embedded/embedded.js';
import { LoadProgress } from './generate/progress.js';
import { describeScale, PRESETS, type PresetName, scaleOf } from './generate/scale.js';
import { measureHttpFloor } from './limit/http-floor.js';
import { preparePgbench } from './limit/pgbench.js';
import {
  type CatalogueLoad,
  QUERY_MIX,
  runCatalogueLoad,
  type SearchTerms,
  sampleSearchTerms,
} from './load/catalogue.js';
import { type CpuPerUnit, sampleCpu } from './load/cpu.js';
import { databaseWorkPerUnit, pairsOverPhase, readDatabaseTotals } from './load/database-work.js';
import { CHECKOUT_RETURN_ONLY, DESK_MIX, runDeskLoad, signInDesks } from './load/desk.js';
import { residentMb, sampleResident, waitReady } from './load/footprint.js';
import { REQUEST_TIMEOUT_MS } from './load/http-client.js';
import { assignWorkers, buildPools, deskLibraries, type Worker } from './load/pools.js';
import { runPortalLoad } from './load/portal.js';
import { readsBetween, readsTotalsIn, scrapeMetrics } from './load/reads-together.js';
import { runtimeOver } from './load/runtime.js';
import { runSelfCheckLoad } from './load/selfcheck.js';
import { buildServiceIfStale, ROOT, type ServiceCommand, startService } from './load/service.js';
import type { PhaseSummary } from './load/stats.js';
import { summariseProfile } from './profile.js';
import {
  type BenchResult,
  catalogueCpuLine,
  closedLoopLine,
  cpuLine,
  databaseWorkLine,
  deskRates,
  dropPercent,
  type HttpFloor,
  headline,
  MEASURED_PATHS,
  markdown,
  meanOf,
  profiledLoad,
  readsTogetherLine,
  runtimeNote,
  serviceRuntimeLine,
  summaryTable,
  TARGETS,
  type TargetName,
  targetMet,
  timelineLine,
} from './report.js';
import { dropBenchDatabase, leftoverBenchDatabases, withServer } from './safety.js';

const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/postgres';

/** A search phase in which no search answered has a p95 of at least the client's time-out. */
function searchP95(perSecond: number, p95Ms: number | undefined): number {
  return perSecond > 0 && p95Ms !== undefined ? p95Ms : REQUEST_TIMEOUT_MS;
}

function positive(value: string): number {
  const n = Number(value);
  if (!(n > 0)) throw new InvalidArgumentError('must be a positive number');
  return n;
}

function share(value: string): number {
  const n = Number(value);
  if (!(n > 0 && n < 1)) throw new InvalidArgumentError('must be a fraction between 0 and 1');
  return n;
}

const program = new Command('bench')
  .description(
    "Library One benchmarks: national-scale data, measured against PostgreSQL's own limit",
  )
  .addOption(
    new Option('--preset <name>', 'data size').choices(Object.keys(PRESETS)).default('province'),
  )
  .option('--scale <fraction>', 'a fraction (or multiple) of the preset', positive, 1)
  .option(
    '--duration <seconds>',
    'measured seconds of each load phase (default 30; tiny 5)',
    positive,
  )
  .option(
    '--warmup <seconds>',
    'seconds of warm-up before each measured phase (not counted)',
    positive,
  )
  .option(
    '--service-warmup <seconds>',
    'seconds of warm-up before the first measured phase on a service just started (default 20; tiny: the --warmup)',
    positive,
  )
  .option(
    '--clients <n>',
    'concurrent desks, self-check machines and pgbench clients',
    positive,
    10,
  )
  .option(
    '--database-url <url>',
    "PostgreSQL server; its database is used only to CREATE and DROP the bench's own databases",
    process.env.BENCH_DATABASE_URL || DEFAULT_SERVER,
  )
  .option('--pgbench-scale <n>', 'pgbench -i -s (default: the number of clients)', positive)
  .option(
    '--history-rounds <n>',
    'alternating rounds with and without the loan history (default 4; tiny 2)',
    positive,
  )
  .option('--skip-history', 'skip the history-independence comparison')
  .option(
    '--paced-share <fraction>',
    "the desks again (after the history rounds), each at a fixed pace, offered this share of the first desk phase's requests/s (latency from when each was due)",
    share,
    0.5,
  )
  .option('--skip-paced', 'skip the paced desks')
  .option(
    '--search-rate <per second>',
    'catalogue searches arriving per second, alone and then beside the desks (open loop: a fixed rate, latency from the time each was due)',
    positive,
    20,
  )
  .option(
    '--search-clients <n>',
    'catalogue searches in flight at most in the catalogue phase (an arrival beyond waits, and that wait counts)',
    positive,
    4,
  )
  .option(
    '--catalogue-rounds <n>',
    'rounds of the desks alone and beside the searches, alternating which goes first (default 2; tiny 1)',
    positive,
  )
  .option('--skip-catalogue', 'skip the catalogue phase (searches alone, then beside the desks)')
  .option('--skip-embedded', 'skip the embedded-mode comparison')
  .option(
    '--embedded-scale <fraction>',
    'size of the embedded network, as a fraction of the province',
    positive,
    0.05,
  )
  .option(
    '--workers <n>',
    'service processes sharing its ports (WORKERS; 1, as `npm start`, by default; the embedded comparison and the profile use 1)',
    positive,
    1,
  )
  .addOption(
    new Option(
      '--profile [load]',
      'CPU-profile the service under a load and summarise it: desks (HTTP) or machines (SIP2)',
    )
      .choices(['desks', 'machines'])
      .preset('desks'),
  )
  .option('--baseline <file>', 'a previous latest.json to show before/after figures against')
  .option('--baseline-label <text>', 'what the baseline was', 'before the fixes')
  .option('--out <dir>', 'where latest.json and latest.md go', path.join(ROOT, 'bench/results'))
  .option('--cleanup', 'drop bench databases left by a killed run (each checked first) and exit')
  .option('--quiet', 'no progress bars');

interface Options {
  preset: PresetName;
  scale: number;
  duration?: number;
  warmup?: number;
  serviceWarmup?: number;
  clients: number;
  databaseUrl: string;
  pgbenchScale?: number;
  historyRounds?: number;
  skipHistory?: boolean;
  pacedShare: number;
  skipPaced?: boolean;
  searchRate: number;
  searchClients: number;
  catalogueRounds?: number;
  skipCatalogue?: boolean;
  skipEmbedded?: boolean;
  embeddedScale: number;
  workers: number;
  profile?: 'desks' | 'machines';
  baseline?: string;
  baselineLabel: string;
  out: string;
  cleanup?: boolean;
  quiet?: boolean;
}

const log = (line: string) => console.log(line);
const round3 = (x: number) => Math.round(x * 1000) / 1000;
const round1 = (x: number) => Math.round(x * 10) / 10;

async function main(options: Options) {
  const serverUrl = options.databaseUrl;
  if (options.cleanup) {
    for (const name of await leftoverBenchDatabases(serverUrl)) {
      await dropBenchDatabase(serverUrl, name).then(
        () => log(`dropped ${name}`),
        (error: Error) => log(`kept ${name}: ${error.message}`),
      );
    }
    return;
  }
  const tiny = options.preset === 'tiny';
  const durationSeconds = options.duration ?? (tiny ? 5 : 30);
  const warmupSeconds = options.warmup ?? Math.min(5, Math.max(1, Math.round(durationSeconds / 5)));
  // A service just started climbs for its first 15–25 s on the province (docs/performance.md
  // "Round 10"); a library's runs for days.
  const serviceWarmupSeconds =
    options.serviceWarmup ?? (tiny ? warmupSeconds : Math.max(20, warmupSeconds));
  // Each round is as noisy as the machine (±15% here): four of each on the province.
  const historyRounds = Math.round(options.historyRounds ?? (tiny ? 2 : 4));
  const catalogueRounds = Math.round(options.catalogueRounds ?? (tiny ? 1 : 2));
  const clients = Math.round(options.clients);
  const pgbenchScale = Math.round(options.pgbenchScale ?? clients);
  const scale = scaleOf(options.preset, options.scale);
  const startedAt = new Date();
  const wallStart = performance.now();
  const postgres = await withServer(
    serverUrl,
    async (c) => (await c.query('select version() as v')).rows[0].v as string,
  );
  const machine = {
    cores: os.cpus().length,
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    cpuModel: os.cpus()[0]?.model ?? 'unknown',
    node: process.versions.node,
    postgres,
    loadAverageAtStart: os.loadavg().map((x) => Math.round(x * 100) / 100),
  };
  log(`Library One bench — ${describeScale(scale)}`);
  log(
    `  ${clients} clients, ${Math.round(options.workers)} service process(es), ${warmupSeconds} s warm-up (${serviceWarmupSeconds} s on a service just started) + ${durationSeconds} s per phase; ${machine.cores} cores, ${machine.memoryGb} GB; load average ${machine.loadAverageAtStart.join(' ')}`,
  );

  const databases = new BenchDatabases(serverUrl);
  const children = new Set<{ stop(): Promise<void> }>();
  let interrupted = false;
  const onSignal = () => {
    if (interrupted) return;
    interrupted = true;
    log('\ninterrupted: stopping the service and dropping the bench databases…');
    void (async () => {
      for (const child of children) await child.stop().catch(() => {});
      await databases.dropAll();
      process.exit(130);
    })();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  const serviceWorkers = Math.round(options.workers);
  const service = async (
    database: string,
    profile?: { dir: string },
    command: ServiceCommand = 'deployed',
  ) => {
    const started = performance.now();
    // A profile is one process's: the profiled run is one service process.
    const running = await startService({
      databaseUrl: databases.url(database),
      workers: profile ? 1 : serviceWorkers,
      command,
      ...(profile ? { profileDir: profile.dir } : {}),
    });
    children.add(running);
    await waitReady(running.httpUrl);
    return {
      ...running,
      /** From starting the command to /ready answering 200 (every worker listening). */
      startupMs: Math.round(performance.now() - started),
      stop: async () => {
        await running.stop();
        children.delete(running);
      },
    };
  };

  try {
    // 0. The service the bench measures is the one deployed: dist/, built from this src/.
    buildServiceIfStale(log);

    // 1. The data.
    log('\nGenerating the network (COPY):');
    const progress = new LoadProgress(!options.quiet || true);
    const loadStart = performance.now();
    const network = await generateNetwork(databases, scale, progress, {
      noHistoryCopy: !options.skipHistory,
    });
    const loadSeconds = (performance.now() - loadStart) / 1000;
    const rows = progress.loads.reduce((a, t) => a + t.rows, 0);
    log(
      `  ${rows.toLocaleString('en-US')} rows in ${loadSeconds.toFixed(1)} s (${Math.round(rows / loadSeconds).toLocaleString('en-US')} rows/s overall)`,
    );
    await withServer(serverUrl, (c) => c.query('checkpoint')).catch(() => {});

    // 2. Who lends what: desks at the largest libraries, each with its own borrowers and items.
    const deskCount = Math.min(clients, 24);
    const libraries = deskLibraries(network.generated.plan.libraries, deskCount);
    const workersPerLibrary = Math.ceil(clients / libraries.length);
    const poolDb = await openDatabase({ databaseUrl: databases.url(network.main), poolSize: 1 });
    let terms: SearchTerms | undefined;
    let databaseBytes: number;
    try {
      const size = await sql<{
        bytes: number;
      }>`select pg_database_size(current_database())::bigint as bytes`.execute(poolDb.db);
      databaseBytes = size.rows[0]?.bytes ?? 0;
      log(`  the database takes ${(databaseBytes / 2 ** 30).toFixed(2)} GB on disk`);
      // The catalogue phase's words, from a sample of the generated titles, authors and ISBNs.
      if (!options.skipCatalogue) terms = await sampleSearchTerms(poolDb.db);
    } finally {
      await poolDb.close();
    }
    const poolsDb = await openDatabase({ databaseUrl: databases.url(network.main), poolSize: 1 });
    const pools = await buildPools(
      poolsDb.db,
      libraries,
      workersPerLibrary * 64,
      network.generated.days.today,
    ).finally(() => poolsDb.close());
    const workers = assignWorkers(pools, clients);
    log(
      `\n${workers.length} desks at ${new Set(workers.map((w) => w.libraryId)).size} libraries, ${workers.reduce((a, w) => a + w.borrowers.length, 0)} borrowers, ${workers.reduce((a, w) => a + w.items.length, 0)} items, ${workers.reduce((a, w) => a + w.overdue.length, 0)} overdue copies to take back`,
    );
    const clock = { warmupSeconds, durationSeconds };

    // Start-up on an empty database (migrations included), and its idle memory.
    const emptyDb = await databases.create('empty');
    const emptyService = await service(emptyDb);
    const emptyStartupMs = emptyService.startupMs;
    await emptyService.stop();
    log(`\nStart-up to /ready: ${emptyStartupMs} ms on an empty database (node dist/cli/main.js)`);
    // What a newcomer's `npm start` takes: the TypeScript through tsx, the demo seeded.
    const npmStart = await service(await databases.create('npmstart'), undefined, 'npm-start');
    await npmStart.stop();
    log(`Start-up to /ready: ${npmStart.startupMs} ms with npm start's command (demo seeded)`);

    // 3. Desks over HTTP, then self-check over SIP2, on the service with the full history.
    const main = await service(network.main);
    log(`Start-up to /ready: ${main.startupMs} ms on the ${scale.preset} database`);
    const sessions = await signInDesks(
      main.httpUrl,
      workers.map((w) => w.code),
    );
    const idleMb = residentMb(main.pids);
    log(`Resident memory at idle: ${idleMb ?? '—'} MB`);
    log(
      '\nDesks over HTTP (card scan with the status, checkout with key, renew, return with key)…',
    );
    const sampler = sampleResident(main.pids);
    const deskCpuSampler = sampleCpu(main.pids);
    const metricsAtStart = await scrapeMetrics(main.metricsUrl);
    const databaseAtStart = await readDatabaseTotals(serverUrl);
    const deskLoad = await runDeskLoad({
      ...clock,
      warmupSeconds: serviceWarmupSeconds,
      baseUrl: main.httpUrl,
      workers,
      sessions,
      mix: DESK_MIX,
    });
    const underLoad = sampler.stop();
    const deskCpu = deskCpuSampler.stop(deskLoad.windowMonotonicUs, deskLoad.pairs);
    const metricsAfterDesks = await scrapeMetrics(main.metricsUrl);
    const databaseAfterDesks = await readDatabaseTotals(serverUrl, { settle: true });
    const http = {
      ...deskLoad,
      readsTogether: readsBetween(
        readsTotalsIn(metricsAtStart.text),
        readsTotalsIn(metricsAfterDesks.text),
      ),
      serviceRuntime: runtimeOver(metricsAtStart, metricsAfterDesks),
    };
    log(
      `  resident memory under the desk load: mean ${underLoad.meanMb} MB, max ${underLoad.maxMb} MB`,
    );
    log(
      `  ${http.pairsPerSecond} checkout+return/s, p50 ${http.p50Ms} ms, p95 ${http.p95Ms} ms, p99 ${http.p99Ms} ms`,
    );
    log(`  ${timelineLine(http)}`);
    log(`  ${closedLoopLine(http, clients, TARGETS.p99Ms) ?? ''}`);
    log(`  ${readsTogetherLine(http.readsTogether)}`);
    log(`  ${serviceRuntimeLine(http.serviceRuntime)}`);
    log('Self-check over SIP2 (23 with PIN, 11 ×2 with PIN, 35, 09 ×2)…');
    const machineCpuSampler = sampleCpu(main.pids);
    const selfCheckLoad = await runSelfCheckLoad({
      ...clock,
      host: '127.0.0.1',
      port: main.sip2Port,
      workers,
    });
    const machineCpu = machineCpuSampler.stop(selfCheckLoad.windowMonotonicUs, selfCheckLoad.pairs);
    const databaseAfterMachines = await readDatabaseTotals(serverUrl, { settle: true });
    const metricsAfterMachines = await scrapeMetrics(main.metricsUrl);
    const sip2 = {
      ...selfCheckLoad,
      readsTogether: readsBetween(
        readsTotalsIn(metricsAfterDesks.text),
        readsTotalsIn(metricsAfterMachines.text),
      ),
      serviceRuntime: runtimeOver(metricsAfterDesks, metricsAfterMachines),
    };
    log(
      `  ${sip2.pairsPerSecond} checkout+return/s, p50 ${sip2.p50Ms} ms, p95 ${sip2.p95Ms} ms, p99 ${sip2.p99Ms} ms`,
    );
    log(`  ${readsTogetherLine(sip2.readsTogether)}`);
    log(`  ${serviceRuntimeLine(sip2.serviceRuntime)}`);

    // 4. PostgreSQL's own limit, same server, same number of clients.
    log(
      `pgbench TPC-B (-M prepared, ${clients} clients, scale ${pgbenchScale}), then a bare HTTP server doing its writes…`,
    );
    const pgbenchDb = await preparePgbench(databases, pgbenchScale);
    // Its warm-up run apart, as the service's phases leave theirs out.
    await pgbenchDb.measure(clients, warmupSeconds);
    // pgbench's connections end with its run: their statistics are counted as they close.
    const databaseBeforePgbench = await readDatabaseTotals(serverUrl);
    const pgbenchCpuSampler = sampleCpu([]);
    const pgbenchStartUs = Number(process.hrtime.bigint() / 1000n);
    const pgbench = await pgbenchDb.measure(clients, durationSeconds);
    const databaseAfterPgbench = await readDatabaseTotals(serverUrl);
    const pgbenchCpu = pgbenchCpuSampler.stop(
      [pgbenchStartUs, Number(process.hrtime.bigint() / 1000n)],
      pgbench.transactions ?? Math.round(pgbench.tps * pgbench.seconds),
      false,
    );
    log(`  ${pgbench.tps.toFixed(1)} tps`);
    const cpu = { desks: deskCpu, machines: machineCpu, pgbench: pgbenchCpu };
    log(`  ${cpuLine(cpu)}`);
    const databaseWork = {
      desks: databaseWorkPerUnit(databaseAtStart, databaseAfterDesks, pairsOverPhase(http)),
      machines: databaseWorkPerUnit(
        databaseAfterDesks,
        databaseAfterMachines,
        pairsOverPhase(sip2),
      ),
      pgbench: databaseWorkPerUnit(
        databaseBeforePgbench,
        databaseAfterPgbench,
        pgbench.transactions ?? Math.round(pgbench.tps * pgbench.seconds),
      ),
    };
    log(`  ${databaseWorkLine(databaseWork)}`);
    // The machine's limit for any HTTP service of the desks' round-trip shape, and of one trip.
    const httpFloor: HttpFloor[] = [];
    for (const trips of [3, 1]) {
      const floor = await measureHttpFloor({
        ...clock,
        databaseUrl: databases.url(pgbenchDb.name),
        scale: pgbenchScale,
        clients,
        trips,
      });
      const pairCeiling = floor.requestsPerSecond / 2;
      const measured = {
        ...floor,
        ofPgbench: round3(floor.requestsPerSecond / pgbench.tps),
        pairCeilingOfPgbench: round3(pairCeiling / pgbench.tps),
        httpPairsOfCeiling: round3(http.pairsPerSecond / Math.max(pairCeiling, 1e-9)),
      };
      httpFloor.push(measured);
      log(
        `  a bare HTTP server, pgbench's writes in ${trips} round trip(s) a request: ${floor.requestsPerSecond} requests/s (${measured.ofPgbench} × pgbench); a pair of such requests at most ${measured.pairCeilingOfPgbench} × pgbench${floor.firstError ? `; ${floor.errors} failed: ${floor.firstError}` : ''}`,
      );
    }

    // 5. History independence: the same checkout+return load, alternating between the network
    //    with its loan history and the copy made before it was loaded. Compared alike: each
    //    database vacuumed (the one with the history has kept the desks' and the machines' dead
    //    loans, its copy none; autovacuum, off on the bench's machines, takes loans after some
    //    20,000 returns here, migration 0037), and each served by a service started for the
    //    rounds — the main service, after the desk and self-check phases' varied traffic, made
    //    8–9% fewer checkouts than a new one on the same database in two probes (round 20).
    let history: BenchResult['phases']['history'] = null;
    if (network.noHistory) {
      log(
        `History: checkouts with ${scale.pastLoans.toLocaleString('en-US')} past loans vs none, ${historyRounds} rounds each…`,
      );
      for (const database of [network.main, network.noHistory]) {
        await withServer(databases.url(database), (c) => c.query('vacuum'));
      }
      // Their writes flushed now, not by a checkpoint during the rounds.
      await withServer(serverUrl, (c) => c.query('checkpoint')).catch(() => {});
      const historySide = async (database: string) => {
        const running = await service(database);
        const codes = workers.map((w) => w.code);
        return {
          running,
          sessions: await signInDesks(running.httpUrl, codes),
          rates: [] as number[],
        };
      };
      const withPast = await historySide(network.main);
      const withNone = await historySide(network.noHistory);
      const sides = [withPast, withNone];
      const round = async (side: typeof withPast) => {
        side.rates.push(
          (
            await runDeskLoad({
              ...clock,
              // Each service is new: its first round gets a new service's warm-up.
              ...(side.rates.length === 0 ? { warmupSeconds: serviceWarmupSeconds } : {}),
              baseUrl: side.running.httpUrl,
              workers,
              sessions: side.sessions,
              mix: CHECKOUT_RETURN_ONLY,
            })
          ).checkoutsPerSecond,
        );
      };
      const { rates: withHistory } = withPast;
      const { rates: withoutHistory } = withNone;
      for (let r = 0; r < historyRounds; r++) {
        // Alternate which goes first, so that a trend in the machine's load favours neither.
        for (const side of r % 2 === 0 ? sides : [...sides].reverse()) await round(side);
        log(
          `  round ${r + 1}: ${withHistory.at(-1)} with history, ${withoutHistory.at(-1)} without (checkouts/s)`,
        );
      }
      for (const side of sides) await side.running.stop();
      history = {
        withHistory,
        withoutHistory,
        pastLoans: scale.pastLoans,
        withHistoryMean: meanOf(withHistory),
        withoutHistoryMean: meanOf(withoutHistory),
      };
    }
    // The desks again, each at a fixed pace below the machine's limit: the wait at a desk when
    // the machine has room, beside the closed loop's (whose latency is its queue, Little's law).
    // After the history rounds, which compare the main database as the desks and machines left it.
    let paced: BenchResult['phases']['httpPaced'] = null;
    if (!options.skipPaced) {
      const offered = http.requestsPerSecond * options.pacedShare;
      log(
        `Desks over HTTP at a fixed pace: ${offered.toFixed(1)} requests/s offered (${options.pacedShare} of the first phase's), latency from when each was due…`,
      );
      const metricsBeforePaced = await scrapeMetrics(main.metricsUrl);
      const pacedLoad = await runDeskLoad({
        ...clock,
        baseUrl: main.httpUrl,
        workers,
        sessions,
        mix: DESK_MIX,
        pace: offered / workers.length,
      });
      const serviceRuntime = runtimeOver(metricsBeforePaced, await scrapeMetrics(main.metricsUrl));
      paced = {
        share: options.pacedShare,
        offeredPerSecond: round1(offered),
        ...pacedLoad,
        serviceRuntime,
      };
      log(
        `  ${pacedLoad.requestsPerSecond} requests/s answered, p50 ${pacedLoad.p50Ms} ms, p95 ${pacedLoad.p95Ms} ms, p99 ${pacedLoad.p99Ms} ms`,
      );
      log(`  ${serviceRuntimeLine(serviceRuntime)}`);
    }

    // The portal last on this service: a catalogue search still running on the server when the
    // phase ends must not weigh on pgbench or the history rounds.
    log('Member portal (sign in, loans, catalogue search, sign out)…');
    const portal = await runPortalLoad({ ...clock, baseUrl: main.httpUrl, workers });
    log(
      `  ${portal.pairsPerSecond} visits/s, p50 ${portal.p50Ms} ms, p95 ${portal.p95Ms} ms, p99 ${portal.p99Ms} ms`,
    );

    // The catalogue phase: the searches alone (what a search costs on this machine: the latency
    // targets), the desks alone, then the same desks with the same searches beside them (the
    // desks' drop; the searches' latencies there are shown, beside desks that saturate the CPU).
    let catalogue: BenchResult['phases']['catalogue'] = null;
    if (terms) {
      const searchClients = Math.round(options.searchClients);
      const searchRate = options.searchRate;
      log(
        `Catalogue: ${searchRate} searches/s arriving alone, then ${catalogueRounds} round(s) of the desks alone and beside the same searches, at most ${searchClients} in flight (Korean words, English words, authors, ISBNs, misses)…`,
      );
      const desks = () =>
        runDeskLoad({ ...clock, baseUrl: main.httpUrl, workers, sessions, mix: DESK_MIX });
      const searchLoad = () =>
        runCatalogueLoad({
          ...clock,
          baseUrl: main.httpUrl,
          terms,
          rate: searchRate,
          clients: searchClients,
        });
      // The machine's CPU in each run of the phase (bench/load/cpu.ts), per search or desk pair.
      const measured = async <T>(
        run: () => Promise<T>,
        unitsOf: (result: T) => { window: [number, number]; units: number },
      ) => {
        const sampler = sampleCpu(main.pids);
        const result = await run();
        const { window, units } = unitsOf(result);
        // The searches' open loop may end (its last arrival answered) before its window does.
        const left = window[1] - Number(process.hrtime.bigint() / 1000n);
        if (left > 0) await sleep(Math.ceil(left / 1000) + 1);
        return { result, cpu: sampler.stop(window, units) };
      };
      const searchesIn = (l: CatalogueLoad) => ({
        window: l.searches.windowMonotonicUs,
        units: l.searches.pairsPerSecond * l.searches.seconds,
      });
      const pairsIn = (d: PhaseSummary) => ({ window: d.windowMonotonicUs, units: d.pairs });
      const { result: alone, cpu: perSearchAlone } = await measured(searchLoad, searchesIn);
      // The desks alone and beside the searches, alternating which goes first (alone, beside;
      // beside, alone; …): a drift in the machine's speed during the phase favours neither.
      const deskAloneRounds: PhaseSummary[] = [];
      const besideRounds: [PhaseSummary, CatalogueLoad][] = [];
      const perDeskPairAlone: (CpuPerUnit | null)[] = [];
      const perDeskPairBeside: (CpuPerUnit | null)[] = [];
      const desksAlone = async () => {
        const { result, cpu } = await measured(desks, pairsIn);
        deskAloneRounds.push(result);
        perDeskPairAlone.push(cpu);
      };
      const besideSearches = async () => {
        const { result, cpu } = await measured(
          () => Promise.all([desks(), searchLoad()]),
          ([d]) => pairsIn(d),
        );
        besideRounds.push(result);
        perDeskPairBeside.push(cpu);
      };
      for (let r = 0; r < catalogueRounds; r++) {
        if (r % 2 === 0) {
          await desksAlone();
          await besideSearches();
        } else {
          await besideSearches();
          await desksAlone();
        }
      }
      const deskAlone = deskAloneRounds[0]!;
      const [deskWithSearches, load] = besideRounds[0]!;
      const { searches } = load;
      const pairsAlone = deskAloneRounds.map((d) => d.pairsPerSecond);
      const pairsBeside = besideRounds.map(([d]) => d.pairsPerSecond);
      const deskDropPercent = dropPercent(pairsAlone, pairsBeside);
      catalogue = {
        searchRate,
        offeredPerSecond: load.offeredPerSecond,
        answeredPerSecond: load.answeredPerSecond,
        searchClients,
        mix: QUERY_MIX,
        terms: Object.fromEntries(Object.entries(terms).map(([k, v]) => [k, v.length])),
        searches,
        searchesAlone: alone.searches,
        offeredAlonePerSecond: alone.offeredPerSecond,
        answeredAlonePerSecond: alone.answeredPerSecond,
        deskAlone,
        deskWithSearches,
        deskAloneRounds: pairsAlone,
        deskWithSearchesRounds: pairsBeside,
        deskDropPercent,
        cpu: { perSearchAlone, perDeskPairAlone, perDeskPairBeside },
      };
      const byKind = (s: typeof searches) =>
        Object.entries(s.ops)
          .map(([kind, o]) => `${kind} p95 ${o.p95Ms} ms`)
          .join(', ');
      log(
        `  alone: ${alone.offeredPerSecond} searches/s offered, ${alone.answeredPerSecond} answered, p50 ${alone.searches.p50Ms} ms, p95 ${alone.searches.p95Ms} ms, p99 ${alone.searches.p99Ms} ms (${byKind(alone.searches)})`,
      );
      log(
        `  beside the desks: ${load.offeredPerSecond} searches/s offered, ${load.answeredPerSecond} answered, p50 ${searches.p50Ms} ms, p95 ${searches.p95Ms} ms, p99 ${searches.p99Ms} ms (${byKind(searches)})`,
      );
      log(
        `  desks: ${pairsAlone.join(', ')} checkout+return/s alone, ${pairsBeside.join(', ')} with the searches (means: ${deskDropPercent}% fewer)`,
      );
      const cpuInPhase = catalogueCpuLine(catalogue);
      if (cpuInPhase) log(`  ${cpuInPhase}`);
    }

    await main.stop();

    // 6. Where the time goes: the desks' or the machines' load on a service started with --cpu-prof.
    let profile: BenchResult['profile'] = null;
    if (options.profile) {
      const load = options.profile;
      log(`Profiling the service under the ${profiledLoad(load)} (node --cpu-prof)…`);
      // Node writes one profile per thread (a worker thread would write its own): each
      // run gets a directory, and the main thread's profile (thread id 0) is the service's.
      const dir = path.join(options.out, 'profiles', startedAt.toISOString().replace(/[:.]/g, '-'));
      mkdirSync(dir, { recursive: true });
      const profiled = await service(network.main, { dir });
      const profiledClock = { ...clock, warmupSeconds: serviceWarmupSeconds };
      const under =
        load === 'desks'
          ? await runDeskLoad({
              ...profiledClock,
              baseUrl: profiled.httpUrl,
              workers,
              sessions: await signInDesks(
                profiled.httpUrl,
                workers.map((w) => w.code),
              ),
              mix: DESK_MIX,
            })
          : await runSelfCheckLoad({
              ...profiledClock,
              host: '127.0.0.1',
              port: profiled.sip2Port,
              workers,
            });
      await profiled.stop();
      const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
      const mainProfile =
        files.find((f) => /\.\d+\.0\.\d+\.cpuprofile$/.test(f)) ??
        files.sort(
          (a, b) => statSync(path.join(dir, b)).size - statSync(path.join(dir, a)).size,
        )[0];
      if (!mainProfile) throw new Error(`no CPU profile in ${dir}`);
      profile = summariseProfile(path.join(dir, mainProfile), under.windowMonotonicUs);
      profile.underLoad = under.pairsPerSecond;
      profile.load = load;
      log(
        `  ${under.pairsPerSecond} checkout+return/s while profiling; busiest: ${profile.byArea
          .slice(0, 4)
          .map((a) => `${a.area} ${a.percent}%`)
          .join(', ')}; idle ${profile.idlePercent}%`,
      );
    }

    // The server's part is done: its databases go, and the writes the phases left behind are
    // flushed now rather than during the embedded engine's measurement on the same disk and cores.
    await databases.dropAll();
    await withServer(serverUrl, (c) => c.query('checkpoint')).catch(() => {});

    // 7. Embedded mode.
    let embedded: BenchResult['phases']['embedded'] = null;
    if (!options.skipEmbedded) {
      log('Embedded mode (PGlite): raw 3-statement transactions vs checkouts through HTTP…');
      embedded = await runEmbedded({
        clients,
        warmupSeconds,
        serviceWarmupSeconds,
        durationSeconds,
        fraction: options.embeddedScale,
        log,
      });
    }

    const httpTps = http.pairsPerSecond;
    const sip2Tps = sip2.pairsPerSecond;
    const ratioHistory = history
      ? round3(history.withHistoryMean / Math.max(history.withoutHistoryMean, 1e-9))
      : null;
    const ratioEmbedded = embedded ? round3(embedded.ratio) : null;
    const measured: Record<TargetName, number | null> = {
      ratioHttpToPgbench: round3(httpTps / pgbench.tps),
      ratioSip2ToHttp: round3(sip2Tps / Math.max(httpTps, 1e-9)),
      ratioHistory,
      ratioEmbedded,
      p99Ms: http.p99Ms,
      // The latency targets are read on the searches alone (docs/performance.md "Catalogue").
      searchP95Ms: catalogue?.searchesAlone
        ? searchP95(catalogue.searchesAlone.pairsPerSecond, catalogue.searchesAlone.p95Ms)
        : null,
      isbnP95Ms: catalogue?.searchesAlone
        ? searchP95(
            catalogue.searchesAlone.ops.isbn?.perSecond ?? 0,
            catalogue.searchesAlone.ops.isbn?.p95Ms,
          )
        : null,
      deskDropPercent: catalogue?.deskDropPercent ?? null,
    };
    const targets = Object.fromEntries(
      (Object.keys(TARGETS) as TargetName[]).map((k) => [
        k,
        {
          target: TARGETS[k],
          measured: measured[k],
          met: targetMet(k, measured[k]),
        },
      ]),
    ) as BenchResult['targets'];
    const finishedAt = new Date();
    const result: BenchResult = {
      startedAt: startedAt.toISOString(),
      finishedAt: finishedAt.toISOString(),
      wallSeconds: Math.round((performance.now() - wallStart) / 1000),
      httpCheckoutReturnTps: httpTps,
      sip2CheckoutReturnTps: sip2Tps,
      pgbenchTps: Math.round(pgbench.tps * 10) / 10,
      ratioHttpToPgbench: measured.ratioHttpToPgbench!,
      ratioSip2ToHttp: measured.ratioSip2ToHttp!,
      ratioHistory,
      ratioEmbedded,
      p50Ms: http.p50Ms,
      p95Ms: http.p95Ms,
      p99Ms: http.p99Ms,
      targets,
      scale: { ...scale, actualOpenLoans: network.generated.openLoans },
      machine,
      settings: {
        clients,
        workers: serviceWorkers,
        warmupSeconds,
        serviceWarmupSeconds,
        durationSeconds,
        deskLibraries: new Set(workers.map((w) => w.libraryId)).size,
        deskMix: DESK_MIX,
        pgbenchScale,
        historyRounds: options.skipHistory ? 0 : historyRounds,
        pacedShare: options.skipPaced ? null : options.pacedShare,
        searchRate: catalogue?.searchRate ?? null,
        searchClients: catalogue?.searchClients ?? null,
        catalogueRounds: catalogue ? catalogueRounds : 0,
        embeddedScale: options.skipEmbedded ? null : options.embeddedScale,
      },
      load: {
        tables: progress.loads,
        rows,
        seconds: Math.round(loadSeconds * 10) / 10,
        rowsPerSecond: Math.round(rows / loadSeconds),
        databaseBytes,
      },
      phases: {
        http,
        httpPaced: paced,
        sip2,
        portal,
        catalogue,
        pgbench,
        httpFloor,
        history,
        embedded,
      },
      cpu,
      databaseWork,
      profile,
      paths: MEASURED_PATHS,
      footprint: {
        startupMs: {
          emptyDatabase: emptyStartupMs,
          provinceDatabase: main.startupMs,
          npmStart: npmStart.startupMs,
        },
        residentMb: { idle: idleMb, deskLoadMean: underLoad.meanMb, deskLoadMax: underLoad.maxMb },
      },
    };
    if (options.baseline) {
      const before = JSON.parse(readFileSync(options.baseline, 'utf8')) as BenchResult;
      result.baseline = {
        file: path.relative(ROOT, path.resolve(options.baseline)),
        label: options.baselineLabel,
        figures: headline(before),
      };
    }
    mkdirSync(options.out, { recursive: true });
    writeFileSync(path.join(options.out, 'latest.json'), `${JSON.stringify(result, null, 2)}\n`);
    writeFileSync(path.join(options.out, 'latest.md'), markdown(result, notesOf(result, workers)));
    log(`\n${summaryTable(result)}\n`);
    log(
      `Wrote ${path.relative(process.cwd(), path.join(options.out, 'latest.json'))} and latest.md (${result.wallSeconds} s in all).`,
    );
  } finally {
    for (const child of children) await child.stop().catch(() => {});
    await databases.dropAll();
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** Plain sentences on each target, for the Markdown summary. */
function notesOf(r: BenchResult, workers: Worker[]): string[] {
  const notes: string[] = [];
  const t = r.targets;
  const say = (name: TargetName, text: string) =>
    notes.push(
      `${t[name].met === null ? 'Not measured' : t[name].met ? 'Met' : 'Missed'}: ${text}`,
    );
  say(
    'ratioHttpToPgbench',
    `HTTP checkout+return ÷ pgbench = ${r.ratioHttpToPgbench} (target ≥ ${TARGETS.ratioHttpToPgbench}).`,
  );
  say('p99Ms', `p99 of every desk request = ${r.p99Ms} ms (target ≤ ${TARGETS.p99Ms} ms).`);
  const paced = r.phases.httpPaced;
  if (paced) {
    notes.push(
      `Shown: the same desks each at a fixed pace, ${paced.offeredPerSecond} requests/s offered (${paced.share} of the closed loop's ${r.phases.http.requestsPerSecond}), ${paced.requestsPerSecond} answered: p99 ${paced.p99Ms} ms (p50 ${paced.p50Ms}, p95 ${paced.p95Ms}), latency counted from when each request was due. The closed loop's p99 is read at the machine's limit, where a request's latency is mostly its wait in the queue.`,
    );
  }
  say(
    'ratioSip2ToHttp',
    `SIP2 ÷ HTTP = ${r.ratioSip2ToHttp} (target ≥ ${TARGETS.ratioSip2ToHttp}).`,
  );
  say(
    'ratioHistory',
    `checkouts with the loan history ÷ without = ${r.ratioHistory ?? '—'} (target ≥ ${TARGETS.ratioHistory}).`,
  );
  say(
    'ratioEmbedded',
    `embedded HTTP checkouts ÷ raw engine transactions = ${r.ratioEmbedded ?? '—'} (target ≥ ${TARGETS.ratioEmbedded}).`,
  );
  if (r.phases.catalogue) {
    const c = r.phases.catalogue;
    say(
      'searchP95Ms',
      `p95 of every catalogue search, ${c.offeredAlonePerSecond ?? '—'} searches/s offered alone (${c.answeredAlonePerSecond ?? '—'} answered, at most ${c.searchClients} in flight) = ${r.targets.searchP95Ms.measured} ms (target ≤ ${TARGETS.searchP95Ms} ms); beside the desks ${c.searches.p95Ms} ms.`,
    );
    say(
      'isbnP95Ms',
      `p95 of the ISBN searches alone = ${r.targets.isbnP95Ms.measured ?? '—'} ms (target ≤ ${TARGETS.isbnP95Ms} ms); beside the desks ${c.searches.ops.isbn?.p95Ms ?? '—'} ms.`,
    );
    notes.push(
      `Beside the desks every search waits for CPU: ${r.settings.clients} closed-loop desks keep ${r.machine.cores} cores busy, so those latencies (p95 ${c.searches.p95Ms} ms, ISBN ${c.searches.ops.isbn?.p95Ms ?? '—'} ms) are queueing for the CPU, shown, not the targets' reading; the desks' drop is.`,
    );
    say(
      'deskDropPercent',
      `desk checkout+return/s with the searches running: ${deskRates(c.deskWithSearchesRounds, c.deskWithSearches)} vs ${deskRates(c.deskAloneRounds, c.deskAlone)} alone, ${c.deskDropPercent}% fewer (target ≤ ${TARGETS.deskDropPercent}%).`,
    );
  }
  if (r.profile) {
    const areas = r.profile.byArea
      .slice(0, 5)
      .map((a) => `${a.area} ${a.percent}%`)
      .join(', ');
    notes.push(
      `The service's CPU under the ${profiledLoad(r.profile.load)} (busy time by area): ${areas}; idle ${r.profile.idlePercent}%.`,
    );
  }
  const runtime = runtimeNote(r.machine.node);
  if (runtime) notes.push(runtime);
  const refused = (p: PhaseSummary) => Object.values(p.errors).reduce((a, b) => a + b, 0);
  const errors = refused(r.phases.http) + refused(r.phases.sip2);
  if (errors > 0)
    notes.push(
      `${errors} requests were refused or failed during the HTTP and SIP2 phases (listed below).`,
    );
  notes.push(
    `${workers.length} desks (and as many self-check machines and portal users) at ${r.settings.deskLibraries} of the largest libraries; each visit lends available items to a member who may borrow there (four in five the library's own members, one in five checked in from elsewhere) and takes them back. Desks: ${MEASURED_PATHS.http}. Machines: ${MEASURED_PATHS.sip2}. Portal: ${MEASURED_PATHS.portal}.`,
  );
  return notes;
}

program.action(async (options: Options) => {
  await main(options);
});
await program.parseAsync();
