// Reading the archive into the index: the tag graph, the works in chunks of ids, the title order.
// Each column arrives as one aggregated string (lists.ts), parsed straight into typed arrays.
import type { Kysely } from "kysely";
import { ListFormatError } from "../../db/lists";
import type { Database } from "../../db/types";
import { COMPLETE, CROSSOVER, RESTRICTED, type WorkBatch } from "../core/batch";
import { NUMBER_COLUMNS } from "../core/types";
import { type ChunkData, parseChunk, WORK_FLAG } from "./chunk";
import {
  ANONYMOUS,
  type CreatorRanks,
  creatorRanksOf,
  EXPANDED_TAG,
  FANDOM_TAG,
  type PreludeData,
  type PreludeKind,
  parseKeyGroups,
  parsePrelude,
  TagGraph,
  type TagGraphData,
  titleRanksOf,
} from "./prelude";
import { creatorsChunk, idBounds, one, preludeQueries, tagListsChunk, workColumnsChunk } from "./queries";
import { keyGroupsByRows, readChunkRows } from "./rows";

type DB = Kysely<Database>;

export { TagGraph } from "./prelude";

/** Every tag's type code by id (see tagTypeCodes), and the graph of synonyms and meta tags. */
export async function readTagGraph(db: DB): Promise<{ tagTypes: Uint8Array; graph: TagGraph }> {
  return tagGraphOf(await readPrelude(db, "graph", 0));
}

export function tagGraphOf(d: TagGraphData): { tagTypes: Uint8Array; graph: TagGraph } {
  return { tagTypes: d.tagTypes, graph: new TagGraph(d.expansions, d.mergers, d.fandoms) };
}

/**
 * Reads part of what a build needs before the works (prelude.ts) in this thread. Titles and
 * creators are read row by row if their aggregated answer does not parse.
 */
export async function readPrelude<K extends PreludeKind>(
  db: DB,
  kind: K,
  maxWorkId: number,
): Promise<PreludeData[K]> {
  const aggregated = async () => {
    const rows: Record<string, unknown>[][] = [];
    for (const q of preludeQueries(db)[kind])
      rows.push((await db.executeQuery<Record<string, unknown>>(q)).rows);
    return parsePrelude(kind, rows, maxWorkId);
  };
  if (kind === "graph") return aggregated();
  const byRows = async (): Promise<PreludeData[PreludeKind]> =>
    kind === "titles"
      ? titleRanksOf(parseKeyGroups(await keyGroupsByRows(db, "works"), maxWorkId))
      : creatorRanksOf(
          parseKeyGroups(await keyGroupsByRows(db, "pseuds"), (await idBounds(db, "pseuds")).hi),
        );
  return orByRows(aggregated, byRows as () => Promise<PreludeData[K]>);
}

/** Runs `read`, or `byRows` when an aggregated column does not parse (see rows.ts). */
async function orByRows<T>(read: () => Promise<T>, byRows: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (err) {
    if (!(err instanceof ListFormatError)) throw err;
    return byRows();
  }
}

/**
 * The three aggregate queries of a chunk (run here, or by a build worker on its own connection).
 * `withKeys`: with titles and creator names as text (a few works of an update); a build ranks
 * them from its prelude (prelude.ts) instead.
 */
export function chunkQueries(fromId: number, toId: number, withKeys: boolean) {
  return [
    workColumnsChunk(fromId, toId, withKeys),
    tagListsChunk(fromId, toId),
    creatorsChunk(fromId, toId, withKeys),
  ] as const;
}

export async function readChunk(db: DB, fromId: number, toId: number, withKeys: boolean): Promise<ChunkData> {
  const [cols, tags, creators] = chunkQueries(fromId, toId, withKeys);
  return orByRows(
    async () => {
      const [c, t, r] = await Promise.all([one(db, cols), one(db, tags), one(db, creators)]);
      return parseChunk(fromId, toId, c, t.lists, r.creators);
    },
    () => readChunkRows(db, fromId, toId, withKeys),
  );
}

