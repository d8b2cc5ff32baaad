// Bulk reads as arrays of column values, for loads of millions of rows (the tag engine's build):
// row objects cost more than the reading itself. Queries are still written once with Kysely and
// compiled for the connection's dialect; only running them differs here.

import type SQLite from "better-sqlite3";
import type { Compilable, Kysely } from "kysely";
import type pg from "pg";

type Reader = (sql: string, parameters: readonly unknown[]) => Promise<unknown[][]>;

// biome-ignore lint/suspicious/noExplicitAny: keyed by any Kysely instance, whatever its schema
const readers = new WeakMap<Kysely<any>, Reader>();

/** Lets `selectArrays` read through a better-sqlite3 handle that the Kysely instance wraps. */
// biome-ignore lint/suspicious/noExplicitAny: see above
export function registerSqliteReader(db: Kysely<any>, sqlite: SQLite.Database): void {
  readers.set(
    db,
    async (sql, parameters) =>
      sqlite
        .prepare(sql)
        .raw(true)
        .all(...parameters) as unknown[][],
  );
}

/** Lets `selectArrays` read through the pg pool that the Kysely instance wraps. */
// biome-ignore lint/suspicious/noExplicitAny: see above
export function registerPostgresReader(db: Kysely<any>, pool: pg.Pool): void {
  readers.set(db, async (sql, parameters) => {
    const result = await pool.query({ text: sql, values: [...parameters], rowMode: "array" });
    return result.rows as unknown[][];
  });
}

/**
 * The rows of a select as arrays, columns in the order selected. Falls back to Kysely's row
 * objects on a connection opened elsewhere.
 */
// biome-ignore lint/suspicious/noExplicitAny: see above
export async function selectArrays(db: Kysely<any>, query: Compilable<unknown>): Promise<unknown[][]> {
  const compiled = query.compile();
  const read = readers.get(db);
  if (read) return read(compiled.sql, compiled.parameters);
  const result = await db.executeQuery(compiled);
  return (result.rows as Record<string, unknown>[]).map((r) => Object.values(r));
}
