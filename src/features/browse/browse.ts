// Filtered listings (/works, /tags/:name/works, /users/:login/works, the home page), answered by
// the tag engine; the database gives only the page's blurbs and the sidebar's tag names.
import RoaringBitmap32 from "roaring/RoaringBitmap32";
import type { Deps, Viewer } from "../../context";
import { loadWorkBlurbs, type WorkBlurb } from "../../core/work/blurbs";
import { badRequest } from "../../lib/http";
import { nameKey } from "../../lib/text";
import { type EngineQuery, FACET_TYPES, type FacetType } from "../../tagengine/core/types";
import { byNamePreference, findTagByName, splitTagList, tagsNamedFor } from "../tags/tags";
import { readSetting, tagNamesByIds, tagsByNameKeys } from "./queries";
import {
  dateRange,
  effectiveSort,
  type ListingFilters,
  PARAM,
  pageCount,
  SORT_COLUMNS,
  type SortColumn,
} from "./schema";
import { textHits } from "./texthits";

export const WORKS_PER_PAGE = 20;
/** Top tags per type in the sidebar. */
export const SIDEBAR_TAGS = 10;
/** The admin setting that allows searching inside chapter text ("0" turns it off). */
export const CHAPTER_SEARCH_SETTING = "search.chapter_text";

/** What narrows a listing before the reader's filters: the tag of a tag page, a user's works. */
export interface ListingScope {
  /** A filter tag every listed work carries (already resolved from a synonym). */
  baseTagId?: number;
  /** Only these works. */
  onlyIds?: number[];
}

export interface SidebarTag {
  id: number;
  name: string;
  /** Works within the current result that carry the tag. */
  count: number;
  included: boolean;
  excluded: boolean;
}

export interface Listing {
  filters: ListingFilters;
  sort: { column: SortColumn; direction: "asc" | "desc" };
  total: number;
  page: number;
  totalPages: number;
  blurbs: WorkBlurb[];
  /** Per type: the top tags within the result, then any ticked tag that is not among them. */
  sidebar: Record<FacetType, SidebarTag[]>;
  /** Tag names (and ids) asked for that name no tag. */
  notFound: string[];
  chapterSearch: boolean;
  /** Whether any filter beyond sorting and paging is set. */
  filtered: boolean;
}

export async function chapterSearchEnabled(deps: Deps): Promise<boolean> {
  return (await readSetting(deps.db, CHAPTER_SEARCH_SETTING)) !== "0";
}

/** One page of a filtered listing with its sidebar counts. */
export async function browseWorks(
  deps: Deps,
  viewer: Viewer | null,
  filters: ListingFilters,
  scope: ListingScope = {},
): Promise<Listing> {
  const { db, index } = deps;
  const chapterSearch = await chapterSearchEnabled(deps);
  if (filters.query && filters.queryScope === "chapters" && !chapterSearch) {
    badRequest(
      `The "${PARAM.queryScope}" parameter asks to search inside chapter text, which this archive has turned off. Search the works' details instead.`,
    );
  }
  // Cheap when nothing changed; makes other processes' writes visible.
  await index.catchUp(db);

  // Tags whose names the reader may not see are treated as tags that do not exist.
  const byName = await resolveNames(deps, viewer, filters);
  const ticked = new Map<number, "include" | "exclude">();
  const notFound = [...byName.notFound];
  const asked = await tagNamesByIds(
    db,
    FACET_TYPES.flatMap((t) => [...filters.include[t], ...filters.exclude[t]]),
  );
  const named = new Set(
    (await tagsNamedFor(deps, viewer, [...asked.values()].map(withFlag))).map((t) => t.id),
  );
  for (const type of FACET_TYPES) {
    for (const mode of ["include", "exclude"] as const) {
      for (const id of filters[mode][type]) {
        // An id that names no tag (a deleted tag in an old link) is left out and said so.
        const tag = asked.get(id);
        if (index.engine.typeOf(id) === undefined || !tag || !named.has(id)) notFound.push(`tag #${id}`);
        else ticked.set(index.filterTagOf(id), mode);
      }
    }
  }
  const include = [...byName.include];
  const exclude = [...byName.exclude];
  for (const [id, mode] of ticked) (mode === "include" ? include : exclude).push(id);
  if (scope.baseTagId !== undefined) include.push(scope.baseTagId);

  let onlyIds: Iterable<number> | undefined = scope.onlyIds;
  let onlyIdsKey: string | undefined;
  let rankedIds: number[] | undefined;
  const sort = effectiveSort(filters);
  if (filters.query) {
    // Candidates may hold drafts and hidden works: the engine, which holds listable works only,
    // drops them. Ranking every hit is paid for only when the page shows best match first.
    const ranked = sort.column === "_score";
    const { hits, key } = await textHits(deps, filters.query, filters.queryScope, ranked);
    onlyIds = scope.onlyIds ? intersect(scope.onlyIds, hits) : hits;
    // The same hits make the same set: their sidebar counts can be cached (not so once
    // narrowed to a creator's works, whose list is read afresh).
    if (!scope.onlyIds) onlyIdsKey = key;
    // The engine walks these in order and skips any outside the result.
    if (ranked) rankedIds = Array.from(hits);
  }

  const query: EngineQuery = {
    signedIn: viewer !== null,
    include,
    exclude,
    complete: filters.complete,
    crossover: filters.crossover,
    language: filters.language,
    wordsFrom: filters.wordsFrom,
    wordsTo: filters.wordsTo,
    ...dateRange(filters),
    onlyIds,
    onlyIdsKey,
    sort: SORT_COLUMNS[sort.column].sort,
    direction: sort.direction,
    rankedIds,
    offset: (filters.page - 1) * WORKS_PER_PAGE,
    limit: WORKS_PER_PAGE,
    facets: true,
    facetLimit: SIDEBAR_TAGS,
  };
  const result = index.engine.query(query);

  const facetIds = FACET_TYPES.flatMap((t) => result.facets?.[t].map((f) => f.tagId) ?? []);
  const [blurbs, names] = await Promise.all([
    loadWorkBlurbs(db, viewer, result.ids),
    tagNamesByIds(db, [...facetIds, ...ticked.keys()]),
  ]);

  const sidebar = Object.fromEntries(FACET_TYPES.map((t) => [t, [] as SidebarTag[]])) as unknown as Record<
    FacetType,
    SidebarTag[]
  >;
  for (const type of FACET_TYPES) {
    for (const f of result.facets?.[type] ?? []) {
      const tag = names.get(f.tagId);
      if (!tag || f.tagId === scope.baseTagId) continue;
      const mode = ticked.get(f.tagId);
      sidebar[type].push({
        id: f.tagId,
        name: tag.name,
        count: f.count,
        included: mode === "include",
        excluded: mode === "exclude",
      });
    }
  }
  for (const [id, mode] of ticked) {
    const tag = names.get(id);
    if (!tag) continue;
    const list = sidebar[tag.type];
    if (list.some((s) => s.id === id)) continue;
    // Every work of the result carries an included tag; none carries an excluded one.
    const count = mode === "include" ? result.total : 0;
    list.push({ id, name: tag.name, count, included: mode === "include", excluded: mode === "exclude" });
  }

  return {
    filters,
    sort,
    total: result.total,
    page: filters.page,
    totalPages: pageCount(result.total, WORKS_PER_PAGE),
    blurbs,
    sidebar,
    notFound,
    chapterSearch,
    filtered: isFiltered(filters),
  };
}

