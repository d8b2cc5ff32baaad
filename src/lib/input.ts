import type { MiddlewareHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../context";
import { badRequest } from "./http";

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);
const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

export const NUL_IN_ADDRESS =
  "The address contains a NUL character (%00), which the archive can't store or look up. Remove it and try again.";
export const UNREADABLE_FORM = "The form could not be read. Reload the page and try again.";

/**
 * Refuses, with a 400 page, input no handler could use: a NUL character anywhere in the address
 * (path parameters and query strings alike: PostgreSQL refuses NUL in text, so it would otherwise
 * fail deep inside a query), and a form body that cannot be parsed (a broken multipart body). It
 * runs before the CSRF check, which reads the form too. A NUL typed or pasted into a form field is
 * not refused: `readForm` removes it, so a writer's text is kept.
 */
export const refuseUnusableInput: MiddlewareHandler<AppEnv> = async (c, next) => {
  // Browsers percent-encode NUL, so the raw address has it as %00, never as itself.
  if (c.req.url.includes("%00") || c.req.url.includes("\u0000")) badRequest(NUL_IN_ADDRESS);
  const type = c.req.header("content-type") ?? "";
  if (UNSAFE.has(c.req.method) && FORM_TYPES.some((t) => type.startsWith(t))) {
    try {
      await c.req.parseBody({ all: true });
    } catch (err) {
      if (err instanceof HTTPException) throw err;
      badRequest(UNREADABLE_FORM);
    }
  }
  await next();
};
