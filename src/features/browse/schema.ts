import { z } from "zod";
import { LANGUAGE_CODES } from "../../core/work/languages";
import { badRequest } from "../../lib/http";
import { type FacetType, SORTS, type SortKey } from "../../tagengine/core/types";

/** The highest page number a listing accepts; beyond it a request is surely not a reader's. */
export const MAX_PAGE = 100_000;

/** `?page=`: absent (or empty) means 1; otherwise a positive whole number. */
export const pageParam = z
  .string()
  .regex(/^[1-9][0-9]{0,5}$/)
  .transform(Number)
  .pipe(z.number().int().min(1).max(MAX_PAGE))
  .optional();

const PAGE_MESSAGE = `must be a whole number from 1 to ${MAX_PAGE.toLocaleString("en-US")}`;

/** The page a listing asks for, or a 400 page that names the parameter. */
export function readPage(value: string | undefined): number {
  const result = pageParam.safeParse(value === "" ? undefined : value);
  if (!result.success) badRequest(`The "page" parameter ${PAGE_MESSAGE}.`);
  return result.data ?? 1;
}

/** How many pages a listing of `total` items spans (at least one, so page 1 always exists). */
export function pageCount(total: number, perPage: number): number {
  return Math.max(1, Math.ceil(total / perPage));
}

// ---- The filtered listings' query string. Parameter names are the ones fans already type. ----

/**
 * Sort columns as they appear in URLs, with the engine's sort, the label readers see and the
 * direction taken unless one is given: best match, then each of the engine's SORTS.
 */
export const SORT_COLUMNS = Object.fromEntries([
  ["_score", { sort: "relevance", label: "Best match", natural: "desc" }],
  ...SORTS.map((s) => [s.param, { sort: s.sort, label: s.label, natural: s.natural }]),
]) as Record<
  "_score" | (typeof SORTS)[number]["param"],
  { sort: SortKey | "relevance"; label: string; natural: "asc" | "desc" }
>;
export type SortColumn = keyof typeof SORT_COLUMNS;
const SORT_COLUMN_NAMES = Object.keys(SORT_COLUMNS) as [SortColumn, ...SortColumn[]];

/** The URL name of each type's tag id list: `include_work_search[<name>][]`. */
export const TAG_ID_PARAMS: Record<FacetType, string> = {
  rating: "rating_ids",
  warning: "archive_warning_ids",
  category: "category_ids",
  fandom: "fandom_ids",
  relationship: "relationship_ids",
  character: "character_ids",
  freeform: "freeform_ids",
};
const TAG_TYPES = Object.keys(TAG_ID_PARAMS) as FacetType[];

export const tagIdParam = (mode: "include" | "exclude", type: FacetType) =>
  `${mode}_work_search[${TAG_ID_PARAMS[type]}][]`;
const ws = (name: string) => `work_search[${name}]`;

export const PARAM = {
  sortColumn: ws("sort_column"),
  sortDirection: ws("sort_direction"),
  otherTagNames: ws("other_tag_names"),
  excludedTagNames: ws("excluded_tag_names"),
  crossover: ws("crossover"),
  complete: ws("complete"),
  wordsFrom: ws("words_from"),
  wordsTo: ws("words_to"),
  dateFrom: ws("date_from"),
  dateTo: ws("date_to"),
  language: ws("language_id"),
  query: ws("query"),
  queryScope: ws("query_scope"),
  page: "page",
} as const;

export const QUERY_MAX = 1000;
const NAMES_MAX = 5000;
const MAX_WORDS = 1_000_000_000;
const DAY = 86_400_000;

/** "T" / "F" / "" as in fans' URLs. */
const flag = z.enum(["T", "F", ""], { message: "must be T, F or empty" }).optional();

/** A word count; thousands separators are allowed ("10,000"). */
const wordCount = z
  .string()
  .transform((s) => s.replace(/[,\s_]/g, ""))
  .pipe(
    z
      .string()
      .regex(/^[0-9]{1,10}$/, { message: "must be a whole number of words, 0 or more" })
      .transform(Number)
      .pipe(z.number().max(MAX_WORDS, { message: "is more words than any work holds" })),
  )
  .optional();

function isCalendarDate(s: string): boolean {
  const ms = Date.parse(`${s}T00:00:00Z`);
  // Date.parse rolls 2023-02-30 over into March: a real date reads back the same.
  return Number.isFinite(ms) && new Date(ms).toISOString().slice(0, 10) === s;
}

/** A calendar date written YYYY-MM-DD: its first millisecond (UTC). */
const date = z
  .string()
  .regex(/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/, { message: "must be a date written YYYY-MM-DD" })
  .refine(isCalendarDate, {
    message: "must be a real calendar date (YYYY-MM-DD)",
  })
  .optional();

const tagIds = z
  .array(
    z
      .string()
      .regex(/^[1-9][0-9]{0,9}$/, { message: "must hold tag ids (whole numbers)" })
      .transform(Number),
  )
  .max(200, { message: "holds more tags than a filter takes" });

