// TextSearch on PostgreSQL: generated tsvector columns works.search_vector (title A, tags and
// creators B, summary and notes C) and chapters.search_vector, with GIN indexes.
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/types";
import { parseSearchQuery, searchLimit, toTsquery, toTsqueryExcluded } from "./syntax";
import type { TextSearch, TextSearchOptions } from "./textsearch";

/** ts_rank normalization 1: divide by 1 + log(length), so long texts do not win by size alone. */
const NORMALIZATION = 1;

export class PostgresTextSearch implements TextSearch {
  constructor(private readonly db: Kysely<Database>) {}

  async search(query: string, opts: TextSearchOptions): Promise<number[]> {
    const parsed = parseSearchQuery(query);
    const limit = searchLimit(opts.limit);
    if (!parsed || limit === 0) return [];
    if (opts.scope === "works") {
      const { rows } = await sql<{ id: number }>`
        select w.id from works w, to_tsquery('quire_search', ${toTsquery(parsed)}) q
        where w.search_vector @@ q and w.posted = 1 and w.hidden_by_admin = 0
        order by ts_rank(w.search_vector, q, ${sql.lit(NORMALIZATION)}) desc, w.id desc
        limit ${limit}`.execute(this.db);
      return rows.map((r) => r.id);
    }
    const excluded = toTsqueryExcluded(parsed);
    // Exclusions apply to the whole work, as on SQLite.
    const notExcluded = excluded
      ? sql`and not exists (select 1 from chapters x where x.work_id = c.work_id and x.posted = 1
          and x.search_vector @@ to_tsquery('quire_search', ${excluded}))`
      : sql``;
    const { rows } = await sql<{ id: number }>`
      select c.work_id as id from chapters c join works w on w.id = c.work_id,
        to_tsquery('quire_search', ${toTsquery(parsed, false)}) q
      where c.search_vector @@ q and c.posted = 1 and w.posted = 1 and w.hidden_by_admin = 0
        ${notExcluded}
      group by c.work_id
      order by max(ts_rank(c.search_vector, q, ${sql.lit(NORMALIZATION)})) desc, c.work_id desc
      limit ${limit}`.execute(this.db);
    return rows.map((r) => r.id);
  }
}
