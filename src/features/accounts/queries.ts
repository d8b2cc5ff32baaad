import type { Kysely } from "kysely";
import { dialectOf, lockingRows } from "../../db/dialect";
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

// Known browsers ----------------------------------------------------------------------------

export async function isKnownDevice(db: Kysely<Database>, tokenHash: string, userId: number) {
  const row = await db
    .selectFrom("known_devices")
    .select("id")
    .where("token_hash", "=", tokenHash)
    .where("user_id", "=", userId)
    .executeTakeFirst();
  return !!row;
}

/** Records (or refreshes) a browser the user signed in from; ones unused for `keepMs` are dropped. */
export async function rememberDevice(
  db: Kysely<Database>,
  d: { tokenHash: string; userId: number; now: number; keepMs: number },
) {
  await db
    .insertInto("known_devices")
    .values({ token_hash: d.tokenHash, user_id: d.userId, last_used_at: d.now })
    .onConflict((oc) => oc.columns(["token_hash", "user_id"]).doUpdateSet({ last_used_at: d.now }))
    .execute();
  await db
    .deleteFrom("known_devices")
    .where("user_id", "=", d.userId)
    .where("last_used_at", "<", d.now - d.keepMs)
    .execute();
}

// Users --------------------------------------------------------------------------------------

type Db = Kysely<Database>;

/** The account a sign-in names, by login name key or email key (logins never contain "@"). */
export async function findUserForSignIn(db: Db, loginKey: string, emailKey: string) {
  return db
    .selectFrom("users")
    .select(["id", "login", "password_hash"])
    .where((eb) => eb.or([eb("login_key", "=", loginKey), eb("email_key", "=", emailKey)]))
    .orderBy("id")
    .executeTakeFirst();
}

export interface AccountRow {
  id: number;
  login: string;
  email: string;
  passwordHash: string;
  isAdmin: boolean;
  skipAdultNotice: boolean;
}

export async function findAccount(db: Db, userId: number): Promise<AccountRow | null> {
  const row = await db
    .selectFrom("users")
    .select(["id", "login", "email", "password_hash", "is_admin", "skip_adult_notice"])
    .where("id", "=", userId)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    login: row.login,
    email: row.email,
    passwordHash: row.password_hash,
    isAdmin: row.is_admin === 1,
    skipAdultNotice: row.skip_adult_notice === 1,
  };
}

export async function loginTaken(db: Db, loginKey: string): Promise<boolean> {
  const row = await db.selectFrom("users").select("id").where("login_key", "=", loginKey).executeTakeFirst();
  return !!row;
}

export async function emailTaken(db: Db, emailKey: string, exceptUserId?: number): Promise<boolean> {
  let q = db.selectFrom("users").select("id").where("email_key", "=", emailKey);
  if (exceptUserId !== undefined) q = q.where("id", "!=", exceptUserId);
  return !!(await q.executeTakeFirst());
}

/**
 * Inserts a user and their default pseud named like the login. Returns null when the login or
 * email key is already taken (a concurrent sign-up included): ON CONFLICT DO NOTHING answers that
 * on both databases without an error that would abort the transaction.
 */
export async function insertUserWithDefaultPseud(
  db: Db,
  u: { login: string; loginKey: string; email: string; emailKey: string; passwordHash: string; now: number },
): Promise<number | null> {
  const user = await db
    .insertInto("users")
    .values({
      login: u.login,
      login_key: u.loginKey,
      email: u.email,
      email_key: u.emailKey,
      password_hash: u.passwordHash,
      created_at: u.now,
    })
    .onConflict((oc) => oc.doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!user) return null;
  await db
    .insertInto("pseuds")
    .values({ user_id: user.id, name: u.login, name_key: u.loginKey, is_default: 1, created_at: u.now })
    .execute();
  return user.id;
}

export async function updatePasswordHash(db: Db, userId: number, passwordHash: string) {
  await db.updateTable("users").set({ password_hash: passwordHash }).where("id", "=", userId).execute();
}

export async function updateEmail(db: Db, userId: number, email: string, emailKey: string) {
  await db.updateTable("users").set({ email, email_key: emailKey }).where("id", "=", userId).execute();
}

export async function updateSkipAdultNotice(db: Db, userId: number, skip: boolean) {
  await db
    .updateTable("users")
    .set({ skip_adult_notice: skip ? 1 : 0 })
    .where("id", "=", userId)
    .execute();
}

