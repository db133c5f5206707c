/**
 * The shape of the generated network, computed before any row is written: libraries with their
 * size (a few large city libraries, many small ones), where their items' ids start, and the
 * weighted tables that put members mostly near home and some elsewhere. Everything here is
 * O(libraries) in memory; rows are derived from it one at a time.
 */
import { businessDateOf } from '../../src/platform/clock.js';
import { Rng, WeightedTable } from '../../src/seed/generate/random.js';
import type { Scale } from './scale.js';

export const SEED = 20_260_101;

/** Streams of randomness, one per kind of row. */
export const STREAM = {
  libraryWeight: 1,
  profile: 2,
  member: 3,
  card: 4,
  item: 5,
  title: 6,
  pastLoan: 7,
  openLoan: 8,
} as const;

export interface PlannedLibrary {
  /** Database id. */
  id: number;
  code: string;
  /** The district (city, county, gu) and province it is in, for "near home". */
  districtKey: number;
  provinceKey: number;
  weight: number;
  itemStart: number;
  itemCount: number;
}

/** Days before today the loan history reaches back (about eight years). */
export const HISTORY_DAYS = 3_000;

export class DayTable {
  readonly today: string;
  readonly #days: string[] = [];
  readonly #todayIndex: number;

  constructor(now: Date = new Date()) {
    this.today = businessDateOf(now);
    const todayMs = Date.parse(`${this.today}T00:00:00Z`);
    this.#todayIndex = HISTORY_DAYS + 100;
    for (let i = 0; i < HISTORY_DAYS + 400; i++) {
      const ms = todayMs + (i - this.#todayIndex) * 86_400_000;
      this.#days.push(new Date(ms).toISOString().slice(0, 10));
    }
  }

  /** The date `offset` days from today (negative: in the past). */
  day(offset: number): string {
    const value = this.#days[this.#todayIndex + offset];
    if (value === undefined) throw new RangeError(`day offset ${offset} is outside the table`);
    return value;
  }
}

export interface MemberProfile {
  status: 'active' | 'pending' | 'withdrawn';
  /** Index into `Plan.libraries`. */
  home: number;
  /** Other libraries the member is checked in at (indexes). */
  checkIns: number[];
}

export class Plan {
  readonly libraries: PlannedLibrary[];
  readonly #homes: WeightedTable;
  readonly #byDistrict = new Map<number, { table: WeightedTable; members: number[] }>();
  readonly #byProvince = new Map<number, { table: WeightedTable; members: number[] }>();
  readonly #rng = new Rng();
  /** Titles in the catalogue (copies of one title sit in many libraries). */
  readonly titles: number;

  constructor(
    readonly scale: Scale,
    libraries: Omit<PlannedLibrary, 'weight' | 'itemStart' | 'itemCount'>[],
  ) {
    const rng = new Rng();
    const weights = libraries.map((_library, index) => {
      rng.seed(SEED, STREAM.libraryWeight, index);
      // Log-normal sizes: most libraries are small, a few city libraries are very large.
      let weight = Math.exp(0.9 * rng.normal());
      if (index === 0) weight *= 4; // the provincial library
      return weight;
    });
    const total = weights.reduce((a, b) => a + b, 0);
    let start = 1;
    let remaining = scale.items;
    this.libraries = libraries.map((library, index) => {
      const last = index === libraries.length - 1;
      const share = Math.max(20, Math.round((scale.items * weights[index]!) / total));
      const itemCount = last
        ? Math.max(1, remaining)
        : Math.min(share, remaining - 20 * (libraries.length - index - 1));
      const planned = { ...library, weight: weights[index]!, itemStart: start, itemCount };
      start += itemCount;
      remaining -= itemCount;
      return planned;
    });
    this.#homes = new WeightedTable(weights);
    const group = (key: (l: PlannedLibrary) => number) => {
      const groups = new Map<number, number[]>();
      this.libraries.forEach((l, i) => {
        const list = groups.get(key(l)) ?? [];
        list.push(i);
        groups.set(key(l), list);
      });
      return new Map(
        [...groups].map(([k, members]) => [
          k,
          { members, table: new WeightedTable(members.map((i) => weights[i]!)) },
        ]),
      );
    };
    for (const [k, v] of group((l) => l.districtKey)) this.#byDistrict.set(k, v);
    for (const [k, v] of group((l) => l.provinceKey)) this.#byProvince.set(k, v);
    this.titles = Math.max(500, Math.round(scale.items / 6));
  }

  /** Who the member is, as far as loans need it; a pure function of the member number. */
  profile(member: number, out: MemberProfile = { status: 'active', home: 0, checkIns: [] }) {
    const rng = this.#rng.seed(SEED, STREAM.profile, member);
    const u = rng.next();
    out.status = u < 0.01 ? 'pending' : u < 0.02 ? 'withdrawn' : 'active';
    out.home = this.#homes.index(rng.next());
    out.checkIns.length = 0;
    if (out.status !== 'active') return out;
    const v = rng.next();
    const count = v < 0.65 ? 0 : v < 0.93 ? 1 : 2;
    for (let k = 0; k < count; k++) {
      const home = this.libraries[out.home]!;
      const w = rng.next();
      // Mostly a library of the same city or county, else of the same province, else anywhere.
      const pool =
        w < 0.6
          ? this.#byDistrict.get(home.districtKey)!
          : w < 0.9
            ? this.#byProvince.get(home.provinceKey)!
            : null;
      const index = pool
        ? pool.members[pool.table.index(rng.next())]!
        : this.#homes.index(rng.next());
      if (index !== out.home && !out.checkIns.includes(index)) out.checkIns.push(index);
    }
    return out;
  }

  /** The library that holds item `id`. */
  libraryOfItem(id: number): number {
    let lo = 0;
    let hi = this.libraries.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.libraries[mid]!.itemStart <= id) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}
