import type { Kysely } from "kysely";
import type { Database } from "../../db/types";

// Sessions -----------------------------------------------------------------------------------

export async function findSessionViewer(db: Kysely<Database>, tokenHash: string, now: number) {
  const row = await db
    .selectFrom("sessions")
    .innerJoin("users", "users.id", "sessions.user_id")
    .select(["users.id", "users.login", "users.is_admin", "users.is_tag_wrangler", "users.skip_adult_notice"])
    .where("sessions.token_hash", "=", tokenHash)
    .where("sessions.expires_at", ">", now)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    login: row.login,
    isAdmin: row.is_admin === 1,
    isTagWrangler: row.is_tag_wrangler === 1,
    skipAdultNotice: row.skip_adult_notice === 1,
  };
}

export async function insertSession(
  db: Kysely<Database>,
  s: { tokenHash: string; userId: number; now: number; expiresAt: number },
) {
  await db
    .insertInto("sessions")
    .values({ token_hash: s.tokenHash, user_id: s.userId, created_at: s.now, expires_at: s.expiresAt })
    .execute();
}

export async function deleteSession(db: Kysely<Database>, tokenHash: string) {
  await db.deleteFrom("sessions").where("token_hash", "=", tokenHash).execute();
}

export async function deleteSessionsOfUser(db: Kysely<Database>, userId: number, exceptHash?: string) {
  let q = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (exceptHash) q = q.where("token_hash", "!=", exceptHash);
  await q.execute();
}
