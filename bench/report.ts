/** The bench's results: `latest.json` and a Markdown summary (`latest.md`, and README's table). */
import type { EmbeddedResult } from './embedded/embedded.js';
import type { TableLoad } from './generate/progress.js';
import type { Scale } from './generate/scale.js';
import type { HttpFloorResult } from './limit/http-floor.js';
import type { PgbenchResult } from './limit/pgbench.js';
import type { CpuPerUnit } from './load/cpu.js';
import type { DatabaseWork } from './load/database-work.js';
import type { ReadsTogether } from './load/reads-together.js';
import type { ServiceRuntime } from './load/runtime.js';
import type { PhaseSummary } from './load/stats.js';
import type { ProfileSummary } from './profile.js';

export const TARGETS = {
  ratioHttpToPgbench: 0.5,
  ratioSip2ToHttp: 0.8,
  ratioHistory: 0.9,
  ratioEmbedded: 0.5,
  /** p99 of every desk request (ms), at the bench's number of desks: at most this. */
  p99Ms: 25,
  /** p95 of every catalogue search, the searches alone at the bench's rate (ms): at most this. */
  searchP95Ms: 100,
  /** p95 of the ISBN searches, alone (ms): at most this. */
  isbnP95Ms: 10,
  /** How much fewer desk checkout+return/s with the searches running (%): at most this. */
  deskDropPercent: 10,
} as const;
export type TargetName = keyof typeof TARGETS;
/** Targets met by staying at or under them (the others by reaching them). */
export const AT_MOST: ReadonlySet<TargetName> = new Set([
  'p99Ms',
  'searchP95Ms',
  'isbnP95Ms',
  'deskDropPercent',
]);

export function targetMet(name: TargetName, measured: number | null): boolean | null {
  if (measured === null) return null;
  return AT_MOST.has(name) ? measured <= TARGETS[name] : measured >= TARGETS[name];
}

/** Which paths each phase drives, as the real clients send them (README and latest.json say so). */
export const MEASURED_PATHS = {
  http: "web desk: card scanned (GET /cards/{n}, whose answer carries the member's status), two items lent per visit, each with an Idempotency-Key (the answer carries the status after it); a renewal (key; its answer carries the status) in one visit in ten; a hold on the first item by the next borrower in one visit in ten (its return sets the copy aside, the holder collects and returns it); each item returned (key); in one visit in twenty, a late return of a copy lent to another member (the locked path: that member is suspended)",
  sip2: 'self-check: 23 Patron Status with card and PIN (AD), two 11 Checkouts with the same AD, 35 End Patron Session, then 09 Checkin of each item; the network requires the PIN',
  portal:
    'member portal: sign in (Argon2id), my loans, one catalogue search, sign out; each member from an address of its own',
  catalogue:
    'anonymous GET /catalogue?q= from addresses of their own at a fixed rate, first alone (the latency targets), then the same beside the web desks (the desks measured alone just before, for the drop): two-syllable Korean words 30%, English words 20%, author names 20%, ISBNs with hyphens 15%, words matching nothing 15%, drawn from a sample of the generated titles',
} as const;

export interface CatalogueComparison {
  /** Searches asked to arrive per second (open loop); absent in runs before it (closed loop). */
  searchRate?: number;
  /** Searches that arrived in the window, per second, and those answered (200). */
  offeredPerSecond?: number;
  answeredPerSecond?: number;
  /** Searches in flight at most (before the open loop: the closed-loop searchers). */
  searchClients: number;
  /** Percent of the searches of each kind. */
  mix: Record<string, number>;
  /** Distinct search words of each kind sampled from the data. */
  terms: Record<string, number>;
  /**
   * Searches beside the desks (a "pair" is one answered search); `ops` by kind: korean, english,
   * author, isbn, miss.
   */
  searches: PhaseSummary;
  /** The same searches with nothing else running (absent in runs before it): the latency targets. */
  searchesAlone?: PhaseSummary;
  offeredAlonePerSecond?: number;
  answeredAlonePerSecond?: number;
  /** The first round's desks alone and beside the searches (the only round before round 18). */
  deskAlone: PhaseSummary;
  deskWithSearches: PhaseSummary;
  /** Desk checkout+return/s of each round, alone and beside the searches (since round 18). */
  deskAloneRounds?: number[];
  deskWithSearchesRounds?: number[];
  /** (1 − with ÷ alone) × 100, desk checkout+return/s (the means of the rounds). */
  deskDropPercent: number;
  /**
   * The machine's CPU in the phase (since round 19): a search's with nothing else running, and
   * a desk pair's in each round alone and beside the searches (there the searches' CPU is
   * counted with the pairs): whether the desks lose what the searches take, or more.
   */
  cpu?: CatalogueCpu;
}

export interface CatalogueCpu {
  perSearchAlone: CpuPerUnit | null;
  perDeskPairAlone: (CpuPerUnit | null)[];
  perDeskPairBeside: (CpuPerUnit | null)[];
}

