// TextSearch on SQLite FTS5: works_fts (title, meta, text) and chapters_fts (body), contentless
// tables whose rowid is the work's or the chapter's id.
import { type Kysely, sql } from "kysely";
import type { Database } from "../db/types";
import { parseSearchQuery, searchLimit, toFts5, toFts5Excluded } from "./syntax";
import type { TextSearch, TextSearchOptions } from "./textsearch";

/** bm25 weights of works_fts's columns, in the ratio of PostgreSQL's A, B and C weights. */
const TITLE = 5;
const META = 2;
const TEXT = 1;

export class SqliteTextSearch implements TextSearch {
  constructor(private readonly db: Kysely<Database>) {}

  async search(query: string, opts: TextSearchOptions): Promise<number[]> {
    const parsed = parseSearchQuery(query);
    const limit = searchLimit(opts.limit);
    if (!parsed || limit === 0) return [];
    if (opts.scope === "works") {
      const { rows } = await sql<{ id: number }>`
        select w.id from works_fts join works w on w.id = works_fts.rowid
        where works_fts match ${toFts5(parsed)} and w.posted = 1 and w.hidden_by_admin = 0
        order by bm25(works_fts, ${sql.lit(TITLE)}, ${sql.lit(META)}, ${sql.lit(TEXT)}), w.id desc
        limit ${limit}`.execute(this.db);
      return rows.map((r) => r.id);
    }
    const excluded = toFts5Excluded(parsed);
    // A chapter-level NOT would keep a work through its other chapters: exclusions apply to the
    // whole work instead.
    const notExcluded = excluded
      ? sql`and c.work_id not in (select x.work_id from chapters_fts(${excluded}) f
          join chapters x on x.id = f.rowid where x.posted = 1)`
      : sql``;
    const { rows } = await sql<{ id: number }>`
      select c.work_id as id from chapters_fts
      join chapters c on c.id = chapters_fts.rowid join works w on w.id = c.work_id
      where chapters_fts match ${toFts5(parsed, false)} and c.posted = 1 and w.posted = 1
        and w.hidden_by_admin = 0 ${notExcluded}
      group by c.work_id order by min(chapters_fts.rank), c.work_id desc
      limit ${limit}`.execute(this.db);
    return rows.map((r) => r.id);
  }
}