/**
 * Adds the chunk's listable works to `batch`, with their filter tags. A chunk read without its
 * keys as text needs `creatorRanks`, whose `rankOfWork` it fills (and then the batch holds no
 * keys as text: the build ranks titles and creators on its own).
 */
export function addChunk(
  batch: WorkBatch,
  c: ChunkData,
  graph: TagGraph,
  creatorRanks?: CreatorRanks & { rankOfWork: Int32Array },
): void {
  // Fields into locals: chunks cloned from a worker and chunks read here differ in shape, and the
  // loop runs a million times.
  const { count, fromId, ids, flags, tagStart, tagCount, tagIds, languageCode, languageNames } = c;
  const { creatorPseud, creatorNames } = c;
  const { titles } = c;
  const tagFlags = graph.flags();
  const languages = languageNames.map((name) => batch.languageCodeOf(name));
  // The works' numbers are copied after the loop, column by column: the chunk's position of each
  // work added, by its position in the batch minus `first`.
  const first = batch.length;
  const picked = new Uint32Array(count);
  for (let k = 0; k < count; k++) {
    const f = flags[k]!;
    if (!(f & WORK_FLAG.listable)) continue;
    const id = ids[k]!;
    const local = id - fromId;
    const start = tagStart[local]!;
    const end = start + tagCount[local]!;
    const anonymous = (f & WORK_FLAG.anonymous) !== 0;
    const i = creatorRanks
      ? batch.start(id, languages[languageCode[k]!]!)
      : batch.begin(
          id,
          languageNames[languageCode[k]!]!,
          titles ? titles[k]! : "",
          anonymous ? ANONYMOUS : creatorNames ? creatorNames[local]! : "",
        );
    if (creatorRanks) {
      const pseud = creatorPseud[local]!;
      creatorRanks.rankOfWork[id] = anonymous
        ? creatorRanks.anonymous
        : pseud > 0 && pseud < creatorRanks.rankOfPseud.length && creatorRanks.rankOfPseud[pseud]! >= 0
          ? creatorRanks.rankOfPseud[pseud]!
          : creatorRanks.none;
    }
    // Filter tags: each typed tag, or its expansion (a synonym's canonical tag, meta tags above).
    // Repeats are fine: WorkBatch.seal sorts and de-duplicates each work's tags.
    let fandom = -1;
    let crossover = false;
    for (let j = start; j < end; j++) {
      const t = tagIds[j]!;
      const tf = t < tagFlags.length ? tagFlags[t]! : 0;
      if (tf & FANDOM_TAG) {
        const canonical = graph.filterTagOf(t);
        if (fandom < 0) fandom = canonical;
        else if (canonical !== fandom) crossover = true;
      }
      if (tf & EXPANDED_TAG) {
        const expansion = graph.expansions.get(t)!;
        for (let e = 0; e < expansion.length; e++) batch.addTag(expansion[e]!);
      } else batch.addTag(t);
    }
    batch.flags[i] =
      (f & WORK_FLAG.restricted ? RESTRICTED : 0) |
      (f & WORK_FLAG.complete ? COMPLETE : 0) |
      (crossover ? CROSSOVER : 0);
    picked[i - first] = k;
  }
  const added = batch.length - first;
  for (const { field } of NUMBER_COLUMNS) {
    const from = c.numbers[field];
    const to = batch.numbers[field];
    if (from instanceof Float64Array) gatherFloats(from, to as Float64Array, picked, first, added);
    else gather(from, to as Uint32Array, picked, first, added);
  }
}

// Two copies of one loop, each compiled for one kind of array.
function gather(from: Uint32Array, to: Uint32Array, picked: Uint32Array, first: number, n: number): void {
  for (let i = 0; i < n; i++) to[first + i] = from[picked[i]!]!;
}

function gatherFloats(
  from: Float64Array,
  to: Float64Array,
  picked: Uint32Array,
  first: number,
  n: number,
): void {
  for (let i = 0; i < n; i++) to[first + i] = from[picked[i]!]!;
}
