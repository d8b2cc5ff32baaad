import { Hono } from "hono";
import type { AppEnv, Ctx, Viewer } from "../../context";
import { pageCtx } from "../../context";
import { workToChange } from "../../core/work/access";
import { isCreator, type WorkAccess } from "../../core/work/policy";
import { flash } from "../../lib/cookies";
import { requireViewer, signedIn } from "../../lib/guard";
import { idParam, notFound, readForm } from "../../lib/http";
import { tagsOfWork } from "../tags/queries";
import {
  chaptersOfWork,
  creatorshipsOfWork,
  findWorkForEdit,
  pendingInvitations,
  pseudsOfUser,
} from "./queries";
import {
  blankWorkValues,
  creatorFields,
  parseNewWork,
  parseWorkEdit,
  savedWorkValues,
  workFormValues,
} from "./schema";
import { CreatorshipsPage } from "./views/CreatorshipsPage";
import { DeletePage } from "./views/DeletePage";
import { EditWorkPage } from "./views/EditWorkPage";
import { NewWorkPage } from "./views/NewWorkPage";
import { PreviewPage } from "./views/PreviewPage";
import {
  answerInvitation,
  createWork,
  destroyWork,
  expectedChaptersError,
  planCreators,
  postDraftWork,
  prepareNewWork,
  saveWorkEdit,
} from "./works";

export const workRoutes = new Hono<AppEnv>();

// Posting ------------------------------------------------------------------------------------

workRoutes.get("/works/new", requireViewer(), async (c) => {
  const viewer = signedIn(c);
  const pseuds = await pseudsOfUser(c.get("deps").db, viewer.id);
  return c.html(<NewWorkPage ctx={pageCtx(c)} values={blankWorkValues(pseuds)} pseuds={pseuds} />);
});

workRoutes.post(
  "/works",
  requireViewer(() => "/works/new"),
  async (c) => {
    const viewer = signedIn(c);
    const { db } = c.get("deps");
    const body = await readForm(c);
    const values = workFormValues(body);
    const parsed = parseNewWork(body);
    const pseuds = await pseudsOfUser(db, viewer.id);
    const creators = await planCreators(db, viewer.id, pseuds, creatorFields(body));
    const text = parsed.ok ? await prepareNewWork(parsed.data) : null;
    const errors = {
      ...(parsed.ok ? {} : parsed.errors),
      ...(text && !text.ok ? text.errors : {}),
      ...creators.errors,
    };
    if (!parsed.ok || !text?.ok || Object.keys(errors).length > 0) {
      return c.html(<NewWorkPage ctx={pageCtx(c)} values={values} pseuds={pseuds} errors={errors} />, 422);
    }
    const input = parsed.data;
    if (input.action === "preview") {
      const credited = new Set(creators.plan.credit);
      return c.html(
        <PreviewPage
          ctx={pageCtx(c)}
          input={input}
          prepared={text.prepared}
          creditNames={pseuds.filter((p) => credited.has(p.id)).map((p) => p.name)}
          inviteNames={creators.plan.invite.map((p) => p.pseudName)}
          values={values}
          pseuds={pseuds}
        />,
      );
    }
    const post = input.action === "post";
    const id = await createWork(db, input, text.prepared, creators.plan, { post });
    flash(
      c,
      post ? "Work was successfully posted." : "Draft was saved. Only you can see it until you post it.",
    );
    return c.redirect(`/works/${id}`, 303);
  },
);

// Editing ------------------------------------------------------------------------------------

/** The edit page's data: the viewer's pseuds are offered only to a creator, not to a moderator. */
async function editPageData(c: Ctx, viewer: Viewer, id: number, access: WorkAccess) {
  const { db } = c.get("deps");
  const work = await findWorkForEdit(db, id);
  if (!work) notFound();
  const [chapters, existing, pseuds] = await Promise.all([
    chaptersOfWork(db, id),
    creatorshipsOfWork(db, id),
    isCreator(viewer, access) ? pseudsOfUser(db, viewer.id) : Promise.resolve(null),
  ]);
  return { work, chapters, existing, pseuds };
}

