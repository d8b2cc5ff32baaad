import { serve } from "@hono/node-server";
import { createApp } from "./app";
import { loadEnvFile, readConfig } from "./config";
import { isDatabaseUnavailable, openDatabase } from "./db/connection";
import { migrateToLatest } from "./db/migrate";
import { makeDeps } from "./deps";
import { warmSuggestions } from "./features/tags/suggestions";
import { progressLine } from "./lib/progress";
import { prepareArchive } from "./setup";
import { ArchiveIndex } from "./tagengine/load/archive";

loadEnvFile();
const config = readConfig();
const database = openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
const where = database.dialect === "postgres" ? "PostgreSQL" : `SQLite at ${config.dataDir}/quire.sqlite`;
console.log(`Quire: opening ${where}`);
const applied = await migrateToLatest(database.db);
if (applied.length) console.log(`Quire: applied ${applied.length} migration(s)`);
const deps = makeDeps(database, config);
await prepareArchive(deps, (line) => console.log(line));
const started = Date.now();
deps.index = await ArchiveIndex.build(deps.db, progressLine("Quire: indexing works"));
console.log(
  `Quire: indexed ${deps.index.engine.size} works in ${((Date.now() - started) / 1000).toFixed(1)} s`,
);
await warmSuggestions(deps);
// Writes of other processes (a second app server, the command line) arrive through the changes feed.
// While the database is away each pass fails: said once, not every second, and the next pass
// after it returns picks up everything missed.
let catchUpFailing = false;
setInterval(
  () =>
    void deps.index.catchUp(deps.db).then(
      () => {
        if (catchUpFailing) console.log("Quire: the database answers again");
        catchUpFailing = false;
      },
      (e) => {
        if (!catchUpFailing || !isDatabaseUnavailable(e)) console.error(e);
        catchUpFailing = true;
      },
    ),
  1000,
).unref();

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
