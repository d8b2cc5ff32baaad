// TextSearch on SQLite FTS5: works_fts (title, meta, text) and chapters_fts (body), contentless
// tables whose rowid is the work's or the chapter's id.
import { type Kysely, type RawBuilder, sql } from "kysely";
import { listableSql } from "../core/work/queries";
import { idList } from "../db/lists";
import type { Database } from "../db/types";
import { parseSearchQuery, type SearchQuery, searchLimit, toFts5, toFts5Excluded } from "./syntax";
import type { CandidateOptions, TextSearch, TextSearchOptions } from "./textsearch";

/** bm25 weights of works_fts's columns, in the ratio of PostgreSQL's A, B and C weights. */
const WORKS_RANK = sql`bm25(works_fts, 5, 2, 1)`;

export class SqliteTextSearch implements TextSearch {
  constructor(private readonly db: Kysely<Database>) {}

  async search(query: string, opts: TextSearchOptions): Promise<number[]> {
    const parsed = parseSearchQuery(query);
    const limit = searchLimit(opts.limit);
    if (!parsed || limit === 0) return [];
    if (opts.scope === "works") {
      const { rows } = await sql<{ id: number }>`
        select w.id from works_fts join works w on w.id = works_fts.rowid
        where works_fts match ${toFts5(parsed)} and ${listableSql("w")}
        order by ${WORKS_RANK}, w.id desc
        limit ${limit}`.execute(this.db);
      return rows.map((r) => r.id);
    }
    const { rows } = await sql<{ id: number }>`
      select c.work_id as id from chapters_fts
      join chapters c on c.id = chapters_fts.rowid join works w on w.id = c.work_id
      where chapters_fts match ${toFts5(parsed, false)} and c.posted = 1 and ${listableSql("w")}
        ${notExcluded(parsed)}
      group by c.work_id order by min(chapters_fts.rank), c.work_id desc
      limit ${limit}`.execute(this.db);
    return rows.map((r) => r.id);
  }

  async candidates(query: string, opts: CandidateOptions): Promise<Uint32Array> {
    const parsed = parseSearchQuery(query);
    if (!parsed) return new Uint32Array(0);
    // One JSON array for the lot: a row per id costs more than the match itself. Without the works
    // table, drafts and hidden works may come back (the contract allows it; reading each hit's
    // row is most of `search`'s cost). An outer aggregate keeps its subquery's ORDER BY.
    let ids: RawBuilder<{ ids: string | null }>;
    if (opts.scope === "works") {
      ids = opts.ranked
        ? sql`select json_group_array(id) as ids from (select rowid as id from works_fts
            where works_fts match ${toFts5(parsed)} order by ${WORKS_RANK}, rowid desc)`
        : sql`select json_group_array(rowid) as ids from works_fts where works_fts match ${toFts5(parsed)}`;
    } else {
      const matching = sql`from chapters_fts join chapters c on c.id = chapters_fts.rowid
        where chapters_fts match ${toFts5(parsed, false)} and c.posted = 1 ${notExcluded(parsed)}`;
      ids = opts.ranked
        ? sql`select json_group_array(id) as ids from (select c.work_id as id ${matching}
            group by c.work_id order by min(chapters_fts.rank), c.work_id desc)`
        : sql`select json_group_array(c.work_id) as ids ${matching}`;
    }
    const { rows } = await ids.execute(this.db);
    return idList(rows[0]?.ids);
  }

  async optimize(): Promise<void> {
    await sql`insert into works_fts(works_fts) values ('optimize')`.execute(this.db);
    await sql`insert into chapters_fts(chapters_fts) values ('optimize')`.execute(this.db);
  }
}

/**
 * A chapter-level NOT would keep a work through its other chapters: exclusions apply to the whole
 * work instead, through any of its posted chapters.
 */
function notExcluded(parsed: SearchQuery) {
  const excluded = toFts5Excluded(parsed);
  return excluded
    ? sql`and c.work_id not in (select x.work_id from chapters_fts(${excluded}) f
        join chapters x on x.id = f.rowid where x.posted = 1)`
    : sql``;
}
