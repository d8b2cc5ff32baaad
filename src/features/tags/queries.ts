import type { Kysely } from "kysely";
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
