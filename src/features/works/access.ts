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
