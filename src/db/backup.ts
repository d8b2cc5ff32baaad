// Backups of the archive while it runs, and restoring one. SQLite: the backup API copies the
// database page by page into a new file (a consistent snapshot; the server keeps writing through
// WAL). PostgreSQL: pg_dump's custom format (one snapshot), restored by pg_restore in a single
// transaction. `npm run quire -- backup FILE | restore FILE` (src/cli.ts).
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { delimiter, dirname, join } from "node:path";
import SQLite from "better-sqlite3";
import pg from "pg";

export type Progress = (done: number, total: number) => void;

/** A refusal the command line reports as such (exit code 2), not as a failure. */
export class BackupRefused extends Error {}

/** Where the copy is written until it is whole: a backup that stopped halfway never has the file's name. */
const partialOf = (file: string) => `${file}.partial`;

function refuseExisting(file: string, force: boolean): void {
  if (existsSync(file) && !force)
    throw new BackupRefused(`${file} already exists. Give another name, or --force to replace it.`);
}

// SQLite --------------------------------------------------------------------------------------

/**
 * Copies the SQLite database at `source` into `file`. Pages go over in steps, so progress shows;
 * a write by the server during a step makes SQLite start the copy again, and after such a
 * restart the rest goes in one step (one read transaction, which writers do not wait for), so the
 * backup ends even under steady writing.
 */
export async function backupSqlite(
  source: string,
  file: string,
  opts: { force?: boolean; progress?: Progress } = {},
): Promise<{ bytes: number }> {
  if (!existsSync(source)) throw new BackupRefused(`There is no archive database at ${source}.`);
  refuseExisting(file, !!opts.force);
  const partial = partialOf(file);
  rmSync(partial, { force: true });
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    let lastRemaining = Number.POSITIVE_INFINITY;
    let restarted = false;
    await db.backup(partial, {
      progress: ({ totalPages, remainingPages }) => {
        if (remainingPages > lastRemaining) restarted = true;
        lastRemaining = remainingPages;
        opts.progress?.(totalPages - remainingPages, totalPages);
        return restarted ? totalPages : 1000;
      },
    });
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  } finally {
    db.close();
  }
  // One self-contained file: the copy leaves WAL mode (the restore puts the archive back in it).
  const copy = new SQLite(partial, { fileMustExist: true });
  try {
    copy.pragma("journal_mode = DELETE");
  } finally {
    copy.close();
  }
  const problem = sqliteProblem(partial);
  if (problem) {
    rmSync(partial, { force: true });
    throw new Error(`The copy does not read back: ${problem}`);
  }
  const bytes = statSync(partial).size;
  opts.progress?.(1, 1);
  renameSync(partial, file);
  return { bytes };
}

/** Why the file at `path` is not a whole Quire database, or null when it is one. */
function sqliteProblem(path: string): string | null {
  let db: SQLite.Database | null = null;
  try {
    db = new SQLite(path, { readonly: true, fileMustExist: true });
    const check = db.pragma("quick_check", { simple: true });
    if (check !== "ok") return `quick_check says ${String(check)}`;
    const tables = db
      .prepare(
        "select name from sqlite_master where type = 'table' and name in ('works', 'kysely_migration')",
      )
      .all();
    if (tables.length !== 2) return "it holds no Quire archive";
    return null;
  } catch (e) {
    return (e as Error).message;
  } finally {
    db?.close();
  }
}

/**
 * Whether another connection (a running server) has the database at `path` open: an exclusive
 * lock cannot be had then, even while that connection is idle (WAL connections hold a shared
 * lock for as long as they are open).
 */
export function sqliteInUse(path: string): boolean {
  if (!existsSync(path)) return false;
  const db = new SQLite(path, { fileMustExist: true, timeout: 0 });
  try {
    db.pragma("locking_mode = exclusive");
    db.exec("begin exclusive");
    db.exec("commit");
    return false;
  } catch (e) {
    if ((e as { code?: string }).code?.startsWith("SQLITE_BUSY")) return true;
    throw e;
  } finally {
    db.close();
  }
}

