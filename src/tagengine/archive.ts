import type { Kysely } from "kysely";
import { eachArray, selectArrays } from "../db/bulk";
import type { Database } from "../db/types";
import { entry } from "../lib/collections";
import { COMPLETE, CROSSOVER, RESTRICTED, WorkBatch } from "./batch";
import { TagEngine } from "./engine";
import {
  WORK_COLUMNS as C,
  changesAfter,
  creatorRowsQuery,
  lastChangeId,
  loadTagGraph,
  loadTagsAfter,
  tagListsQuery,
  workIdBounds,
  workRowsQuery,
} from "./queries";
import { FACET_TYPES, type FacetType, type IndexedWork, type TagInfo } from "./types";

type DB = Kysely<Database>;
const CHUNK = 50_000;

/**
 * A `changes` row with this work id says that synonyms or meta tags changed: the index reloads the
 * tag graph. Wrangling records it, plus a row for each work whose filter tags moved.
 */
export const TAG_GRAPH_CHANGED = 0;

const FANDOM_TAG = 1;
const EXPANDED_TAG = 2;

export type Progress = (done: number, total: number) => void;

/**
 * The tag engine bound to the archive's database: built from it at start, and brought up to date
 * by reading the `changes` feed (after every write of this process, and on a timer for writes of
 * other processes). Knows how typed tags fold into filter tags (synonyms, meta tags).
 */
export class ArchiveIndex {
  private constructor(
    public engine: TagEngine,
    private lastChange: number,
    private expansions: Map<number, number[]>,
    private mergers: Map<number, number>,
    private fandoms: Set<number>,
  ) {}

  /** An index with nothing in it yet; `catchUp` fills it from the changes feed. */
  static empty(): ArchiveIndex {
    return new ArchiveIndex(TagEngine.build([], []), 0, new Map(), new Map(), new Set());
  }

  /** Builds the index from the database, reporting progress in works. */
  static async build(db: DB, progress?: Progress): Promise<ArchiveIndex> {
    // Read the feed position first: changes made while we load are applied again by catchUp.
    const since = await lastChangeId(db);
    const { tags, expansions, mergers, fandoms } = await loadGraph(db);
    const { lo, hi } = await workIdBounds(db);
    // Rows are read as arrays straight into typed columns: a million row objects, or a million
    // IndexedWork objects, cost far more in allocation and GC than the reading itself.
    const works = new WorkBatch();
    const index = new ArchiveIndex(TagEngine.build([], []), since, expansions, mergers, fandoms);
    for (let from = lo; hi > 0 && from <= hi; from += CHUNK) {
      await index.loadWorks(db, from, Math.min(hi, from + CHUNK - 1), works);
      progress?.(Math.min(hi, from + CHUNK - 1) - lo + 1, hi - lo + 1);
    }
    index.engine = TagEngine.buildFromColumns(works, tags);
    index.maxTagId = tags.reduce((m, t) => Math.max(m, t.id), 0);
    return index;
  }

  private pending: Promise<number> = Promise.resolve(0);
  /** The pass queued behind the running one, which late callers join. */
  private next: Promise<number> | null = null;
  private maxTagId = 0;
  /** Per tag id: FANDOM_TAG, EXPANDED_TAG; a Set and a Map probe per tagging cost seconds at start. */
  private tagFlagsCache: Uint8Array | null = null;

  private tagFlags(): Uint8Array {
    if (this.tagFlagsCache) return this.tagFlagsCache;
    let max = 0;
    for (const t of this.fandoms) if (t > max) max = t;
    for (const t of this.expansions.keys()) if (t > max) max = t;
    const flags = new Uint8Array(max + 1);
    for (const t of this.fandoms) flags[t]! |= FANDOM_TAG;
    for (const t of this.expansions.keys()) flags[t]! |= EXPANDED_TAG;
    this.tagFlagsCache = flags;
    return flags;
  }

