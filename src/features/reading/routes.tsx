import { Hono } from "hono";
import type { AppEnv, Ctx } from "../../context";
import { pageCtx } from "../../context";
import { languageName } from "../../core/work/languages";
import { canEditWork, canViewWork, isCreator } from "../../core/work/policy";
import { loadWorkAccess } from "../../core/work/queries";
import { notFound, parseId, pathAndQuery, redirectToSignIn } from "../../lib/http";
import { loadReading, loadShownChapters, needsAdultNotice, type Reading, withParam } from "./reading";
import { AdultNotice } from "./views/AdultNotice";
import { ChapterIndex } from "./views/ChapterIndex";
import { WorkPage } from "./views/WorkPage";

export const readingRoutes = new Hono<AppEnv>();

interface Opened extends Reading {
  canEdit: boolean;
  isCreator: boolean;
}

/**
 * Loads a work the viewer may read, or answers for it: a guest on a restricted work is sent to
 * sign in and back; a work the viewer may not see does not exist for them.
 */
async function openWork(c: Ctx): Promise<Opened | Response> {
  const workId = parseId(c.req.param("id"));
  if (workId === null) notFound();
  const db = c.get("deps").db;
  const viewer = c.get("viewer");
  const access = await loadWorkAccess(db, workId);
  if (!access) notFound();
  const decision = canViewWork(viewer, access);
  if (decision === "not-found") notFound();
  if (decision === "sign-in") {
    return redirectToSignIn(c);
  }
  const canEdit = canEditWork(viewer, access);
  const reading = await loadReading(db, workId, canEdit);
  if (!reading) notFound();
  return { ...reading, canEdit, isCreator: isCreator(viewer, access) };
}

/** The adult-content notice, when this reader must see it before the work. */
function adultNotice(c: Ctx, w: Opened): Response | Promise<Response> | null {
  const viewAdult = c.req.query("view_adult") === "true";
  const ratings = w.tags.rating;
  if (!needsAdultNotice({ viewer: c.get("viewer"), isCreator: w.isCreator, ratings, viewAdult })) return null;
  return c.html(
    <AdultNotice
      ctx={pageCtx(c)}
      work={w.work}
      creators={w.creators}
      tags={w.tags}
      languageName={languageName(w.work.language)}
      continueHref={withParam(pathAndQuery(c), "view_adult", "true")}
    />,
  );
}

async function renderWork(c: Ctx, w: Opened, chapterId: number | null) {
  const full = chapterId === null && c.req.query("view_full_work") === "true";
  let shown = full ? w.chapters : w.chapters.slice(0, 1);
  if (chapterId !== null) {
    // Not of this work, or a draft the viewer may not see: either way there is no such chapter.
    const chapter = w.chapters.find((ch) => ch.id === chapterId);
    if (!chapter) notFound();
    shown = [chapter];
  }
  const texts = await loadShownChapters(c.get("deps").db, w, shown);
  return c.html(
    <WorkPage
      ctx={pageCtx(c)}
      work={w.work}
      creators={w.creators}
      tags={w.tags}
      languageName={languageName(w.work.language)}
      chapters={w.chapters}
      shown={texts}
      full={full}
      canEdit={w.canEdit}
      isCreator={w.isCreator}
      viewAdult={c.req.query("view_adult") === "true"}
    />,
  );
}

readingRoutes.get("/works/:id{[0-9]+}", async (c) => {
  const w = await openWork(c);
  if (w instanceof Response) return w;
  return adultNotice(c, w) ?? renderWork(c, w, null);
});

readingRoutes.get("/works/:id{[0-9]+}/chapters/:chapterId{[0-9]+}", async (c) => {
  const chapterId = parseId(c.req.param("chapterId"));
  if (chapterId === null) notFound();
  const w = await openWork(c);
  if (w instanceof Response) return w;
  if (!w.chapters.some((ch) => ch.id === chapterId)) notFound();
  return adultNotice(c, w) ?? renderWork(c, w, chapterId);
});

readingRoutes.get("/works/:id{[0-9]+}/navigate", async (c) => {
  const w = await openWork(c);
  if (w instanceof Response) return w;
  return c.html(<ChapterIndex ctx={pageCtx(c)} work={w.work} creators={w.creators} chapters={w.chapters} />);
});
