/**
 * Crash test: many desks (HTTP) and self-check machines (SIP2) at several libraries run a random
 * mix of registrations, check-ins, checkouts, returns and renewals against the real entry point,
 * while the service is killed with SIGKILL several times and (on PostgreSQL) the database server
 * is restarted once. Afterwards: every acknowledged operation is in the database, none was
 * applied twice, and the invariants hold. Runs on the embedded database and on PostgreSQL.
 *
 *   npm run crash-test                 # the full size
 *   npm run crash-test -- --small      # the CI size
 *   npm run crash-test -- --mode embedded --kills 10 --desks 16
 *
 * Writes crash-test.json. Exits 1 on any violation, any 5xx other than 503, or no progress.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import pg from 'pg';
import { lockDataDir } from '../src/platform/db/data-dir-lock.js';
import { type Database, openDatabase } from '../src/platform/db/database.js';
import { FIXTURE_MEMBER_PASSWORD, type Fixtures, prepareFixtures } from './fixtures.js';
import { freePort, ServiceProcess } from './service.js';
import { verify } from './verify.js';
import { describeOperation, nearTheViolation, operationsBehind, seconds } from './witnesses.js';
import { Desk, Machine, type Op, Requester, World } from './workload.js';

type Mode = 'embedded' | 'postgres';

interface Options {
  mode: 'both' | Mode;
  small: boolean;
  desks?: string;
  machines?: string;
  kills?: string;
  libraries?: string;
  uptime?: string;
  pgRestart: boolean;
  databaseUrl: string;
  pgCluster: string;
  out: string;
  seed?: string;
  services?: string;
}

interface Size {
  desks: number;
  machines: number;
  kills: number;
  libraries: number;
  /** Seconds of traffic between two kills (random between half and all of it). */
  uptime: number;
  /** Hard limit for one mode, in seconds. */
  limit: number;
}

interface ModeReport {
  mode: Mode;
  durationMs: number;
  desks: number;
  machines: number;
  libraries: number;
  operations: {
    sent: number;
    acknowledged: number;
    appliedAnswerLost: number;
    /** Their kinds, when there are any (e.g. `hold ×1`): the paths that still store after the commit. */
    appliedKinds?: string;
    /** Of those, the ones whose CONFLICT named what they made (checked by that id). */
    appliedNamed: number;
    /** The kinds of those it did not name, when there are any (e.g. `register ×2`). */
    appliedUnnamedKinds?: string;
    refused: number;
    unanswered: number;
    retries: number;
    /** A machine's checkouts, renewals and returns answered as made earlier today (no new effect). */
    madeEarlierToday: number;
    /** Their kinds, when there are any (e.g. `checkout ×3, return ×1`). */
    madeEarlierKinds?: string;
    byKind: Record<string, { sent: number; acknowledged: number }>;
    byChannel: Record<string, { sent: number; acknowledged: number }>;
  };
  services: number;
  kills: number;
  serviceStarts: number;
  postgresRestarts: number;
  serverErrors5xx: number;
  checks: number;
  violations: string[];
  /** When violations were found: the kills and restarts, and the operations behind each one. */
  disruptions?: string[];
  witnesses?: { violation: string; operations: string[] }[];
}

/** A failed run's report explains its first violations; the console shows each one's nearest lines. */
const WITNESSED_VIOLATIONS = 10;
const WITNESS_LINES = 30;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const between = (low: number, high: number) => low + Math.random() * (high - low);

/** The kinds of the operations `which` picks, counted (`hold ×2, register ×1`), or undefined. */
function kindsOf(ops: readonly Op[], which: (op: Op) => boolean): string | undefined {
  const counts = new Map<string, number>();
  for (const op of ops) if (which(op)) counts.set(op.kind, (counts.get(op.kind) ?? 0) + 1);
  if (counts.size === 0) return undefined;
  return [...counts].map(([kind, n]) => `${kind} ×${n}`).join(', ');
}

/** The kinds of a machine's operations answered as made earlier today. */
function madeEarlierKinds(ops: readonly Op[]): { madeEarlierKinds?: string } {
  const kinds = kindsOf(ops, (op) => op.repeat === true);
  return kinds ? { madeEarlierKinds: kinds } : {};
}

