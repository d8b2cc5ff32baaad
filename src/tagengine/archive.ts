import type { Kysely } from "kysely";
import type { Database } from "../db/types";
import { entry } from "../lib/collections";
import { TagEngine } from "./engine";
import {
  changesAfter,
  lastChangeId,
  loadFirstCreatorRows,
  loadTagGraph,
  loadTagLists,
  loadTagsAfter,
  loadWorkRows,
  workIdBounds,
} from "./queries";
import { FACET_TYPES, type FacetType, type IndexedWork, type TagInfo } from "./types";

type DB = Kysely<Database>;
const CHUNK = 25_000;

/**
 * A `changes` row with this work id says that synonyms or meta tags changed: the index reloads the
 * tag graph. Wrangling records it, plus a row for each work whose filter tags moved.
 */
export const TAG_GRAPH_CHANGED = 0;

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
    const works: IndexedWork[] = [];
    const index = new ArchiveIndex(TagEngine.build([], []), since, expansions, mergers, fandoms);
    for (let from = lo; hi > 0 && from <= hi; from += CHUNK) {
      works.push(...(await index.loadWorks(db, from, Math.min(hi, from + CHUNK - 1))));
      progress?.(Math.min(hi, from + CHUNK - 1) - lo + 1, hi - lo + 1);
    }
    index.engine = TagEngine.build(works, tags);
    index.maxTagId = tags.reduce((m, t) => Math.max(m, t.id), 0);
    return index;
  }

  private pending: Promise<number> = Promise.resolve(0);
  private maxTagId = 0;

  /** Applies every change recorded since the last call; returns how many works were refreshed. */
  catchUp(db: DB): Promise<number> {
    this.pending = this.pending.then(
      () => this.applyChanges(db),
      () => this.applyChanges(db),
    );
    return this.pending;
  }

  /** Reloads synonyms and meta tags (after wrangling), then refreshes the given works. */
  async reloadTagGraph(db: DB): Promise<void> {
    const { tags, expansions, mergers, fandoms } = await loadGraph(db);
    this.expansions = expansions;
    this.mergers = mergers;
    this.fandoms = fandoms;
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
        for (const w of await this.loadWorks(db, ids[i]!, ids[j]!)) found.set(w.id, w);
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
      if (t.type === "fandom") this.fandoms.add(t.id);
      if ((FACET_TYPES as readonly string[]).includes(t.type))
        this.engine.setTag({ id: t.id, type: t.type as FacetType });
      if (t.id > this.maxTagId) this.maxTagId = t.id;
    }
  }

  private expand(typed: number[]): number[] {
    // Most works carry no synonym and no sub-tag of a meta tag: their typed tags are their filter tags.
    let plain = true;
    for (const t of typed) if (this.expansions.has(t)) plain = false;
    if (plain) return typed;
    const out = new Set<number>();
    for (const t of typed) for (const f of this.expansions.get(t) ?? [this.filterTagOf(t)]) out.add(f);
    return [...out];
  }

  private async loadWorks(db: DB, fromId: number, toId: number): Promise<IndexedWork[]> {
    const [rows, tagLists, creators] = await Promise.all([
      loadWorkRows(db, fromId, toId),
      loadTagLists(db, fromId, toId),
      loadFirstCreatorRows(db, fromId, toId),
    ]);
    const typedTags = new Map<number, number[]>();
    for (const t of tagLists) typedTags.set(t.work_id, t.tags.split(",").map(Number));
    const firstCreator = new Map<number, { id: number; name: string }>();
    for (const c of creators) {
      const seen = firstCreator.get(c.work_id);
      if (!seen || c.id < seen.id) firstCreator.set(c.work_id, { id: c.id, name: c.name_key });
    }
    return rows.map((r) => {
      const typed = typedTags.get(r.id) ?? [];
      const fandoms = new Set(typed.filter((t) => this.fandoms.has(t)).map((t) => this.filterTagOf(t)));
      return {
        id: r.id,
        restricted: r.restricted === 1,
        complete: r.complete === 1,
        updatedAt: Number(r.updated_at),
        postedAt: Number(r.posted_at ?? r.updated_at),
        words: r.word_count,
        hits: r.hits,
        kudos: r.kudos_count,
        comments: r.comments_count,
        bookmarks: r.bookmarks_count,
        language: r.language,
        titleSort: r.title_sort,
        creatorSort: r.anonymous === 1 ? "anonymous" : (firstCreator.get(r.id)?.name ?? ""),
        fandomCount: fandoms.size,
        tagIds: this.expand(typed),
      };
    });
  }
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