/**
 * How many admins the archive has, their rows locked till the transaction ends: two admins
 * deleting their accounts at once must not each count the other and leave none.
 */
export async function countAdmins(db: Db): Promise<number> {
  const admins = lockingRows(dialectOf(db), db.selectFrom("users").select("id").where("is_admin", "=", 1));
  return (await admins.execute()).length;
}

export async function deleteUser(db: Db, userId: number) {
  await db.deleteFrom("users").where("id", "=", userId).execute();
}

// Works of a leaving account -----------------------------------------------------------------

/** The pseud of orphan_account that orphaned works are credited to. */
export async function findOrphanPseudId(db: Db): Promise<number> {
  const row = await db
    .selectFrom("pseuds")
    .innerJoin("users", "users.id", "pseuds.user_id")
    .select("pseuds.id")
    .where("users.login_key", "=", "orphan_account")
    .orderBy("pseuds.is_default", "desc")
    .orderBy("pseuds.id")
    .executeTakeFirstOrThrow();
  return row.id;
}

function pseudsOf(db: Db, userId: number) {
  return db.selectFrom("pseuds").select("pseuds.id").where("pseuds.user_id", "=", userId);
}

/** Works on which one of the user's pseuds is an approved creator. */
function creditedWorks(db: Db, userId: number) {
  return db
    .selectFrom("creatorships")
    .select("creatorships.work_id")
    .where("creatorships.pseud_id", "in", pseudsOf(db, userId))
    .where("creatorships.approved", "=", 1);
}

/** Credited works that no other user's approved pseud shares. */
function soleWorks(db: Db, userId: number) {
  return creditedWorks(db, userId).where(({ not, exists, selectFrom }) =>
    not(
      exists(
        selectFrom("creatorships as other")
          .innerJoin("pseuds as other_pseud", "other_pseud.id", "other.pseud_id")
          .select("other.id")
          .whereRef("other.work_id", "=", "creatorships.work_id")
          .where("other.approved", "=", 1)
          .where("other_pseud.user_id", "!=", userId),
      ),
    ),
  );
}

export async function countCreditedWorks(db: Db, userId: number): Promise<{ sole: number; shared: number }> {
  const count = async (q: ReturnType<typeof creditedWorks>) => {
    const rows = await q.distinct().execute();
    return rows.length;
  };
  const all = await count(creditedWorks(db, userId));
  const sole = await count(soleWorks(db, userId));
  return { sole, shared: all - sole };
}

/** Deletes the works the user alone created (drafts only, or all); chapters and taggings cascade. */
export async function deleteSoleWorks(db: Db, userId: number, opts: { draftsOnly: boolean }) {
  let q = db.deleteFrom("works").where("id", "in", soleWorks(db, userId));
  if (opts.draftsOnly) q = q.where("posted", "=", 0);
  await q.execute();
}

/**
 * Moves the user's approved creatorships to another pseud. Where the work already credits that
 * pseud, or the user had several pseuds on it, the extra rows are dropped rather than duplicated.
 */
export async function moveCreatorshipsToPseud(db: Db, userId: number, toPseudId: number) {
  const mine = pseudsOf(db, userId);
  // A pending invitation of the receiving pseud on the same work becomes the credit itself.
  await db
    .updateTable("creatorships")
    .set({ approved: 1 })
    .where("pseud_id", "=", toPseudId)
    .where("work_id", "in", creditedWorks(db, userId))
    .execute();
  await db
    .deleteFrom("creatorships")
    .where("pseud_id", "in", mine)
    .where((eb) =>
      eb.or([
        eb("approved", "=", 0),
        eb(
          "work_id",
          "in",
          db
            .selectFrom("creatorships as taken")
            .select("taken.work_id")
            .where("taken.pseud_id", "=", toPseudId),
        ),
      ]),
    )
    .execute();
  await db
    .deleteFrom("creatorships")
    .where("pseud_id", "in", mine)
    .where(
      "id",
      "not in",
      db
        .selectFrom("creatorships as kept")
        .select((eb) => eb.fn.min("kept.id").as("id"))
        .where("kept.pseud_id", "in", pseudsOf(db, userId))
        .groupBy("kept.work_id"),
    )
    .execute();
  await db.updateTable("creatorships").set({ pseud_id: toPseudId }).where("pseud_id", "in", mine).execute();
}

export async function deleteCreatorshipsOfUser(db: Db, userId: number) {
  await db.deleteFrom("creatorships").where("pseud_id", "in", pseudsOf(db, userId)).execute();
}
