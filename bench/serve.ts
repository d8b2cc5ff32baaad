// The archive server for the HTTP benchmark, in a process of its own so that the load generator
// does not share its event loop: builds the index from a corpus file, serves the app on a random
// loopback port, and talks to the benchmark (its parent) over the IPC channel.
//   node --import tsx bench/serve.ts <corpus.sqlite> [profile.cpuprofile]   (started by bench/http.ts)
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { createApp } from "../src/app";
import { readConfig } from "../src/config";
import { openSqlite } from "../src/db/connection";
import { makeDeps } from "../src/deps";
import { ArchiveIndex } from "../src/tagengine/load/archive";

/** What the server tells the benchmark. */
export type ServerMessage =
  | { kind: "progress"; done: number; total: number }
  | { kind: "ready"; port: number; buildSeconds: number; works: number; rssBytes: number }
  | { kind: "cpu"; ms: number; rssBytes: number }
  | { kind: "failed"; message: string };

/** What the benchmark asks of the server: its CPU time so far (and memory now), or to stop. */
export type ServerRequest = { kind: "cpu" } | { kind: "stop" };

const [path, profilePath] = process.argv.slice(2);
if (!process.send || !path || !existsSync(path)) {
  console.error("bench/serve.ts is started by the HTTP benchmark (bench/http.ts), with a corpus file");
  process.exit(2);
}
const send = (m: ServerMessage) => process.send!(m);
// The benchmark went away (finished, crashed or was killed): nothing is left to serve.
process.on("disconnect", () => process.exit(0));

// Nothing is written to the data directory; the app only needs one to exist in its config. Only
// the corpus is opened: no migrations, no demo content, no admin account.
const dataDir = mkdtempSync(join(tmpdir(), "quire-bench-serve-"));
process.on("exit", () => rmSync(dataDir, { recursive: true, force: true }));
const config = readConfig({ DATA_DIR: dataDir, QUIRE_DEMO: "0", HOST: "127.0.0.1", PORT: "0" });
const database = openSqlite(path);

try {
  const deps = makeDeps(database, config);
  const t = performance.now();
  let last = 0;
  deps.index = await ArchiveIndex.build(deps.db, (done, total) => {
    // At most a few messages a second: the parent only redraws a progress line.
    const now = performance.now();
    if (done < total && now - last < 200) return;
    last = now;
    send({ kind: "progress", done, total });
  });
  const buildSeconds = (performance.now() - t) / 1000;
  const app = createApp(deps);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  // Profiled from here on: the requests, not the build.
  const profiler = profilePath ? new Session() : null;
  if (profiler) {
    profiler.connect();
    await profiler.post("Profiler.enable");
    await profiler.post("Profiler.start");
  }
  process.on("message", async (m: ServerRequest) => {
    if (m.kind === "cpu") {
      const used = process.cpuUsage();
      send({ kind: "cpu", ms: (used.user + used.system) / 1000, rssBytes: process.memoryUsage().rss });
    } else if (m.kind === "stop") {
      if (profiler && profilePath) {
        const { profile } = await profiler.post("Profiler.stop");
        writeFileSync(profilePath, JSON.stringify(profile));
      }
      server.close();
      await database.close();
      process.exit(0);
    }
  });
  send({
    kind: "ready",
    port: (server.address() as AddressInfo).port,
    buildSeconds,
    works: deps.index.engine.size,
    rssBytes: process.memoryUsage().rss,
  });
} catch (e) {
  const message = e instanceof Error ? (e.stack ?? e.message) : String(e);
  process.send({ kind: "failed", message } satisfies ServerMessage, undefined, {}, () => process.exit(1));
}
