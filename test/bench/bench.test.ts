/**
 * The benchmark's generator at a tiny scale, and its safety: it refuses to load into, copy or
 * drop a database it did not create. Needs a PostgreSQL server (TEST_DATABASE_URL, else the
 * local one at 127.0.0.1:5432, which this kind of machine always runs), as the bench itself does.
 */

import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { BenchDatabases, generateNetwork } from '../../bench/databases.js';
import { onceMoreAfterAbort } from '../../bench/embedded/embedded.js';
import { LoadProgress } from '../../bench/generate/progress.js';
import {
  cardNumberOf,
  checkCopyText,
  heldTitles,
  MAX_COPIES_PER_LIBRARY,
  memberRows,
  recordRows,
} from '../../bench/generate/rows.js';
import { scaleOf } from '../../bench/generate/scale.js';
import { measureHttpFloor } from '../../bench/limit/http-floor.js';
import { connectionArgs, parsePgbench, preparePgbench } from '../../bench/limit/pgbench.js';
import {
  arrivalTimes,
  hyphenatedIsbn,
  openLoop,
  sampleSearchTerms,
  searchTermsOf,
} from '../../bench/load/catalogue.js';
import { type CpuSample, cpuPerUnit, sampleCpu } from '../../bench/load/cpu.js';
import {
  databaseTotals,
  databaseWorkPerUnit,
  pairsOverPhase,
} from '../../bench/load/database-work.js';
import { DeskPace } from '../../bench/load/desk.js';
import { assignWorkers, buildPools, deskLibraries } from '../../bench/load/pools.js';
import { readsBetween, readsTotalsIn } from '../../bench/load/reads-together.js';
import { runtimeOver } from '../../bench/load/runtime.js';
import { ChildExited, spawnChild } from '../../bench/load/service.js';
import { Recorder } from '../../bench/load/stats.js';
import {
  type BenchResult,
  catalogueCpuLine,
  closedLoopLine,
  deskRates,
  dropPercent,
  pacedRows,
  ratioBeside,
  runtimeNote,
  timelineLine,
} from '../../bench/report.js';
import {
  assertBenchDatabase,
  BenchSafetyError,
  createBenchDatabase,
  databaseUrlFor,
  dropBenchDatabase,
  MARKER_TABLE,
  withServer,
} from '../../bench/safety.js';
import { isValidCardNumber } from '../../src/modules/members/card-number.js';
import { openDatabase } from '../../src/platform/db/database.js';
import { migrateToLatest } from '../../src/platform/db/migrate.js';
import { searchTokens } from '../../src/platform/search-tokens.js';
import { noServer } from '../support/server.js';

const serverUrl = process.env.TEST_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/postgres';

const others: string[] = [];

async function exists(name: string): Promise<boolean> {
  return withServer(serverUrl, async (c) => {
    const r = await c.query('select 1 from pg_database where datname = $1', [name]);
    return r.rowCount === 1;
  });
}

