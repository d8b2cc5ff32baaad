import type { ExpressionBuilder, Kysely, Selectable, SelectQueryBuilder } from "kysely";
import type { Viewer } from "../../context";
import type { Database, TagType, WorksTable } from "../../db/types";
import type { SafeHtml } from "../../lib/sanitize";

type DB = Kysely<Database>;

/** A select on works with nothing selected yet, to which a listing adds its filters and columns. */
export type WorksQuery = SelectQueryBuilder<Database, "works", Record<never, never>>;

/**
 * The works a viewer may see in any listing, feed or count: posted, not hidden by an admin, and
 * restricted works only for signed-in readers. Every listing starts here so none forgets a rule.
 */
export function visibleWorks(db: DB, viewer: Viewer | null): WorksQuery {
  let q = db.selectFrom("works").where("works.posted", "=", 1).where("works.hidden_by_admin", "=", 0);
  if (!viewer) q = q.where("works.restricted", "=", 0);
  return q;
}

/**
 * A creator's own works as they see them on their own pages: posted and draft alike, still
 * without works an admin hid.
 */
function ownWorks(db: DB): WorksQuery {
  return db.selectFrom("works").where("works.hidden_by_admin", "=", 0);
}

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

type WorkRow = Selectable<WorksTable>;

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
  let q = db
    .selectFrom("works")
    .where("works.posted", "=", 1)
    .where("works.hidden_by_admin", "=", 0)
    .where(creditedTo(userId))
    .select("works.id");
  if (!includeAnonymous) q = q.where("works.anonymous", "=", 0);
  return (await q.execute()).map((r) => r.id);
}

/** Works credited (approved) to one of the user's pseuds. */
function creditedTo(userId: number) {
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

  const blurbs = rows.map((w): WorkBlurb => {
    const anonymous = w.anonymous === 1;
    return {
      id: w.id,
      title: w.title,
      anonymous,
      creators: anonymous ? [] : (creatorsByWork.get(w.id) ?? []),
      tags: tagsByWork.get(w.id) ?? emptyTags(),
      complete: w.complete === 1,
      posted: w.posted === 1,
      updatedAt: Number(w.updated_at),
      // Sanitized when written (DESIGN §5).
      summary: w.summary as SafeHtml,
      language: w.language,
      wordCount: w.word_count,
      chapterCount: w.chapter_count,
      expectedChapters: w.expected_chapters,
      kudos: w.kudos_count,
      comments: w.comments_count,
      bookmarks: w.bookmarks_count,
      hits: w.hits,
      restricted: w.restricted === 1,
    };
  });
  return blurbs;
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

export interface TagName {
  id: number;
  type: TagType;
  name: string;
  canonical: number;
}

/** Names and types of the given tags, in one query (the sidebar's tags). */
export async function tagNamesByIds(db: DB, ids: readonly number[]): Promise<Map<number, TagName>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .selectFrom("tags")
    .select(["id", "type", "name", "canonical"])
    .where("id", "in", [...new Set(ids)])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

/** Every tag whose name key is one of `keys`, whatever its type; canonical tags first. */
export async function tagsByNameKeys(db: DB, keys: readonly string[]) {
  if (keys.length === 0) return [];
  return db
    .selectFrom("tags")
    .select(["id", "type", "name", "name_key", "canonical"])
    .where("name_key", "in", [...new Set(keys)])
    .orderBy("canonical", "desc")
    .orderBy("id")
    .execute();
}

/** A value of the archive's admin settings, or null when it was never set. */
export async function readSetting(db: DB, key: string): Promise<string | null> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst();
  return row?.value ?? null;
}

export async function writeSetting(db: DB, key: string, value: string): Promise<void> {
  await db
    .insertInto("settings")
    .values({ key, value })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
    .execute();
}
