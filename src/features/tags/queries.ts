import type { Kysely } from "kysely";
import { creditedTo, listableSql } from "../../core/work/queries";
import type { Database, TagType } from "../../db/types";
import { nameKey } from "../../lib/text";

/**
 * The ids of tags of one type, in the order of `names`, creating those that do not exist yet (as
 * tags a wrangler has not made canonical). An existing tag keeps its own spelling.
 */
export async function findOrCreateTags(
  db: Kysely<Database>,
  type: TagType,
  names: readonly string[],
  now = Date.now(),
): Promise<number[]> {
  if (names.length === 0) return [];
  const keys = names.map(nameKey);
  // Another writer may create the same tag at the same moment: the unique (type, name_key) index
  // settles it and both then read the one row.
  await db
    .insertInto("tags")
    .values(names.map((name, i) => ({ type, name, name_key: keys[i]!, canonical: 0, created_at: now })))
    .onConflict((oc) => oc.columns(["type", "name_key"]).doNothing())
    .execute();
  const rows = await db
    .selectFrom("tags")
    .select(["id", "name_key"])
    .where("type", "=", type)
    .where("name_key", "in", keys)
    .execute();
  const idByKey = new Map(rows.map((r) => [r.name_key, r.id]));
  return keys.map((k) => idByKey.get(k)!);
}

/** Makes a work's taggings exactly `tagIds`. */
export async function replaceTaggings(db: Kysely<Database>, workId: number, tagIds: readonly number[]) {
  await db.deleteFrom("taggings").where("work_id", "=", workId).execute();
  if (tagIds.length === 0) return;
  await db
    .insertInto("taggings")
    .values(tagIds.map((tag_id) => ({ work_id: workId, tag_id })))
    .execute();
}

/** A work's tags, each type in the order the tags were created. */
export async function tagsOfWork(db: Kysely<Database>, workId: number) {
  return db
    .selectFrom("taggings")
    .innerJoin("tags", "tags.id", "taggings.tag_id")
    .select(["tags.id", "tags.type", "tags.name"])
    .where("taggings.work_id", "=", workId)
    .orderBy("tags.id")
    .execute();
}

/** A tag as its page and the autocomplete index see it. */
export interface TagRow {
  id: number;
  type: TagType;
  name: string;
  canonical: boolean;
  mergerId: number | null;
  unwrangleable: boolean;
}

const TAG_COLUMNS = [
  "tags.id",
  "tags.type",
  "tags.name",
  "tags.canonical",
  "tags.merger_id",
  "tags.unwrangleable",
] as const;

function toTagRow(r: {
  id: number;
  type: TagType;
  name: string;
  canonical: number;
  merger_id: number | null;
  unwrangleable: number;
}): TagRow {
  return {
    id: r.id,
    type: r.type,
    name: r.name,
    canonical: r.canonical === 1,
    mergerId: r.merger_id,
    unwrangleable: r.unwrangleable === 1,
  };
}

/** Every tag (of any type) whose name has this key. */
export async function findTagsByKey(db: Kysely<Database>, key: string): Promise<TagRow[]> {
  const rows = await db.selectFrom("tags").select(TAG_COLUMNS).where("name_key", "=", key).execute();
  return rows.map(toTagRow);
}

export async function findTagsById(db: Kysely<Database>, ids: readonly number[]): Promise<TagRow[]> {
  if (ids.length === 0) return [];
  const rows = await db.selectFrom("tags").select(TAG_COLUMNS).where("id", "in", ids).execute();
  return rows.map(toTagRow);
}

/**
 * Of these tags, those typed on a work the reader may see: a listed one (not restricted, for a
 * guest), or for a signed-in reader one they are credited on (an accepted credit: their drafts
 * and hidden works), and any work for an admin.
 */
export async function tagsOnWorksSeenBy(
  db: Kysely<Database>,
  viewer: { id: number; isAdmin: boolean } | null,
  tagIds: readonly number[],
): Promise<Set<number>> {
  if (tagIds.length === 0) return new Set();
  const rows = await db
    .selectFrom("taggings")
    .innerJoin("works", "works.id", "taggings.work_id")
    .select("taggings.tag_id")
    .distinct()
    .where("taggings.tag_id", "in", tagIds)
    .where((eb) => {
      if (viewer?.isAdmin) return eb.lit(true);
      const listed = viewer
        ? listableSql("works")
        : eb.and([listableSql("works"), eb("works.restricted", "=", 0)]);
      if (!viewer) return listed;
      return eb.or([listed, creditedTo(viewer.id)(eb)]);
    })
    .execute();
  return new Set(rows.map((r) => r.tag_id));
}

/** Tags with ids above `afterId`, in id order: how new tags reach the autocomplete index. */
export async function tagsAfter(db: Kysely<Database>, afterId: number, limit: number): Promise<TagRow[]> {
  const rows = await db
    .selectFrom("tags")
    .select(TAG_COLUMNS)
    .where("id", ">", afterId)
    .orderBy("id")
    .limit(limit)
    .execute();
  return rows.map(toTagRow);
}

/** The tags wrangling links to this one, each list by name. */
export async function tagRelations(db: Kysely<Database>, tag: TagRow) {
  const [merger, synonyms, parents, metas, subs] = await Promise.all([
    tag.mergerId === null ? Promise.resolve([]) : findTagsById(db, [tag.mergerId]),
    db.selectFrom("tags").select(TAG_COLUMNS).where("merger_id", "=", tag.id).orderBy("name_key").execute(),
    db
      .selectFrom("tag_parents")
      .innerJoin("tags", "tags.id", "tag_parents.parent_id")
      .select(TAG_COLUMNS)
      .where("tag_parents.child_id", "=", tag.id)
      .orderBy("tags.name_key")
      .execute(),
    db
      .selectFrom("meta_tags")
      .innerJoin("tags", "tags.id", "meta_tags.meta_id")
      .select(TAG_COLUMNS)
      .where("meta_tags.sub_id", "=", tag.id)
      .where("meta_tags.direct", "=", 1)
      .orderBy("tags.name_key")
      .execute(),
    db
      .selectFrom("meta_tags")
      .innerJoin("tags", "tags.id", "meta_tags.sub_id")
      .select(TAG_COLUMNS)
      .where("meta_tags.meta_id", "=", tag.id)
      .where("meta_tags.direct", "=", 1)
      .orderBy("tags.name_key")
      .execute(),
  ]);
  return {
    merger: merger[0] ?? null,
    synonyms: synonyms.map(toTagRow),
    parents: parents.map(toTagRow),
    metas: metas.map(toTagRow),
    subs: subs.map(toTagRow),
  };
}

export type TagRelations = Awaited<ReturnType<typeof tagRelations>>;

/** The relations whose tags pass `shown` (the tag policy), so that a tag page names no other. */
export function shownRelations(r: TagRelations, shown: (tag: TagRow) => boolean): TagRelations {
  return {
    merger: r.merger && shown(r.merger) ? r.merger : null,
    synonyms: r.synonyms.filter(shown),
    parents: r.parents.filter(shown),
    metas: r.metas.filter(shown),
    subs: r.subs.filter(shown),
  };
}