export interface Footprint {
  /**
   * From starting the service to /ready answering 200 (migrations included when needed); since
   * round 10 the command is `node dist/cli/main.js start`, as deployed (before, the TypeScript
   * through tsx), and `npmStart` is `npm start`'s command on an empty database (the demo seeded).
   */
  startupMs: { emptyDatabase: number | null; provinceDatabase: number; npmStart?: number };
  /** Resident memory (VmRSS) of the service's processes. */
  residentMb: {
    idle: number | null;
    deskLoadMean: number | null;
    deskLoadMax: number | null;
  };
}

export interface HistoryComparison {
  /** Checkouts per second, each round, on the network with its loan history. */
  withHistory: number[];
  /** The same on a copy of the network made before the history was loaded. */
  withoutHistory: number[];
  pastLoans: number;
  withHistoryMean: number;
  withoutHistoryMean: number;
}

/** The desks at a fixed pace below the machine's limit (`share` of the closed loop's requests/s). */
export interface PacedDesks extends PhaseSummary {
  share: number;
  offeredPerSecond: number;
}

/** A floor beside pgbench and the desks of the same run. */
export interface HttpFloor extends HttpFloorResult {
  /** The bare server's requests ÷ pgbench's transactions. */
  ofPgbench: number;
  /** Half the bare server's rate (a checkout+return is two requests) ÷ pgbench: the ceiling. */
  pairCeilingOfPgbench: number;
  /** The service's checkout+return pairs ÷ that ceiling. */
  httpPairsOfCeiling: number;
}

const processes = (n: number) =>
  n === 1 ? 'one service process' : `${n} service processes (WORKERS)`;

export interface BenchResult {
  startedAt: string;
  finishedAt: string;
  wallSeconds: number;
  httpCheckoutReturnTps: number;
  sip2CheckoutReturnTps: number;
  pgbenchTps: number;
  ratioHttpToPgbench: number;
  ratioSip2ToHttp: number;
  ratioHistory: number | null;
  ratioEmbedded: number | null;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  targets: Record<TargetName, { target: number; measured: number | null; met: boolean | null }>;
  scale: Scale & { actualOpenLoans: number };
  machine: {
    cores: number;
    memoryGb: number;
    cpuModel: string;
    node: string;
    postgres: string;
    loadAverageAtStart: number[];
  };
  settings: {
    clients: number;
    /** Service processes (WORKERS); absent in runs before it could be more than one. */
    workers?: number;
    warmupSeconds: number;
    /** The first measured phase on a service just started (absent in runs before round 10). */
    serviceWarmupSeconds?: number;
    durationSeconds: number;
    deskLibraries: number;
    deskMix: {
      scanCard: boolean;
      itemsPerVisit: number;
      status: number;
      renew: number;
      keys: boolean;
      /** Chance that a visit's first item is held, set aside on return and collected (issue 20). */
      holds?: number;
    };
    pgbenchScale: number;
    historyRounds: number;
    /** The paced desks' share of the closed loop's requests/s (null when skipped; absent before round 31). */
    pacedShare?: number | null;
    embeddedScale: number | null;
    /** Concurrent searches of the catalogue phase (null when skipped). */
    searchClients?: number | null;
    /** Catalogue searches offered per second (open loop; null when skipped). */
    searchRate?: number | null;
    /** Rounds of the desks alone and beside the searches (absent before round 18: one). */
    catalogueRounds?: number;
  };
  load: {
    tables: TableLoad[];
    rows: number;
    seconds: number;
    rowsPerSecond: number;
    /** pg_database_size of the generated network, after the load. */
    databaseBytes?: number;
  };
  phases: {
    http: PhaseSummary;
    /**
     * The desks again, each at a fixed pace: `share` of the first phase's requests/s offered, the
     * latencies counted from when each request was due (absent before round 31).
     */
    httpPaced?: PacedDesks | null;
    sip2: PhaseSummary;
    /** Member visits: sign in, loans, search, sign out (a "pair" is one whole visit). */
    portal: PhaseSummary | null;
    /** Catalogue searches beside the desks, and the desks with and without them. */
    catalogue?: CatalogueComparison | null;
    pgbench: PgbenchResult;
    /** The bare HTTP server's floors, in 3 and in 1 round trip a request (absent before round 11). */
    httpFloor?: HttpFloor[];
    history: HistoryComparison | null;
    embedded: EmbeddedResult | null;
  };
  profile: ProfileSummary | null;
  /**
   * CPU of each part per checkout+return of the desks and the machines, and per pgbench
   * transaction, in their measured windows (from /proc; absent before round 13).
   */
  cpu?: CpuFigures;
  /**
   * What PostgreSQL did per checkout+return of the desks and the machines (over each phase, its
   * warm-up included) and per pgbench transaction, from its own statistics (absent before round 14).
   */
  databaseWork?: DatabaseWorkFigures;
  /** What each phase sends. */
  paths?: typeof MEASURED_PATHS;
  footprint?: Footprint;
  /** A previous run (e.g. before the fixes the profile pointed to), for before/after. */
  baseline?:
    | { file: string; label: string; figures: Partial<Record<string, number | null>> }
    | undefined;
}

