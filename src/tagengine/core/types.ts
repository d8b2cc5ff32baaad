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

export const SORT_KEYS = [
  "updated",
  "posted",
  "title",
  "creator",
  "words",
  "hits",
  "kudos",
  "comments",
  "bookmarks",
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** One listable work as the engine holds it (drafts and hidden works are never given to it). */
export interface IndexedWork {
  id: number;
  restricted: boolean;
  complete: boolean;
  updatedAt: number;
  postedAt: number;
  words: number;
  hits: number;
  kudos: number;
  comments: number;
  bookmarks: number;
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
