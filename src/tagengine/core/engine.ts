import RoaringBitmap32 from "roaring/RoaringBitmap32";
import { entry } from "../../lib/collections";
import { COMPLETE, CROSSOVER, RESTRICTED, WorkBatch } from "./batch";
import { Columns } from "./columns";
import { type FacetCounter, type Facets, makeFacetCounter } from "./facets";
import { type RankedKeys, SortKeys } from "./keys";
import { Postings } from "./postings";
import { runQuery } from "./query";
import { SortOrders } from "./sort";
import {
  type EngineQuery,
  type EngineResult,
  FACET_TYPES,
  type FacetType,
  FIXED_TYPES,
  type IndexedWork,
  NUMBER_COLUMNS,
  type TagInfo,
  TYPE_CODE,
} from "./types";

/** Tag type codes by tag id (0: no tag), the form the engine keeps them in. */
export function tagTypeCodes(tags: readonly TagInfo[]): Uint8Array {
  let max = 0;
  for (const t of tags) if (t.id > max) max = t.id;
  const codes = new Uint8Array(max + 1);
  for (const t of tags) codes[t.id] = TYPE_CODE.get(t.type) ?? 0;
  return codes;
}

/**
 * The in-memory index that answers every listing: bitmap algebra for filters, presorted orders for
 * pages, exact sidebar counts. Built from the database at start and kept current work by work.
 */
export class TagEngine {
  readonly cols: Columns;
  readonly postings: Postings;
  /** Slots of every listable work. */
  readonly alive = new RoaringBitmap32();
  readonly restricted = new RoaringBitmap32();
  readonly complete = new RoaringBitmap32();
  readonly crossovers = new RoaringBitmap32();
  readonly languages = new Map<string, RoaringBitmap32>();
  /** Tag type code per tag id (0: unknown). */
  tagType: Uint8Array;
  /** Work id -> slot + 1 (0: not indexed). */
  private slotOfId: Uint32Array;
  private nextSlot: number;
  /** Grows by one with every change; caches key on it. */
  version = 0;
  readonly orders: SortOrders;
  readonly facets: FacetCounter;
  /** Sidebar counts of recent queries, valid while `version` is unchanged. */
  readonly facetCache = new Map<string, { version: number; facets: Facets }>();

  private constructor(cols: Columns, postings: Postings, maxTagId: number, maxWorkId: number, slots: number) {
    this.cols = cols;
    this.postings = postings;
    this.tagType = new Uint8Array(maxTagId + 1);
    this.slotOfId = new Uint32Array(maxWorkId + 1);
    this.nextSlot = slots;
    this.orders = new SortOrders(this);
    this.facets = makeFacetCounter(this);
  }

  /** Builds the index from work objects (tests, small archives). */
  static build(works: IndexedWork[], tags: TagInfo[]): TagEngine {
    return TagEngine.buildFromColumns(WorkBatch.from(works), tagTypeCodes(tags));
  }

