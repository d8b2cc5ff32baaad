// A work as listings show it (its blurb), and the SQL listings that do not go through the tag
// engine: a user's profile, a pseud's page, a creator's drafts. Each starts from the visibility
// rule of queries.ts.
import type { Kysely } from "kysely";
import type { Viewer } from "../../context";
import type { Database, TagType } from "../../db/types";
import type { SafeHtml } from "../../lib/sanitize";
import { creditedTo, listableSql, ownWorks, toWork, visibleWorks, type WorkRow } from "./queries";

type DB = Kysely<Database>;

export interface BlurbCreator {
  pseud: string;
  login: string;
}

export interface BlurbTags {
  fandoms: string[];
  rating: string[];
  warnings: string[];
  categories: string[];
  relationships: string[];
  characters: string[];
  freeforms: string[];
}

/** A work as it appears in a listing. */
export interface WorkBlurb {
  id: number;
  title: string;
  /** An anonymous work names no creator: `creators` is then empty. */
  anonymous: boolean;
  creators: BlurbCreator[];
  tags: BlurbTags;
  complete: boolean;
  /** false for a draft. */
  posted: boolean;
  updatedAt: number;
  summary: SafeHtml;
  language: string;
  wordCount: number;
  chapterCount: number;
  /** null shows as "?". */
  expectedChapters: number | null;
  kudos: number;
  comments: number;
  bookmarks: number;
  hits: number;
  restricted: boolean;
}

export interface BlurbListOptions {
  /** Only works credited (approved) to one of this user's pseuds. */
  creatorUserId?: number;
  /** Only works credited (approved) to this pseud. */
  pseudId?: number;
  /** The creator's drafts too; honoured only when the viewer is that creator. */
  includeDrafts?: boolean;
  /**
   * With a creator or pseud filter, anonymous works are left out unless this is set and the viewer
   * is that creator: listing them under a name would reveal who wrote them.
   */
  includeAnonymous?: boolean;
  page: number;
  perPage: number;
}

const TAG_GROUP: Record<TagType, keyof BlurbTags> = {
  fandom: "fandoms",
  rating: "rating",
  warning: "warnings",
  category: "categories",
  relationship: "relationships",
  character: "characters",
  freeform: "freeforms",
};

/** One page of work blurbs, newest updated first, and how many works the listing holds. */
export async function listWorkBlurbs(
  db: DB,
  viewer: Viewer | null,
  opts: BlurbListOptions,
): Promise<{ blurbs: WorkBlurb[]; total: number }> {
  const ownPage = !!viewer && opts.creatorUserId !== undefined && viewer.id === opts.creatorUserId;
  let q = ownPage && opts.includeDrafts ? ownWorks(db) : visibleWorks(db, viewer);

  const creatorUserId = opts.creatorUserId;
  if (creatorUserId !== undefined) {
    q = q.where(creditedTo(creatorUserId));
  }
  const pseudId = opts.pseudId;
  if (pseudId !== undefined) {
    q = q.where(({ exists, selectFrom }) =>
      exists(
        selectFrom("creatorships")
          .select("creatorships.id")
          .whereRef("creatorships.work_id", "=", "works.id")
          .where("creatorships.approved", "=", 1)
          .where("creatorships.pseud_id", "=", pseudId),
      ),
    );
  }
  const filteredByCreator = creatorUserId !== undefined || pseudId !== undefined;
  if (filteredByCreator && !(ownPage && opts.includeAnonymous)) q = q.where("works.anonymous", "=", 0);

  const countRow = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
  const total = Number(countRow.n);

  const rows = await q
    .selectAll("works")
    .orderBy("works.updated_at", "desc")
    .orderBy("works.id", "desc")
    .limit(opts.perPage)
    .offset((opts.page - 1) * opts.perPage)
    .execute();
  return { blurbs: await blurbsOf(db, rows), total };
}

/**
 * The blurbs of the given works, in the order of `ids`, as the viewer may see them (the visibility
 * rules are applied again here, so a stale id can never show what the viewer may not see).
 */