/** The ids in both lists, by roaring bitmaps: either list may hold tens of thousands. */
function intersect(ids: number[], hits: Uint32Array): Uint32Array {
  return RoaringBitmap32.and(new RoaringBitmap32(ids), new RoaringBitmap32(hits)).toUint32Array();
}

/**
 * Tags named in "other tags to include/exclude", by name across types. An included name stands
 * for one tag (as on the tag page: canonical first, then by type); an excluded name removes every tag
 * of that name. Synonyms stand for their canonical tag.
 */
async function resolveNames(deps: Deps, viewer: Viewer | null, filters: ListingFilters) {
  const { index } = deps;
  const wanted = splitTagList(filters.otherTagNames);
  const unwanted = splitTagList(filters.excludedTagNames);
  const rows = await tagsNamedFor(
    deps,
    viewer,
    (await tagsByNameKeys(deps.db, [...wanted, ...unwanted].map(nameKey))).map(withFlag),
  );
  const byKey = new Map<string, typeof rows>();
  for (const r of rows) byKey.set(r.name_key, [...(byKey.get(r.name_key) ?? []), r]);
  const include: number[] = [];
  const exclude: number[] = [];
  const notFound: string[] = [];
  for (const name of wanted) {
    const found = byKey.get(nameKey(name));
    if (!found) {
      notFound.push(name);
      continue;
    }
    include.push(index.filterTagOf([...found].sort(byNamePreference)[0]!.id));
  }
  for (const name of unwanted) {
    const found = byKey.get(nameKey(name));
    if (!found) notFound.push(name);
    else for (const t of found) exclude.push(index.filterTagOf(t.id));
  }
  return { include, exclude, notFound };
}

/** A tag row with its canonical flag as a boolean, as the tag rules take it. */
function withFlag<T extends { canonical: number }>(row: T): Omit<T, "canonical"> & { canonical: boolean } {
  return { ...row, canonical: row.canonical === 1 };
}

function isFiltered(f: ListingFilters): boolean {
  return (
    FACET_TYPES.some((t) => f.include[t].length > 0 || f.exclude[t].length > 0) ||
    f.otherTagNames.trim() !== "" ||
    f.excludedTagNames.trim() !== "" ||
    f.crossover !== "include" ||
    f.complete !== undefined ||
    f.wordsFrom !== undefined ||
    f.wordsTo !== undefined ||
    f.dateFrom !== undefined ||
    f.dateTo !== undefined ||
    f.language !== undefined ||
    f.query !== ""
  );
}

/** The newest works for the home page: the engine's first page by date updated. */
export async function newestWorks(deps: Deps, viewer: Viewer | null, limit: number): Promise<WorkBlurb[]> {
  await deps.index.catchUp(deps.db);
  const { ids } = deps.index.engine.query({
    signedIn: viewer !== null,
    sort: "updated",
    direction: "desc",
    offset: 0,
    limit,
  });
  return loadWorkBlurbs(deps.db, viewer, ids);
}

export interface ListingTag {
  /** The filter tag to list (a synonym's canonical tag). */
  filterId: number;
  /** The filter tag's own name. */
  name: string;
  /** The name asked for, when it is a synonym of `name`. */
  synonym?: string;
}

/**
 * The tag a /tags/:name/works address names. Names are unique per type, so one name may name tags
 * of several types: the canonical one wins, then by type (NAME_PREFERENCE), as on the tag page.
 */
export async function findListingTag(
  deps: Deps,
  viewer: Viewer | null,
  name: string,
): Promise<ListingTag | null> {
  const { index } = deps;
  await index.catchUp(deps.db);
  const tag = await findTagByName(deps, viewer, name);
  if (!tag) return null;
  const filterId = index.filterTagOf(tag.id);
  if (filterId === tag.id) return { filterId, name: tag.name };
  const canonical = (await tagNamesByIds(deps.db, [filterId])).get(filterId);
  return { filterId, name: canonical?.name ?? tag.name, synonym: tag.name };
}
