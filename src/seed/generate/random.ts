/**
 * Deterministic randomness for the generator: every row is a pure function of (seed, table, row
 * number), so rows can be generated in any order, in a stream, and a member's home library can be
 * recomputed when their loans are generated (no per-member state in memory).
 */

/** A 32-bit integer hash of up to four integers (murmur3's finaliser over a mixed state). */
export function hash32(a: number, b = 0, c = 0, d = 0): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13) ^ b, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16) ^ c, 0x27d4eb2f);
  h = Math.imul(h ^ (h >>> 15) ^ d, 0x165667b1);
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** A small fast generator (mulberry32) that can be re-seeded without allocating. */
export class Rng {
  #state = 0;

  constructor(...key: number[]) {
    this.seed(key[0] ?? 0, key[1] ?? 0, key[2] ?? 0, key[3] ?? 0);
  }

  seed(a: number, b = 0, c = 0, d = 0): this {
    this.#state = hash32(a, b, c, d);
    return this;
  }

  /** A uniform number in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) | 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [0, n). */
  int(n: number): number {
    return Math.floor(this.next() * n);
  }

  chance(p: number): boolean {
    return this.next() < p;
  }

  pick<T>(list: readonly T[]): T {
    return list[this.int(list.length)]!;
  }

  /** A standard normal deviate (Box–Muller). */
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
}

/** Weighted choice by binary search over cumulative weights. */
export class WeightedTable {
  readonly #cumulative: Float64Array;
  readonly total: number;

  constructor(weights: ArrayLike<number>) {
    this.#cumulative = new Float64Array(weights.length);
    let sum = 0;
    for (let i = 0; i < weights.length; i++) {
      sum += weights[i]!;
      this.#cumulative[i] = sum;
    }
    this.total = sum;
  }

  get size(): number {
    return this.#cumulative.length;
  }

  /** The index chosen by u in [0, 1). */
  index(u: number): number {
    const target = u * this.total;
    let lo = 0;
    let hi = this.#cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.#cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  }
}

/**
 * A bijection on [0, 10^11) (an affine map with a multiplier prime to 10), so card numbers look
 * random yet never collide.
 */
const CARD_SPACE = 100_000_000_000n;
const CARD_MULTIPLIER = 48_271_604_939n;
const CARD_OFFSET = 7_364_519_083n;
export function scrambleCardBody(n: number): string {
  const value = (BigInt(n) * CARD_MULTIPLIER + CARD_OFFSET) % CARD_SPACE;
  return value.toString().padStart(11, '0');
}