const n0 = (x: number) => Math.round(x).toLocaleString('en-US');
const r2 = (x: number | null | undefined) => (x === null || x === undefined ? '—' : x.toFixed(2));
/** A ratio beside its target: three decimals where two would round it across the threshold. */
export const ratioBeside = (x: number | null | undefined, target: number) =>
  x === null || x === undefined
    ? '—'
    : Number(x.toFixed(2)) >= target !== x >= target
      ? x.toFixed(3)
      : x.toFixed(2);
const f1 = (x: number) => x.toFixed(1);

function verdict(met: boolean | null): string {
  if (met === null) return 'not measured';
  return met ? 'met' : '**missed**';
}

export const HEADLINE_KEYS = [
  'httpCheckoutReturnTps',
  'sip2CheckoutReturnTps',
  'pgbenchTps',
  'ratioHttpToPgbench',
  'ratioSip2ToHttp',
  'ratioHistory',
  'ratioEmbedded',
  'p50Ms',
  'p95Ms',
  'p99Ms',
] as const;

export function headline(result: BenchResult): Record<string, number | null> {
  return Object.fromEntries(HEADLINE_KEYS.map((k) => [k, result[k]]));
}

/**
 * The bare HTTP server's rows: its rate, what half of it is of pgbench (the most a
 * checkout+return pair of that shape could make on this machine) and how near the desks came.
 */
export function floorRows(floors: readonly HttpFloor[]): string[] {
  return floors.map(
    (f) =>
      `| bare HTTP server, pgbench's writes in ${f.trips} round trip${f.trips === 1 ? '' : 's'} a request: requests/s; half of it ÷ pgbench; HTTP checkout+return ÷ that half | ${f1(f.requestsPerSecond)}/s; ${f.pairCeilingOfPgbench.toFixed(2)}; ${f.httpPairsOfCeiling.toFixed(2)} | |`,
  );
}

/**
 * The paced desks' row: the same desks offered a share of the closed loop's requests/s, each at a
 * fixed pace — the latency a desk sees when the machine has room. Shown beside the target, which
 * is read on the closed loop (at the machine's limit its latency is its queue).
 */
export function pacedRows(r: BenchResult): string[] {
  const p = r.phases.httpPaced;
  if (!p) return [];
  return [
    `| the same desks at a fixed pace: ${f1(p.offeredPerSecond)} requests/s offered (${Math.round(p.share * 100)}% of the above), ${f1(p.requestsPerSecond)} answered; latency from when each was due | p50 ${r2(p.p50Ms)} ms, p95 ${r2(p.p95Ms)} ms, p99 ${r2(p.p99Ms)} ms | shown (the target is read above, at the machine's limit) |`,
  ];
}

/** Which load a profile was taken under, in words (the desks' when a profile does not say). */
export const profiledLoad = (load: ProfileSummary['load']) =>
  load === 'machines' ? 'SIP2 self-check load' : 'HTTP desk load';

