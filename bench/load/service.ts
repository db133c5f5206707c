/** Starts the service (or another bench child) as a child process and stops it cleanly. */
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
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
    failed = new Error(
      `${options.script} exited (${code ?? signal}): ${stderr.trim().slice(-2_000)}`,
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
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 30_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface ServiceReady {
  httpUrl: string;
  sip2Port: number;
  /** With WORKERS above 1: the processes that serve (the spawned one only supervises them). */
  workerPids?: number[];
}

export function startService(databaseUrl: string, workers: number, profile?: { dir: string }) {
  return spawnChild<ServiceReady>({
    script: 'bench/load/service-main.ts',
    env: {
      DATABASE_URL: databaseUrl,
      PORT: '0',
      SIP2_PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      // The notices' daily scheduler and their delivery are not a desk's load: left on, the
      // service would make and send a province's morning of notices during the measured phases.
      NOTICE_WORKER: 'off',
      // The portal phase's members each come from an address of their own (X-Forwarded-For).
      TRUST_PROXY: '127.0.0.1',
      WORKERS: String(workers),
    },
    ...(profile ? { cpuProfileDir: profile.dir } : {}),
  });
}
