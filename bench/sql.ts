// The same listing as the tag engine, in the best plain SQL we know for each database: the
// baseline the engine is measured against, and the second opinion the property test checks it by.
//
// Derived data the benchmark builds (a fair stand-in for what an SQL-only archive would keep):
// - filter_taggings(work_id, tag_id): each work's filter tags (the canonical tag of every typed
//   tag and every meta tag above it), keyed both ways;
// - PostgreSQL only, work_filter_tags(work_id, tag_ids int[]) with a GIN index: one row a work, so
//   that a filter is one containment test and the sidebar counts read one array per work;
// - (sort key, id) indexes on works for every numeric sort.
import { type Kysely, type RawBuilder, sql } from "kysely";
import type { Dialect } from "../src/db/connection";
import type { Database } from "../src/db/types";
import {
  type EngineQuery,
  type EngineResult,
  FACET_TYPES,
  type FacetCount,
  type FacetType,
  NUMBER_COLUMNS,
  type SortKey,
} from "../src/tagengine/core/types";

type DB = Kysely<Database>;
/** PostgreSQL can filter on filter_taggings rows (as SQLite does) or on the per-work arrays. */
export type SqlVariant = "rows" | "arrays";

const FILTERS_MARKER = "bench.filters";
const SORT_INDEXES = [
  "updated_at",
  "posted_at",
  "word_count",
  "hits",
  "kudos_count",
  "comments_count",
  "bookmarks_count",
];

async function exec(db: DB, text: string): Promise<void> {
  await sql.raw(text).execute(db);
}

/** Builds (or rebuilds) the derived tables and indexes from the archive's own tables. */
export async function prepareSql(db: DB, dialect: Dialect, marker = ""): Promise<void> {
  if (marker) {
    const row = await db
      .selectFrom("settings")
      .select("value")
      .where("key", "=", FILTERS_MARKER)
      .executeTakeFirst();
    if (row?.value === marker) return;
  }
  const pg = dialect === "postgres";
  await exec(db, "drop table if exists filter_taggings");
  if (pg) await exec(db, "drop table if exists work_filter_tags");
  // Meta tags above each tag, at any depth (the inherited rows may be missing: walk the graph).
  const closure = `with recursive up(sub_id, meta_id) as (
      select sub_id, meta_id from meta_tags
      union select up.sub_id, m.meta_id from up join meta_tags m on m.sub_id = up.meta_id)`;
  const bases = `select g.work_id, coalesce(t.merger_id, t.id) as base
      from taggings g join tags t on t.id = g.tag_id`;
  await exec(
    db,
    `create table filter_taggings (work_id integer not null, tag_id integer not null,
      primary key (work_id, tag_id))${pg ? "" : " without rowid"}`,
  );
  // Rows arrive in work order, so the primary key grows at its end; duplicates are skipped.
  const ignore = pg ? "" : "or ignore";
  const onConflict = pg ? "on conflict do nothing" : "";
  await exec(
    db,
    `insert ${ignore} into filter_taggings (work_id, tag_id) select work_id, base from (${bases}) b
    order by work_id ${onConflict}`,
  );
  await exec(
    db,
    `insert ${ignore} into filter_taggings (work_id, tag_id) ${closure}
      select b.work_id, up.meta_id from (${bases}) b join up on up.sub_id = b.base ${onConflict}`,
  );
  await exec(db, "create index filter_taggings_tag on filter_taggings (tag_id, work_id)");
  // How many works carry each filter tag: lets a query start from its rarest tag.
  await exec(db, "drop table if exists filter_tag_counts");
  await exec(db, "create table filter_tag_counts (tag_id integer primary key, n integer not null)");
  await exec(
    db,
    "insert into filter_tag_counts select tag_id, count(*) from filter_taggings group by tag_id",
  );
  if (pg) {
    await exec(db, "create table work_filter_tags (work_id integer primary key, tag_ids integer[] not null)");
    await exec(
      db,
      `insert into work_filter_tags select work_id, array_agg(tag_id order by tag_id)
        from filter_taggings group by work_id`,
    );
    await exec(db, "create index work_filter_tags_gin on work_filter_tags using gin (tag_ids)");
  }
  for (const col of SORT_INDEXES)
    await exec(db, `create index if not exists works_${col}_id on works (${col}, id)`);
  // SQLite: statistics from a sample of each index, which is what a big archive would afford.
  if (!pg) await exec(db, "pragma analysis_limit = 1000");
  await exec(db, "analyze");
  if (marker) {
    await db.deleteFrom("settings").where("key", "=", FILTERS_MARKER).execute();
    await db.insertInto("settings").values({ key: FILTERS_MARKER, value: marker }).execute();
  }
}

