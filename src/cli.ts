import { loadEnvFile, readConfig } from "./config";
import { openDatabase } from "./db/connection";
import { migrateToLatest } from "./db/migrate";

const USAGE = `Usage: quire <command>

Commands:
  migrate     bring the database schema up to date
`;

loadEnvFile();
const config = readConfig();
const [command] = process.argv.slice(2);

async function main(): Promise<number> {
  switch (command) {
    case "migrate": {
      const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
      try {
        const applied = await migrateToLatest(database.db);
        console.log(applied.length ? `Applied: ${applied.join(", ")}` : "The schema is up to date.");
      } finally {
        await database.close();
      }
      return 0;
    }
    default:
      process.stdout.write(USAGE);
      return command ? 2 : 0;
  }
}

process.exitCode = await main();
