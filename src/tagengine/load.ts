// Reading the archive into the index: the tag graph, the works in chunks of ids, the title order.
// Each column arrives as one aggregated string (lists.ts), parsed straight into typed arrays.
import type { Kysely } from "kysely";
import { compareCodePoints, ListFormatError, ListReader } from "../db/lists";
import type { Database } from "../db/types";
import { entry } from "../lib/collections";
import { COMPLETE, CROSSOVER, RESTRICTED, type WorkBatch } from "./batch";
import { type ChunkData, parseChunk, WORK_FLAG } from "./chunk";
import { tagTypeCode } from "./engine";
import { type PackedKeys, packKeys } from "./keys";
import {
  creatorsChunk,
  idBounds,
  metaTagRows,
  one,
  pseudGroups,
  synonymPairs,
  tagIdsByType,
  tagListsChunk,
  titleGroups,
  workColumnsChunk,
} from "./queries";
import { keyGroupsByRows, readChunkRows } from "./rows";
import { FACET_TYPES, type FacetType } from "./types";

type DB = Kysely<Database>;

/** The creator sort key of an anonymous work. */
const ANONYMOUS = "anonymous";
const FANDOM_TAG = 1;
const EXPANDED_TAG = 2;

/** How typed tags fold into filter tags: synonyms into canonical tags, sub-tags into meta tags. */
export class TagGraph {
  /** Per tag id: FANDOM_TAG, EXPANDED_TAG; a Set and a Map probe per tagging cost seconds at start. */
  private flagsCache: Uint8Array | null = null;

  constructor(
    /** Filter tags of each typed tag that is a synonym or under a meta tag (the rest stand for themselves). */
    readonly expansions: Map<number, number[]>,
    readonly mergers: Map<number, number>,
    readonly fandoms: Set<number>,
  ) {}

  static empty(): TagGraph {
    return new TagGraph(new Map(), new Map(), new Set());
  }

  filterTagOf(tagId: number): number {
    return this.mergers.get(tagId) ?? tagId;
  }

  addFandom(tagId: number): void {
    this.fandoms.add(tagId);
    this.flagsCache = null;
  }

  flags(): Uint8Array {
    if (this.flagsCache) return this.flagsCache;
    let max = 0;
    for (const t of this.fandoms) if (t > max) max = t;
    for (const t of this.expansions.keys()) if (t > max) max = t;
    const flags = new Uint8Array(max + 1);
    for (const t of this.fandoms) flags[t]! |= FANDOM_TAG;
    for (const t of this.expansions.keys()) flags[t]! |= EXPANDED_TAG;
    this.flagsCache = flags;
    return flags;
  }
}

/** Every tag's type code by id (see tagTypeCodes), and the graph of synonyms and meta tags. */
export async function readTagGraph(db: DB): Promise<{ tagTypes: Uint8Array; graph: TagGraph }> {
  const { hi } = await idBounds(db, "tags");
  const tagTypes = new Uint8Array(hi + 1);
  const fandoms = new Set<number>();
  for (const { type, ids } of await tagIdsByType(db)) {
    const code = (FACET_TYPES as readonly string[]).includes(type) ? tagTypeCode(type as FacetType) : 0;
    const r = new ListReader(ids);
    do {
      const id = r.need();
      if (id <= hi) tagTypes[id] = code;
      if (type === "fandom") fandoms.add(id);
    } while (r.skip(","));
  }
  const mergers = new Map<number, number>();
  const pairs = (await synonymPairs(db)).pairs;
  if (pairs) {
    const r = new ListReader(pairs);
    do {
      const id = r.need();
      r.expect(":");
      mergers.set(id, r.need());
    } while (r.skip(","));
  }
  const metasOf = new Map<number, number[]>();
  for (const m of await metaTagRows(db)) entry(metasOf, Number(m.sub_id), () => []).push(Number(m.meta_id));
  const closure = (base: number): number[] => {
    const seen = new Set([base]);
    const stack = [base];
    while (stack.length)
      for (const m of metasOf.get(stack.pop()!) ?? []) if (!seen.has(m) && seen.add(m)) stack.push(m);
    return [...seen];
  };
  // Only synonyms and tags under a meta tag expand: every other tag is its own filter tag.
  const expansions = new Map<number, number[]>();
  for (const [id, base] of mergers) expansions.set(id, closure(base));
  for (const sub of metasOf.keys()) if (!mergers.has(sub)) expansions.set(sub, closure(sub));
  return { tagTypes, graph: new TagGraph(expansions, mergers, fandoms) };
}

