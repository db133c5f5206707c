import cliProgress from 'cli-progress';

export interface TableLoad {
  table: string;
  rows: number;
  seconds: number;
  rowsPerSecond: number;
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');

/** A progress bar per table on a terminal; one summary line per table everywhere. */
export class LoadProgress {
  readonly loads: TableLoad[] = [];
  readonly #tty: boolean;

  constructor(
    readonly enabled = true,
    readonly log: (line: string) => void = (line) => console.log(line),
  ) {
    this.#tty = enabled && process.stderr.isTTY === true;
  }

  async track(
    table: string,
    total: number,
    run: (tick: (rows: number) => void) => Promise<number>,
  ): Promise<TableLoad> {
    const started = performance.now();
    let bar: cliProgress.SingleBar | undefined;
    if (this.#tty) {
      bar = new cliProgress.SingleBar(
        {
          format: `  ${table.padEnd(12)} [{bar}] {percentage}% | {value}/{total} rows | {rate} rows/s | ETA {eta_formatted}`,
          hideCursor: true,
          etaBuffer: 50,
          fps: 5,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(Math.max(total, 1), 0, { rate: '0' });
    }
    let done = 0;
    const rows = await run((n) => {
      done += n;
      const seconds = (performance.now() - started) / 1000;
      bar?.update(Math.min(done, total), { rate: fmt(done / Math.max(seconds, 0.001)) });
    });
    bar?.update(Math.min(rows, Math.max(total, 1)));
    bar?.stop();
    const seconds = (performance.now() - started) / 1000;
    const load = { table, rows, seconds, rowsPerSecond: rows / Math.max(seconds, 0.001) };
    this.loads.push(load);
    if (this.enabled) {
      this.log(
        `  ${table.padEnd(12)} ${fmt(rows).padStart(12)} rows in ${seconds.toFixed(1).padStart(6)} s  (${fmt(load.rowsPerSecond)} rows/s)`,
      );
    }
    return load;
  }

  /** A step that is not a COPY (index builds, VACUUM): timed and logged. */
  async step<T>(label: string, run: () => Promise<T>): Promise<T> {
    const started = performance.now();
    const result = await run();
    if (this.enabled) {
      this.log(`  ${label} (${((performance.now() - started) / 1000).toFixed(1)} s)`);
    }
    return result;
  }
}