/** The table README shows. */
export function summaryTable(r: BenchResult): string {
  const s = r.scale;
  const rows = [
    '| measure | result | target |',
    '| --- | --- | --- |',
    `| checkout+return over HTTP (web desk traffic: card scans with the status, keys, renewals) | ${f1(r.httpCheckoutReturnTps)}/s (p50 ${r2(r.p50Ms)} ms, p95 ${r2(r.p95Ms)} ms, p99 ${r2(r.p99Ms)} ms) | |`,
    `| p99 of every desk request, ${r.settings.clients} desks | ${r2(r.p99Ms)} ms | ≤ ${TARGETS.p99Ms} ms: ${verdict(r.targets.p99Ms?.met ?? null)} |`,
    ...pacedRows(r),
    `| checkout+return over SIP2 (self-check, PIN once per patron session) | ${f1(r.sip2CheckoutReturnTps)}/s | |`,
    ...(r.phases.portal
      ? [
          `| portal visits (sign in, loans, search, sign out) | ${f1(r.phases.portal.pairsPerSecond)}/s (p99 ${r2(r.phases.portal.p99Ms)} ms) | |`,
        ]
      : []),
    ...catalogueRows(r),
    `| pgbench TPC-B (\`-M prepared\`, ${r.phases.pgbench.clients} clients, scale ${r.phases.pgbench.scale}) | ${f1(r.pgbenchTps)} tps | |`,
    `| HTTP ÷ pgbench | ${ratioBeside(r.ratioHttpToPgbench, TARGETS.ratioHttpToPgbench)} | ≥ ${TARGETS.ratioHttpToPgbench}: ${verdict(r.targets.ratioHttpToPgbench.met)} |`,
    ...floorRows(r.phases.httpFloor ?? []),
    `| SIP2 ÷ HTTP | ${ratioBeside(r.ratioSip2ToHttp, TARGETS.ratioSip2ToHttp)} | ≥ ${TARGETS.ratioSip2ToHttp}: ${verdict(r.targets.ratioSip2ToHttp.met)} |`,
    `| checkouts with ${n0(s.pastLoans)} past loans ÷ with none | ${ratioBeside(r.ratioHistory, TARGETS.ratioHistory)} | ≥ ${TARGETS.ratioHistory}: ${verdict(r.targets.ratioHistory.met)} |`,
    `| embedded: HTTP checkouts ÷ raw 3-statement transactions | ${ratioBeside(r.ratioEmbedded, TARGETS.ratioEmbedded)} | ≥ ${TARGETS.ratioEmbedded}: ${verdict(r.targets.ratioEmbedded.met)} |`,
  ];
  if (r.load.databaseBytes !== undefined) {
    rows.push(
      `| data generation (COPY, index builds, VACUUM); the database on disk | ${f1(r.load.seconds)} s; ${(r.load.databaseBytes / 2 ** 30).toFixed(2)} GB | |`,
    );
  }
  const f = r.footprint;
  if (f) {
    rows.push(
      `| start-up to /ready${f.startupMs.npmStart === undefined ? '' : ' of `node dist/cli/main.js start`'}: empty database, province database | ${f.startupMs.emptyDatabase === null ? '—' : n0(f.startupMs.emptyDatabase)} ms, ${n0(f.startupMs.provinceDatabase)} ms | |`,
      ...(f.startupMs.npmStart === undefined
        ? []
        : [
            `| start-up to /ready of \`npm start\` (tsx, the demo seeded into an empty database) | ${n0(f.startupMs.npmStart)} ms | |`,
          ]),
      `| resident memory: idle, under the desk load (mean / max) | ${f.residentMb.idle ?? '—'} MB, ${f.residentMb.deskLoadMean ?? '—'} / ${f.residentMb.deskLoadMax ?? '—'} MB | |`,
    );
  }
  const scale = `Scale: ${s.preset}${s.fraction === 1 ? '' : ` × ${s.fraction}`} — ${n0(s.libraries)} libraries, ${n0(s.members)} members, ${n0(s.items)} items, ${n0(s.pastLoans)} past loans, ${n0(s.actualOpenLoans)} open loans. Machine: ${r.machine.cores} cores, ${r.machine.memoryGb} GB, ${r.machine.postgres.split(' on ')[0]}, Node ${r.machine.node}; ${r.settings.clients} clients, ${processes(r.settings.workers ?? 1)}, ${r.settings.durationSeconds} s per phase after ${r.settings.warmupSeconds} s of warm-up${r.settings.serviceWarmupSeconds === undefined || r.settings.serviceWarmupSeconds === r.settings.warmupSeconds ? '' : ` (${r.settings.serviceWarmupSeconds} s on a service just started; pgbench's warm-up a run of its own)`}; ${r.startedAt.slice(0, 16).replace('T', ' ')} UTC.`;
  return `${rows.join('\n')}\n\n${scale}`;
}

/** The catalogue phase's lines of the summary table (none when it did not run). */
function catalogueRows(r: BenchResult): string[] {
  const c = r.phases.catalogue;
  if (!c) return [];
  const t = r.targets;
  const offered =
    c.searchRate === undefined
      ? `${c.searchClients} searchers, closed loop`
      : `${c.searchRate}/s offered, ≤ ${c.searchClients} in flight`;
  const latencies = (p: PhaseSummary['ops'][string] | PhaseSummary | undefined) =>
    `p50 ${r2(p?.p50Ms)} ms, p95 ${r2(p?.p95Ms)} ms, p99 ${r2(p?.p99Ms)} ms`;
  const alone = c.searchesAlone;
  const isbn = c.searches.ops.isbn;
  // Runs before the searches-alone phase marked the targets on the searches beside the desks.
  const targetRows = alone
    ? [
        `| catalogue searches alone (${offered}, every kind) | ${f1(alone.pairsPerSecond)}/s answered (${latencies(alone)}) | p95 ≤ ${TARGETS.searchP95Ms} ms: ${verdict(t.searchP95Ms?.met ?? null)} |`,
        `| ISBN searches alone (with hyphens) | ${f1(alone.ops.isbn?.perSecond ?? 0)}/s (${latencies(alone.ops.isbn)}) | p95 ≤ ${TARGETS.isbnP95Ms} ms: ${verdict(t.isbnP95Ms?.met ?? null)} |`,
        `| the same searches beside saturating desks (every kind; ISBN) | ${f1(c.searches.pairsPerSecond)}/s (${latencies(c.searches)}; ISBN p95 ${r2(isbn?.p95Ms)} ms) | shown: the desks keep every core busy, a search waits for CPU |`,
      ]
    : [
        `| catalogue searches beside the desks (${offered}, every kind) | ${f1(c.searches.pairsPerSecond)}/s answered (${latencies(c.searches)}) | p95 ≤ ${TARGETS.searchP95Ms} ms: ${verdict(t.searchP95Ms?.met ?? null)} |`,
        `| ISBN searches (with hyphens) | ${f1(isbn?.perSecond ?? 0)}/s (${latencies(isbn)}) | p95 ≤ ${TARGETS.isbnP95Ms} ms: ${verdict(t.isbnP95Ms?.met ?? null)} |`,
      ];
  return [
    ...targetRows,
    `| desk checkout+return alone → with the searches${deskRoundsLabel(c)} | ${deskRates(c.deskAloneRounds, c.deskAlone)} → ${deskRates(c.deskWithSearchesRounds, c.deskWithSearches)} (${f1(c.deskDropPercent)}% fewer) | ≤ ${TARGETS.deskDropPercent}% fewer: ${verdict(t.deskDropPercent?.met ?? null)} |`,
  ];
}

function deskRoundsLabel(c: CatalogueComparison): string {
  const rounds = c.deskAloneRounds?.length ?? 1;
  return rounds > 1
    ? ` (${rounds} rounds each, alternating which goes first; the means compared)`
    : '';
}

/** The mean; 0 for none. */
export const meanOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1);

