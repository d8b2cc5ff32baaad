import type RoaringBitmap32 from "roaring/RoaringBitmap32";
import type { TagEngine } from "./engine";
import { NUMBER_FIELD_OF, type SortKey } from "./types";

type Cmp = (a: number, b: number) => number;

interface Order {
  /** Slots by key descending (ties: newest work id first), as of when it was built. */
  perm: Uint32Array;
  /** Slots whose key may have moved since (and slots added since). */
  dirty: Set<number>;
}

/**
 * Pages in a chosen order. A large result walks a presorted order of all works and keeps the ones
 * in the result; a small one picks its top entries with a bounded heap. Changes after an order was
 * built are kept aside as "dirty" slots and merged in, so an update never shifts a big array; an
 * order with too many dirty slots is dropped and rebuilt on its next use.
 */
export class SortOrders {
  private orders = new Map<SortKey, Order>();

  constructor(private engine: TagEngine) {}

  touched(slot: number): void {
    for (const [key, o] of this.orders) {
      o.dirty.add(slot);
      if (o.dirty.size > Math.max(4096, o.perm.length / 64)) this.orders.delete(key);
    }
  }

  bytes(): number {
    let n = 0;
    for (const o of this.orders.values()) n += o.perm.byteLength + o.dirty.size * 16;
    return n;
  }

  /** Comparator for descending order: a before b when a's key is greater; ties by work id desc. */
  comparator(key: SortKey, direction: "asc" | "desc"): Cmp {
    const c = this.engine.cols;
    const ids = c.id;
    let desc: Cmp;
    const byNumber =
      (col: ArrayLike<number>): Cmp =>
      (a, b) =>
        col[b]! - col[a]! || ids[b]! - ids[a]!;
    const field = NUMBER_FIELD_OF[key];
    if (field) {
      desc = byNumber(c.numbers[field]);
    } else {
      const keys = key === "title" ? c.title : c.creator;
      desc = (a, b) => keys.compareDesc(a, b) || ids[b]! - ids[a]!;
    }
    return direction === "desc" ? desc : (a, b) => desc(b, a);
  }

  /** The slots of page [offset, offset + limit) of `result` in the given order. */
  page(
    result: RoaringBitmap32,
    total: number,
    key: SortKey,
    direction: "asc" | "desc",
    offset: number,
    limit: number,
  ) {
    const want = offset + limit;
    if (total === 0 || offset >= total) return [];
    const cmp = this.comparator(key, direction);
    const all = this.engine.alive.size;
    // Walking visits about want * all / total works; picking visits all `total`.
    if (want * (all / total) * 2 < total) return this.walk(result, key, direction, cmp, offset, want);
    return topK(result.toUint32Array(), cmp, want).slice(offset, want);
  }

  private walk(
    result: RoaringBitmap32,
    key: SortKey,
    direction: "asc" | "desc",
    cmp: Cmp,
    offset: number,
    want: number,
  ) {
    const { perm, dirty } = this.order(key);
    const base: number[] = [];
    if (direction === "desc") {
      for (let i = 0; i < perm.length && base.length < want; i++) {
        const s = perm[i]!;
        if (!dirty.has(s) && result.has(s)) base.push(s);
      }
    } else {
      for (let i = perm.length - 1; i >= 0 && base.length < want; i--) {
        const s = perm[i]!;
        if (!dirty.has(s) && result.has(s)) base.push(s);
      }
    }
    const extra: number[] = [];
    for (const s of dirty) if (result.has(s)) extra.push(s);
    if (extra.length === 0) return base.slice(offset, want);
    extra.sort(cmp);
    const out: number[] = [];
    let i = 0;
    let j = 0;
    while (out.length < want && (i < base.length || j < extra.length)) {
      if (j >= extra.length || (i < base.length && cmp(base[i]!, extra[j]!) <= 0)) out.push(base[i++]!);
      else out.push(extra[j++]!);
    }
    return out.slice(offset, want);
  }

  private order(key: SortKey): Order {
    let o = this.orders.get(key);
    if (!o) {
      const perm = this.engine.alive.toUint32Array();
      perm.sort(this.comparator(key, "desc"));
      o = { perm, dirty: new Set() };
      this.orders.set(key, o);
    }
    return o;
  }
}

/** The first k of `slots` in comparator order, without sorting them all. */
export function topK(slots: Uint32Array, cmp: Cmp, k: number): number[] {
  if (slots.length <= k * 4 || k > 4096) return Array.from(slots).sort(cmp).slice(0, k);
  // A max-heap (by comparator) of the best k seen so far; its root is the worst of them.
  const heap: number[] = [];
  const worse = (a: number, b: number) => cmp(a, b) > 0;
  for (let n = 0; n < slots.length; n++) {
    const s = slots[n]!;
    if (heap.length < k) {
      heap.push(s);
      let i = heap.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!worse(heap[i]!, heap[p]!)) break;
        [heap[i], heap[p]] = [heap[p]!, heap[i]!];
        i = p;
      }
    } else if (worse(heap[0]!, s)) {
      heap[0] = s;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < k && worse(heap[l]!, heap[m]!)) m = l;
        if (r < k && worse(heap[r]!, heap[m]!)) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m]!, heap[i]!];
        i = m;
      }
    }
  }
  return heap.sort(cmp);
}