export async function loadWorkBlurbs(
  db: DB,
  viewer: Viewer | null,
  ids: readonly number[],
): Promise<WorkBlurb[]> {
  if (ids.length === 0) return [];
  const rows = await visibleWorks(db, viewer)
    .selectAll("works")
    .where("works.id", "in", [...ids])
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return blurbsOf(
    db,
    ids.flatMap((id) => byId.get(id) ?? []),
  );
}

/** A creator's drafts, as only they see them: last edited first. */
export async function listDraftBlurbs(db: DB, userId: number): Promise<WorkBlurb[]> {
  const rows = await ownWorks(db)
    .where("works.posted", "=", 0)
    .where(creditedTo(userId))
    .selectAll("works")
    .orderBy("works.updated_at", "desc")
    .orderBy("works.id", "desc")
    .execute();
  return blurbsOf(db, rows);
}

/**
 * The ids of the posted works credited to a user (the tag engine narrows them down further).
 * Anonymous works only when asked: listing them under a name would reveal who wrote them.
 */
export async function workIdsOfUser(db: DB, userId: number, includeAnonymous: boolean): Promise<number[]> {
  // Restricted works too: the engine leaves them out for guests.
  let q = db.selectFrom("works").where(listableSql("works")).where(creditedTo(userId)).select("works.id");
  if (!includeAnonymous) q = q.where("works.anonymous", "=", 0);
  return (await q.execute()).map((r) => r.id);
}

async function blurbsOf(db: DB, rows: WorkRow[]): Promise<WorkBlurb[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [tagRows, creatorRows] = await Promise.all([
    db
      .selectFrom("taggings")
      .innerJoin("tags", "tags.id", "taggings.tag_id")
      .select(["taggings.work_id", "tags.type", "tags.name"])
      .where("taggings.work_id", "in", ids)
      .orderBy("tags.id")
      .execute(),
    db
      .selectFrom("creatorships")
      .innerJoin("pseuds", "pseuds.id", "creatorships.pseud_id")
      .innerJoin("users", "users.id", "pseuds.user_id")
      .select(["creatorships.work_id", "pseuds.name", "users.login"])
      .where("creatorships.work_id", "in", ids)
      .where("creatorships.approved", "=", 1)
      .orderBy("creatorships.id")
      .execute(),
  ]);

  const tagsByWork = new Map<number, BlurbTags>();
  for (const t of tagRows) {
    let tags = tagsByWork.get(t.work_id);
    if (!tags) {
      tags = emptyTags();
      tagsByWork.set(t.work_id, tags);
    }
    tags[TAG_GROUP[t.type]].push(t.name);
  }
  const creatorsByWork = new Map<number, BlurbCreator[]>();
  for (const c of creatorRows) {
    const list = creatorsByWork.get(c.work_id) ?? [];
    list.push({ pseud: c.name, login: c.login });
    creatorsByWork.set(c.work_id, list);
  }

  return rows.map((row): WorkBlurb => {
    const w = toWork(row);
    return {
      id: w.id,
      title: w.title,
      anonymous: w.anonymous,
      creators: w.anonymous ? [] : (creatorsByWork.get(w.id) ?? []),
      tags: tagsByWork.get(w.id) ?? emptyTags(),
      complete: w.complete,
      posted: w.posted,
      updatedAt: w.updatedAt,
      summary: w.summary,
      language: w.language,
      wordCount: w.wordCount,
      chapterCount: w.chapterCount,
      expectedChapters: w.expectedChapters,
      kudos: w.kudosCount,
      comments: w.commentsCount,
      bookmarks: w.bookmarksCount,
      hits: w.hits,
      restricted: w.restricted,
    };
  });
}

function emptyTags(): BlurbTags {
  return {
    fandoms: [],
    rating: [],
    warnings: [],
    categories: [],
    relationships: [],
    characters: [],
    freeforms: [],
  };
}
