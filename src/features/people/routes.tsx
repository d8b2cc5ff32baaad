import { Hono } from "hono";
import type { AppEnv, Ctx } from "../../context";
import { pageCtx } from "../../context";
import { listDraftBlurbs, listWorkBlurbs, workIdsOfUser } from "../../core/work/blurbs";
import { flash } from "../../lib/cookies";
import { formValue, validate } from "../../lib/forms";
import { requireViewer, signedIn } from "../../lib/guard";
import { forbidden, notFound, readForm } from "../../lib/http";
import { pageHrefs } from "../../views/Pagination";
import { pseudPath, pseudsPath, userWorksPath } from "../../views/paths";
import { browseWorks } from "../browse/browse";
import { pageCount, readListingFilters, readPage } from "../browse/schema";
import { BrowsePage } from "../browse/views/BrowsePage";
import { canManagePseuds, isSelf } from "./policy";
import { createPseud, editPseud, makeDefaultPseud } from "./pseuds";
import { findPseudByName, findUserByLogin, listPseuds, type Person, type PseudRow } from "./queries";
import { pseudForm } from "./schema";
import { ProfilePage } from "./views/ProfilePage";
import { PseudFormPage } from "./views/PseudFormPage";
import { PseudPage } from "./views/PseudPage";
import { PseudsPage } from "./views/PseudsPage";

export const peopleRoutes = new Hono<AppEnv>();

const WORKS_PER_PAGE = 20;
const PROFILE_WORKS = 5;

async function loadUser(c: Ctx): Promise<Person> {
  const user = await findUserByLogin(c.get("deps").db, c.req.param("login") ?? "");
  return user ?? notFound("There is no user with that login name.");
}

async function loadPseud(c: Ctx, user: Person): Promise<PseudRow> {
  const pseud = await findPseudByName(c.get("deps").db, user.id, c.req.param("pseud") ?? "");
  return pseud ?? notFound(`${user.login} has no pseud by that name.`);
}

/** Lets only the user themself manage their pseuds (on routes behind `requireViewer`). */
function authorizeManage(c: Ctx, user: Person): void {
  if (!canManagePseuds(signedIn(c), user)) forbidden("Only the owner of these pseuds can change them.");
}

peopleRoutes.get("/users/:login", async (c) => {
  const user = await loadUser(c);
  const viewer = c.get("viewer");
  const self = isSelf(viewer, user);
  const db = c.get("deps").db;
  const [pseuds, works] = await Promise.all([
    listPseuds(db, user.id),
    listWorkBlurbs(db, viewer, {
      creatorUserId: user.id,
      includeAnonymous: self,
      page: 1,
      perPage: PROFILE_WORKS,
    }),
  ]);
  return c.html(
    <ProfilePage
      ctx={pageCtx(c)}
      user={user}
      pseuds={pseuds}
      works={works.blurbs}
      totalWorks={works.total}
      self={self}
    />,
  );
});

peopleRoutes.get("/users/:login/works", async (c) => {
  const filters = readListingFilters(c.req.url);
  const user = await loadUser(c);
  const viewer = c.get("viewer");
  const self = isSelf(viewer, user);
  const deps = c.get("deps");
  // Anonymous works are listed under their creator's name to that creator only.
  const onlyIds = await workIdsOfUser(deps.db, user.id, self);
  const [listing, drafts] = await Promise.all([
    browseWorks(deps, viewer, filters, { onlyIds }),
    self && filters.page === 1 ? listDraftBlurbs(deps.db, user.id) : undefined,
  ]);
  return c.html(
    <BrowsePage
      ctx={pageCtx(c)}
      title={self ? "My works" : `Works by ${user.login}`}
      subject={`by ${user.login}`}
      listing={listing}
      basePath={userWorksPath(user.login)}
      href={pageHrefs(c.req.url)}
      drafts={drafts}
    />,
  );
});

peopleRoutes.get("/users/:login/pseuds", async (c) => {
  const user = await loadUser(c);
  const pseuds = await listPseuds(c.get("deps").db, user.id);
  return c.html(
    <PseudsPage ctx={pageCtx(c)} user={user} pseuds={pseuds} self={isSelf(c.get("viewer"), user)} />,
  );
});

