// Browser journeys run against the real server: the app served over a socket on 127.0.0.1, a fresh
// SQLite archive in a temporary DATA_DIR, and Chromium (test/helpers/chromium.ts) driven by
// playwright-core.
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { createApp } from "../../src/app";
import { readConfig } from "../../src/config";
import type { Deps } from "../../src/context";
import { openSqlite } from "../../src/db/connection";
import { migrateToLatest } from "../../src/db/migrate";
import { makeDeps } from "../../src/deps";
import { prepareArchive } from "../../src/setup";
import { ArchiveIndex } from "../../src/tagengine/load/archive";
import { TEST_HASH_COST } from "../helpers/archive";
import { launchChromium } from "../helpers/chromium";

export const ADMIN_PASSWORD = "journey admin password";

export interface Journey {
  /** http://127.0.0.1:<port> */
  baseURL: string;
  deps: Deps;
  db: Deps["db"];
  browser: Browser;
  /** Brings the tag engine up to date with rows that factories wrote straight to the database. */
  refreshIndex(): Promise<number>;
  /** A new browser context (its own cookies), JavaScript on, relative URLs against the server. */
  newPage(opts?: { width?: number; height?: number }): Promise<Page>;
  /** Runs a test body; when it throws, saves a screenshot of every open page under test-results/. */
  guard(name: string, body: () => Promise<void>): Promise<void>;
  close(): Promise<void>;
}

/** Starts a fresh archive and a browser. Call `close()` in `after`. */
export async function startJourney(): Promise<Journey> {
  const dataDir = mkdtempSync(join(tmpdir(), "quire-e2e-"));
  const env = {
    DATA_DIR: dataDir,
    QUIRE_DEMO: "0",
    QUIRE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    HOST: "127.0.0.1",
    PORT: "0",
  };
  const config = readConfig(env);
  const database = openSqlite(join(dataDir, "quire.sqlite"));
  await migrateToLatest(database.db);
  const deps = makeDeps(database, config, TEST_HASH_COST);
  await prepareArchive(deps, () => {});
  // As the server does: the index is built at start; works written straight to the database by
  // factories reach it through `refreshIndex()` (the app catches up after its own writes).
  deps.index = await ArchiveIndex.build(deps.db);
  const app = createApp(deps);

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  const baseURL = `http://127.0.0.1:${port}`;

  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];

  return {
    baseURL,
    deps,
    db: deps.db,
    browser,
    refreshIndex: () => deps.index.catchUp(deps.db),
    async newPage(opts = {}) {
      const context = await browser.newContext({
        baseURL,
        javaScriptEnabled: true,
        viewport: { width: opts.width ?? 1024, height: opts.height ?? 768 },
      });
      context.setDefaultTimeout(10_000);
      contexts.push(context);
      return context.newPage();
    },
    async guard(name, body) {
      const first = contexts.length;
      try {
        await body();
      } catch (err) {
        mkdirSync("test-results", { recursive: true });
        const base = name.replace(/[^\w-]+/g, "-").slice(0, 80);
        let i = 0;
        for (const context of contexts.slice(first)) {
          for (const page of context.pages()) {
            if (page.isClosed()) continue;
            const path = join("test-results", `${base}-${++i}.png`);
            await page.screenshot({ path, fullPage: true }).catch(() => {});
            console.error(`${name}: screenshot of ${page.url()} saved to ${path}`);
          }
        }
        throw err;
      }
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => {});
      await browser.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await database.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
