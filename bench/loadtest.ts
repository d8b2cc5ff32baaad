// The load benchmark: the whole archive under a mix of readers and writers. A copy of the SQLite
// corpus gets 50 signed-in users (sessions written straight into the database, as a test's
// `signInAs` does: the sign-in form's rate limits are not what is measured), the archive server
// runs in a process of its own (bench/serve.ts), and this process keeps `connections` requests in
// flight: 70% work and chapter pages, 20% filtered listings, 10% writes by the signed-in users
// (new works, new chapters, edits of their works).
import { copyFileSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sql } from "kysely";
import { openSqlite } from "../src/db/connection";
import { CSRF_COOKIE, SESSION_COOKIE } from "../src/lib/cookies";
import { randomToken } from "../src/lib/security";
import { type ArchiveServer, listingUrls, startServer } from "./http";
import { int, rng } from "./random";
import { ms, percentile } from "./stats";
import { makeSignedInUser } from "./writers";

export interface LoadOptions {
  /** The SQLite corpus file: it is copied, never written. */
  path: string;
  seed: number;
  seconds: number;
  connections: number;
  users: number;
  /** Untimed mixed load before the timed run, in seconds. */
  warmupSeconds: number;
}

type Kind = "read" | "browse" | "write";
const KINDS: Kind[] = ["read", "browse", "write"];

export interface LoadResult {
  works: number;
  users: number;
  connections: number;
  seconds: number;
  rps: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Answers other than the expected one (200 for a page, 303 for a write), and network errors. */
  errors: number;
  byKind: Record<Kind, { requests: number; p50Ms: number; p99Ms: number; errors: number }>;
  writes: { works: number; chapters: number; edits: number };
  serverCpuMs: number;
  /** The server's resident memory when built, when the timed run starts, every 10 s, and at its end. */
  rssBuiltBytes: number;
  rssStartBytes: number;
  rssEndBytes: number;
  rssSamplesBytes: number[];
}

function say(text: string): void {
  process.stderr.write(`${text}\n`);
}

interface User {
  id: number;
  pseudId: number;
  cookie: string;
  csrf: string;
  /** The works this user may edit and add chapters to (made during the run). */
  works: number[];
}

