// Chapter commands. Each runs in one transaction that also refreshes the work's counts, so a work
// is never left with counts or numbering that disagree with its chapters.
import type { Kysely } from "kysely";
import type { ChapterContent } from "../../core/chapter/content";
import { insertChapter, updateChapter } from "../../core/chapter/queries";
import { refreshWorkStats } from "../../core/work/queries";
import type { Database } from "../../db/types";
import {
  deleteChapterRow,
  findChapter,
  findChapterWork,
  listChapters,
  markChapterPosted,
  setChapterPosition,
  setWorkCompletion,
  touchWork,
} from "./queries";

type DB = Kysely<Database>;

export type Outcome<T> = { ok: true; value: T } | { ok: false; message: string };

/** A rule the request broke; thrown inside a transaction so that nothing it did is kept. */
class ChapterRefusal extends Error {}

async function refusable<T>(run: () => Promise<T>): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await run() };
  } catch (err) {
    if (err instanceof ChapterRefusal) return { ok: false, message: err.message };
    throw err;
  }
}

/** The ids in reading order once `chapterId` stands at `position` (null: at the end). */
function placeAt(ids: number[], chapterId: number, position: number | null): number[] {
  const rest = ids.filter((id) => id !== chapterId);
  const index = position === null ? rest.length : Math.min(Math.max(position - 1, 0), rest.length);
  rest.splice(index, 0, chapterId);
  return rest;
}

/** Numbers the work's chapters 1..n in the given order, writing only the ones that moved. */
async function applyOrder(db: DB, workId: number, orderedIds: number[]): Promise<void> {
  const current = new Map((await listChapters(db, workId)).map((c) => [c.id, c.position]));
  for (const [i, id] of orderedIds.entries()) {
    if (current.get(id) !== i + 1) await setChapterPosition(db, id, i + 1);
  }
}

/**
 * A posted work whose posted chapters reach its planned total is complete (a total that was
 * passed grows to match, so no work reads "4/3"); losing a chapter below the total reopens it.
 */
async function updateCompletion(db: DB, workId: number, change: "posted" | "removed"): Promise<void> {
  const work = await findChapterWork(db, workId);
  if (!work?.posted || work.expectedChapters === null) return;
  const count = work.chapterCount;
  if (change === "posted" && count >= work.expectedChapters) {
    await setWorkCompletion(db, workId, true, count);
  } else if (change === "removed" && count < work.expectedChapters && work.complete) {
    await setWorkCompletion(db, workId, false, work.expectedChapters);
  }
}

/**
 * After readers' text changed: counts, the work's updated date and, when a chapter has just gone
 * up, completion.
 */
async function afterPosting(db: DB, workId: number, now: number, newlyPosted: boolean): Promise<void> {
  await refreshWorkStats(db, workId);
  await touchWork(db, workId, now);
  if (newlyPosted) await updateCompletion(db, workId, "posted");
}

export interface SavedChapter {
  chapterId: number;
  /** Its place in the work after saving. */
  position: number;
  posted: boolean;
  /** The writer asked to post but the work itself is a draft, so the chapter waits with it. */
  heldAsDraft: boolean;
}

export function addChapter(
  db: DB,
  p: { workId: number; content: ChapterContent; position: number | null; post: boolean; now: number },
): Promise<Outcome<SavedChapter>> {
  return refusable(() =>
    db.transaction().execute(async (trx) => {
      const work = await findChapterWork(trx, p.workId);
      if (!work) throw new ChapterRefusal("That work no longer exists.");
      const posted = p.post && work.posted;
      const ids = (await listChapters(trx, p.workId)).map((c) => c.id);
      const chapterId = await insertChapter(trx, {
        ...p.content,
        workId: p.workId,
        position: ids.length + 1,
        posted,
        now: p.now,
      });
      const order = placeAt([...ids, chapterId], chapterId, p.position);
      await applyOrder(trx, p.workId, order);
      if (posted) await afterPosting(trx, p.workId, p.now, true);
      else await refreshWorkStats(trx, p.workId);
      return { chapterId, position: order.indexOf(chapterId) + 1, posted, heldAsDraft: p.post && !posted };
    }),
  );
}

