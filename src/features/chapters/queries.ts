import type { Kysely } from "kysely";
import type { Database } from "../../db/types";
import type { SafeHtml } from "../../lib/sanitize";

type DB = Kysely<Database>;

/** What chapter pages need to know about the work they belong to. */
export interface ChapterWork {
  id: number;
  title: string;
  posted: boolean;
  complete: boolean;
  expectedChapters: number | null;
  /** Posted chapters, as last counted by refreshWorkStats. */
  chapterCount: number;
}

export async function findChapterWork(db: DB, workId: number): Promise<ChapterWork | null> {
  const row = await db
    .selectFrom("works")
    .select(["id", "title", "posted", "complete", "expected_chapters", "chapter_count"])
    .where("id", "=", workId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    title: row.title,
    posted: row.posted === 1,
    complete: row.complete === 1,
    expectedChapters: row.expected_chapters === null ? null : Number(row.expected_chapters),
    chapterCount: Number(row.chapter_count),
  };
}

/** A line of a work's table of contents, drafts included. */
export interface ChapterEntry {
  id: number;
  position: number;
  title: string;
  posted: boolean;
  wordCount: number;
}

export async function listChapters(db: DB, workId: number): Promise<ChapterEntry[]> {
  const rows = await db
    .selectFrom("chapters")
    .select(["id", "position", "title", "posted", "word_count"])
    .where("work_id", "=", workId)
    .orderBy("position")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    position: Number(r.position),
    title: r.title,
    posted: r.posted === 1,
    wordCount: Number(r.word_count),
  }));
}

export interface ChapterRecord extends ChapterEntry {
  workId: number;
  summary: SafeHtml;
  notes: SafeHtml;
  endNotes: SafeHtml;
  body: SafeHtml;
  postedAt: number | null;
}

/** A chapter of the given work, or null (a chapter id of another work is not found either). */
export async function findChapter(db: DB, workId: number, chapterId: number): Promise<ChapterRecord | null> {
  const r = await db
    .selectFrom("chapters")
    .selectAll()
    .where("id", "=", chapterId)
    .where("work_id", "=", workId)
    .executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    workId: r.work_id,
    position: Number(r.position),
    title: r.title,
    posted: r.posted === 1,
    wordCount: Number(r.word_count),
    summary: r.summary as SafeHtml,
    notes: r.notes as SafeHtml,
    endNotes: r.end_notes as SafeHtml,
    body: r.body as SafeHtml,
    postedAt: r.posted_at === null ? null : Number(r.posted_at),
  };
}

/** A chapter's content, already sanitized, as it is stored. */
export interface ChapterContent {
  title: string;
  summary: SafeHtml;
  notes: SafeHtml;
  endNotes: SafeHtml;
  body: SafeHtml;
  wordCount: number;
}

/** A chapter's written content as the columns that store it. */
function contentColumns(c: ChapterContent) {
  return {
    title: c.title,
    summary: c.summary,
    notes: c.notes,
    end_notes: c.endNotes,
    body: c.body,
    word_count: c.wordCount,
  };
}

export async function insertChapter(
  db: DB,
  c: ChapterContent & { workId: number; position: number; posted: boolean; now: number },
): Promise<number> {
  const row = await db
    .insertInto("chapters")
    .values({
      work_id: c.workId,
      position: c.position,
      ...contentColumns(c),
      posted: c.posted ? 1 : 0,
      created_at: c.now,
      updated_at: c.now,
      posted_at: c.posted ? c.now : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateChapter(
  db: DB,
  chapterId: number,
  c: ChapterContent & { posted: boolean; postedAt: number | null; now: number },
): Promise<void> {
  await db
    .updateTable("chapters")
    .set({
      ...contentColumns(c),
      posted: c.posted ? 1 : 0,
      posted_at: c.postedAt,
      updated_at: c.now,
    })
    .where("id", "=", chapterId)
    .execute();
}

export async function markChapterPosted(db: DB, chapterId: number, now: number): Promise<void> {
  await db
    .updateTable("chapters")
    .set({ posted: 1, posted_at: now, updated_at: now })
    .where("id", "=", chapterId)
    .execute();
}

export async function deleteChapterRow(db: DB, chapterId: number): Promise<void> {
  await db.deleteFrom("chapters").where("id", "=", chapterId).execute();
}

export async function setChapterPosition(db: DB, chapterId: number, position: number): Promise<void> {
  await db.updateTable("chapters").set({ position }).where("id", "=", chapterId).execute();
}

/** Marks the work as updated now: readers' "updated" sort and date follow new or changed text. */
export async function touchWork(db: DB, workId: number, now: number): Promise<void> {
  await db.updateTable("works").set({ updated_at: now }).where("id", "=", workId).execute();
}

export async function setWorkCompletion(
  db: DB,
  workId: number,
  complete: boolean,
  expectedChapters: number | null,
): Promise<void> {
  await db
    .updateTable("works")
    .set({ complete: complete ? 1 : 0, expected_chapters: expectedChapters })
    .where("id", "=", workId)
    .execute();
}