workRoutes.get("/works/:id{[0-9]+}/edit", requireViewer(), async (c) => {
  const viewer = signedIn(c);
  const { id, access } = await workToChange(c, viewer);
  const { work, chapters, existing, pseuds } = await editPageData(c, viewer, id, access);
  const tags = await tagsOfWork(c.get("deps").db, id);
  const credited = existing.filter((x) => x.approved && x.userId === viewer.id).map((x) => x.pseudId);
  return c.html(
    <EditWorkPage
      ctx={pageCtx(c)}
      work={work}
      values={savedWorkValues(work, tags, credited)}
      pseuds={pseuds}
      chapters={chapters}
    />,
  );
});

workRoutes.post(
  "/works/:id{[0-9]+}",
  requireViewer((c) => `${c.req.path}/edit`),
  async (c) => {
    const viewer = signedIn(c);
    const { db } = c.get("deps");
    const { id, access } = await workToChange(c, viewer);
    const { work, chapters, existing, pseuds } = await editPageData(c, viewer, id, access);
    const body = await readForm(c);
    const parsed = parseWorkEdit(body);
    const creators = pseuds ? await planCreators(db, viewer.id, pseuds, creatorFields(body), existing) : null;
    const errors = {
      ...(parsed.ok ? { ...expectedChaptersError(parsed.data, chapters.length) } : parsed.errors),
      ...creators?.errors,
    };
    if (!parsed.ok || Object.keys(errors).length > 0) {
      return c.html(
        <EditWorkPage
          ctx={pageCtx(c)}
          work={work}
          values={workFormValues(body)}
          pseuds={pseuds}
          chapters={chapters}
          errors={errors}
        />,
        422,
      );
    }
    await saveWorkEdit(
      db,
      id,
      parsed.data,
      creators ? { viewerId: viewer.id, plan: creators.plan, existing } : null,
    );
    flash(c, "Work was successfully updated.");
    return c.redirect(`/works/${id}`, 303);
  },
);

workRoutes.post(
  "/works/:id{[0-9]+}/post",
  requireViewer((c) => c.req.path.replace(/\/post$/, "/edit")),
  async (c) => {
    const { id, access } = await workToChange(c, signedIn(c));
    if (!access.posted) {
      await postDraftWork(c.get("deps").db, id);
      flash(c, "Work was successfully posted.");
    }
    return c.redirect(`/works/${id}`, 303);
  },
);

// Deleting -----------------------------------------------------------------------------------

workRoutes.get("/works/:id{[0-9]+}/delete", requireViewer(), async (c) => {
  const { id } = await workToChange(c, signedIn(c));
  const work = await findWorkForEdit(c.get("deps").db, id);
  if (!work) notFound();
  return c.html(<DeletePage ctx={pageCtx(c)} work={work} />);
});

workRoutes.post("/works/:id{[0-9]+}/delete", requireViewer(), async (c) => {
  const viewer = signedIn(c);
  const { db } = c.get("deps");
  const { id } = await workToChange(c, viewer);
  const work = await findWorkForEdit(db, id);
  if (!work) notFound();
  await destroyWork(db, id);
  flash(c, `“${work.title}” was deleted.`);
  return c.redirect(`/users/${encodeURIComponent(viewer.login)}/works`, 303);
});

// Co-creator invitations ---------------------------------------------------------------------

workRoutes.get("/creatorships", requireViewer(), async (c) => {
  const invitations = await pendingInvitations(c.get("deps").db, signedIn(c).id);
  return c.html(<CreatorshipsPage ctx={pageCtx(c)} invitations={invitations} />);
});

for (const answer of ["accept", "reject"] as const) {
  workRoutes.post(
    `/creatorships/:id{[0-9]+}/${answer}`,
    requireViewer(() => "/creatorships"),
    async (c) => {
      const result = await answerInvitation(c.get("deps").db, idParam(c), signedIn(c).id, answer);
      if (result === "not-found") notFound();
      flash(
        c,
        answer === "accept"
          ? "You are now credited as a co-creator of the work."
          : "You declined the invitation.",
      );
      return c.redirect("/creatorships", 303);
    },
  );
}
