// Seeded randomness for the corpus generator: the same seed always yields the same archive.

/** mulberry32: small, fast, and good enough for synthetic data. Returns floats in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type Rand = () => number;

export function int(r: Rand, n: number): number {
  return Math.floor(r() * n);
}

/** A standard normal deviate (Box–Muller; one of the pair is thrown away for simplicity). */
export function normal(r: Rand): number {
  const u = 1 - r();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r());
}

export function logNormal(r: Rand, median: number, sigma: number): number {
  return median * Math.exp(sigma * normal(r));
}

/** Index drawn with probability proportional to its weight (few weights: a linear walk). */
export function weighted(r: Rand, weights: readonly number[]): number {
  let total = 0;
  for (const w of weights) total += w;
  let x = r() * total;
  for (let i = 0; i < weights.length; i++) {
    x -= weights[i]!;
    if (x < 0) return i;
  }
  return weights.length - 1;
}

/** Walker's alias table: O(1) draws from a fixed discrete distribution of any size. */
export class Alias {
  private prob: Float64Array;
  private alias: Uint32Array;

  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i]!;
    this.prob = new Float64Array(n);
    this.alias = new Uint32Array(n);
    const scaled = new Float64Array(n);
    const small: number[] = [];
    const large: number[] = [];
    for (let i = 0; i < n; i++) {
      scaled[i] = (weights[i]! * n) / total;
      (scaled[i]! < 1 ? small : large).push(i);
    }
    while (small.length && large.length) {
      const s = small.pop()!;
      const l = large[large.length - 1]!;
      this.prob[s] = scaled[s]!;
      this.alias[s] = l;
      scaled[l] = scaled[l]! + scaled[s]! - 1;
      if (scaled[l]! < 1) small.push(large.pop()!);
    }
    for (const i of [...small, ...large]) this.prob[i] = 1;
  }

  draw(r: Rand): number {
    const i = Math.floor(r() * this.prob.length);
    return r() < this.prob[i]! ? i : this.alias[i]!;
  }
}

/**
 * A Pitman–Yor (two-parameter Chinese restaurant) process: each draw returns an existing table
 * with probability proportional to (its count - discount), or a new one with probability
 * proportional to (concentration + discount * tables). With a discount near 0.7 it reproduces the
 * singleton-heavy tails of real tag usage. Tables are numbered 0, 1, 2… in order of creation.
 */
export class PitmanYor {
  private seats: number[] = [];
  private counts: number[] = [];

  constructor(
    private discount: number,
    private concentration: number,
  ) {}

  get tables(): number {
    return this.counts.length;
  }

  count(table: number): number {
    return this.counts[table] ?? 0;
  }

  /** Returns [table, isNew]. */
  draw(r: Rand): [number, boolean] {
    const n = this.seats.length;
    const k = this.counts.length;
    const pNew = (this.concentration + this.discount * k) / (n + this.concentration);
    if (n === 0 || r() < pNew) {
      this.counts.push(1);
      this.seats.push(k);
      return [k, true];
    }
    // An existing table with probability (count - d) / (n - d k): pick a seated customer
    // (probability count / n) and keep their table with probability 1 - d / count.
    for (;;) {
      const t = this.seats[Math.floor(r() * n)]!;
      const c = this.counts[t]!;
      if (r() < 1 - this.discount / c) {
        this.counts[t] = c + 1;
        this.seats.push(t);
        return [t, false];
      }
    }
  }
}

const SYLLABLES =
  "ka ri to mel an sa vo lin de ra is el or tha ven mi ko ja ne sh ul ar en ta ry bo le qu io na fe".split(
    " ",
  );

/** A pronounceable name that is unique for each number (a bijective base-32 spelling). */
export function syllableName(n: number, minSyllables = 2): string {
  let s = "";
  let x = n;
  let parts = 0;
  do {
    s += SYLLABLES[x % SYLLABLES.length];
    x = Math.floor(x / SYLLABLES.length);
    parts++;
  } while (x > 0 || parts < minSyllables);
  return s.charAt(0).toUpperCase() + s.slice(1);
}
