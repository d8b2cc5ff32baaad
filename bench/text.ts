// The text part of query (d): the archive's full-text search when src/search/ is there (SQLite
// FTS5 for the engine and for SQLite, tsvector for PostgreSQL), else a LIKE over title_sort on
// every target, so that the comparison stays fair either way.
import { type Kysely, sql } from "kysely";
import type { Dialect } from "../src/db/connection";
import type { Database } from "../src/db/types";
import { optionalModule } from "./open";
import { TITLE_WORDS } from "./words";

export interface TextSearches {
  mode: "fts" | "like";
  word: string;
  /**
   * Ids of the works matching `word`, searched in the given database, uncapped and in no
   * particular order: what a listing sorted by anything but best match asks for. Each target
   * then applies its own visibility rules to them (the engine holds listable works only; the SQL
   * baselines test posted, hidden and restricted as for any listing).
   */
  ids(dialect: Dialect, word: string): Promise<Iterable<number>>;
}

interface SearchModule {
  makeTextSearch(
    db: Kysely<Database>,
    dialect: Dialect,
  ): { candidates(query: string, opts: { scope: "works" }): Promise<Uint32Array> };
}

/** `postgres` is left out when the run has no PostgreSQL; its searches are then never asked for. */
export async function textSearches(
  sqlite: Kysely<Database>,
  postgres: Kysely<Database> | undefined,
): Promise<TextSearches> {
  const word = TITLE_WORDS[40]!;
  const dbs = { sqlite, postgres };
  const need = <T>(x: T | undefined): T => {
    if (x === undefined) throw new Error("this run has no PostgreSQL database");
    return x;
  };
  const mod = await optionalModule<SearchModule>("src/search/textsearch.ts");
  if (mod) {
    const searches = {
      sqlite: mod.makeTextSearch(sqlite, "sqlite"),
      postgres: postgres && mod.makeTextSearch(postgres, "postgres"),
    };
    return { mode: "fts", word, ids: (d, w) => need(searches[d]).candidates(w, { scope: "works" }) };
  }
  return {
    mode: "like",
    word,
    ids: async (d, w) => {
      const rows = await sql<{ id: number }>`select id from works where title_sort like ${`%${w}%`}`.execute(
        need(dbs[d]),
      );
      return rows.rows.map((r) => r.id);
    },
  };
}