  /**
   * Builds the index. Works are given slots so that each big fandom's works are contiguous, which
   * keeps bitmaps compact and turns the counting loops' reads into sequential ones.
   */
  static buildFromColumns(
    works: WorkBatch,
    tagTypes: Uint8Array,
    sortKeys?: { titles: RankedKeys; creators: RankedKeys },
  ): TagEngine {
    // Hot loops below read typed arrays through locals only: a field load per element of tens of
    // millions costs more than the work itself.
    works.seal();
    const n = works.length;
    const inTags = works.tags;
    const inStart = works.tagStart;
    const inIds = works.id;
    const maxTagId = Math.max(0, tagTypes.length - 1);
    let maxWorkId = 0;
    for (let i = 0; i < n; i++) if (inIds[i]! > maxWorkId) maxWorkId = inIds[i]!;
    // Each work's tags arrive sorted, unique and counted (WorkBatch.seal).
    const counts = new Uint32Array(maxTagId + 1);
    counts.set(works.tagCounts.subarray(0, maxTagId + 1));
    const tagType = new Uint8Array(maxTagId + 1);
    tagType.set(tagTypes.subarray(0, maxTagId + 1));
    const fandom = TYPE_CODE.get("fandom")!;
    // Order: by the work's most popular fandom, then by id (see slotOrder).
    const primary = new Uint32Array(n);
    const isPrimary = new Uint8Array(maxTagId + 1);
    for (let i = 0; i < n; i++) {
      let best = 0;
      let bestCount = -1;
      for (let j = inStart[i]!, end = inStart[i + 1]!; j < end; j++) {
        const t = inTags[j]!;
        if (t <= maxTagId && tagType[t] === fandom && counts[t]! > bestCount) {
          best = t;
          bestCount = counts[t]!;
        }
      }
      primary[i] = best;
      isPrimary[best] = 1;
    }
    const ranked: number[] = [];
    for (let t = 0; t <= maxTagId; t++) if (isPrimary[t]) ranked.push(t);
    ranked.sort((a, b) => counts[b]! - counts[a]! || a - b);
    const rank = new Uint32Array(maxTagId + 1);
    ranked.forEach((t, i) => {
      rank[t] = i;
    });
    const rankOfWork = new Uint32Array(n);
    for (let i = 0; i < n; i++) rankOfWork[i] = rank[primary[i]!]!;
    const order = slotOrder(rankOfWork, ranked.length, inIds, maxWorkId, n);
    const cols = new Columns(n);
    const slotOfIndex = new Uint32Array(n);
    for (let slot = 0; slot < n; slot++) slotOfIndex[order[slot]!] = slot;
    // The forward index in slot order. A work's tags are sorted: tags newer than the tag graph
    // (left out) come last.
    const kept = new Uint32Array(n);
    for (let w = 0; w < n; w++) {
      let end = inStart[w + 1]!;
      while (end > inStart[w]! && inTags[end - 1]! > maxTagId) end--;
      kept[w] = end - inStart[w]!;
    }
    const fwdOffsets = new Uint32Array(n + 1);
    for (let slot = 0; slot < n; slot++) fwdOffsets[slot + 1] = fwdOffsets[slot]! + kept[order[slot]!]!;
    const fwdTags = new Uint32Array(fwdOffsets[n]!);
    for (let w = 0; w < n; w++) {
      let at = fwdOffsets[slotOfIndex[w]!]!;
      for (let j = inStart[w]!, end = j + kept[w]!; j < end; j++) fwdTags[at++] = inTags[j]!;
    }
    cols.fwdOffsets = fwdOffsets;
    cols.fwdTags = fwdTags;
    const postings = Postings.build(maxTagId, counts, fwdOffsets, fwdTags);
    const engine = new TagEngine(cols, postings, maxTagId, maxWorkId, n);
    engine.tagType = tagType;
    postings.forceBig = (t) => (engine.tagType[t] ?? 0) >= 1 && (engine.tagType[t] ?? 0) <= FIXED_TYPES;
    for (let t = 1; t <= maxTagId; t++) if (counts[t]! > 0 && postings.forceBig(t)) postings.promote(t);
    const restricted: number[] = [];
    const complete: number[] = [];
    const crossovers: number[] = [];
    const langs: number[][] = works.languages.map(() => []);
    const slotOfId = engine.slotOfId;
    const outId = cols.id;
    const { flags: inFlags, language: inLanguage } = works;
    // The numbers go to their slots column by column, read in the batch's order: a write to a
    // random place stalls less than a read from one.
    for (let w = 0; w < n; w++) {
      const slot = slotOfIndex[w]!;
      outId[slot] = inIds[w]!;
      slotOfId[inIds[w]!] = slot + 1;
    }
    for (const { field } of NUMBER_COLUMNS) {
      const from = works.numbers[field];
      const to = cols.numbers[field];
      if (from instanceof Float64Array) scatterFloats(from, to as Float64Array, slotOfIndex, n);
      else scatter(from, to as Uint32Array, slotOfIndex, n);
    }
    for (let slot = 0; slot < n; slot++) {
      const w = order[slot]!;
      const flags = inFlags[w]!;
      if (flags & RESTRICTED) restricted.push(slot);
      if (flags & COMPLETE) complete.push(slot);
      if (flags & CROSSOVER) crossovers.push(slot);
      langs[inLanguage[w]!]!.push(slot);
    }
    // Keys ranked by the database (off its indexes) when given, by sorting the works' keys otherwise.
    const fromRanks = (r: RankedKeys) =>
      SortKeys.fromSorted(r.keys, n, cols.capacity, (slot) => {
        const id = inIds[order[slot]!]!;
        return id < r.rankOf.length ? r.rankOf[id]! : -1;
      });
    cols.title = sortKeys
      ? fromRanks(sortKeys.titles)
      : SortKeys.build(n, cols.capacity, (slot) => works.titleSort[order[slot]!]!);
    cols.creator = sortKeys
      ? fromRanks(sortKeys.creators)
      : SortKeys.build(n, cols.capacity, (slot) => works.creatorSort[order[slot]!]!);
    engine.alive.addRange(0, n);
    engine.restricted.addMany(restricted);
    engine.complete.addMany(complete);
    engine.crossovers.addMany(crossovers);
    works.languages.forEach((lang, code) => {
      if (langs[code]!.length) engine.languages.set(lang, new RoaringBitmap32(langs[code]!));
    });
    for (const b of [engine.alive, engine.restricted, engine.complete, engine.crossovers]) b.runOptimize();
    return engine;
  }

