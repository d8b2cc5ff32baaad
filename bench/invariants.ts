// What an archive must look like after any crash, and after a restore: every acknowledged write
// present, nothing half-written (SQL checks), the storage's own integrity checks passing, and a
// tag engine built from it listing exactly what SQL lists. Shared by bench/crash.ts and the
// durability and backup tests.
import { isDeepStrictEqual } from "node:util";
import { type Kysely, sql } from "kysely";
import type { Db, Dialect } from "../src/db/connection";
import type { Database } from "../src/db/types";
import type { EngineQuery } from "../src/tagengine/core/types";
import { ArchiveIndex } from "../src/tagengine/load/archive";
import { prepareSql, sqlQuery } from "./sql";

type DB = Kysely<Database>;

/** The writes that were answered with success. */
export interface Acknowledged {
  /** New works: the id the answer named, and the marker in their title and first chapter. */
  works: { id: number; marker: string }[];
  /** Chapters added: the marker in their text. */
  chapters: { workId: number; marker: string }[];
  /**
   * Per work, the edits its title and tag may show: the last acknowledged edit, and any tried
   * after it whose answer never came (saved or not, both are right). 0 is the work as posted.
   */
  edits: Map<number, Set<number>>;
  editCount: number;
}

export interface CheckReport {
  lost: number;
  integrityOk: boolean;
  problems: string[];
  works: number;
}

/** Rows that must not exist: each query names what it finds. */
const INVARIANTS: [string, string][] = [
  [
    "a work without chapters",
    "select w.id from works w where not exists (select 1 from chapters c where c.work_id = w.id)",
  ],
  [
    "a posted work whose chapter or word count disagrees with its posted chapters",
    `select w.id from works w where w.posted = 1 and (
       w.chapter_count <> (select count(*) from chapters c where c.work_id = w.id and c.posted = 1)
       or w.word_count <> (select coalesce(sum(c.word_count), 0) from chapters c where c.work_id = w.id and c.posted = 1))`,
  ],
  [
    "a work whose chapters are not numbered 1..n",
    `select work_id from chapters group by work_id
       having min(position) <> 1 or max(position) <> count(*) or count(distinct position) <> count(*)`,
  ],
  [
    "a work without creators",
    "select w.id from works w where not exists (select 1 from creatorships c where c.work_id = w.id)",
  ],
  [
    "a work without tags",
    "select w.id from works w where not exists (select 1 from taggings t where t.work_id = w.id)",
  ],
  [
    "a tagging without its tag",
    "select t.work_id from taggings t left join tags g on g.id = t.tag_id where g.id is null",
  ],
  [
    "a tagging without its work",
    "select t.work_id from taggings t left join works w on w.id = t.work_id where w.id is null",
  ],
  [
    "a chapter without its work",
    "select c.id from chapters c left join works w on w.id = c.work_id where w.id is null",
  ],
  [
    "a creatorship without its work or pseud",
    `select c.work_id from creatorships c left join works w on w.id = c.work_id
       left join pseuds p on p.id = c.pseud_id where w.id is null or p.id is null`,
  ],
  [
    "a work missing from the changes feed (the tag engine of another server would never learn of it)",
    "select w.id from works w where not exists (select 1 from changes ch where ch.work_id = w.id)",
  ],
];

/** Finds everything wrong with the archive behind `database`; `acked` may be empty (a restore). */
export async function checkArchive(database: Db, acked: Acknowledged): Promise<CheckReport> {
  const { db, dialect } = database;
  const problems: string[] = [];
  let lost = 0;

  const integrity = await storageIntegrity(db, dialect);
  problems.push(...integrity);

  for (const [what, query] of INVARIANTS) {
    const rows = (await sql.raw<Record<string, number>>(query).execute(db)).rows;
    if (rows.length)
      problems.push(
        `${what}: ${rows
          .slice(0, 5)
          .map((r) => Object.values(r)[0])
          .join(", ")} (${rows.length})`,
      );
  }

  // Every acknowledged write, as written.
  const works = new Map(
    (await db.selectFrom("works").select(["id", "title", "posted"]).execute()).map((w) => [w.id, w]),
  );
  const chapters = await db
    .selectFrom("chapters")
    .select(["work_id", "body", "posted", "position"])
    .execute();
  const chapterText = new Map<number, string>();
  for (const c of chapters)
    chapterText.set(c.work_id, `${chapterText.get(c.work_id) ?? ""}\n${c.posted}:${c.body}`);
  const marks = await db
    .selectFrom("taggings")
    .innerJoin("tags", "tags.id", "taggings.tag_id")
    .select(["taggings.work_id", "tags.name"])
    .where("tags.type", "=", "freeform")
    .where("tags.name", "like", "Mark %")
    .execute();
  const markOf = new Map<number, string[]>();
  for (const m of marks) markOf.set(m.work_id, [...(markOf.get(m.work_id) ?? []), m.name]);
  const markerOf = new Map<number, string>();
  for (const w of acked.works) {
    markerOf.set(w.id, w.marker);
    const row = works.get(w.id);
    const text = chapterText.get(w.id) ?? "";
    const asPosted =
      row?.posted === 1 &&
      row.title.startsWith(`Crash ${w.marker}`) &&
      text.includes(`1:<p>Opening of ${w.marker}.</p>`);
    if (!asPosted) {
      lost++;
      problems.push(`acknowledged work ${w.id} (${w.marker}) is missing or not as posted`);
    }
  }
  for (const c of acked.chapters) {
    if (!(chapterText.get(c.workId) ?? "").includes(`1:<p>Chapter ${c.marker} of `)) {
      lost++;
      problems.push(`acknowledged chapter ${c.marker} of work ${c.workId} is missing`);
    }
  }
  for (const [workId, possible] of acked.edits) {
    const row = works.get(workId);
    const marker = markerOf.get(workId);
    if (!row || !marker) continue; // counted above
    const edit = Number(/ edit (\d+)$/.exec(row.title)?.[1] ?? 0);
    if (!possible.has(edit)) {
      lost++;
      problems.push(
        `work ${workId} shows edit ${edit} of its title, expected one of ${[...possible].join(", ")}`,
      );
    }
    // The title and the tag are saved by one edit: they must tell of the same one.
    const tags = markOf.get(workId) ?? [];
    if (tags.length !== 1 || tags[0] !== `Mark ${marker} ${edit}`)
      problems.push(`work ${workId} shows edit ${edit} of its title but tags ${JSON.stringify(tags)}`);
  }

  problems.push(...(await engineAgrees(db, dialect)));
  return { lost, integrityOk: integrity.length === 0, problems, works: works.size };
}

