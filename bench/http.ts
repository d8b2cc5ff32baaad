// Requests a second on the browse page over HTTP: the whole app (routing, query-string parsing, the
// tag engine, the page's blurbs from SQL, rendering) served on 127.0.0.1 from the SQLite corpus by
// a server process of its own (bench/serve.ts), loaded by autocannon from this process.
import { type ChildProcess, fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import autocannon from "autocannon";
import { sql } from "kysely";
import { openSqlite } from "../src/db/connection";
import { tagIdParam } from "../src/features/browse/schema";
import { progressLine } from "../src/lib/progress";
import { rng } from "./random";
import type { ServerMessage, ServerRequest } from "./serve";
import { ms, percentile } from "./stats";

export interface HttpOptions {
  /** The SQLite corpus file; it is only read. */
  path: string;
  seed: number;
  seconds?: number;
  connections?: number;
  /** How many of the biggest fandoms the listings rotate through. */
  fandoms?: number;
  /** Length of the untimed run before the timed one; 3 s by default. */
  warmupSeconds?: number;
  /** Length of the one-connection run; `seconds` by default, 0 leaves it out. */
  singleSeconds?: number;
  /** Writes a CPU profile of the server's request handling (not its start) to this file. */
  profile?: string;
}

/** The figures of one timed load run. */
export interface HttpRun {
  connections: number;
  seconds: number;
  /** Mean requests a second over the run. */
  rps: number;
  p50Ms: number;
  p975Ms: number;
  p99Ms: number;
  /** Answered requests. */
  requests: number;
  /** Answers other than 200, plus connection errors and timeouts: a sound run has none. */
  failures: number;
  /** Distinct URLs asked for in this run. */
  distinctUrls: number;
  /** The server's own CPU time per answered request, which a busy machine inflates less. */
  serverCpuMs: number;
}

export interface HttpResult {
  /** The run with `connections` connections: */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  failures: number;
  /** URLs in the rotation. */
  urls: number;
  p975Ms: number;
  connections: number;
  distinctUrls: number;
  serverCpuMs: number;
  /** The same URLs over one connection: each request alone, through a real socket. */
  single: HttpRun | null;
  /** The server's index build, and its memory once built. */
  works: number;
  buildSeconds: number;
  serverRssBytes: number;
  /** Of the rotation's URLs, those whose page lists at least one work. */
  urlsWithWorks: number;
  meanPageBytes: number;
}

function say(text: string): void {
  process.stderr.write(`${text}\n`);
}

/**
 * The listing URLs: one of the biggest fandoms included, one rating included, one warning
 * excluded, for every combination. Each combination is its own facet-cache entry, so the rotation
 * makes the engine count sidebars afresh until the whole mix has been seen once.
 */
export async function listingUrls(path: string, fandoms: number, seed: number) {
  const database = openSqlite(path);
  const db = database.db;
  try {
    const ids = async (type: string, limit: number) =>
      (
        await sql<{ id: number }>`select t.id from filter_tag_counts c join tags t on t.id = c.tag_id
        where t.type = ${type} and not exists (select 1 from meta_tags m where m.meta_id = t.id)
        order by c.n desc, t.id limit ${limit}`.execute(db)
      ).rows.map((r) => Number(r.id));
    const [fandomIds, ratingIds, warningIds] = [
      await ids("fandom", fandoms),
      await ids("rating", 20),
      await ids("warning", 20),
    ];
    const urls: string[] = [];
    for (const fandom of fandomIds)
      for (const rating of ratingIds)
        for (const warning of warningIds) {
          const params = new URLSearchParams();
          params.append(tagIdParam("include", "fandom"), String(fandom));
          params.append(tagIdParam("include", "rating"), String(rating));
          params.append(tagIdParam("exclude", "warning"), String(warning));
          urls.push(`/works?${params}`);
        }
    // Shuffled, so that consecutive requests ask for different fandoms.
    const random = rng(seed);
    for (let i = urls.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [urls[i], urls[j]] = [urls[j]!, urls[i]!];
    }
    return urls;
  } finally {
    await database.close();
  }
}

export interface ArchiveServer {
  base: string;
  works: number;
  buildSeconds: number;
  rssBytes: number;
  /** The server process's CPU time so far, in ms. */
  cpuMs(): Promise<number>;
  /** The server process's resident memory now, in bytes. */
  rssNow(): Promise<number>;
  stop(): Promise<void>;
}

const SERVE = fileURLToPath(new URL("./serve.ts", import.meta.url));

/**
 * Starts bench/serve.ts and waits until it listens, drawing its index build as a progress line.
 * The server is killed when this process exits, fails or is interrupted, and exits by itself
 * when this process goes away.
 */
export async function startServer(path: string, profile: string | undefined): Promise<ArchiveServer> {
  const child: ChildProcess = fork(SERVE, profile ? [path, profile] : [path], {
    execArgv: ["--import", import.meta.resolve("tsx")],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const alive = () => child.exitCode === null && child.signalCode === null;
  const kill = () => {
    if (alive()) child.kill("SIGKILL");
  };
  const interrupted = (signal: NodeJS.Signals) => {
    kill();
    process.exit(signal === "SIGINT" ? 130 : 143);
  };
  process.on("exit", kill);
  process.on("SIGINT", interrupted);
  process.on("SIGTERM", interrupted);
  const forget = () => {
    process.off("exit", kill);
    process.off("SIGINT", interrupted);
    process.off("SIGTERM", interrupted);
  };
  const exited = new Promise<never>((_, reject) =>
    child.once("exit", (code, signal) => reject(new Error(`http: the server exited (${signal ?? code})`))),
  );
  exited.catch(() => {});
  /** The next message of this kind, or the server's end. */
  const next = <K extends ServerMessage["kind"]>(kind: K) =>
    Promise.race([
      exited,
      new Promise<Extract<ServerMessage, { kind: K }>>((resolve) => {
        const on = (m: ServerMessage) => {
          if (m.kind !== kind) return;
          child.off("message", on);
          resolve(m as Extract<ServerMessage, { kind: K }>);
        };
        child.on("message", on);
      }),
    ]);

  say(`http: server pid ${child.pid} is opening ${path} and building the index`);
  // The line the archive's own server draws while it indexes, timed from the server's start.
  const drawProgress = progressLine("http: server indexing works");
  const onMessage = (m: ServerMessage) => {
    if (m.kind === "progress") drawProgress(m.done, m.total);
    else if (m.kind === "failed") say(`http: the server failed:\n${m.message}`);
  };
  child.on("message", onMessage);
  try {
    const ready = await next("ready");
    return {
      base: `http://127.0.0.1:${ready.port}`,
      works: ready.works,
      buildSeconds: ready.buildSeconds,
      rssBytes: ready.rssBytes,
      cpuMs: async () => {
        const answer = next("cpu");
        child.send({ kind: "cpu" } satisfies ServerRequest);
        return (await answer).ms;
      },
      rssNow: async () => {
        const answer = next("cpu");
        child.send({ kind: "cpu" } satisfies ServerRequest);
        return (await answer).rssBytes;
      },
      stop: async () => {
        if (alive()) {
          child.send({ kind: "stop" } satisfies ServerRequest);
          // Writing a profile takes a moment; past that the server is killed.
          const timer = setTimeout(kill, 30_000);
          await exited.catch(() => {});
          clearTimeout(timer);
        }
        forget();
      },
    };
  } catch (e) {
    kill();
    forget();
    throw e;
  }
}

/** Asks for every URL once: each must answer 200. Returns what the pages hold. */
async function checkUrls(base: string, urls: string[], connections: number) {
  const bad: string[] = [];
  let withWorks = 0;
  let bytes = 0;
  let i = 0;
  const worker = async () => {
    while (i < urls.length) {
      const url = urls[i++]!;
      const res = await fetch(base + url);
      const page = await res.text();
      if (res.status !== 200) bad.push(`${url} answered ${res.status}`);
      if (page.includes('class="work blurb')) withWorks++;
      bytes += Buffer.byteLength(page);
    }
  };
  await Promise.all(Array.from({ length: Math.min(connections, urls.length) }, worker));
  if (bad.length > 0)
    throw new Error(`http: ${bad.length} of ${urls.length} listing URLs did not answer 200, e.g. ${bad[0]}`);
  return { withWorks, meanPageBytes: bytes / urls.length };
}

/** The URLs in the order they are asked for, and where the next run goes on from. */
interface Rotation {
  urls: string[];
  next: number;
}

/**
 * One autocannon run, going on through the rotation where the last run stopped: with more URLs
 * than the engine's facet cache holds, no run meets a sidebar that an earlier run counted.
 * Latencies are taken per answer, to the microsecond.
 */
async function load(server: ArchiveServer, rotation: Rotation, connections: number, seconds: number) {
  const { urls } = rotation;
  const first = rotation.next;
  const latencies: number[] = [];
  let notOk = 0;
  const cpu0 = await server.cpuMs();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: server.base,
        connections,
        duration: seconds,
        requests: [
          {
            method: "GET",
            // One rotation shared by every connection.
            setupRequest: (req) => ({ ...req, path: urls[rotation.next++ % urls.length]! }),
          },
        ],
      },
      (err, r) => (err ? reject(err) : resolve(r)),
    );
    instance.on("response", (_client: unknown, status: number, _bytes: number, ms: number) => {
      if (status === 200) latencies.push(ms);
      else notOk++;
    });
  });
  const cpu = (await server.cpuMs()) - cpu0;
  latencies.sort((a, b) => a - b);
  const answered = latencies.length + notOk;
  return {
    connections,
    seconds,
    rps: result.requests.average,
    p50Ms: percentile(latencies, 50),
    p975Ms: percentile(latencies, 97.5),
    p99Ms: percentile(latencies, 99),
    requests: answered,
    // autocannon counts timeouts among its errors.
    failures: notOk + result.errors,
    distinctUrls: Math.min(rotation.next - first, urls.length),
    serverCpuMs: answered > 0 ? cpu / answered : Number.NaN,
  } satisfies HttpRun;
}

