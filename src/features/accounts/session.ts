import type { MiddlewareHandler } from "hono";
import type { AppEnv, Ctx } from "../../context";
import { clearCookie, DEVICE_COOKIE, readCookie, SESSION_COOKIE, setAppCookie } from "../../lib/cookies";
import { randomToken, sha256 } from "../../lib/security";
import { deleteSession, findSessionViewer, insertSession, isKnownDevice, rememberDevice } from "./queries";

const SESSION_DAYS = 30;
const DEVICE_DAYS = 365;

/** Loads the signed-in reader from the session cookie (a random token, stored only hashed). */
export const loadViewer: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = readCookie(c, SESSION_COOKIE);
  let viewer = null;
  if (token && token.length < 200) {
    viewer = await findSessionViewer(c.get("deps").db, sha256(token), Date.now());
    if (!viewer) clearCookie(c, SESSION_COOKIE);
  }
  c.set("viewer", viewer);
  await next();
};

/** Starts a session for a user who just proved who they are. */
export async function startSession(c: Ctx, userId: number): Promise<void> {
  const token = randomToken();
  const now = Date.now();
  await insertSession(c.get("deps").db, {
    tokenHash: sha256(token),
    userId,
    now,
    expiresAt: now + SESSION_DAYS * 86_400_000,
  });
  setAppCookie(c, SESSION_COOKIE, token, SESSION_DAYS * 86_400);
}

export async function endSession(c: Ctx): Promise<void> {
  const token = readCookie(c, SESSION_COOKIE);
  if (token) await deleteSession(c.get("deps").db, sha256(token));
  clearCookie(c, SESSION_COOKIE);
}

/** The hash of the current session's token, to keep it when other sessions are ended. */
export function currentSessionHash(c: Ctx): string | undefined {
  const token = readCookie(c, SESSION_COOKIE);
  return token ? sha256(token) : undefined;
}

/** The browser's device token, when it holds a well-formed one. */
function deviceToken(c: Ctx): string | undefined {
  const token = readCookie(c, DEVICE_COOKIE);
  return token && /^[\w-]{43}$/.test(token) ? token : undefined;
}

/** Whether this browser signed in to the user's account before. */
export async function fromKnownDevice(c: Ctx, userId: number): Promise<boolean> {
  const token = deviceToken(c);
  return !!token && (await isKnownDevice(c.get("deps").db, sha256(token), userId));
}

/** Marks this browser as one the user signs in from (a new token if it has none). */
export async function rememberThisDevice(c: Ctx, userId: number): Promise<void> {
  const token = deviceToken(c) ?? randomToken();
  await rememberDevice(c.get("deps").db, {
    tokenHash: sha256(token),
    userId,
    now: Date.now(),
    keepMs: DEVICE_DAYS * 86_400_000,
  });
  setAppCookie(c, DEVICE_COOKIE, token, DEVICE_DAYS * 86_400);
}