  get size(): number {
    return this.alive.size;
  }

  /** One past the highest slot ever given out (dead slots included). */
  get slotLimit(): number {
    return this.nextSlot;
  }

  /** Slot + 1 by work id (0: not indexed), for loops that look up many ids. */
  get slotTable(): Uint32Array {
    return this.slotOfId;
  }

  slotOf(workId: number): number {
    return workId < this.slotOfId.length ? this.slotOfId[workId]! - 1 : -1;
  }

  has(workId: number): boolean {
    return this.slotOf(workId) >= 0;
  }

  /** Declares a tag's type (new tags appear as works are posted). */
  setTag(tag: TagInfo): void {
    if (tag.id >= this.tagType.length) {
      const grown = new Uint8Array(Math.max(tag.id + 1, this.tagType.length * 2));
      grown.set(this.tagType);
      this.tagType = grown;
    }
    this.tagType[tag.id] = TYPE_CODE.get(tag.type) ?? 0;
    this.facets.invalidateType();
  }

  /** Declares the types of many tags at once (codes by tag id, 0 for none): after wrangling. */
  setTagTypes(codes: Uint8Array): void {
    if (codes.length > this.tagType.length) {
      const grown = new Uint8Array(codes.length);
      grown.set(this.tagType);
      this.tagType = grown;
    }
    for (let t = 0; t < codes.length; t++) if (codes[t]) this.tagType[t] = codes[t]!;
    this.facets.invalidateType();
  }

  typeOf(tagId: number): FacetType | undefined {
    const code = tagId < this.tagType.length ? this.tagType[tagId]! : 0;
    return code ? FACET_TYPES[code - 1] : undefined;
  }

  /** Adds a work or replaces what the index holds for it. */
  upsert(w: IndexedWork): void {
    let slot = this.slotOf(w.id);
    const old = slot >= 0 ? this.cols.tags(slot) : undefined;
    if (slot < 0) {
      slot = this.nextSlot++;
      this.cols.ensure(this.nextSlot);
      if (w.id >= this.slotOfId.length) {
        const grown = new Uint32Array(Math.max(w.id + 1, this.slotOfId.length * 2));
        grown.set(this.slotOfId);
        this.slotOfId = grown;
      }
      this.slotOfId[w.id] = slot + 1;
    } else {
      this.removeFromSets(slot);
    }
    const tags = Uint32Array.from(new Set(w.tagIds)).sort();
    for (const t of tags)
      if (t >= this.tagType.length || this.tagType[t] === 0) this.setTag({ id: t, type: "freeform" });
    if (old) for (const t of old) if (!binaryHas(tags, t)) this.postings.remove(t, slot);
    for (const t of tags) if (!old || !binaryHas(old, t)) this.postings.add(t, slot);
    this.cols.fwdChanged.set(slot, tags);
    this.setColumns(slot, w);
    this.alive.add(slot);
    if (w.restricted) this.restricted.add(slot);
    if (w.complete) this.complete.add(slot);
    if (w.fandomCount > 1) this.crossovers.add(slot);
    entry(this.languages, w.language, () => new RoaringBitmap32()).add(slot);
    this.touched(slot);
  }