  /** Applies every change recorded since the last call; returns how many works were refreshed. */
  catchUp(db: DB): Promise<number> {
    // Every listing asks, so concurrent callers share one follow-up pass instead of queueing a
    // pass each: a caller that arrives while a pass runs needs only a pass that starts after it.
    if (this.next) return this.next;
    const next = this.pending.then(
      () => {
        this.next = null;
        return this.applyChanges(db);
      },
      () => {
        this.next = null;
        return this.applyChanges(db);
      },
    );
    this.next = next;
    this.pending = next;
    return next;
  }

  /** Reloads synonyms and meta tags (after wrangling), then refreshes the given works. */
  async reloadTagGraph(db: DB): Promise<void> {
    const { tags, expansions, mergers, fandoms } = await loadGraph(db);
    this.expansions = expansions;
    this.mergers = mergers;
    this.fandoms = fandoms;
    this.tagFlagsCache = null;
    for (const t of tags) {
      this.engine.setTag(t);
      if (t.id > this.maxTagId) this.maxTagId = t.id;
    }
  }

  /** The filter tag that a typed tag stands for: a synonym's canonical tag, or itself. */
  filterTagOf(tagId: number): number {
    return this.mergers.get(tagId) ?? tagId;
  }

  private async applyChanges(db: DB): Promise<number> {
    let refreshed = 0;
    for (;;) {
      const rows = await changesAfter(db, this.lastChange, 5000);
      if (rows.length === 0) return refreshed;
      if (rows.some((r) => r.work_id === TAG_GRAPH_CHANGED)) await this.reloadTagGraph(db);
      else await this.learnNewTags(db);
      const ids = [...new Set(rows.map((r) => r.work_id))].filter((id) => id !== TAG_GRAPH_CHANGED);
      ids.sort((a, b) => a - b);
      const found = new Map<number, IndexedWork>();
      // Ids of one batch are loaded in ranges, so a burst of new works costs a few queries.
      for (let i = 0; i < ids.length; ) {
        let j = i;
        while (j + 1 < ids.length && ids[j + 1]! - ids[i]! < 2000) j++;
        const batch = new WorkBatch();
        await this.loadWorks(db, ids[i]!, ids[j]!, batch);
        for (let k = 0; k < batch.length; k++) found.set(batch.id[k]!, batch.work(k));
        i = j + 1;
      }
      for (const id of ids) {
        const w = found.get(id);
        if (w) this.engine.upsert(w);
        else this.engine.remove(id);
      }
      refreshed += ids.length;
      this.lastChange = rows[rows.length - 1]!.id;
    }
  }

  /** Tags created since we last looked (new tags have no synonyms or meta tags yet). */
  private async learnNewTags(db: DB): Promise<void> {
    for (const t of await loadTagsAfter(db, this.maxTagId)) {
      if (t.type === "fandom") {
        this.fandoms.add(t.id);
        this.tagFlagsCache = null;
      }
      if ((FACET_TYPES as readonly string[]).includes(t.type))
        this.engine.setTag({ id: t.id, type: t.type as FacetType });
      if (t.id > this.maxTagId) this.maxTagId = t.id;
    }
  }

