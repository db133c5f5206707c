/**
 * Self-check traffic through SIP2: each worker is a machine at a library (a TCP connection logged
 * in with 93 as that library's terminal), lending with 11 and taking back with 09. Members scan
 * their card without a PIN (AD empty), as machines configured for card-only checkout do: with a
 * PIN every checkout would also pay for an Argon2 verification.
 */
import { terminalUsername } from '../../src/modules/terminals/terminals.js';
import { Sip2Client } from '../../src/sip2/client.js';
import { BENCH_PASSWORD } from '../generate/network.js';
import type { Worker } from './pools.js';
import { type PhaseClock, type PhaseSummary, phaseWindow, Recorder } from './stats.js';

export interface SelfCheckOptions extends PhaseClock {
  host: string;
  port: number;
  workers: Worker[];
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
        while (performance.now() < end && items.length > 0) {
          const borrower = worker.borrowers[cycle % worker.borrowers.length]!;
          const itemIndex = cycle % items.length;
          const item = items[itemIndex]!;
          cycle += 1;
          let started = performance.now();
          const lent = await client.checkout({
            patronIdentifier: borrower.card,
            itemIdentifier: item,
          });
          recorder.request(
            'checkout',
            started,
            performance.now(),
            lent.ok ? undefined : codeOf(lent.screenMessage),
          );
          if (!lent.ok) continue;
          started = performance.now();
          const back = await client.checkin({ itemIdentifier: item, currentLocation: worker.code });
          recorder.request(
            'return',
            started,
            performance.now(),
            back.ok ? undefined : codeOf(back.screenMessage),
          );
          if (back.ok) recorder.pair(performance.now());
          else items.splice(itemIndex, 1);
        }
      }),
    );
  } finally {
    await Promise.all(clients.map((c) => c.close().catch(() => {})));
  }
  return recorder.summary();
}
