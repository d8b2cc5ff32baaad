import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createApp } from "../../src/app";
import { readConfig } from "../../src/config";
import type { Deps } from "../../src/context";
import { type Db, type Dialect, openPostgres, openSqlite } from "../../src/db/connection";
import { migrateToLatest } from "../../src/db/migrate";
import { makeDeps } from "../../src/deps";
import { TestClient } from "./client";

/** SQLite always; PostgreSQL too when DATABASE_URL points at a server (as in CI). */
export function testDialects(): Dialect[] {
  const url = process.env.DATABASE_URL;
  return url?.startsWith("postgres") ? ["sqlite", "postgres"] : ["sqlite"];
}

/** A cheap argon2 cost: tests hash many passwords; production uses PRODUCTION_HASH_COST. */
export const TEST_HASH_COST = { memoryCost: 1024, timeCost: 1 };

export interface TestArchive {
  dialect: Dialect;
  deps: Deps;
  db: Deps["db"];
  app: ReturnType<typeof createApp>;
  /** Brings the tag engine up to date with rows written straight to the database (factories). */
  refreshIndex(): Promise<number>;
  /** A new browser-like client with its own cookie jar. */
  client(): TestClient;
  close(): Promise<void>;
}

/** A fresh, migrated archive on a real database: a new SQLite file or a new PostgreSQL database. */
export async function createTestArchive(dialect: Dialect = "sqlite"): Promise<TestArchive> {
  let database: Db;
  let cleanup: () => Promise<void>;
  if (dialect === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "quire-test-"));
    database = openSqlite(join(dir, "quire.sqlite"));
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  } else {
    const { url, drop } = await createPostgresDatabase();
    database = openPostgres(url);
    cleanup = drop;
  }
  await migrateToLatest(database.db);
  const config = { ...readConfig({}), demo: false, dataDir: "/nonexistent" };
  const deps = makeDeps(database, config, TEST_HASH_COST);
  const app = createApp(deps);
  return {
    dialect,
    deps,
    db: deps.db,
    app,
    client: () => new TestClient(app),
    refreshIndex: () => deps.index.catchUp(deps.db),
    close: async () => {
      await database.close();
      await cleanup();
    },
  };
}

/** Creates an empty database on the server of DATABASE_URL and returns its URL and a dropper. */
export async function createPostgresDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("DATABASE_URL is not set");
  const name = `quire_test_${process.pid}_${Math.random().toString(36).slice(2, 10)}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  // template0 never has connections, so concurrent test files can copy it at the same time.
  await admin.query(`create database ${name} template template0 encoding 'UTF8'`);
  await admin.end();
  const url = new URL(base);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      // pg's pool.end() resolves before its clients' connections have closed: wait for them, or
      // FORCE would kill a closing connection whose error then surfaces after the test ended.
      for (let i = 0; i < 100; i++) {
        const { rows } = await c.query("select count(*)::int as n from pg_stat_activity where datname = $1", [
          name,
        ]);
        if (rows[0].n === 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}