/** The kinds of the "applied, answer lost" operations, and of those whose CONFLICT named nothing. */
function appliedKinds(ops: readonly Op[]): { appliedKinds?: string; appliedUnnamedKinds?: string } {
  const applied = kindsOf(ops, (op) => op.outcome === 'applied');
  const unnamed = kindsOf(ops, (op) => op.outcome === 'applied' && op.appliedId === undefined);
  return {
    ...(applied ? { appliedKinds: applied } : {}),
    ...(unnamed ? { appliedUnnamedKinds: unnamed } : {}),
  };
}

function log(message: string) {
  console.log(`[crash ${new Date().toISOString().slice(11, 19)}] ${message}`);
}

async function pgReady(serverUrl: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function waitForPostgres(serverUrl: string, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await pgReady(serverUrl)) return true;
    await sleep(500);
  }
  return false;
}

/** Restarts the machine's PostgreSQL server (the shared one: quickly, and it must come back). */
async function restartPostgres(cluster: string, serverUrl: string): Promise<void> {
  const [version, name] = cluster.split('/');
  execFileSync(
    'pg_ctlcluster',
    ['--skip-systemctl-redirect', version!, name!, 'restart', '--mode', 'fast'],
    { stdio: 'inherit', timeout: 60_000 },
  );
  if (!(await waitForPostgres(serverUrl, 60_000))) throw new Error('PostgreSQL did not come back');
}

function ensurePostgresRunning(cluster: string) {
  try {
    execFileSync('pg_isready', ['-h', '127.0.0.1', '-q'], { timeout: 10_000 });
  } catch {
    const [version, name] = cluster.split('/');
    log('PostgreSQL is down: starting it');
    execFileSync('pg_ctlcluster', ['--skip-systemctl-redirect', version!, name!, 'start'], {
      stdio: 'inherit',
      timeout: 60_000,
    });
  }
}

async function openStore(
  mode: Mode,
  where: string,
): Promise<{ database: Database; release: () => void }> {
  if (mode === 'embedded') {
    const release = lockDataDir(where);
    return { database: await openDatabase({ dataDir: where }), release };
  }
  return { database: await openDatabase({ databaseUrl: where, poolSize: 4 }), release: () => {} };
}