/** The sort key of a work as an SQL expression on `w` (binary order for text, as the engine). */
function sortExpression(key: SortKey, pg: boolean): RawBuilder<unknown> {
  const c = pg ? ' collate "C"' : "";
  const number = NUMBER_COLUMNS.find((n) => n.sort === key);
  if (number)
    return "orElse" in number
      ? sql`coalesce(${sql.ref(`w.${number.source}`)}, ${sql.ref(`w.${number.orElse}`)})`
      : sql.ref(`w.${number.source}`);
  if (key === "title") return sql.raw(`w.title_sort${c}`);
  return sql.raw(`(case when w.anonymous = 1 then 'anonymous' else coalesce((select p.name_key
        from creatorships c join pseuds p on p.id = c.pseud_id
        where c.work_id = w.id and c.approved = 1 order by c.id limit 1), '') end)${c}`);
}

/** The column whose index a sort can walk (a sort read through `coalesce` has none). */
const SORT_COLUMN: Partial<Record<SortKey, string>> = Object.fromEntries(
  NUMBER_COLUMNS.filter((n) => !("orElse" in n)).map((n) => [n.sort, n.source]),
);

function idList(ids: Iterable<number>, pg: boolean): RawBuilder<unknown> {
  const list = [...ids];
  return pg
    ? sql`(select unnest(${list}::int[]))`
    : sql`(select value from json_each(${JSON.stringify(list)}))`;
}

/** The number of distinct canonical fandoms a work is tagged with (a crossover has two or more). */
const FANDOM_COUNT = sql`(select count(distinct coalesce(t.merger_id, t.id)) from taggings g
  join tags t on t.id = g.tag_id where g.work_id = w.id and t.type = 'fandom')`;

/**
 * How to reach the matching works: "walk" a sort index and test each work's tags (a page of a
 * large result), or "drive" from the rarest included tag's rows (small results, totals, counts).
 */
type Shape = "walk" | "drive";

/** Included tags, rarest first, and the share of all works the rarest holds. */
async function planInclude(db: DB, q: EngineQuery): Promise<{ include: number[]; share: number }> {
  const include = [...new Set(q.include ?? [])];
  if (include.length === 0) return { include, share: 1 };
  const rows = await sql<{ tag_id: number; n: number }>`select tag_id, n from filter_tag_counts
    where tag_id in (${sql.join(include)})`.execute(db);
  const count = new Map(rows.rows.map((r) => [Number(r.tag_id), Number(r.n)]));
  include.sort((a, b) => (count.get(a) ?? 0) - (count.get(b) ?? 0));
  const all = await sql<{ n: number }>`select max(id) as n from works`.execute(db);
  return { include, share: (count.get(include[0]!) ?? 0) / Math.max(1, Number(all.rows[0]?.n ?? 1)) };
}

/** `from … where …` of the works that match the query and that the viewer may see. */
function matching(
  q: EngineQuery,
  include: number[],
  pg: boolean,
  variant: SqlVariant,
  shape: Shape,
): RawBuilder<unknown> {
  const where: RawBuilder<unknown>[] = [sql`w.posted = 1`, sql`w.hidden_by_admin = 0`];
  if (!q.signedIn) where.push(sql`w.restricted = 0`);
  const exclude = [...new Set(q.exclude ?? [])];
  let from = sql`works w`;
  if (pg && variant === "arrays") {
    from = sql`works w join work_filter_tags a on a.work_id = w.id`;
    if (include.length) where.push(sql`a.tag_ids @> ${include}::int[]`);
    if (exclude.length) where.push(sql`not (a.tag_ids && ${exclude}::int[])`);
  } else {
    include.forEach((t, i) => {
      if (i === 0 && shape === "drive")
        where.push(sql`w.id in (select work_id from filter_taggings where tag_id = ${t})`);
      else
        where.push(sql`exists (select 1 from filter_taggings f where f.work_id = w.id and f.tag_id = ${t})`);
    });
    for (const t of exclude)
      where.push(
        sql`not exists (select 1 from filter_taggings f where f.work_id = w.id and f.tag_id = ${t})`,
      );
  }
  if (q.complete !== undefined) where.push(sql`w.complete = ${q.complete ? 1 : 0}`);
  if (q.crossover === "exclude") where.push(sql`${FANDOM_COUNT} <= 1`);
  if (q.crossover === "only") where.push(sql`${FANDOM_COUNT} > 1`);
  if (q.language !== undefined) where.push(sql`w.language = ${q.language}`);
  if (q.wordsFrom !== undefined) where.push(sql`w.word_count >= ${q.wordsFrom}`);
  if (q.wordsTo !== undefined) where.push(sql`w.word_count <= ${q.wordsTo}`);
  if (q.updatedFrom !== undefined) where.push(sql`w.updated_at >= ${q.updatedFrom}`);
  if (q.updatedTo !== undefined) where.push(sql`w.updated_at <= ${q.updatedTo}`);
  if (q.onlyIds) where.push(sql`w.id in ${idList(q.onlyIds, pg)}`);
  return sql`from ${from} where ${sql.join(where, sql` and `)}`;
}

