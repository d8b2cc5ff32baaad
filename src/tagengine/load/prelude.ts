// What a build reads before the works: the tag graph and the title and creator orders, parsed from
// the databases' aggregated answers (lists.ts). Kept free of the database and engine modules, so
// that a reader thread can do this work too (chunks.ts).
import { ListReader } from "../../db/lists";
import { compareCodePoints } from "../../lib/codepoints";
import { entry } from "../../lib/collections";
import { type PackedKeys, packKeys, type RankedKeys } from "../core/keys";
import { TYPE_CODE } from "../core/types";

export const FANDOM_TAG = 1;
export const EXPANDED_TAG = 2;
/** The creator sort key of an anonymous work. */
export const ANONYMOUS = "anonymous";

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

/** The tag graph's parts as they cross to another thread (a class does not). */
export interface TagGraphData {
  tagTypes: Uint8Array;
  expansions: Map<number, number[]>;
  mergers: Map<number, number>;
  fandoms: Set<number>;
}

/**
 * Every tag's type code by id (positions in FACET_TYPES + 1), from `type, ids` rows; synonyms from
 * `id:merger_id,…`; and the closure of the meta tags above each tag.
 */
export function parseTagGraph(
  maxTagId: number,
  byType: { type: string; ids: string }[],
  synonymPairs: string | null,
  metaRows: { meta_id: number; sub_id: number }[],
): TagGraphData {
  const tagTypes = new Uint8Array(maxTagId + 1);
  const fandoms = new Set<number>();
  for (const { type, ids } of byType) {
    const code = TYPE_CODE.get(type) ?? 0;
    const r = new ListReader(ids);
    do {
      const id = r.need();
      if (id <= maxTagId) tagTypes[id] = code;
      if (type === "fandom") fandoms.add(id);
    } while (r.skip(","));
  }
  const mergers = new Map<number, number>();
  if (synonymPairs) {
    const r = new ListReader(synonymPairs);
    do {
      const id = r.need();
      r.expect(":");
      mergers.set(id, r.need());
    } while (r.skip(","));
  }
  const metasOf = new Map<number, number[]>();
  for (const m of metaRows) entry(metasOf, Number(m.sub_id), () => []).push(Number(m.meta_id));
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
  return { tagTypes, expansions, mergers, fandoms };
}

/** Ranks of creator sort keys: by pseud id, plus those of anonymous works and of works with no creator. */
export interface CreatorRanks {
  keys: PackedKeys;
  rankOfPseud: Int32Array;
  anonymous: number;
  none: number;
}

/**
 * Parses `groupsBy`'s answer (`value:id,id,…;` in code-point order of value, the value
 * length-prefixed) into the distinct keys and the rank of each id up to maxId.
 */
export function parseKeyGroups(text: string | null, maxId: number): { keys: string[]; rankOf: Int32Array } {
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

/** Title ranks, packed. */
export function titleRanksOf(groups: { keys: string[]; rankOf: Int32Array }): RankedKeys {
  return { keys: packKeys(groups.keys), rankOf: groups.rankOf };
}

/** Creator ranks from the pseuds' name groups, with the two keys that no pseud may stand for. */
export function creatorRanksOf(groups: { keys: string[]; rankOf: Int32Array }): CreatorRanks {
  const { keys, rankOf } = groups;
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
    keys: packKeys(keys),
    rankOfPseud: rankOf,
    anonymous: keys.indexOf(ANONYMOUS),
    none: keys.indexOf(""),
  };
}

export type PreludeKind = "graph" | "titles" | "creators";
export interface PreludeData {
  graph: TagGraphData;
  titles: RankedKeys;
  creators: CreatorRanks;
}

type Row = Record<string, unknown>;

/** Parses the rows of `preludeQueries(db)[kind]` (queries.ts), query by query. */
export function parsePrelude<K extends PreludeKind>(
  kind: K,
  rows: Row[][],
  maxWorkId: number,
): PreludeData[K] {
  const first = (i: number) => rows[i]?.[0] ?? {};
  const hi = (i: number) => Number(first(i).hi ?? 0);
  const text = (i: number, column: string) => (first(i)[column] as string | null | undefined) ?? null;
  const data: PreludeData[PreludeKind] =
    kind === "graph"
      ? parseTagGraph(
          hi(0),
          rows[1] as { type: string; ids: string }[],
          text(2, "pairs"),
          rows[3] as { meta_id: number; sub_id: number }[],
        )
      : kind === "titles"
        ? titleRanksOf(parseKeyGroups(text(0, "groups"), maxWorkId))
        : creatorRanksOf(parseKeyGroups(text(1, "groups"), hi(0)));
  return data as PreludeData[K];
}
