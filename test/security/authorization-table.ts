// Who may do what: the expected answer of every route of the archive to every kind of viewer, on
// every kind of work. `authorization.test.ts` expands this table into cells and requests each one;
// a route the app registers but this table does not name (or the reverse) fails that suite, so no
// route ships without a decision.

/** The six kinds of viewer every route is requested by. */
export const VIEWERS = ["guest", "reader", "creator", "invitee", "coCreator", "admin"] as const;
export type ViewerKind = (typeof VIEWERS)[number];

/**
 * The five kinds of work a work route is requested on. `hidden` is a posted work an admin hid
 * (`works.hidden_by_admin`).
 */
export const WORK_STATES = ["public", "restricted", "draft", "anonymous", "hidden"] as const;
export type WorkState = (typeof WORK_STATES)[number];

/**
 * What a cell expects:
 * - `ok`: 200 for a page; for a form, success (2xx, or a redirect anywhere but the sign-in page);
 * - `signIn`: a redirect to `/login?return_to=…` (a guest where signing in would let them in);
 * - `forbidden`: 403 (the viewer may see the work but not act on it);
 * - `notFound`: 404 (the viewer may not see the work, so for them it does not exist);
 * - `badRequest`: 400 (the viewer may act, but the request makes no sense for this work).
 */
export type Outcome = "ok" | "signIn" | "forbidden" | "notFound" | "badRequest";

/** A rule decides a viewer's cell on a work in a given state. */
export type WorkRule = (viewer: ViewerKind, state: WorkState) => Outcome;
/** A rule for a route that is about no work: one cell per viewer. */
export type SiteRule = (viewer: ViewerKind) => Outcome;

/**
 * What a route's path parameters are filled from, and so which cells it has:
 * - `works`: a work in each state (with `:chapterId` one of its chapters, or `:id` the invitee's
 *   invitation to it); 6 × 5 cells;
 * - `tags`: a tag used only on the work in each state; 6 × 5 cells;
 * - `site`: the fixture once (`:login` the creator, `:pseud` their second pseud); 6 cells.
 */
export type Entry =
  | { over: "works"; rule: WorkRule }
  | { over: "tags"; rule: WorkRule }
  | { over: "site"; rule: SiteRule };

const works = (rule: WorkRule): Entry => ({ over: "works", rule });
const tags = (rule: WorkRule): Entry => ({ over: "tags", rule });
const site = (rule: SiteRule): Entry => ({ over: "site", rule });

/** The work's credited creators: the creator and the co-creator who accepted. */
const CREDITED: readonly ViewerKind[] = ["creator", "coCreator"];

// Rules -----------------------------------------------------------------------------------------

/** Open to every visitor. */
export const anyone: SiteRule = () => "ok";

/** Any signed-in reader; a guest is sent to sign in and brought back. */
export const signedIn: SiteRule = (v) => (v === "guest" ? "signIn" : "ok");

/** Only the user the path names (the creator's pseuds): nobody else, not even an admin. */
export const owner: SiteRule = (v) => (v === "guest" ? "signIn" : v === "creator" ? "ok" : "forbidden");

/** Admins only (moderation). */
export const admin: SiteRule = (v) => (v === "guest" ? "signIn" : v === "admin" ? "ok" : "forbidden");

/**
 * Who may see a work: drafts and hidden works only their credited creators and admins (404 to
 * everyone else); restricted works signed-in readers (a guest signs in first); the rest everyone.
 * An invitation not yet accepted gives no more than a stranger has.
 */
export const readWork: WorkRule = (v, s) => {
  if (CREDITED.includes(v) || v === "admin") return "ok";
  if (s === "draft" || s === "hidden") return "notFound";
  if (s === "restricted" && v === "guest") return "signIn";
  return "ok";
};

/**
 * A route of the work only `allowed` may use. A guest is sent to sign in before anything about the
 * work is read (so a draft answers a guest exactly as a missing id does); a signed-in viewer gets
 * what they would get reading the work when that is a refusal (a draft is 404 on every one of
 * its routes), else 403.
 */
function onlyBy(...allowed: ViewerKind[]): WorkRule {
  return (v, s) => {
    if (allowed.includes(v)) return "ok";
    if (v === "guest") return "signIn";
    const reading = readWork(v, s);
    return reading !== "ok" ? reading : "forbidden";
  };
}

/** Changing a work: its credited creators, and admins (moderation). */
export const editWork: WorkRule = onlyBy(...CREDITED, "admin");