/** A copy of the corpus, so that the writes leave the shared corpus as generated. */
function copyCorpus(path: string): { path: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), "quire-bench-load-"));
  const copy = join(dir, "archive.sqlite");
  copyFileSync(path, copy);
  if (existsSync(`${path}-wal`)) copyFileSync(`${path}-wal`, `${copy}-wal`);
  return { path: copy, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Users with a live session each, and what the requests will ask for. */
async function prepare(path: string, users: number, seed: number) {
  const database = openSqlite(path);
  const db = database.db;
  try {
    const _now = Date.now();
    const made: User[] = [];
    for (let n = 1; n <= users; n++) {
      const login = `load_writer_${n}`;
      const { id, pseudId, token } = await makeSignedInUser(db, login);
      // Double-submit CSRF: any well-formed token in the cookie, the same in every form.
      const csrf = randomToken();
      made.push({
        id,
        pseudId,
        cookie: `${SESSION_COOKIE}=${token}; ${CSRF_COOKIE}=${csrf}`,
        csrf,
        works: [],
      });
    }
    // Pages to read: 5,000 public works (a guest reads them), picked by the seed, and their posted
    // chapters.
    const pages = (
      await sql<{ work_id: number; id: number }>`select c.work_id, c.id from chapters c
        where c.posted = 1 and c.work_id in (select id from works where posted = 1 and hidden_by_admin = 0
          and restricted = 0 order by (id * 2654435761 + ${seed}) % 1000003 limit 5000)`.execute(db)
    ).rows.map((r) => ({ work: Number(r.work_id), chapter: Number(r.id) }));
    const fandoms = (
      await sql<{ name: string }>`select t.name from filter_tag_counts c join tags t on t.id = c.tag_id
        where t.type = 'fandom' order by c.n desc, t.id limit 20`.execute(db)
    ).rows.map((r) => r.name);
    return { users: made, pages, fandoms };
  } finally {
    await database.close();
  }
}

interface Request {
  kind: Kind;
  method: "GET" | "POST";
  path: string;
  user?: User;
  form?: Record<string, string | string[]>;
  /** The status a sound answer has. */
  expect: number;
  /** Called with the answer's Location on success. */
  done?: (location: string | null) => void;
}

const PARAGRAPH =
  "The lamps along the quay were lit one by one, and the river took their light and broke it into " +
  "small bright pieces that drifted out towards the sea while the two of them walked without a word.";

/** The mix: 70% reading, 20% browsing, 10% writing. */
function mix(
  r: () => number,
  data: { users: User[]; pages: { work: number; chapter: number }[]; fandoms: string[] },
  urls: string[],
  counts: LoadResult["writes"],
): () => Request {
  let serial = 0;
  const body = (n: number) => Array.from({ length: n }, () => `<p>${PARAGRAPH}</p>`).join("\n");
  const workForm = (u: User, title: string) => ({
    title,
    pseud_ids: [String(u.pseudId)],
    co_creators: "",
    summary: `A story written under load, number ${serial}.`,
    notes: "",
    end_notes: "",
    rating: "Teen And Up Audiences",
    warnings: ["No Archive Warnings Apply"],
    categories: ["Gen"],
    fandoms: data.fandoms[int(r, data.fandoms.length)] ?? "Original Work",
    relationships: "",
    characters: "",
    freeforms: "Load Test",
    language: "en",
    expected_chapters: "",
  });
  const newWork = (u: User): Request => ({
    kind: "write",
    method: "POST",
    path: "/works",
    user: u,
    form: {
      ...workForm(u, `Under Load ${++serial}`),
      chapter_title: "",
      body: body(8),
      format: "html",
      action: "post",
    },
    expect: 303,
    done: (location) => {
      const id = Number(/^\/works\/(\d+)/.exec(location ?? "")?.[1]);
      if (id) u.works.push(id);
      counts.works++;
    },
  });
  return () => {
    const x = r();
    if (x < 0.7) {
      const page = data.pages[int(r, data.pages.length)]!;
      const path =
        r() < 0.5
          ? `/works/${page.work}?view_adult=true`
          : `/works/${page.work}/chapters/${page.chapter}?view_adult=true`;
      return { kind: "read", method: "GET", path, expect: 200 };
    }
    if (x < 0.9) return { kind: "browse", method: "GET", path: urls[int(r, urls.length)]!, expect: 200 };
    const u = data.users[int(r, data.users.length)]!;
    const y = r();
    if (u.works.length === 0 || y < 0.4) return newWork(u);
    const work = u.works[int(r, u.works.length)]!;
    if (y < 0.7) {
      return {
        kind: "write",
        method: "POST",
        path: `/works/${work}/chapters`,
        user: u,
        form: {
          title: "",
          summary: "",
          notes: "",
          end_notes: "",
          format: "html",
          position: "",
          body: body(6),
          action: "post",
        },
        expect: 303,
        done: () => counts.chapters++,
      };
    }
    return {
      kind: "write",
      method: "POST",
      path: `/works/${work}`,
      user: u,
      form: workForm(u, `Under Load, Revised ${++serial}`),
      expect: 303,
      done: () => counts.edits++,
    };
  };
}

interface Sample {
  kind: Kind;
  ms: number;
  ok: boolean;
}

async function send(base: string, req: Request): Promise<{ ok: boolean; location: string | null }> {
  const headers: Record<string, string> = {};
  let body: string | undefined;
  if (req.user) headers.cookie = req.user.cookie;
  if (req.form) {
    const form = new URLSearchParams({ _csrf: req.user?.csrf ?? "" });
    for (const [k, v] of Object.entries(req.form))
      for (const one of Array.isArray(v) ? v : [v]) form.append(k, one);
    body = form.toString();
    headers["content-type"] = "application/x-www-form-urlencoded";
  }
  const res = await fetch(base + req.path, { method: req.method, headers, body, redirect: "manual" });
  await res.arrayBuffer();
  return { ok: res.status === req.expect, location: res.headers.get("location") };
}

/** `connections` loops sending the mix until `seconds` have passed. */
async function run(base: string, next: () => Request, connections: number, seconds: number) {
  const samples: Sample[] = [];
  const failures: string[] = [];
  const end = performance.now() + seconds * 1000;
  const loop = async () => {
    while (performance.now() < end) {
      const req = next();
      const t = performance.now();
      let ok = false;
      try {
        const answer = await send(base, req);
        ok = answer.ok;
        if (ok) req.done?.(answer.location);
        else if (failures.length < 5) failures.push(`${req.method} ${req.path}`);
      } catch (e) {
        if (failures.length < 5) failures.push(`${req.method} ${req.path}: ${(e as Error).message}`);
      }
      samples.push({ kind: req.kind, ms: performance.now() - t, ok });
    }
  };
  await Promise.all(Array.from({ length: connections }, loop));
  return { samples, failures };
}

function summarizeRun(samples: Sample[]) {
  const all = samples.map((s) => s.ms).sort((a, b) => a - b);
  const byKind = {} as LoadResult["byKind"];
  for (const kind of KINDS) {
    const of = samples.filter((s) => s.kind === kind);
    const times = of.map((s) => s.ms).sort((a, b) => a - b);
    byKind[kind] = {
      requests: of.length,
      p50Ms: percentile(times, 50),
      p99Ms: percentile(times, 99),
      errors: of.filter((s) => !s.ok).length,
    };
  }
  return {
    p50Ms: percentile(all, 50),
    p99Ms: percentile(all, 99),
    errors: samples.filter((s) => !s.ok).length,
    byKind,
  };
}

export async function loadBench(opts: LoadOptions): Promise<LoadResult> {
  const copy = copyCorpus(opts.path);
  let server: ArchiveServer | undefined;
  try {
    say(`load: ${opts.users} users with a session each, in a copy of the corpus (${copy.path})`);
    const data = await prepare(copy.path, opts.users, opts.seed);
    const urls = await listingUrls(copy.path, 5, opts.seed);
    server = await startServer(copy.path, undefined);
    say(`load: ${server.works.toLocaleString("en")} works indexed in ${server.buildSeconds.toFixed(1)} s`);
    const r = rng(opts.seed);
    const writes = { works: 0, chapters: 0, edits: 0 };
    const next = mix(r, data, urls, writes);
    if (opts.warmupSeconds > 0) {
      say(`load: warming up for ${opts.warmupSeconds} s`);
      await run(server.base, next, opts.connections, opts.warmupSeconds);
    }
    Object.assign(writes, { works: 0, chapters: 0, edits: 0 });
    const rssStart = await server.rssNow();
    const samplesRss: number[] = [rssStart];
    const s = server;
    const sampler = setInterval(() => {
      s.rssNow().then(
        (b) => samplesRss.push(b),
        () => {},
      );
    }, 10_000);
    say(`load: ${opts.connections} connections for ${opts.seconds} s`);
    const cpu0 = await server.cpuMs();
    const t = performance.now();
    const { samples, failures } = await run(server.base, next, opts.connections, opts.seconds);
    const elapsed = (performance.now() - t) / 1000;
    const cpu = (await server.cpuMs()) - cpu0;
    clearInterval(sampler);
    const rssEnd = await server.rssNow();
    samplesRss.push(rssEnd);
    if (failures.length > 0) say(`load: failed requests, e.g. ${failures.join("; ")}`);
    return {
      works: server.works,
      users: opts.users,
      connections: opts.connections,
      seconds: opts.seconds,
      rps: samples.length / elapsed,
      requests: samples.length,
      ...summarizeRun(samples),
      writes,
      serverCpuMs: samples.length > 0 ? cpu / samples.length : Number.NaN,
      rssBuiltBytes: server.rssBytes,
      rssStartBytes: rssStart,
      rssEndBytes: rssEnd,
      rssSamplesBytes: samplesRss,
    };
  } finally {
    await server?.stop();
    copy.remove();
  }
}

const mib = (bytes: number) => Math.round(bytes / 2 ** 20);

export function describeLoad(r: LoadResult): string {
  const kinds = KINDS.map((k) => {
    const x = r.byKind[k];
    return `${k} ${x.requests.toLocaleString("en")} (p50 ${ms(x.p50Ms)}, p99 ${ms(x.p99Ms)} ms, ${x.errors} errors)`;
  }).join("; ");
  return [
    `Mixed load on ${r.works.toLocaleString("en")} works, ${r.connections} connections for ${r.seconds} s, ` +
      `${r.users} signed-in writers: ${r.rps.toFixed(1)} requests a second, p50 ${ms(r.p50Ms)} ms, ` +
      `p99 ${ms(r.p99Ms)} ms, ${r.errors} errors; server CPU ${ms(r.serverCpuMs)} ms a request`,
    `  ${kinds}`,
    `  written: ${r.writes.works} works, ${r.writes.chapters} chapters, ${r.writes.edits} edits`,
    `  server RSS: ${mib(r.rssBuiltBytes)} MiB built, ${mib(r.rssStartBytes)} MiB at the start, ` +
      `${r.rssSamplesBytes.map(mib).join(" → ")} MiB every 10 s, ${mib(r.rssEndBytes)} MiB at the end`,
  ].join("\n");
}
