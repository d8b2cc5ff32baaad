import RoaringBitmap32 from "roaring/RoaringBitmap32";
import type { TagEngine } from "./engine";
import type { Facets } from "./facets";
import type { EngineQuery, EngineResult } from "./types";

const CACHE_SIZE = 512;

/** Filters, pages and counts one listing. */
export function runQuery(engine: TagEngine, q: EngineQuery): EngineResult {
  const result = filter(engine, q);
  const total = result.size;
  let slots: number[];
  if (q.sort === "relevance") {
    slots = [];
    const want = q.offset + q.limit;
    let seen = 0;
    for (const id of q.rankedIds ?? []) {
      const s = engine.slotOf(id);
      if (s < 0 || !result.has(s)) continue;
      if (seen++ >= q.offset) slots.push(s);
      if (seen >= want) break;
    }
  } else {
    slots = engine.orders.page(result, total, q.sort, q.direction, q.offset, q.limit);
  }
  const ids = slots.map((s) => engine.cols.id[s]!);
  if (!q.facets) return { total, ids };
  return { total, ids, facets: facets(engine, q, result, total) };
}

function facets(engine: TagEngine, q: EngineQuery, result: RoaringBitmap32, total: number): Facets {
  const limit = q.facetLimit ?? 10;
  // An id list is cached only under a name its maker gives it (see EngineQuery.onlyIdsKey).
  if (q.onlyIds && q.onlyIdsKey === undefined) return engine.facets.count(result, total, limit);
  const cache = engine.facetCache;
  const key = JSON.stringify([
    q.onlyIds ? q.onlyIdsKey : null,
    q.signedIn,
    [...(q.include ?? [])].sort(),
    [...(q.exclude ?? [])].sort(),
    q.complete,
    q.crossover,
    q.language,
    q.wordsFrom,
    q.wordsTo,
    q.updatedFrom,
    q.updatedTo,
    limit,
  ]);
  const hit = cache.get(key);
  if (hit && hit.version === engine.version) {
    cache.delete(key);
    cache.set(key, hit);
    return hit.facets;
  }
  const counted = engine.facets.count(result, total, limit);
  cache.set(key, { version: engine.version, facets: counted });
  if (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value!);
  return counted;
}

/** The set of slots that match every filter of the query and that the viewer may see. */
export function filter(engine: TagEngine, q: EngineQuery): RoaringBitmap32 {
  const p = engine.postings;
  const include = [...new Set(q.include ?? [])].sort((a, b) => p.count(a) - p.count(b));
  let result: RoaringBitmap32;
  if (include.length === 0) {
    result = engine.alive.clone();
  } else {
    const first = include[0]!;
    const big = p.bigBitmap(first);
    result = big ? big.clone() : new RoaringBitmap32(p.slots(first));
    for (let i = 1; i < include.length && !result.isEmpty; i++) {
      const t = include[i]!;
      const b = p.bigBitmap(t);
      if (b) result.andInPlace(b);
      else result = intersectSmall(result, p.slots(t));
    }
  }
  if (result.isEmpty) return result;
  if (!q.signedIn) result.andNotInPlace(engine.restricted);
  for (const t of new Set(q.exclude ?? [])) {
    const b = p.bigBitmap(t);
    if (b) result.andNotInPlace(b);
    else result.removeMany(p.slots(t));
  }
  if (q.complete === true) result.andInPlace(engine.complete);
  if (q.complete === false) result.andNotInPlace(engine.complete);
  if (q.crossover === "exclude") result.andNotInPlace(engine.crossovers);
  if (q.crossover === "only") result.andInPlace(engine.crossovers);
  if (q.language !== undefined) {
    const l = engine.languages.get(q.language);
    if (l) result.andInPlace(l);
    else result.clear();
  }
  if (q.onlyIds && !result.isEmpty) result = onlyIds(engine, result, q.onlyIds);
  const ranged =
    q.wordsFrom !== undefined ||
    q.wordsTo !== undefined ||
    q.updatedFrom !== undefined ||
    q.updatedTo !== undefined;
  if (ranged && !result.isEmpty) result = inRanges(engine, q, result);
  return result;
}

