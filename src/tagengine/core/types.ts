/** The tag types that get sidebar counts, in the order the sidebar shows them. */
export const FACET_TYPES = [
  "rating",
  "warning",
  "category",
  "fandom",
  "relationship",
  "character",
  "freeform",
] as const;
export type FacetType = (typeof FACET_TYPES)[number];
/** Type codes are positions in FACET_TYPES + 1; codes 1..3 (rating, warning, category) are small fixed sets. */
export const FIXED_TYPES = 3;
/** The type code of each facet type (0 stands for no tag). */
export const TYPE_CODE: ReadonlyMap<string, number> = new Map(FACET_TYPES.map((t, i) => [t, i + 1]));

/**
 * Every order a listing can take, once; every other list of sorts or of work numbers derives from
 * this one. `sort` is the engine's name for it, `param` the one readers' URLs use (AO3's
 * `work_search[sort_column]` values), `label` what the sort menu shows, `natural` the direction
 * taken unless one is given. The numeric ones are also the numbers the engine keeps per work and
 * the build reads: `field` names them in an IndexedWork and their typed arrays (of kind `array`) in
 * Columns, WorkBatch and a build's chunks; `source` is the `works` column they are read from, and
 * `orElse` the one read when it is null.
 */
export const SORTS = [
  {
    sort: "updated",
    param: "revised_at",
    label: "Date updated",
    natural: "desc",
    field: "updatedAt",
    array: Float64Array,
    source: "updated_at",
  },
  {
    sort: "posted",
    param: "created_at",
    label: "Date posted",
    natural: "desc",
    field: "postedAt",
    array: Float64Array,
    source: "posted_at",
    orElse: "updated_at",
  },
  { sort: "title", param: "title_to_sort_on", label: "Title", natural: "asc" },
  { sort: "creator", param: "authors_to_sort_on", label: "Creator", natural: "asc" },
  {
    sort: "words",
    param: "word_count",
    label: "Word count",
    natural: "desc",
    field: "words",
    array: Uint32Array,
    source: "word_count",
  },
  {
    sort: "hits",
    param: "hits",
    label: "Hits",
    natural: "desc",
    field: "hits",
    array: Uint32Array,
    source: "hits",
  },
  {
    sort: "kudos",
    param: "kudos_count",
    label: "Kudos",
    natural: "desc",
    field: "kudos",
    array: Uint32Array,
    source: "kudos_count",
  },
  {
    sort: "comments",
    param: "comments_count",
    label: "Comments",
    natural: "desc",
    field: "comments",
    array: Uint32Array,
    source: "comments_count",
  },
  {
    sort: "bookmarks",
    param: "bookmarks_count",
    label: "Bookmarks",
    natural: "desc",
    field: "bookmarks",
    array: Uint32Array,
    source: "bookmarks_count",
  },
] as const;
type Sort = (typeof SORTS)[number];
export type SortKey = Sort["sort"];
export const SORT_KEYS: readonly SortKey[] = SORTS.map((s) => s.sort);

/** The sorts by a number the engine keeps per work, in SORTS order. */
export type NumberColumn = Extract<Sort, { field: string }>;
export type NumberField = NumberColumn["field"];
export const NUMBER_COLUMNS: readonly NumberColumn[] = SORTS.filter((s): s is NumberColumn => "field" in s);
/** The field of each numeric sort (the text sorts, title and creator, have none). */
export const NUMBER_FIELD_OF: Partial<Record<SortKey, NumberField>> = Object.fromEntries(
  NUMBER_COLUMNS.map((c) => [c.sort, c.field]),
);
/** A work's numbers... */
export type WorkNumbers = Record<NumberField, number>;
/** ...and many works' numbers, a typed array each. */
export type NumberArrays = { [C in NumberColumn as C["field"]]: InstanceType<C["array"]> };

/** Typed arrays of `length` for every number. */
export function numberArrays(length: number): NumberArrays {
  return Object.fromEntries(NUMBER_COLUMNS.map((c) => [c.field, new c.array(length)])) as NumberArrays;
}

/** One listable work as the engine holds it (drafts and hidden works are never given to it). */
export interface IndexedWork extends WorkNumbers {
  id: number;
  restricted: boolean;
  complete: boolean;
  language: string;
  /** Sort key of the title (see `titleSortKey`). */
  titleSort: string;
  /** Sort key of the first creator's name ("anonymous" for anonymous works). */
  creatorSort: string;
  /** Number of fandoms: more than one makes a crossover. */
  fandomCount: number;
  /**
   * The filter tags of the work: each tag as typed, the canonical tag of each synonym, and every
   * meta tag above them, so that filtering by a canonical tag finds synonyms and sub-tags.
   */
  tagIds: number[];
}

export interface TagInfo {
  id: number;
  type: FacetType;
}

export interface EngineQuery {
  /** Signed-in readers see restricted works; guests never do. */
  signedIn: boolean;
  /** Every one of these filter tags (AND). */
  include?: number[];
  /** None of these filter tags. */
  exclude?: number[];
  complete?: boolean;
  crossover?: "include" | "exclude" | "only";
  language?: string;
  wordsFrom?: number;
  wordsTo?: number;
  updatedFrom?: number;
  updatedTo?: number;
  /** Only these works (a text search's hits, a user's works). */
  onlyIds?: Iterable<number>;
  /**
   * Names `onlyIds` for the sidebar-count cache: the same name must mean the same ids while the
   * index's version is unchanged. Without it, counts of an id-list query are not cached.
   */
  onlyIdsKey?: string;
  sort: SortKey | "relevance";
  direction: "asc" | "desc";
  /** With sort "relevance": the text search's ids, best first. */
  rankedIds?: number[];
  offset: number;
  limit: number;
  /** Top tags per type within the result, with exact counts. */
  facets?: boolean;
  facetLimit?: number;
}

export interface FacetCount {
  tagId: number;
  count: number;
}

export interface EngineResult {
  total: number;
  /** Work ids of the requested page, in order. */
  ids: number[];
  facets?: Record<FacetType, FacetCount[]>;
}
