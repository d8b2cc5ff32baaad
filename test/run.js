#!/usr/bin/env node
// Runs every *.test.ts / *.test.tsx under src/ and test/ with Node's test runner (through tsx).
// `--no-browser` leaves out the Chromium journeys in test/e2e/ and the *-browser tests. Extra
// arguments filter by path.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
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

let files = [...walk("src"), ...walk("test")].sort();
if (noBrowser)
  files = files.filter((f) => !f.startsWith(join("test", "e2e")) && !/-browser\.test\.tsx?$/.test(f));
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
