// The browse benchmark: the tag engine against the best SQL on SQLite and PostgreSQL, on the same
// generated corpus, for filtered listing pages with sidebar counts.
import { isDeepStrictEqual } from "node:util";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import type { EngineQuery, EngineResult } from "../src/tagengine/core/types";
import { ArchiveIndex } from "../src/tagengine/load/archive";
import { machineSpeedMs } from "./calibrate";
import { describeHttp, httpBench } from "./http";
import { type BenchSqlite, openBenchSqlite } from "./open";
import { benchServer } from "./postgres";
import { Progress } from "./progress";
import { type NamedQuery, namedQueries, popularMix } from "./scenarios";
import { type SqlVariant, sqlPage, sqlQuery } from "./sql";
import { ms, quantiles, type RunLimits, ratio, summarize, type Timing, table, timeRuns } from "./stats";
import { type BenchPostgres, bothCorpora, sqliteOnly } from "./targets";
import { type TextSearches, textSearches } from "./text";

export interface BrowseOptions {
  works: number;
  seed: number;
  /** Time budget for the timed runs of one query on one SQL database, in seconds. */
  budgetSeconds: number;
  pgVariant?: SqlVariant;
  /** The HTTP run's length and connections. */
  http?: { seconds: number; connections: number };
  /**
   * Targets left out of the run. Only PostgreSQL can be: the engine is built from the SQLite
   * corpus. Without it, no server is started and no PostgreSQL corpus is generated or opened.
   */
  without?: readonly "postgres"[];
}

const TARGETS = ["engine", "sqlite", "postgres"] as const;
type Target = (typeof TARGETS)[number];
const NAMES: Record<Target, string> = { engine: "engine", sqlite: "SQLite", postgres: "PostgreSQL" };
/** The figures of a target left out of the run: NaN, which the table shows as "-". */
const NOT_RUN: Timing = summarize([]);

