/**
 * The service's footprint: resident memory (VmRSS of its process, from /proc) at idle and under
 * load, and how long it takes from being started to answering /ready.
 */
import { readFileSync } from 'node:fs';

function residentKb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = /VmRSS:\s+(\d+) kB/.exec(status)?.[1];
    return kb === undefined ? null : Number(kb);
  } catch {
    return null;
  }
}

/**
 * The resident memory of the service's processes together (one, or a primary and its workers) in
 * MB, or null where /proc is not there.
 */
export function residentMb(pids: number[]): number | null {
  const kbs = pids.map(residentKb);
  if (pids.length === 0 || kbs.some((kb) => kb === null)) return null;
  const kb = kbs.reduce<number>((sum, each) => sum + (each ?? 0), 0);
  return Math.round(kb / 102.4) / 10;
}

/** Samples the processes' resident memory every `everyMs` until stopped. */
export function sampleResident(pids: number[], everyMs = 500) {
  const samples: number[] = [];
  const take = () => {
    const mb = residentMb(pids);
    if (mb !== null) samples.push(mb);
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    stop(): { meanMb: number | null; maxMb: number | null } {
      clearInterval(timer);
      take();
      if (samples.length === 0) return { meanMb: null, maxMb: null };
      const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
      return { meanMb: Math.round(mean * 10) / 10, maxMb: Math.max(...samples) };
    },
  };
}

/** Polls GET /ready until it answers 200 (the service listens, its database answers). */
export async function waitReady(httpUrl: string, timeoutMs = 120_000): Promise<void> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    try {
      const response = await fetch(`${httpUrl}/ready`);
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // not listening yet
    }
    if (performance.now() > deadline) throw new Error(`${httpUrl}/ready did not answer 200`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
