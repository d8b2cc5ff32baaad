import type { Deps } from "../../context";
import type { FieldErrors } from "../../lib/forms";
import { RetryLater } from "../../lib/http";
import { nameKey } from "../../lib/text";
import { QueueFull } from "../../lib/workqueue";
import { hashPassword, verifyPassword } from "./password";
import {
  countAdmins,
  deleteCreatorshipsOfUser,
  deleteSessionsOfUser,
  deleteSoleWorks,
  deleteUser,
  emailTaken,
  findAccount,
  findOrphanPseudId,
  findUserForSignIn,
  insertUserWithDefaultPseud,
  loginTaken,
  moveCreatorshipsToPseud,
  updateEmail,
  updatePasswordHash,
  updateSkipAdultNotice,
} from "./queries";
import type { SignUpInput, WorksChoice } from "./schema";

export type Outcome<T = undefined> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
const fail = (errors: FieldErrors): Outcome<never> => ({ ok: false, errors });

export const LOGIN_TAKEN = "That login name is already taken. Try another.";
export const EMAIL_TAKEN = "An account with that email address already exists.";
/**
 * An email change to an address another account holds. The archive sends no mail, so it cannot
 * let the owner of the address confirm; the message does not say the address belongs to anyone.
 */
export const EMAIL_UNAVAILABLE = "That email address can't be used for this account. Enter a different one.";
export const WRONG_CREDENTIALS = "The login name or password is incorrect.";
export const WRONG_CURRENT_PASSWORD = "That isn't your current password.";
export const LAST_ADMIN =
  "You are the archive's only admin, so this account can't be deleted. Make another account an admin first.";

/** The key that makes emails unique: addresses differing only in case are the same mailbox to us. */
export function emailKey(email: string): string {
  return email.normalize("NFC").trim().toLowerCase();
}

/** Runs password hashing through the archive's queue; a full queue answers 503 "busy". */
async function passwordWork<T>(deps: Deps, task: () => Promise<T>): Promise<T> {
  try {
    return await deps.passwordWork.run(task);
  } catch (err) {
    if (err instanceof QueueFull)
      throw new RetryLater(
        503,
        5,
        "The archive is busy checking passwords. Please try again in a few seconds.",
      );
    throw err;
  }
}

const hash = (deps: Deps, password: string) =>
  passwordWork(deps, () => hashPassword(password, deps.hashCost));
const verify = (deps: Deps, hashed: string, password: string) =>
  passwordWork(deps, () => verifyPassword(hashed, password));

/** Creates an account with its default pseud; taken names are reported beside their field. */
export async function signUp(deps: Deps, input: SignUpInput): Promise<Outcome<number>> {
  const loginKey = nameKey(input.login);
  const key = emailKey(input.email);
  const taken = await duplicateErrors(deps, loginKey, key);
  if (taken) return fail(taken);
  const passwordHash = await hash(deps, input.password);
  const userId = await deps.db.transaction().execute((trx) =>
    insertUserWithDefaultPseud(trx, {
      login: input.login,
      loginKey,
      email: input.email,
      emailKey: key,
      passwordHash,
      now: Date.now(),
    }),
  );
  if (userId === null) return fail((await duplicateErrors(deps, loginKey, key)) ?? { login: LOGIN_TAKEN });
  return ok(userId);
}

async function duplicateErrors(deps: Deps, loginKey: string, key: string): Promise<FieldErrors | null> {
  const errors: FieldErrors = {};
  if (await loginTaken(deps.db, loginKey)) errors.login = LOGIN_TAKEN;
  if (await emailTaken(deps.db, key)) errors.email = EMAIL_TAKEN;
  return Object.keys(errors).length ? errors : null;
}

// Verifying against a real hash even when no account matched keeps the answer's timing from
// telling which login names exist.
const decoyHashes = new Map<string, Promise<string>>();
function decoyHash(deps: Deps): Promise<string> {
  const key = `${deps.hashCost.memoryCost}:${deps.hashCost.timeCost}`;
  let hash = decoyHashes.get(key);
  if (!hash) {
    hash = passwordWork(deps, () => hashPassword("not a password anyone has", deps.hashCost));
    hash.catch(() => decoyHashes.delete(key));
    decoyHashes.set(key, hash);
  }
  return hash;
}

