import type { Kysely } from "kysely";
import type { Database, TagType } from "../../db/types";

type DB = Kysely<Database>;

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
