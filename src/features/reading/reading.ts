import type { Kysely } from "kysely";
import type { Viewer } from "../../context";
import { findWork, type Work } from "../../core/work/queries";
import type { Database } from "../../db/types";
import {
  type ChapterEntry,
  type ChapterText,
  type Creator,
  listChapters,
  listCreators,
  listTags,
  loadChapterTexts,
  type WorkTags,
} from "./queries";

/** Ratings behind which a reader first sees the adult-content notice. */
export const ADULT_RATINGS: readonly string[] = ["Mature", "Explicit", "Not Rated"];

/** A work without a rating is treated as Not Rated: the notice errs on the side of showing. */
export function isAdultRated(ratings: string[]): boolean {
  return ratings.length === 0 || ratings.some((r) => ADULT_RATINGS.includes(r));
}

/**
 * Whether the reader sees the notice before the work: never for its creators, never once they
 * chose to continue (view_adult=true), never for a reader whose preference skips it.
 */
export function needsAdultNotice(opts: {
  viewer: Viewer | null;
  isCreator: boolean;
  ratings: string[];
  viewAdult: boolean;
}): boolean {
  if (!isAdultRated(opts.ratings)) return false;
  if (opts.isCreator || opts.viewAdult) return false;
  return !opts.viewer?.skipAdultNotice;
}

/** A chapter with its number as readers count it (drafts hidden from them take no number). */
export type Numbered<T extends ChapterEntry> = T & { number: number };

export function numberChapters<T extends ChapterEntry>(chapters: T[]): Numbered<T>[] {
  return chapters.map((ch, i) => ({ ...ch, number: i + 1 }));
}

export function chapterHeading(ch: { number: number; title: string }): string {
  return ch.title ? `Chapter ${ch.number}: ${ch.title}` : `Chapter ${ch.number}`;
}

/** "3/10", or "3/?" when the writer has not said how many chapters there will be. */
export function chaptersLabel(posted: number, expected: number | null): string {
  return `${posted}/${expected ?? "?"}`;
}

/** A path with one query parameter set, keeping the others. */
export function withParam(pathAndQuery: string, name: string, value: string): string {
  const url = new URL(pathAndQuery, "http://quire.invalid");
  url.searchParams.set(name, value);
  return `${url.pathname}${url.search}`;
}

export interface Reading {
  work: Work;
  /** Empty for an anonymous work, so no view can name its creators. */
  creators: Creator[];
  tags: WorkTags;
  /** Every chapter this reader may open, numbered. */
  chapters: Numbered<ChapterEntry>[];
}

/** Loads what every reading page shows; drafts are included for the work's creators. */
export async function loadReading(
  db: Kysely<Database>,
  workId: number,
  includeDrafts: boolean,
): Promise<Reading | null> {
  const work = await findWork(db, workId);
  if (!work) return null;
  const [creators, tags, chapters] = await Promise.all([
    work.anonymous ? Promise.resolve([]) : listCreators(db, workId),
    listTags(db, workId),
    listChapters(db, workId, includeDrafts),
  ]);
  return { work, creators, tags, chapters: numberChapters(chapters) };
}

/** The text of the chapters to show, carrying the numbers given in `reading.chapters`. */
export async function loadShownChapters(
  db: Kysely<Database>,
  reading: Reading,
  shown: Numbered<ChapterEntry>[],
): Promise<Numbered<ChapterText>[]> {
  const texts = await loadChapterTexts(
    db,
    reading.work.id,
    shown.map((c) => c.id),
  );
  const numbers = new Map(shown.map((c) => [c.id, c.number]));
  return texts.map((t) => ({ ...t, number: numbers.get(t.id)! }));
}
