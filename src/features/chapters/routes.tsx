import { Hono } from "hono";
import type { AppEnv, Ctx } from "../../context";
import { pageCtx } from "../../context";
import { type ChapterContent, prepareChapter } from "../../core/chapter/content";
import { workToChange } from "../../core/work/access";
import { flash } from "../../lib/cookies";
import { formValue } from "../../lib/forms";
import { requireViewer, signedIn } from "../../lib/guard";
import { badRequest, idParam, notFound, readForm } from "../../lib/http";
import {
  addChapter,
  deleteChapter,
  editChapter,
  postChapter,
  reorderChapters,
  type SavedChapter,
} from "./chapters";
import { type ChapterRecord, type ChapterWork, findChapter, findChapterWork, listChapters } from "./queries";
import { chapterAction, chapterFormValues, parseChapterForm, parseChapterOrder } from "./schema";
import { ChapterFormPage, type ChapterFormPageProps } from "./views/ChapterFormPage";
import { DeleteChapterPage } from "./views/DeleteChapterPage";
import { ManageChaptersPage } from "./views/ManageChaptersPage";

// The reading pages own GET /works/:id and GET /works/:id/chapters/:chapterId; everything here is
// for the work's creators (and admins), and is mounted before them.
export const chapterRoutes = new Hono<AppEnv>();

const WORK = "/works/:id{[0-9]+}/chapters";
const CHAPTER = `${WORK}/:chapterId{[0-9]+}`;

/** The work when the signed-in viewer may edit it; 404 or 403 otherwise. */
async function editableWork(c: Ctx): Promise<ChapterWork> {
  const { id } = await workToChange(c, signedIn(c));
  return (await findChapterWork(c.get("deps").db, id)) ?? notFound();
}

async function editableChapter(c: Ctx): Promise<{ work: ChapterWork; chapter: ChapterRecord }> {
  const work = await editableWork(c);
  const chapter = (await findChapter(c.get("deps").db, work.id, idParam(c, "chapterId"))) ?? notFound();
  return { work, chapter };
}

function renderForm(c: Ctx, props: Omit<ChapterFormPageProps, "ctx">, status: 200 | 422 = 200) {
  return c.html(<ChapterFormPage ctx={pageCtx(c)} {...props} />, status);
}

function savedMessage(s: SavedChapter, edited: boolean): string {
  const label = `Chapter ${s.position}`;
  if (s.heldAsDraft) {
    return `${label} is saved as a draft, because the work itself is a draft. Post the work from its page when it is ready.`;
  }
  if (s.posted) return edited ? `${label} is updated.` : `${label} is posted.`;
  return `${label} is saved as a draft. Only you can see it until you post it.`;
}

/**
 * Reads a new or edited chapter's form. A form with errors, or one asking for a preview, comes
 * back as the page to show; otherwise what to save.
 */
async function submittedChapter(
  c: Ctx,
  work: ChapterWork,
  chapter?: ChapterRecord,
): Promise<
  | { response: ReturnType<typeof renderForm> }
  | { content: ChapterContent; position: number | null; post: boolean }
> {
  const body = await readForm(c);
  const values = chapterFormValues(body);
  const chapterCount = (await listChapters(c.get("deps").db, work.id)).length;
  const page = { work, chapter, chapterCount, values };
  const parsed = parseChapterForm(values);
  if (!parsed.ok) return { response: renderForm(c, { ...page, errors: parsed.errors }, 422) };
  const prepared = await prepareChapter({ ...parsed.data, endNotes: parsed.data.end_notes });
  if (!prepared.ok) return { response: renderForm(c, { ...page, errors: prepared.errors }, 422) };
  const action = chapterAction(body);
  if (action === "preview") {
    // A new chapter may go one past the last; an edited one stays among those there are.
    const last = chapter ? chapterCount : chapterCount + 1;
    const position = Math.min(parsed.data.position ?? chapter?.position ?? last, last);
    return { response: renderForm(c, { ...page, preview: { ...prepared.content, number: position } }) };
  }
  return { content: prepared.content, position: parsed.data.position, post: action === "post" };
}

const blankForm = {
  title: "",
  summary: "",
  notes: "",
  end_notes: "",
  body: "",
  format: "html",
  position: "",
};

chapterRoutes.get(`${WORK}/new`, requireViewer(), async (c) => {
  const work = await editableWork(c);
  const chapters = await listChapters(c.get("deps").db, work.id);
  return renderForm(c, { work, chapterCount: chapters.length, values: blankForm });
});