/**
 * Answering a co-creator invitation: only the invited user, whatever state the work is in (they
 * were shown its title when invited). Anyone else's invitation is none of a reader's business:
 * 404, as for an id that names none. Admins never change who created a work.
 */
export const invitee: WorkRule = (v) => (v === "invitee" ? "ok" : v === "guest" ? "signIn" : "notFound");

/** `rule`, except that whoever it lets in is told 400 on a draft work (it needs a posted work). */
function onPostedWork(rule: WorkRule): WorkRule {
  return (v, s) => {
    const outcome = rule(v, s);
    return s === "draft" && outcome === "ok" ? "badRequest" : outcome;
  };
}

/**
 * A tag's pages: a tag that is not canonical is named only to readers who may see a work using
 * it, so a tag used only on drafts or hidden works is 404 to all but their creators and admins,
 * and one used only on restricted works is 404 to guests (nothing to sign in for: the page would
 * list no work they could open before signing in).
 */
export const readTag: WorkRule = (v, s) => {
  const reading = readWork(v, s);
  return reading === "signIn" ? "notFound" : reading;
};

// The table ------------------------------------------------------------------------------------

/** "METHOD /path" (path parameters without their patterns) → the rule of its cells. */
export const AUTHORIZATION = {
  "GET /": site(anyone),

  // Accounts
  "GET /signup": site(anyone),
  "POST /signup": site(anyone),
  "GET /login": site(anyone),
  "POST /login": site(anyone),
  "POST /logout": site(anyone),
  "GET /account": site(signedIn),
  "POST /account/password": site(signedIn),
  "POST /account/email": site(signedIn),
  "POST /account/preferences": site(signedIn),
  "GET /account/delete": site(signedIn),
  "POST /account/delete": site(signedIn),

  // People
  "GET /users/:login": site(anyone),
  "GET /users/:login/works": site(anyone),
  "GET /users/:login/pseuds": site(anyone),
  "GET /users/:login/pseuds/new": site(owner),
  "POST /users/:login/pseuds/new": site(owner),
  "GET /users/:login/pseuds/:pseud": site(anyone),
  "GET /users/:login/pseuds/:pseud/edit": site(owner),
  "POST /users/:login/pseuds/:pseud/edit": site(owner),
  "POST /users/:login/pseuds/:pseud/default": site(owner),

  // Browsing and tags
  "GET /works": site(anyone),
  "GET /tags/:name": tags(readTag),
  "GET /tags/:name/works": tags(readTag),
  "GET /autocomplete/:type": site(anyone),

  // Posting
  "GET /works/new": site(signedIn),
  "POST /works": site(signedIn),

  // Reading
  "GET /works/:id": works(readWork),
  "GET /works/:id/chapters/:chapterId": works(readWork),
  "GET /works/:id/navigate": works(readWork),

  // Editing and deleting a work
  "GET /works/:id/edit": works(editWork),
  "POST /works/:id": works(editWork),
  "POST /works/:id/post": works(editWork),
  "GET /works/:id/delete": works(editWork),
  "POST /works/:id/delete": works(editWork),

  // Chapters
  "GET /works/:id/chapters/new": works(editWork),
  "POST /works/:id/chapters": works(editWork),
  "GET /works/:id/chapters/:chapterId/edit": works(editWork),
  "POST /works/:id/chapters/:chapterId": works(editWork),
  "POST /works/:id/chapters/:chapterId/post": works(onPostedWork(editWork)),
  "GET /works/:id/chapters/:chapterId/delete": works(editWork),
  "POST /works/:id/chapters/:chapterId/delete": works(editWork),
  "GET /works/:id/chapters/manage": works(editWork),
  "POST /works/:id/chapters/manage": works(editWork),

  // Co-creator invitations (`:id` is the invitation)
  "GET /creatorships": site(signedIn),
  "POST /creatorships/:id/accept": works(invitee),
  "POST /creatorships/:id/reject": works(invitee),
} as const satisfies Record<string, Entry>;

export type RouteKey = keyof typeof AUTHORIZATION;

/** The table's key for a route as Hono lists it: `:id{[0-9]+}` is written `:id`. */
export function routeKey(method: string, path: string): string {
  let out = "";
  let depth = 0;
  for (const ch of path) {
    if (ch === "{") depth++;
    else if (ch === "}") depth--;
    else if (depth === 0) out += ch;
  }
  return `${method} ${out}`;
}
