import type { Kysely } from "kysely";
import { findWork } from "../../core/work/queries";
import type { Database, NewWork, WorkUpdate } from "../../db/types";

// Pseuds: whom a work can credit ------------------------------------------------------------

export interface PseudChoice {
  id: number;
  name: string;
  isDefault: boolean;
}

/** A user's pseuds, the default first. */
export async function pseudsOfUser(db: Kysely<Database>, userId: number): Promise<PseudChoice[]> {
  const rows = await db
    .selectFrom("pseuds")
    .select(["id", "name", "is_default"])
    .where("user_id", "=", userId)
    .orderBy("is_default", "desc")
    .orderBy("name_key")
    .execute();
  return rows.map((r) => ({ id: r.id, name: r.name, isDefault: r.is_default === 1 }));
}

export interface PseudOwner {
  pseudId: number;
  pseudName: string;
  userId: number;
  login: string;
}

export interface CoCreatorMatch extends PseudOwner {
  loginKey: string;
  nameKey: string;
  isDefault: boolean;
}

/**
 * In one query, every pseud a list of typed names may mean: the default pseud of a user whose
 * login key is among `keys`, and every pseud whose name key is.
 */
export async function findCoCreatorMatches(db: Kysely<Database>, keys: string[]): Promise<CoCreatorMatch[]> {
  if (keys.length === 0) return [];
  const rows = await db
    .selectFrom("pseuds")
    .innerJoin("users", "users.id", "pseuds.user_id")
    .select([
      "pseuds.id as pseudId",
      "pseuds.name as pseudName",
      "pseuds.name_key as nameKey",
      "pseuds.is_default as isDefault",
      "users.id as userId",
      "users.login",
      "users.login_key as loginKey",
    ])
    .where((eb) =>
      eb.or([
        eb.and([eb("users.login_key", "in", keys), eb("pseuds.is_default", "=", 1)]),
        eb("pseuds.name_key", "in", keys),
      ]),
    )
    .execute();
  return rows.map((r) => ({ ...r, isDefault: r.isDefault === 1 }));
}

// Works and their first chapter -------------------------------------------------------------

export async function insertWork(db: Kysely<Database>, values: NewWork): Promise<number> {
  const row = await db.insertInto("works").values(values).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

export async function updateWork(db: Kysely<Database>, workId: number, set: WorkUpdate): Promise<void> {
  await db.updateTable("works").set(set).where("id", "=", workId).execute();
}

export async function deleteWork(db: Kysely<Database>, workId: number): Promise<void> {
  await db.deleteFrom("works").where("id", "=", workId).execute();
}

/** A work's own fields as the edit form needs them, or undefined. */
export async function findWorkForEdit(db: Kysely<Database>, workId: number) {
  return (await findWork(db, workId)) ?? undefined;
}

export type WorkForEdit = NonNullable<Awaited<ReturnType<typeof findWorkForEdit>>>;

export interface ChapterLine {
  id: number;
  position: number;
  title: string;
  posted: boolean;
}

export async function chaptersOfWork(db: Kysely<Database>, workId: number): Promise<ChapterLine[]> {
  const rows = await db
    .selectFrom("chapters")
    .select(["id", "position", "title", "posted"])
    .where("work_id", "=", workId)
    .orderBy("position")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({ id: r.id, position: r.position, title: r.title, posted: r.posted === 1 }));
}

/** Posts a draft work and its first chapter (by position). */
export async function markWorkPosted(db: Kysely<Database>, workId: number, now: number): Promise<void> {
  await db
    .updateTable("works")
    .set({ posted: 1, posted_at: now, updated_at: now })
    .where("id", "=", workId)
    .execute();
  const first = await db
    .selectFrom("chapters")
    .select("id")
    .where("work_id", "=", workId)
    .orderBy("position")
    .orderBy("id")
    .executeTakeFirst();
  if (!first) return;
  await db
    .updateTable("chapters")
    .set({ posted: 1, posted_at: now, updated_at: now })
    .where("id", "=", first.id)
    .where("posted", "=", 0)
    .execute();
}