describe.skipIf(noServer)('benchmark', () => {
  const databases = new BenchDatabases(serverUrl);

  afterAll(async () => {
    await databases.dropAll();
    // Databases made by hand for the refusals: dropped here, by name, never by the bench.
    await withServer(serverUrl, async (c) => {
      for (const name of others) await c.query(`drop database if exists ${name} with (force)`);
    });
  });

  it('refuses to drop or load into a database it did not create', async () => {
    await expect(dropBenchDatabase(serverUrl, 'postgres')).rejects.toBeInstanceOf(BenchSafetyError);
    await expect(dropBenchDatabase(serverUrl, 'library_one')).rejects.toBeInstanceOf(
      BenchSafetyError,
    );

    // The right prefix but no marker: someone's database named like the bench's.
    const unmarked = `library_one_bench_unmarked_${process.pid}`;
    others.push(unmarked);
    await withServer(serverUrl, (c) => c.query(`create database ${unmarked}`));
    await expect(dropBenchDatabase(serverUrl, unmarked)).rejects.toThrow(/no bench marker comment/);
    expect(await exists(unmarked)).toBe(true);

    // A comment but no marker table, then a marker naming another database.
    await withServer(serverUrl, (c) =>
      c.query(`comment on database ${unmarked} is 'library-one-bench:abc'`),
    );
    await expect(assertBenchDatabase(serverUrl, unmarked)).rejects.toThrow(
      /no library_one_bench_marker table/,
    );
    const other = new pg.Client({ connectionString: databaseUrlFor(serverUrl, unmarked) });
    await other.connect();
    await other.query(
      `create table ${MARKER_TABLE} (database text, token text, created_at timestamptz)`,
    );
    await other.query(
      `insert into ${MARKER_TABLE} values ('library_one_bench_other', 'abc', now())`,
    );
    await other.end();
    await expect(dropBenchDatabase(serverUrl, unmarked)).rejects.toThrow(/does not match/);
    expect(await exists(unmarked)).toBe(true);

    // A copy of someone's database is refused too.
    await expect(
      createBenchDatabase(serverUrl, 'copy', { template: unmarked }),
    ).rejects.toBeInstanceOf(BenchSafetyError);

    // What the bench creates, it may drop.
    const own = await createBenchDatabase(serverUrl, 'safety');
    await assertBenchDatabase(serverUrl, own);
    await dropBenchDatabase(serverUrl, own);
    expect(await exists(own)).toBe(false);
  });

  it('generates a small network with COPY into the migrated schema', async () => {
    const scale = scaleOf('tiny');
    const lines: string[] = [];
    const network = await generateNetwork(databases, scale, new LoadProgress(false), {
      noHistoryCopy: true,
    });
    const url = databases.url(network.main);
    const count = async (db: string, sql: string) =>
      withServer(databases.url(db), async (c) => Number((await c.query(sql)).rows[0].n));
    expect(await count(network.main, 'select count(*) as n from libraries')).toBe(29);
    expect(await count(network.main, 'select count(*) as n from members')).toBe(scale.members);
    expect(await count(network.main, 'select count(*) as n from items')).toBe(scale.items);
    const open = network.generated.openLoans;
    expect(await count(network.main, 'select count(*) as n from loans')).toBe(
      scale.pastLoans + open,
    );
    expect(await count(network.noHistory!, 'select count(*) as n from loans')).toBe(open);
    expect(await count(network.main, 'select count(*) as n from staff')).toBe(29);
    // Loans only where the member may borrow, and only returned ones in the history.
    expect(
      await count(
        network.main,
        `select count(*) as n from loans o join members m on m.id = o.member_id
         where o.library_id <> m.home_library_id
           and not exists (select 1 from check_ins c where c.member_id = m.id and c.library_id = o.library_id)`,
      ),
    ).toBe(0);

    // Copies share titles: popular ones in many libraries, a long tail in one; no record without
    // a copy or a copy without a record; every record indexed as the app indexes it.
    const sharing = await withServer(url, async (c) => {
      const { rows } = await c.query(`
        select (select count(*) from bib_records)::int as records,
          (select count(*) from items i where not exists (
            select 1 from bib_records b where b.id = i.record_id))::int as orphans,
          (select count(*) from bib_records b where not exists (
            select 1 from items i where i.record_id = b.id))::int as unheld,
          (select max(n) from (select count(distinct library_id) n from items group by record_id) x)::int as widest,
          (select max(n) from (select count(*) n from items group by record_id, library_id) x)::int as deepest,
          (select count(*) from (select record_id from items group by record_id
            having count(distinct library_id) = 1) x)::int as single,
          (select count(*) from bib_records b where b.library_count <> (
            select count(distinct library_id) from items i where i.record_id = b.id))::int as miscounted,
          (select count(*) from (
            (select t, b.library_count, b.id from bib_records b, unnest(b.search_tokens) t
              where b.library_count > 0
             except all select term, library_count, record_id from bib_record_terms)
            union all
            (select term, library_count, record_id from bib_record_terms
             except all select t, b.library_count, b.id from bib_records b, unnest(b.search_tokens) t
              where b.library_count > 0)) x)::int as postings_astray`);
      const sample = await c.query('select title, author, search_tokens from bib_records limit 50');
      return { ...rows[0], sample: sample.rows };
    });
    // The generator loads with triggers off: it writes each record's library_count itself, exact.
    // … and fills the postings (migration 0032) itself: exactly the records' tokens and counts.
    expect(sharing).toMatchObject({ orphans: 0, unheld: 0, miscounted: 0, postings_astray: 0 });
    expect(sharing.records).toBeLessThan(scale.items / 2);
    expect(sharing.widest).toBeGreaterThan(10);
    // A library holds a few copies of a bestseller at most, never thousands.
    expect(sharing.deepest).toBeGreaterThan(1);
    expect(sharing.deepest).toBeLessThanOrEqual(MAX_COPIES_PER_LIBRARY);
    expect(sharing.single).toBeGreaterThan(sharing.records / 4);
    for (const row of sharing.sample) {
      expect(row.search_tokens).toEqual(searchTokens(row.title, row.author));
    }
    const plan = network.generated.plan;
    for (const line of recordRows(plan, heldTitles(plan))) checkCopyText(line);

    // The schema is migrateToLatest's: every index is back after the load.
    const indexes = (db: string) =>
      withServer(databases.url(db), async (c) =>
        (
          await c.query(
            `select indexdef from pg_indexes where schemaname = 'public' order by indexname`,
          )
        ).rows.map((r) => r.indexdef as string),
      );
    const fresh = await databases.create('fresh');
    const freshDb = await openDatabase({ databaseUrl: databases.url(fresh), poolSize: 1 });
    await migrateToLatest(freshDb.db);
    await freshDb.close();
    expect(await indexes(network.main)).toEqual(await indexes(fresh));

    // Cards carry a valid check digit; desks find borrowers and items.
    for (let m = 0; m < 50; m++) expect(isValidCardNumber(cardNumberOf(m))).toBe(true);
    const db = await openDatabase({ databaseUrl: url, poolSize: 1 });
    const libraries = deskLibraries(network.generated.plan.libraries, 4);
    const pools = await buildPools(db.db, libraries, 20, network.generated.days.today);
    // The catalogue phase's words come from the generated titles, authors and ISBNs.
    const terms = await sampleSearchTerms(db.db, 500);
    // A desk's first copies are their title's only copy at the library, so its holds are taken.
    const firsts = pools.map((pool) => pool.items[0]!);
    const { rows: alone } = await sql<{ barcode: string }>`
      select i.barcode from items i
      where i.barcode = any(${firsts}::text[])
        and not exists (select 1 from items j
          where j.record_id = i.record_id and j.library_id = i.library_id and j.id <> i.id)`.execute(
      db.db,
    );
    // The desks' late returns: every overdue copy a library lent (its loan due before today),
    // none of them lent to a borrower of the desks, whose checkouts must not meet a suspension.
    const everywhere = await buildPools(
      db.db,
      network.generated.plan.libraries,
      20,
      network.generated.days.today,
    );
    const overdue = everywhere.flatMap((pool) => pool.overdue);
    const { rows: due } = await sql<{ barcode: string; member_id: number }>`
      select i.barcode, o.member_id from loans o join items i on i.id = o.item_id
       where o.returned_at is null and o.due_date < ${network.generated.days.today}::date
         and i.library_id = o.library_id`.execute(db.db);
    await db.close();
    expect(overdue.length).toBeGreaterThan(0);
    expect([...overdue].sort()).toEqual(due.map((r) => r.barcode).sort());
    const borrowers = new Set(everywhere.flatMap((pool) => pool.borrowers.map((b) => b.memberId)));
    expect(due.filter((r) => borrowers.has(Number(r.member_id)))).toEqual([]);
    expect(alone.length).toBe(firsts.length);
    for (const kind of ['korean', 'author', 'isbn', 'miss'] as const) {
      expect(terms[kind].length, kind).toBeGreaterThan(0);
    }
    expect(terms.korean.every((w) => /^[가-힣]{2}$/.test(w))).toBe(true);
    expect(terms.isbn.every((i) => /^97[89]-\d\d-\d{4}-\d{3}-\d$/.test(i))).toBe(true);
    const workers = assignWorkers(pools, 6);
    expect(workers.length).toBeGreaterThan(0);
    for (const w of workers) expect(w.borrowers.length * w.items.length).toBeGreaterThan(0);

    for (const line of memberRows(network.generated.plan, network.generated.days, {
      memberPasswordHash: '$argon2id$x',
      memberPinHash: '$argon2id$y',
    })) {
      lines.push(line);
      checkCopyText(line);
    }
    expect(lines).toHaveLength(scale.members);
  });

  it('draws two-syllable Korean words, English words, authors and hyphenated ISBNs from titles', () => {
    expect(hyphenatedIsbn('9788936433598')).toBe('978-89-3643-359-8');
    const terms = searchTermsOf([
      { title: '바다의 노래: The Silent Harbour', author: '김훈', isbn: '9788936433598' },
      { title: '여행 of the Sea', author: null, isbn: null },
    ]);
    expect(terms.korean.sort()).toEqual(['노래', '바다', '여행']);
    expect(terms.english.sort()).toEqual(['harbour', 'sea', 'silent']);
    expect(terms.author).toEqual(['김훈']);
    expect(terms.isbn).toEqual(['978-89-3643-359-8']);
    expect(terms.miss.length).toBeGreaterThan(0);
    expect(terms.miss.some((w) => /^[가-힣]{2}$/.test(w))).toBe(true);
  });

  it('sends catalogue searches at a fixed rate, however slow the answers, at most the cap in flight', async () => {
    // 20 per second for 1 s: one every 50 ms, the last before the end.
    const times = arrivalTimes(20, 1_000, 2_000);
    expect(times).toHaveLength(20);
    expect(times[0]).toBe(1_000);
    expect(times[19]).toBe(1_950);
    // A fake clock: every answer takes 120 ms, the cap is 2. Arrivals keep their due time (the
    // latency is measured from it), so the queue behind the cap shows as latency.
    let now = 1_000;
    const wait = async (ms: number) => {
      now += ms;
    };
    const ends: { due: number; began: number }[] = [];
    let inFlight = 0;
    let most = 0;
    const answer: (() => void)[] = [];
    const done = openLoop(
      times.slice(0, 6),
      2,
      async (due) => {
        inFlight += 1;
        most = Math.max(most, inFlight);
        const began = now;
        await new Promise<void>((resolve) => answer.push(resolve));
        inFlight -= 1;
        ends.push({ due, began });
      },
      () => now,
      wait,
    );
    // Answer the searches one by one, 120 ms of fake time each.
    while (ends.length < 6) {
      await new Promise((resolve) => setImmediate(resolve));
      const next = answer.shift();
      if (next) {
        now += 120;
        next();
      }
    }
    await done;
    expect(most).toBe(2);
    expect(ends.map((e) => e.due)).toEqual(times.slice(0, 6));
    // The later searches began after their due time: they waited for a free slot.
    expect(ends.at(-1)!.began).toBeGreaterThan(ends.at(-1)!.due);
  });

  it("shows a phase's rate second by second, the warm-up apart, to tell a climbing rate from a steady one", () => {
    const windowStart = 10_000;
    const recorder = new Recorder(windowStart, windowStart + 10_000);
    // Two seconds of warm-up at 1 and 3 pairs, then 10 s: 4 pairs a second, 8 in the last 5.
    const at = (second: number, count: number) => {
      for (let i = 0; i < count; i++) recorder.pair(windowStart + second * 1000 + i);
    };
    at(-2, 1);
    at(-1, 3);
    for (let second = 0; second < 5; second++) at(second, 4);
    for (let second = 5; second < 10; second++) at(second, 8);
    const summary = recorder.summary();
    expect(summary.pairs).toBe(60);
    expect(summary.pairsEachSecond).toEqual({
      fromSecond: -2,
      counts: [1, 3, 4, 4, 4, 4, 4, 8, 8, 8, 8, 8],
    });
    expect(timelineLine(summary)).toBe(
      'Completed per second, in steps of 5 s (the warm-up before the `|`): 2 | 4, 8.',
    );
  });

  it("divides each part's CPU in the measured window by the work done in it, the warm-up left out", () => {
    // Cumulative seconds, a sample a second: the first second is warm-up (the service busier).
    const sample = (
      second: number,
      service: number,
      postgres: number,
      busy: number,
    ): CpuSample => ({
      atUs: second * 1_000_000,
      service,
      postgres,
      busy,
      idle: 2 * second - busy,
    });
    const samples = [
      sample(0, 0, 0, 0),
      sample(1, 0.9, 0.1, 1.2),
      sample(2, 1.5, 0.7, 2.8),
      sample(3, 2.1, 1.3, 4.4),
    ];
    // The window from 1.5 s to 3 s: service 0.9 s, PostgreSQL 0.9 s, 2.4 s busy of 3 s.
    const cpu = cpuPerUnit(samples, [1_500_000, 3_000_000], 300, true);
    expect(cpu).toEqual({ serviceMs: 3, postgresMs: 3, restMs: 2, idleShare: 0.2 });
    // pgbench runs no service; a window outside the samples is not measured.
    expect(cpuPerUnit(samples, [1_000_000, 2_000_000], 100, false)?.serviceMs).toBeNull();
    expect(cpuPerUnit(samples, [2_000_000, 4_000_000], 100, true)).toBeNull();
  });

  it("reads this machine's processes from /proc: the busy one's CPU is counted as the service's", () => {
    const sampler = sampleCpu([process.pid], 1_000);
    const start = Number(process.hrtime.bigint() / 1000n);
    let spin = 0;
    for (let i = 0; i < 30_000_000; i++) spin += i % 7;
    expect(spin).toBeGreaterThan(0);
    const cpu = sampler.stop([start, Number(process.hrtime.bigint() / 1000n)], 1);
    expect(cpu?.serviceMs).toBeGreaterThan(0);
    expect(cpu?.postgresMs).toBeGreaterThanOrEqual(0);
    expect(cpu?.idleShare).toBeLessThan(1);
  });

  it("reads how many reads each statement sent together answered from the service's /metrics", () => {
    const metrics = (sessions: [number, number], cards: [number, number]) =>
      [
        '# TYPE library_one_db_reads_per_statement histogram',
        `library_one_db_reads_per_statement_sum{reader="session"} ${sessions[0]}`,
        `library_one_db_reads_per_statement_count{reader="session"} ${sessions[1]}`,
        `library_one_db_reads_per_statement_sum{reader="card"} ${cards[0]}`,
        `library_one_db_reads_per_statement_count{reader="card"} ${cards[1]}`,
      ].join('\n');
    const before = readsTotalsIn(metrics([10, 10], [4, 4]));
    const after = readsTotalsIn(metrics([250, 110], [4, 4]));
    expect(readsBetween(before, after)).toEqual({
      session: { statements: 100, reads: 240, readsPerStatement: 2.4 },
      card: { statements: 0, reads: 0, readsPerStatement: null },
    });
    expect(readsTotalsIn('')).toEqual({
      session: { statements: 0, reads: 0 },
      card: { statements: 0, reads: 0 },
    });
  });

  it('measures the embedded engine once more when V8 aborts its child, and only then', async () => {
    const log: string[] = [];
    const abort = new ChildExited(
      'bench/embedded/child.ts exited (SIGTRAP): Check failed',
      'SIGTRAP',
    );
    let calls = 0;
    const crashingOnce = async () => {
      calls += 1;
      if (calls === 1) throw abort;
      return { ratio: 0.6 };
    };
    expect(await onceMoreAfterAbort(crashingOnce, (line) => log.push(line))).toEqual({
      ratio: 0.6,
      crashedOnce: 'SIGTRAP',
    });
    expect(log).toEqual([expect.stringContaining('ended by SIGTRAP')]);
    // A child that failed by itself (an exit code), or crashed twice, fails the run.
    const failed = new ChildExited('bench/embedded/child.ts exited (1): boom', null);
    await expect(
      onceMoreAfterAbort(
        () => Promise.reject(failed),
        () => {},
      ),
    ).rejects.toBe(failed);
    await expect(
      onceMoreAfterAbort(
        () => Promise.reject(abort),
        () => {},
      ),
    ).rejects.toBe(abort);
    // The error a child ended by a signal gives carries it.
    const child = spawnChild({ script: 'test/bench/fixtures/aborting-child.ts' });
    await expect(child).rejects.toMatchObject({ signal: 'SIGTRAP' });
  });

  it("reads the service's event-loop delay and garbage collection over a phase from its /metrics", () => {
    const gc = (kind: string, le: Record<string, number>, sum: number) => [
      ...Object.entries(le).map(
        ([bound, n]) =>
          `library_one_nodejs_gc_duration_seconds_bucket{le="${bound}",kind="${kind}"} ${n}`,
      ),
      `library_one_nodejs_gc_duration_seconds_sum{kind="${kind}"} ${sum}`,
      `library_one_nodejs_gc_duration_seconds_count{kind="${kind}"} ${Math.max(...Object.values(le))}`,
    ];
    const start = {
      at: 1_000,
      text: [
        'library_one_nodejs_eventloop_lag_p50_seconds 0.0101',
        ...gc('minor', { '0.001': 10, '0.01': 20, '+Inf': 20 }, 0.05),
        ...gc('major', { '0.001': 0, '0.01': 1, '+Inf': 1 }, 0.004),
      ].join('\n'),
    };
    const end = {
      at: 11_000,
      text: [
        // The timer's own 10 ms is not a delay: 10.2 ms is 0.2 ms late.
        'library_one_nodejs_eventloop_lag_p50_seconds 0.0102',
        'library_one_nodejs_eventloop_lag_p99_seconds 0.0215',
        'library_one_nodejs_eventloop_lag_max_seconds 0.0402',
        ...gc('minor', { '0.001': 100, '0.01': 118, '+Inf': 120 }, 0.45),
        // Label order does not matter.
        'library_one_nodejs_gc_duration_seconds_bucket{kind="major",le="0.01"} 2',
        'library_one_nodejs_gc_duration_seconds_bucket{kind="major",le="+Inf"} 4',
        'library_one_nodejs_gc_duration_seconds_sum{kind="major"} 0.054',
        'library_one_nodejs_gc_duration_seconds_count{kind="major"} 4',
      ].join('\n'),
    };
    expect(runtimeOver(start, end)).toEqual({
      eventLoopDelayMs: { p50: 0.2, p99: 11.5, max: 30.2 },
      // (0.45 + 0.054 − 0.05 − 0.004) s of collection in 10 s.
      gcMsPerSecond: 45,
      collections: 103,
      majorCollections: 3,
      // Over 10 ms: 2 minor and 2 major now, none before.
      longCollections: 4,
    });
    expect(runtimeOver({ at: 0, text: '' }, { at: 1000, text: '' })).toEqual({
      eventLoopDelayMs: null,
      gcMsPerSecond: 0,
      collections: 0,
      majorCollections: 0,
      longCollections: 0,
    });
  });

  it('counts what PostgreSQL did for each unit of work: a row written is a commit, an id, WAL records', async () => {
    const name = await databases.create('work');
    await withServer(databases.url(name), async (c) => {
      await c.query('create table work_done (n integer primary key)');
      const before = await databaseTotals(c);
      for (let n = 0; n < 20; n++) await c.query('insert into work_done values ($1)', [n]);
      // This connection's counts reach the shared statistics when it goes idle after this.
      await c.query('select pg_stat_force_next_flush()');
      const work = databaseWorkPerUnit(before, await databaseTotals(c), 20);
      // Other tests may share the server: what they did can only add to these.
      expect(work?.commits).toBeGreaterThanOrEqual(1);
      expect(work?.writeTransactions).toBeGreaterThanOrEqual(1);
      expect(work?.walRecords).toBeGreaterThanOrEqual(3); // the row, its key, the commit
      expect(work?.rowsWritten).toBeGreaterThanOrEqual(1);
      expect(work?.buffers).toBeGreaterThanOrEqual(2);
      expect(databaseWorkPerUnit(before, before, 0)).toBeNull();
    });
    const phase = new Recorder(0, 2000);
    for (const at of [-500, 100, 900, 1500, 2500]) phase.pair(at);
    expect(pairsOverPhase(phase.summary())).toBe(5);
  });

  it("says what the p99 target asks of a closed loop's throughput, by Little's law", () => {
    const op = (count: number, meanMs: number) => ({
      count,
      perSecond: count / 30,
      errors: 0,
      p50Ms: meanMs,
      p95Ms: meanMs,
      p99Ms: meanMs,
      meanMs,
    });
    const phase = {
      seconds: 30,
      pairs: 6_000,
      pairsPerSecond: 200,
      checkoutsPerSecond: 200,
      requestsPerSecond: 500,
      windowMonotonicUs: [0, 30_000_000] as [number, number],
      p50Ms: 15,
      p95Ms: 35,
      p99Ms: 50,
      ops: { checkout: op(9_000, 24), return: op(6_000, 14) },
      errors: {},
    };
    // 10 desks ÷ 500/s = 20 ms; the mean (9,000 × 24 + 6,000 × 14) ÷ 15,000 = 20 ms; p99 2.5 × it.
    expect(closedLoopLine(phase, 10, 25)).toBe(
      "Closed loop: 10 desks ÷ 500.0 requests/s = 20.00 ms a request by Little's law; measured mean 20.00 ms, p99 50.00 ms (2.5 × the mean). With that spread, p99 ≤ 25 ms needs 1,000 requests/s, 2.0 × this run's.",
    );
    expect(closedLoopLine({ ...phase, ops: {} }, 10, 25)).toBeNull();
  });

  it('paces a desk: its requests due one interval apart whatever the answers took, the desks spread over the first', () => {
    // 10 desks offered 250 requests/s in all: 25 a desk, one every 40 ms.
    const paces = [0, 1, 9].map((desk) => new DeskPace(1000 / 25, desk, 10, 5_000));
    expect(paces.map((p) => p.next())).toEqual([5_000, 5_004, 5_036]);
    // The next ones keep their times: a late answer does not push them later (its wait counts).
    expect([paces[0]!.next(), paces[0]!.next(), paces[2]!.next()]).toEqual([5_040, 5_080, 5_076]);
    // The measured window opens at 6,000 with the first desk behind (its next was due at 5,120):
    // due from then on; a desk ahead of the window keeps its times.
    paces[0]!.catchUp(6_000);
    expect([paces[0]!.next(), paces[0]!.next()]).toEqual([6_000, 6_040]);
    const ahead = new DeskPace(40, 0, 10, 7_000);
    ahead.catchUp(6_000);
    expect(ahead.next()).toBe(7_000);
    const summary = {
      seconds: 30,
      pairs: 3_000,
      pairsPerSecond: 100,
      checkoutsPerSecond: 100,
      requestsPerSecond: 249.6,
      windowMonotonicUs: [0, 30_000_000] as [number, number],
      p50Ms: 4.2,
      p95Ms: 8.5,
      p99Ms: 12.25,
      ops: {},
      errors: {},
    };
    const result = { phases: { httpPaced: { ...summary, share: 0.5, offeredPerSecond: 250 } } };
    expect(pacedRows(result as unknown as BenchResult)).toEqual([
      "| the same desks at a fixed pace: 250.0 requests/s offered (50% of the above), 249.6 answered; latency from when each was due | p50 4.20 ms, p95 8.50 ms, p99 12.25 ms | shown (the target is read above, at the machine's limit) |",
    ]);
    expect(pacedRows({ phases: { httpPaced: null } } as unknown as BenchResult)).toEqual([]);
  });

  it("compares the desks' rounds alone and beside the searches by their means, and shows each", () => {
    // A machine slowing down through the phase: alone 300 then (beside, beside) then alone 260.
    // Alone-first only would read 300 → 270 (10% fewer); the means say 280 → 270 (3.6% fewer).
    expect(dropPercent([300, 260], [275, 265])).toBe(3.6);
    expect(dropPercent([300], [270])).toBe(10);
    const first = { pairsPerSecond: 300 } as Parameters<typeof deskRates>[1];
    expect(deskRates([300, 260], first)).toBe('280.0/s (300.0, 260.0)');
    expect(deskRates(undefined, first)).toBe('300.0/s');
  });

  it("says what a search and a desk pair cost the machine in the catalogue phase, and the searches' own share of a pair", () => {
    const cpu = (service: number, postgres: number, rest: number, idle: number) => ({
      serviceMs: service,
      postgresMs: postgres,
      restMs: rest,
      idleShare: idle,
    });
    const phase = {
      answeredPerSecond: 20,
      deskWithSearchesRounds: [200, 180],
      cpu: {
        perSearchAlone: cpu(3, 4, 1, 0.8),
        perDeskPairAlone: [cpu(2.5, 3.5, 1, 0.14), cpu(2.6, 3.6, 1, 0.15)],
        perDeskPairBeside: [cpu(3, 4.6, 1, 0.05), null],
      },
    } as unknown as Parameters<typeof catalogueCpuLine>[0];
    // 20 searches a second × 8 ms ÷ 190 pairs a second = 0.84 ms of each pair beside them.
    expect(catalogueCpuLine(phase)).toBe(
      "CPU in the catalogue phase: a search alone 8.00 ms (service 3.00, PostgreSQL 4.00, rest 1.00; idle 80.0%); a desk pair alone 7.00 (idle 14.0%), 7.20 (idle 15.0%) ms, beside the searches 8.60 (idle 5.0%), — ms, of which the searches' own work 0.84 ms a pair.",
    );
    // Runs before round 19 sampled no CPU in the phase.
    expect(catalogueCpuLine({ ...phase, cpu: undefined })).toBeNull();
  });

  it("says when the service was measured on another Node than production's, and how to measure it there", () => {
    expect(runtimeNote('20.20.2')).toContain('The service ran on Node 20.20.2');
    expect(runtimeNote('20.20.2')).toContain('`npx -y -p node@24 npm run bench`');
    expect(runtimeNote('22.12.0')).toContain('not on the Node 24');
    expect(runtimeNote('24.21.0')).toBeNull();
  });

  it('shows a ratio with the decimals that keep its verdict: 0.897 against 0.9 is not "0.90"', () => {
    expect(ratioBeside(0.897, 0.9)).toBe('0.897');
    expect(ratioBeside(0.4962, 0.5)).toBe('0.496');
    expect(ratioBeside(0.904, 0.9)).toBe('0.90');
    expect(ratioBeside(0.071, 0.5)).toBe('0.07');
    expect(ratioBeside(null, 0.5)).toBe('—');
  });

  it("runs a bare HTTP server doing pgbench's writes, each request's four whole", async () => {
    const pgbench = await preparePgbench(databases, 1);
    const databaseUrl = databases.url(pgbench.name);
    const floors = [];
    for (const trips of [3, 1]) {
      floors.push(
        await measureHttpFloor({
          warmupSeconds: 0,
          durationSeconds: 1,
          databaseUrl,
          scale: 1,
          clients: 2,
          trips,
        }),
      );
    }
    expect(floors.map((f) => [f.trips, f.errors])).toEqual([
      [3, 0],
      [1, 0],
    ]);
    for (const f of floors) expect(f.requestsPerSecond).toBeGreaterThan(0);
    const ledger = await withServer(databaseUrl, async (c) => {
      const sum = async (q: string) => Number((await c.query(q)).rows[0].sum);
      return {
        transfers: Number((await c.query('select count(*) from pgbench_history')).rows[0].count),
        deltas: await sum('select sum(delta) from pgbench_history'),
        accounts: await sum('select sum(abalance) from pgbench_accounts'),
        tellers: await sum('select sum(tbalance) from pgbench_tellers'),
        branches: await sum('select sum(bbalance) from pgbench_branches'),
      };
    });
    // Every answered request wrote its history row and moved the three balances by its delta.
    const answered = floors.reduce((n, f) => n + f.requestsPerSecond, 0);
    expect(ledger.transfers).toBeGreaterThanOrEqual(answered);
    expect([ledger.accounts, ledger.tellers, ledger.branches]).toEqual([
      ledger.deltas,
      ledger.deltas,
      ledger.deltas,
    ]);
  });

  it('says why the bare server failed, once, instead of only counting 500s', async () => {
    const floor = await measureHttpFloor({
      warmupSeconds: 0,
      durationSeconds: 1,
      databaseUrl: databases.url('library_one_no_such_floor_database'),
      scale: 1,
      clients: 2,
      trips: 1,
    });
    expect(floor.requestsPerSecond).toBe(0);
    expect(floor.errors).toBeGreaterThan(0);
    expect(floor.firstError).toBe('database "library_one_no_such_floor_database" does not exist');
  });

  it('reads pgbench output', () => {
    expect(
      parsePgbench(
        'number of transactions actually processed: 12345\nlatency average = 8.123 ms\ntps = 1234.567890 (without initial connection time)\n',
      ),
    ).toEqual({ tps: 1234.56789, latencyMs: 8.123, transactions: 12345 });
  });

  it('points pgbench at the server the service uses: TCP, or the Unix socket of ?host=', () => {
    expect(connectionArgs('postgres://bench:s%40cret@db.example:6543/postgres').args).toEqual([
      '-h',
      'db.example',
      '-p',
      '6543',
      '-U',
      'bench',
    ]);
    expect(
      connectionArgs('postgres://postgres@localhost/postgres?host=/var/run/postgresql').args,
    ).toEqual(['-h', '/var/run/postgresql', '-p', '5432', '-U', 'postgres']);
    expect(connectionArgs('postgres://bench:s%40cret@db.example/postgres').env.PGPASSWORD).toBe(
      's@cret',
    );
  });
});
