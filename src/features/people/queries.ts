import type { Kysely } from "kysely";
import type { Database } from "../../db/types";
import { nameKey } from "../../lib/text";

type DB = Kysely<Database>;

export interface Person {
  id: number;
  login: string;
  joinedAt: number;
}

export interface PseudRow {
  id: number;
  userId: number;
  name: string;
  description: string;
  isDefault: boolean;
  createdAt: number;
}

/** A user by login, whatever the case it was typed in. */
export async function findUserByLogin(db: DB, login: string): Promise<Person | null> {
  const row = await db
    .selectFrom("users")
    .select(["id", "login", "created_at"])
    .where("login_key", "=", nameKey(login))
    .executeTakeFirst();
  return row ? { id: row.id, login: row.login, joinedAt: Number(row.created_at) } : null;
}

function toPseud(row: {
  id: number;
  user_id: number;
  name: string;
  description: string;
  is_default: number;
  created_at: number;
}): PseudRow {
  return {
    id: row.id,
    userId: row.user_id,
    name: row.name,
    description: row.description,
    isDefault: row.is_default === 1,
    createdAt: Number(row.created_at),
  };
}

const PSEUD_COLUMNS = ["id", "user_id", "name", "description", "is_default", "created_at"] as const;

/** A user's pseuds, the default first, then by name. */
export async function listPseuds(db: DB, userId: number): Promise<PseudRow[]> {
  const rows = await db
    .selectFrom("pseuds")
    .select(PSEUD_COLUMNS)
    .where("user_id", "=", userId)
    .orderBy("is_default", "desc")
    .orderBy("name_key")
    .execute();
  return rows.map(toPseud);
}

/** One of a user's pseuds by name, whatever the case it was typed in. */
export async function findPseudByName(db: DB, userId: number, name: string): Promise<PseudRow | null> {
  const row = await db
    .selectFrom("pseuds")
    .select(PSEUD_COLUMNS)
    .where("user_id", "=", userId)
    .where("name_key", "=", nameKey(name))
    .executeTakeFirst();
  return row ? toPseud(row) : null;
}

/** Whether the user has another pseud with this name key. */
export async function pseudNameTaken(
  db: DB,
  userId: number,
  key: string,
  exceptId?: number,
): Promise<boolean> {
  let q = db.selectFrom("pseuds").select("id").where("user_id", "=", userId).where("name_key", "=", key);
  if (exceptId !== undefined) q = q.where("id", "!=", exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function insertPseud(
  db: DB,
  p: { userId: number; name: string; description: string; now: number },
): Promise<number> {
  const row = await db
    .insertInto("pseuds")
    .values({
      user_id: p.userId,
      name: p.name,
      name_key: nameKey(p.name),
      description: p.description,
      is_default: 0,
      created_at: p.now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updatePseud(
  db: DB,
  p: { id: number; userId: number; name: string; description: string },
): Promise<void> {
  await db
    .updateTable("pseuds")
    .set({ name: p.name, name_key: nameKey(p.name), description: p.description })
    .where("id", "=", p.id)
    .where("user_id", "=", p.userId)
    .execute();
}

/** Marks one pseud the default and every other pseud of the user not; run inside a transaction. */
export async function setDefaultPseud(db: DB, userId: number, pseudId: number): Promise<void> {
  await db
    .updateTable("pseuds")
    .set({ is_default: 0 })
    .where("user_id", "=", userId)
    .where("id", "!=", pseudId)
    .execute();
  await db
    .updateTable("pseuds")
    .set({ is_default: 1 })
    .where("user_id", "=", userId)
    .where("id", "=", pseudId)
    .execute();
}
