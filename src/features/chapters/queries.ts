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