// Creatorships --------------------------------------------------------------------------------

export interface CreatorshipLine {
  id: number;
  pseudId: number;
  pseudName: string;
  userId: number;
  login: string;
  approved: boolean;
}

export async function creatorshipsOfWork(db: Kysely<Database>, workId: number): Promise<CreatorshipLine[]> {
  const rows = await db
    .selectFrom("creatorships")
    .innerJoin("pseuds", "pseuds.id", "creatorships.pseud_id")
    .innerJoin("users", "users.id", "pseuds.user_id")
    .select([
      "creatorships.id",
      "creatorships.approved",
      "pseuds.id as pseudId",
      "pseuds.name as pseudName",
      "users.id as userId",
      "users.login",
    ])
    .where("creatorships.work_id", "=", workId)
    .orderBy("creatorships.id")
    .execute();
  return rows.map((r) => ({ ...r, approved: r.approved === 1 }));
}

export async function insertCreatorships(
  db: Kysely<Database>,
  workId: number,
  rows: { pseudId: number; approved: boolean }[],
  now: number,
): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto("creatorships")
    .values(
      rows.map((r) => ({
        work_id: workId,
        pseud_id: r.pseudId,
        approved: r.approved ? 1 : 0,
        created_at: now,
      })),
    )
    .execute();
}

export async function approveCreatorships(db: Kysely<Database>, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.updateTable("creatorships").set({ approved: 1 }).where("id", "in", ids).execute();
}

export async function deleteCreatorships(db: Kysely<Database>, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db.deleteFrom("creatorships").where("id", "in", ids).execute();
}

/** One creatorship with the user it belongs to, or undefined. */
export async function findCreatorship(db: Kysely<Database>, id: number) {
  const row = await db
    .selectFrom("creatorships")
    .innerJoin("pseuds", "pseuds.id", "creatorships.pseud_id")
    .select(["creatorships.id", "creatorships.work_id", "creatorships.approved", "pseuds.user_id"])
    .where("creatorships.id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  return { id: row.id, workId: row.work_id, approved: row.approved === 1, userId: row.user_id };
}

export interface Invitation {
  id: number;
  workId: number;
  workTitle: string;
  pseudName: string;
  /** The work's credited creators: the people who invited the reader. */
  invitedBy: { pseudName: string; login: string }[];
}

/** Co-creator invitations waiting for this user's answer, newest first. */
export async function pendingInvitations(db: Kysely<Database>, userId: number): Promise<Invitation[]> {
  const rows = await db
    .selectFrom("creatorships")
    .innerJoin("pseuds", "pseuds.id", "creatorships.pseud_id")
    .innerJoin("works", "works.id", "creatorships.work_id")
    .select(["creatorships.id", "creatorships.work_id", "works.title", "pseuds.name as pseudName"])
    .where("pseuds.user_id", "=", userId)
    .where("creatorships.approved", "=", 0)
    .orderBy("creatorships.id", "desc")
    .execute();
  if (rows.length === 0) return [];
  const creators = await db
    .selectFrom("creatorships")
    .innerJoin("pseuds", "pseuds.id", "creatorships.pseud_id")
    .innerJoin("users", "users.id", "pseuds.user_id")
    .select(["creatorships.work_id", "pseuds.name as pseudName", "users.login"])
    .where(
      "creatorships.work_id",
      "in",
      rows.map((r) => r.work_id),
    )
    .where("creatorships.approved", "=", 1)
    .orderBy("creatorships.id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    workId: r.work_id,
    workTitle: r.title,
    pseudName: r.pseudName,
    invitedBy: creators
      .filter((c) => c.work_id === r.work_id)
      .map((c) => ({ pseudName: c.pseudName, login: c.login })),
  }));
}
