import RoaringBitmap32 from "roaring/RoaringBitmap32";

/**
 * The work slots of every tag. A bitmap object costs a few hundred bytes beyond its data, and most
 * tags hold a handful of works, so tags below BIG_TAG keep a sorted slice of one shared arena
 * (built once) or, after an update touched them, a small sorted array; tags that reach BIG_TAG
 * become roaring bitmaps and stay so.
 */
export const BIG_TAG = 256;

export class Postings {
  private big = new Map<number, RoaringBitmap32>();
  /** Tags that are bitmaps whatever their size (the few fixed ratings, warnings, categories). */
  forceBig: (tagId: number) => boolean = () => false;
  private changed = new Map<number, number[]>();
  private offsets: Uint32Array = new Uint32Array(1);
  private arena: Uint32Array = new Uint32Array(0);

  /** From a forward index in CSR form: slot s has tags[offsets[s]..offsets[s + 1]). */
  static build(
    maxTagId: number,
    counts: Uint32Array,
    offsetsOfSlot: Uint32Array,
    tagsOfSlot: Uint32Array,
  ): Postings {
    const p = new Postings();
    const offsets = new Uint32Array(maxTagId + 2);
    let total = 0;
    for (let t = 0; t <= maxTagId; t++) {
      offsets[t] = total;
      const n = counts[t]!;
      if (n > 0 && n < BIG_TAG) total += n;
    }
    offsets[maxTagId + 1] = total;
    const arena = new Uint32Array(total);
    // Where each tag's next slot goes: a place in the arena for a small tag, -(index + 1) of its
    // list for a big one (sized from the counts: no growing). One read and one write of a single
    // array per pair: a lookup in a sparse array of millions of tag ids, or in three dense ones,
    // costs more than the pair itself.
    const next = new Int32Array(maxTagId + 1);
    const bigSlots = new Map<number, Uint32Array>();
    const bigList: Uint32Array[] = [];
    for (let t = 0; t <= maxTagId; t++) {
      if (counts[t]! >= BIG_TAG) {
        const slots = new Uint32Array(counts[t]!);
        bigSlots.set(t, slots);
        next[t] = -bigList.push(slots);
      } else next[t] = offsets[t]!;
    }
    const bigFill = new Uint32Array(bigList.length);
    const slots = offsetsOfSlot.length - 1;
    for (let slot = 0; slot < slots; slot++) {
      for (let i = offsetsOfSlot[slot]!, end = offsetsOfSlot[slot + 1]!; i < end; i++) {
        const t = tagsOfSlot[i]!;
        const at = next[t]!;
        if (at >= 0) {
          arena[at] = slot;
          next[t] = at + 1;
        } else {
          const b = -at - 1;
          bigList[b]![bigFill[b]!++] = slot;
        }
      }
    }
    for (const [t, slots] of bigSlots) {
      const b = new RoaringBitmap32(slots);
      b.runOptimize();
      b.shrinkToFit();
      p.big.set(t, b);
    }
    p.offsets = offsets;
    p.arena = arena;
    return p;
  }

  count(tagId: number): number {
    const b = this.big.get(tagId);
    if (b) return b.size;
    const c = this.changed.get(tagId);
    if (c) return c.length;
    return tagId + 1 < this.offsets.length ? this.offsets[tagId + 1]! - this.offsets[tagId]! : 0;
  }

  isBig(tagId: number): boolean {
    return this.big.has(tagId);
  }

  bigTagIds(): IterableIterator<number> {
    return this.big.keys();
  }

  /** The tag's bitmap, shared for big tags (do not modify it), fresh for small ones. */
  bitmap(tagId: number): RoaringBitmap32 {
    return this.big.get(tagId) ?? new RoaringBitmap32(this.slots(tagId));
  }

  /** The big tag's own bitmap, or undefined for a small tag. */
  bigBitmap(tagId: number): RoaringBitmap32 | undefined {
    return this.big.get(tagId);
  }

  /** Sorted slots of a small tag. */
  slots(tagId: number): Uint32Array | number[] {
    const c = this.changed.get(tagId);
    if (c) return c;
    if (tagId + 1 >= this.offsets.length) return [];
    return this.arena.subarray(this.offsets[tagId]!, this.offsets[tagId + 1]!);
  }

  /** Works of the tag that are in `set`. */
  countIn(tagId: number, set: RoaringBitmap32): number {
    const b = this.big.get(tagId);
    if (b) return set.andCardinality(b);
    const s = this.slots(tagId);
    let n = 0;
    for (let i = 0; i < s.length; i++) if (set.has(s[i]!)) n++;
    return n;
  }

  add(tagId: number, slot: number): void {
    const b = this.big.get(tagId);
    if (b) {
      b.add(slot);
      return;
    }
    const list = this.mutable(tagId);
    const i = lowerBound(list, slot);
    if (list[i] === slot) return;
    list.splice(i, 0, slot);
    if (list.length >= BIG_TAG || this.forceBig(tagId)) {
      this.big.set(tagId, new RoaringBitmap32(list));
      this.changed.delete(tagId);
    }
  }

  remove(tagId: number, slot: number): void {
    const b = this.big.get(tagId);
    if (b) {
      b.delete(slot);
      return;
    }
    const list = this.mutable(tagId);
    const i = lowerBound(list, slot);
    if (list[i] === slot) list.splice(i, 1);
  }

  /** Makes a small tag a bitmap. */
  promote(tagId: number): void {
    if (this.big.has(tagId)) return;
    this.big.set(tagId, new RoaringBitmap32(this.slots(tagId)));
    this.changed.delete(tagId);
  }

  /** Approximate bytes held (for the memory figures). */
  bytes(): number {
    let n = this.offsets.byteLength + this.arena.byteLength;
    for (const b of this.big.values()) n += b.getSerializationSizeInBytes("croaring") + 64;
    for (const c of this.changed.values()) n += c.length * 8 + 64;
    return n;
  }

  private mutable(tagId: number): number[] {
    let list = this.changed.get(tagId);
    if (!list) {
      list = Array.from(this.slots(tagId));
      this.changed.set(tagId, list);
    }
    return list;
  }
}

function lowerBound(list: number[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
