/**
 * Where the machine's CPU goes during a phase, from /proc: the service's processes, PostgreSQL's
 * (its backends and helpers) and the rest (the load driver, the bench, the kernel's own threads),
 * with the machine's idle share — so that a run says what a checkout+return costs each part, and
 * what a pgbench transaction costs PostgreSQL, whatever this shared machine's speed that day.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** Clock ticks a second of /proc's CPU times (USER_HZ). */
const TICKS_PER_SECOND = (() => {
  const answer = spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' });
  const ticks = Number(answer.stdout?.trim());
  return Number.isFinite(ticks) && ticks > 0 ? ticks : 100;
})();

/** A process's own CPU ticks (user and system, not its children's) and its command name. */
function processTicks(pid: number): { name: string; ticks: number } | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = stat.lastIndexOf(')');
    const fields = stat.slice(close + 2).split(' ');
    // After the name: state (0) … utime (11), stime (12).
    return {
      name: stat.slice(stat.indexOf('(') + 1, close),
      ticks: Number(fields[11]) + Number(fields[12]),
    };
  } catch {
    return null;
  }
}

function postgresTicks(): Map<number, number> {
  const ticks = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const proc = processTicks(Number(entry));
    if (proc?.name === 'postgres') ticks.set(Number(entry), proc.ticks);
  }
  return ticks;
}

/** The machine's busy and idle ticks (every core), from the first line of /proc/stat. */
function machineTicks(): { busy: number; idle: number } {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const [user, nice, system, idle, iowait, irq, softirq, steal] = values.map(Number);
  return {
    busy: user! + nice! + system! + irq! + softirq! + steal!,
    idle: idle! + iowait!,
  };
}

/** Cumulative CPU seconds since sampling began, at one instant (hrtime µs). */
export interface CpuSample {
  atUs: number;
  service: number;
  postgres: number;
  busy: number;
  idle: number;
}

/**
 * CPU of each part per unit of work in a window (ms), and the machine's idle share (of every
 * core) in it.
 */
export interface CpuPerUnit {
  serviceMs: number | null;
  postgresMs: number;
  restMs: number;
  idleShare: number;
}

/**
 * Samples every `everyMs` until stopped. PostgreSQL's processes are summed by the CPU each one
 * used between two samples, so a backend that ends (or starts) within the phase counts what it used.
 */
export function sampleCpu(servicePids: number[], everyMs = 250) {
  const samples: CpuSample[] = [];
  let previousPostgres = postgresTicks();
  let postgres = 0;
  const startService = servicePids.map((pid) => processTicks(pid)?.ticks ?? 0);
  const startMachine = machineTicks();
  const take = () => {
    const now = postgresTicks();
    for (const [pid, ticks] of now) postgres += ticks - (previousPostgres.get(pid) ?? 0);
    previousPostgres = now;
    const machine = machineTicks();
    const service = servicePids.reduce(
      (sum, pid, i) => sum + (processTicks(pid)?.ticks ?? startService[i]!) - startService[i]!,
      0,
    );
    samples.push({
      atUs: Number(process.hrtime.bigint() / 1000n),
      service: service / TICKS_PER_SECOND,
      postgres: postgres / TICKS_PER_SECOND,
      busy: (machine.busy - startMachine.busy) / TICKS_PER_SECOND,
      idle: (machine.idle - startMachine.idle) / TICKS_PER_SECOND,
    });
  };
  take();
  const timer = setInterval(take, everyMs);
  return {
    /** Stops, and divides each part's CPU in the window by the units of work done in it. */
    stop(window: [number, number], units: number, withService = true): CpuPerUnit | null {
      clearInterval(timer);
      take();
      return cpuPerUnit(samples, window, units, withService);
    },
  };
}

/**
 * Each part's CPU in a window (hrtime µs, as a phase's `windowMonotonicUs`), the cumulative
 * samples read on the line between the two around each end, divided by the units of work done in
 * it; the service's is null where no service ran (pgbench).
 */
export function cpuPerUnit(
  samples: CpuSample[],
  window: [number, number],
  units: number,
  withService: boolean,
): CpuPerUnit | null {
  const start = interpolate(samples, window[0]);
  const end = interpolate(samples, window[1]);
  if (units <= 0 || !start || !end) return null;
  const per = (seconds: number) => Math.round((seconds * 1000 * 1000) / units) / 1000;
  const busy = end.busy - start.busy;
  const idle = end.idle - start.idle;
  const service = end.service - start.service;
  const postgres = end.postgres - start.postgres;
  return {
    serviceMs: withService ? per(service) : null,
    postgresMs: per(postgres),
    restMs: per(Math.max(0, busy - service - postgres)),
    idleShare: busy + idle > 0 ? Math.round((idle / (busy + idle)) * 1000) / 1000 : 0,
  };
}

/** The cumulative figures at an instant, on the line between the samples around it. */
function interpolate(samples: CpuSample[], atUs: number): CpuSample | null {
  const after = samples.findIndex((sample) => sample.atUs >= atUs);
  // Before the first sample or after the last: not measured.
  if (after <= 0) return after === 0 && samples[0]!.atUs === atUs ? samples[0]! : null;
  const a = samples[after - 1]!;
  const b = samples[after]!;
  const f = (atUs - a.atUs) / (b.atUs - a.atUs);
  const mix = (x: number, y: number) => x + (y - x) * f;
  return {
    atUs,
    service: mix(a.service, b.service),
    postgres: mix(a.postgres, b.postgres),
    busy: mix(a.busy, b.busy),
    idle: mix(a.idle, b.idle),
  };
}
