// Listing queries drawn at random over a corpus's tags, for the property test and the benchmark.
import { type Kysely, sql } from "kysely";
import type { Database } from "../src/db/types";
import { entry } from "../src/lib/collections";
import { type EngineQuery, SORT_KEYS, type SortKey } from "../src/tagengine/core/types";
import { int, type Rand } from "./random";

export interface TagPool {
  /** Filter tags by type with their number of works (all works, drafts included), most used first. */
  byType: Map<string, { id: number; n: number }[]>;
}

/** Reads every filter tag's type and count (needs prepareSql's filter_tag_counts). */
export async function readTagPool(db: Kysely<Database>): Promise<TagPool> {
  const rows = await sql<{ id: number; type: string; n: number }>`select t.id, t.type, c.n
    from filter_tag_counts c join tags t on t.id = c.tag_id order by c.n desc, t.id`.execute(db);
  const byType = new Map<string, { id: number; n: number }[]>();
  for (const r of rows.rows) {
    entry(byType, r.type, () => []).push({ id: Number(r.id), n: Number(r.n) });
  }
  return { byType };
}

/** A tag of the type, popular ones more often (by rank, heavily skewed to the head). */
export function pickTag(r: Rand, pool: TagPool, type: string): number | undefined {
  const list = pool.byType.get(type);
  if (!list?.length) return undefined;
  return list[Math.floor(list.length * r() ** 3)]!.id;
}

const OPEN_TYPES = ["fandom", "relationship", "character", "freeform"];
const LANGUAGES = ["en", "zh", "ru"];

/** Any listing a reader could ask for: tags in and out, flags, ranges, a sort and a page. */
export function randomQuery(r: Rand, pool: TagPool, corpusStart: number, corpusEnd: number): EngineQuery {
  const include: number[] = [];
  const exclude: number[] = [];
  const add = (to: number[], type: string) => {
    const t = pickTag(r, pool, type);
    if (t !== undefined) to.push(t);
  };
  if (r() < 0.75) add(include, "fandom");
  if (r() < 0.3) add(include, OPEN_TYPES[int(r, OPEN_TYPES.length)]!);
  if (r() < 0.2) add(include, "rating");
  if (r() < 0.4) add(exclude, OPEN_TYPES[int(r, OPEN_TYPES.length)]!);
  if (r() < 0.3) add(exclude, "warning");
  const sort: SortKey = SORT_KEYS[int(r, SORT_KEYS.length)]!;
  const span = corpusEnd - corpusStart;
  const q: EngineQuery = {
    signedIn: r() < 0.5,
    include,
    exclude,
    sort,
    direction: r() < 0.5 ? "asc" : "desc",
    offset: r() < 0.3 ? 20 * int(r, 4) : 0,
    limit: 20,
    facets: true,
  };
  if (r() < 0.15) q.complete = r() < 0.5;
  if (r() < 0.15) q.crossover = r() < 0.5 ? "exclude" : "only";
  if (r() < 0.1) q.language = LANGUAGES[int(r, LANGUAGES.length)]!;
  if (r() < 0.15) q.wordsFrom = 1000;
  if (r() < 0.15) q.wordsTo = 20_000;
  if (r() < 0.1) q.updatedFrom = corpusStart + Math.floor(span * r());
  if (r() < 0.1) q.updatedTo = corpusEnd - Math.floor(span * r() * 0.5);
  return q;
}
