// Bulk reads as arrays of column values, for loads of millions of rows (the tag engine's build):
// row objects cost more than the reading itself. Queries are still written once with Kysely and
// compiled for the connection's dialect; only running them differs here.

import type SQLite from "better-sqlite3";
import type { Compilable, Kysely } from "kysely";
import type pg from "pg";

type Reader = (sql: string, parameters: readonly unknown[], visit: (row: unknown[]) => void) => Promise<void>;

// biome-ignore lint/suspicious/noExplicitAny: keyed by any Kysely instance, whatever its schema
const readers = new WeakMap<Kysely<any>, Reader>();

/** Lets `eachArray` read through a better-sqlite3 handle that the Kysely instance wraps. */
// biome-ignore lint/suspicious/noExplicitAny: see above
export function registerSqliteReader(db: Kysely<any>, sqlite: SQLite.Database): void {
  readers.set(db, async (sql, parameters, visit) => {
    // all() rather than iterate(): one call into SQLite for the lot reads far faster than a call a row.
    const rows = sqlite
      .prepare(sql)
      .raw(true)
      .all(...parameters) as unknown[][];
    for (const row of rows) visit(row);
  });
}

/** Lets `eachArray` read through the pg pool that the Kysely instance wraps. */
// biome-ignore lint/suspicious/noExplicitAny: see above
export function registerPostgresReader(db: Kysely<any>, pool: pg.Pool): void {
  readers.set(db, async (sql, parameters, visit) => {
    const result = await pool.query({ text: sql, values: [...parameters], rowMode: "array" });
    for (const row of result.rows as unknown[][]) visit(row);
  });
}

/**
 * Visits the rows of a select as arrays, columns in the order selected. Falls back to Kysely's
 * row objects on a connection opened elsewhere.
 */
export async function eachArray(
  // biome-ignore lint/suspicious/noExplicitAny: see above
  db: Kysely<any>,
  query: Compilable<unknown>,
  visit: (row: unknown[]) => void,
): Promise<void> {
  const compiled = query.compile();
  const read = readers.get(db);
  if (read) return read(compiled.sql, compiled.parameters, visit);
  const result = await db.executeQuery(compiled);
  for (const r of result.rows as Record<string, unknown>[]) visit(Object.values(r));
}

/** The rows of a select as arrays, columns in the order selected. */
// biome-ignore lint/suspicious/noExplicitAny: see above
export async function selectArrays(db: Kysely<any>, query: Compilable<unknown>): Promise<unknown[][]> {
  const rows: unknown[][] = [];
  await eachArray(db, query, (row) => rows.push(row));
  return rows;
}
