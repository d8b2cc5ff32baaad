// The benchmark's PostgreSQL: DATABASE_URL when set, otherwise a throwaway server of its own,
// started like scripts/postgres-test-server.sh does (another port and data directory), tuned a
// little for a read benchmark, and stopped again when the benchmark ends.
import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readdirSync } from "node:fs";
import { join } from "node:path";
import pg from "pg";
import { isPostgresUrl } from "../src/db/connection";
import { CORPUS_DIR } from "./open";

const PORT = 55433;

export interface BenchServer {
  /** URL of the server's maintenance database (`postgres`). */
  url: string;
  stop(): void;
}

function pgBin(): string {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root))
    throw new Error("PostgreSQL is not installed (apt-get install postgresql), or set DATABASE_URL");
  const versions = readdirSync(root).sort((a, b) => Number(a) - Number(b));
  return join(root, versions[versions.length - 1]!, "bin");
}

function asPostgres(cmd: string, args: string[]): string {
  const root = process.getuid?.() === 0;
  return execFileSync(root ? "runuser" : cmd, root ? ["-u", "postgres", "--", cmd, ...args] : args, {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}

export function benchServer(): BenchServer {
  const url = process.env.DATABASE_URL;
  if (isPostgresUrl(url)) return { url, stop: () => {} };
  const bin = pgBin();
  const dir = join(CORPUS_DIR, "postgres");
  const root = process.getuid?.() === 0;
  if (!existsSync(join(dir, "PG_VERSION"))) {
    mkdirSync(CORPUS_DIR, { recursive: true });
    chmodSync(CORPUS_DIR, 0o755); // the postgres user must reach the data directory
    mkdirSync(dir, { mode: 0o700 });
    if (root) execFileSync("chown", ["postgres:postgres", dir]);
    asPostgres(join(bin, "initdb"), [
      "-D",
      dir,
      "-U",
      "postgres",
      "--auth=trust",
      "--encoding=UTF8",
      "--locale=C.UTF-8",
    ]);
  }
  let running = true;
  try {
    asPostgres(join(bin, "pg_ctl"), ["-D", dir, "status"]);
  } catch {
    running = false;
  }
  if (!running) {
    const options = [
      "-c listen_addresses=127.0.0.1",
      `-p ${PORT}`,
      "-k /tmp",
      // A throwaway server: durability off for the load; memory and planner settings of a
      // small dedicated machine for the queries.
      "-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
      "-c shared_buffers=2GB -c work_mem=64MB -c maintenance_work_mem=1GB",
      "-c effective_cache_size=8GB -c random_page_cost=1.1 -c max_wal_size=8GB",
    ].join(" ");
    asPostgres(join(bin, "pg_ctl"), ["-D", dir, "-l", join(dir, "server.log"), "-w", "-o", options, "start"]);
  }
  return {
    url: `postgres://postgres@127.0.0.1:${PORT}/postgres`,
    stop: () => {
      if (!running) asPostgres(join(bin, "pg_ctl"), ["-D", dir, "-m", "fast", "-w", "stop"]);
    },
  };
}

/** The URL of database `name` on the server of `base`, created when missing (or when `fresh`). */
export async function benchDatabase(base: string, name: string, fresh: boolean): Promise<string> {
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  try {
    const found = await admin.query("select 1 from pg_database where datname = $1", [name]);
    if (fresh && found.rowCount) await admin.query(`drop database ${name} with (force)`);
    if (fresh || !found.rowCount) await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}
