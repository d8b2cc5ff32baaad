// What the index build needs to know about a connection beyond Kysely: the SQLite file behind it,
// so that worker threads can read the same database through connections of their own.
import type SQLite from "better-sqlite3";
import type { Kysely } from "kysely";

// biome-ignore lint/suspicious/noExplicitAny: keyed by any Kysely instance, whatever its schema
const sqliteFiles = new WeakMap<Kysely<any>, string>();

/** Records the SQLite handle that a Kysely instance wraps (in-memory databases are not shared). */
// biome-ignore lint/suspicious/noExplicitAny: see above
export function registerSqliteReader(db: Kysely<any>, sqlite: SQLite.Database): void {
  if (!sqlite.memory && sqlite.name !== "") sqliteFiles.set(db, sqlite.name);
}

/** The file of the SQLite database that `db` reads, if it is one opened by this archive. */
// biome-ignore lint/suspicious/noExplicitAny: see above
export function sqliteFileOf(db: Kysely<any>): string | null {
  return sqliteFiles.get(db) ?? null;
}
