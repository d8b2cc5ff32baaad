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
  return openSqlite(opts.sqlitePath ?? sqlitePathOf(opts.dataDir ?? "data"));
}

/** The archive's SQLite file in a data directory. */
export function sqlitePathOf(dataDir: string): string {
  return join(dataDir, "quire.sqlite");
}

export function openSqlite(path: string): Db {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  // WAL with synchronous=FULL: a write that answered success survives a crash.
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

/** How long a request waits for a PostgreSQL connection (a new one, or a free one of the pool). */
export const PG_CONNECT_TIMEOUT_MS = 5000;

export function openPostgres(url: string): Db {
  // While the server is away (a restart, a crash), a request must get its error page within
  // seconds instead of waiting: a refused connection fails at once, and one that hangs (a host
  // that stopped answering), or a wait for a free connection, gives up after the timeout. The
  // pool opens new connections by itself once the server is back. Keep-alive notices a peer that
  // vanished without closing the connection.
  const pool = new pg.Pool({
    connectionString: url,
    max: 10,
    connectionTimeoutMillis: PG_CONNECT_TIMEOUT_MS,
    keepAlive: true,
  });
  // An idle connection that the server drops is reported by the pool (unheard, the error would
  // stop the process); the pool then forgets it.
  pool.on("error", (err) => console.error(`PostgreSQL dropped an idle connection: ${err.message}`));
  // A connection in use, but between two queries (a transaction waiting on a word count), has no
  // listener of the pool's: the server going away then would be an unhandled error that stops the
  // process. The query that follows fails instead, and the pool discards the connection on release.
  pool.on("connect", (client) => client.on("error", () => {}));
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: "postgres", close: () => db.destroy() };
}

/** SQLSTATE classes and codes that say the server cannot be reached or is going away. */
const PG_UNAVAILABLE = /^(08|57P0[1-4]|53300)/;
const NET_UNAVAILABLE = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "ETIMEDOUT",
  "EPIPE",
  "ENOTFOUND",
  "EHOSTUNREACH",
]);

/**
 * Whether an error says the database is away (PostgreSQL restarting or unreachable, the pool
 * unable to connect, SQLite's file locked past its busy timeout) rather than that a query is
 * wrong: the request is answered 503, and can be tried again.
 */
export function isDatabaseUnavailable(err: unknown): boolean {
  if (!(err instanceof Error)) return false;
  const code = (err as { code?: unknown }).code;
  if (typeof code === "string" && (PG_UNAVAILABLE.test(code) || NET_UNAVAILABLE.has(code))) return true;
  if (code === "SQLITE_BUSY" || code === "SQLITE_BUSY_SNAPSHOT") return true;
  // The pool's and the client's own errors carry no code.
  return /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error and is not queryable|Client was closed and is not queryable)/.test(
    err.message,
  );
}