function intersectSmall(result: RoaringBitmap32, slots: Uint32Array | number[]): RoaringBitmap32 {
  const kept: number[] = [];
  for (let i = 0; i < slots.length; i++) if (result.has(slots[i]!)) kept.push(slots[i]!);
  return new RoaringBitmap32(kept);
}

/** Bits of slots, reused by onlyIds and always left all zero (a million works: 128 KB). */
let slotBits = new Uint32Array(0);

/**
 * The result's slots whose work is among `ids`. Text-search hits come in work id order, not slot
 * order: they are set in a bit array first. A result that is small beside that array is then
 * tested slot by slot, already sorted; a large one reads the bits back in order into a bitmap to
 * intersect with (a sort of the slots costs 4 times more). The loops take typed arrays only, so
 * that each stays compiled for one kind of array.
 */
function onlyIds(engine: TagEngine, result: RoaringBitmap32, ids: Iterable<number>): RoaringBitmap32 {
  const list = ids instanceof Uint32Array ? ids : Uint32Array.from(ids);
  const words = (engine.slotLimit >>> 5) + 1;
  if (slotBits.length < words) slotBits = new Uint32Array(words + (words >>> 3));
  const bits = slotBits;
  const marked = markSlots(engine.slotTable, list, bits);
  try {
    if (result.size <= 3 * marked + words)
      return new RoaringBitmap32(keepMarked(result.toUint32Array(), bits));
    result.andInPlace(new RoaringBitmap32(markedSlots(bits, words, marked)));
    return result;
  } finally {
    bits.fill(0, 0, words);
  }
}

/** Sets the bit of each listed work's slot; returns how many ids it set (repeats included). */
function markSlots(slotOfId: Uint32Array, ids: Uint32Array, bits: Uint32Array): number {
  let set = 0;
  for (let i = 0; i < ids.length; i++) {
    const id = ids[i]!;
    const s = id < slotOfId.length ? slotOfId[id]! - 1 : -1;
    if (s < 0) continue;
    bits[s >>> 5] = bits[s >>> 5]! | (1 << (s & 31));
    set++;
  }
  return set;
}

/** The slots whose bit is set, in order. */
function keepMarked(slots: Uint32Array, bits: Uint32Array): Uint32Array {
  const kept = new Uint32Array(slots.length);
  let n = 0;
  for (let i = 0; i < slots.length; i++) {
    const s = slots[i]!;
    if ((bits[s >>> 5]! & (1 << (s & 31))) !== 0) kept[n++] = s;
  }
  return kept.subarray(0, n);
}

/** Every set bit's slot in order (at most `most` of them: fewer when an id came twice). */
function markedSlots(bits: Uint32Array, words: number, most: number): Uint32Array {
  const sorted = new Uint32Array(most);
  let n = 0;
  for (let w = 0; w < words; w++) {
    let x = bits[w]!;
    while (x !== 0) {
      const low = x & -x;
      sorted[n++] = (w << 5) | (31 - Math.clz32(low));
      x ^= low;
    }
  }
  return sorted.subarray(0, n);
}

function inRanges(engine: TagEngine, q: EngineQuery, result: RoaringBitmap32): RoaringBitmap32 {
  const { words, updatedAt } = engine.cols.numbers;
  const wFrom = q.wordsFrom ?? 0;
  const wTo = q.wordsTo ?? Number.POSITIVE_INFINITY;
  const uFrom = q.updatedFrom ?? Number.NEGATIVE_INFINITY;
  const uTo = q.updatedTo ?? Number.POSITIVE_INFINITY;
  const slots = result.toUint32Array();
  const kept: number[] = [];
  for (let i = 0; i < slots.length; i++) {
    const s = slots[i]!;
    const w = words[s]!;
    const u = updatedAt[s]!;
    if (w >= wFrom && w <= wTo && u >= uFrom && u <= uTo) kept.push(s);
  }
  return new RoaringBitmap32(kept);
}
