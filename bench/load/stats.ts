/**
 * Throughput and latency of one bounded load phase. Events are counted when they complete inside
 * the measured window (after the warm-up, before the end); latencies are those of requests that
 * started and completed inside it.
 */
import type { ReadsTogether } from './reads-together.js';
import type { ServiceRuntime } from './runtime.js';

export interface OpSummary {
  count: number;
  perSecond: number;
  errors: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  meanMs: number;
}

export interface PhaseSummary {
  seconds: number;
  /** Checkout and return of one item, both successful. */
  pairs: number;
  pairsPerSecond: number;
  checkoutsPerSecond: number;
  requestsPerSecond: number;
  /** The measured window on the monotonic clock (µs), to cut a CPU profile to it. */
  windowMonotonicUs: [number, number];
  /** Over every request of the phase. */
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  ops: Record<string, OpSummary>;
  /** Refusals and failures by code, e.g. `checkout ITEM_ON_LOAN`. */
  errors: Record<string, number>;
  /**
   * Pairs completed in each second of the phase, the warm-up included: `fromSecond` is the
   * first one's offset from the measured window's start (negative in the warm-up).
   */
  pairsEachSecond?: { fromSecond: number; counts: number[] };
  /**
   * The service's reads sent together over the phase, its warm-up included (from /metrics; desks
   * and machines of runs since round 13).
   */
  readsTogether?: ReadsTogether;
  /**
   * The service's event-loop delay and garbage collection over the phase, its warm-up included
   * (from /metrics; desks and machines of runs since round 33).
   */
  serviceRuntime?: ServiceRuntime;
}

export function percentile(sorted: Float64Array | number[], p: number): number {
  if (sorted.length === 0) return 0;
  const index = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[index]!;
}

class Latencies {
  #values = new Float64Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.#values.length) {
      const bigger = new Float64Array(this.#values.length * 2);
      bigger.set(this.#values);
      this.#values = bigger;
    }
    this.#values[this.length++] = value;
  }

  sorted(): Float64Array {
    return this.#values.slice(0, this.length).sort();
  }
}

const round = (x: number) => Math.round(x * 100) / 100;

export class Recorder {
  readonly #ops = new Map<
    string,
    { latencies: Latencies; count: number; errors: number; sum: number }
  >();
  readonly #all = new Latencies();
  readonly #errors = new Map<string, number>();
  #pairs = 0;
  readonly #pairsEachSecond = new Map<number, number>();
  #checkouts = 0;
  #requests = 0;

  /** performance.now() (ms) → the monotonic clock V8 profiles use (µs), shared by processes. */
  readonly #monotonicOffsetUs = Number(process.hrtime.bigint() / 1000n) - performance.now() * 1000;

  constructor(
    readonly windowStart: number,
    public windowEnd: number,
  ) {}

  /**
   * A worker ran out of borrowers or items: the phase ends for every worker now, and the rates
   * are taken over the window up to this moment (a worker standing idle must not dilute them).
   */
  ranOut(at: number, what: string): void {
    this.note(what);
    if (at < this.windowEnd) this.windowEnd = Math.max(at, this.windowStart);
  }

  inWindow(at: number): boolean {
    return at >= this.windowStart && at <= this.windowEnd;
  }

  /** One request: `started`/`ended` from performance.now(); `error` is a code when it failed. */
  request(op: string, started: number, ended: number, error?: string): void {
    if (error !== undefined) {
      const key = `${op} ${error}`;
      this.#errors.set(key, (this.#errors.get(key) ?? 0) + 1);
    }
    if (!this.inWindow(ended)) return;
    let stats = this.#ops.get(op);
    if (!stats) {
      stats = { latencies: new Latencies(), count: 0, errors: 0, sum: 0 };
      this.#ops.set(op, stats);
    }
    this.#requests += 1;
    if (error !== undefined) {
      stats.errors += 1;
      return;
    }
    stats.count += 1;
    if (op === 'checkout') this.#checkouts += 1;
    if (started >= this.windowStart) {
      const ms = ended - started;
      stats.latencies.push(ms);
      stats.sum += ms;
      this.#all.push(ms);
    }
  }

  /** Something worth reporting that is not a request, e.g. a worker that ran out of items. */
  note(what: string): void {
    this.#errors.set(what, (this.#errors.get(what) ?? 0) + 1);
  }

  pair(completed: number): void {
    const second = Math.floor((completed - this.windowStart) / 1000);
    this.#pairsEachSecond.set(second, (this.#pairsEachSecond.get(second) ?? 0) + 1);
    if (this.inWindow(completed)) this.#pairs += 1;
  }

  #timeline(): PhaseSummary['pairsEachSecond'] {
    const seconds = [...this.#pairsEachSecond.keys()];
    if (seconds.length === 0) return undefined;
    const from = Math.min(...seconds);
    const to = Math.max(...seconds);
    const counts = Array.from(
      { length: to - from + 1 },
      (_, i) => this.#pairsEachSecond.get(from + i) ?? 0,
    );
    return { fromSecond: from, counts };
  }

  summary(): PhaseSummary {
    const seconds = Math.max(0.001, (this.windowEnd - this.windowStart) / 1000);
    const ops: Record<string, OpSummary> = {};
    for (const [op, s] of this.#ops) {
      const sorted = s.latencies.sorted();
      ops[op] = {
        count: s.count,
        perSecond: round(s.count / seconds),
        errors: s.errors,
        p50Ms: round(percentile(sorted, 50)),
        p95Ms: round(percentile(sorted, 95)),
        p99Ms: round(percentile(sorted, 99)),
        meanMs: round(sorted.length ? s.sum / sorted.length : 0),
      };
    }
    const all = this.#all.sorted();
    return {
      seconds,
      windowMonotonicUs: [
        Math.round(this.windowStart * 1000 + this.#monotonicOffsetUs),
        Math.round(this.windowEnd * 1000 + this.#monotonicOffsetUs),
      ],
      pairs: this.#pairs,
      pairsPerSecond: round(this.#pairs / seconds),
      checkoutsPerSecond: round(this.#checkouts / seconds),
      requestsPerSecond: round(this.#requests / seconds),
      p50Ms: round(percentile(all, 50)),
      p95Ms: round(percentile(all, 95)),
      p99Ms: round(percentile(all, 99)),
      ops,
      errors: Object.fromEntries(this.#errors),
      pairsEachSecond: this.#timeline(),
    };
  }
}

/** The clock of a phase: warm-up, then the measured window; `running` says when to stop. */
export interface PhaseClock {
  warmupSeconds: number;
  durationSeconds: number;
}

export function phaseWindow(clock: PhaseClock): { start: number; end: number } {
  const now = performance.now();
  const start = now + clock.warmupSeconds * 1000;
  return { start, end: start + clock.durationSeconds * 1000 };
}
