import { type CompiledQuery, type Kysely, type RawBuilder, sql } from "kysely";
import { listableSql } from "../../core/work/queries";
import { byCodePoint, dialectOf } from "../../db/dialect";
import type { Database, TagType } from "../../db/types";
import { NUMBER_COLUMNS, type NumberColumn, type NumberField } from "../core/types";
import { WORK_FLAG } from "./chunk";

type DB = Kysely<Database>;

// The build reads each column of a chunk as one aggregated string (see lists.ts): both databases
// have string_agg, and every aggregate of one query sees the rows in the same order, so the
// columns of a chunk line up.

const text = (e: RawBuilder<unknown>) => sql`cast(${e} as text)`;
/** `length:value`, so that the value may hold any separator. */
const prefixed = (column: string) =>
  sql`${text(sql`length(${sql.ref(column)})`)} || ':' || ${sql.ref(column)}`;

/** The one row of an aggregate query. */
export async function one<T>(db: DB, query: RawBuilder<T>): Promise<T> {
  const { rows } = await query.execute(db);
  return rows[0]!;
}

/** Tag ids by type, as `id,id,…` per type (SQLite reads them off the (type, name_key) index). */
const tagIdsByType = () =>
  sql<{
    type: string;
    ids: string;
  }>`select type, string_agg(${text(sql`id`)}, ',') as ids from tags group by type`;

/** Synonyms and their canonical tags, as `id:merger_id,…`. */
const synonymPairs = () =>
  sql<{ pairs: string | null }>`select string_agg(${text(sql`id`)} || ':' || ${text(sql`merger_id`)}, ',')
    as pairs from tags where merger_id is not null`;

const metaTagRows = (db: DB) => db.selectFrom("meta_tags").select(["meta_id", "sub_id"]);

/**
 * What a build reads before the works, compiled so that a reader thread can run it too: the tag
 * graph (the highest tag id, ids by type, synonyms, meta tags), the titles grouped by key, and the
 * highest pseud id with the pseuds grouped by name. prelude.ts parses the rows.
 */
export function preludeQueries(db: DB): Record<"graph" | "titles" | "creators", CompiledQuery[]> {
  return {
    graph: [
      highestId(db, "tags").compile(),
      tagIdsByType().compile(db),
      synonymPairs().compile(db),
      metaTagRows(db).compile(),
    ],
    titles: [groupsBy(db, "works", "title_sort").compile(db)],
    creators: [highestId(db, "pseuds").compile(), groupsBy(db, "pseuds", "name_key").compile(db)],
  };
}

export async function loadTagsAfter(db: DB, afterId: number) {
  const rows = await db
    .selectFrom("tags")
    .select(["id", "type"])
    .where("id", ">", afterId)
    .orderBy("id")
    .execute();
  return rows.map((t) => ({ id: t.id, type: t.type as TagType }));
}

/** Each column of a chunk aggregated; the works' numbers under their fields' names. */
export interface WorkColumns extends Record<NumberField, string | null> {
  ids: string | null;
  flags: string | null;
  /** Length-prefixed, no separator. */
  languages: string | null;
  /** Length-prefixed, no separator; null unless asked for. */
  titles: string | null;
}

/** The `works` column a number is read from. */
function numberSource(c: NumberColumn): RawBuilder<unknown> {
  return "orElse" in c ? sql`coalesce(${sql.ref(c.source)}, ${sql.ref(c.orElse)})` : sql.ref(c.source);
}

/** Every `works` column the numbers are read from, for the row-by-row reading. */
const NUMBER_SOURCES = [
  ...new Set(NUMBER_COLUMNS.flatMap((c) => ("orElse" in c ? [c.source, c.orElse] : [c.source]))),
];

/**
 * The works with ids in [fromId, toId], every work (listable or not: filtering on posted would let
 * SQLite pick the `posted` index over the id range), each column aggregated.
 */
export function workColumnsChunk(fromId: number, toId: number, withTitles: boolean) {
  const list = (e: RawBuilder<unknown>) => sql`string_agg(${text(e)}, ',')`;
  return sql<WorkColumns>`select ${list(sql`id`)} as ids,
      ${list(sql`restricted * ${sql.lit(WORK_FLAG.restricted)} + complete * ${sql.lit(WORK_FLAG.complete)}
        + anonymous * ${sql.lit(WORK_FLAG.anonymous)}
        + case when ${listableSql()} then ${sql.lit(WORK_FLAG.listable)} else 0 end`)} as flags,
      ${sql.join(NUMBER_COLUMNS.map((c) => sql`${list(numberSource(c))} as ${sql.ref(c.field)}`))},
      string_agg(${prefixed("language")}, '') as languages,
      ${withTitles ? sql`string_agg(${prefixed("title_sort")}, '')` : sql`null`} as titles
      from works where id between ${fromId} and ${toId}`;
}

/** Typed tag ids of the works with ids in [fromId, toId], as `work_id:tag,tag,…;` per work. */
export function tagListsChunk(fromId: number, toId: number) {
  return sql<{ lists: string | null }>`select string_agg(${text(sql`work_id`)} || ':' || tags, ';') as lists
      from (select work_id, string_agg(${text(sql`tag_id`)}, ',') as tags from taggings
        where work_id between ${fromId} and ${toId} group by work_id) as per_work`;
}