  /** Takes a work out of every listing (deleted, drafted again, hidden). */
  remove(workId: number): void {
    const slot = this.slotOf(workId);
    if (slot < 0) return;
    for (const t of this.cols.tags(slot)) this.postings.remove(t, slot);
    this.cols.fwdChanged.set(slot, new Uint32Array(0));
    this.removeFromSets(slot);
    this.alive.delete(slot);
    this.slotOfId[workId] = 0;
    this.touched(slot);
  }

  query(q: EngineQuery): EngineResult {
    return runQuery(this, q);
  }

  /** Approximate bytes held by the index. */
  bytes(): number {
    let n = this.cols.bytes() + this.postings.bytes() + this.slotOfId.byteLength + this.tagType.byteLength;
    for (const b of [
      this.alive,
      this.restricted,
      this.complete,
      this.crossovers,
      ...this.languages.values(),
    ]) {
      n += b.getSerializationSizeInBytes("croaring");
    }
    return n + this.orders.bytes();
  }

  private setColumns(slot: number, w: IndexedWork): void {
    const c = this.cols;
    c.id[slot] = w.id;
    for (const { field } of NUMBER_COLUMNS) c.numbers[field][slot] = w[field];
    c.title.set(slot, w.titleSort);
    c.creator.set(slot, w.creatorSort);
  }

  private removeFromSets(slot: number): void {
    this.restricted.delete(slot);
    this.complete.delete(slot);
    this.crossovers.delete(slot);
    for (const l of this.languages.values()) l.delete(slot);
  }

  private touched(slot: number): void {
    this.version++;
    this.orders.touched(slot);
    this.facets.invalidate();
  }
}

function binaryHas(sorted: Uint32Array, value: number): boolean {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    const v = sorted[mid]!;
    if (v === value) return true;
    if (v < value) lo = mid + 1;
    else hi = mid;
  }
  return false;
}

/**
 * Slot order of a build's works (their indexes in the batch): by the rank of the work's most
 * popular fandom, then by id. A counting sort on the rank, fed the works in id order through a
 * table by id: a build folds chunks in the order its threads finish them. Linear, where a sort of
 * a million keys took 170 ms.
 */
function slotOrder(
  rankOfWork: Uint32Array,
  ranks: number,
  ids: Uint32Array,
  maxId: number,
  n: number,
): Uint32Array {
  const indexOfId = new Uint32Array(maxId + 1);
  for (let i = 0; i < n; i++) indexOfId[ids[i]!] = i + 1;
  const next = new Uint32Array(ranks + 1);
  for (let i = 0; i < n; i++) next[rankOfWork[i]! + 1]!++;
  for (let r = 1; r <= ranks; r++) next[r]! += next[r - 1]!;
  const order = new Uint32Array(n);
  for (let id = 0; id <= maxId; id++) {
    const i = indexOfId[id]!;
    if (i !== 0) order[next[rankOfWork[i - 1]!]!++] = i - 1;
  }
  return order;
}

// Two copies of one loop, each compiled for one kind of array (see onlyIds in query.ts).
function scatter(from: Uint32Array, to: Uint32Array, slotOf: Uint32Array, n: number): void {
  for (let i = 0; i < n; i++) to[slotOf[i]!] = from[i]!;
}

function scatterFloats(from: Float64Array, to: Float64Array, slotOf: Uint32Array, n: number): void {
  for (let i = 0; i < n; i++) to[slotOf[i]!] = from[i]!;
}
