import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { loadEnvFile, readConfig } from "./config";
import { openDatabase } from "./db/connection";
import { migrateToLatest } from "./db/migrate";
import { makeDeps } from "./deps";
import { prepareArchive } from "./setup";

loadEnvFile();
const config = readConfig();
const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const where = database.dialect === "postgres" ? "PostgreSQL" : `SQLite at ${config.dataDir}/quire.sqlite`;
console.log(`Quire: opening ${where}`);
const applied = await migrateToLatest(database.db);
if (applied.length) console.log(`Quire: applied ${applied.length} migration(s)`);
const deps = makeDeps(database, config);
await prepareArchive(deps, (line) => console.log(line));

const app = createApp(deps);
const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  console.log(`Quire: listening on http://${config.host}:${info.port}`);
});

function shutdown() {
  server.close(() => {
    void database.close().then(() => process.exit(0));
  });
}
process.on("SIGINT", shutdown);
process.on("SIGTERM", shutdown);
