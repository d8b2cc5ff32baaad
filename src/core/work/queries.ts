// What a work is as the database holds it, and the SQL form of the rules in policy.ts.
import {
  type ExpressionBuilder,
  type Kysely,
  type RawBuilder,
  type Selectable,
  type SqlBool,
  sql,
} from "kysely";
import type { Viewer } from "../../context";
import type { Database, WorksTable } from "../../db/types";
import type { SafeHtml } from "../../lib/sanitize";
import { LISTABLE, type WorkAccess } from "./policy";

type DB = Kysely<Database>;

// Visibility in SQL ------------------------------------------------------------------------------

/**
 * `LISTABLE` as a SQL condition on the works table (named `table`, or unqualified columns): the
 * one spelling every listing, text search and the tag engine's loader use.
 */
export function listableSql(table?: string): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${sql.join(
    Object.entries(LISTABLE).map(
      ([column, value]) => sql`${sql.ref(table ? `${table}.${column}` : column)} = ${sql.lit(value)}`,
    ),
    sql` and `,
  )})`;
}

/** A select on works with nothing selected yet, to which a listing adds its filters and columns. */
export type WorksQuery = ReturnType<typeof allWorks>;

function allWorks(db: DB) {
  return db.selectFrom("works");
}

/**
 * The works a viewer may see in any listing, feed or count (`isListedFor`): listable, and
 * restricted works only for signed-in readers. Every listing starts here so none forgets a rule.
 */
export function visibleWorks(db: DB, viewer: Viewer | null): WorksQuery {
  const q = allWorks(db).where(listableSql("works"));
  return viewer ? q : q.where("works.restricted", "=", 0);
}

/**
 * A creator's own works as they see them on their own pages: posted and draft alike, still
 * without works an admin hid.
 */
export function ownWorks(db: DB): WorksQuery {
  return allWorks(db).where("works.hidden_by_admin", "=", 0);
}

/** Works credited (approved) to one of the user's pseuds. */
export function creditedTo(userId: number) {
  return ({ exists, selectFrom }: ExpressionBuilder<Database, "works">) =>
    exists(
      selectFrom("creatorships")
        .innerJoin("pseuds", "pseuds.id", "creatorships.pseud_id")
        .select("creatorships.id")
        .whereRef("creatorships.work_id", "=", "works.id")
        .where("creatorships.approved", "=", 1)
        .where("pseuds.user_id", "=", userId),
    );
}

// Access -------------------------------------------------------------------------------------------

/** Loads what the work policy needs, or null when there is no such work. */
export async function loadWorkAccess(db: DB, workId: number): Promise<WorkAccess | null> {
  const work = await db
    .selectFrom("works")
    .select(["posted", "restricted", "hidden_by_admin"])
    .where("id", "=", workId)
    .executeTakeFirst();
  if (!work) return null;
  const creators = await db
    .selectFrom("creatorships")
    .innerJoin("pseuds", "pseuds.id", "creatorships.pseud_id")
    .select("pseuds.user_id")
    .where("creatorships.work_id", "=", workId)
    .where("creatorships.approved", "=", 1)
    .execute();
  return {
    posted: work.posted === 1,
    restricted: work.restricted === 1,
    hiddenByAdmin: work.hidden_by_admin === 1,
    creatorUserIds: [...new Set(creators.map((c) => c.user_id))],
  };
}

// The work itself ------------------------------------------------------------------------------

/** A work's own fields. HTML columns were sanitized on write, so they are SafeHtml here. */
export interface Work {
  id: number;
  title: string;
  summary: SafeHtml;
  notes: SafeHtml;
  endNotes: SafeHtml;
  language: string;
  complete: boolean;
  expectedChapters: number | null;
  restricted: boolean;
  anonymous: boolean;
  posted: boolean;
  hiddenByAdmin: boolean;
  postedAt: number | null;
  updatedAt: number;
  wordCount: number;
  /** Posted chapters only. */
  chapterCount: number;
  hits: number;
  kudosCount: number;
  commentsCount: number;
  bookmarksCount: number;
}

export type WorkRow = Selectable<WorksTable>;

/** The one mapping from a works row to a `Work`. */
export function toWork(w: WorkRow): Work {
  return {
    id: w.id,
    title: w.title,
    summary: w.summary as SafeHtml,
    notes: w.notes as SafeHtml,
    endNotes: w.end_notes as SafeHtml,
    language: w.language,
    complete: w.complete === 1,
    expectedChapters: w.expected_chapters,
    restricted: w.restricted === 1,
    anonymous: w.anonymous === 1,
    posted: w.posted === 1,
    hiddenByAdmin: w.hidden_by_admin === 1,
    postedAt: w.posted_at === null ? null : Number(w.posted_at),
    updatedAt: Number(w.updated_at),
    wordCount: w.word_count,
    chapterCount: w.chapter_count,
    hits: w.hits,
    kudosCount: w.kudos_count,
    commentsCount: w.comments_count,
    bookmarksCount: w.bookmarks_count,
  };
}

/** A work by id, whoever may see it (callers ask the policy first), or null. */
export async function findWork(db: DB, workId: number): Promise<Work | null> {
  const w = await db.selectFrom("works").selectAll().where("id", "=", workId).executeTakeFirst();
  return w ? toWork(w) : null;
}

// Counts ----------------------------------------------------------------------------------------

/**
 * Recomputes a work's word and chapter counts from its posted chapters (the database's triggers
 * append the work to `changes` when they move). Call inside the transaction of any chapter or
 * work write.
 */
export async function refreshWorkStats(db: DB, workId: number): Promise<void> {
  const row = await db
    .selectFrom("chapters")
    .select((eb) => [
      eb.fn.coalesce(eb.fn.sum<number>("word_count"), eb.lit(0)).as("words"),
      eb.fn.countAll<number>().as("n"),
    ])
    .where("work_id", "=", workId)
    .where("posted", "=", 1)
    .executeTakeFirstOrThrow();
  await db
    .updateTable("works")
    .set({ word_count: Number(row.words), chapter_count: Number(row.n) })
    .where("id", "=", workId)
    .execute();
}
