import { once } from 'node:events';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_TERMINAL_PASSWORD, terminalUsername } from '../../src/modules/terminals/terminals.js';
import { Sip2Client } from '../../src/sip2/client.js';
import { scratchDatabase } from '../reliability/support.js';
import { GN } from '../sip2/support.js';
import { type RunningService, startService } from '../support/process.js';
import { noServer, serverUrl } from '../support/server.js';

/** Polls until `check` holds (no fixed sleeps: each round waits for the database's answer). */
async function until(
  check: () => Promise<boolean>,
  what: string,
  explain: () => Promise<string> = async () => '',
): Promise<void> {
  for (let round = 0; round < 50_000; round++) {
    if (await check()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error(`never happened: ${what} ${await explain()}`);
}

/** Resolves once the service has printed `text`. */
function noticed(running: RunningService, text: string): Promise<void> {
  return new Promise((resolve) => {
    const check = () => {
      if (!running.output().includes(text)) return;
      running.child.stdout!.off('data', check);
      resolve();
    };
    running.child.stdout!.on('data', check);
    check();
  });
}

/**
 * A deploy stops the service (SIGTERM) while a self-check machine and a browser are each waiting
 * for an answer: both get it, then the process exits on its own, within its grace period (exit
 * code 0; past the bound it exits 1). The requests are held in flight by a lock on the items
 * and records tables, taken from outside, so the test knows they are under way when the signal comes.
 */
describe.skipIf(noServer)('graceful shutdown with requests in flight (PostgreSQL server)', () => {
  let scratch: Awaited<ReturnType<typeof scratchDatabase>>;
  let service: RunningService | undefined;
  let locker: pg.Client | undefined;
  let watcher: pg.Client | undefined;
  beforeAll(async () => {
    scratch = await scratchDatabase(serverUrl, 'lo_stop');
  });
  afterAll(async () => {
    await locker?.end().catch(() => {});
    await watcher?.end().catch(() => {});
    if (service && service.child.exitCode === null) service.child.kill('SIGKILL');
    await scratch?.drop();
  });

  it('answers the SIP2 and the HTTP request under way, then exits 0', async () => {
    service = await startService({ DATABASE_URL: scratch.url }, ['start', '--demo']);
    const sip2Port = Number(/SIP2 on [^\s]+:(\d+)/.exec(service.output())?.[1]);
    const machine = await Sip2Client.connect('127.0.0.1', sip2Port, {
      institutionId: GN,
      timeoutMs: 60_000,
    });
    const login = await machine.login({
      loginUserId: terminalUsername(GN),
      loginPassword: DEMO_TERMINAL_PASSWORD,
    });
    expect(login.ok).toBe(true);

    locker = new pg.Client({ connectionString: scratch.url });
    await locker.connect();
    await locker.query('begin');
    await locker.query('lock table items, bib_records in access exclusive mode');
    // Watched from another connection: inside the locker's transaction, pg_stat_activity is
    // one snapshot that never changes.
    watcher = new pg.Client({ connectionString: scratch.url });
    await watcher.connect();
    // The notice worker's passes (every 5 seconds; the demo has notices due) read the same
    // tables and may wait on the lock too: only the two requests are counted.
    const waitingOnLock = (n: number) => async () => {
      const { rows } = await watcher!.query<{ n: number }>(
        `select count(*)::int as n from pg_stat_activity
          where datname = current_database() and wait_event_type = 'Lock'
            and query not ilike '%notices%'`,
      );
      return rows[0]!.n >= n;
    };
    const sessions = async () => {
      const { rows } = await watcher!.query(
        `select state, wait_event_type, left(query, 120) as query from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid()`,
      );
      return JSON.stringify(rows);
    };
    const httpAnswer = fetch(`${service.httpUrl}/api/v1/catalogue?q=stop`);
    await until(waitingOnLock(1), 'the HTTP request waiting on the records table', sessions);
    const sip2Answer = machine.itemInformation({ itemIdentifier: 'STOP-1' });
    await until(waitingOnLock(2), 'the SIP2 request waiting too', sessions);

    const exited = once(service.child, 'exit');
    service.child.kill('SIGTERM');
    await noticed(service, 'Received SIGTERM');
    await locker.query('commit');

    const item = await sip2Answer;
    expect(item.code).toBe('18');
    expect(item.itemIdentifier).toBe('STOP-1');
    const response = await httpAnswer;
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ titles: [], nextCursor: null });
    // The machine keeps its line open, as self-check machines do: the service ends it.
    const [code] = await exited;
    expect(code, service.output()).toBe(0);
    expect(service.output()).not.toContain('not closed within');
    await machine.close().catch(() => {});
  }, 180_000);
});
