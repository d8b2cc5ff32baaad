// Opening the benchmark's databases: a SQLite file under bench/.corpus/ and PostgreSQL.
import { existsSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import SQLite from "better-sqlite3";
import { Kysely, SqliteDialect } from "kysely";
import { registerSqliteReader } from "../src/db/bulk";
import type { Database } from "../src/db/types";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const CORPUS_DIR = join(ROOT, "bench", ".corpus");

/** A module of the application that may not exist yet (another part of the archive builds it). */
export async function optionalModule<T>(relative: string): Promise<T | null> {
  const path = join(ROOT, relative);
  if (!existsSync(path)) return null;
  return (await import(path)) as T;
}

export interface BenchSqlite {
  raw: SQLite.Database;
  db: Kysely<Database>;
  close(): Promise<void>;
}

/**
 * A SQLite connection kept by the benchmark itself (the raw handle is needed for bulk loads), set
 * up like the archive's own: WAL, foreign keys, and the `search_text` function that the
 * full-text triggers call, when the search module is there.
 */
export async function openBenchSqlite(path: string, opts = { bigCache: true }): Promise<BenchSqlite> {
  mkdirSync(dirname(path), { recursive: true });
  const raw = new SQLite(path);
  raw.pragma("journal_mode = WAL");
  raw.pragma("foreign_keys = ON");
  if (opts.bigCache) {
    // The SQL baseline gets the memory a dedicated database would have.
    raw.pragma("cache_size = -1000000");
    raw.pragma("mmap_size = 8000000000");
  }
  const normalize = await optionalModule<{ searchableText(v: string, html: boolean): string }>(
    "src/search/normalize.ts",
  );
  if (normalize)
    raw.function("search_text", { deterministic: true }, (value, isHtml) =>
      normalize.searchableText(value == null ? "" : String(value), Number(isHtml) === 1),
    );
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: raw }) });
  registerSqliteReader(db, raw);
  return { raw, db, close: () => db.destroy() };
}
