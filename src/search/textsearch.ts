// Full-text search of works, behind one interface with a provider per database. The indexes are
// kept current by the database itself (migration 20261127020000_text_search); this module only
// reads them.
//
// Where the engines differ, by what each can do:
// - accents: both fold Latin-script accents (é = e); PostgreSQL's unaccent also expands ß, æ, œ
//   (ß = ss), SQLite leaves them; a PostgreSQL server without unaccent keeps accents apart;
// - ranking: BM25 and ts_rank agree on clear cases (a title match above a passing mention),
//   not always on close ones;
// - PostgreSQL records at most 256 positions per word and none past the 16,383rd word of a
//   chapter, so a phrase (or a CJK run) deep inside a very long chapter can be missed there;
// - case folding beyond ASCII needs a UTF-8 ctype on PostgreSQL (the usual C.UTF-8 or xx_XX.UTF-8).
import type { Kysely } from "kysely";
import type { Dialect } from "../db/connection";
import type { Database } from "../db/types";
import { PostgresTextSearch } from "./postgres";
import { SqliteTextSearch } from "./sqlite";

export { DEFAULT_LIMIT } from "./syntax";

export type TextSearchScope = "works" | "chapters";

export interface TextSearchOptions {
  /**
   * "works": title, summary, notes, end notes, tag names, and creators' pseud names and logins
   * (never those of an anonymous work). "chapters": the text of posted chapters.
   */
  scope: TextSearchScope;
  /** At most this many ids; DEFAULT_LIMIT when absent. */
  limit?: number;
}

export interface CandidateOptions {
  scope: TextSearchScope;
  /** Best match first: costs the ranking of every hit, so ask only when that order is shown. */
  ranked?: boolean;
}

export interface TextSearch {
  /**
   * Ids of the works matching a reader's query, best match first (BM25 on SQLite, ts_rank on
   * PostgreSQL), each work once. Syntax (see syntax.ts): words are ANDed, `"a phrase"`, `word*`
   * prefix, `-word` excludes, `OR` between terms; case and accents do not count (accents: only
   * where PostgreSQL has unaccent), any substring of Chinese or Japanese text is found. An empty
   * query, or one with nothing but exclusions, finds nothing.
   *
   * Only posted works that no admin hid are returned, but restricted ones ARE: the caller
   * intersects the ids with what the viewer may see (visibleWorks / the tag engine). In the
   * chapters scope a work matches when one of its posted chapters holds every wanted term, and is
   * left out when any posted chapter holds an excluded one.
   */
  search(query: string, opts: TextSearchOptions): Promise<number[]>;

  /**
   * Every work matching a reader's query, uncapped, with the same syntax and matching as
   * `search`. It exists only to narrow the tag engine's result, and is cheaper than `search`
   * because it MAY include works that no reader may list: drafts and works an admin hid (SQLite
   * reads the works scope from its index alone, without the works table). The tag engine holds
   * listable works only, so intersecting with it is what keeps the visibility rules: never list
   * these ids without that intersection.
   *
   * In no particular order, and a work may come more than once; with `ranked`, best match first
   * as in `search`, each work once. In the chapters scope only posted chapters match, and an
   * excluded term in any posted chapter rules the whole work out, as in `search`.
   */
  candidates(query: string, opts: CandidateOptions): Promise<Uint32Array>;

  /**
   * Merges the full-text indexes into as few parts as they can be, which makes every search a
   * little faster (a common word at 1M works: 3.4 -> 2.5 ms on SQLite). Worth running after a
   * bulk import. SQLite rewrites its FTS5 indexes (seconds for a million works, longer with much
   * chapter text); PostgreSQL's GIN indexes need nothing beyond its own vacuuming.
   */
  optimize(): Promise<void>;
}

export function makeTextSearch(db: Kysely<Database>, dialect: Dialect): TextSearch {
  return dialect === "postgres" ? new PostgresTextSearch(db) : new SqliteTextSearch(db);
}
