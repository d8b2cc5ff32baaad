// Durability under crashes: the archive server runs as a real process, signed-in writers post
// works, add chapters and edit titles and tags over HTTP, and the server is killed (SIGKILL) at
// random moments and started again; on PostgreSQL the database server itself is also stopped
// at once (`pg_ctl stop -m immediate`, a crash to PostgreSQL) and started again under load.
// Afterwards every write that was answered with success must be there, nothing may be half
// there (invariants.ts), and a freshly built tag engine must list exactly what SQL lists.
//   npm run bench -- crash [--cycles 20] [--database sqlite|postgres|both]
// test/durability.test.ts runs a short form.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import pg from "pg";
import { type Db, openDatabase, openSqlite } from "../src/db/connection";
import { migrateToLatest } from "../src/db/migrate";
import { randomToken } from "../src/lib/security";
import { type Acknowledged, type CheckReport, checkArchive } from "./invariants";
import { makeSignedInUser } from "./writers";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

export type CrashDatabase = "sqlite" | "postgres";

export interface CrashOptions {
  database: CrashDatabase;
  /** App server kills. */
  cycles: number;
  /** PostgreSQL crashes and restarts (PostgreSQL only). */
  pgRestarts?: number;
  writers?: number;
  /** How long the server runs between two kills, at random in [min, max] ms. */
  upMs?: [number, number];
  log?: (line: string) => void;
}

export interface CrashResult {
  database: CrashDatabase;
  cycles: number;
  pgRestarts: number;
  writesAttempted: number;
  writesAcknowledged: number;
  writesLost: number;
  integrityOk: boolean;
  /** Everything found wrong: lost writes, broken invariants, engine and SQL disagreeing. */
  problems: string[];
  /** The slowest answer a writer got, in ms (a hang would show here). */
  slowestAnswerMs: number;
  /** Answers to the probes sent while PostgreSQL was down: status and ms. */
  outageProbes: { status: number; ms: number }[];
  /** From PostgreSQL's restart until the app answered a page again, in ms, the slowest. */
  slowestRecoveryMs: number;
  /** Answers 503 (the database away) and 5xx other than 503 that the writers got. */
  unavailableAnswers: number;
  otherErrors: number;
  works: number;
  seconds: number;
}

/** Whether PostgreSQL's programs are installed (the throwaway server needs them). */
export function postgresInstalled(): boolean {
  return pgBinDir() !== null;
}