/** The page alone: ids in order and the total. */
export async function sqlPage(db: DB, dialect: Dialect, q: EngineQuery, variant: SqlVariant = "arrays") {
  if (q.sort === "relevance") throw new Error("relevance order is the text search's, not SQL's");
  const pg = dialect === "postgres";
  const { include, share } = await planInclude(db, q);
  // Walking an index in key order visits about (offset + limit) / share works before the page is full.
  // With more than one included tag the result is far smaller than the rarest tag: drive from it.
  const walk =
    SORT_INDEXES.includes(SORT_COLUMN[q.sort] ?? "") &&
    include.length <= 1 &&
    (q.offset + q.limit) / share < 10_000;
  const m = matching(q, include, pg, variant, walk ? "walk" : "drive");
  const dir = sql.raw(q.direction === "asc" ? "asc" : "desc");
  const rows = await sql<{ id: number }>`select w.id ${m}
    order by ${sortExpression(q.sort, pg)} ${dir}, w.id ${dir} limit ${q.limit} offset ${q.offset}`.execute(
    db,
  );
  const counted = walk ? matching(q, include, pg, variant, "drive") : m;
  const total = await sql<{ n: number | string }>`select count(*) as n ${counted}`.execute(db);
  return { total: Number(total.rows[0]?.n ?? 0), ids: rows.rows.map((r) => Number(r.id)) };
}

/** The sidebar: the top `limit` filter tags of each type within the result, by count then id. */
export async function sqlFacets(db: DB, dialect: Dialect, q: EngineQuery, variant: SqlVariant = "arrays") {
  const pg = dialect === "postgres";
  const { include } = await planInclude(db, q);
  const m = matching(q, include, pg, variant, "drive");
  const counted =
    pg && variant === "arrays"
      ? sql`select x.tag_id, count(*) as n from (select a.tag_ids ${m}) r cross join unnest(r.tag_ids) as x(tag_id)
          group by x.tag_id`
      : sql`select f.tag_id, count(*) as n from (select w.id ${m}) r
          join filter_taggings f on f.work_id = r.id group by f.tag_id`;
  const limit = q.facetLimit ?? 10;
  const rows = await sql<{ tag_id: number; type: string; n: number | string }>`
    select tag_id, type, n from (
      select c.tag_id, t.type, c.n, row_number() over (partition by t.type order by c.n desc, c.tag_id) as rn
      from (${counted}) c join tags t on t.id = c.tag_id) ranked
    where rn <= ${limit}`.execute(db);
  const facets = Object.fromEntries(FACET_TYPES.map((t) => [t, [] as FacetCount[]])) as Record<
    FacetType,
    FacetCount[]
  >;
  for (const r of rows.rows)
    facets[r.type as FacetType]?.push({ tagId: Number(r.tag_id), count: Number(r.n) });
  for (const list of Object.values(facets)) list.sort((a, b) => b.count - a.count || a.tagId - b.tagId);
  return facets;
}

/** What `engine.query(q)` answers, computed by the database. */
export async function sqlQuery(
  db: DB,
  dialect: Dialect,
  q: EngineQuery,
  variant: SqlVariant = "arrays",
): Promise<EngineResult> {
  const page = await sqlPage(db, dialect, q, variant);
  if (!q.facets) return page;
  return { ...page, facets: await sqlFacets(db, dialect, q, variant) };
}
