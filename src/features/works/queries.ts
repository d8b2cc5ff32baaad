import type { Kysely } from "kysely";
import type { Database } from "../../db/types";
import type { WorkAccess } from "./policy";

/** Loads what the work policy needs, or null when there is no such work. */
export async function loadWorkAccess(db: Kysely<Database>, workId: number): Promise<WorkAccess | null> {
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

/**
 * Recomputes a work's word and chapter counts from its posted chapters, and appends to `changes`
 * so the listing index refreshes it. Call inside the transaction of any chapter or work write.
 */
export async function refreshWorkStats(
  db: Kysely<Database>,
  workId: number,
  now = Date.now(),
): Promise<void> {
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
  await recordChange(db, workId, now);
}

/** Appends a work id to the `changes` feed that the tag engine tails. */
export async function recordChange(db: Kysely<Database>, workId: number, now = Date.now()): Promise<void> {
  await db.insertInto("changes").values({ work_id: workId, created_at: now }).execute();
}
