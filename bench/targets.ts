// The benchmark's two databases holding the same generated corpus, generated once and reused.
import { spawn } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { join } from "node:path";
import { type Kysely, sql } from "kysely";
import { openPostgres } from "../src/db/connection";
import { migrateToLatest } from "../src/db/migrate";
import type { Database } from "../src/db/types";
import { makeTextSearch } from "../src/search/textsearch";
import type { CorpusOptions } from "./corpus";
import { hasCorpus, markerValue, writeCorpus, writeSqliteCorpus } from "./load";
import { type BenchSqlite, CORPUS_DIR, openBenchSqlite } from "./open";
import { benchDatabase } from "./postgres";
import { Progress } from "./progress";
import { prepareSql } from "./sql";

const filtersMarker = (opts: CorpusOptions) => `${markerValue(opts)} filters 1`;

function say(text: string): void {
  process.stderr.write(`${text}\n`);
}

/** The SQLite corpus file for these options, generated unless a complete one is there. */
export async function sqliteCorpus(opts: CorpusOptions, progress: Progress): Promise<BenchSqlite> {
  const path = sqliteCorpusPath(opts);
  if (existsSync(path)) {
    const s = await openBenchSqlite(path);
    if (await hasCorpus(s.db, opts)) {
      say(`sqlite: reusing ${path}`);
      await prepareSql(s.db, "sqlite", filtersMarker(opts));
      return s;
    }
    await s.close();
  }
  for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
  const s = await openBenchSqlite(path);
  await migrateToLatest(s.db);
  const label = "sqlite";
  await writeSqliteCorpus(s.raw, s.db, opts, progress.start(label, opts.works));
  progress.end(label);
  // What an archive does after a bulk import (`npm run quire -- optimize-search`), as PostgreSQL's
  // corpus gets its vacuum below.
  const merged = performance.now();
  await makeTextSearch(s.db, "sqlite").optimize();
  say(`sqlite: full-text indexes merged in ${((performance.now() - merged) / 1000).toFixed(1)} s`);
  const t = performance.now();
  await prepareSql(s.db, "sqlite", filtersMarker(opts));
  say(`sqlite: filter tables and indexes in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return s;
}

export interface BenchPostgres {
  db: Kysely<Database>;
  close(): Promise<void>;
}

/** The PostgreSQL corpus database on the server of `serverUrl`, generated unless complete. */
export async function postgresCorpus(
  serverUrl: string,
  opts: CorpusOptions,
  progress: Progress,
): Promise<BenchPostgres> {
  const name = `quire_bench_${opts.works}_s${opts.seed}`;
  let conn = openPostgres(await benchDatabase(serverUrl, name, false));
  if (await hasCorpus(conn.db, opts)) {
    say(`postgres: reusing database ${name}`);
    await prepareSql(conn.db, "postgres", filtersMarker(opts));
    return conn;
  }
  await conn.close();
  conn = openPostgres(await benchDatabase(serverUrl, name, true));
  await migrateToLatest(conn.db);
  const label = "postgres";
  await writeCorpus(conn.db, "postgres", { ...opts, batch: 10_000 }, progress.start(label, opts.works), true);
  progress.end(label);
  const t = performance.now();
  await prepareSql(conn.db, "postgres", filtersMarker(opts));
  await sql`vacuum analyze`.execute(conn.db);
  say(`postgres: filter tables and indexes in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  return conn;
}

export function sqliteCorpusPath(opts: CorpusOptions): string {
  return join(CORPUS_DIR, `works-${opts.works}-seed-${opts.seed}.sqlite`);
}

/**
 * Both corpora, generated side by side when missing: SQLite in a child process (its writes are
 * synchronous and would starve the PostgreSQL load's round trips), PostgreSQL in this one.
 */
export async function bothCorpora(serverUrl: string, opts: CorpusOptions) {
  const child = spawn(
    process.execPath,
    [
      ...process.execArgv,
      process.argv[1]!,
      "corpus",
      "--only",
      "sqlite",
      "--works",
      `${opts.works}`,
      "--seed",
      `${opts.seed}`,
    ],
    { stdio: ["ignore", "inherit", "inherit"] },
  );
  const done = new Promise<void>((resolve, reject) =>
    child.on("exit", (code) =>
      code === 0 ? resolve() : reject(new Error(`SQLite corpus load failed (${code})`)),
    ),
  );
  const postgres = await postgresCorpus(serverUrl, opts, new Progress());
  await done;
  const sqlite = await sqliteCorpus(opts, new Progress());
  return {
    sqlite,
    postgres,
    close: async () => {
      await sqlite.close();
      await postgres.close();
    },
  };
}

/** The SQLite corpus alone, for a run without PostgreSQL: no server, no PostgreSQL database. */
export async function sqliteOnly(opts: CorpusOptions) {
  const sqlite = await sqliteCorpus(opts, new Progress());
  return { sqlite, postgres: undefined, close: () => sqlite.close() };
}
