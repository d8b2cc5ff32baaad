import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, SqliteDialect } from "kysely";
import pg from "pg";
import { searchableText } from "../search/normalize";
import { registerSqliteReader } from "./bulk";
import type { Database } from "./types";

export type Dialect = "sqlite" | "postgres";

export interface Db {
  db: Kysely<Database>;
  dialect: Dialect;
  close(): Promise<void>;
}

// PostgreSQL int8 (bigint times, count(*)) as JavaScript numbers: all our values fit in 2^53.
pg.types.setTypeParser(20, (v) => Number.parseInt(v, 10));

export function isPostgresUrl(url: string | undefined): url is string {
  return !!url && /^postgres(ql)?:\/\//.test(url);
}

/** Opens the archive's database: PostgreSQL for a `postgres://` URL, otherwise a SQLite file. */
export function openDatabase(opts: { databaseUrl?: string; sqlitePath?: string; dataDir?: string }): Db {
  if (isPostgresUrl(opts.databaseUrl)) return openPostgres(opts.databaseUrl);
  const path = opts.sqlitePath ?? join(opts.dataDir ?? "data", "quire.sqlite");
  return openSqlite(path);
}

export function openSqlite(path: string): Db {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  // WAL with synchronous=FULL: a write that answered success survives a crash (DESIGN §5).
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("synchronous = FULL");
  sqlite.pragma("foreign_keys = ON");
  sqlite.pragma("busy_timeout = 5000");
  // The full-text triggers call it (SQLite has no regular expressions to strip HTML with), so
  // every connection that writes works or chapters must have it.
  sqlite.function("search_text", { deterministic: true }, (value, isHtml) =>
    searchableText(value == null ? "" : String(value), Number(isHtml) === 1),
  );
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
  registerSqliteReader(db, sqlite);
  return { db, dialect: "sqlite", close: () => db.destroy() };
}

export function openPostgres(url: string): Db {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection that the server drops (a restart, an administrator) is reported here; the
  // pool opens a new one when needed. Unheard, the error would stop the process.
  pool.on("error", (err) => console.error(`PostgreSQL dropped an idle connection: ${err.message}`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: "postgres", close: () => db.destroy() };
}