/**
 * Approved creators of the works with ids in [fromId, toId], as `work_id:creatorship_id:pseud_id;`
 * or, `withNames`, `work_id:creatorship_id:pseud_id:name_key;` (the name length-prefixed). A
 * work's first creator has the lowest creatorship id.
 */
export function creatorsChunk(fromId: number, toId: number, withNames: boolean) {
  const columns = sql`${text(sql`c.work_id`)} || ':' || ${text(sql`c.id`)} || ':' || ${text(sql`c.pseud_id`)}`;
  // A build ranks pseuds by id and needs no names: no join.
  return withNames
    ? sql<{ creators: string | null }>`select string_agg(${columns} || ':' || ${text(sql`length(p.name_key)`)}
        || ':' || p.name_key, ';') as creators from creatorships c join pseuds p on p.id = c.pseud_id
        where c.work_id between ${fromId} and ${toId} and c.approved = 1`
    : sql<{ creators: string | null }>`select string_agg(${columns}, ';') as creators from creatorships c
        where c.work_id between ${fromId} and ${toId} and c.approved = 1`;
}

/**
 * Every distinct value of `column` of `table` in code-point order with the ids of its rows, as
 * `value:id,id,…;` (the value length-prefixed). SQLite reads it straight off the column's index.
 */
function groupsBy(db: DB, table: "works" | "pseuds", column: "title_sort" | "name_key") {
  return sql<{ groups: string | null }>`select string_agg(${prefixed("k")} || ':' || ids, ';') as groups
    from (select ${sql.ref(column)} as k, string_agg(${text(sql`id`)}, ',') as ids from ${sql.table(table)}
      group by ${sql.ref(column)} order by ${byCodePoint(dialectOf(db), sql.ref(column))}) as per_key`;
}

/** The lowest and highest id of a table, and how many rows it has. */
function bounds(db: DB, table: "works" | "tags" | "pseuds") {
  return db
    .selectFrom(table)
    .select((eb) => [
      eb.fn.min<number>("id").as("lo"),
      eb.fn.max<number>("id").as("hi"),
      eb.fn.countAll<number>().as("count"),
    ]);
}

/** The highest id of a table as `hi`: read off the end of its primary key, where a count scans it. */
function highestId(db: DB, table: "tags" | "pseuds") {
  return db.selectFrom(table).select((eb) => eb.fn.max<number>("id").as("hi"));
}

/** A bounds row as numbers (0s for an empty table; PostgreSQL counts come as strings). */
function boundsOf(row: { lo?: unknown; hi?: unknown; count?: unknown } | undefined) {
  return { lo: Number(row?.lo ?? 0), hi: Number(row?.hi ?? 0), count: Number(row?.count ?? 0) };
}

export async function idBounds(db: DB, table: "works" | "tags" | "pseuds") {
  return boundsOf(await bounds(db, table).executeTakeFirst());
}

export async function lastChangeId(db: DB): Promise<number> {
  const row = await db
    .selectFrom("changes")
    .select((eb) => eb.fn.max<number>("id").as("id"))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

export async function changesAfter(db: DB, afterId: number, limit: number) {
  return db
    .selectFrom("changes")
    .select(["id", "work_id"])
    .where("id", ">", afterId)
    .orderBy("id")
    .limit(limit)
    .execute();
}

export async function changesIn(db: DB, ids: number[]) {
  return db.selectFrom("changes").select(["id", "work_id"]).where("id", "in", ids).orderBy("id").execute();
}

// Row by row, for the rare chunk whose aggregated columns do not parse (see rows.ts).

export function workRows(db: DB, fromId: number, toId: number) {
  return db
    .selectFrom("works")
    .select([
      "id",
      "restricted",
      "complete",
      "anonymous",
      "posted",
      "hidden_by_admin",
      ...NUMBER_SOURCES,
      "language",
      "title_sort",
    ])
    .where("id", ">=", fromId)
    .where("id", "<=", toId)
    .execute();
}

export function taggingRows(db: DB, fromId: number, toId: number) {
  return db
    .selectFrom("taggings")
    .select(["work_id", "tag_id"])
    .where("work_id", ">=", fromId)
    .where("work_id", "<=", toId)
    .execute();
}

export function creatorRows(db: DB, fromId: number, toId: number) {
  return db
    .selectFrom("creatorships as c")
    .innerJoin("pseuds as p", "p.id", "c.pseud_id")
    .select(["c.work_id", "c.id", "c.pseud_id", "p.name_key"])
    .where("c.work_id", ">=", fromId)
    .where("c.work_id", "<=", toId)
    .where("c.approved", "=", 1)
    .execute();
}

export async function keyRows(db: DB, table: "works" | "pseuds") {
  return table === "works"
    ? await db.selectFrom("works").select(["id", "title_sort as key"]).execute()
    : await db.selectFrom("pseuds").select(["id", "name_key as key"]).execute();
}
