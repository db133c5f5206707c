/**
 * The service's event loop and garbage collector over a phase, from its /metrics (prom-client's
 * default figures). The event-loop delay is a 10 ms timer's lateness, a histogram the service
 * resets at every scrape: a scrape at the phase's end reads the phase since the scrape at its
 * start. Collections are running totals by kind (minor, major, incremental, weakcb).
 */

/** prom-client's timer: its intervals are read as delays, so the interval itself is taken off. */
const TIMER_MS = 10;
/** A collection longer than this is counted apart (one of the histogram's bucket bounds, in s). */
const LONG_GC_SECONDS = 0.01;

export interface GcTotals {
  seconds: number;
  count: number;
  /** Collections that took longer than 10 ms. */
  long: number;
  majorCount: number;
}

export interface ServiceRuntime {
  /** How late the service's 10 ms timer fired over the phase (its busiest moments), in ms. */
  eventLoopDelayMs: { p50: number; p99: number; max: number } | null;
  /** Time in garbage collection for each second of the phase, and the collections. */
  gcMsPerSecond: number;
  collections: number;
  majorCollections: number;
  /** Collections over 10 ms (every kind). */
  longCollections: number;
}

/** A figure of /metrics' text by name and labels (in any order), or null when it is not there. */
function figure(text: string, name: string, labels: Record<string, string> = {}): number | null {
  const wanted = Object.entries(labels);
  for (const line of text.split('\n')) {
    const match = /^([\w:]+)(?:\{([^}]*)\})? (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const found = new Map(
      [...(match[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)].map((l) => [l[1], l[2]] as const),
    );
    if (found.size === wanted.length && wanted.every(([k, v]) => found.get(k) === v))
      return Number(match[3]);
  }
  return null;
}

/** The running collection totals in /metrics' text (none yet: zero). */
export function gcTotalsIn(text: string): GcTotals {
  const name = 'library_one_nodejs_gc_duration_seconds';
  const kinds = ['minor', 'major', 'incremental', 'weakcb'];
  const sum = (suffix: string, extra: Record<string, string> = {}) =>
    kinds.reduce((total, kind) => total + (figure(text, suffix, { ...extra, kind }) ?? 0), 0);
  const count = sum(`${name}_count`);
  const short = sum(`${name}_bucket`, { le: String(LONG_GC_SECONDS) });
  return {
    seconds: sum(`${name}_sum`),
    count,
    long: count - short,
    majorCount: figure(text, `${name}_count`, { kind: 'major' }) ?? 0,
  };
}

/** The event loop's delay since the previous scrape, beyond the timer's own 10 ms. */
export function eventLoopDelayIn(text: string): ServiceRuntime['eventLoopDelayMs'] {
  const ms = (suffix: string) => {
    const seconds = figure(text, `library_one_nodejs_eventloop_lag_${suffix}_seconds`);
    if (seconds === null || !Number.isFinite(seconds)) return null;
    return Math.max(0, Math.round((seconds * 1000 - TIMER_MS) * 100) / 100);
  };
  const [p50, p99, max] = [ms('p50'), ms('p99'), ms('max')];
  return p50 === null || p99 === null || max === null ? null : { p50, p99, max };
}

/** A scrape of /metrics: its text and when it was read (performance.now(), ms). */
export interface Scrape {
  text: string;
  at: number;
}

/** A phase's runtime, from the scrapes at its start and at its end. */
export function runtimeOver(start: Scrape, end: Scrape): ServiceRuntime {
  const before = gcTotalsIn(start.text);
  const after = gcTotalsIn(end.text);
  const seconds = Math.max((end.at - start.at) / 1000, 1e-9);
  return {
    eventLoopDelayMs: eventLoopDelayIn(end.text),
    gcMsPerSecond: Math.round(((after.seconds - before.seconds) * 1000 * 100) / seconds) / 100,
    collections: after.count - before.count,
    majorCollections: after.majorCount - before.majorCount,
    longCollections: after.long - before.long,
  };
}
