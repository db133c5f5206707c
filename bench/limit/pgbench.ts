/**
 * PostgreSQL's own limit on this machine: pgbench's TPC-B-like transaction (three updates, a
 * select and an insert) with prepared statements and as many clients as the service's load, in a
 * database the bench creates for it (`pgbench -i -s N`) on the same server.
 */
import { spawn } from 'node:child_process';
import type { BenchDatabases } from '../databases.js';
import { assertBenchDatabase } from '../safety.js';

export interface PgbenchResult {
  tps: number;
  latencyMs: number | null;
  clients: number;
  threads: number;
  seconds: number;
  scale: number;
  transactions: number | null;
}

function run(args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('pgbench', args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(out)
        : reject(new Error(`pgbench ${args.join(' ')} failed (${code}): ${out.slice(-2000)}`)),
    );
  });
}

export function parsePgbench(output: string): {
  tps: number;
  latencyMs: number | null;
  transactions: number | null;
} {
  const tps =
    /tps = ([\d.]+) \(without initial connection time\)/.exec(output) ??
    /tps = ([\d.]+)/.exec(output);
  if (!tps) throw new Error(`no tps in pgbench output:\n${output}`);
  const latency = /latency average = ([\d.]+) ms/.exec(output);
  const transactions = /number of transactions actually processed: (\d+)/.exec(output);
  return {
    tps: Number(tps[1]),
    latencyMs: latency ? Number(latency[1]) : null,
    transactions: transactions ? Number(transactions[1]) : null,
  };
}

/** pgbench's connection options for a server URL (a Unix socket's directory from `?host=`). */
export function connectionArgs(serverUrl: string): { args: string[]; env: NodeJS.ProcessEnv } {
  const url = new URL(serverUrl);
  // A Unix socket's directory comes as `?host=/var/run/postgresql`, as node-postgres reads it.
  const host = url.searchParams.get('host') || url.hostname || '127.0.0.1';
  const args = ['-h', decodeURIComponent(host), '-p', url.port || '5432'];
  if (url.username) args.push('-U', decodeURIComponent(url.username));
  const env = { ...process.env };
  if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
  return { args, env };
}

/** Creates and initialises its own database once; `measure` can then be called several times. */
export async function preparePgbench(databases: BenchDatabases, scale: number) {
  const name = await databases.create('pgbench');
  await assertBenchDatabase(databases.serverUrl, name);
  const { args, env } = connectionArgs(databases.serverUrl);
  await run([...args, '-i', '-q', '-s', String(scale), name], env);
  return {
    name,
    async measure(clients: number, seconds: number, threads = 2): Promise<PgbenchResult> {
      await assertBenchDatabase(databases.serverUrl, name);
      const output = await run(
        [
          ...args,
          '-M',
          'prepared',
          '-c',
          String(clients),
          '-j',
          String(Math.min(threads, clients)),
          '-T',
          String(seconds),
          name,
        ],
        env,
      );
      return {
        ...parsePgbench(output),
        clients,
        threads: Math.min(threads, clients),
        seconds,
        scale,
      };
    },
  };
}
