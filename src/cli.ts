import { loadEnvFile, readConfig } from "./config";
import { openDatabase } from "./db/connection";
import { migrateToLatest } from "./db/migrate";
import { progressLine } from "./lib/progress";
import { ArchiveIndex } from "./tagengine/archive";

const USAGE = `Usage: npm run quire -- <command>

Commands:
  migrate     bring the database schema up to date
  reindex     rebuild the tag engine's index from the database and report its figures
              (a running server rebuilds its own at start and keeps it current by itself)
`;

loadEnvFile();
const config = readConfig();
const [command] = process.argv.slice(2);

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
    default:
      process.stdout.write(USAGE);
      return command ? 2 : 0;
  }
}

process.exitCode = await main();
