// Text search, SQLite FTS5 beside PostgreSQL tsvector, on the same generated corpus.
//   npx tsx bench/textsearch.ts --works 100000 [--words 200] [--runs 20]
// Builds a fresh SQLite file and (when DATABASE_URL is set) a fresh PostgreSQL database, loads N
// works with bulk inserts (the database's triggers index them as they arrive), then prints the
// p50/p99 of a few kinds of query on each. Figures only: nothing here passes or fails.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { type Kysely, sql } from "kysely";
import { type Db, openPostgres, openSqlite } from "../src/db/connection";
import { migrateToLatest } from "../src/db/migrate";
import type { Database } from "../src/db/types";
import { makeTextSearch, type TextSearchScope } from "../src/search/textsearch";
import { createPostgresDatabase } from "../test/helpers/archive";

const { values: args } = parseArgs({
  options: {
    works: { type: "string", default: "100000" },
    words: { type: "string", default: "200" },
    runs: { type: "string", default: "20" },
  },
});
const WORKS = Number(args.works);
const CHAPTER_WORDS = Number(args.words);
const RUNS = Number(args.runs);

// ---- corpus ------------------------------------------------------------------------------------

function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SYLLABLES = "ka ri mo te lu sa ne vo bi da zu po el an or is um ye wa qu".split(" ");
/** The word of rank r: distinct for every r, pronounceable enough to read in a result. */
function word(r: number): string {
  let s = "";
  let n = r + SYLLABLES.length;
  while (n > 0) {
    s += SYLLABLES[n % SYLLABLES.length];
    n = Math.floor(n / SYLLABLES.length);
  }
  return s;
}

/** Samples ranks 0..size-1 with Zipf weights 1/(r+1). */
function zipf(size: number, random: () => number): () => number {
  const cumulative = new Float64Array(size);
  let total = 0;
  for (let r = 0; r < size; r++) cumulative[r] = total += 1 / (r + 1);
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = size - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const VOCABULARY = 30_000;
const TAGS = 5_000;
const USERS = Math.max(10, Math.floor(WORKS / 10));
const CJK_SHARE = 0.03;
// The same corpus for each database: load() starts the generator afresh.
let random = mulberry32(42);
let wordRank = zipf(VOCABULARY, random);
let tagRank = zipf(TAGS, random);
let hanRank = zipf(3_000, random);
const han = (r: number) => String.fromCodePoint(0x4e00 + ((r * 7919) % 20_000));

function sentence(n: number, cjk: boolean): string {
  if (cjk) return Array.from({ length: n * 2 }, () => han(hanRank())).join("");
  return Array.from({ length: n }, () => word(wordRank())).join(" ");
}

async function load(db: Kysely<Database>): Promise<number> {
  random = mulberry32(42);
  wordRank = zipf(VOCABULARY, random);
  tagRank = zipf(TAGS, random);
  hanRank = zipf(3_000, random);
  const started = performance.now();
  const now = Date.now();
  for (let start = 0; start < USERS; start += 1000) {
    const users = await db
      .insertInto("users")
      .values(
        Array.from({ length: Math.min(1000, USERS - start) }, (_, k) => {
          const login = `writer${start + k}`;
          return {
            login,
            login_key: login,
            email: `${login}@bench`,
            email_key: `${login}@bench`,
            password_hash: "",
            created_at: now,
          };
        }),
      )
      .returning(["id", "login"])
      .execute();
    await db
      .insertInto("pseuds")
      .values(
        users.map((u) => ({
          user_id: u.id,
          name: u.login,
          name_key: u.login,
          is_default: 1,
          created_at: now,
        })),
      )
      .execute();
  }
  const pseuds = (await db.selectFrom("pseuds").select("id").execute()).map((p) => p.id);
  const tagIds: number[] = [];
  for (let start = 0; start < TAGS; start += 1000) {
    const rows = await db
      .insertInto("tags")
      .values(
        Array.from({ length: Math.min(1000, TAGS - start) }, (_, k) => {
          const name = `${word(start + k)} ${word(VOCABULARY - start - k)}`;
          return { type: "freeform" as const, name, name_key: name, created_at: now };
        }),
      )
      .returning("id")
      .execute();
    tagIds.push(...rows.map((r) => r.id));
  }
  const BATCH = 500;
  const tenth = Math.max(BATCH, Math.ceil(WORKS / 10 / BATCH) * BATCH);
  for (let start = 0; start < WORKS; start += BATCH) {
    if (start > 0 && start % tenth === 0) {
      const seconds = ((performance.now() - started) / 1000).toFixed(0);
      process.stdout.write(`  ${start} works, ${seconds} s\n`);
    }
    const n = Math.min(BATCH, WORKS - start);
    const cjk = Array.from({ length: n }, () => random() < CJK_SHARE);
    await db.transaction().execute(async (trx) => {
      const works = await trx
        .insertInto("works")
        .values(
          cjk.map((c) => ({
            title: sentence(2 + Math.floor(random() * 4), c),
            summary: `<p>${sentence(20 + Math.floor(random() * 30), c)}</p>`,
            anonymous: random() < 0.05 ? (1 as const) : (0 as const),
            posted: 1 as const,
            created_at: now,
            posted_at: now,
            updated_at: now,
          })),
        )
        .returning("id")
        .execute();
      await trx
        .insertInto("chapters")
        .values(
          works.map((w, k) => ({
            work_id: w.id,
            position: 1,
            body: `<p>${sentence(CHAPTER_WORDS / 2, cjk[k]!)}</p>\n<p><em>${sentence(CHAPTER_WORDS / 2, cjk[k]!)}</em></p>`,
            posted: 1 as const,
            created_at: now,
            updated_at: now,
            posted_at: now,
          })),
        )
        .execute();
      await trx
        .insertInto("creatorships")
        .values(
          works.map((w) => ({
            work_id: w.id,
            pseud_id: pseuds[Math.floor(random() * pseuds.length)]!,
            approved: 1,
            created_at: now,
          })),
        )
        .execute();
      const taggings = works.flatMap((w) => {
        const chosen = new Set(
          Array.from({ length: 4 + Math.floor(random() * 12) }, () => tagIds[tagRank()]!),
        );
        return [...chosen].map((tag_id) => ({ work_id: w.id, tag_id }));
      });
      await trx.insertInto("taggings").values(taggings).execute();
    });
  }
  return performance.now() - started;
}

// ---- queries -----------------------------------------------------------------------------------

interface Kind {
  name: string;
  scope: TextSearchScope;
  /** The i-th query of this kind (runs vary the words, not only repeat them). */
  query: (i: number) => string;
}

const KINDS: Kind[] = [
  { name: "works: frequent word (rank 1-20)", scope: "works", query: (i) => word(1 + (i % 20)) },
  { name: "works: middling word (rank ~500)", scope: "works", query: (i) => word(500 + i) },
  { name: "works: rare word (rank ~20k)", scope: "works", query: (i) => word(20_000 + i) },
  { name: "works: two words", scope: "works", query: (i) => `${word(5 + i)} ${word(300 + i)}` },
  { name: "works: phrase", scope: "works", query: (i) => `"${word(2 + i)} ${word(3 + i)}"` },
  { name: "works: prefix of 4 letters", scope: "works", query: (i) => `${word(40 + i).slice(0, 4)}*` },
  { name: "works: OR", scope: "works", query: (i) => `${word(200 + i)} OR ${word(900 + i)}` },
  { name: "works: word -exclusion", scope: "works", query: (i) => `${word(100 + i)} -${word(1 + i)}` },
  { name: "works: writer login", scope: "works", query: (i) => `writer${(i * 37) % USERS}` },
  { name: "works: CJK two characters", scope: "works", query: (i) => han(i) + han(i + 1) },
  { name: "chapters: frequent word", scope: "chapters", query: (i) => word(1 + (i % 20)) },
  { name: "chapters: rare word", scope: "chapters", query: (i) => word(20_000 + i) },
  { name: "chapters: phrase", scope: "chapters", query: (i) => `"${word(2 + i)} ${word(3 + i)}"` },
  { name: "chapters: CJK one character", scope: "chapters", query: (i) => han(i) },
];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

interface Figures {
  p50: number;
  p99: number;
  hits: number;
}

async function measure(database: Db): Promise<Map<string, Figures>> {
  const search = makeTextSearch(database.db, database.dialect);
  const out = new Map<string, Figures>();
  for (const kind of KINDS) {
    await search.search(kind.query(0), { scope: kind.scope }); // warm up
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < RUNS; i++) {
      const started = performance.now();
      const ids = await search.search(kind.query(i), { scope: kind.scope });
      times.push(performance.now() - started);
      hits += ids.length;
    }
    times.sort((a, b) => a - b);
    out.set(kind.name, {
      p50: percentile(times, 50),
      p99: percentile(times, 99),
      hits: Math.round(hits / RUNS),
    });
  }
  return out;
}

