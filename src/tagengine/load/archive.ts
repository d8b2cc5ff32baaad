import type { Kysely } from "kysely";
import type { Database } from "../../db/types";
import { WorkBatch } from "../core/batch";
import { TagEngine } from "../core/engine";
import { FACET_TYPES, type FacetType, type IndexedWork } from "../core/types";
import { idRanges, readChunks } from "./chunks";
import { changesAfter, changesIn, idBounds, lastChangeId, loadTagsAfter } from "./queries";
import { addChunk, readChunk, readTagGraph, TagGraph, tagGraphOf } from "./read";

type DB = Kysely<Database>;
const CHUNK = 50_000;
/** How long a skipped change id is looked for (longer than any write transaction of the archive). */
const GAP_WAIT_MS = 10 * 60_000;
/** At most this many skipped ids are looked for at once. */
const MAX_GAPS = 1000;
/** More write transactions than could be open at once. */
const IN_FLIGHT = 100;
/** A gap younger than this is looked for at every pass, an older one once a second. */
const FRESH_GAP_MS = 5000;

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
      // The first catch-up reads again the last IN_FLIGHT changes before `since`: a transaction
      // still open when `since` was read may have committed one of them since (a gap, then, if
      // it has not yet). Reading a work again is harmless.
      const index = new ArchiveIndex(engine, Math.max(0, since - IN_FLIGHT), graph);
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
    if (this.gaps.size > 0) refreshed += await this.fillGaps(db);
    for (;;) {
      const rows = await changesAfter(db, this.lastChange, 5000);
      if (rows.length === 0) return refreshed;
      this.noteGaps(rows);
      refreshed += await this.applyRows(db, rows);
      this.lastChange = rows[rows.length - 1]!.id;
    }
  }

  /**
   * Change ids skipped over, with when they were first missed. On PostgreSQL a transaction can
   * take an id and commit after a later id was read: such an id is looked for again (see
   * fillGaps) until it appears or GAP_WAIT_MS go by (an id whose transaction rolled back never
   * appears).
   */
  private gaps = new Map<number, number>();

  private gapsCheckedAt = 0;

  private noteGaps(rows: { id: number }[]): void {
    const now = Date.now();
    let expected = this.lastChange + 1;
    for (const { id } of rows) {
      // A jump of more than MAX_GAPS is not transactions in flight (a large rolled-back import):
      // nothing waits.
      if (id - expected <= MAX_GAPS) for (let g = expected; g < id; g++) this.gaps.set(g, now);
      expected = id + 1;
    }
    for (const g of this.gaps.keys()) {
      if (this.gaps.size <= MAX_GAPS) break;
      this.gaps.delete(g);
    }
  }

  /** Applies the changes that have appeared in the gaps; forgets the gaps waited on too long. */
  private async fillGaps(db: DB): Promise<number> {
    const now = Date.now();
    let fresh = false;
    for (const [g, since] of this.gaps) {
      if (now - since > GAP_WAIT_MS) this.gaps.delete(g);
      else if (now - since < FRESH_GAP_MS) fresh = true;
    }
    // A gap a moment old may be a writer's own change, which their next page must show: looked
    // for at every pass. Older ones (a rolled-back transaction, most likely) once a second.
    if (this.gaps.size === 0 || (!fresh && now - this.gapsCheckedAt < 1000)) return 0;
    this.gapsCheckedAt = now;
    const rows = await changesIn(db, [...this.gaps.keys()]);
    if (rows.length === 0) return 0;
    const refreshed = await this.applyRows(db, rows);
    // Only once applied: a pass that fails leaves them to the next.
    for (const r of rows) this.gaps.delete(r.id);
    return refreshed;
  }

  /** Refreshes the works that the rows name (and the tag graph, if one says it changed). */
  private async applyRows(db: DB, rows: { id: number; work_id: number }[]): Promise<number> {
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
    return ids.length;
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