const listingShape: Record<string, z.ZodType> = {
  [PARAM.sortColumn]: z
    .enum(SORT_COLUMN_NAMES, { message: `must be one of ${SORT_COLUMN_NAMES.join(", ")}` })
    .optional(),
  [PARAM.sortDirection]: z.enum(["asc", "desc"], { message: "must be asc or desc" }).optional(),
  [PARAM.otherTagNames]: z.string().max(NAMES_MAX, { message: "is too long" }).optional(),
  [PARAM.excludedTagNames]: z.string().max(NAMES_MAX, { message: "is too long" }).optional(),
  [PARAM.crossover]: flag,
  [PARAM.complete]: flag,
  [PARAM.wordsFrom]: wordCount,
  [PARAM.wordsTo]: wordCount,
  [PARAM.dateFrom]: date,
  [PARAM.dateTo]: date,
  [PARAM.language]: z
    .enum(LANGUAGE_CODES, { message: "must be the code of a language the archive knows (such as en)" })
    .optional(),
  [PARAM.query]: z
    .string()
    .max(QUERY_MAX, { message: `must be at most ${QUERY_MAX.toLocaleString("en-US")} characters` })
    .optional(),
  [PARAM.queryScope]: z.enum(["works", "chapters"], { message: "must be works or chapters" }).optional(),
  [PARAM.page]: z
    .string()
    .regex(/^[1-9][0-9]{0,5}$/, { message: PAGE_MESSAGE })
    .refine((v) => Number(v) <= MAX_PAGE, { message: PAGE_MESSAGE })
    .optional(),
};
for (const mode of ["include", "exclude"] as const)
  for (const type of TAG_TYPES) listingShape[tagIdParam(mode, type)] = tagIds;
const listingSchema = z.object(listingShape);

export type TagIdsByType = Record<FacetType, number[]>;

/** Everything a filtered listing's URL says. */
export interface ListingFilters {
  /** As given; absent means the default (best match with a text query, else date updated). */
  sortColumn?: SortColumn;
  sortDirection?: "asc" | "desc";
  include: TagIdsByType;
  exclude: TagIdsByType;
  otherTagNames: string;
  excludedTagNames: string;
  crossover: "include" | "exclude" | "only";
  complete?: boolean;
  wordsFrom?: number;
  wordsTo?: number;
  /** YYYY-MM-DD as given. */
  dateFrom?: string;
  dateTo?: string;
  language?: string;
  query: string;
  queryScope: "works" | "chapters";
  page: number;
}

function emptyIds(): TagIdsByType {
  return Object.fromEntries(TAG_TYPES.map((t) => [t, [] as number[]])) as unknown as TagIdsByType;
}

/**
 * Reads a listing's query string. A malformed value answers 400 with a page that names the
 * parameter; an empty value means the parameter was not given (a submitted form sends them all).
 */
export function readListingFilters(url: string): ListingFilters {
  const params = new URL(url, "http://quire.invalid").searchParams;
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys(listingShape)) {
    if (key.endsWith("[]")) {
      // Hand-typed URLs often drop the brackets: take both spellings.
      const values = [...params.getAll(key), ...params.getAll(key.slice(0, -2))].filter((v) => v !== "");
      raw[key] = values;
    } else {
      const value = params.get(key);
      if (value !== null && value !== "") raw[key] = value;
    }
  }
  const parsed = listingSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    badRequest(`The "${String(issue.path[0])}" parameter ${issue.message}.`);
  }
  const v = parsed.data as Record<string, unknown>;
  const include = emptyIds();
  const exclude = emptyIds();
  for (const type of TAG_TYPES) {
    include[type] = v[tagIdParam("include", type)] as number[];
    exclude[type] = v[tagIdParam("exclude", type)] as number[];
  }
  const str = (key: string) => v[key] as string | undefined;
  const crossover = str(PARAM.crossover);
  const complete = str(PARAM.complete);
  return {
    sortColumn: v[PARAM.sortColumn] as SortColumn | undefined,
    sortDirection: v[PARAM.sortDirection] as "asc" | "desc" | undefined,
    include,
    exclude,
    otherTagNames: str(PARAM.otherTagNames) ?? "",
    excludedTagNames: str(PARAM.excludedTagNames) ?? "",
    crossover: crossover === "T" ? "only" : crossover === "F" ? "exclude" : "include",
    complete: complete === "T" ? true : complete === "F" ? false : undefined,
    wordsFrom: v[PARAM.wordsFrom] as number | undefined,
    wordsTo: v[PARAM.wordsTo] as number | undefined,
    dateFrom: str(PARAM.dateFrom),
    dateTo: str(PARAM.dateTo),
    language: str(PARAM.language),
    query: (str(PARAM.query) ?? "").trim(),
    queryScope: (str(PARAM.queryScope) as "works" | "chapters" | undefined) ?? "works",
    page: Number(str(PARAM.page) ?? 1),
  };
}

/** The first and last millisecond of the dates asked for (date updated, UTC days). */
export function dateRange(f: ListingFilters): { updatedFrom?: number; updatedTo?: number } {
  const start = (d: string) => Date.parse(`${d}T00:00:00Z`);
  return {
    updatedFrom: f.dateFrom ? start(f.dateFrom) : undefined,
    updatedTo: f.dateTo ? start(f.dateTo) + DAY - 1 : undefined,
  };
}

/** The sort a listing uses: best match needs a text query; each column has its natural direction. */
export function effectiveSort(f: ListingFilters): { column: SortColumn; direction: "asc" | "desc" } {
  let column: SortColumn = f.sortColumn ?? (f.query ? "_score" : "revised_at");
  if (column === "_score" && !f.query) column = "revised_at";
  return { column, direction: f.sortDirection ?? SORT_COLUMNS[column].natural };
}
