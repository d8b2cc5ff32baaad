import { getConnInfo } from "@hono/node-server/conninfo";
import { HTTPException } from "hono/http-exception";
import type { Ctx } from "../context";
import type { FormBody } from "./forms";

export function notFound(message?: string): never {
  throw new HTTPException(404, { message });
}

export function forbidden(message?: string): never {
  throw new HTTPException(403, { message });
}

export function badRequest(message?: string): never {
  throw new HTTPException(400, { message });
}

/** A refusal that the reader can retry after `seconds` (sent as `Retry-After`). */
export class RetryLater extends HTTPException {
  constructor(
    status: 429 | 503,
    readonly seconds: number,
    message?: string,
  ) {
    super(status, { message });
  }
}

/** Parses a form body; repeated names become arrays. */
export async function readForm(c: Ctx): Promise<FormBody> {
  const body = await c.req.parseBody({ all: true });
  const out: FormBody = {};
  for (const [k, v] of Object.entries(body)) {
    if (Array.isArray(v)) out[k] = v.filter((x): x is string => typeof x === "string").map(withoutNul);
    else if (typeof v === "string") out[k] = withoutNul(v);
  }
  return out;
}

/** NUL is never text a reader meant (PostgreSQL cannot even store it): removed from every field. */
const withoutNul = (s: string) => (s.includes("\u0000") ? s.replaceAll("\u0000", "") : s);

/**
 * The reader's address, for rate limits. Behind `QUIRE_TRUST_PROXY` = N proxies, it is the N-th
 * `X-Forwarded-For` entry from the right: each proxy appends the address it was reached from, so
 * that entry is the one our outermost proxy wrote; entries left of it came from the client and
 * could be anything (a new one at every attempt).
 */
export function clientIp(c: Ctx): string {
  const proxies = c.get("deps").config.trustProxy;
  if (proxies > 0) {
    const entries = (c.req.header("x-forwarded-for") ?? "")
      .split(",")
      .map((e) => e.trim())
      .filter((e) => e !== "");
    // Fewer entries than proxies: the request skipped an outer proxy, and the leftmost entry is
    // still one of ours.
    if (entries.length) return entries[Math.max(0, entries.length - proxies)]!;
  }
  try {
    return getConnInfo(c).remote.address ?? "unknown";
  } catch {
    return "local";
  }
}

/** A same-site path to return to after signing in; anything else falls back to "/". */
export function safeReturnTo(value: string | undefined | null): string {
  if (!value?.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return "/";
  // Browsers drop tabs and line breaks from URLs and read "\\" as "/", so "/<tab>/evil.example"
  // would become "//evil.example": refuse control characters and backslashes anywhere.
  // biome-ignore lint/suspicious/noControlCharactersInRegex: matching them is the point
  if (/[\u0000-\u001f\u007f\\]/.test(value)) return "/";
  return value;
}

/** Parses a numeric path id; ids beyond the integer column's range cannot exist. */
export function parseId(value: string | undefined): number | null {
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 && n <= 2_147_483_647 ? n : null;
}

/** The numeric id in a path parameter; anything else is a 404, never a database error. */
export function idParam(c: Ctx, name = "id"): number {
  return parseId(c.req.param(name)) ?? notFound();
}

/** The path and query of this request, to come back to. */
export function pathAndQuery(c: Ctx): string {
  const url = new URL(c.req.url);
  return `${url.pathname}${url.search}`;
}

/**
 * Sends a guest to sign in and, afterwards, back to `returnTo` (this request's address by
 * default). Slashes stay bare in the query string, which keeps the address readable.
 */
export function redirectToSignIn(c: Ctx, returnTo = pathAndQuery(c)): Response {
  return c.redirect(`/login?return_to=${encodeURIComponent(returnTo).replace(/%2F/g, "/")}`, 303);
}
