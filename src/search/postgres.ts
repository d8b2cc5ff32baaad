// TextSearch on PostgreSQL: generated tsvector columns works.search_vector (title A, tags and
// creators B, summary and notes C) and chapters.search_vector, with GIN indexes.
import { type Kysely, type RawBuilder, sql } from "kysely";
import { listableSql } from "../core/work/queries";
import { idList } from "../db/lists";
import type { Database } from "../db/types";
import { parseSearchQuery, type SearchQuery, searchLimit, toTsquery, toTsqueryExcluded } from "./syntax";
import type { CandidateOptions, TextSearch, TextSearchOptions } from "./textsearch";

/** ts_rank normalization 1: divide by 1 + log(length), so long texts do not win by size alone. */
const NORMALIZATION = 1;

const tsquery = (text: string) => sql`to_tsquery('quire_search', ${text})`;
const rank = (vector: RawBuilder<unknown>) => sql`ts_rank(${vector}, q, ${sql.lit(NORMALIZATION)})`;

export class PostgresTextSearch implements TextSearch {
  constructor(private readonly db: Kysely<Database>) {}

  async search(query: string, opts: TextSearchOptions): Promise<number[]> {
    const parsed = parseSearchQuery(query);
    const limit = searchLimit(opts.limit);
    if (!parsed || limit === 0) return [];
    if (opts.scope === "works") {
      const { rows } = await sql<{ id: number }>`
        select w.id from works w, ${tsquery(toTsquery(parsed))} q
        where w.search_vector @@ q and ${listableSql("w")}
        order by ${rank(sql`w.search_vector`)} desc, w.id desc
        limit ${limit}`.execute(this.db);
      return rows.map((r) => r.id);
    }
    const { rows } = await sql<{ id: number }>`
      select c.work_id as id from chapters c join works w on w.id = c.work_id,
        ${tsquery(toTsquery(parsed, false))} q
      where c.search_vector @@ q and c.posted = 1 and ${listableSql("w")}
        ${notExcluded(parsed)}
      group by c.work_id
      order by max(${rank(sql`c.search_vector`)}) desc, c.work_id desc
      limit ${limit}`.execute(this.db);
    return rows.map((r) => r.id);
  }

  async candidates(query: string, opts: CandidateOptions): Promise<Uint32Array> {
    const parsed = parseSearchQuery(query);
    if (!parsed) return new Uint32Array(0);
    // One JSON array for the lot, as on SQLite (as text: idList reads it). The works scope keeps
    // its posted and hidden tests: the heap rows are read for the ids anyway, so they cost nothing.
    let ids: RawBuilder<{ ids: string | null }>;
    if (opts.scope === "works") {
      const matching = sql`from works w, ${tsquery(toTsquery(parsed))} q
        where w.search_vector @@ q and ${listableSql("w")}`;
      ids = opts.ranked
        ? sql`select json_agg(id order by r desc, id desc)::text as ids
            from (select w.id, ${rank(sql`w.search_vector`)} as r ${matching}) hits`
        : sql`select json_agg(w.id)::text as ids ${matching}`;
    } else {
      const matching = sql`from chapters c, ${tsquery(toTsquery(parsed, false))} q
        where c.search_vector @@ q and c.posted = 1 ${notExcluded(parsed)}`;
      ids = opts.ranked
        ? sql`select json_agg(id order by r desc, id desc)::text as ids
            from (select c.work_id as id, max(${rank(sql`c.search_vector`)}) as r ${matching}
              group by c.work_id) hits`
        : sql`select json_agg(c.work_id)::text as ids ${matching}`;
    }
    const { rows } = await ids.execute(this.db);
    return idList(rows[0]?.ids);
  }

  async optimize(): Promise<void> {
    // GIN indexes are merged by PostgreSQL itself (its pending list, at vacuum): nothing to do.
  }
}

/** Exclusions apply to the whole work, through any of its posted chapters, as on SQLite. */
function notExcluded(parsed: SearchQuery) {
  const excluded = toTsqueryExcluded(parsed);
  return excluded
    ? sql`and not exists (select 1 from chapters x where x.work_id = c.work_id and x.posted = 1
        and x.search_vector @@ ${tsquery(excluded)})`
    : sql``;
}