// Registered before "/users/:login/pseuds/:pseud" so that "new" is never read as a pseud's name.
peopleRoutes.get("/users/:login/pseuds/new", requireViewer(), async (c) => {
  const user = await loadUser(c);
  authorizeManage(c, user);
  return c.html(<PseudFormPage ctx={pageCtx(c)} login={user.login} values={{ name: "", description: "" }} />);
});

peopleRoutes.post("/users/:login/pseuds/new", requireViewer(), async (c) => {
  const user = await loadUser(c);
  authorizeManage(c, user);
  const body = await readForm(c);
  const values = { name: formValue(body, "name"), description: formValue(body, "description") };
  const parsed = validate(pseudForm, values);
  const result = parsed.ok ? await createPseud(c.get("deps").db, user.id, parsed.data) : parsed;
  if (!result.ok) {
    return c.html(
      <PseudFormPage ctx={pageCtx(c)} login={user.login} values={values} errors={result.errors} />,
      422,
    );
  }
  flash(c, `Pseud "${result.name}" created.`);
  return c.redirect(pseudPath(user.login, result.name), 303);
});

peopleRoutes.get("/users/:login/pseuds/:pseud", async (c) => {
  const page = readPage(c.req.query("page"));
  const user = await loadUser(c);
  const pseud = await loadPseud(c, user);
  const viewer = c.get("viewer");
  const self = isSelf(viewer, user);
  const { blurbs, total } = await listWorkBlurbs(c.get("deps").db, viewer, {
    pseudId: pseud.id,
    creatorUserId: user.id,
    includeDrafts: self,
    includeAnonymous: self,
    page,
    perPage: WORKS_PER_PAGE,
  });
  return c.html(
    <PseudPage
      ctx={pageCtx(c)}
      user={user}
      pseud={pseud}
      self={self}
      perPage={WORKS_PER_PAGE}
      listing={{
        blurbs,
        total,
        page,
        totalPages: pageCount(total, WORKS_PER_PAGE),
        href: pageHrefs(c.req.url),
      }}
    />,
  );
});

peopleRoutes.get("/users/:login/pseuds/:pseud/edit", requireViewer(), async (c) => {
  const user = await loadUser(c);
  const pseud = await loadPseud(c, user);
  authorizeManage(c, user);
  return c.html(
    <PseudFormPage
      ctx={pageCtx(c)}
      login={user.login}
      pseud={pseud}
      values={{ name: pseud.name, description: pseud.description }}
    />,
  );
});

peopleRoutes.post("/users/:login/pseuds/:pseud/edit", requireViewer(), async (c) => {
  const user = await loadUser(c);
  const pseud = await loadPseud(c, user);
  authorizeManage(c, user);
  const body = await readForm(c);
  const values = { name: formValue(body, "name"), description: formValue(body, "description") };
  const parsed = validate(pseudForm, values);
  const result = parsed.ok ? await editPseud(c.get("deps").db, pseud, parsed.data) : parsed;
  if (!result.ok) {
    return c.html(
      <PseudFormPage
        ctx={pageCtx(c)}
        login={user.login}
        pseud={pseud}
        values={values}
        errors={result.errors}
      />,
      422,
    );
  }
  flash(c, `Pseud "${result.name}" saved.`);
  return c.redirect(pseudPath(user.login, result.name), 303);
});

peopleRoutes.post(
  "/users/:login/pseuds/:pseud/default",
  // Back to the list of pseuds the button is on.
  requireViewer((c) => c.req.path.replace(/\/[^/]+\/default$/, "")),
  async (c) => {
    const user = await loadUser(c);
    const pseud = await loadPseud(c, user);
    authorizeManage(c, user);
    await makeDefaultPseud(c.get("deps").db, pseud);
    flash(c, `"${pseud.name}" is now your default pseud.`);
    return c.redirect(pseudsPath(user.login), 303);
  },
);
