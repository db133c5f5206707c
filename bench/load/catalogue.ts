/**
 * The catalogue phase: anonymous searches of GET /api/v1/catalogue, as the portal's search box
 * sends them, beside the desks' circulation load. The words come from the generated data itself
 * (a sample of its titles, authors and ISBNs read after generation): two-syllable Korean words,
 * English words, author names, ISBNs written with hyphens, and words that match nothing. Each
 * search comes from an address of its own (X-Forwarded-For, believed from the bench's loopback),
 * as visitors' do, so that the per-address limit for anonymous callers applies to each of them.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { type Kysely, sql } from 'kysely';
import type { DB } from '../../src/platform/db/schema.js';
import { Rng } from '../../src/seed/generate/random.js';
import { HttpClient, problemCode } from './http-client.js';
import { type PhaseClock, type PhaseSummary, phaseWindow, Recorder } from './stats.js';

export const QUERY_KINDS = ['korean', 'english', 'author', 'isbn', 'miss'] as const;
export type QueryKind = (typeof QUERY_KINDS)[number];

/** How often each kind is searched (out of 100). */
export const QUERY_MIX: Record<QueryKind, number> = {
  korean: 30,
  english: 20,
  author: 20,
  isbn: 15,
  miss: 15,
};

export type SearchTerms = Record<QueryKind, string[]>;

const ENGLISH_STOP_WORDS = new Set(['the', 'and', 'for', 'with', 'from', 'into', 'of', 'a', 'an']);

/** `9788936433598` → `978-89-3643-359-8` (the hyphens a reader types from the back cover). */
export function hyphenatedIsbn(isbn13: string): string {
  return `${isbn13.slice(0, 3)}-${isbn13.slice(3, 5)}-${isbn13.slice(5, 9)}-${isbn13.slice(9, 12)}-${isbn13.slice(12)}`;
}

/** Words that no generated title or author holds: rare Hangul pairs and Latin nonsense. */
function missWords(count: number): string[] {
  const rare = ['뷁', '햏', '똠', '쀍', '꿻', '짷', '뢝', '퓛'];
  const rng = new Rng(91, 3);
  return Array.from({ length: count }, (_, i) =>
    i % 2 === 0
      ? `${rng.pick(rare)}${rng.pick(rare)}`
      : `zq${rng.int(36 ** 4).toString(36)}x${rng.int(36 ** 2).toString(36)}`,
  );
}

/** The words of a sample of titles, authors and ISBNs (pure: the sampler's rows in, terms out). */
export function searchTermsOf(
  rows: { title: string; author: string | null; isbn: string | null }[],
): SearchTerms {
  const korean = new Set<string>();
  const english = new Set<string>();
  const authors = new Set<string>();
  const isbns = new Set<string>();
  for (const row of rows) {
    for (const word of row.title.split(/[\s\p{P}]+/u)) {
      // Two syllables: the word itself, or the stem of a longer one (바다의 → 바다).
      if (/^[가-힣]{2,}$/.test(word)) korean.add(word.slice(0, 2));
      else if (/^[A-Za-z]{3,}$/.test(word) && !ENGLISH_STOP_WORDS.has(word.toLowerCase())) {
        english.add(word.toLowerCase());
      }
    }
    if (row.author) authors.add(row.author);
    if (row.isbn && /^\d{13}$/.test(row.isbn)) isbns.add(hyphenatedIsbn(row.isbn));
  }
  return {
    korean: [...korean],
    english: [...english],
    author: [...authors],
    isbn: [...isbns],
    miss: missWords(50),
  };
}

/**
 * About `size` titles read from the generated database by block sampling (fast on 30 million
 * rows, the same sample each run): from the bibliographic records when the schema has them,
 * else from the copies.
 */
export async function sampleSearchTerms(db: Kysely<DB>, size = 2_000): Promise<SearchTerms> {
  const { rows: tables } = await sql<{ name: string; rows: number }>`
    select relname as name, greatest(reltuples, 1)::float8 as rows from pg_class
    where relname in ('bib_records', 'items') and relkind = 'r'
      and relnamespace = current_schema()::regnamespace`.execute(db);
  const table =
    tables.find((t) => t.name === 'bib_records') ?? tables.find((t) => t.name === 'items');
  if (!table) throw new Error('no items or bib_records table to sample search words from');
  const percent = Math.min(100, Math.max(0.001, ((size * 4) / table.rows) * 100));
  const { rows } = await sql<{ title: string; author: string | null; isbn: string | null }>`
    select title, author, isbn from ${sql.table(table.name)}
    tablesample system (${sql.lit(percent)}) repeatable (42)
    limit ${sql.lit(size)}`.execute(db);
  // A kind the data has no words for (no English titles, say) is left out of the mix.
  return searchTermsOf(rows);
}

