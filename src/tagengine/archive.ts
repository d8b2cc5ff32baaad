import type { Kysely } from "kysely";
import type { Database } from "../db/types";
import { WorkBatch } from "./batch";
import { idRanges, readChunks } from "./chunks";
import { TagEngine } from "./engine";
import { addChunk, readChunk, readTagGraph, TagGraph, tagGraphOf } from "./load";
import { changesAfter, idBounds, lastChangeId, loadTagsAfter } from "./queries";
import { FACET_TYPES, type FacetType, type IndexedWork } from "./types";

type DB = Kysely<Database>;
const CHUNK = 50_000;

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
    private graph: TagGraph,
  ) {}

  /** An index with nothing in it yet; `catchUp` fills it from the changes feed. */
  static empty(): ArchiveIndex {
    return new ArchiveIndex(TagEngine.build([], []), 0, TagGraph.empty());
  }

  /**
   * Builds the index from the database, reporting progress in works. `workers`: reader threads
   * (see readChunks; the default suits the machine and the archive's size); `chunkSize`: work ids
   * a chunk.
   */
  static async build(
    db: DB,
    progress?: Progress,
    opts: { workers?: number; chunkSize?: number } = {},
  ): Promise<ArchiveIndex> {
    // Read the feed position first: changes made while we load are applied again by catchUp.
    const since = await lastChangeId(db);
    const { lo, hi, count } = await idBounds(db, "works");
    // Reader threads read the tag graph, the creators and the titles, then the works, while this
    // thread folds chunks into the index as they come.
    const chunks = readChunks(db, idRanges(lo, hi, opts.chunkSize ?? CHUNK), {
      works: count,
      maxWorkId: hi,
      workers: opts.workers,
    });
    try {
      const { tagTypes, graph } = tagGraphOf(await chunks.prelude("graph"));
      const creators = { ...(await chunks.prelude("creators")), rankOfWork: new Int32Array(hi + 1).fill(-1) };
      const works = new WorkBatch();
      let done = 0;
      for (let chunk = await chunks.next(); chunk; chunk = await chunks.next()) {
        addChunk(works, chunk, graph, creators);
        done += chunk.span;
        progress?.(done, hi - lo + 1);
      }
      const engine = TagEngine.buildFromColumns(works, tagTypes, {
        titles: await chunks.prelude("titles"),
        creators: { keys: creators.keys, rankOf: creators.rankOfWork },
      });
      const index = new ArchiveIndex(engine, since, graph);
      index.maxTagId = tagTypes.length - 1;
      return index;
    } finally {
      chunks.close();
    }
  }

  private pending: Promise<number> = Promise.resolve(0);
  /** The pass queued behind the running one, which late callers join. */
  private next: Promise<number> | null = null;
  private maxTagId = 0;

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
    const { tagTypes, graph } = await readTagGraph(db);
    this.graph = graph;
    this.engine.setTagTypes(tagTypes);
    this.maxTagId = Math.max(this.maxTagId, tagTypes.length - 1);
  }

  /** The filter tag that a typed tag stands for: a synonym's canonical tag, or itself. */
  filterTagOf(tagId: number): number {
    return this.graph.filterTagOf(tagId);
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
        addChunk(batch, await readChunk(db, ids[i]!, ids[j]!, true), this.graph);
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
      if (t.type === "fandom") this.graph.addFandom(t.id);
      if ((FACET_TYPES as readonly string[]).includes(t.type))
        this.engine.setTag({ id: t.id, type: t.type as FacetType });
      if (t.id > this.maxTagId) this.maxTagId = t.id;
    }
  }
}