/** How many percent fewer desk pairs a second beside the searches: the rounds' means compared. */
export function dropPercent(alone: number[], beside: number[]): number {
  return Math.round((1 - meanOf(beside) / Math.max(meanOf(alone), 1e-9)) * 1000) / 10;
}

/** "312.0/s" for one round; "305.1/s (312.0, 298.2)" for several: their mean, then each. */
export function deskRates(rounds: number[] | undefined, first: PhaseSummary): string {
  if (!rounds || rounds.length < 2) return `${f1(first.pairsPerSecond)}/s`;
  return `${f1(meanOf(rounds))}/s (${rounds.map(f1).join(', ')})`;
}

/** A unit's CPU in all: the service's, PostgreSQL's and the rest's. */
const allMs = (c: CpuPerUnit) => (c.serviceMs ?? 0) + c.postgresMs + c.restMs;

/**
 * The catalogue phase's CPU in one sentence: a search's alone, a desk pair's alone and beside
 * the searches (each round, with the machine's idle share), and what the searches themselves
 * add to a pair beside them (searches answered a second × a search's CPU alone ÷ pairs a second):
 * a pair costing more than that beside them lost CPU to the searches' interference, not only to
 * their own work.
 */
export function catalogueCpuLine(c: CatalogueComparison): string | null {
  const cpu = c.cpu;
  const search = cpu?.perSearchAlone;
  if (!cpu || !search) return null;
  const rounds = (units: (CpuPerUnit | null)[]) =>
    units.map((u) => (u ? `${r2(allMs(u))} (idle ${f1(u.idleShare * 100)}%)` : '—')).join(', ');
  const beside = c.deskWithSearchesRounds ?? [c.deskWithSearches.pairsPerSecond];
  const searchesPerSecond = c.answeredPerSecond ?? c.searches.pairsPerSecond;
  const share = (searchesPerSecond * allMs(search)) / Math.max(meanOf(beside), 1e-9);
  return `CPU in the catalogue phase: a search alone ${r2(allMs(search))} ms (service ${r2(search.serviceMs ?? 0)}, PostgreSQL ${r2(search.postgresMs)}, rest ${r2(search.restMs)}; idle ${f1(search.idleShare * 100)}%); a desk pair alone ${rounds(cpu.perDeskPairAlone)} ms, beside the searches ${rounds(cpu.perDeskPairBeside)} ms, of which the searches' own work ${r2(share)} ms a pair.`;
}

function phaseTable(label: string, p: PhaseSummary): string {
  const lines = [
    `**${label}** — ${f1(p.pairsPerSecond)} checkout+return/s, ${f1(p.requestsPerSecond)} requests/s over ${f1(p.seconds)} s`,
    '',
    '| request | per second | p50 ms | p95 ms | p99 ms | refused/failed |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const [op, o] of Object.entries(p.ops)) {
    lines.push(
      `| ${op} | ${f1(o.perSecond)} | ${r2(o.p50Ms)} | ${r2(o.p95Ms)} | ${r2(o.p99Ms)} | ${o.errors} |`,
    );
  }
  const errors = Object.entries(p.errors);
  if (errors.length > 0) {
    lines.push('', `Refusals and failures: ${errors.map(([k, v]) => `${k} × ${v}`).join('; ')}.`);
  }
  const timeline = timelineLine(p);
  if (timeline) lines.push('', timeline);
  if (p.readsTogether) lines.push('', readsTogetherLine(p.readsTogether));
  if (p.serviceRuntime) lines.push('', serviceRuntimeLine(p.serviceRuntime));
  return lines.join('\n');
}

/**
 * The desks are a closed loop (each sends its next request when its last is answered), so by
 * Little's law a request's mean time is the desks ÷ the requests answered a second. If the spread
 * of the times stayed as measured (p99 ÷ mean), the p99 target would need this many requests a
 * second: what "p99 ≤ 25 ms" asks of throughput on this machine.
 */
export function closedLoopLine(
  p: PhaseSummary,
  clients: number,
  p99TargetMs: number,
): string | null {
  const ops = Object.values(p.ops);
  const requests = ops.reduce((sum, o) => sum + o.count, 0);
  if (requests === 0 || p.requestsPerSecond <= 0) return null;
  const meanMs = ops.reduce((sum, o) => sum + o.meanMs * o.count, 0) / requests;
  const littleMs = (clients / p.requestsPerSecond) * 1000;
  const spread = p.p99Ms / meanMs;
  const neededPerSecond = (clients * 1000 * spread) / p99TargetMs;
  return `Closed loop: ${clients} desks ÷ ${f1(p.requestsPerSecond)} requests/s = ${r2(littleMs)} ms a request by Little's law; measured mean ${r2(meanMs)} ms, p99 ${r2(p.p99Ms)} ms (${f1(spread)} × the mean). With that spread, p99 ≤ ${p99TargetMs} ms needs ${n0(neededPerSecond)} requests/s, ${f1(neededPerSecond / p.requestsPerSecond)} × this run's.`;
}