export interface CatalogueLoadOptions extends PhaseClock {
  baseUrl: string;
  terms: SearchTerms;
  /** Searches arriving per second (an open loop: they do not wait for each other's answers). */
  rate: number;
  /** Searches in flight at most; an arrival beyond it waits for a free one (and that counts). */
  clients: number;
}

/** The catalogue phase's figures: the searches, and how many arrived vs were answered. */
export interface CatalogueLoad {
  searches: PhaseSummary;
  /** Searches scheduled per second inside the measured window (the rate asked for). */
  offeredPerSecond: number;
  /** Searches answered (200) per second inside the window. */
  answeredPerSecond: number;
}

/** A kind by QUERY_MIX's weights, among the kinds with words. */
function pickKind(rng: Rng, kinds: readonly QueryKind[]): QueryKind {
  const total = kinds.reduce((sum, kind) => sum + QUERY_MIX[kind], 0);
  let roll = rng.next() * total;
  for (const kind of kinds) {
    roll -= QUERY_MIX[kind];
    if (roll < 0) return kind;
  }
  return 'miss';
}

/**
 * When the searches of an open loop arrive: one every 1/rate s from `from`, the last before `end`
 * (a fixed rate, so that a slow answer delays no later arrival: queueing shows in the latencies).
 */
export function arrivalTimes(rate: number, from: number, end: number): number[] {
  const interval = 1000 / rate;
  const times: number[] = [];
  for (let k = 0; from + k * interval < end; k++) times.push(from + k * interval);
  return times;
}

/**
 * At most `cap` tasks at once, each started when its time comes or, when `cap` are in flight,
 * as soon as one ends; `run` gets the time the task was due (its latency is measured from there).
 */
export async function openLoop(
  times: readonly number[],
  cap: number,
  run: (due: number, index: number) => Promise<void>,
  now: () => number = () => performance.now(),
  wait: (ms: number) => Promise<unknown> = (ms) => sleep(ms),
): Promise<void> {
  let active = 0;
  const freed: (() => void)[] = [];
  const running = new Set<Promise<void>>();
  for (const [index, due] of times.entries()) {
    const delay = due - now();
    if (delay > 0) await wait(delay);
    while (active >= cap) await new Promise<void>((resolve) => freed.push(resolve));
    active += 1;
    const task = run(due, index).finally(() => {
      active -= 1;
      running.delete(task);
      freed.shift()?.();
    });
    running.add(task);
  }
  await Promise.all(running);
}

/**
 * Searches arriving at `rate` per second until the phase ends; each is recorded under its kind
 * (`isbn`, `korean`…) with its latency from the time it was due, not from when a free connection
 * let it go.
 */
export async function runCatalogueLoad(options: CatalogueLoadOptions): Promise<CatalogueLoad> {
  const client = new HttpClient(options.baseUrl, options.clients);
  const { start, end } = phaseWindow(options);
  const recorder = new Recorder(start, end);
  const kinds = QUERY_KINDS.filter((kind) => options.terms[kind].length > 0);
  const rng = new Rng(7, 53);
  const times = arrivalTimes(options.rate, performance.now(), end);
  try {
    await openLoop(times, options.clients, async (due, visit) => {
      const kind = pickKind(rng, kinds);
      const q = rng.pick(options.terms[kind]);
      // One address per visitor: 10.200+.<visit>.
      const address = `10.${200 + (Math.floor(visit / 62_500) % 50)}.${Math.floor(visit / 250) % 250}.${visit % 250}`;
      try {
        const result = await client.request('GET', `/api/v1/catalogue?q=${encodeURIComponent(q)}`, {
          'x-forwarded-for': address,
        });
        const ok = result.status === 200;
        recorder.request(kind, due, performance.now(), ok ? undefined : problemCode(result));
        // A search answered is one "pair" of this phase: its throughput.
        if (ok) recorder.pair(performance.now());
      } catch (error) {
        recorder.request(kind, due, performance.now(), (error as Error).message);
      }
    });
  } finally {
    client.close();
  }
  const searches = recorder.summary();
  const offered = times.filter((time) => time >= start && time <= recorder.windowEnd).length;
  return {
    searches,
    offeredPerSecond: Math.round((offered / searches.seconds) * 100) / 100,
    answeredPerSecond: searches.pairsPerSecond,
  };
}
