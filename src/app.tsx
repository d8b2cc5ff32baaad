import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv, Deps } from "./context";
import { pageCtx } from "./context";
import { isDatabaseUnavailable } from "./db/connection";
import { accountRoutes } from "./features/accounts/routes";
import { loadViewer } from "./features/accounts/session";
import { browseRoutes } from "./features/browse/routes";
import { chapterRoutes } from "./features/chapters/routes";
import { homeRoutes } from "./features/home/routes";
import { peopleRoutes } from "./features/people/routes";
import { readingRoutes } from "./features/reading/routes";
import { tagRoutes } from "./features/tags/routes";
import { workRoutes } from "./features/works/routes";
import { csrf, flashMessages } from "./lib/csrf";
import { RetryLater } from "./lib/http";
import { refuseUnusableInput } from "./lib/input";
import { ErrorPage } from "./views/ErrorPage";

/** Builds the archive's web app from its dependencies. Tests call `app.request()` on it. */
export function createApp(deps: Deps) {
  const app = new Hono<AppEnv>();

  app.use(
    "*",
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        imgSrc: ["'self'", "https:", "http:", "data:"],
        styleSrc: ["'self'"],
        scriptSrc: ["'self'"],
        objectSrc: ["'none'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
      },
      crossOriginEmbedderPolicy: false,
      // Agrees with frame-ancestors 'none' for browsers that know only the older header.
      xFrameOptions: "DENY",
      // Only an archive served over https may tell browsers to insist on https.
      strictTransportSecurity: deps.config.secureCookies ? "max-age=15552000; includeSubDomains" : false,
    }),
  );
  // After the security headers, so scripts and styles carry them too.
  app.use(
    "/assets/*",
    serveStatic({ root: "./public", rewriteRequestPath: (p) => p.replace(/^\/assets/, "") }),
  );
  app.use("*", async (c, next) => {
    c.set("deps", deps);
    c.set("viewer", null);
    c.set("csrf", "");
    c.set("flash", null);
    await next();
  });
  app.use(
    "*",
    bodyLimit({
      maxSize: deps.config.bodyLimit,
      onError: (_c) => {
        throw new HTTPException(413, {
          message:
            "That was more than the archive accepts in one request. Try splitting the text into chapters.",
        });
      },
    }),
  );
  // A writer sees their own change at once: after a state change, the index catches up before
  // the response leaves (the redirect that follows then reads a current index).
  app.use("*", async (c, next) => {
    await next();
    if (c.req.method !== "GET" && c.req.method !== "HEAD") await deps.index.catchUp(deps.db);
  });
  app.use("*", refuseUnusableInput);
  app.use("*", loadViewer);
  // A signed-in reader's pages show what only they may see: no cache in between may keep them.
  app.use("*", async (c, next) => {
    await next();
    if (c.get("viewer")) c.header("Cache-Control", "private, no-store");
  });
  app.use("*", csrf);
  app.use("*", flashMessages);

  app.route("/", homeRoutes);
  app.route("/", accountRoutes);
  app.route("/", peopleRoutes);
  app.route("/", browseRoutes);
  app.route("/", workRoutes);
  app.route("/", chapterRoutes);
  app.route("/", tagRoutes);
  app.route("/", readingRoutes);

  app.notFound((c) => c.html(<ErrorPage ctx={pageCtx(c)} status={404} />, 404));
  app.onError((caught, c) => {
    let err = caught;
    // A database that is away is a wait, not a fault: the reader may try again in a moment.
    if (isDatabaseUnavailable(err)) {
      console.error(`Database unavailable: ${err.message}`);
      err = new RetryLater(503, 5);
    }
    if (err instanceof HTTPException) {
      const status = err.status;
      if (err instanceof RetryLater) c.header("Retry-After", String(err.seconds));
      return c.html(
        <ErrorPage ctx={pageCtx(c)} status={status} message={err.message || undefined} />,
        status,
      );
    }
    console.error(err);
    return c.html(<ErrorPage ctx={pageCtx(c)} status={500} />, 500);
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
