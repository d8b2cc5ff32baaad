#!/usr/bin/env node
// Runs every *.test.ts / *.test.tsx under src/ and test/ with Node's test runner (through tsx).
// `--no-browser` leaves out the tests that drive Chromium (test/e2e/ and *-browser.test.ts files);
// so does a machine without Chromium, with one line saying so. Extra arguments filter by path.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

const args = process.argv.slice(2);
const noBrowser = args.includes("--no-browser");
const filters = args.filter((a) => !a.startsWith("--"));

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    if (name === "node_modules" || name.startsWith(".")) continue;
    const path = join(dir, name);
    if (statSync(path).isDirectory()) walk(path, out);
    else if (/\.test\.tsx?$/.test(name)) out.push(path);
  }
  return out;
}

const needsBrowser = (f) => f.startsWith(join("test", "e2e")) || /-browser\.test\.tsx?$/.test(f);
// The same path as test/helpers/chromium.ts.
const chromium = process.env.QUIRE_CHROMIUM || "/usr/bin/chromium";

let files = [...walk("src"), ...walk("test")].sort();
if (noBrowser) files = files.filter((f) => !needsBrowser(f));
else if (!existsSync(chromium)) {
  files = files.filter((f) => !needsBrowser(f));
  console.log(
    `Browser tests left out: no Chromium at ${chromium} (apt-get install chromium, or set QUIRE_CHROMIUM).`,
  );
}
if (filters.length) files = files.filter((f) => filters.some((x) => f.includes(x)));
if (files.length === 0) {
  console.error("no test files matched");
  process.exit(1);
}
console.log(
  `Running ${files.length} test files${process.env.DATABASE_URL ? " (SQLite and PostgreSQL)" : " (SQLite)"}`,
);
const result = spawnSync(
  process.execPath,
  ["--import", "tsx", "--test", "--test-concurrency=2", "--test-reporter=spec", ...files],
  { stdio: "inherit", env: { ...process.env, NODE_ENV: "test" } },
);
process.exit(result.status ?? 1);
