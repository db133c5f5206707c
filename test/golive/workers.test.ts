import { once } from 'node:events';
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import http from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { scratchDatabase } from '../reliability/support.js';
import { type RunningService, spawnCli, startService } from '../support/process.js';
import { noServer, serverUrl } from '../support/server.js';

/** The parent of a process, from /proc (undefined once it is gone). */
function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name (2nd field) is in parentheses and may hold spaces: count after it.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

/** The processes a process has started and not yet reaped (from /proc). */
function childrenOf(pid: number): number[] {
  try {
    return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8')
      .split(' ')
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** How many established TCP connections to `port` the process holds (its sockets in /proc). */
function connectionsHeld(pid: number, port: number): number {
  const inodes = new Set<string>();
  for (const fd of readdirSync(`/proc/${pid}/fd`)) {
    try {
      const socket = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`))?.[1];
      if (socket) inodes.add(socket);
    } catch {
      // closed meanwhile
    }
  }
  const hexPort = `:${port.toString(16).toUpperCase().padStart(4, '0')}`;
  return readFileSync('/proc/net/tcp', 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.trim().split(/\s+/))
    .filter(([, local, , state, , , , , , inode]) => {
      return local?.endsWith(hexPort) && state === '01' && inodes.has(inode ?? '');
    }).length;
}

/** GET over a connection of the agent's; the answer's status. */
function get(url: string, agent: http.Agent): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent }, (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
      })
      .on('error', reject);
  });
}

/** `concurrent` requests at once, each on a connection of its own, kept open afterwards. */
async function holdConnections(url: string, concurrent: number) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrent });
  const statuses = await Promise.all(Array.from({ length: concurrent }, () => get(url, agent)));
  return { statuses, close: () => agent.destroy() };
}

function workerPids(output: string): number[] {
  const pids = /Workers:\s+\d+ processes \(pids ([\d, ]+)\)/.exec(output)?.[1] ?? '';
  return pids.split(', ').filter(Boolean).map(Number);
}

function healthRequestsCounted(metricsText: string): number {
  const line = metricsText
    .split('\n')
    .find((l) => l.startsWith('library_one_http_requests_total{') && l.includes('route="/health"'));
  return Number(line?.split(' ').at(-1) ?? 0);
}

async function until(check: () => boolean, what: string): Promise<void> {
  for (let round = 0; round < 6_000; round++) {
    if (check()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error(`never happened: ${what}`);
}

/**
 * WORKERS=2 (docs/deploy.md "Several processes"): the desks' connections are spread over both
 * processes, /metrics counts what both answered, a worker killed outright is replaced while the
 * other keeps serving, and SIGTERM stops them all.
 */
describe.skipIf(noServer)('several worker processes (WORKERS=2, PostgreSQL server)', () => {
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let service: RunningService | undefined;
  beforeAll(async () => {
    scratch = await scratchDatabase(serverUrl, 'lo_work');
  });
  afterAll(async () => {
    if (service && service.child.exitCode === null) service.child.kill('SIGKILL');
    await scratch?.drop();
  });

  it('spreads connections over the workers, sums their metrics, replaces a dead one and stops them all', async () => {
    service = await startService({ DATABASE_URL: scratch.url, WORKERS: '2', METRICS_PORT: '0' }, [
      'start',
      '--demo',
    ]);
    const running = service;
    const primary = running.child.pid!;
    const port = Number(new URL(running.httpUrl).port);
    const metricsUrl = /Metrics:\s+(\S+)/.exec(running.output())?.[1];
    const [first, second] = workerPids(running.output());
    expect([first, second].map((pid) => parentOf(pid!))).toEqual([primary, primary]);

    // Eight desks at once, each on its connection: both processes hold some of them.
    const desks = await holdConnections(`${running.httpUrl}/health`, 8);
    expect(desks.statuses).toEqual(Array(8).fill(200));
    const held = [first!, second!].map((pid) => connectionsHeld(pid, port));
    desks.close();
    expect(held[0]! + held[1]!).toBe(8);
    expect(Math.min(...held)).toBeGreaterThan(0);

    // /metrics (served by the primary) counts the answers of both.
    const metrics = await fetch(metricsUrl!);
    expect(metrics.status).toBe(200);
    expect(healthRequestsCounted(await metrics.text())).toBe(8);

    // A worker killed outright: the other keeps answering, and another takes the dead one's place.
    process.kill(first!, 'SIGKILL');
    await until(() => !alive(first!), 'the worker died');
    const meanwhile = await holdConnections(`${running.httpUrl}/health`, 4);
    meanwhile.close();
    expect(meanwhile.statuses).toEqual(Array(4).fill(200));
    await until(
      () => /worker process (\d+) serves in place of/.test(running.output()),
      'a replacement listens',
    );
    expect(running.output()).toContain(
      `worker process ${first} died (killed by SIGKILL); starting another`,
    );
    const replacement = Number(
      /worker process (\d+) serves in place of/.exec(running.output())![1],
    );
    expect(parentOf(replacement)).toBe(primary);
    const after = await holdConnections(`${running.httpUrl}/health`, 8);
    expect(after.statuses).toEqual(Array(8).fill(200));
    expect(connectionsHeld(replacement, port)).toBeGreaterThan(0);
    after.close();

    // SIGTERM to the service: every worker finishes and exits, then the primary, with 0.
    expect(await running.stop('SIGTERM')).toBe(0);
    expect([second!, replacement].filter(alive)).toEqual([]);
  }, 120_000);

  it('stops workers that are still starting as it stops serving ones: none outlives the service', async () => {
    const child = spawnCli(['start', '--demo'], { DATABASE_URL: scratch.url, WORKERS: '2' });
    let output = '';
    child.stdout!.on('data', (chunk) => {
      output += chunk;
    });
    child.stderr!.on('data', (chunk) => {
      output += chunk;
    });
    const exited = once(child, 'exit');
    let workers: number[] = [];
    try {
      // SIGTERM once both workers are forked and before they listen (the banner comes after).
      await until(() => childrenOf(child.pid!).length === 2, 'both workers forked');
      workers = childrenOf(child.pid!);
      expect(output).not.toContain('Press Ctrl+C to stop.');
      child.kill('SIGTERM');
      const [code] = await exited;
      const outlived = workers.filter(alive);
      expect(outlived).toEqual([]);
      expect(code).toBe(0);
      expect(output).toContain('Received SIGTERM; stopping the worker processes…');
    } finally {
      for (const pid of [child.pid!, ...workers].filter(alive)) process.kill(pid, 'SIGKILL');
    }
  }, 120_000);

  it('stops with exit code 1 when a dead worker cannot be replaced (its database gone)', async () => {
    const doomed = await scratchDatabase(serverUrl, 'lo_work');
    const running = await startService({ DATABASE_URL: doomed.url, WORKERS: '2' }, ['start']);
    const [first, second] = workerPids(running.output());
    // The database disappears under the running workers (as a lost server would), then one dies:
    // its replacement cannot open the database, so the service exits for systemd to restart it.
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`drop database ${doomed.name} with (force)`);
    await admin.end();
    const exited = once(running.child, 'exit');
    process.kill(first!, 'SIGKILL');
    const [code] = await exited;
    expect(code).toBe(1);
    expect(running.output()).toContain(
      `worker process ${first} died (killed by SIGKILL); starting another`,
    );
    expect(running.output()).toMatch(/a worker process exited before it listened .*; stopping/);
    expect([first!, second!].filter(alive)).toEqual([]);
  }, 120_000);
});