async function runMode(mode: Mode, size: Size, options: Options): Promise<ModeReport> {
  const started = Date.now();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `lo-crash-${mode}-`));
  const serverUrl = options.databaseUrl;
  const dbName = `lo_crash_${Date.now().toString(36)}_${process.pid}`;
  const where =
    mode === 'embedded'
      ? path.join(dir, 'data')
      : (() => {
          const url = new URL(serverUrl);
          url.pathname = `/${dbName}`;
          return url.toString();
        })();
  if (mode === 'postgres') {
    if (!(await pgReady(serverUrl))) throw new Error(`no PostgreSQL server at ${serverUrl}`);
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`create database ${dbName}`);
    await admin.end();
  }
  const env: Record<string, string> =
    mode === 'embedded' ? { DATA_DIR: where } : { DATABASE_URL: where };
  // On PostgreSQL several service processes may share the database, each killed in turn.
  const count = mode === 'postgres' ? Math.max(1, Number(options.services ?? 1)) : 1;
  const services: ServiceProcess[] = [];
  for (let i = 0; i < count; i++) {
    services.push(
      new ServiceProcess(
        env,
        await freePort(),
        await freePort(),
        path.join(dir, `service-${i}.log`),
      ),
    );
  }
  const service = services[0]!;
  const serviceOf = (i: number) => services[i % services.length]!;
  let postgresRestarts = 0;
  const disruptions: string[] = [];
  const report = (world: World | null, checks: number, violations: string[]): ModeReport => {
    const ops = world?.ops ?? [];
    const sure = (o: Op) => o.outcome === 'acked' || o.outcome === 'applied';
    const tally = (key: (o: Op) => string) => {
      const table: Record<string, { sent: number; acknowledged: number }> = {};
      for (const op of ops) {
        const entry = table[key(op)] ?? { sent: 0, acknowledged: 0 };
        table[key(op)] = entry;
        entry.sent++;
        if (sure(op)) entry.acknowledged++;
      }
      return table;
    };
    return {
      mode,
      durationMs: Date.now() - started,
      desks: size.desks,
      machines: size.machines,
      libraries: size.libraries,
      operations: {
        sent: ops.length,
        acknowledged: ops.filter(sure).length,
        appliedAnswerLost: ops.filter((o) => o.outcome === 'applied').length,
        appliedNamed: ops.filter((o) => o.appliedId !== undefined).length,
        ...appliedKinds(ops),
        refused: ops.filter((o) => o.outcome === 'refused').length,
        unanswered: ops.filter((o) => o.outcome === 'unknown').length,
        retries: ops.reduce((n, o) => n + Math.max(0, o.attempts - 1), 0),
        madeEarlierToday: ops.filter((o) => o.repeat).length,
        ...madeEarlierKinds(ops),
        byKind: tally((o) => o.kind),
        byChannel: tally((o) => o.channel),
      },
      services: services.length,
      kills: services.reduce((n, s) => n + s.kills, 0),
      serviceStarts: services.reduce((n, s) => n + s.starts, 0),
      postgresRestarts,
      serverErrors5xx: world?.serverErrors ?? 0,
      checks,
      violations,
    };
  };
  /** A failed run explains itself: the disruptions, and what the clients did around each violation. */
  const explained = (r: ModeReport, ops: Op[], runStart: number): ModeReport =>
    r.violations.length === 0
      ? r
      : {
          ...r,
          disruptions,
          witnesses: r.violations.slice(0, WITNESSED_VIOLATIONS).map((violation) => ({
            violation,
            operations: operationsBehind(violation, ops).map((op) =>
              describeOperation(op, runStart),
            ),
          })),
        };

  try {
    // The demo, then the fixtures, with the service stopped.
    log(`${mode}: first start (demo data)`);
    await service.start();
    await service.stop();
    let fixtures: Fixtures;
    {
      const { database, release } = await openStore(mode, where);
      try {
        fixtures = await prepareFixtures(database.db, {
          libraries: size.libraries,
          membersPerLibrary: 4,
          itemsPerLibrary: 40,
        });
      } finally {
        await database.close();
        release();
      }
    }
    log(
      `${mode}: ${fixtures.libraries.length} libraries, ${fixtures.members.length} members, ${fixtures.overdue.length} overdue loans; starting the traffic`,
    );
    // All at once: their migrations wait for each other (the advisory lock).
    await Promise.all(services.map((s) => s.start()));

    const world = new World(fixtures);
    const runStart = Date.now();
    let running = true;
    const until = () => running;
    const desks = Array.from(
      { length: size.desks },
      (_, i) =>
        new Desk(
          serviceOf(i).baseUrl,
          fixtures.libraries[i % fixtures.libraries.length]!,
          world,
          until,
        ),
    );
    const machines = Array.from(
      { length: size.machines },
      (_, i) =>
        new Machine(
          serviceOf(i).sip2Port,
          fixtures.libraries[(i * 2 + 1) % fixtures.libraries.length]!,
          world,
          until,
        ),
    );
    // Members with no overdue loan request titles of other libraries, one journey at a time.
    const overdueCards = new Set(fixtures.overdue.map((o) => o.card));
    const requesters = fixtures.members
      .filter((m) => !overdueCards.has(m.card))
      .slice(0, Math.max(2, Math.ceil(size.desks / 2)))
      .map(
        (member, i) =>
          new Requester(
            serviceOf(i).baseUrl,
            member,
            FIXTURE_MEMBER_PASSWORD,
            fixtures.libraries,
            fixtures.requestTitles,
            world,
            until,
          ),
      );
    const loops = [
      ...requesters.map(async (requester) => {
        await requester.signIn();
        while (running) {
          await requester.step();
          await sleep(between(5, 40));
        }
      }),
      ...desks.map(async (desk) => {
        await desk.signIn();
        while (running) await desk.step();
      }),
      ...machines.map(async (machine) => {
        while (running) {
          await machine.step();
          await sleep(between(5, 40));
        }
        await machine.close();
      }),
    ];

    // The kills, at random moments, and the PostgreSQL restart between two of them.
    const restartAfter =
      mode === 'postgres' && options.pgRestart ? Math.floor(Math.random() * size.kills) : -1;
    const limit = started + size.limit * 1000;
    for (let k = 0; k < size.kills && Date.now() < limit; k++) {
      await sleep(between(size.uptime * 500, size.uptime * 1000));
      const victim = Math.floor(Math.random() * services.length);
      log(
        `${mode}: SIGKILL #${k + 1} of service ${victim + 1}/${services.length} (${world.ops.length} operations so far)`,
      );
      disruptions.push(`SIGKILL of service ${victim + 1} at ${seconds(Date.now(), runStart)} s`);
      await services[victim]!.kill9();
      await sleep(between(100, 1500));
      await services[victim]!.start();
      if (k === restartAfter) {
        await sleep(between(size.uptime * 300, size.uptime * 600));
        log(`${mode}: restarting PostgreSQL`);
        const down = seconds(Date.now(), runStart);
        await restartPostgres(options.pgCluster, serverUrl);
        disruptions.push(`PostgreSQL restarted ${down}–${seconds(Date.now(), runStart)} s`);
        postgresRestarts++;
      }
    }
    await sleep(size.uptime * 700);
    running = false;
    log(`${mode}: stopping the traffic`);
    await Promise.race([Promise.all(loops), sleep(30_000)]);
    await Promise.all(services.map((s) => s.stop()));
    // One more start and stop after the last kill: the data must still be there.
    await service.start();
    await service.stop();

    log(`${mode}: verifying ${world.ops.length} operations`);
    const { database, release } = await openStore(mode, where);
    try {
      const { checked, violations } = await verify(database.db, world.ops, fixtures, runStart);
      return explained(report(world, checked, violations), world.ops, runStart);
    } finally {
      await database.close();
      release();
    }
  } finally {
    for (const s of services) {
      await s.stop().catch(() => {});
      s.close();
    }
    if (mode === 'postgres') {
      ensurePostgresRunning(options.pgCluster);
      await waitForPostgres(serverUrl, 60_000);
      const admin = new pg.Client({ connectionString: serverUrl });
      await admin.connect();
      await admin.query(`drop database if exists ${dbName} with (force)`);
      await admin.end();
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function printReport(r: ModeReport) {
  const o = r.operations;
  console.log(
    `\n${r.mode}: ${(r.durationMs / 1000).toFixed(0)} s, ${r.services} service process(es), ${r.desks} desks (HTTP) and ${r.machines} machines (SIP2) at ${r.libraries} libraries`,
  );
  console.log(
    `  operations: ${o.sent} sent, ${o.acknowledged} acknowledged (${o.appliedAnswerLost} of them "applied, answer lost"${o.appliedKinds ? ` (${o.appliedKinds})` : ''}, ${o.appliedNamed} of those naming what they made${o.appliedUnnamedKinds ? `; not: ${o.appliedUnnamedKinds}` : ''}), ${o.refused} refused, ${o.unanswered} unanswered; ${o.retries} retries; ${o.madeEarlierToday} machine answers "made earlier today"${o.madeEarlierKinds ? ` (${o.madeEarlierKinds})` : ''}`,
  );
  for (const [kind, t] of Object.entries(o.byKind)) {
    console.log(
      `    ${kind.padEnd(9)} ${String(t.sent).padStart(6)} sent ${String(t.acknowledged).padStart(6)} acknowledged`,
    );
  }
  console.log(
    `  SIGKILLs: ${r.kills}, service starts: ${r.serviceStarts}, PostgreSQL restarts: ${r.postgresRestarts}, 5xx other than 503: ${r.serverErrors5xx}`,
  );
  console.log(`  checks: ${r.checks}, violations: ${r.violations.length}`);
  for (const v of r.violations.slice(0, 30)) console.log(`    ✗ ${v}`);
  if (r.disruptions) console.log(`  disruptions: ${r.disruptions.join('; ')}`);
  for (const w of r.witnesses ?? []) {
    console.log(`  behind "${w.violation}":`);
    const shown = nearTheViolation(w.violation, w.operations, WITNESS_LINES);
    for (const line of shown) console.log(`    ${line}`);
    if (shown.length < w.operations.length)
      console.log(`    (${w.operations.length - shown.length} more in the report)`);
  }
}

/** The machine's cluster, as .ci/run finds it: the first version under /etc/postgresql. */
function defaultCluster(): string {
  try {
    const version = fs.readdirSync('/etc/postgresql').sort()[0];
    if (version) return `${version}/main`;
  } catch {
    // not a Debian-style installation
  }
  return '15/main';
}

const program = new Command('crash-test')
  .option('--mode <mode>', 'embedded, postgres or both', 'both')
  .option('--small', 'the CI size: a few clients, 3 kills per database', false)
  .option('--desks <n>', 'HTTP desk clients')
  .option('--machines <n>', 'SIP2 self-check clients')
  .option('--kills <n>', 'SIGKILLs per database')
  .option('--libraries <n>', 'libraries the clients work at')
  .option('--uptime <s>', 'seconds of traffic between kills')
  .option('--no-pg-restart', 'do not restart the PostgreSQL server')
  .option(
    '--database-url <url>',
    'the PostgreSQL server (a database is created and dropped on it)',
    process.env.CRASH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
  )
  .option('--pg-cluster <version/name>', 'the cluster pg_ctlcluster restarts', defaultCluster())
  .option('--services <n>', 'service processes on the one PostgreSQL database (postgres mode)')
  .option('--out <file>', 'the report', 'crash-test.json');
program.parse();
const options = program.opts<Options>();

const base: Size = options.small
  ? { desks: 6, machines: 3, kills: 3, libraries: 4, uptime: 6, limit: 240 }
  : { desks: 16, machines: 8, kills: 6, libraries: 8, uptime: 12, limit: 600 };
const size: Size = {
  ...base,
  desks: Number(options.desks ?? base.desks),
  machines: Number(options.machines ?? base.machines),
  kills: Number(options.kills ?? base.kills),
  libraries: Number(options.libraries ?? base.libraries),
  uptime: Number(options.uptime ?? base.uptime),
};
const modes: Mode[] = options.mode === 'both' ? ['embedded', 'postgres'] : [options.mode];

const watchdog = setTimeout(
  () => {
    console.error('crash test: over its time limit; giving up');
    if (modes.includes('postgres')) ensurePostgresRunning(options.pgCluster);
    process.exit(2);
  },
  (size.limit * modes.length + 180) * 1000,
);
watchdog.unref();

const reports: ModeReport[] = [];
let failed = false;
for (const mode of modes) {
  try {
    const r = await runMode(mode, size, options);
    reports.push(r);
    printReport(r);
    if (r.violations.length > 0 || r.serverErrors5xx > 0 || r.operations.acknowledged === 0)
      failed = true;
  } catch (error) {
    failed = true;
    console.error(`crash test (${mode}) failed to run:`, error);
  }
}
const totals = {
  operationsAcknowledged: reports.reduce((n, r) => n + r.operations.acknowledged, 0),
  operationsSent: reports.reduce((n, r) => n + r.operations.sent, 0),
  kills: reports.reduce((n, r) => n + r.kills, 0),
  postgresRestarts: reports.reduce((n, r) => n + r.postgresRestarts, 0),
  serverErrors5xx: reports.reduce((n, r) => n + r.serverErrors5xx, 0),
  violations: reports.reduce((n, r) => n + r.violations.length, 0),
};
fs.writeFileSync(
  options.out,
  `${JSON.stringify({ at: new Date().toISOString(), size, totals, modes: reports }, null, 2)}\n`,
);
console.log(
  `\ncrash test: ${totals.operationsAcknowledged} operations acknowledged, ${totals.kills} SIGKILLs, ${totals.postgresRestarts} PostgreSQL restarts, ${totals.serverErrors5xx} 5xx, ${totals.violations} violations → ${options.out}`,
);
process.exit(failed ? 1 : 0);
