/**
 * The embedded comparison: checkouts per second through the HTTP service on the embedded engine,
 * against the same engine's raw 3-statement transactions per second, in one child process. The
 * raw loop runs before and after the checkouts and the ratio takes their mean: on a shared
 * machine the engine's own rate drifts between runs (743 and 900/s in two runs whose checkouts
 * both made 430/s), and the checkouts are compared with the limit measured around them.
 */

import type { Scale } from '../generate/scale.js';
import { CHECKOUT_RETURN_ONLY, runDeskLoad, signInDesks } from '../load/desk.js';
import { assignWorkers, type LibraryPool } from '../load/pools.js';
import { ChildExited, spawnChild } from '../load/service.js';
import type { PhaseSummary } from '../load/stats.js';

export interface EmbeddedResult {
  scale: Scale;
  loadSeconds: number;
  /** The mean of the raw loop before and after the checkouts. */
  rawTps: number;
  /** The raw loop before the checkouts, then after (absent in runs before it ran twice). */
  rawTpsRounds?: [number, number];
  checkoutTps: number;
  ratio: number;
  checkout: PhaseSummary;
  /** The signal that ended a first child, measured again in a new one (V8's fault, below). */
  crashedOnce?: string;
}

interface EmbeddedOptions {
  clients: number;
  warmupSeconds: number;
  /** The checkouts' warm-up: the service on the engine has just been opened. */
  serviceWarmupSeconds: number;
  durationSeconds: number;
  fraction: number;
  log: (line: string) => void;
}

/**
 * Node 24's V8 now and then aborts a process that makes and frees many PGlite engines
 * ("Check failed: jit_page_->allocations_.erase(addr) == 1", SIGTRAP; nodejs/node#64500, open):
 * a fault of the runtime, not of the code measured. The child is then started once more, and the
 * result says so; a second crash, or a child that fails any other way, fails the run.
 */
export function runEmbedded(options: EmbeddedOptions): Promise<EmbeddedResult> {
  return onceMoreAfterAbort(() => measureInChild(options), options.log);
}

/** Runs `measure`, and once more when a child it started was ended by a signal. */
export async function onceMoreAfterAbort<T extends object>(
  measure: () => Promise<T>,
  log: (line: string) => void,
): Promise<T & { crashedOnce?: string }> {
  try {
    return await measure();
  } catch (error) {
    if (!(error instanceof ChildExited) || error.signal === null) throw error;
    log(
      `  the embedded child was ended by ${error.signal} (V8's abort under PGlite, nodejs/node#64500): measured again in a new process`,
    );
    return { ...(await measure()), crashedOnce: error.signal };
  }
}

async function measureInChild(options: EmbeddedOptions): Promise<EmbeddedResult> {
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
    const raw = async (when: string) => {
      child.send({ cmd: 'raw', warmup: options.warmupSeconds, seconds: options.durationSeconds });
      const { raw } = (await child.next()) as { raw: { tps: number } };
      options.log(`  raw 3-statement transactions ${when}: ${raw.tps.toFixed(0)}/s`);
      return raw.tps;
    };
    const rawBefore = await raw('before the checkouts');
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
      warmupSeconds: options.serviceWarmupSeconds,
      durationSeconds: options.durationSeconds,
    });
    options.log(
      `  HTTP checkouts on the embedded engine: ${checkout.checkoutsPerSecond.toFixed(0)}/s`,
    );
    child.send({ cmd: 'unserve' });
    await child.next();
    const rawAfter = await raw('after them');
    const rawTps = (rawBefore + rawAfter) / 2;
    return {
      scale,
      loadSeconds,
      rawTps,
      rawTpsRounds: [rawBefore, rawAfter],
      checkoutTps: checkout.checkoutsPerSecond,
      ratio: checkout.checkoutsPerSecond / rawTps,
      checkout,
    };
  } finally {
    await child.stop();
  }
}
