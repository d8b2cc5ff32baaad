import { resolve } from "node:path";
import { loadEnvFile, readConfig } from "./config";
import { BackupRefused, backupPostgres, backupSqlite, restorePostgres, restoreSqlite } from "./db/backup";
import { isPostgresUrl, openDatabase, sqlitePathOf } from "./db/connection";
import { migrateToLatest } from "./db/migrate";
import { CHAPTER_SEARCH_SETTING } from "./features/browse/browse";
import { readSetting, writeSetting } from "./features/browse/queries";
import { progressLine } from "./lib/progress";
import { makeTextSearch } from "./search/textsearch";
import { ArchiveIndex } from "./tagengine/load/archive";

const USAGE = `Usage: npm run quire -- <command>

Commands:
  migrate     bring the database schema up to date
  reindex     rebuild the tag engine's index from the database and report its figures
              (a running server rebuilds its own at start and keeps it current by itself)
  optimize-search
              merge the full-text search indexes (after a bulk import: searches get faster)
  settings set <key> <value>
              change an admin setting, e.g. \`settings set search.chapter_text 0\` turns off
              searching inside chapter text (1 turns it back on)
  settings get <key>
              show an admin setting
  backup FILE [--force]
              copy the archive's database into FILE while the server runs (SQLite: a copy of
              the database file; PostgreSQL: pg_dump, custom format); --force replaces FILE
  restore FILE [--force]
              replace the archive's database with the backup FILE. SQLite: refused while the
              server runs (stop it first); PostgreSQL: pg_restore into the DATABASE_URL
              database. A database with anything in it is replaced only with --force. Start
              (or restart) the server afterwards: it builds its index from the restored archive.
`;

/** The values each known setting takes; other keys are stored as given. */
const SETTING_VALUES: Record<string, string[]> = { [CHAPTER_SEARCH_SETTING]: ["0", "1"] };

loadEnvFile();
const config = readConfig();
const [command, ...rest] = process.argv.slice(2);
const force = rest.includes("--force");
const args = rest.filter((a) => a !== "--force");

async function withDatabase(run: (db: ReturnType<typeof openDatabase>) => Promise<void>): Promise<void> {
  const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  try {
    await run(database);
  } finally {
    await database.close();
  }
}

async function main(): Promise<number> {
  switch (command) {
    case "migrate":
      await withDatabase(async ({ db }) => {
        const applied = await migrateToLatest(db);
        console.log(applied.length ? `Applied: ${applied.join(", ")}` : "The schema is up to date.");
      });
      return 0;
    case "reindex":
      await withDatabase(async ({ db }) => {
        await migrateToLatest(db);
        const started = Date.now();
        const index = await ArchiveIndex.build(db, progressLine("Indexing works"));
        const seconds = (Date.now() - started) / 1000;
        const works = index.engine.size;
        const bytes = index.engine.bytes();
        console.log(
          `Indexed ${works.toLocaleString("en-US")} works in ${seconds.toFixed(2)} s` +
            ` (${works ? Math.round(bytes / works) : 0} bytes a work, ${(bytes / 1048576).toFixed(1)} MiB).`,
        );
      });
      return 0;
    case "optimize-search":
      await withDatabase(async ({ db, dialect }) => {
        await migrateToLatest(db);
        const started = Date.now();
        console.log("Merging the full-text search indexes…");
        await makeTextSearch(db, dialect).optimize();
        console.log(`Done in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
      });
      return 0;
    case "settings": {
      const [action, key, value] = args;
      if (!key || !(action === "get" || (action === "set" && value !== undefined))) break;
      const allowed = SETTING_VALUES[key];
      if (action === "set" && allowed && !allowed.includes(value!)) {
        console.error(`${key} takes one of: ${allowed.join(", ")}.`);
        return 2;
      }
      await withDatabase(async ({ db }) => {
        await migrateToLatest(db);
        if (action === "set") await writeSetting(db, key, value!);
        console.log(`${key} = ${(await readSetting(db, key)) ?? "(not set)"}`);
      });
      return 0;
    }
    case "backup":
    case "restore": {
      const [file] = args;
      if (!file || args.length !== 1) break;
      const path = resolve(file);
      const started = Date.now();
      const postgres = isPostgresUrl(config.databaseUrl);
      const source = postgres ? "the PostgreSQL database" : sqlitePathOf(config.dataDir);
      try {
        if (command === "backup") {
          const progress = progressLine(`Backing up ${postgres ? "tables" : "pages"}`);
          const { bytes } = postgres
            ? await backupPostgres(config.databaseUrl, path, { force, progress })
            : await backupSqlite(sqlitePathOf(config.dataDir), path, { force, progress });
          console.log(
            `Backed up ${source} into ${path} (${(bytes / 1048576).toFixed(1)} MiB) in ${((Date.now() - started) / 1000).toFixed(1)} s.`,
          );
        } else {
          const progress = progressLine(postgres ? "Restoring" : "Restoring pages");
          if (postgres) await restorePostgres(path, config.databaseUrl, { force, progress });
          else await restoreSqlite(path, sqlitePathOf(config.dataDir), { force, progress });
          console.log(
            `Restored ${path} into ${source} in ${((Date.now() - started) / 1000).toFixed(1)} s. Start the server: it indexes the restored archive.`,
          );
        }
      } catch (e) {
        if (!(e instanceof BackupRefused)) throw e;
        console.error(e.message);
        return 2;
      }
      return 0;
    }
  }
  process.stdout.write(USAGE);
  return command ? 2 : 0;
}

process.exitCode = await main();