/** Distinct sort keys in code-point order, and the rank among them of each row id (-1: none). */
export interface RankedKeys {
  keys: string[];
  rankOf: Int32Array;
  /** The keys packed for SortKeys, done while reader threads still read. */
  packed?: PackedKeys;
}

/** Parses `groupsBy`'s answer into ranks for ids up to maxId. */
function rankedKeys(text: string | null, maxId: number): RankedKeys {
  const rankOf = new Int32Array(maxId + 1).fill(-1);
  const keys: string[] = [];
  let ordered = true;
  if (text) {
    const r = new ListReader(text);
    while (!r.done) {
      const key = r.lengthPrefixed();
      if (keys.length > 0 && compareCodePoints(keys[keys.length - 1]!, key) >= 0) ordered = false;
      const rank = keys.push(key) - 1;
      r.expect(":");
      do {
        const id = r.need();
        if (id <= maxId) rankOf[id] = rank;
      } while (r.skip(","));
      r.skip(";");
    }
  }
  if (ordered) return { keys, rankOf };
  // The databases hand the groups over in the order asked for; should one not, sort here.
  const byKey = keys.map((_, i) => i).sort((a, b) => compareCodePoints(keys[a]!, keys[b]!));
  const newRank = new Int32Array(keys.length);
  byKey.forEach((old, i) => {
    newRank[old] = i;
  });
  for (let id = 0; id < rankOf.length; id++) if (rankOf[id]! >= 0) rankOf[id] = newRank[rankOf[id]!]!;
  return { keys: byKey.map((i) => keys[i]!), rankOf };
}

/** Each work id's rank among the distinct title keys. */
export async function readTitleRanks(db: DB, maxWorkId: number): Promise<RankedKeys> {
  const ranks = await orByRows(
    () => titleGroups(db).then((r) => rankedKeys(r.groups, maxWorkId)),
    async () => rankedKeys(await keyGroupsByRows(db, "works"), maxWorkId),
  );
  return { ...ranks, packed: packKeys(ranks.keys) };
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

/** Ranks of creator sort keys: by pseud id, plus those of anonymous works and of works with no creator. */
export interface CreatorRanks {
  keys: string[];
  packed: PackedKeys;
  rankOfPseud: Int32Array;
  anonymous: number;
  none: number;
}

export async function readCreatorRanks(db: DB): Promise<CreatorRanks> {
  const { hi } = await idBounds(db, "pseuds");
  const { keys, rankOf } = await orByRows(
    () => pseudGroups(db).then((r) => rankedKeys(r.groups, hi)),
    async () => rankedKeys(await keyGroupsByRows(db, "pseuds"), hi),
  );
  // The two keys that no pseud may stand for: add them in their places.
  const place = (key: string): number => {
    let lo = 0;
    let top = keys.length;
    while (lo < top) {
      const mid = (lo + top) >>> 1;
      if (compareCodePoints(keys[mid]!, key) < 0) lo = mid + 1;
      else top = mid;
    }
    if (keys[lo] !== key) {
      keys.splice(lo, 0, key);
      for (let id = 0; id < rankOf.length; id++) if (rankOf[id]! >= lo) rankOf[id]!++;
    }
    return lo;
  };
  place("");
  place(ANONYMOUS);
  return {
    keys,
    packed: packKeys(keys),
    rankOfPseud: rankOf,
    anonymous: keys.indexOf(ANONYMOUS),
    none: keys.indexOf(""),
  };
}

/**
 * The three aggregate queries of a chunk (run here, or by a build worker on its own connection).
 * `withKeys`: with titles and creator names as text (a few works of an update); a build ranks
 * them from `readTitleRanks` and `readCreatorRanks` instead.
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
  const { titles, updated, posted, words, hits, kudos, comments, bookmarks } = c;
  const tagFlags = graph.flags();
  const languages = languageNames.map((name) => batch.languageCodeOf(name));
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
    // Repeats are fine: the engine sorts and de-duplicates each work's tags.
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
    batch.updatedAt[i] = updated[k]!;
    batch.postedAt[i] = posted[k]!;
    batch.words[i] = words[k]!;
    batch.hits[i] = hits[k]!;
    batch.kudos[i] = kudos[k]!;
    batch.comments[i] = comments[k]!;
    batch.bookmarks[i] = bookmarks[k]!;
  }
}