export interface CpuFigures {
  desks: CpuPerUnit | null;
  machines: CpuPerUnit | null;
  pgbench: CpuPerUnit | null;
}

const CPU_UNITS: { key: keyof CpuFigures; label: string }[] = [
  { key: 'desks', label: 'desks over HTTP, per checkout+return' },
  { key: 'machines', label: 'self-check over SIP2, per checkout+return' },
  { key: 'pgbench', label: 'pgbench, per TPC-B transaction' },
];

/** One line for the console: each part's CPU per unit of work. */
export function cpuLine(cpu: CpuFigures): string {
  const part = (c: CpuPerUnit | null) =>
    c
      ? `${c.serviceMs === null ? '' : `service ${r2(c.serviceMs)}, `}PostgreSQL ${r2(c.postgresMs)}, rest ${r2(c.restMs)} ms (idle ${f1(c.idleShare * 100)}%)`
      : '—';
  return `CPU: ${CPU_UNITS.map(({ key }) => `${key} ${part(cpu[key])}`).join('; ')}`;
}

/**
 * The machine's CPU per unit of work, by part: what the ratio to pgbench is made of, in a figure
 * that drifts less than the rates on a shared machine.
 */
function cpuTable(cpu: CpuFigures): string[] {
  const ms = (value: number | null) => (value === null ? '—' : r2(value));
  const rows = CPU_UNITS.flatMap(({ key, label }) => {
    const c = cpu[key];
    if (!c) return [];
    const total = allMs(c);
    return [
      `| ${label} | ${ms(c.serviceMs)} | ${ms(c.postgresMs)} | ${ms(c.restMs)} | ${ms(total)} | ${f1(c.idleShare * 100)}% |`,
    ];
  });
  const pair = cpu.desks;
  const transaction = cpu.pgbench;
  const compare =
    pair && transaction && transaction.postgresMs > 0
      ? [
          '',
          `A desk checkout+return cost PostgreSQL ${f1(pair.postgresMs / transaction.postgresMs)} pgbench transactions' worth of its CPU, and the machine ${f1(allMs(pair) / allMs(transaction))} in all.`,
        ]
      : [];
  return [
    "**CPU per unit of work** (from `/proc`, the measured windows: the service's processes, PostgreSQL's, and the rest — the load driver, pgbench's client, the bench, the kernel — with the machine's idle share of both cores)",
    '',
    '| load | service ms | PostgreSQL ms | rest ms | all ms | idle |',
    '| --- | --- | --- | --- | --- | --- |',
    ...rows,
    ...compare,
  ];
}

export type DatabaseWorkFigures = Record<keyof CpuFigures, DatabaseWork | null>;

/** One line for the console: what PostgreSQL did per unit of work. */
export function databaseWorkLine(work: DatabaseWorkFigures): string {
  const part = (w: DatabaseWork | null) =>
    w
      ? `${f1(w.commits)} commits (${f1(w.writeTransactions)} writing), ${f1(w.walRecords)} WAL records, ${n0(w.walBytes)} WAL bytes, ${n0(w.buffers)} buffers, ${f1(w.rowsWritten)} rows written`
      : '—';
  return `PostgreSQL: ${CPU_UNITS.map(({ key }) => `${key} ${part(work[key])}`).join('; ')}`;
}

/**
 * What PostgreSQL did per unit of work, counted by itself: figures that do not drift with the
 * host, the CPU table's reasons.
 */
function databaseWorkTable(work: DatabaseWorkFigures): string[] {
  const rows = CPU_UNITS.flatMap(({ key, label }) => {
    const w = work[key];
    if (!w) return [];
    return [
      `| ${label} | ${f1(w.commits)} | ${f1(w.writeTransactions)} | ${f1(w.walRecords)} | ${n0(w.walBytes)} | ${n0(w.buffers)} | ${f1(w.rowsWritten)} |`,
    ];
  });
  const pair = work.desks;
  const transaction = work.pgbench;
  const compare =
    pair && transaction && transaction.walRecords > 0 && transaction.buffers > 0
      ? [
          '',
          `A desk checkout+return asked PostgreSQL for ${f1(pair.commits / Math.max(transaction.commits, 1e-9))} pgbench transactions' commits, ${f1(pair.walRecords / transaction.walRecords)} their WAL records and ${f1(pair.buffers / transaction.buffers)} their buffers.`,
        ]
      : [];
  return [
    "**PostgreSQL's work per unit** (its own statistics, `pg_stat_database` and `pg_stat_wal`, over each phase with its warm-up; a commit of a read-only transaction writes nothing; buffers are the pages a statement visited, in memory or not)",
    '',
    '| load | commits | of them writing | WAL records | WAL bytes | buffers | rows written |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    ...compare,
  ];
}

