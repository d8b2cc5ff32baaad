import type { Kysely } from "kysely";
import type { Database, TagType } from "../../db/types";
import type { SafeHtml } from "../../lib/sanitize";

type DB = Kysely<Database>;

/** An approved pseud credited on a work, with the login of the user it belongs to. */
export interface Creator {
  pseud: string;
  login: string;
}

export type WorkTags = Record<TagType, string[]>;

/** A chapter's place in the work, without its text (enough for navigation and the index). */
export interface ChapterEntry {
  id: number;
  position: number;
  title: string;
  posted: boolean;
  postedAt: number | null;
}

export interface ChapterText extends ChapterEntry {
  summary: SafeHtml;
  notes: SafeHtml;
  endNotes: SafeHtml;
  body: SafeHtml;
  wordCount: number;
}

/** The work's approved creators, in the order they were credited (invitations still open are left out). */
export async function listCreators(db: DB, workId: number): Promise<Creator[]> {
  return db
    .selectFrom("creatorships")
    .innerJoin("pseuds", "pseuds.id", "creatorships.pseud_id")
    .innerJoin("users", "users.id", "pseuds.user_id")
    .select(["pseuds.name as pseud", "users.login as login"])
    .where("creatorships.work_id", "=", workId)
    .where("creatorships.approved", "=", 1)
    .orderBy("creatorships.id")
    .execute();
}

/** The work's tags by type, as the writer named them. Fixed tags keep the archive's own order. */
export async function listTags(db: DB, workId: number): Promise<WorkTags> {
  const rows = await db
    .selectFrom("taggings")
    .innerJoin("tags", "tags.id", "taggings.tag_id")
    .select(["tags.type", "tags.name"])
    .where("taggings.work_id", "=", workId)
    .orderBy("tags.id")
    .execute();
  const tags: WorkTags = {
    rating: [],
    warning: [],
    category: [],
    fandom: [],
    relationship: [],
    character: [],
    freeform: [],
  };
  for (const r of rows) tags[r.type]?.push(r.name);
  return tags;
}

/** The work's chapters in reading order: posted ones, and drafts too when asked (for its creators). */
export async function listChapters(db: DB, workId: number, includeDrafts: boolean): Promise<ChapterEntry[]> {
  let q = db
    .selectFrom("chapters")
    .select(["id", "position", "title", "posted", "posted_at"])
    .where("work_id", "=", workId);
  if (!includeDrafts) q = q.where("posted", "=", 1);
  const rows = await q.orderBy("position").orderBy("id").execute();
  return rows.map((r) => ({
    id: r.id,
    position: r.position,
    title: r.title,
    posted: r.posted === 1,
    postedAt: r.posted_at === null ? null : Number(r.posted_at),
  }));
}

/** The text of some chapters of one work, in reading order. */
export async function loadChapterTexts(db: DB, workId: number, chapterIds: number[]): Promise<ChapterText[]> {
  if (chapterIds.length === 0) return [];
  const rows = await db
    .selectFrom("chapters")
    .selectAll()
    .where("work_id", "=", workId)
    .where("id", "in", chapterIds)
    .orderBy("position")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    position: r.position,
    title: r.title,
    posted: r.posted === 1,
    postedAt: r.posted_at === null ? null : Number(r.posted_at),
    summary: r.summary as SafeHtml,
    notes: r.notes as SafeHtml,
    endNotes: r.end_notes as SafeHtml,
    body: r.body as SafeHtml,
    wordCount: r.word_count,
  }));
}
