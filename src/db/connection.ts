import { mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import SQLite from "better-sqlite3";
import { Kysely, PostgresDialect, type SqliteDatabase, SqliteDialect } from "kysely";
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
  const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: keepingStatements(sqlite) }) });
  registerSqliteReader(db, sqlite);
  return { db, dialect: "sqlite", close: () => db.destroy() };
}

/** How many compiled statements a SQLite connection keeps. */
const KEPT_STATEMENTS = 500;

/**
 * The connection as Kysely sees it, keeping compiled statements by their SQL: Kysely prepares
 * every query afresh, and compiling was 4% of a listing's CPU. Values are parameters, so the
 * archive's queries are a few hundred distinct texts. Kysely runs one query at a time on the
 * connection (a stream or a transaction holds it), so a kept statement is never busy twice.
 */
function keepingStatements(sqlite: SQLite.Database): SqliteDatabase {
  const kept = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let statement = kept.get(sql);
      if (statement) kept.delete(sql);
      else statement = sqlite.prepare(sql);
      // Most recently used last: the first is the one to drop.
      kept.set(sql, statement);
      if (kept.size > KEPT_STATEMENTS) kept.delete(kept.keys().next().value!);
      return statement;
    },
  };
}

export function openPostgres(url: string): Db {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  // An idle connection that the server drops (a restart, an administrator) is reported here; the
  // pool opens a new one when needed. Unheard, the error would stop the process.
  pool.on("error", (err) => console.error(`PostgreSQL dropped an idle connection: ${err.message}`));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: "postgres", close: () => db.destroy() };
}
