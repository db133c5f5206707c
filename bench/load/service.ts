/** Starts the service (or another bench child) as a child process and stops it cleanly. */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline';

export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ChildHandle<T> {
  child: ChildProcess;
  ready: T;
  /** Further JSON lines the child prints. */
  next(): Promise<Record<string, unknown>>;
  send(message: Record<string, unknown>): void;
  stop(): Promise<void>;
  /** The last of what the child wrote to stderr (all of it once it has stopped). */
  stderr(): string;
}

/** A child that ended before it was told to: with its exit code, or the signal that ended it. */
export class ChildExited extends Error {
  constructor(
    message: string,
    readonly signal: NodeJS.Signals | null,
  ) {
    super(message);
  }
}

export interface SpawnOptions {
  script: string;
  env?: Record<string, string>;
  /** Write a V8 CPU profile of the child into this directory. */
  cpuProfileDir?: string;
  cpuProfileName?: string;
  stdin?: boolean;
}

/** Spawns `node --import tsx <script>` and waits for its first JSON line. */
export async function spawnChild<T>(options: SpawnOptions): Promise<ChildHandle<T>> {
  const args = [
    ...(options.cpuProfileDir
      ? [
          '--cpu-prof',
          `--cpu-prof-dir=${options.cpuProfileDir}`,
          ...(options.cpuProfileName ? [`--cpu-prof-name=${options.cpuProfileName}`] : []),
        ]
      : []),
    '--import',
    'tsx',
    options.script,
  ];
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...options.env },
    stdio: [options.stdin ? 'pipe' : 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr += chunk;
    if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
  });
  const lines = createInterface({ input: child.stdout! });
  const queue: Record<string, unknown>[] = [];
  const waiting: ((line: Record<string, unknown>) => void)[] = [];
  let failed: Error | undefined;
  const failers: ((error: Error) => void)[] = [];
  lines.on('line', (line) => {
    let parsed: Record<string, unknown>;
    try {
      parsed = JSON.parse(line) as Record<string, unknown>;
    } catch {
      return;
    }
    const waiter = waiting.shift();
    failers.shift();
    if (waiter) waiter(parsed);
    else queue.push(parsed);
  });
  child.once('exit', (code, signal) => {
    failed = new ChildExited(
      `${options.script} exited (${code ?? signal}): ${stderr.trim().slice(-2_000)}`,
      signal,
    );
    for (const fail of failers.splice(0)) fail(failed);
    waiting.length = 0;
  });
  const next = () =>
    new Promise<Record<string, unknown>>((resolve, reject) => {
      const queued = queue.shift();
      if (queued) return resolve(queued);
      if (failed) return reject(failed);
      waiting.push(resolve);
      failers.push(reject);
    });
  const ready = (await next()) as T;
  return {
    child,
    ready,
    next,
    send(message) {
      child.stdin!.write(`${JSON.stringify(message)}\n`);
    },
    stop: () => stopChild(child),
    stderr: () => stderr,
  };
}

/** SIGTERM, and SIGKILL if the process has not exited 30 s later. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
  await exited;
  clearTimeout(timer);
}

/**
 * How the service is started: as it is deployed (`node dist/cli/main.js start`, docs/deploy.md),
 * or as `npm start` starts it (the TypeScript through tsx, the demo seeded into an empty database).
 */
export type ServiceCommand = 'deployed' | 'npm-start';

export interface RunningService {
  httpUrl: string;
  sip2Port: number;
  /** The processes that serve: the one started, and its workers when WORKERS is above 1. */
  pids: number[];
  /** Its /metrics (every worker's figures summed), on a port of its own. */
  metricsUrl: string;
  stop(): Promise<void>;
}

export interface ServiceOptions {
  databaseUrl: string;
  workers: number;
  command: ServiceCommand;
  /** Write a V8 CPU profile of the service into this directory. */
  profileDir?: string;
}

/** What the CLI's banner says: where it serves, and its worker processes if there are several. */
function readBanner(lines: string[]): Omit<RunningService, 'stop' | 'pids'> & {
  workerPids: number[];
} {
  const text = lines.join('\n');
  const httpUrl = /Web and API:\s+(https?:\/\/\S+?)\/\s/.exec(text)?.[1];
  const sip2Port = /Self-check:\s+SIP2(?: over TLS)? on \S+:(\d+)/.exec(text)?.[1];
  const metricsUrl = /Metrics:\s+(\S+)/.exec(text)?.[1];
  if (!httpUrl || !sip2Port || !metricsUrl)
    throw new Error(`no address in the service's banner:\n${text}`);
  const workerPids = (/Workers:\s+\d+ processes \(pids ([\d, ]+)\)/.exec(text)?.[1] ?? '')
    .split(',')
    .map((pid) => Number(pid.trim()))
    .filter((pid) => pid > 0);
  return { httpUrl, sip2Port: Number(sip2Port), metricsUrl, workerPids };
}

const BANNER_END = 'Press Ctrl+C to stop.';

/**
 * Starts the service with the CLI, as an operator does, on ports the system picks; resolves once
 * its banner is printed (every worker listens). The bench's own settings come as environment variables.
 */
export async function startService(options: ServiceOptions): Promise<RunningService> {
  const command =
    options.command === 'deployed'
      ? ['dist/cli/main.js', 'start']
      : ['--import', 'tsx', 'src/cli/main.ts', 'start', '--demo'];
  const profile = options.profileDir ? ['--cpu-prof', `--cpu-prof-dir=${options.profileDir}`] : [];
  const child = spawn(process.execPath, [...profile, ...command], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: options.databaseUrl,
      PORT: '0',
      SIP2_PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      // The notices' daily scheduler and their delivery are not a desk's load: left on, the
      // service would make and send a province's morning of notices during the measured phases.
      NOTICE_WORKER: 'off',
      // The portal phase's members each come from an address of their own (X-Forwarded-For).
      TRUST_PROXY: '127.0.0.1',
      WORKERS: String(options.workers),
      // Read between phases: how many reads the statements sent together answered.
      METRICS_PORT: '0',
      METRICS_HOST: '127.0.0.1',
      METRICS_TOKEN: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr!.on('data', (chunk) => {
    stderr = (stderr + chunk).slice(-10_000);
  });
  const banner: string[] = [];
  const printed = new Promise<void>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on('line', (line) => {
      banner.push(line);
      if (line === BANNER_END) resolve();
    });
    child.once('exit', (code, signal) =>
      reject(new Error(`the service exited (${code ?? signal}): ${stderr.trim().slice(-2_000)}`)),
    );
  });
  try {
    await printed;
  } catch (error) {
    await stopChild(child);
    throw error;
  }
  const { workerPids, ...address } = readBanner(banner);
  return {
    ...address,
    pids: [child.pid, ...workerPids].filter((pid): pid is number => pid !== undefined),
    stop: () => stopChild(child),
  };
}

function newestModification(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) {
      newest = Math.max(newest, statSync(path.join(entry.parentPath, entry.name)).mtimeMs);
    }
  }
  return newest;
}

/** `npm run build` when dist/ is missing or older than a file of src/: the bench runs dist/. */
export function buildServiceIfStale(log: (line: string) => void): void {
  const main = path.join(ROOT, 'dist/cli/main.js');
  const built = existsSync(main) ? statSync(main).mtimeMs : 0;
  if (built >= newestModification(path.join(ROOT, 'src'))) return;
  log('Building the service as it is deployed (npm run build)…');
  const result = spawnSync('npm', ['run', '-s', 'build'], { cwd: ROOT, encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`npm run build failed:\n${result.stdout}${result.stderr}`.slice(-4_000));
  }
}
