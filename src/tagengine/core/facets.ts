import type RoaringBitmap32 from "roaring/RoaringBitmap32";
import { entry } from "../../lib/collections";
import type { TagEngine } from "./engine";
import { BIG_TAG } from "./postings";
import { FACET_TYPES, type FacetCount, type FacetType, FIXED_TYPES } from "./types";

/** Below this many works, counting from each work's own tag list beats bitmap intersections. */
export const FORWARD_SCAN_LIMIT = 20_000;

export type Facets = Record<FacetType, FacetCount[]>;

export interface FacetCounter {
  count(result: RoaringBitmap32, total: number, limit: number): Facets;
  invalidate(): void;
  invalidateType(): void;
}

/**
 * Exact top-N tags per type within a result. Small results count from the forward index into one
 * reusable array. Large ones intersect the result with each big tag of a type, taking tags in
 * descending order of their archive-wide count and stopping once the next tag's archive-wide
 * count cannot beat the current N-th: the answer stays exact. Tags too small to be bitmaps are
 * counted from the forward index only when they could still enter the top N.
 */
export function makeFacetCounter(engine: TagEngine): FacetCounter {
  // Counts stay below 65,536: small results hold at most FORWARD_SCAN_LIMIT works, and large ones
  // count only small tags here. Half the bytes of a Uint32Array is fewer cache misses.
  let scratch = new Uint16Array(1024);
  let touchedTags: Uint32Array = new Uint32Array(1024);
  let candidates: Map<number, number[]> | null = null;

  function candidatesOf(code: number): number[] {
    if (!candidates) {
      candidates = new Map();
      for (const t of engine.postings.bigTagIds()) {
        const c = engine.tagType[t] ?? 0;
        if (!c) continue;
        entry(candidates, c, () => []).push(t);
      }
      for (const list of candidates.values()) {
        list.sort((a, b) => engine.postings.count(b) - engine.postings.count(a) || a - b);
      }
    }
    return candidates.get(code) ?? [];
  }

  /** Counts tags of the result from the forward index; `only(code, tag)` filters what is counted. */
  function forwardCount(result: RoaringBitmap32, only?: (tagId: number) => boolean): Uint32Array {
    const tagType = engine.tagType;
    if (scratch.length < tagType.length) scratch = new Uint16Array(tagType.length * 2);
    const counts = scratch;
    let touched = touchedTags;
    let found = 0;
    const cols = engine.cols;
    const changed = cols.fwdChanged;
    const offs = cols.fwdOffsets;
    const fwd = cols.fwdTags;
    const built = offs.length - 1;
    const slots = result.toUint32Array();
    for (let k = 0; k < slots.length; k++) {
      const s = slots[k]!;
      const own = changed.size ? changed.get(s) : undefined;
      if (own) {
        for (let i = 0; i < own.length; i++) {
          const t = own[i]!;
          if (only && !only(t)) continue;
          if (counts[t]!++ === 0) {
            if (found === touched.length) touched = grow(touched);
            touched[found++] = t;
          }
        }
      } else if (s < built) {
        for (let i = offs[s]!, end = offs[s + 1]!; i < end; i++) {
          const t = fwd[i]!;
          if (only && !only(t)) continue;
          if (counts[t]!++ === 0) {
            if (found === touched.length) touched = grow(touched);
            touched[found++] = t;
          }
        }
      }
    }
    touchedTags = touched;
    return touched.subarray(0, found);
  }

  function grow(list: Uint32Array): Uint32Array {
    const bigger = new Uint32Array(list.length * 2);
    bigger.set(list);
    return bigger;
  }

  function pushTop(top: FacetCount[], tagId: number, count: number, limit: number) {
    if (count === 0) return;
    if (top.length === limit) {
      const last = top[limit - 1]!;
      if (count < last.count || (count === last.count && tagId > last.tagId)) return;
      top.pop();
    }
    let i = top.length;
    while (i > 0 && (top[i - 1]!.count < count || (top[i - 1]!.count === count && top[i - 1]!.tagId > tagId)))
      i--;
    top.splice(i, 0, { tagId, count });
  }

  function empty(): Facets {
    return Object.fromEntries(FACET_TYPES.map((t) => [t, []])) as unknown as Facets;
  }

  return {
    invalidate() {
      candidates = null;
    },
    invalidateType() {
      candidates = null;
    },
    count(result, total, limit) {
      const out = empty();
      if (total === 0) return out;
      if (total <= FORWARD_SCAN_LIMIT) {
        const touched = forwardCount(result);
        for (const t of touched) {
          const code = engine.tagType[t] ?? 0;
          if (code) pushTop(out[FACET_TYPES[code - 1]!], t, scratch[t]!, limit);
          scratch[t] = 0;
        }
        return out;
      }
      const needSmall = new Set<number>();
      FACET_TYPES.forEach((type, i) => {
        const code = i + 1;
        const top = out[type];
        for (const t of candidatesOf(code)) {
          const global = engine.postings.count(t);
          if (top.length === limit && global < top[limit - 1]!.count) break;
          pushTop(top, t, engine.postings.countIn(t, result), limit);
        }
        // Small tags hold fewer than BIG_TAG works: they matter only while the top is short of that.
        const short = top.length < limit || top[limit - 1]!.count < BIG_TAG;
        if (short && code > FIXED_TYPES) needSmall.add(code);
      });
      if (needSmall.size) {
        const tagType = engine.tagType;
        const touched = forwardCount(result, (t) => needSmall.has(tagType[t]!) && !engine.postings.isBig(t));
        for (const t of touched) {
          pushTop(out[FACET_TYPES[tagType[t]! - 1]!], t, scratch[t]!, limit);
          scratch[t] = 0;
        }
      }
      return out;
    },
  };
}
