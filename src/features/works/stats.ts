import type { Kysely } from "kysely";
import type { Database } from "../../db/types";

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
