/**
 * Self-check traffic through SIP2: each worker is a machine at a library (a TCP connection logged
 * in with 93 as that library's terminal). A patron session is what kiosks send: the card and PIN
 * (AD) with 23 Patron Status, each item lent with 11 carrying the same AD, 35 End Patron Session;
 * then the items taken back with 09 (a return needs no patron). The network rule "machines
 * require the PIN" is on, as in a new network.
 */
import { terminalUsername } from '../../src/modules/terminals/terminals.js';
import { Sip2Client } from '../../src/sip2/client.js';
import { BENCH_PASSWORD, BENCH_PIN } from '../generate/network.js';
import type { Worker } from './pools.js';
import { type PhaseClock, type PhaseSummary, phaseWindow, Recorder } from './stats.js';

export interface SelfCheckOptions extends PhaseClock {
  host: string;
  port: number;
  workers: Worker[];
  /** Items lent per patron session. */
  itemsPerSession?: number;
}

function codeOf(screen: string | undefined): string {
  return /\[([A-Z_]+)\]/.exec(screen ?? '')?.[1] ?? 'REFUSED';
}

export async function runSelfCheckLoad(options: SelfCheckOptions): Promise<PhaseSummary> {
  const clients = await Promise.all(
    options.workers.map(async (worker) => {
      const client = await Sip2Client.connect(options.host, options.port, {
        institutionId: worker.code,
        timeoutMs: 30_000,
      });
      const login = await client.login({
        loginUserId: terminalUsername(worker.code),
        loginPassword: BENCH_PASSWORD,
      });
      if (!login.ok) throw new Error(`SIP2 login failed for ${terminalUsername(worker.code)}`);
      return client;
    }),
  );
  const { start, end } = phaseWindow(options);
  const recorder = new Recorder(start, end);
  try {
    await Promise.all(
      options.workers.map(async (worker, w) => {
        const client = clients[w]!;
        const items = [...worker.items];
        let cycle = 0;
        let next = 0;
        const timed = async <T extends { ok?: boolean; screenMessage?: string }>(
          op: string,
          send: () => Promise<T>,
          ok: (answer: T) => boolean = (answer) => answer.ok === true,
        ) => {
          const started = performance.now();
          const answer = await send();
          const good = ok(answer);
          recorder.request(
            op,
            started,
            performance.now(),
            good ? undefined : codeOf(answer.screenMessage),
          );
          return good ? answer : undefined;
        };
        while (performance.now() < end && items.length > 0) {
          const borrower = worker.borrowers[cycle % worker.borrowers.length]!;
          cycle += 1;
          const patron = { patronIdentifier: borrower.card, patronPassword: BENCH_PIN };
          const opened = await timed(
            'patron',
            () => client.patronStatus(patron),
            (answer) => answer.validPatronPassword === true,
          );
          if (!opened) continue;
          const lent: string[] = [];
          for (let i = 0; i < (options.itemsPerSession ?? 2) && items.length > 0; i++) {
            const item = items[next++ % items.length]!;
            if (lent.includes(item)) break;
            const done = await timed('checkout', () =>
              client.checkout({ ...patron, itemIdentifier: item }),
            );
            if (done) lent.push(item);
          }
          await timed(
            'end',
            () => client.endSession({ patronIdentifier: borrower.card }),
            () => true,
          );
          for (const item of lent) {
            const back = await timed('return', () =>
              client.checkin({ itemIdentifier: item, currentLocation: worker.code }),
            );
            if (back) recorder.pair(performance.now());
            else items.splice(items.indexOf(item), 1);
          }
        }
      }),
    );
  } finally {
    await Promise.all(clients.map((c) => c.close().catch(() => {})));
  }
  return recorder.summary();
}
