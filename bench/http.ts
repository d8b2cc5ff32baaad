// Requests a second on the browse page over HTTP: the whole app (routing, query-string parsing, the
// tag engine, the page's blurbs from SQL, rendering) served on 127.0.0.1 from the SQLite corpus.
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import autocannon from "autocannon";
import { sql } from "kysely";
import { createApp } from "../src/app";
import { readConfig } from "../src/config";
import { openSqlite } from "../src/db/connection";
import { makeDeps } from "../src/deps";
import { tagIdParam } from "../src/features/browse/schema";
import { ArchiveIndex } from "../src/tagengine/archive";
import { rng } from "./random";

export interface HttpOptions {
  /** The SQLite corpus file; it is only read. */
  path: string;
  seed: number;
  seconds?: number;
  connections?: number;
  /** How many of the biggest fandoms the listings rotate through. */
  fandoms?: number;
}

export interface HttpResult {
  /** Mean requests a second over the run. */
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Answers that were not 2xx, plus connection errors and timeouts: a sound run has none. */
  failures: number;
  urls: number;
}

function say(text: string): void {
  process.stderr.write(`${text}\n`);
}

/**
 * The listing URLs: one of the biggest fandoms included, one rating included, one warning
 * excluded, for every combination. Each combination is its own facet-cache entry, so the rotation
 * makes the engine count sidebars afresh until the whole mix has been seen once.
 */
async function listingUrls(db: ReturnType<typeof openSqlite>["db"], fandoms: number, seed: number) {
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
}

/** Serves the app in this process on a random loopback port and loads the browse page. */
export async function httpBench(opts: HttpOptions): Promise<HttpResult> {
  const seconds = opts.seconds ?? 10;
  const connections = opts.connections ?? 10;
  // Nothing is written to the data directory; the app only needs one to exist in its config.
  const dataDir = mkdtempSync(join(tmpdir(), "quire-bench-http-"));
  const config = readConfig({ DATA_DIR: dataDir, QUIRE_DEMO: "0", HOST: "127.0.0.1", PORT: "0" });
  const database = openSqlite(opts.path);
  try {
    const deps = makeDeps(database, config);
    const t = performance.now();
    deps.index = await ArchiveIndex.build(deps.db);
    say(`http: index built in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    const urls = await listingUrls(deps.db, opts.fandoms ?? 5, opts.seed);
    if (urls.length === 0) throw new Error("http: the corpus has no fandom, rating or warning tags");
    const app = createApp(deps);
    const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
    });
    try {
      const { port } = server.address() as AddressInfo;
      const base = `http://127.0.0.1:${port}`;
      // A few requests first: the page must answer 200, and the code paths get compiled.
      for (const url of urls.slice(0, 10)) {
        const res = await fetch(base + url);
        await res.text();
        if (res.status !== 200) throw new Error(`http: ${url} answered ${res.status}`);
      }
      say(`http: ${urls.length} listing URLs, ${connections} connections for ${seconds} s against ${base}`);
      let next = 0;
      const result = await autocannon({
        url: base,
        connections,
        duration: seconds,
        requests: [
          {
            method: "GET",
            // One rotation shared by every connection.
            setupRequest: (req) => ({ ...req, path: urls[next++ % urls.length]! }),
          },
        ],
      });
      return {
        rps: result.requests.average,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        requests: result.requests.total,
        failures: result.non2xx + result.errors + result.timeouts,
        urls: urls.length,
      };
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  } finally {
    await database.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function describeHttp(r: HttpResult): string {
  return (
    `HTTP GET /works (fandom + rating - warning, ${r.urls} URLs in rotation): ` +
    `${r.rps.toFixed(0)} requests a second, p50 ${r.p50Ms} ms, p99 ${r.p99Ms} ms, ` +
    `${r.requests.toLocaleString("en")} requests, ${r.failures} failed`
  );
}
