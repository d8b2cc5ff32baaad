// Sorted word-start entries, the storage of the autocomplete index. An entry packs a tag's slot
// and the offset of a word in its folded name into one number; a list keeps its entries in the
// order of the folded name from that word on, so the entries that start with a term lie between
// two binary searches.

/**
 * An entry packs a tag's slot and the offset of a word in its folded name into one number:
 * slot × OFFSETS + offset. Offsets past OFFSETS (only in very long folded names) are not indexed.
 */
export const OFFSETS = 1024;
/** New entries wait in a small sorted list and join the main array once it grows past this. */
const RECENT_MAX = 4096;

/** Compares the folded name `a` from offset `i` with `b` from offset `j`, as strings. */
export function compareAt(a: string, i: number, b: string, j: number): number {
  const n = Math.min(a.length - i, b.length - j);
  for (let k = 0; k < n; k++) {
    const d = a.charCodeAt(i + k) - b.charCodeAt(j + k);
    if (d !== 0) return d;
  }
  return a.length - i - (b.length - j);
}

/** The first string after every string that starts with `term` (null when there is none). */
export function successor(term: string): string | null {
  for (let i = term.length - 1; i >= 0; i--) {
    const c = term.charCodeAt(i);
    if (c < 0xffff) return term.slice(0, i) + String.fromCharCode(c + 1);
  }
  return null;
}

/** Word-start entries sorted by the folded name from the word on. */
export class WordList {
  main: Float64Array = new Float64Array(0);
  recent: number[] = [];

  constructor(private keys: string[]) {}

  compare = (x: number, y: number): number => {
    const sx = Math.floor(x / OFFSETS);
    const sy = Math.floor(y / OFFSETS);
    return compareAt(this.keys[sx]!, x - sx * OFFSETS, this.keys[sy]!, y - sy * OFFSETS) || x - y;
  };

  /** Replaces everything with `entries`, sorted in one pass. */
  fill(entries: number[]): void {
    const sorted = Float64Array.from(entries);
    this.sortRange(sorted, 0, sorted.length, 0);
    this.main = sorted;
    this.recent = [];
  }

  /** The code unit at `depth` of an entry's suffix, -1 past its end. */
  private charAt(e: number, depth: number): number {
    const slot = Math.floor(e / OFFSETS);
    const key = this.keys[slot]!;
    const i = e - slot * OFFSETS + depth;
    return i < key.length ? key.charCodeAt(i) : -1;
  }

  /**
   * Multikey quicksort (Bentley and Sedgewick) of a[lo, hi), whose suffixes agree on their first
   * `depth` code units: suffixes of tag names share long prefixes ("alternate universe - …"),
   * which a comparison sort would read again on every comparison.
   */
  private sortRange(a: Float64Array, lo: number, hi: number, depth: number): void {
    while (hi - lo > 12) {
      const pivot = this.charAt(a[(lo + hi) >>> 1]!, depth);
      let lt = lo;
      let gt = hi - 1;
      let i = lo;
      while (i <= gt) {
        const c = this.charAt(a[i]!, depth);
        if (c < pivot) {
          const t = a[lt]!;
          a[lt++] = a[i]!;
          a[i++] = t;
        } else if (c > pivot) {
          const t = a[gt]!;
          a[gt--] = a[i]!;
          a[i] = t;
        } else i++;
      }
      this.sortRange(a, lo, lt, depth);
      this.sortRange(a, gt + 1, hi, depth);
      if (pivot < 0) return; // the equal part ended together: all the same suffix
      lo = lt;
      hi = gt + 1;
      depth++;
    }
    // Short ranges: insertion sort from the known common depth.
    for (let i = lo + 1; i < hi; i++) {
      const e = a[i]!;
      let j = i;
      while (j > lo && this.compareFrom(a[j - 1]!, e, depth) > 0) {
        a[j] = a[j - 1]!;
        j--;
      }
      a[j] = e;
    }
  }

  private compareFrom(x: number, y: number, depth: number): number {
    const sx = Math.floor(x / OFFSETS);
    const sy = Math.floor(y / OFFSETS);
    return (
      compareAt(this.keys[sx]!, x - sx * OFFSETS + depth, this.keys[sy]!, y - sy * OFFSETS + depth) || x - y
    );
  }

  add(entries: number[]): void {
    for (const e of entries) this.recent.splice(this.lowerBoundEntry(this.recent, e), 0, e);
    if (this.recent.length > RECENT_MAX) this.mergeRecent();
  }

  /** Drops the entries of the given slots (a tag renamed or deleted: rare, so a full pass is fine). */
  drop(slots: Set<number>): void {
    const keep = (e: number) => !slots.has(Math.floor(e / OFFSETS));
    this.main = this.main.filter(keep);
    this.recent = this.recent.filter(keep);
  }

  /**
   * Adds to the candidates every tag with an entry starting with `term`: the entries between the
   * term and its successor, found by two binary searches.
   */
  collect(term: string, next: string | null, into: Candidates): void {
    for (const list of [this.main, this.recent]) {
      const lo = this.lowerBound(list, term);
      const hi = next === null ? list.length : this.lowerBound(list, next);
      for (let i = lo; i < hi; i++) into.add(Math.floor(list[i]! / OFFSETS));
    }
  }

  get size(): number {
    return this.main.length + this.recent.length;
  }

  private mergeRecent(): void {
    const out = new Float64Array(this.main.length + this.recent.length);
    let i = 0;
    let j = 0;
    let k = 0;
    while (i < this.main.length && j < this.recent.length)
      out[k++] = this.compare(this.main[i]!, this.recent[j]!) <= 0 ? this.main[i++]! : this.recent[j++]!;
    while (i < this.main.length) out[k++] = this.main[i++]!;
    while (j < this.recent.length) out[k++] = this.recent[j++]!;
    this.main = out;
    this.recent = [];
  }

  private lowerBoundEntry(list: ArrayLike<number>, e: number): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.compare(list[mid]!, e) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The first entry whose suffix is not below `term`. */
  private lowerBound(list: ArrayLike<number>, term: string): number {
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const e = list[mid]!;
      const slot = Math.floor(e / OFFSETS);
      if (compareAt(this.keys[slot]!, e - slot * OFFSETS, term, 0) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}

/** The tags one lookup found, each once (a tag may match on several words). */
export class Candidates {
  slots = new Int32Array(1024);
  length = 0;
  private seen = new Uint32Array(1024);
  private generation = 0;

  /** Starts a lookup over `size` slots. */
  reset(size: number): void {
    if (this.seen.length < size) {
      const grown = new Uint32Array(Math.max(size, this.seen.length * 2));
      grown.set(this.seen);
      this.seen = grown;
    }
    if (++this.generation === 0xffffffff) {
      this.seen.fill(0);
      this.generation = 1;
    }
    this.length = 0;
  }

  add(slot: number): void {
    if (this.seen[slot] === this.generation) return;
    this.seen[slot] = this.generation;
    if (this.length === this.slots.length) {
      const grown = new Int32Array(this.length * 2);
      grown.set(this.slots);
      this.slots = grown;
    }
    this.slots[this.length++] = slot;
  }
}
