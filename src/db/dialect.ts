// The few places where SQLite and PostgreSQL differ. Feature code calls these helpers and never
// branches on the dialect itself.
import { type Kysely, PostgresAdapter, type RawBuilder, sql } from "kysely";
import type { Dialect } from "./connection";

/** Whether an error is a unique-constraint violation, as SQLite and PostgreSQL each report it. */
export function isUniqueViolation(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_UNIQUE";
}

/** The dialect a Kysely instance speaks, for code that is handed only the instance. */
// biome-ignore lint/suspicious/noExplicitAny: any schema
export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/**
 * Orders text by code point (the order of its UTF-8 bytes): SQLite's default BINARY collation,
 * PostgreSQL's "C" (its default collation follows the locale instead).
 */
export function byCodePoint(dialect: Dialect, column: RawBuilder<unknown>): RawBuilder<unknown> {
  return dialect === "postgres" ? sql`${column} collate "C"` : column;
}

/**
 * Locks the rows a select reads until the transaction ends: `FOR UPDATE` on PostgreSQL, where two
 * transactions could otherwise each decide on what the other is about to change. SQLite needs no
 * lock: one connection runs one transaction at a time, and a transaction of another connection
 * that read before a commit fails when it comes to write.
 */
export function lockingRows<Q extends { forUpdate(): Q }>(dialect: Dialect, query: Q): Q {
  return dialect === "postgres" ? query.forUpdate() : query;
}