/** Serves the app from the corpus in a child process and loads the browse page from this one. */
export async function httpBench(opts: HttpOptions): Promise<HttpResult> {
  const seconds = opts.seconds ?? 10;
  const connections = opts.connections ?? 10;
  const server = await startServer(opts.path, opts.profile);
  try {
    const urls = await listingUrls(opts.path, opts.fandoms ?? 5, opts.seed);
    if (urls.length === 0) throw new Error("http: the corpus has no fandom, rating or warning tags");
    say(
      `http: ${server.works.toLocaleString("en")} works indexed in ${server.buildSeconds.toFixed(1)} s; ` +
        `checking ${urls.length} listing URLs against ${server.base}`,
    );
    const check = await checkUrls(server.base, urls, connections);
    const rotation: Rotation = { urls, next: 0 };
    const warmup = Math.min(opts.warmupSeconds ?? 3, seconds);
    if (warmup > 0) {
      say(`http: warming up for ${warmup} s`);
      const w = await load(server, rotation, connections, warmup);
      if (w.failures > 0) throw new Error(`http: ${w.failures} requests failed while warming up`);
    }
    say(`http: ${connections} connections for ${seconds} s`);
    const many = await load(server, rotation, connections, seconds);
    const singleSeconds = opts.singleSeconds ?? seconds;
    let single: HttpRun | null = null;
    if (singleSeconds > 0) {
      say(`http: 1 connection for ${singleSeconds} s`);
      single = await load(server, rotation, 1, singleSeconds);
    }
    return {
      rps: many.rps,
      p50Ms: many.p50Ms,
      p99Ms: many.p99Ms,
      requests: many.requests,
      failures: many.failures,
      urls: urls.length,
      p975Ms: many.p975Ms,
      connections,
      distinctUrls: many.distinctUrls,
      serverCpuMs: many.serverCpuMs,
      single,
      works: server.works,
      buildSeconds: server.buildSeconds,
      serverRssBytes: server.rssBytes,
      urlsWithWorks: check.withWorks,
      meanPageBytes: check.meanPageBytes,
    };
  } finally {
    await server.stop();
    if (opts.profile) say(`http: server CPU profile written to ${opts.profile}`);
  }
}

function describeRun(r: Omit<HttpRun, "seconds">): string {
  return (
    `${r.connections} connection${r.connections === 1 ? "" : "s"}: ${r.rps.toFixed(1)} requests a second, ` +
    `p50 ${ms(r.p50Ms)} ms, p97.5 ${ms(r.p975Ms)} ms, p99 ${ms(r.p99Ms)} ms; ` +
    `${r.requests.toLocaleString("en")} requests over ${r.distinctUrls} distinct URLs, ${r.failures} failed; ` +
    `server CPU ${ms(r.serverCpuMs)} ms a request`
  );
}

export function describeHttp(r: HttpResult): string {
  const lines = [
    `HTTP GET /works (fandom + rating - warning, ${r.urls} URLs in rotation, ${r.urlsWithWorks} of them with works, ` +
      `${(r.meanPageBytes / 1024).toFixed(0)} KiB a page) from a server process of its own ` +
      `(${r.works.toLocaleString("en")} works indexed in ${r.buildSeconds.toFixed(1)} s, RSS ${(r.serverRssBytes / 2 ** 20).toFixed(0)} MiB):`,
    `  ${describeRun(r)}`,
  ];
  if (r.single) lines.push(`  ${describeRun(r.single)}`);
  return lines.join("\n");
}