  /** Reads the listable works with ids in [fromId, toId] into `batch`, with their filter tags. */
  private async loadWorks(db: DB, fromId: number, toId: number, batch: WorkBatch): Promise<void> {
    const [tagLists, creators] = await Promise.all([
      selectArrays(db, tagListsQuery(db, fromId, toId)),
      selectArrays(db, creatorRowsQuery(db, fromId, toId)),
    ]);
    // All three are ordered by work id: walk them side by side.
    let ti = 0;
    let ci = 0;
    const typed: number[] = [];
    const fandoms = new Set<number>();
    const out = new Set<number>();
    const tagFlags = this.tagFlags();
    await eachArray(db, workRowsQuery(db, fromId, toId), (r) => {
      const id = Number(r[C.id]);
      while (ti < tagLists.length && Number(tagLists[ti]![0]) < id) ti++;
      while (ci < creators.length && Number(creators[ci]![0]) < id) ci++;
      if (Number(r[C.posted]) !== 1 || Number(r[C.hiddenByAdmin]) !== 0) return;
      typed.length = 0;
      if (ti < tagLists.length && Number(tagLists[ti]![0]) === id) parseIds(String(tagLists[ti]![1]), typed);
      let creator = "";
      let firstCreatorship = Number.POSITIVE_INFINITY;
      for (let k = ci; k < creators.length && Number(creators[k]![0]) === id; k++) {
        if (Number(creators[k]![1]) < firstCreatorship) {
          firstCreatorship = Number(creators[k]![1]);
          creator = String(creators[k]![2]);
        }
      }
      fandoms.clear();
      let plain = true;
      for (const t of typed) {
        const f = t < tagFlags.length ? tagFlags[t]! : 0;
        if (f & FANDOM_TAG) fandoms.add(this.filterTagOf(t));
        if (f & EXPANDED_TAG) plain = false;
      }
      const i = batch.begin(
        id,
        String(r[C.language]),
        String(r[C.titleSort]),
        Number(r[C.anonymous]) === 1 ? "anonymous" : creator,
      );
      batch.flags[i] =
        (Number(r[C.restricted]) === 1 ? RESTRICTED : 0) |
        (Number(r[C.complete]) === 1 ? COMPLETE : 0) |
        (fandoms.size > 1 ? CROSSOVER : 0);
      batch.updatedAt[i] = Number(r[C.updatedAt]);
      batch.postedAt[i] = Number(r[C.postedAt] ?? r[C.updatedAt]);
      batch.words[i] = Number(r[C.words]);
      batch.hits[i] = Number(r[C.hits]);
      batch.kudos[i] = Number(r[C.kudos]);
      batch.comments[i] = Number(r[C.comments]);
      batch.bookmarks[i] = Number(r[C.bookmarks]);
      // Most works carry no synonym and no sub-tag of a meta tag: their typed tags are their filter tags.
      if (plain) {
        for (const t of typed) batch.addTag(t);
      } else {
        out.clear();
        for (const t of typed) for (const f of this.expansions.get(t) ?? [this.filterTagOf(t)]) out.add(f);
        for (const t of out) batch.addTag(t);
      }
    });
  }
}

/** Appends the numbers of a comma-separated list of ids to `out`. */
function parseIds(list: string, out: number[]): void {
  let n = 0;
  let any = false;
  for (let i = 0; i < list.length; i++) {
    const c = list.charCodeAt(i);
    if (c === 44) {
      if (any) out.push(n);
      n = 0;
      any = false;
    } else if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      any = true;
    }
  }
  if (any) out.push(n);
}

/** Filter tags per typed tag: its canonical tag (for a synonym) and every meta tag above that. */
async function loadGraph(db: DB) {
  const graph = await loadTagGraph(db);
  const tags: TagInfo[] = graph.tags
    .filter((t) => (FACET_TYPES as readonly string[]).includes(t.type))
    .map((t) => ({ id: t.id, type: t.type as FacetType }));
  const mergers = new Map<number, number>();
  for (const t of graph.tags) if (t.mergerId !== null) mergers.set(t.id, t.mergerId);
  const metasOf = new Map<number, number[]>();
  for (const m of graph.metas) entry(metasOf, m.subId, () => []).push(m.metaId);
  const expansions = new Map<number, number[]>();
  const closure = (base: number): number[] => {
    const seen = new Set([base]);
    const stack = [base];
    while (stack.length)
      for (const m of metasOf.get(stack.pop()!) ?? []) if (!seen.has(m) && seen.add(m)) stack.push(m);
    return [...seen];
  };
  for (const t of graph.tags) {
    const base = mergers.get(t.id) ?? t.id;
    if (base !== t.id || metasOf.has(base)) expansions.set(t.id, closure(base));
  }
  const fandoms = new Set(graph.tags.filter((t) => t.type === "fandom").map((t) => t.id));
  return { tags, expansions, mergers, fandoms };
}