function sqliteHasTables(path: string): boolean {
  if (!existsSync(path)) return false;
  const db = new SQLite(path, { readonly: true, fileMustExist: true });
  try {
    return db.prepare("select 1 from sqlite_master where type = 'table' limit 1").get() !== undefined;
  } finally {
    db.close();
  }
}

/**
 * Replaces the archive database at `target` with the backup `file`. Refused while a server has
 * the database open (its tag engine and sessions would describe another archive), and over an
 * archive that has anything in it unless `force`. The pages are copied by SQLite's backup API
 * into the target, under its lock and through its journal: a restore cut short leaves the old
 * database as it was, never a mix.
 */
export async function restoreSqlite(
  file: string,
  target: string,
  opts: { force?: boolean; progress?: Progress } = {},
): Promise<void> {
  if (!existsSync(file)) throw new BackupRefused(`There is no backup at ${file}.`);
  const problem = sqliteProblem(file);
  if (problem) throw new BackupRefused(`${file} is not a Quire SQLite backup: ${problem}.`);
  if (sqliteInUse(target))
    throw new BackupRefused(
      `The archive database ${target} is in use (is the server running?). Stop the server, then restore.`,
    );
  if (sqliteHasTables(target) && !opts.force)
    throw new BackupRefused(
      `The archive database ${target} is not empty. Restoring replaces everything in it: add --force to do so.`,
    );
  mkdirSync(dirname(target), { recursive: true });
  const backup = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    await backup.backup(target, {
      progress: ({ totalPages, remainingPages }) => {
        opts.progress?.(totalPages - remainingPages, totalPages);
        return 1000;
      },
    });
  } finally {
    backup.close();
  }
  // The archive runs in WAL mode (openSqlite sets it again at every start; said here so the file
  // is as the server left it).
  const restored = new SQLite(target, { fileMustExist: true });
  try {
    restored.pragma("journal_mode = WAL");
  } finally {
    restored.close();
  }
  opts.progress?.(1, 1);
}

// PostgreSQL ----------------------------------------------------------------------------------

/**
 * A PostgreSQL program: from the PATH, else the newest installed under /usr/lib/postgresql
 * (Debian keeps them there, off the PATH). pg_dump must be at least the server's version.
 */
export function pgProgram(name: "pg_dump" | "pg_restore"): string | null {
  for (const dir of (process.env.PATH ?? "").split(delimiter))
    if (dir && existsSync(join(dir, name))) return join(dir, name);
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  for (const v of versions) if (existsSync(join(root, v, "bin", name))) return join(root, v, "bin", name);
  return null;
}

function requireProgram(name: "pg_dump" | "pg_restore"): string {
  const path = pgProgram(name);
  if (!path)
    throw new BackupRefused(
      `${name} was not found on the PATH or under /usr/lib/postgresql (apt-get install postgresql-client).`,
    );
  return path;
}

/** How many tables the archive's schema holds, and how many other sessions use the database. */
async function databaseState(url: string): Promise<{ tables: number; otherSessions: number }> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  await client.connect();
  try {
    const r = await client.query(`select
        (select count(*)::int from pg_tables where schemaname = 'public') as tables,
        (select count(*)::int from pg_stat_activity
          where datname = current_database() and pid <> pg_backend_pid()) as others`);
    return { tables: r.rows[0].tables as number, otherSessions: r.rows[0].others as number };
  } finally {
    await client.end();
  }
}

const databaseName = (url: string) => decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));

/**
 * The connection of `url` as libpq's environment, so that the password never stands on a command
 * line (where any local user could read it in the process list).
 */
function libpqEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = { ...process.env };
  if (u.hostname) env.PGHOST = decodeURIComponent(u.hostname);
  if (u.port) env.PGPORT = u.port;
  if (u.username) env.PGUSER = decodeURIComponent(u.username);
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const database = databaseName(url);
  if (database) env.PGDATABASE = database;
  const sslmode = u.searchParams.get("sslmode");
  if (sslmode) env.PGSSLMODE = sslmode;
  return env;
}

