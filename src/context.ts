import type { Context } from "hono";
import type { Kysely } from "kysely";
import type { Config } from "./config";
import type { Dialect } from "./db/connection";
import type { Database } from "./db/types";
import type { Limits } from "./lib/ratelimit";
import type { WorkQueue } from "./lib/workqueue";
import type { ArchiveIndex } from "./tagengine/load/archive";

/** The signed-in reader, as every handler and policy sees them. */
export interface Viewer {
  id: number;
  login: string;
  isAdmin: boolean;
  isTagWrangler: boolean;
  skipAdultNotice: boolean;
}

export interface PasswordHashCost {
  memoryCost: number;
  timeCost: number;
}

/** What the app is built from: the composition root (server.ts, tests) makes one. */
export interface Deps {
  db: Kysely<Database>;
  dialect: Dialect;
  config: Config;
  hashCost: PasswordHashCost;
  /** The tag engine over the archive's listable works. */
  index: ArchiveIndex;
  limits: Limits;
  /** Password hashing and checking: a few at a time, each takes tens of megabytes. */
  passwordWork: WorkQueue;
}

export type AppEnv = {
  Variables: {
    deps: Deps;
    viewer: Viewer | null;
    /** The CSRF token every form on the page must carry. */
    csrf: string;
    /** A message left by the previous request (after a redirect). */
    flash: string | null;
  };
};

export type Ctx = Context<AppEnv>;

/** What every page's layout needs, taken from the request. Views fetch nothing else. */
export interface PageCtx {
  viewer: Viewer | null;
  csrf: string;
  path: string;
  flash: string | null;
}

export function pageCtx(c: Ctx): PageCtx {
  return { viewer: c.get("viewer"), csrf: c.get("csrf"), path: c.req.path, flash: c.get("flash") };
}
