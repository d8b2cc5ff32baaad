// npm run bench -- browse --works N [--seed S] [--budget SECONDS] [--without postgres]
// npm run bench -- corpus --works N [--seed S] [--without postgres]   (generate or check the corpora only)
// npm run bench -- http --works N [--seed S] [--seconds S] [--connections C] [--fandoms F]
//                     [--warmup S] [--single-seconds S] [--profile FILE]   (the browse page over HTTP only)
// npm run bench -- load --works N [--seed S] [--seconds S] [--connections C] [--users U] [--warmup S]
//                     (mixed reading, browsing and writing over HTTP; 60 s by default)
// npm run bench -- crash [--cycles 20] [--database sqlite|postgres|both] [--pg-restarts N]
//                     (kills the server, and PostgreSQL, under write load; checks what survived)
import { parseArgs } from "node:util";
import { browse } from "./browse";
import { crashBench } from "./crash";
import { describeHttp, httpBench } from "./http";
import { describeLoad, loadBench } from "./loadtest";
import { benchServer } from "./postgres";
import { Progress } from "./progress";
import { bothCorpora, sqliteCorpus } from "./targets";

const [command, ...rest] = process.argv.slice(2);
const { values } = parseArgs({
  args: rest,
  options: {
    works: { type: "string", default: "100000" },
    seed: { type: "string", default: "1" },
    budget: { type: "string", default: "10" },
    only: { type: "string" },
    "pg-variant": { type: "string", default: "arrays" },
    seconds: { type: "string" },
    users: { type: "string", default: "50" },
    connections: { type: "string", default: "10" },
    fandoms: { type: "string", default: "5" },
    warmup: { type: "string", default: "3" },
    "single-seconds": { type: "string" },
    profile: { type: "string" },
    without: { type: "string" },
    cycles: { type: "string", default: "20" },
    database: { type: "string", default: "both" },
    "pg-restarts": { type: "string" },
  },
});
if (command === "crash") {
  const cycles = Number(values.cycles);
  const database = values.database;
  if (!Number.isInteger(cycles) || cycles < 1 || !["sqlite", "postgres", "both"].includes(database)) {
    console.error(
      "usage: npm run bench -- crash [--cycles N] [--database sqlite|postgres|both] [--pg-restarts N]",
    );
    process.exit(2);
  }
  const pgRestarts =
    values["pg-restarts"] === undefined ? Math.ceil(cycles / 4) : Number(values["pg-restarts"]);
  process.exit(
    await crashBench({ cycles, database: database as "sqlite" | "postgres" | "both", pgRestarts }),
  );
}
const works = Number(values.works);
const seed = Number(values.seed);
const http = { seconds: Number(values.seconds ?? 10), connections: Number(values.connections) };
if (!Number.isInteger(works) || works < 100 || !Number.isInteger(seed)) {
  console.error("--works must be a whole number of at least 100, --seed a whole number");
  process.exit(2);
}
// Only PostgreSQL can be left out (its corpus takes about four times SQLite's disk).
if (values.without !== undefined && values.without !== "postgres") {
  console.error(
    `--without takes only "postgres" (the engine and SQLite always run), not "${values.without}"`,
  );
  process.exit(2);
}
const without = values.without === "postgres" ? (["postgres"] as const) : [];

if (command === "browse") {
  const pgVariant = values["pg-variant"] === "rows" ? "rows" : "arrays";
  await browse({ works, seed, budgetSeconds: Number(values.budget), pgVariant, http, without });
} else if (command === "http") {
  const corpus = await sqliteCorpus({ works, seed }, new Progress());
  const path = corpus.raw.name;
  await corpus.close();
  const single = values["single-seconds"];
  const result = await httpBench({
    path,
    seed,
    ...http,
    fandoms: Number(values.fandoms),
    warmupSeconds: Number(values.warmup),
    singleSeconds: single === undefined ? undefined : Number(single),
    profile: values.profile,
  });
  console.log(describeHttp(result));
  const round = (x: number) => Math.round(x * 1000) / 1000;
  console.log(
    JSON.stringify({
      works,
      seed,
      http_connections: result.connections,
      http_rps: round(result.rps),
      http_p50_ms: round(result.p50Ms),
      http_p975_ms: round(result.p975Ms),
      http_p99_ms: round(result.p99Ms),
      http_failures: result.failures,
      http_urls: result.urls,
      http_server_cpu_ms: round(result.serverCpuMs),
      http_single_rps: result.single && round(result.single.rps),
      http_single_p50_ms: result.single && round(result.single.p50Ms),
      http_single_p99_ms: result.single && round(result.single.p99Ms),
      http_single_failures: result.single?.failures,
      http_build_s: round(result.buildSeconds),
    }),
  );
} else if (command === "load") {
  const corpus = await sqliteCorpus({ works, seed }, new Progress());
  const path = corpus.raw.name;
  await corpus.close();
  const r = await loadBench({
    path,
    seed,
    seconds: Number(values.seconds ?? 60),
    connections: Number(values.connections),
    users: Number(values.users),
    warmupSeconds: Number(values.warmup),
  });
  console.log(describeLoad(r));
  const round = (x: number) => Math.round(x * 1000) / 1000;
  console.log(
    JSON.stringify({
      works,
      seed,
      load_connections: r.connections,
      load_seconds: r.seconds,
      load_users: r.users,
      load_rps: round(r.rps),
      load_p50_ms: round(r.p50Ms),
      load_p99_ms: round(r.p99Ms),
      load_errors: r.errors,
      load_requests: r.requests,
      load_read_p99_ms: round(r.byKind.read.p99Ms),
      load_browse_p99_ms: round(r.byKind.browse.p99Ms),
      load_write_p99_ms: round(r.byKind.write.p99Ms),
      load_writes: r.writes,
      load_server_cpu_ms: round(r.serverCpuMs),
      load_rss_start_bytes: r.rssStartBytes,
      load_rss_end_bytes: r.rssEndBytes,
      load_rss_built_bytes: r.rssBuiltBytes,
    }),
  );
} else if (command === "corpus" && (values.only === "sqlite" || without.length > 0)) {
  await (await sqliteCorpus({ works, seed }, new Progress())).close();
} else if (command === "corpus") {
  const server = benchServer();
  try {
    await (await bothCorpora(server.url, { works, seed })).close();
  } finally {
    server.stop();
  }
} else {
  console.error(
    "usage: npm run bench -- browse|http|load|corpus --works N [--seed S] [--budget SECONDS] [--without postgres]",
  );
  process.exit(2);
}
