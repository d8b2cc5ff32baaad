import type { MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../context";
import { CSRF_COOKIE, clearCookie, FLASH_COOKIE, readCookie, setAppCookie } from "./cookies";
import { randomToken, safeEqual } from "./security";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * Double-submit CSRF protection: every visitor holds a random token in an httpOnly cookie, every
 * form carries the same token in `_csrf` (or the `x-csrf-token` header for scripts). A state
 * change whose token is missing or different is refused with 403 and changes nothing.
 */
export const csrf: MiddlewareHandler<AppEnv> = async (c, next) => {
  let token = readCookie(c, CSRF_COOKIE);
  if (!token || !/^[\w-]{43}$/.test(token)) {
    token = randomToken();
    setAppCookie(c, CSRF_COOKIE, token, 365 * 86_400);
  }
  c.set("csrf", token);
  if (UNSAFE.has(c.req.method)) {
    let sent = c.req.header("x-csrf-token");
    if (!sent) {
      const type = c.req.header("content-type") ?? "";
      if (type.startsWith("application/x-www-form-urlencoded") || type.startsWith("multipart/form-data")) {
        const body = await c.req.parseBody();
        sent = typeof body._csrf === "string" ? body._csrf : undefined;
      }
    }
    if (!sent || !safeEqual(sent, token)) {
      throw new HTTPException(403, {
        message: "This form expired or came from another site. Go back, reload the page and try again.",
      });
    }
  }
  await next();
};

/** Reads the one-time message left by the previous request, and clears it. */
export const flashMessages: MiddlewareHandler<AppEnv> = async (c, next) => {
  const raw = readCookie(c, FLASH_COOKIE);
  let message: string | null = null;
  if (raw) {
    try {
      message = decodeURIComponent(raw);
    } catch {
      message = null;
    }
    clearCookie(c, FLASH_COOKIE);
  }
  c.set("flash", message);
  await next();
};
