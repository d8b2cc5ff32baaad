// Tag autocomplete benchmark: fills a fresh SQLite archive with N realistic tag names (and some
// works carrying them, so that uses rank), then times random word-prefix lookups end to end
// through the app (`GET /autocomplete/tag?term=…`) and through the in-memory index alone.
//
//   npx tsx bench/autocomplete.ts --tags 100000 [--works 20000] [--lookups 2000] [--seed 7]
//
// Prints figures and ends with one line of JSON. Never part of the test run.
import { mkdtempSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { createApp } from "../src/app";
import { readConfig } from "../src/config";
import { openSqlite } from "../src/db/connection";
import { migrateToLatest } from "../src/db/migrate";
import type { TagType } from "../src/db/types";
import { makeDeps } from "../src/deps";
import { useCounts } from "../src/features/tags/policy";
import { SUGGESTIONS_MAX, warmSuggestions } from "../src/features/tags/suggestions";
import { TAG_TYPE_ORDER } from "../src/features/tags/tags";
import { nameKey } from "../src/lib/text";
import { ArchiveIndex } from "../src/tagengine/load/archive";
import { Alias, int, type Rand, rng, syllableName } from "./random";
import { FANTASY_WORDS, FREEFORM_HEADS, TITLE_WORDS } from "./words";

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : fallback;
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} takes a number`);
  return Math.floor(v);
}

const TAGS = arg("tags", 100_000);
const WORKS = arg("works", 20_000);
const LOOKUPS = arg("lookups", 2_000);
const SEED = arg("seed", 7);
const WARMUP = 300;

const FIRST_NAMES = `Elizabeth Jane Fitzwilliam Charles Anne Frederick Emma George Sherlock John Mycroft
Irene Molly Greg Harry Hermione Ron Draco Severus Luna Ginny Remus Sirius Zoë Chloé José Søren Ayşe
Łukasz Amélie Renée Noël Björn Máire Siobhán Dmitri Natasha Tony Steve Bucky Peter Wanda Clint
Bruce Thor Loki Kara Lena Alex Maggie Buffy Willow Spike Angel Dean Sam Castiel Crowley Aziraphale
Jon Sansa Arya Jaime Brienne Tyrion Daenerys Geralt Yennefer Ciri Jaskier Aang Katara Zuko Sokka
Toph Azula Kirk Spock Bones Uhura Picard Data Leia Luke Han Rey Finn Poe Kylo Obi-Wan Anakin`.split(/\s+/);

const CJK_NAMES = [
  "魏无羡",
  "蓝忘机",
  "江澄",
  "谢怜",
  "花城",
  "沈清秋",
  "洛冰河",
  "五条悟",
  "夏油傑",
  "竈門炭治郎",
];
const MEDIA = ["TV", "Movies", "Video Game", "Anime", "Comics", "Podcast", "Web Series", "Books"];

const cap = (w: string) => w.charAt(0).toUpperCase() + w.slice(1);
const pick = <T>(r: Rand, list: readonly T[]): T => list[int(r, list.length)]!;

/** N distinct (per type, any case) tag names with AO3's mix of types. */
function tagNames(r: Rand, n: number): { type: TagType; name: string }[] {
  const out: { type: TagType; name: string }[] = [];
  const seen = new Set<string>();
  const characters: string[] = [];
  let serial = 0;
  const add = (type: TagType, name: string) => {
    const key = `${type}:${nameKey(name)}`;
    if (seen.has(key) || [...name].length > 150) return false;
    seen.add(key);
    out.push({ type, name });
    if (type === "character") characters.push(name);
    return true;
  };
  for (const name of CJK_NAMES) add("character", name);
  while (out.length < n) {
    const x = r();
    serial++;
    if (x < 0.08) {
      const title = Array.from({ length: 1 + int(r, 3) }, () => cap(pick(r, TITLE_WORDS))).join(" ");
      const name =
        r() < 0.5
          ? `${title} - ${pick(r, FIRST_NAMES)} ${syllableName(serial)}`
          : `${title} ${pick(r, FANTASY_WORDS)} (${pick(r, MEDIA)})`;
      add("fandom", name);
    } else if (x < 0.3 || characters.length < 100) {
      add("character", `${pick(r, FIRST_NAMES)} ${syllableName(serial)}`);
    } else if (x < 0.55) {
      // Popular characters pair up more often: draw from the head of the list.
      const a = characters[Math.floor(characters.length * r() * r())]!;
      const b = characters[int(r, characters.length)]!;
      if (a !== b) add("relationship", `${a}${r() < 0.75 ? "/" : " & "}${b}`);
    } else {
      const words = Array.from({ length: 1 + int(r, 3) }, () => cap(pick(r, TITLE_WORDS))).join(" ");
      const forms = [
        () => `${pick(r, FREEFORM_HEADS)} - ${words}`,
        () => `Alternate Universe - ${words}`,
        () => `${words} AU`,
        () => `${words} ${syllableName(serial, 1)}`,
        () => `${pick(r, FREEFORM_HEADS)}`,
      ];
      add("freeform", forms[int(r, forms.length)]!());
    }
  }
  return out;
}

/** A term a writer might type: the first 1–6 letters of a random word of a random tag. */
function randomTerm(r: Rand, names: readonly string[]): string {
  const name = pick(r, names);
  const words = name.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== "");
  const word = words.length ? pick(r, words) : name;
  const chars = [...word];
  const length = Math.min(chars.length, 1 + Math.min(int(r, 6), int(r, 6)));
  let term = chars.slice(0, length).join("");
  if (r() < 0.5) term = term.toLowerCase();
  if (r() < 0.1) term = term.normalize("NFD").replace(/\p{M}+/gu, "");
  return term;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

function figures(samples: number[]) {
  const s = [...samples].sort((a, b) => a - b);
  return { p50: percentile(s, 50), p99: percentile(s, 99), max: s[s.length - 1]! };
}

const ms = (x: number) => `${x.toFixed(3)} ms`;

async function main() {
  const r = rng(SEED);
  const dir = mkdtempSync(join(tmpdir(), "quire-bench-autocomplete-"));
  const database = openSqlite(join(dir, "quire.sqlite"));
  try {
    await migrateToLatest(database.db);
    const db = database.db;
    const deps = makeDeps(database, { ...readConfig({}), demo: false, dataDir: dir });

    let t = performance.now();
    const generated = tagNames(r, TAGS);
    const now = Date.now();
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < generated.length; i += 2000) {
        await trx
          .insertInto("tags")
          .values(
            generated.slice(i, i + 2000).map(({ type, name }) => ({
              type,
              name,
              name_key: nameKey(name),
              // About one tag in twelve is canonical, as on a wrangled archive.
              canonical: r() < 0.08 ? 1 : 0,
              created_at: now,
            })),
          )
          .execute();
      }
    });
    console.log(`inserted ${generated.length.toLocaleString("en-US")} tags in ${ms(performance.now() - t)}`);

    // Works carrying the tags with a heavy-tailed popularity, so that uses differ and rank.
    t = performance.now();
    const ids = await db.selectFrom("tags").select(["id", "type"]).orderBy("id").execute();
    const typed = ids.filter((x) => x.type !== "rating" && x.type !== "warning" && x.type !== "category");
    const popularity = new Alias(typed.map((_, i) => 1 / (i + 1) ** 1.05));
    await db.transaction().execute(async (trx) => {
      for (let i = 0; i < WORKS; i += 1000) {
        const n = Math.min(1000, WORKS - i);
        const works = await trx
          .insertInto("works")
          .values(
            Array.from({ length: n }, (_, k) => ({
              title: `Work ${i + k}`,
              restricted: r() < 0.03 ? 1 : 0,
              posted: 1,
              created_at: now,
              posted_at: now,
              updated_at: now - int(r, 1e9),
            })),
          )
          .returning("id")
          .execute();
        const taggings: { work_id: number; tag_id: number }[] = [];
        for (const w of works) {
          const tags = new Set<number>();
          for (let j = 2 + int(r, 12); j > 0; j--) tags.add(typed[popularity.draw(r)]!.id);
          for (const tag_id of tags) taggings.push({ work_id: w.id, tag_id });
        }
        await trx.insertInto("taggings").values(taggings).execute();
      }
    });
    console.log(`inserted ${WORKS.toLocaleString("en-US")} works in ${ms(performance.now() - t)}`);

    t = performance.now();
    deps.index = await ArchiveIndex.build(db);
    console.log(`tag engine built in ${ms(performance.now() - t)}`);

    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    t = performance.now();
    const buildCpu = process.cpuUsage();
    const index = await warmSuggestions(deps);
    const buildMs = performance.now() - t;
    const buildUsed = process.cpuUsage(buildCpu);
    global.gc?.();
    const heapBytes = process.memoryUsage().heapUsed - heapBefore;
    console.log(
      `autocomplete index: ${index.size.toLocaleString("en-US")} tags, ${index.entries.toLocaleString("en-US")} word entries, built in ${ms(buildMs)} (cpu ${ms((buildUsed.user + buildUsed.system) / 1000)}, reading the tags table included)` +
        (global.gc
          ? `, ~${Math.round(heapBytes / index.size)} bytes a tag`
          : " (run with --expose-gc for memory)"),
    );

    const app = createApp(deps);
    const names = generated.map((g) => g.name);
    const terms = Array.from({ length: LOOKUPS + WARMUP }, () => randomTerm(r, names));
    const counts = useCounts(deps.index, false);

    // Wall time is what a writer waits for; CPU time shows the work itself when other processes
    // share the machine (the load average is printed with the figures).
    const viaIndex: number[] = [];
    const indexCpu: number[] = [];
    let found = 0;
    for (const [i, term] of terms.entries()) {
      const cpu = process.cpuUsage();
      const start = performance.now();
      const got = index.search(TAG_TYPE_ORDER, term, SUGGESTIONS_MAX, counts);
      const took = performance.now() - start;
      const used = process.cpuUsage(cpu);
      if (i >= WARMUP) {
        viaIndex.push(took);
        indexCpu.push((used.user + used.system) / 1000);
        found += got.length;
      }
    }

    const viaHttp: number[] = [];
    const httpCpu: number[] = [];
    for (const [i, term] of terms.entries()) {
      const cpu = process.cpuUsage();
      const start = performance.now();
      const res = await app.request(`/autocomplete/tag?term=${encodeURIComponent(term)}`);
      if (res.status !== 200) throw new Error(`${res.status} for ${term}`);
      await res.json();
      const took = performance.now() - start;
      const used = process.cpuUsage(cpu);
      if (i >= WARMUP) {
        viaHttp.push(took);
        httpCpu.push((used.user + used.system) / 1000);
      }
    }

    const http = figures(viaHttp);
    const alone = figures(viaIndex);
    const row = (label: string, f: ReturnType<typeof figures>, cpu: ReturnType<typeof figures>) =>
      `  ${label.padEnd(22)} wall p50 ${ms(f.p50)}  p99 ${ms(f.p99)}  max ${ms(f.max)}  | cpu p50 ${ms(cpu.p50)}  p99 ${ms(cpu.p99)}`;
    console.log(
      `${LOOKUPS} random prefix lookups, ${(found / LOOKUPS).toFixed(1)} suggestions on average (load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores)`,
    );
    console.log(row("GET /autocomplete/tag", http, figures(httpCpu)));
    console.log(row("index alone", alone, figures(indexCpu)));
    console.log(
      JSON.stringify({
        tags: index.size,
        works: WORKS,
        lookups: LOOKUPS,
        build_ms: Number(buildMs.toFixed(1)),
        http_p50_ms: Number(http.p50.toFixed(3)),
        http_p99_ms: Number(http.p99.toFixed(3)),
        index_p50_ms: Number(alone.p50.toFixed(3)),
        index_p99_ms: Number(alone.p99.toFixed(3)),
      }),
    );
  } finally {
    await database.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