/**
 * Runs a pg_dump or pg_restore with --verbose, counting the lines that say it moved on (`step`)
 * against `total` for the progress line. Resolves when it ends well, or fails with its last words.
 */
function runVerbose(
  program: string,
  args: string[],
  env: NodeJS.ProcessEnv,
  step: RegExp,
  total: number,
  progress?: Progress,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(program, args, { stdio: ["ignore", "ignore", "pipe"], env });
    const tail: string[] = [];
    let done = 0;
    let rest = "";
    child.stderr.setEncoding("utf8");
    child.stderr.on("data", (chunk: string) => {
      const lines = (rest + chunk).split("\n");
      rest = lines.pop() ?? "";
      for (const line of lines) {
        if (step.test(line)) progress?.(Math.min(++done, total), total);
        tail.push(line);
        if (tail.length > 20) tail.shift();
      }
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve();
      else
        reject(
          new Error(
            `${program} stopped (exit ${code}):\n${tail.filter((l) => /error|fatal/i.test(l)).join("\n") || tail.join("\n")}`,
          ),
        );
    });
  });
}

/** pg_dump of the database at `url` into `file` (custom format: compressed, restored by pg_restore). */
export async function backupPostgres(
  url: string,
  file: string,
  opts: { force?: boolean; progress?: Progress } = {},
): Promise<{ bytes: number }> {
  const program = requireProgram("pg_dump");
  refuseExisting(file, !!opts.force);
  const partial = partialOf(file);
  rmSync(partial, { force: true });
  const { tables } = await databaseState(url);
  try {
    await runVerbose(
      program,
      ["--format=custom", "--verbose", "--no-owner", `--file=${partial}`],
      libpqEnv(url),
      /dumping contents of table/,
      Math.max(1, tables),
      opts.progress,
    );
  } catch (e) {
    rmSync(partial, { force: true });
    throw e;
  }
  const bytes = statSync(partial).size;
  opts.progress?.(1, 1);
  renameSync(partial, file);
  return { bytes };
}

/**
 * pg_restore of `file` into the database at `url`, in one transaction (a failure leaves the
 * database as it was). Refused over a database that has tables unless `force`, which then drops
 * and replaces the archive's objects (`--clean --if-exists`).
 */
export async function restorePostgres(
  file: string,
  url: string,
  opts: { force?: boolean; progress?: Progress } = {},
): Promise<void> {
  const program = requireProgram("pg_restore");
  if (!existsSync(file)) throw new BackupRefused(`There is no backup at ${file}.`);
  const list = spawnSync(program, ["--list", file], { encoding: "utf8" });
  if (list.status !== 0) throw new BackupRefused(`${file} is not a pg_dump backup: ${list.stderr.trim()}`);
  const entries = list.stdout.split("\n").filter((l) => l.trim() && !l.startsWith(";")).length;
  const state = await databaseState(url);
  // A running server would go on from its own place in the changes feed and its own sessions,
  // describing another archive than the one restored: stop it first, as on SQLite.
  if (state.otherSessions > 0)
    throw new BackupRefused(
      `The database of DATABASE_URL is in use (${state.otherSessions} other connection(s)): stop the archive's servers first.`,
    );
  if (state.tables > 0 && !opts.force)
    throw new BackupRefused(
      "The database of DATABASE_URL is not empty. Restoring replaces the archive in it: add --force to do so.",
    );
  await runVerbose(
    program,
    [
      "--clean",
      "--if-exists",
      "--no-owner",
      "--single-transaction",
      "--exit-on-error",
      "--verbose",
      // The name alone: pg_restore writes a script instead without it; the rest is in libpqEnv.
      `--dbname=${databaseName(url)}`,
      file,
    ],
    libpqEnv(url),
    /^pg_restore: (creating|processing|executing)/,
    Math.max(1, entries),
    opts.progress,
  );
  opts.progress?.(1, 1);
}
