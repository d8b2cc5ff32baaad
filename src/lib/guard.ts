import { createMiddleware } from "hono/factory";
import type { AppEnv, Ctx, Viewer } from "../context";
import { pathAndQuery, redirectToSignIn } from "./http";

/**
 * Routes for signed-in readers only. A guest is sent to sign in and brought back to `returnTo`
 * (by default this request's address; a form's POST names the page the form is on), before the
 * handler runs, so nothing is changed. The handler then reads the reader with `signedIn(c)`.
 */
export function requireViewer(returnTo: (c: Ctx) => string = pathAndQuery) {
  return createMiddleware<AppEnv>(async (c, next) => {
    if (!c.get("viewer")) return redirectToSignIn(c, returnTo(c));
    await next();
  });
}

/** The signed-in reader of a route behind `requireViewer`. */
export function signedIn(c: Ctx): Viewer {
  const viewer = c.get("viewer");
  // A route that reads the reader without the guard is a programming error, not a guest.
  if (!viewer) throw new Error(`${c.req.method} ${c.req.path} reads the reader without requireViewer`);
  return viewer;
}
