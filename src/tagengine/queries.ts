import { type Kysely, sql } from "kysely";
import { selectArrays } from "../db/bulk";
import type { Database, TagType } from "../db/types";

type DB = Kysely<Database>;

/**
 * Every tag's id and type, and how synonyms and meta tags fold into filter tags. Read as arrays:
 * an archive has millions of tags, mostly tiny freeforms.
 */
export async function loadTagGraph(db: DB) {
  const tags = await selectArrays(db, db.selectFrom("tags").select(["id", "type", "merger_id"]));
  const metas = await selectArrays(db, db.selectFrom("meta_tags").select(["meta_id", "sub_id"]));
  return {
    tags: tags.map((t) => ({
      id: Number(t[0]),
      type: t[1] as TagType,
      mergerId: t[2] == null ? null : Number(t[2]),
    })),
    metas: metas.map((m) => ({ metaId: Number(m[0]), subId: Number(m[1]) })),
  };
}

export async function loadTagsAfter(db: DB, afterId: number) {
  const rows = await db
    .selectFrom("tags")
    .select(["id", "type"])
    .where("id", ">", afterId)
    .orderBy("id")
    .execute();
  return rows.map((t) => ({ id: t.id, type: t.type as TagType }));
}

/**
 * The works with ids in [fromId, toId], by id, with whether each is listable (posted, not hidden):
 * filtering on those columns in SQL would let SQLite pick the `posted` index over the id range and
 * scan every posted work for each chunk. The build reads it as arrays (`selectArrays`), so the
 * columns' order is part of its contract: see WORK_COLUMNS.
 */
export function workRowsQuery(db: DB, fromId: number, toId: number) {
  return db
    .selectFrom("works")
    .select([
      "id",
      "restricted",
      "complete",
      "anonymous",
      "updated_at",
      "posted_at",
      "word_count",
      "hits",
      "kudos_count",
      "comments_count",
      "bookmarks_count",
      "language",
      "title_sort",
      "posted",
      "hidden_by_admin",
    ])
    .where("id", ">=", fromId)
    .where("id", "<=", toId)
    .orderBy("id");
}

/** Positions of the columns in a `workRowsQuery` row array. */
export const WORK_COLUMNS = {
  id: 0,
  restricted: 1,
  complete: 2,
  anonymous: 3,
  updatedAt: 4,
  postedAt: 5,
  words: 6,
  hits: 7,
  kudos: 8,
  comments: 9,
  bookmarks: 10,
  language: 11,
  titleSort: 12,
  posted: 13,
  hiddenByAdmin: 14,
} as const;

/**
 * Each work's typed tag ids as one comma-separated string: one row a work rather than one a
 * tagging, which reads several times faster at start (string_agg exists in both databases).
 * Rows: [work_id, tags], by work id.
 */
export function tagListsQuery(db: DB, fromId: number, toId: number) {
  return db
    .selectFrom("taggings")
    .select((eb) => [
      "work_id",
      eb.fn<string>("string_agg", [eb.cast("tag_id", "text"), sql.lit(",")]).as("tags"),
    ])
    .where("work_id", ">=", fromId)
    .where("work_id", "<=", toId)
    .groupBy("work_id")
    .orderBy("work_id");
}

/**
 * Each work's approved creators' pseud names. Rows: [work_id, creatorship id, name_key], by work
 * id (the first creator is the one with the lowest creatorship id).
 */
export function creatorRowsQuery(db: DB, fromId: number, toId: number) {
  return db
    .selectFrom("creatorships")
    .innerJoin("pseuds", "pseuds.id", "creatorships.pseud_id")
    .select(["creatorships.work_id", "creatorships.id", "pseuds.name_key"])
    .where("creatorships.work_id", ">=", fromId)
    .where("creatorships.work_id", "<=", toId)
    .where("creatorships.approved", "=", 1)
    .orderBy("creatorships.work_id");
}

export async function workIdBounds(db: DB) {
  const row = await db
    .selectFrom("works")
    .select((eb) => [eb.fn.min<number>("id").as("lo"), eb.fn.max<number>("id").as("hi")])
    .executeTakeFirst();
  return { lo: Number(row?.lo ?? 0), hi: Number(row?.hi ?? 0) };
}

export async function lastChangeId(db: DB): Promise<number> {
  const row = await db
    .selectFrom("changes")
    .select((eb) => eb.fn.max<number>("id").as("id"))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

export async function changesAfter(db: DB, afterId: number, limit: number) {
  return db
    .selectFrom("changes")
    .select(["id", "work_id"])
    .where("id", ">", afterId)
    .orderBy("id")
    .limit(limit)
    .execute();
}