// ---- main --------------------------------------------------------------------------------------

async function bench(label: string, database: Db): Promise<Map<string, Figures>> {
  await migrateToLatest(database.db);
  const ms = await load(database.db);
  // As autovacuum would after a bulk load: statistics, and GIN's pending list merged into the
  // index (otherwise every query scans it).
  await sql.raw(database.dialect === "postgres" ? "vacuum analyze" : "analyze").execute(database.db);
  console.log(
    `${label}: loaded ${WORKS} works in ${(ms / 1000).toFixed(1)} s (${Math.round(WORKS / (ms / 1000))} works/s)`,
  );
  return measure(database);
}

const results: [string, Map<string, Figures>][] = [];
console.log(
  `corpus: ${WORKS} works, ${CHAPTER_WORDS} words a chapter, ${RUNS} runs a query kind, limit 10,000`,
);

const dir = mkdtempSync(join(tmpdir(), "quire-bench-"));
const sqlite = openSqlite(join(dir, "bench.sqlite"));
try {
  results.push(["SQLite", await bench("SQLite", sqlite)]);
} finally {
  await sqlite.close();
  rmSync(dir, { recursive: true, force: true });
}

if (process.env.DATABASE_URL?.startsWith("postgres")) {
  const { url, drop } = await createPostgresDatabase();
  const postgres = openPostgres(url);
  try {
    results.push(["PostgreSQL", await bench("PostgreSQL", postgres)]);
  } finally {
    await postgres.close();
    await drop();
  }
} else {
  console.log("PostgreSQL: skipped (set DATABASE_URL=postgres://... to compare)");
}

const fmt = (n: number) => n.toFixed(2).padStart(8);
console.log(
  `\n${"query".padEnd(36)}${results.map(([l]) => `${l.padStart(18)} p50 / p99 ms   hits`).join("")}`,
);
for (const kind of KINDS) {
  const cells = results.map(([, m]) => {
    const f = m.get(kind.name)!;
    return `${fmt(f.p50)} / ${fmt(f.p99)}  ${String(f.hits).padStart(8)}`;
  });
  console.log(`${kind.name.padEnd(36)}${cells.map((c) => c.padStart(38)).join("")}`);
}