chapterRoutes.post(
  WORK,
  requireViewer((c) => `${c.req.path}/new`),
  async (c) => {
    const work = await editableWork(c);
    const submitted = await submittedChapter(c, work);
    if ("response" in submitted) return submitted.response;
    const saved = await addChapter(c.get("deps").db, { workId: work.id, ...submitted, now: Date.now() });
    if (!saved.ok) badRequest(saved.message);
    flash(c, savedMessage(saved.value, false));
    return c.redirect(`/works/${work.id}/chapters/${saved.value.chapterId}`, 303);
  },
);

chapterRoutes.get(`${CHAPTER}/edit`, requireViewer(), async (c) => {
  const { work, chapter } = await editableChapter(c);
  const chapters = await listChapters(c.get("deps").db, work.id);
  // The stored text is sanitized HTML, so the form offers it back as HTML.
  const values = {
    title: chapter.title,
    summary: chapter.summary,
    notes: chapter.notes,
    end_notes: chapter.endNotes,
    body: chapter.body,
    format: "html",
    position: String(chapter.position),
  };
  return renderForm(c, { work, chapter, chapterCount: chapters.length, values });
});

chapterRoutes.post(
  CHAPTER,
  requireViewer((c) => `${c.req.path}/edit`),
  async (c) => {
    const { work, chapter } = await editableChapter(c);
    const submitted = await submittedChapter(c, work, chapter);
    if ("response" in submitted) return submitted.response;
    const saved = await editChapter(c.get("deps").db, {
      workId: work.id,
      chapterId: chapter.id,
      ...submitted,
      now: Date.now(),
    });
    if (!saved.ok) badRequest(saved.message);
    flash(c, savedMessage(saved.value, true));
    return c.redirect(`/works/${work.id}/chapters/${chapter.id}`, 303);
  },
);

chapterRoutes.post(
  `${CHAPTER}/post`,
  requireViewer((c) => c.req.path.replace(/\/post$/, "")),
  async (c) => {
    const { work, chapter } = await editableChapter(c);
    const result = await postChapter(c.get("deps").db, {
      workId: work.id,
      chapterId: chapter.id,
      now: Date.now(),
    });
    if (!result.ok) badRequest(result.message);
    const label = `Chapter ${result.value.position}`;
    flash(c, result.value.alreadyPosted ? `${label} was already posted.` : `${label} is posted.`);
    return c.redirect(`/works/${work.id}/chapters/${chapter.id}`, 303);
  },
);

chapterRoutes.get(`${CHAPTER}/delete`, requireViewer(), async (c) => {
  const { work, chapter } = await editableChapter(c);
  return c.html(<DeleteChapterPage ctx={pageCtx(c)} work={work} chapter={chapter} />);
});

chapterRoutes.post(`${CHAPTER}/delete`, requireViewer(), async (c) => {
  const { work, chapter } = await editableChapter(c);
  const result = await deleteChapter(c.get("deps").db, {
    workId: work.id,
    chapterId: chapter.id,
    now: Date.now(),
  });
  if (!result.ok) badRequest(result.message);
  flash(c, `Chapter ${result.value.position} is deleted, and the chapters after it are renumbered.`);
  return c.redirect(`/works/${work.id}`, 303);
});

chapterRoutes.get(`${WORK}/manage`, requireViewer(), async (c) => {
  const work = await editableWork(c);
  const chapters = await listChapters(c.get("deps").db, work.id);
  return c.html(<ManageChaptersPage ctx={pageCtx(c)} work={work} chapters={chapters} />);
});

chapterRoutes.post(`${WORK}/manage`, requireViewer(), async (c) => {
  const work = await editableWork(c);
  const db = c.get("deps").db;
  const body = await readForm(c);
  const chapters = await listChapters(db, work.id);
  const ids = chapters.map((ch) => ch.id);
  const parsed = parseChapterOrder(body, ids);
  if (!parsed.ok) {
    const values = Object.fromEntries(ids.map((id) => [id, formValue(body, `position_${id}`)]));
    return c.html(
      <ManageChaptersPage
        ctx={pageCtx(c)}
        work={work}
        chapters={chapters}
        values={values}
        errors={parsed.errors}
      />,
      422,
    );
  }
  const result = await reorderChapters(db, { workId: work.id, orderedIds: parsed.data, now: Date.now() });
  if (!result.ok) badRequest(result.message);
  flash(c, "The chapters are in their new order.");
  return c.redirect(`/works/${work.id}`, 303);
});