/** The account a typed login name (or email) names, if any. */
export function findSignInAccount(deps: Deps, typed: string) {
  return findUserForSignIn(deps.db, nameKey(typed), emailKey(typed));
}

export type SignInAccount = Awaited<ReturnType<typeof findSignInAccount>>;

/**
 * The user whose account `findSignInAccount` found, when the password is theirs; else null.
 * Accounts without a password hash (orphan_account) never match.
 */
export async function authenticate(
  deps: Deps,
  user: SignInAccount,
  password: string,
): Promise<{ id: number; login: string } | null> {
  if (!user?.password_hash) {
    await verify(deps, await decoyHash(deps), password);
    return null;
  }
  return (await verify(deps, user.password_hash, password)) ? { id: user.id, login: user.login } : null;
}

async function checkCurrentPassword(deps: Deps, userId: number, password: string): Promise<boolean> {
  const account = await findAccount(deps.db, userId);
  return !!account && (await verify(deps, account.passwordHash, password));
}

/** Sets a new password and ends every other session of the user (a stolen one included). */
export async function changePassword(
  deps: Deps,
  userId: number,
  input: { current: string; next: string; keepSessionHash: string | undefined },
): Promise<Outcome> {
  if (!(await checkCurrentPassword(deps, userId, input.current)))
    return fail({ current_password: WRONG_CURRENT_PASSWORD });
  const nextHash = await hash(deps, input.next);
  await deps.db.transaction().execute(async (trx) => {
    await updatePasswordHash(trx, userId, nextHash);
    await deleteSessionsOfUser(trx, userId, input.keepSessionHash);
  });
  return ok(undefined);
}

export async function changeEmail(
  deps: Deps,
  userId: number,
  input: { email: string; password: string },
): Promise<Outcome> {
  if (!(await checkCurrentPassword(deps, userId, input.password)))
    return fail({ email_password: WRONG_CURRENT_PASSWORD });
  const key = emailKey(input.email);
  if (await emailTaken(deps.db, key, userId)) return fail({ email: EMAIL_UNAVAILABLE });
  try {
    await updateEmail(deps.db, userId, input.email, key);
  } catch (err) {
    // Another account took the address between the check and the update.
    if (await emailTaken(deps.db, key, userId)) return fail({ email: EMAIL_UNAVAILABLE });
    throw err;
  }
  return ok(undefined);
}

export async function setPreferences(deps: Deps, userId: number, prefs: { skipAdultNotice: boolean }) {
  await updateSkipAdultNotice(deps.db, userId, prefs.skipAdultNotice);
}

/**
 * Deletes an account after checking its password. Its works are orphaned (credited to
 * orphan_account; drafts nobody else shares are deleted, since no one could ever post them) or
 * deleted (shared works survive without this user's credit). All of it happens in one
 * transaction (the database's triggers append every affected work to `changes`).
 */
export async function deleteAccount(
  deps: Deps,
  userId: number,
  input: { password: string; works: WorksChoice },
): Promise<Outcome> {
  const account = await findAccount(deps.db, userId);
  if (!account || !(await verify(deps, account.passwordHash, input.password)))
    return fail({ current_password: WRONG_CURRENT_PASSWORD });
  return deps.db.transaction().execute(async (trx) => {
    if (account.isAdmin && (await countAdmins(trx)) <= 1) return fail({ _form: LAST_ADMIN });
    if (input.works === "orphan") {
      await deleteSoleWorks(trx, userId, { draftsOnly: true });
      await moveCreatorshipsToPseud(trx, userId, await findOrphanPseudId(trx));
    } else {
      await deleteSoleWorks(trx, userId, { draftsOnly: false });
      await deleteCreatorshipsOfUser(trx, userId);
    }
    await deleteUser(trx, userId);
    return ok(undefined);
  });
}