function collectGarbage(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

function say(text: string): void {
  process.stderr.write(`${text}\n`);
}

export async function browse(opts: BrowseOptions): Promise<void> {
  const speedBefore = machineSpeedMs();
  const targets = TARGETS.filter((t) => t !== "postgres" || !opts.without?.includes(t));
  const corpus = { works: opts.works, seed: opts.seed };
  const server = targets.includes("postgres") ? benchServer() : undefined;
  try {
    const corpora = server ? await bothCorpora(server.url, corpus) : await sqliteOnly(corpus);
    try {
      await run(opts, targets, corpora.sqlite, corpora.postgres, new Progress(), speedBefore);
    } finally {
      await corpora.close();
    }
  } finally {
    server?.stop();
  }
}

async function buildEngine(path: string, progress: Progress) {
  // A connection of its own with SQLite's default cache, so that the memory growth is the engine's.
  const conn = await openBenchSqlite(path, { bigCache: false });
  collectGarbage();
  const rss0 = process.memoryUsage().rss;
  const t = performance.now();
  const cpu0 = process.cpuUsage();
  let tick: ((done: number) => void) | undefined;
  const index = await ArchiveIndex.build(conn.db, (done, total) => {
    tick ??= progress.start("engine build (rows read)", total);
    tick(done);
  });
  const buildSeconds = (performance.now() - t) / 1000;
  const used = process.cpuUsage(cpu0);
  const buildCpuSeconds = (used.user + used.system) / 1e6;
  progress.end("engine build (rows read)");
  await conn.close();
  collectGarbage();
  const rssGrowth = process.memoryUsage().rss - rss0;
  return { index, buildSeconds, buildCpuSeconds, rssGrowth };
}

type Runner = (q: EngineQuery, counts: boolean) => Promise<EngineResult>;

async function run(
  opts: BrowseOptions,
  /** The targets in this run, in TARGETS' order; the others' figures stay empty (NaN, shown "-"). */
  targets: Target[],
  sqlite: BenchSqlite,
  postgres: BenchPostgres | undefined,
  progress: Progress,
  speedBefore: number,
) {
  const pgVariant = opts.pgVariant ?? "arrays";
  const { index, buildSeconds, buildCpuSeconds, rssGrowth } = await buildEngine(sqlite.raw.name, progress);
  const engine = index.engine;
  const bytesPerWork = engine.bytes() / engine.size;
  say(
    `engine: ${engine.size.toLocaleString("en")} works in ${buildSeconds.toFixed(2)} s, ` +
      `${bytesPerWork.toFixed(0)} bytes a work (RSS grew ${(rssGrowth / engine.size).toFixed(0)} bytes a work)`,
  );
  const n = engine.size;
  const part = (bytes: number) => `${(bytes / n).toFixed(0)}`;
  const cols = engine.cols;
  const strings = cols.bytes() - (cols.capacity * 40 + cols.fwdOffsets.byteLength + cols.fwdTags.byteLength);
  const memory =
    `bytes a work: columns ${part(cols.capacity * 40)}, forward tags ${part(cols.fwdOffsets.byteLength + cols.fwdTags.byteLength)}, ` +
    `title and creator sort keys ${part(strings)}, postings ${part(engine.postings.bytes())}, ` +
    `sort orders ${part(engine.orders.bytes())}`;
  say(memory);
  const text: TextSearches = await textSearches(sqlite.db, postgres?.db);
  const runners: Record<Target, Runner> = {
    engine: async (q, counts) => {
      // Uncached: every run counts afresh (a repeated listing would be served from the facet cache).
      engine.facetCache.clear();
      return engine.query({ ...q, facets: counts });
    },
    sqlite: (q, counts) =>
      counts ? sqlQuery(sqlite.db, "sqlite", q, "rows") : sqlPage(sqlite.db, "sqlite", q, "rows"),
    postgres: async (q, counts) => {
      if (!postgres) throw new Error("this run has no PostgreSQL");
      return counts
        ? sqlQuery(postgres.db, "postgres", q, pgVariant)
        : sqlPage(postgres.db, "postgres", q, pgVariant);
    },
  };
  const sqlTargets = targets.filter((t) => t !== "engine");
  /** Time of each text step, per target: the part of (d) that the text search takes. */
  const textTimes: Record<Target, number[]> = { engine: [], sqlite: [], postgres: [] };
  /**
   * The query as the target runs it: a text query becomes the target's own search hits, the
   * same unordered candidates from each target's own database (the engine's is SQLite, as in
   * the archive on SQLite).
   */
  const withText = async (target: Target, nq: NamedQuery): Promise<EngineQuery> => {
    if (!nq.text) return nq.q;
    const t = performance.now();
    const onlyIds = await text.ids(target === "postgres" ? "postgres" : "sqlite", nq.text);
    textTimes[target].push(performance.now() - t);
    return { ...nq.q, onlyIds };
  };
  const limits = (target: Target): RunLimits =>
    target === "engine"
      ? { warmup: 5, maxRuns: 300, budgetMs: 1500, minRuns: 20 }
      : { warmup: 1, maxRuns: 30, budgetMs: opts.budgetSeconds * 1000, minRuns: 3 };

  const queries = await namedQueries(engine, sqlite.db, text.word);
  const rows: string[][] = [
    [
      "query",
      "results",
      "engine p50",
      "p99",
      "sqlite p50",
      "p99",
      "postgres p50",
      "p99",
      "sqlite/eng",
      "pg/eng",
      "same",
      "engine cpu p50",
      "p99",
      "sqlite cpu p50",
      "p99",
    ],
  ];
  let textLine: string | undefined;
  const pooled: Record<Target, number[]> = { engine: [], sqlite: [], postgres: [] };
  const pooledCpu: Record<Target, number[]> = { engine: [], sqlite: [], postgres: [] };
  for (const counts of [true, false]) {
    for (const nq of queries) {
      const timings: Record<Target, Timing> = { engine: NOT_RUN, sqlite: NOT_RUN, postgres: NOT_RUN };
      const answers = {} as Record<Target, EngineResult>;
      for (const target of targets) {
        answers[target] = await runners[target](await withText(target, nq), counts);
        textTimes[target] = [];
        timings[target] = await timeRuns(
          async () => runners[target](await withText(target, nq), counts),
          limits(target),
        );
        if (counts) pooled[target].push(...quantiles(timings[target].samples));
        if (counts) pooledCpu[target].push(...quantiles(timings[target].cpu?.samples ?? []));
      }
      const same = sqlTargets.every((t) => isDeepStrictEqual(answers.engine, answers[t]));
      rows.push([
        `${nq.key}) ${nq.label}${counts ? "" : " [page only]"}`,
        answers.engine.total.toLocaleString("en"),
        ms(timings.engine.p50),
        ms(timings.engine.p99),
        ms(timings.sqlite.p50),
        ms(timings.sqlite.p99),
        ms(timings.postgres.p50),
        ms(timings.postgres.p99),
        ratio(timings.sqlite.p50, timings.engine.p50),
        ratio(timings.postgres.p50, timings.engine.p50),
        same ? "yes" : "NO",
        ms(timings.engine.cpu!.p50),
        ms(timings.engine.cpu!.p99),
        ms(timings.sqlite.cpu!.p50),
        ms(timings.sqlite.cpu!.p99),
      ]);
      say(`  ${rows[rows.length - 1]!.join("  ")}`);
      if (nq.text && counts) {
        for (const t of targets) textTimes[t] = textTimes[t].slice(limits(t).warmup);
        textLine = textStep(nq, targets, textTimes, timings);
      }
    }
  }

  // (f) A popularity-weighted mix of fandom pages: every page once, after one warm-up pass.
  const mix = popularMix(engine, opts.seed, 400);
  const mixTimes: Record<Target, number[]> = { engine: [], sqlite: [], postgres: [] };
  const mixCpu: number[] = [];
  for (const q of mix.slice(0, 50)) await runners.engine(q, true);
  for (const q of mix) {
    const c = process.cpuUsage();
    const t = performance.now();
    await runners.engine(q, true);
    mixTimes.engine.push(performance.now() - t);
    const used = process.cpuUsage(c);
    mixCpu.push((used.user + used.system) / 1000);
  }
  const mixEngineCpu = summarize(mixCpu);
  let mixSame = 0;
  const sqlMix = mix.slice(0, 40);
  for (const target of sqlTargets) {
    await runners[target](sqlMix[0]!, true);
    let spent = 0;
    for (const q of sqlMix) {
      const t = performance.now();
      const answer = await runners[target](q, true);
      const took = performance.now() - t;
      mixTimes[target].push(took);
      spent += took;
      if (isDeepStrictEqual(answer, engine.query(q))) mixSame++;
      if (spent > opts.budgetSeconds * 3000) break;
    }
  }
  const mixStats = Object.fromEntries(TARGETS.map((t) => [t, summarize(mixTimes[t])])) as Record<
    Target,
    Timing
  >;
  rows.push([
    `f) popular fandom pages (engine ${mix.length}, SQL first ${sqlTargets.map((t) => mixTimes[t].length).join("/")})`,
    "",
    ms(mixStats.engine.p50),
    ms(mixStats.engine.p99),
    ms(mixStats.sqlite.p50),
    ms(mixStats.sqlite.p99),
    ms(mixStats.postgres.p50),
    ms(mixStats.postgres.p99),
    ratio(mixStats.sqlite.p50, mixStats.engine.p50),
    ratio(mixStats.postgres.p50, mixStats.engine.p50),
    mixSame === mixTimes.sqlite.length + mixTimes.postgres.length ? "yes" : "NO",
    ms(mixEngineCpu.p50),
    ms(mixEngineCpu.p99),
    "",
    "",
  ]);

  const all = Object.fromEntries(TARGETS.map((t) => [t, summarize(pooled[t])])) as Record<Target, Timing>;
  const allCpu = Object.fromEntries(TARGETS.map((t) => [t, summarize(pooledCpu[t])])) as Record<
    Target,
    Timing
  >;
  // Last, on its own: the server and the load generator share this process's CPU.
  const http = await httpBench({ path: sqlite.raw.name, seed: opts.seed, ...opts.http });
  const speedAfter = machineSpeedMs();
  console.log(`\nBrowse benchmark: ${opts.works.toLocaleString("en")} works (seed ${opts.seed})`);
  console.log(
    `machine speed: a fixed CPU workload took ${speedBefore.toFixed(0)} ms before and ${speedAfter.toFixed(0)} ms after ` +
      "(lower is faster; runs whose figures here differ are not comparable)",
  );
  console.log(
    `engine built in ${buildSeconds.toFixed(2)} s (${buildCpuSeconds.toFixed(2)} s of CPU); ${bytesPerWork.toFixed(0)} bytes a work by engine.bytes(), ` +
      `RSS grew ${(rssGrowth / engine.size).toFixed(0)} bytes a work`,
  );
  console.log(memory);
  console.log(
    `text query (d): ${text.mode === "fts" ? `full-text search's unordered candidates (SQLite FTS5 for the engine and SQLite${postgres ? ", PostgreSQL tsvector" : ""})` : "LIKE over works.title_sort on every target"}, word "${text.word}"`,
  );
  console.log(
    `${postgres ? `PostgreSQL SQL variant: ${pgVariant}` : "PostgreSQL left out (--without postgres)"}; engine facet cache cleared before every run`,
  );
  console.log(
    "times in ms: wall clock, then this process's CPU time per run (PostgreSQL's work happens in its server)\n",
  );
  console.log(table(rows));
  if (textLine) console.log(`\n${textLine}`);
  console.log(`\n${describeHttp(http)}`);
  const pooledSql = sqlTargets.map(
    (t) => `${NAMES[t]} ${ms(all[t].p50)} / ${ms(all[t].p99)} ms (${ratio(all[t].p50, all.engine.p50)})`,
  );
  console.log(
    `\na-e with counts, pooled with equal weight: engine p50 ${ms(all.engine.p50)} / p99 ${ms(all.engine.p99)} ms; ` +
      pooledSql.join("; "),
  );
  const round = (x: number) => Math.round(x * 1000) / 1000;
  /** A target's figure, or null when the target is not in this run. */
  const of = (t: Target, x: number) => (targets.includes(t) ? round(x) : null);
  console.log(
    JSON.stringify({
      works: opts.works,
      seed: opts.seed,
      engine_p50_ms: round(all.engine.p50),
      engine_p99_ms: round(all.engine.p99),
      sqlite_p50_ms: round(all.sqlite.p50),
      sqlite_p99_ms: round(all.sqlite.p99),
      postgres_p50_ms: of("postgres", all.postgres.p50),
      postgres_p99_ms: of("postgres", all.postgres.p99),
      engine_cpu_p50_ms: round(allCpu.engine.p50),
      engine_cpu_p99_ms: round(allCpu.engine.p99),
      sqlite_cpu_p50_ms: round(allCpu.sqlite.p50),
      sqlite_cpu_p99_ms: round(allCpu.sqlite.p99),
      mix_engine_p50_ms: round(mixStats.engine.p50),
      mix_engine_p99_ms: round(mixStats.engine.p99),
      mix_engine_cpu_p50_ms: round(mixEngineCpu.p50),
      mix_engine_cpu_p99_ms: round(mixEngineCpu.p99),
      mix_sqlite_p50_ms: round(mixStats.sqlite.p50),
      mix_postgres_p50_ms: of("postgres", mixStats.postgres.p50),
      build_cpu_s: round(buildCpuSeconds),
      build_s: round(buildSeconds),
      // The same build in the archive server's own process (a fresh heap, as at start).
      server_build_s: round(http.buildSeconds),
      bytes_per_work: Math.round(bytesPerWork),
      rss_bytes_per_work: Math.round(rssGrowth / engine.size),
      text_search: text.mode,
      pg_variant: postgres ? pgVariant : null,
      http_rps: round(http.rps),
      http_p99_ms: http.p99Ms,
      http_failures: http.failures,
      machine_speed_ms: [Math.round(speedBefore), Math.round(speedAfter)],
      without: TARGETS.filter((t) => !targets.includes(t)),
    }),
  );
}

/** (d)'s text step alone, within the runs timed above: how much of each target's time it takes. */
function textStep(
  nq: NamedQuery,
  targets: Target[],
  textTimes: Record<Target, number[]>,
  runs: Record<Target, Timing>,
): string {
  const part = (t: Target) => {
    const step = summarize(textTimes[t]);
    const name = t === "engine" ? "engine (SQLite FTS5)" : NAMES[t];
    return `${name} ${ms(step.p50)} / ${ms(step.p99)} (${Math.round((100 * step.p50) / runs[t].p50)}% of its p50)`;
  };
  return (
    `${nq.key}) the text search alone (candidates, unordered, from each target's own database), p50 / p99 ms: ` +
    targets.map(part).join("; ")
  );
}