/**
 * The service's own moments in a phase: how late its event loop ran (a 10 ms timer's lateness:
 * a request that arrives then waits as long) and its garbage collection.
 */
export function serviceRuntimeLine(r: ServiceRuntime): string {
  const delay = r.eventLoopDelayMs
    ? `event loop late by p50 ${r2(r.eventLoopDelayMs.p50)} ms, p99 ${r2(r.eventLoopDelayMs.p99)} ms, at most ${r2(r.eventLoopDelayMs.max)} ms`
    : 'event-loop delay not reported';
  return `The service over the phase (/metrics, warm-up included): ${delay}; garbage collection ${r2(r.gcMsPerSecond)} ms a second, ${n0(r.collections)} collections (${n0(r.majorCollections)} major, ${n0(r.longCollections)} over 10 ms).`;
}

/** The reads the service sent together in a phase: how many each statement answered. */
export function readsTogetherLine(r: ReadsTogether): string {
  const reader = (name: string, { statements, reads, readsPerStatement }: ReadsTogether['card']) =>
    readsPerStatement === null
      ? `no ${name}`
      : `${name} ${r2(readsPerStatement)} a statement (${n0(reads)} in ${n0(statements)})`;
  return `Reads sent together (the service's /metrics over the phase, warm-up included): ${reader('sessions', r.session)}; ${reader('cards', r.card)}.`;
}

/**
 * The phase's pairs (or visits, or searches) per second in steps of 5 s, the warm-up's before a `|`: whether the rate
 * still climbs when the measured window opens, or drifts within it.
 */
export function timelineLine(p: PhaseSummary, step = 5): string | null {
  const t = p.pairsEachSecond;
  if (!t) return null;
  const rates = (from: number, to: number) => {
    const out: number[] = [];
    for (let second = from; second < to; second += step) {
      let sum = 0;
      for (let s = second; s < Math.min(second + step, to); s++) {
        sum += t.counts[s - t.fromSecond] ?? 0;
      }
      out.push(Math.round(sum / (Math.min(second + step, to) - second)));
    }
    return out.join(', ');
  };
  const warmup = t.fromSecond < 0 ? `${rates(t.fromSecond, 0)} | ` : '';
  return `Completed per second, in steps of ${step} s (the warm-up before the \`|\`): ${warmup}${rates(0, Math.round(p.seconds))}.`;
}

/** The Node.js the service runs on in production (README): the one the bench should measure. */
const PRODUCTION_NODE_MAJOR = 24;

/** When the service was measured on another Node.js than production's: what to run instead. */
export function runtimeNote(nodeVersion: string): string | null {
  if (Number(nodeVersion.split('.')[0]) === PRODUCTION_NODE_MAJOR) return null;
  return `The service ran on Node ${nodeVersion}, not on the Node ${PRODUCTION_NODE_MAJOR} it runs on in production: \`npx -y -p node@${PRODUCTION_NODE_MAJOR} npm run bench\` measures it as deployed (docs/performance.md "Latest results", round 26: on Node 20 a desk pair cost the service about a fifth more CPU).`;
}

