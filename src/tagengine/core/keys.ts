import { compareCodePoints } from "../../lib/codepoints";

/**
 * The title and creator sort keys of every work as numbers. A string a work costs ~40 bytes in V8;
 * instead each slot holds a position: 2r + 1 for the key of rank r among the distinct keys at build
 * time, and for a key set later that is not among them 2p, p being how many of them sort before
 * it. Positions order as the strings do, except that two later keys with the same even position
 * must be compared as strings: those are kept in a small map. The build's keys stay, packed in one
 * UTF-8 buffer, to place later keys. Keys order by code point, as the databases' binary collations do.
 */
/** Distinct keys in order, packed in one UTF-8 buffer: key r is packed[offsets[r]..offsets[r + 1]). */
export interface PackedKeys {
  packed: Buffer;
  offsets: Uint32Array;
}

export function packKeys(sorted: readonly string[]): PackedKeys {
  const offsets = new Uint32Array(sorted.length + 1);
  let bytes = 0;
  for (let r = 0; r < sorted.length; r++) {
    offsets[r] = bytes;
    bytes += Buffer.byteLength(sorted[r]!);
  }
  offsets[sorted.length] = bytes;
  const packed = Buffer.allocUnsafe(bytes);
  for (let r = 0; r < sorted.length; r++) packed.write(sorted[r]!, offsets[r]!);
  return { packed, offsets };
}

export class SortKeys {
  position: Uint32Array;
  /** The strings of slots whose position is even (keys set after the build). */
  readonly later = new Map<number, string>();
  private packed: Buffer;
  private offsets: Uint32Array;

  private constructor(position: Uint32Array, packed: Buffer, offsets: Uint32Array) {
    this.position = position;
    this.packed = packed;
    this.offsets = offsets;
  }

  /** Ranks `keyOfSlot(0..slots-1)`, with room for `capacity` slots. */
  static build(slots: number, capacity: number, keyOfSlot: (slot: number) => string): SortKeys {
    const distinct = new Map<string, number>();
    for (let s = 0; s < slots; s++) distinct.set(keyOfSlot(s), 0);
    const sorted = [...distinct.keys()].sort(compareCodePoints);
    for (let r = 0; r < sorted.length; r++) distinct.set(sorted[r]!, r);
    return SortKeys.fromSorted(sorted, slots, capacity, (s) => distinct.get(keyOfSlot(s))!);
  }

  /**
   * From distinct keys already in code-point order (as a database sorted them) and each slot's
   * rank among them; a rank of -1 places the empty key (a work the build could not rank, which
   * the changes feed will set again).
   */
  static fromSorted(
    sorted: readonly string[] | PackedKeys,
    slots: number,
    capacity: number,
    rankOfSlot: (slot: number) => number,
  ): SortKeys {
    const { packed, offsets } = Array.isArray(sorted) ? packKeys(sorted) : (sorted as PackedKeys);
    const keys = new SortKeys(new Uint32Array(Math.max(capacity, slots)), packed, offsets);
    for (let s = 0; s < slots; s++) {
      const r = rankOfSlot(s);
      if (r >= 0) keys.position[s] = 2 * r + 1;
      else keys.set(s, "");
    }
    return keys;
  }

  /** Sets a slot's key after the build. */
  set(slot: number, key: string): void {
    const p = this.place(key);
    this.position[slot] = p;
    if (p & 1) this.later.delete(slot);
    else this.later.set(slot, key);
  }

  /** Comparator for descending order of key: negative when slot a's key is greater; 0 when equal. */
  compareDesc(a: number, b: number): number {
    const x = this.position[a]!;
    const y = this.position[b]!;
    if (x !== y) return x < y ? 1 : -1;
    if (x & 1) return 0;
    return -compareCodePoints(this.later.get(a)!, this.later.get(b)!);
  }

  grow(capacity: number): void {
    const grown = new Uint32Array(capacity);
    grown.set(this.position);
    this.position = grown;
  }

  bytes(): number {
    let n = this.position.byteLength + this.packed.byteLength + this.offsets.byteLength;
    for (const k of this.later.values()) n += 64 + k.length;
    return n;
  }

  /** 2r + 1 if `key` is the build's key of rank r, else 2 * (number of the build's keys before it). */
  private place(key: string): number {
    let lo = 0;
    let hi = this.offsets.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const k = this.packed.toString("utf8", this.offsets[mid]!, this.offsets[mid + 1]!);
      const c = compareCodePoints(k, key);
      if (c === 0) return 2 * mid + 1;
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    return 2 * lo;
  }
}

/** Distinct sort keys in code-point order, and the rank among them of each row id (-1: none). */
export interface RankedKeys {
  keys: PackedKeys;
  rankOf: Int32Array;
}