/** The storage's own checks: SQLite's integrity and foreign keys and its full-text indexes; PostgreSQL's B-tree indexes (amcheck). */
export async function storageIntegrity(db: DB, dialect: Dialect): Promise<string[]> {
  const problems: string[] = [];
  if (dialect === "sqlite") {
    const rows = (await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db)).rows;
    if (rows.length !== 1 || rows[0]!.integrity_check !== "ok")
      problems.push(`integrity_check: ${rows.map((r) => r.integrity_check).join("; ")}`);
    const fk = (await sql`pragma foreign_key_check`.execute(db)).rows;
    if (fk.length) problems.push(`foreign_key_check: ${JSON.stringify(fk.slice(0, 5))}`);
    for (const table of ["works_fts", "chapters_fts"]) {
      try {
        await sql.raw(`insert into ${table}(${table}) values('integrity-check')`).execute(db);
      } catch (e) {
        problems.push(`${table} integrity-check: ${(e as Error).message}`);
      }
    }
  } else {
    try {
      await sql`create extension if not exists amcheck`.execute(db);
    } catch {
      return problems; // Not installed: PostgreSQL checks its pages itself on read.
    }
    const rows = (
      await sql<{ name: string; error: string | null }>`select c.relname as name, null as error
        from pg_index i join pg_class c on c.oid = i.indexrelid join pg_am a on a.oid = c.relam
        join pg_namespace n on n.oid = c.relnamespace
        where a.amname = 'btree' and n.nspname = 'public'`.execute(db)
    ).rows;
    for (const r of rows) {
      try {
        await sql`select bt_index_check(${r.name}::regclass, true)`.execute(db);
      } catch (e) {
        problems.push(`index ${r.name}: ${(e as Error).message}`);
      }
    }
  }
  return problems;
}

/** A tag engine built afresh lists, counts and pages exactly as SQL does over the listable works. */
export async function engineAgrees(db: DB, dialect: Dialect): Promise<string[]> {
  const problems: string[] = [];
  await prepareSql(db, dialect);
  const index = await ArchiveIndex.build(db);
  const listable = await db
    .selectFrom("works")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("posted", "=", 1)
    .where("hidden_by_admin", "=", 0)
    .executeTakeFirstOrThrow();
  if (index.engine.size !== Number(listable.n))
    problems.push(`the engine holds ${index.engine.size} works, SQL lists ${listable.n}`);
  const fandoms = await db.selectFrom("tags").select("id").where("type", "=", "fandom").limit(3).execute();
  const queries: EngineQuery[] = [];
  for (const signedIn of [true, false])
    for (const [sort, direction] of [
      ["updated", "desc"],
      ["title", "asc"],
      ["words", "desc"],
    ] as const)
      queries.push({ signedIn, sort, direction, offset: 0, limit: 20, facets: true });
  queries.push({
    signedIn: true,
    sort: "updated",
    direction: "desc",
    offset: 0,
    limit: 100_000,
    facets: false,
  });
  queries.push({ signedIn: true, sort: "updated", direction: "desc", offset: 20, limit: 20, facets: true });
  for (const f of fandoms)
    queries.push({
      signedIn: true,
      include: [f.id],
      sort: "updated",
      direction: "desc",
      offset: 0,
      limit: 20,
      facets: true,
    });
  for (const q of queries) {
    const engine = index.engine.query(q);
    const fromSql = await sqlQuery(db, dialect, q, "rows");
    if (!isDeepStrictEqual(engine, fromSql))
      problems.push(
        `the engine and SQL disagree on ${JSON.stringify(q)}: ${JSON.stringify(engine).slice(0, 300)} / ${JSON.stringify(fromSql).slice(0, 300)}`,
      );
  }
  return problems;
}
