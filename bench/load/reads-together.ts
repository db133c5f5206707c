/**
 * How many reads each statement sent together answered (`readTogether` in the service: the
 * sessions of HTTP requests, the cards of self-check messages), from the service's /metrics read
 * before and after a phase.
 */

import type { Scrape } from './runtime.js';

export type Reader = 'session' | 'card';

/** A reader's running totals on /metrics. */
export type ReadsTotals = Record<Reader, { statements: number; reads: number }>;

/** A phase's reads and statements by reader, and the reads a statement answered on average. */
export type ReadsTogether = Record<
  Reader,
  { statements: number; reads: number; readsPerStatement: number | null }
>;

const READERS: readonly Reader[] = ['session', 'card'];

/** The service's /metrics as text, with the moment it was read (performance.now(), ms). */
export async function scrapeMetrics(metricsUrl: string): Promise<Scrape> {
  const response = await fetch(metricsUrl);
  if (!response.ok) throw new Error(`${metricsUrl} answered ${response.status}`);
  return { text: await response.text(), at: performance.now() };
}

/** The readers' totals in /metrics' text (none yet: zero). */
export function readsTotalsIn(text: string): ReadsTotals {
  const figure = (reader: Reader, suffix: 'count' | 'sum') => {
    const line = new RegExp(
      `^library_one_db_reads_per_statement_${suffix}\\{reader="${reader}"\\} (\\d+)$`,
      'm',
    ).exec(text);
    return Number(line?.[1] ?? 0);
  };
  return Object.fromEntries(
    READERS.map((reader) => [
      reader,
      { statements: figure(reader, 'count'), reads: figure(reader, 'sum') },
    ]),
  ) as ReadsTotals;
}

export function readsBetween(before: ReadsTotals, after: ReadsTotals): ReadsTogether {
  return Object.fromEntries(
    READERS.map((reader) => {
      const statements = after[reader].statements - before[reader].statements;
      const reads = after[reader].reads - before[reader].reads;
      const perStatement = statements > 0 ? Math.round((reads / statements) * 100) / 100 : null;
      return [reader, { statements, reads, readsPerStatement: perStatement }];
    }),
  ) as ReadsTogether;
}
