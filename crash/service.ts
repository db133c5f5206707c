import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import fs from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');

/** A free TCP port on 127.0.0.1 (fixed for the whole run, so clients find the service again). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The real entry point (`library-one start --demo`) as a child process: started, killed with
 * SIGKILL mid-run, started again, and stopped cleanly at the end. Its output goes to a log file.
 */
export class ServiceProcess {
  #child: ChildProcess | null = null;
  readonly #log: fs.WriteStream;
  starts = 0;
  kills = 0;

  constructor(
    readonly env: Record<string, string>,
    readonly httpPort: number,
    readonly sip2Port: number,
    logFile: string,
  ) {
    this.#log = fs.createWriteStream(logFile, { flags: 'a' });
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${this.httpPort}`;
  }

  get running(): boolean {
    return this.#child !== null && this.#child.exitCode === null && this.#child.signalCode === null;
  }

  async start(timeoutMs = 120_000): Promise<void> {
    this.starts++;
    this.#log.write(`\n=== start #${this.starts} at ${new Date().toISOString()}\n`);
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'src/cli/main.ts', 'start', '--demo'],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          DATABASE_URL: '',
          LOG_LEVEL: 'warn',
          HOST: '127.0.0.1',
          PORT: String(this.httpPort),
          SIP2_PORT: String(this.sip2Port),
          ...this.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    this.#child = child;
    child.stdout!.pipe(this.#log, { end: false });
    child.stderr!.pipe(this.#log, { end: false });
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (child.exitCode !== null || child.signalCode !== null) {
        throw new Error(`the service exited at start (${child.exitCode ?? child.signalCode})`);
      }
      try {
        const response = await fetch(`${this.baseUrl}/ready`, {
          signal: AbortSignal.timeout(2_000),
        });
        await response.arrayBuffer();
        if (response.status === 200) return;
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
    throw new Error(`the service was not ready within ${timeoutMs} ms`);
  }

  /** SIGKILL: no shutdown code runs, as in a power cut or an OOM kill. */
  async kill9(): Promise<void> {
    const child = this.#child;
    if (!child || !this.running) return;
    this.kills++;
    this.#log.write(`\n=== SIGKILL at ${new Date().toISOString()}\n`);
    const exited = once(child, 'exit');
    child.kill('SIGKILL');
    await exited;
  }

  /** SIGTERM, then SIGKILL if it lingers. */
  async stop(timeoutMs = 20_000): Promise<void> {
    const child = this.#child;
    if (!child || !this.running) return;
    const exited = once(child, 'exit');
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
  }

  close(): void {
    this.#log.end();
  }
}