export function markdown(r: BenchResult, notes: string[]): string {
  const out: string[] = [];
  out.push('# Library One — benchmark results', '');
  out.push(summaryTable(r), '');
  if (notes.length > 0) out.push('## What the figures say', '', ...notes.map((n) => `- ${n}`), '');
  if (r.baseline) {
    out.push(`## Before and after — ${r.baseline.label}`, '');
    out.push('| figure | before | after |', '| --- | --- | --- |');
    for (const key of HEADLINE_KEYS) {
      const before = r.baseline.figures[key];
      out.push(`| ${key} | ${r2(before ?? null)} | ${r2(r[key])} |`);
    }
    out.push('', `Before: \`${r.baseline.file}\`.`, '');
  }
  out.push('## Data generation', '');
  out.push('| table | rows | seconds | rows/s |', '| --- | --- | --- | --- |');
  for (const t of r.load.tables)
    out.push(`| ${t.table} | ${n0(t.rows)} | ${f1(t.seconds)} | ${n0(t.rowsPerSecond)} |`);
  out.push(
    `| **all (with index builds and VACUUM)** | ${n0(r.load.rows)} | ${f1(r.load.seconds)} | ${n0(r.load.rowsPerSecond)} |`,
    '',
  );
  out.push('## Load phases', '');
  out.push(phaseTable('Desks over HTTP', r.phases.http), '');
  const closedLoop = closedLoopLine(r.phases.http, r.settings.clients, TARGETS.p99Ms);
  if (closedLoop) out.push(closedLoop, '');
  if (r.phases.httpPaced) {
    out.push(
      phaseTable(
        `Desks over HTTP at a fixed pace (${f1(r.phases.httpPaced.offeredPerSecond)} requests/s offered)`,
        r.phases.httpPaced,
      ),
      '',
    );
  }
  out.push(phaseTable('Self-check over SIP2', r.phases.sip2), '');
  if (r.phases.portal) {
    out.push(
      phaseTable('Member portal', r.phases.portal).replace('checkout+return/s', 'visits/s'),
      '',
    );
  }
  if (r.phases.catalogue?.searchesAlone) {
    out.push(
      phaseTable('Catalogue searches alone, by kind', r.phases.catalogue.searchesAlone).replace(
        'checkout+return/s',
        'searches/s',
      ),
      '',
    );
  }
  if (r.phases.catalogue) {
    out.push(
      phaseTable(
        'Catalogue searches beside the desks, by kind',
        r.phases.catalogue.searches,
      ).replace('checkout+return/s', 'searches/s'),
      '',
    );
    const cpuLine = catalogueCpuLine(r.phases.catalogue);
    if (cpuLine) out.push(cpuLine, '');
  }
  if (r.paths) {
    out.push('What each phase sends:', '');
    for (const [phase, text] of Object.entries(r.paths)) out.push(`- ${phase}: ${text}`);
    out.push('');
  }
  const pg = r.phases.pgbench;
  out.push(
    `**pgbench** — ${f1(pg.tps)} tps, latency ${r2(pg.latencyMs)} ms (\`pgbench -M prepared -c ${pg.clients} -j ${pg.threads} -T ${pg.seconds}\`, scale ${pg.scale}).`,
    '',
  );
  for (const f of r.phases.httpFloor ?? []) {
    out.push(
      `**Bare HTTP server, ${f.trips} round trip${f.trips === 1 ? '' : 's'} a request** (node:http and node-postgres only; pgbench's writes in one statement${f.trips === 1 ? '' : ` after ${f.trips - 1} single-row read${f.trips === 2 ? '' : 's'}`}; same clients and database) — ${f1(f.requestsPerSecond)} requests/s, p50 ${r2(f.p50Ms)} ms, p99 ${r2(f.p99Ms)} ms${f.errors ? `, ${f.errors} failed (${f.firstError ?? 'no reason given'})` : ''}: ${f.ofPgbench.toFixed(2)} × pgbench. A checkout+return is two requests, so no service of this shape could make more than ${f.pairCeilingOfPgbench.toFixed(2)} × pgbench pairs here; the desks made ${f.httpPairsOfCeiling.toFixed(2)} of that.`,
      '',
    );
  }
  if (r.cpu) out.push(...cpuTable(r.cpu), '');
  if (r.databaseWork) out.push(...databaseWorkTable(r.databaseWork), '');
  if (r.phases.history) {
    const h = r.phases.history;
    out.push(
      `**History** — checkouts/s (checkout+return desks, no status or renewals) with ${n0(h.pastLoans)} past loans: ${h.withHistory.map(f1).join(', ')} (mean ${f1(h.withHistoryMean)}); on a copy without them: ${h.withoutHistory.map(f1).join(', ')} (mean ${f1(h.withoutHistoryMean)}). Both databases vacuumed first, each served by a service started for the rounds; rounds alternate between the two.`,
      '',
    );
  }
  if (r.phases.embedded) {
    const e = r.phases.embedded;
    out.push(
      `**Embedded** — ${n0(e.scale.members)} members, ${n0(e.scale.items)} items, ${n0(e.scale.pastLoans)} past loans in PGlite (loaded in ${f1(e.loadSeconds)} s): raw 3-statement transactions ${f1(e.rawTps)}/s${e.rawTpsRounds ? ` (the mean of ${f1(e.rawTpsRounds[0])}/s before the checkouts and ${f1(e.rawTpsRounds[1])}/s after)` : ''}; checkouts through HTTP ${f1(e.checkoutTps)}/s (p50 ${r2(e.checkout.ops.checkout?.p50Ms)} ms).${e.crashedOnce ? ` Measured in a second process: V8 ended the first (${e.crashedOnce}; nodejs/node#64500).` : ''}`,
      '',
    );
  }
  if (r.profile) {
    const p = r.profile;
    out.push(
      `## Where the time goes (CPU profile of the service under the ${profiledLoad(p.load)})`,
      '',
    );
    out.push(
      `\`node --cpu-prof\` on the service process during that load: ${n0(p.busyMs)} ms busy of ${n0(p.totalMs)} ms (${f1(p.idlePercent)}% idle, i.e. waiting for PostgreSQL or the network).`,
      '',
    );
    out.push('| self time by area | ms | % of busy |', '| --- | --- | --- |');
    for (const a of p.byArea) out.push(`| ${a.area} | ${n0(a.selfMs)} | ${f1(a.percent)} |`);
    out.push(
      '',
      '| top functions by self time | where | ms | % of busy |',
      '| --- | --- | --- | --- |',
    );
    for (const f of p.top)
      out.push(`| \`${f.name}\` | ${f.where} | ${n0(f.selfMs)} | ${f1(f.percent)} |`);
    out.push('');
  }
  out.push(
    '## Settings and machine',
    '',
    '```json',
    JSON.stringify({ settings: r.settings, machine: r.machine }, null, 2),
    '```',
    '',
  );
  return out.join('\n');
}
