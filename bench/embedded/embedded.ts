/**
 * The embedded comparison: checkouts per second through the HTTP service on the embedded engine,
 * against the same engine's raw 3-statement transactions per second, in one child process.
 */

import type { Scale } from '../generate/scale.js';
import { CHECKOUT_RETURN_ONLY, runDeskLoad, signInDesks } from '../load/desk.js';
import { assignWorkers, type LibraryPool } from '../load/pools.js';
import { spawnChild } from '../load/service.js';
import type { PhaseSummary } from '../load/stats.js';

export interface EmbeddedResult {
  scale: Scale;
  loadSeconds: number;
  rawTps: number;
  checkoutTps: number;
  ratio: number;
  checkout: PhaseSummary;
}

export async function runEmbedded(options: {
  clients: number;
  warmupSeconds: number;
  durationSeconds: number;
  fraction: number;
  log: (line: string) => void;
}): Promise<EmbeddedResult> {
  const child = await spawnChild<{ scale: Scale; loadSeconds: number; pools: LibraryPool[] }>({
    script: 'bench/embedded/child.ts',
    stdin: true,
    env: {
      BENCH_EMBEDDED_SCALE: String(options.fraction),
      BENCH_EMBEDDED_DESKS: String(Math.min(options.clients, 10)),
    },
  });
  try {
    const { scale, loadSeconds, pools } = child.ready;
    options.log(`  embedded network loaded in ${loadSeconds.toFixed(1)} s`);
    child.send({ cmd: 'raw', warmup: options.warmupSeconds, seconds: options.durationSeconds });
    const { raw } = (await child.next()) as { raw: { tps: number } };
    options.log(`  raw 3-statement transactions: ${raw.tps.toFixed(0)}/s`);
    child.send({ cmd: 'serve' });
    const { httpUrl } = (await child.next()) as { httpUrl: string };
    const workers = assignWorkers(pools, options.clients);
    const sessions = await signInDesks(
      httpUrl,
      workers.map((w) => w.code),
    );
    const checkout = await runDeskLoad({
      baseUrl: httpUrl,
      workers,
      sessions,
      mix: CHECKOUT_RETURN_ONLY,
      checkoutOnly: true,
      warmupSeconds: options.warmupSeconds,
      durationSeconds: options.durationSeconds,
    });
    options.log(
      `  HTTP checkouts on the embedded engine: ${checkout.checkoutsPerSecond.toFixed(0)}/s`,
    );
    return {
      scale,
      loadSeconds,
      rawTps: raw.tps,
      checkoutTps: checkout.checkoutsPerSecond,
      ratio: checkout.checkoutsPerSecond / raw.tps,
      checkout,
    };
  } finally {
    await child.stop();
  }
}