export function editChapter(
  db: DB,
  p: {
    workId: number;
    chapterId: number;
    content: ChapterContent;
    position: number | null;
    post: boolean;
    now: number;
  },
): Promise<Outcome<SavedChapter>> {
  return refusable(() =>
    db.transaction().execute(async (trx) => {
      const work = await findChapterWork(trx, p.workId);
      const chapter = await findChapter(trx, p.workId, p.chapterId);
      if (!work || !chapter) throw new ChapterRefusal("That chapter no longer exists.");
      // A posted chapter stays posted: readers may already have it open, bookmarked or commented.
      const posted = chapter.posted || (p.post && work.posted);
      await updateChapter(trx, p.chapterId, {
        ...p.content,
        posted,
        postedAt: chapter.postedAt ?? (posted ? p.now : null),
        now: p.now,
      });
      let position = chapter.position;
      if (p.position !== null && p.position !== chapter.position) {
        const ids = (await listChapters(trx, p.workId)).map((c) => c.id);
        const order = placeAt(ids, p.chapterId, p.position);
        await applyOrder(trx, p.workId, order);
        position = order.indexOf(p.chapterId) + 1;
      }
      if (posted) await afterPosting(trx, p.workId, p.now, !chapter.posted);
      else await refreshWorkStats(trx, p.workId);
      return { chapterId: p.chapterId, position, posted, heldAsDraft: p.post && !posted };
    }),
  );
}

/** Posts a draft chapter of a posted work. A draft work is posted from its own page. */
export function postChapter(
  db: DB,
  p: { workId: number; chapterId: number; now: number },
): Promise<Outcome<{ alreadyPosted: boolean; position: number }>> {
  return refusable(() =>
    db.transaction().execute(async (trx) => {
      const work = await findChapterWork(trx, p.workId);
      const chapter = await findChapter(trx, p.workId, p.chapterId);
      if (!work || !chapter) throw new ChapterRefusal("That chapter no longer exists.");
      if (!work.posted) {
        throw new ChapterRefusal(
          "This work is still a draft. Post the work from its own page and its chapters go up with it.",
        );
      }
      if (chapter.posted) return { alreadyPosted: true, position: chapter.position };
      await markChapterPosted(trx, p.chapterId, p.now);
      await afterPosting(trx, p.workId, p.now, true);
      return { alreadyPosted: false, position: chapter.position };
    }),
  );
}

/** Deletes a chapter and numbers the rest 1..n. A work always keeps at least one chapter. */
export function deleteChapter(
  db: DB,
  p: { workId: number; chapterId: number; now: number },
): Promise<Outcome<{ title: string; position: number }>> {
  return refusable(() =>
    db.transaction().execute(async (trx) => {
      const work = await findChapterWork(trx, p.workId);
      const chapters = await listChapters(trx, p.workId);
      const chapter = chapters.find((c) => c.id === p.chapterId);
      if (!work || !chapter) throw new ChapterRefusal("That chapter no longer exists.");
      if (chapters.length === 1) {
        throw new ChapterRefusal(
          "This is the work's only chapter, so it can't be deleted. Edit it instead, or delete the whole work.",
        );
      }
      if (work.posted && chapter.posted && chapters.filter((c) => c.posted).length === 1) {
        throw new ChapterRefusal(
          "This is the work's only posted chapter, so it can't be deleted. Post another chapter first, or delete the whole work.",
        );
      }
      await deleteChapterRow(trx, p.chapterId);
      await applyOrder(
        trx,
        p.workId,
        chapters.filter((c) => c.id !== p.chapterId).map((c) => c.id),
      );
      await refreshWorkStats(trx, p.workId);
      if (chapter.posted) await updateCompletion(trx, p.workId, "removed");
      return { title: chapter.title, position: chapter.position };
    }),
  );
}

/** Puts the chapters in a new order; `orderedIds` must name every chapter of the work once. */
export function reorderChapters(
  db: DB,
  p: { workId: number; orderedIds: number[]; now: number },
): Promise<Outcome<null>> {
  return refusable(() =>
    db.transaction().execute(async (trx) => {
      const ids = (await listChapters(trx, p.workId)).map((c) => c.id);
      const same = ids.length === p.orderedIds.length && ids.every((id) => p.orderedIds.includes(id));
      if (!same) {
        throw new ChapterRefusal(
          "The work's chapters changed while you were ordering them. Please try again.",
        );
      }
      await applyOrder(trx, p.workId, p.orderedIds);
      return null;
    }),
  );
}
