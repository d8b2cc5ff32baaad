import type { Kysely } from "kysely";
import type { Database } from "../../db/types";
import type { ChapterContent } from "./content";

type DB = Kysely<Database>;

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

/** The one insert of a chapter, first or later. */
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