function pgBinDir(): string | null {
  const root = "/usr/lib/postgresql";
  if (!existsSync(root)) return null;
  const versions = readdirSync(root).sort((a, b) => Number(a) - Number(b));
  for (const v of versions.reverse())
    if (existsSync(join(root, v, "bin", "pg_ctl"))) return join(root, v, "bin");
  return null;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The database server -------------------------------------------------------------------------

/** A PostgreSQL server of this run only, on its own directory and port, stopped at the end. */
class ThrowawayPostgres {
  readonly dir = join(tmpdir(), `quire-crash-pg-${process.pid}-${randomToken().slice(0, 8)}`);
  readonly bin: string;
  url = "";
  constructor(readonly port: number) {
    const bin = pgBinDir();
    if (!bin) throw new Error("PostgreSQL is not installed under /usr/lib/postgresql");
    this.bin = bin;
  }

  start(): void {
    const out = execFileSync(
      join(ROOT, "scripts", "postgres-test-server.sh"),
      [this.dir, String(this.port)],
      {
        encoding: "utf8",
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    this.url = out.trim().split("\n").pop()!;
  }

  private pgCtl(args: string[]): void {
    const root = process.getuid?.() === 0;
    const cmd = join(this.bin, "pg_ctl");
    execFileSync(root ? "runuser" : cmd, root ? ["-u", "postgres", "--", cmd, ...args] : args, {
      stdio: "ignore",
    });
  }

  /** Stops the server the way a crash would: no checkpoint, recovery from the WAL at next start. */
  crash(): void {
    this.pgCtl(["-D", this.dir, "-m", "immediate", "-w", "stop"]);
  }

  destroy(): void {
    try {
      this.pgCtl(["-D", this.dir, "-m", "immediate", "-w", "stop"]);
    } catch {
      // Not running.
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/**
 * A database of its own on the throwaway server. The test server's script starts PostgreSQL with
 * `synchronous_commit=off` (fast tests), under which a crash loses the last moment of commits:
 * this database turns it back on, as any real archive runs.
 */
async function crashDatabase(serverUrl: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query("drop database if exists quire_crash with (force)");
    await admin.query("create database quire_crash");
    await admin.query("alter database quire_crash set synchronous_commit = on");
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = "/quire_crash";
  return url.toString();
}

// The app server ------------------------------------------------------------------------------

/** `tsx src/server.ts` on the given port and database, as `npm start` runs it. */
class AppServer {
  private proc: ChildProcess | null = null;
  private exited: Promise<void> = Promise.resolve();
  /** stderr of every run: error lines show what the writers' 500s were. */
  errors: string[] = [];

  constructor(private env: NodeJS.ProcessEnv) {}

  get running(): boolean {
    return this.proc !== null && this.proc.exitCode === null && this.proc.signalCode === null;
  }

  async start(): Promise<void> {
    const proc = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
      cwd: ROOT,
      env: this.env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.proc = proc;
    this.exited = new Promise((r) => proc.once("exit", () => r()));
    proc.stderr!.setEncoding("utf8");
    proc.stderr!.on("data", (d: string) => {
      for (const line of d.split("\n")) if (line.trim() && this.errors.length < 2000) this.errors.push(line);
    });
    await new Promise<void>((resolve, reject) => {
      let out = "";
      const timer = setTimeout(
        () => reject(new Error(`the server did not start in 120 s:\n${out}`)),
        120_000,
      );
      proc.stdout!.setEncoding("utf8");
      proc.stdout!.on("data", (d: string) => {
        if (out.length < 20_000) out += d;
        if (out.includes("listening on")) {
          clearTimeout(timer);
          resolve();
        }
      });
      proc.once("exit", (code, signal) => {
        clearTimeout(timer);
        reject(
          new Error(
            `the server stopped while starting (${code ?? signal}):\n${out}\n${this.errors.join("\n")}`,
          ),
        );
      });
    });
  }

  async kill(signal: NodeJS.Signals = "SIGKILL"): Promise<void> {
    if (this.running) this.proc!.kill(signal);
    await this.exited;
    this.proc = null;
  }
}

// Writers -------------------------------------------------------------------------------------

interface Answer {
  status: number;
  location: string | null;
  ms: number;
}

/** A signed-in writer's browser without JavaScript: session and CSRF cookies, form posts. */
class Writer {
  private csrf = randomToken();
  /** The last request found no server listening: nothing was sent. */
  refused = false;
  constructor(
    private base: string,
    private session: string,
  ) {}

  async post(path: string, form: Record<string, string | string[]>): Promise<Answer | null> {
    const body = new URLSearchParams({ _csrf: this.csrf });
    for (const [k, v] of Object.entries(form)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    return this.send(path, { method: "POST", body: body.toString() });
  }

  async get(path: string): Promise<Answer | null> {
    return this.send(path, { method: "GET" });
  }

  /** The answer, or null when none came (the server was down or died mid-request). */
  private async send(path: string, init: RequestInit): Promise<Answer | null> {
    const started = performance.now();
    this.refused = false;
    try {
      const res = await fetch(this.base + path, {
        ...init,
        redirect: "manual",
        signal: AbortSignal.timeout(60_000),
        headers: {
          cookie: `quire_session=${this.session}; quire_csrf=${this.csrf}`,
          ...(init.method === "POST" ? { "content-type": "application/x-www-form-urlencoded" } : {}),
        },
      });
      await res.arrayBuffer();
      return { status: res.status, location: res.headers.get("location"), ms: performance.now() - started };
    } catch (e) {
      // A timeout is a hang: the answer that never came is recorded as one.
      if (e instanceof Error && e.name === "TimeoutError")
        return { status: 0, location: null, ms: performance.now() - started };
      this.refused = (e as { cause?: { code?: string } }).cause?.code === "ECONNREFUSED";
      return null;
    }
  }
}

/** What one writer did: its works and every write the server acknowledged. */
interface WriterState {
  writer: Writer;
  pseudId: number;
  label: string;
  seq: number;
  works: { id: number; marker: string; chapters: number; edit: number }[];
}

interface Tally {
  attempted: number;
  acknowledged: Acknowledged;
  slowestMs: number;
  unavailable: number;
  other: number;
}

function workForm(pseudId: number, title: string, freeform: string): Record<string, string | string[]> {
  return {
    title,
    pseud_ids: [String(pseudId)],
    co_creators: "",
    summary: "",
    notes: "",
    end_notes: "",
    rating: "General Audiences",
    warnings: ["No Archive Warnings Apply"],
    categories: ["Gen"],
    fandoms: "Crash Test Fandom",
    relationships: "",
    characters: "",
    freeforms: freeform,
    language: "en",
    expected_chapters: "",
  };
}

/** The form that posts a new work whose title and first chapter carry `marker` (see invariants.ts). */
export function newWorkForm(pseudId: number, marker: string): Record<string, string | string[]> {
  return {
    ...workForm(pseudId, `Crash ${marker}`, `Mark ${marker} 0`),
    chapter_title: "",
    body: `<p>Opening of ${marker}.</p>`,
    format: "html",
    action: "post",
  };
}

/** One write, chosen at random: a new work, a chapter, or an edit of a title and its tag. */
async function writeOnce(w: WriterState, tally: Tally): Promise<Answer | null> {
  const seq = ++w.seq;
  const work = w.works.length ? w.works[Math.floor(Math.random() * w.works.length)]! : null;
  const roll = Math.random();
  tally.attempted++;
  if (!work || roll < 0.35) {
    const marker = `${w.label}n${seq}`;
    const answer = await w.writer.post("/works", newWorkForm(w.pseudId, marker));
    note(tally, answer, w.writer);
    const id = answer?.status === 303 ? /^\/works\/(\d+)$/.exec(answer.location ?? "")?.[1] : undefined;
    if (id) {
      w.works.push({ id: Number(id), marker, chapters: 1, edit: 0 });
      tally.acknowledged.works.push({ id: Number(id), marker });
    }
    return answer;
  } else if (roll < 0.7) {
    const marker = `${w.label}c${seq}`;
    const answer = await w.writer.post(`/works/${work.id}/chapters`, {
      title: "",
      summary: "",
      notes: "",
      end_notes: "",
      format: "html",
      position: "",
      body: `<p>Chapter ${marker} of ${work.marker}.</p>`,
      action: "post",
    });
    note(tally, answer, w.writer);
    if (answer?.status === 303 && /^\/works\/\d+\/chapters\/\d+$/.test(answer.location ?? "")) {
      work.chapters++;
      tally.acknowledged.chapters.push({ workId: work.id, marker });
    }
    return answer;
  } else {
    const edit = seq;
    // Until an answer says otherwise, this edit may or may not have been saved.
    const possible = tally.acknowledged.edits.get(work.id) ?? new Set([0]);
    possible.add(edit);
    tally.acknowledged.edits.set(work.id, possible);
    const answer = await w.writer.post(
      `/works/${work.id}`,
      workForm(w.pseudId, `Crash ${work.marker} edit ${edit}`, `Mark ${work.marker} ${edit}`),
    );
    note(tally, answer, w.writer);
    if (answer?.status === 303) {
      tally.acknowledged.edits.set(work.id, new Set([edit]));
      tally.acknowledged.editCount++;
    }
    return answer;
  }
}

function note(tally: Tally, answer: Answer | null, writer: Writer): void {
  if (!answer) {
    if (writer.refused) tally.attempted--;
    return;
  }
  tally.slowestMs = Math.max(tally.slowestMs, answer.ms);
  if (answer.status === 503) tally.unavailable++;
  else if (answer.status === 0 || answer.status >= 500) tally.other++;
}

// The run -------------------------------------------------------------------------------------

/** Users and their sessions, straight into the database (sign-in is rate limited). */
async function makeWriters(database: Db, count: number, base: string, tag: string): Promise<WriterState[]> {
  const { db } = database;
  const out: WriterState[] = [];
  for (let i = 0; i < count; i++) {
    const login = `crash_${tag}_${i}`;
    const { pseudId, token } = await makeSignedInUser(db, login, 7);
    out.push({ writer: new Writer(base, token), pseudId, label: `${tag}w${i}`, seq: 0, works: [] });
  }
  return out;
}

export async function crashRun(opts: CrashOptions): Promise<CrashResult> {
  const log = opts.log ?? (() => {});
  const started = performance.now();
  const [upMin, upMax] = opts.upMs ?? [400, 2500];
  const pgRestarts = opts.database === "postgres" ? (opts.pgRestarts ?? 0) : 0;
  const dataDir = mkdtempSync(join(tmpdir(), "quire-crash-"));
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let postgres: ThrowawayPostgres | null = null;
  const server = { current: null as AppServer | null };
  try {
    let databaseUrl = "";
    if (opts.database === "postgres") {
      postgres = new ThrowawayPostgres(await freePort());
      postgres.start();
      databaseUrl = await crashDatabase(postgres.url);
    }
    const open = () =>
      databaseUrl ? openDatabase({ databaseUrl }) : openSqlite(join(dataDir, "quire.sqlite"));
    const setup = open();
    await migrateToLatest(setup.db);
    const writers = await makeWriters(
      setup,
      opts.writers ?? 6,
      base,
      opts.database === "postgres" ? "p" : "s",
    );
    await setup.close();

    const app = new AppServer({
      ...process.env,
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      DATA_DIR: dataDir,
      DATABASE_URL: databaseUrl,
      QUIRE_DEMO: "0",
      QUIRE_ADMIN_PASSWORD: randomToken(),
    });
    server.current = app;
    const tally: Tally = {
      attempted: 0,
      acknowledged: { works: [], chapters: [], edits: new Map(), editCount: 0 },
      slowestMs: 0,
      unavailable: 0,
      other: 0,
    };
    let writing = true;
    const loops = writers.map(async (w) => {
      while (writing) {
        const answer = await writeOnce(w, tally);
        // No answer (the server is down) or the database is away: try again a moment later.
        if (!answer || answer.status === 503) await sleep(100);
      }
    });

    // The plan: app kills, with PostgreSQL crashes spread among them.
    const plan: ("app" | "pg")[] = Array.from({ length: opts.cycles }, () => "app" as const);
    for (let i = 0; i < pgRestarts; i++)
      plan.splice(Math.round(((i + 1) * plan.length) / (pgRestarts + 1)) + i, 0, "pg");
    const outageProbes: { status: number; ms: number }[] = [];
    let slowestRecoveryMs = 0;
    const probe = new Writer(base, "none");
    await app.start();
    for (const [i, step] of plan.entries()) {
      await sleep(upMin + Math.random() * (upMax - upMin));
      if (step === "app") {
        await app.kill();
        log(
          `  ${opts.database}: ${i + 1}/${plan.length} killed the server` +
            ` (${tally.acknowledged.works.length} works, ${tally.acknowledged.chapters.length} chapters, ${tally.acknowledged.editCount} edits acknowledged so far)`,
        );
        // The next start recovers from what the kill left; after the last kill, that is checked.
        if (i < plan.length - 1) await app.start();
      } else {
        postgres!.crash();
        log(`  ${opts.database}: ${i + 1}/${plan.length} crashed PostgreSQL under load`);
        // While it is down, a page must answer at once with an error, not wait.
        for (let k = 0; k < 3; k++) {
          const a = await probe.get("/works");
          outageProbes.push({ status: a?.status ?? -1, ms: Math.round(a?.ms ?? -1) });
          await sleep(300);
        }
        const restarted = performance.now();
        postgres!.start();
        // The app reconnects by itself: nothing is done to it.
        for (;;) {
          const a = await probe.get("/works");
          if (a?.status === 200) break;
          if (!app.running) throw new Error("the server stopped while PostgreSQL was away");
          if (performance.now() - restarted > 60_000) throw new Error("the app did not recover in 60 s");
          await sleep(100);
        }
        slowestRecoveryMs = Math.max(slowestRecoveryMs, performance.now() - restarted);
        log(
          `  ${opts.database}: the app answered again ${Math.round(performance.now() - restarted)} ms after PostgreSQL restarted`,
        );
      }
    }
    if (plan[plan.length - 1] !== "app") await app.kill();
    writing = false;
    await Promise.all(loops);
    const problems: string[] = [];

    const check = open();
    let report: CheckReport;
    try {
      report = await checkArchive(check, tally.acknowledged);
    } finally {
      await check.close();
    }
    problems.push(...report.problems);
    const writesAcknowledged =
      tally.acknowledged.works.length + tally.acknowledged.chapters.length + tally.acknowledged.editCount;
    if (writesAcknowledged === 0) problems.push("no write was acknowledged");
    if (tally.other > 0) {
      const errors = app.errors.filter((l) => !/Database unavailable|dropped an idle/.test(l)).slice(0, 10);
      problems.push(`${tally.other} answers were errors other than 503:\n${errors.join("\n")}`);
    }
    for (const p of outageProbes)
      if (p.status !== 503)
        problems.push(`a page asked for while PostgreSQL was down answered ${p.status} in ${p.ms} ms`);
    return {
      database: opts.database,
      cycles: opts.cycles,
      pgRestarts,
      writesAttempted: tally.attempted,
      writesAcknowledged,
      writesLost: report.lost,
      integrityOk: report.integrityOk,
      problems,
      slowestAnswerMs: Math.round(tally.slowestMs),
      outageProbes,
      slowestRecoveryMs: Math.round(slowestRecoveryMs),
      unavailableAnswers: tally.unavailable,
      otherErrors: tally.other,
      works: report.works,
      seconds: Math.round((performance.now() - started) / 100) / 10,
    };
  } finally {
    await server.current?.kill();
    postgres?.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** `npm run bench -- crash`: the runs, their figures, and a last line of JSON. Returns the exit code. */
export async function crashBench(opts: {
  cycles: number;
  database: CrashDatabase | "both";
  pgRestarts: number;
}): Promise<number> {
  const databases: CrashDatabase[] = opts.database === "both" ? ["sqlite", "postgres"] : [opts.database];
  const out: Record<string, unknown> = {};
  let failed = false;
  for (const database of databases) {
    if (database === "postgres" && !postgresInstalled()) {
      console.log("PostgreSQL is not installed under /usr/lib/postgresql: its run is left out.");
      out[database] = null;
      continue;
    }
    console.log(
      `${database}: ${opts.cycles} server kills${database === "postgres" ? ` and ${opts.pgRestarts} PostgreSQL crashes` : ""} under write load`,
    );
    const r = await crashRun({
      database,
      cycles: opts.cycles,
      pgRestarts: opts.pgRestarts,
      log: (line) => console.log(line),
    });
    console.log(
      `${database}: ${r.writesAcknowledged} writes acknowledged of ${r.writesAttempted} sent, ${r.writesLost} lost;` +
        ` integrity ${r.integrityOk ? "ok" : "FAILED"}; ${r.works} works; slowest answer ${r.slowestAnswerMs} ms;` +
        ` ${r.unavailableAnswers} answered 503, ${r.otherErrors} other errors; ${r.seconds} s`,
    );
    if (r.outageProbes.length)
      console.log(
        `${database}: pages asked for while PostgreSQL was down: ${r.outageProbes.map((p) => `${p.status} in ${p.ms} ms`).join(", ")};` +
          ` slowest recovery after its restart ${r.slowestRecoveryMs} ms`,
      );
    for (const p of r.problems) console.log(`${database}: PROBLEM ${p}`);
    if (r.problems.length) failed = true;
    out[database] = {
      cycles: r.cycles,
      pg_restarts: r.pgRestarts,
      writes_attempted: r.writesAttempted,
      writes_acknowledged: r.writesAcknowledged,
      writes_lost: r.writesLost,
      integrity_ok: r.integrityOk,
      problems: r.problems.length,
      works: r.works,
      slowest_answer_ms: r.slowestAnswerMs,
      outage_answer_max_ms: r.outageProbes.length ? Math.max(...r.outageProbes.map((p) => p.ms)) : null,
      recovery_max_ms: r.outageProbes.length ? r.slowestRecoveryMs : null,
      answers_503: r.unavailableAnswers,
      answers_other_errors: r.otherErrors,
      seconds: r.seconds,
    };
  }
  console.log(JSON.stringify(out));
  return failed ? 1 : 0;
}
