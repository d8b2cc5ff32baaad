// The authorization matrix: every route of the app, requested by six kinds of viewer on five kinds
// of work, answers as `authorization-table.ts` says. Refused requests change nothing, and no
// state-changing request goes through without the visitor's CSRF token.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { after, before, describe, it } from "node:test";
import { relaxLimits } from "../../src/features/accounts/testkit";
import { tagSlug } from "../../src/lib/tagurl";
import { titleSortKey, toSafeHtml } from "../../src/lib/text";
import { countWords } from "../../src/lib/wordcount";
import { findOrMakeTag, makeUser, signInAs, type TestUser } from "../factories";
import { createTestArchive, type TestArchive, testDialects } from "../helpers/archive";
import { type Page, signInReturnTo, type TestClient } from "../helpers/client";
import {
  AUTHORIZATION,
  type Entry,
  type Outcome,
  type RouteKey,
  routeKey,
  VIEWERS,
  type ViewerKind,
  WORK_STATES,
  type WorkState,
} from "./authorization-table";

type Form = Record<string, string | string[]>;
type Member = Exclude<ViewerKind, "guest">;

const PASSWORD = "correct horse battery";

interface StateWork {
  id: number;
  title: string;
  /** Two posted chapters (drafts in a draft work) and a third still in draft. */
  chapterIds: [number, number, number];
  /** The invitee's open invitation to co-create it. */
  invitationId: number;
  /** A freeform tag used on this work only. */
  tag: string;
}

/** The fixture: one account per kind of viewer, and one work of theirs per state. */
interface World {
  n: number;
  users: Record<Member, TestUser>;
  /** The creator's second pseud (the first is named after their login). */
  secondPseud: string;
  /** The tags every fixture work has, and each state's own freeform tag. */
  tagIds: Record<WorkState, number> & { common: number[] };
  works: Record<WorkState, StateWork>;
  clients: Record<ViewerKind, TestClient>;
}

/** One cell: who asks, about which work (or the fixture once, for a site route). */
interface Cell {
  world: World;
  viewer: ViewerKind;
  state: WorkState;
  /** Numbers what a permitted request creates, so names never clash. */
  k: number;
}

interface RequestSpec {
  /** Which of the work's chapters `:chapterId` is (0, 1 or 2). */
  chapter?: 0 | 1 | 2;
  /** `:id` is the invitee's invitation, not the work. */
  invitation?: boolean;
  query?: (c: Cell) => string;
  form?: (c: Cell) => Form;
  /** A permitted request changes the viewer's account beyond repair: run it in a fixture of its own. */
  ownWorld?: boolean;
  /** Reading pages: a pending invitation and an anonymous work's creators show nowhere on them. */
  reading?: boolean;
}

/** The last word of a fixture's tag names: of fixed length, so that no fixture's is a prefix of another's. */
const tagMark = (w: { n: number }) => `w${String(w.n).padStart(3, "0")}`;

/** The freeform tag used only on the fixture's work in this state. */
const tagOf = (w: { n: number }, state: WorkState) => `Matrix ${state} tag ${tagMark(w)}`;

const COMMON_TAGS = [
  ["rating", "General Audiences"],
  ["warning", "No Archive Warnings Apply"],
  ["fandom", "Sherlock Holmes - Arthur Conan Doyle"],
] as const;

const userOf = (c: Cell): TestUser => c.world.users[c.viewer === "guest" ? "reader" : c.viewer];

function chapterForm(fields: Form): Form {
  return { title: "", summary: "", notes: "", end_notes: "", format: "html", position: "", ...fields };
}

/** The work form as its edit page would send it back, crediting the viewer's own pseud. */
function workEditForm(c: Cell): Form {
  const work = c.world.works[c.state];
  const form: Form = {
    title: `${work.title} (edited)`,
    pseud_ids: [String(userOf(c).pseudId)],
    co_creators: "",
    summary: "Edited summary.",
    notes: "",
    end_notes: "",
    rating: "General Audiences",
    warnings: ["No Archive Warnings Apply"],
    fandoms: "Sherlock Holmes - Arthur Conan Doyle",
    relationships: "",
    characters: "",
    freeforms: work.tag,
    language: "en",
    expected_chapters: "",
    ...(c.state === "restricted" ? { restricted: "1" } : {}),
    ...(c.state === "anonymous" ? { anonymous: "1" } : {}),
  };
  // An admin's edit asks to change the creators too; it must not (checked after the cell).
  if (c.viewer === "admin") form.co_creators = c.world.users.reader.login;
  return form;
}

/** How each route is requested: its path parameters and a realistic form that passes every check. */
const REQUESTS: Record<RouteKey, RequestSpec> = {
  "GET /": {},
  "GET /signup": {},
  "POST /signup": {
    form: (c) => ({
      login: `w${c.world.n}_joiner${c.k}`,
      email: `w${c.world.n}.joiner${c.k}@example.org`,
      password: "a fine new password",
      password_confirmation: "a fine new password",
    }),
  },
  "GET /login": {},
  "POST /login": { form: (c) => ({ login: userOf(c).login, password: PASSWORD, return_to: "/works" }) },
  "POST /logout": { form: () => ({}) },
  "GET /account": {},
  "POST /account/password": {
    form: () => ({ current_password: PASSWORD, password: PASSWORD, password_confirmation: PASSWORD }),
  },
  "POST /account/email": {
    form: (c) => ({ email: `${userOf(c).login}.${c.k}@example.net`, email_password: PASSWORD }),
  },
  "POST /account/preferences": { form: () => ({ skip_adult_notice: "1" }) },
  "GET /account/delete": {},
  "POST /account/delete": { form: () => ({ works: "orphan", current_password: PASSWORD }), ownWorld: true },
  "GET /users/:login": {},
  "GET /users/:login/works": {},
  "GET /users/:login/pseuds": {},
  "GET /users/:login/pseuds/new": {},
  "POST /users/:login/pseuds/new": { form: (c) => ({ name: `Fresh Quill ${c.k}`, description: "" }) },
  "GET /users/:login/pseuds/:pseud": {},
  "GET /users/:login/pseuds/:pseud/edit": {},
  "POST /users/:login/pseuds/:pseud/edit": {
    form: (c) => ({ name: `Renamed Quill w${c.world.n}`, description: "Another name." }),
    ownWorld: true,
  },
  "POST /users/:login/pseuds/:pseud/default": { form: () => ({}), ownWorld: true },
  "GET /works": {},
  "GET /tags/:name": { reading: true },
  "GET /tags/:name/works": { reading: true },
  // Words of this fixture's tags, one of them used only on the draft and one only on the hidden work.
  "GET /autocomplete/:type": { query: (c) => `?term=${encodeURIComponent(`tag ${tagMark(c.world)}`)}` },
  "GET /works/new": {},
  "POST /works": {
    form: (c) => ({
      title: `A New Work ${c.k}`,
      pseud_ids: [String(userOf(c).pseudId)],
      co_creators: "",
      summary: "",
      notes: "",
      end_notes: "",
      rating: "General Audiences",
      warnings: ["No Archive Warnings Apply"],
      fandoms: "Sherlock Holmes - Arthur Conan Doyle",
      relationships: "",
      characters: "",
      freeforms: "Posted From The Matrix",
      language: "en",
      expected_chapters: "",
      chapter_title: "",
      body: "It was a quiet morning in Baker Street.",
      format: "html",
      action: "post",
    }),
  },
  "GET /works/:id": { reading: true },
  "GET /works/:id/chapters/:chapterId": { reading: true },
  "GET /works/:id/navigate": { reading: true },
  "GET /works/:id/edit": {},
  "POST /works/:id": { form: workEditForm },
  "POST /works/:id/post": { form: () => ({}) },
  "GET /works/:id/delete": {},
  "POST /works/:id/delete": { form: () => ({}) },
  "GET /works/:id/chapters/new": {},
  "POST /works/:id/chapters": {
    form: () => chapterForm({ body: "<p>A chapter added later.</p>", action: "post" }),
  },
  "GET /works/:id/chapters/:chapterId/edit": { chapter: 1 },
  "POST /works/:id/chapters/:chapterId": {
    chapter: 1,
    form: () => chapterForm({ body: "<p>The second chapter, revised.</p>", action: "post" }),
  },
  "POST /works/:id/chapters/:chapterId/post": { chapter: 2, form: () => ({}) },
  "GET /works/:id/chapters/:chapterId/delete": { chapter: 1 },
  "POST /works/:id/chapters/:chapterId/delete": { chapter: 1, form: () => ({}) },
  "GET /works/:id/chapters/manage": {},
  "POST /works/:id/chapters/manage": {
    form: (c) => {
      const [a, b, d] = c.world.works[c.state].chapterIds;
      return { [`position_${a}`]: "2", [`position_${b}`]: "1", [`position_${d}`]: "3" };
    },
  },
  "GET /creatorships": {},
  "POST /creatorships/:id/accept": { invitation: true, form: () => ({}) },
  "POST /creatorships/:id/reject": { invitation: true, form: () => ({}) },
};

function fillPath(key: string, cell: Cell, entry: Entry, spec: RequestSpec): string {
  const { world, state } = cell;
  const work = world.works[state];
  // Values as they appear in a path: already percent-encoded.
  const params: Record<string, string> = {
    login: encodeURIComponent(world.users.creator.login),
    pseud: encodeURIComponent(world.secondPseud),
    type: "freeform",
    name: tagSlug(entry.over === "tags" ? work.tag : world.works.public.tag),
  };
  if (entry.over === "works") {
    params.id = String(spec.invitation ? work.invitationId : work.id);
    params.chapterId = String(work.chapterIds[spec.chapter ?? 0]);
  }
  const path = key.slice(key.indexOf(" ") + 1).replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${key}: nothing fills :${name}`);
    return value;
  });
  return path + (spec.query?.(cell) ?? "");
}

/** Sends a request as a browser would, with the visitor's CSRF token unless `csrf` says otherwise. */
async function send(client: TestClient, method: string, path: string, form: Form, csrf?: string | null) {
  if (method === "GET") return client.get(path);
  if (!client.csrf) await client.get("/");
  const body = new URLSearchParams();
  const token = csrf === undefined ? client.csrf : csrf;
  if (token !== null) body.append("_csrf", token);
  for (const [k, v] of Object.entries(form)) {
    for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  }
  return client.send(path, {
    method,
    headers: { "content-type": "application/x-www-form-urlencoded" },
    body: body.toString(),
  });
}

/** A path as a browser would send it, so that "/a b" and "/a%20b" compare equal. */
function canonicalPath(path: string): string {
  const url = new URL(path, "http://quire.invalid");
  return `${url.pathname}${url.search}`;
}

/** The response in a few words: its status, and where a redirect goes ("sign-in" for the sign-in page). */
function describeAnswer(page: Page): string {
  if (!page.location) return String(page.status);
  return `${page.status} to ${signInReturnTo(page.location) === null ? page.location : "sign-in"}`;
}

/** Whether a response is what the cell expects; what it was instead otherwise. */
function checkOutcome(expected: Outcome, method: string, path: string, page: Page): string | null {
  const returnTo = signInReturnTo(page.location);
  const redirect = page.status >= 300 && page.status < 400;
  let ok: boolean;
  switch (expected) {
    case "ok":
      ok =
        method === "GET"
          ? page.status === 200
          : page.status >= 200 && page.status < 400 && (!redirect || returnTo === null);
      break;
    case "signIn":
      // Back to the page asked for; a form goes back to the page that shows it.
      ok =
        (page.status === 302 || page.status === 303) &&
        returnTo !== null &&
        returnTo.startsWith("/") &&
        !returnTo.startsWith("//") &&
        (method !== "GET" || canonicalPath(returnTo) === canonicalPath(path));
      break;
    case "forbidden":
      ok = page.status === 403;
      break;
    case "notFound":
      ok = page.status === 404;
      break;
    case "badRequest":
      ok = page.status === 400;
      break;
  }
  if (ok) return null;
  const back = returnTo !== null && expected === "signIn" ? ` (back to ${returnTo})` : "";
  return `expected ${expected}, got ${describeAnswer(page)}${back}`;
}

for (const dialect of testDialects()) {
  describe(`authorization matrix (${dialect})`, () => {
    let archive: TestArchive;
    let world: World;
    let worlds = 0;
    let serial = 0;
    const counts = { routes: 0, workRoutes: 0, tagRoutes: 0, siteRoutes: 0, cells: 0, failing: 0, csrf: 0 };
    /** Failing cells by what went wrong, for the closing summary. */
    const failures = new Map<string, string[]>();

    async function clientFor(w: World, viewer: ViewerKind): Promise<TestClient> {
      knownFingerprint = null;
      const client = archive.client();
      if (viewer !== "guest") await signInAs(archive.db, client, w.users[viewer]);
      return client;
    }

    /**
     * A work of the fixture's creator and co-creator, with the invitee's open invitation, as a
     * handful of multi-row inserts: it is made again after every request that changed it.
     */
    async function makeStateWorkIn(db: TestArchive["db"], w: World, state: WorkState): Promise<StateWork> {
      const now = Date.now();
      const title = `Matrix ${state} work w${w.n}.${++serial}`;
      const posted = state !== "draft";
      const bodies = [
        "Chapter 1 begins here.\n\nIt ends a little later.",
        "Chapter 2 begins here.\n\nIt ends a little later.",
        "Chapter 3 is still a draft.",
      ].map((text) => toSafeHtml(text, "plain"));
      const words = bodies.map(countWords);
      const work = await db
        .insertInto("works")
        .values({
          title,
          title_sort: titleSortKey(title),
          language: "en",
          complete: 1,
          expected_chapters: 2,
          restricted: state === "restricted" ? 1 : 0,
          anonymous: state === "anonymous" ? 1 : 0,
          posted: posted ? 1 : 0,
          hidden_by_admin: state === "hidden" ? 1 : 0,
          created_at: now,
          posted_at: posted ? now : null,
          updated_at: now,
          word_count: posted ? words[0]! + words[1]! : 0,
          chapter_count: posted ? 2 : 0,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      const chapters = await db
        .insertInto("chapters")
        .values(
          bodies.map((body, i) => {
            const up = posted && i < 2;
            return {
              work_id: work.id,
              position: i + 1,
              title: `Part ${i + 1}`,
              body,
              word_count: words[i]!,
              posted: up ? 1 : 0,
              created_at: now,
              updated_at: now,
              posted_at: up ? now : null,
            } as const;
          }),
        )
        .returning("id")
        .execute();
      const credits = await db
        .insertInto("creatorships")
        .values(
          [w.users.creator, w.users.coCreator, w.users.invitee].map((user, i) => ({
            work_id: work.id,
            pseud_id: user.pseudId,
            approved: i < 2 ? 1 : 0,
            created_at: now,
          })),
        )
        .returning("id")
        .execute();
      await db
        .insertInto("taggings")
        .values([...w.tagIds.common, w.tagIds[state]].map((tag_id) => ({ work_id: work.id, tag_id })))
        .execute();
      await db.insertInto("changes").values({ work_id: work.id, created_at: now }).execute();
      const ids = chapters.map((c) => c.id).sort((a, b) => a - b);
      return {
        id: work.id,
        title,
        chapterIds: [ids[0]!, ids[1]!, ids[2]!],
        invitationId: Math.max(...credits.map((c) => c.id)),
        tag: tagOf(w, state),
      };
    }

    async function buildWorld(): Promise<World> {
      const n = ++worlds;
      const secondPseud = `Second Quill w${n}`;
      const w = await archive.db.transaction().execute(async (db) => {
        const users = {
          reader: await makeUser(db, { login: `w${n}_stranger` }),
          creator: await makeUser(db, { login: `w${n}_creator`, pseuds: [secondPseud] }),
          invitee: await makeUser(db, { login: `w${n}_invitee` }),
          coCreator: await makeUser(db, { login: `w${n}_partner` }),
          admin: await makeUser(db, { login: `w${n}_moderator`, admin: true }),
        };
        // A second admin, so that the first may delete their account (the last admin cannot).
        await makeUser(db, { login: `w${n}_spare_admin`, admin: true });
        const tagIds = { common: [] as number[] } as World["tagIds"];
        for (const [type, name] of COMMON_TAGS) tagIds.common.push(await findOrMakeTag(db, type, name));
        const w = { n, users, secondPseud, tagIds, works: {}, clients: {} } as World;
        for (const state of WORK_STATES) tagIds[state] = await findOrMakeTag(db, "freeform", tagOf(w, state));
        for (const state of WORK_STATES) w.works[state] = await makeStateWorkIn(db, w, state);
        return w;
      });
      for (const viewer of VIEWERS) w.clients[viewer] = await clientFor(w, viewer);
      await archive.refreshIndex();
      return w;
    }

    /** Replaces a work that a request changed with a fresh one in the same state, in one commit. */
    async function rebuildWork(w: World, state: WorkState): Promise<void> {
      knownFingerprint = null;
      const old = w.works[state].id;
      w.works[state] = await archive.db.transaction().execute(async (trx) => {
        await trx.deleteFrom("works").where("id", "=", old).execute();
        await trx.insertInto("changes").values({ work_id: old, created_at: Date.now() }).execute();
        return makeStateWorkIn(trx, w, state);
      });
      await archive.refreshIndex();
    }

    /** The archive's fingerprint as it is now, while nothing has changed it since it was taken. */
    let knownFingerprint: string | null = null;

    /** The archive's fingerprint, taken again when `fresh` or when something may have changed it. */
    async function fingerprintNow(fresh = false): Promise<string> {
      if (fresh || knownFingerprint === null) knownFingerprint = await fingerprint();
      return knownFingerprint;
    }

    /** A digest of every row a request could change (sessions included). */
    async function fingerprint(): Promise<string> {
      const db = archive.db;
      const rows = await Promise.all([
        db.selectFrom("users").selectAll().orderBy("id").execute(),
        db.selectFrom("pseuds").selectAll().orderBy("id").execute(),
        db.selectFrom("sessions").selectAll().orderBy("id").execute(),
        db
          .selectFrom("works")
          .select([
            "id",
            "title",
            "summary",
            "posted",
            "restricted",
            "anonymous",
            "hidden_by_admin",
            "updated_at",
            "word_count",
            "chapter_count",
            "complete",
            "expected_chapters",
          ])
          .orderBy("id")
          .execute(),
        db
          .selectFrom("chapters")
          .select(["id", "work_id", "position", "title", "body", "posted", "updated_at"])
          .orderBy("id")
          .execute(),
        db.selectFrom("creatorships").selectAll().orderBy("id").execute(),
        db.selectFrom("taggings").selectAll().orderBy("work_id").orderBy("tag_id").execute(),
        db.selectFrom("tags").select(["id", "name"]).orderBy("id").execute(),
        db
          .selectFrom("changes")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .execute(),
      ]);
      return createHash("sha256").update(JSON.stringify(rows)).digest("hex");
    }

    async function creatorshipsOf(workId: number) {
      return archive.db
        .selectFrom("creatorships")
        .select(["pseud_id", "approved"])
        .where("work_id", "=", workId)
        .orderBy("id")
        .execute();
    }

    /** Text a page must not contain for this viewer: what would name or reveal what they may not see. */
    function secrets(key: RouteKey, entry: Entry, spec: RequestSpec, cell: Cell): string[] {
      const { world, viewer, state } = cell;
      const out: string[] = [];
      const credited = viewer === "creator" || viewer === "coCreator";
      if (spec.reading && viewer !== "invitee") out.push(world.users.invitee.login);
      if (entry.over !== "site") {
        if (state === "anonymous" && spec.reading && !credited && viewer !== "admin") {
          const { creator, coCreator } = world.users;
          out.push(creator.login, world.secondPseud, coCreator.login);
        }
        return out;
      }
      const { draft, hidden, restricted, anonymous } = world.works;
      // The invitee is shown the title of a draft they are invited to co-create, and nothing else.
      // A tag used only on a draft is as secret as the draft (autocomplete must not offer it).
      if (!credited && viewer !== "admin" && !(viewer === "invitee" && key === "GET /creatorships")) {
        out.push(draft.title, hidden.title, draft.tag, hidden.tag);
      }
      if (viewer === "guest") out.push(restricted.title);
      if (key.startsWith("GET /users/:login") && viewer !== "creator") out.push(anonymous.title);
      return out;
    }

    /** Runs one cell; what was wrong with its answer (nothing when it answered as the table says). */
    async function runCell(key: RouteKey, entry: Entry, cell: Cell, expected: Outcome): Promise<string[]> {
      const spec = REQUESTS[key];
      const method = key.slice(0, key.indexOf(" "));
      const path = fillPath(key, cell, entry, spec);
      const form = spec.form?.(cell) ?? {};
      const client = cell.world.clients[cell.viewer];
      const changing = method !== "GET";
      const refused = expected !== "ok";
      const adminEdit = key === "POST /works/:id" && cell.viewer === "admin";
      const workId = cell.world.works[cell.state].id;
      const creatorsBefore = adminEdit ? await creatorshipsOf(workId) : null;
      const before = changing && refused ? await fingerprintNow() : null;
      const page = await send(client, method, path, form);
      const problems: string[] = [];
      const wrong = checkOutcome(expected, method, path, page);
      if (wrong) problems.push(wrong);
      if (changing) {
        const changed = !refused || (await fingerprintNow(true)) !== before;
        if (changed && refused) problems.push("a refused request changed the archive");
        if (adminEdit && page.status < 400) {
          assert.deepEqual(
            await creatorshipsOf(workId),
            creatorsBefore,
            "an admin's edit changed the creators",
          );
        }
        // Put back what the request changed, so that the next cell starts from the same fixture.
        if (changed) {
          if (entry.over === "works") await rebuildWork(cell.world, cell.state);
          else if (cell.world === world && (refused || spec.ownWorld)) world = await buildWorld();
          if (entry.over === "site" && cell.world === world) {
            world.clients[cell.viewer] = await clientFor(world, cell.viewer);
          }
        }
      }
      if (page.status === 200) {
        for (const secret of secrets(key, entry, spec, cell)) {
          if (page.text.includes(secret)) problems.push(`the page shows “${secret}”`);
        }
      }
      return problems;
    }

    before(async () => {
      archive = await createTestArchive(dialect);
      relaxLimits(archive);
      world = await buildWorld();
    });
    after(() => archive.close());

    it("names every route the app registers, with every method, and no route it does not", () => {
      const registered = new Set(
        archive.app.routes
          // Middleware (`*`) and the static files are no route of their own.
          .filter((r) => !(r.method === "ALL" && r.path.endsWith("*")))
          .map((r) => routeKey(r.method, r.path)),
      );
      const table = new Set(Object.keys(AUTHORIZATION));
      assert.deepEqual(
        [...registered].filter((k) => !table.has(k)),
        [],
        "routes missing from authorization-table.ts",
      );
      assert.deepEqual(
        [...table].filter((k) => !registered.has(k)),
        [],
        "routes in authorization-table.ts the app does not have",
      );
    });

    for (const [key, entry] of Object.entries(AUTHORIZATION) as [RouteKey, Entry][]) {
      it(key, async () => {
        const spec = REQUESTS[key];
        const problems: string[] = [];
        const states: readonly WorkState[] = entry.over === "site" ? ["public"] : WORK_STATES;
        const cells = states.flatMap((state) => VIEWERS.map((viewer) => ({ state, viewer })));
        const run = async ({ state, viewer }: { state: WorkState; viewer: ViewerKind }) => {
          const expected = entry.over === "site" ? entry.rule(viewer) : entry.rule(viewer, state);
          // A request that would change an account for good gets a fixture of its own.
          const own = spec.ownWorld && expected === "ok" && entry.over === "site";
          const cell = { world: own ? await buildWorld() : world, viewer, state, k: ++serial };
          return runCell(key, entry, cell, expected);
        };
        // Pages change nothing, so a GET route's cells are asked all at once; forms one by one.
        let results: string[][] = [];
        if (key.startsWith("GET ")) results = await Promise.all(cells.map(run));
        else for (const c of cells) results.push(await run(c));
        cells.forEach(({ state, viewer }, i) => {
          const wrong = results[i]!;
          counts.cells++;
          if (wrong.length) counts.failing++;
          const where = entry.over === "site" ? viewer : `${viewer}/${state}`;
          for (const cause of wrong) {
            problems.push(`${where}: ${cause}`);
            const group = `${key}: ${cause.replace(/ \(back to .*\)$/, "")}`;
            failures.set(group, [...(failures.get(group) ?? []), where]);
          }
        });
        counts.routes++;
        if (entry.over === "works") counts.workRoutes++;
        else if (entry.over === "tags") counts.tagRoutes++;
        else counts.siteRoutes++;
        assert.deepEqual(problems, [], `${key}: cells that do not answer as the table says`);
      });
    }

    it("refuses every state-changing request without the visitor's CSRF token, and changes nothing", async () => {
      const problems: string[] = [];
      const stranger = archive.client();
      await stranger.get("/");
      for (const [key, entry] of Object.entries(AUTHORIZATION) as [RouteKey, Entry][]) {
        const method = key.slice(0, key.indexOf(" "));
        if (method === "GET") continue;
        const spec = REQUESTS[key];
        const states: readonly WorkState[] = entry.over === "site" ? ["public"] : WORK_STATES;
        for (const state of states) {
          // Asked by a viewer the route would let in, so that only the token is wanting.
          const viewer =
            VIEWERS.find((v) => {
              const outcome = entry.over === "site" ? entry.rule(v) : entry.rule(v, state);
              return outcome === "ok" || outcome === "badRequest";
            }) ?? "creator";
          const cell = { world, viewer, state, k: ++serial };
          const path = fillPath(key, cell, entry, spec);
          const client = world.clients[viewer];
          const form = spec.form?.(cell) ?? {};
          const before = await fingerprintNow();
          for (const [name, token] of [
            ["no token", null],
            ["an empty token", ""],
            ["another visitor's token", stranger.csrf],
          ] as const) {
            const page = await send(client, method, path, form, token);
            counts.csrf++;
            if (page.status !== 403) {
              problems.push(`${key} (${viewer}, ${state}), ${name}: ${describeAnswer(page)}`);
            }
          }
          if ((await fingerprintNow(true)) !== before) {
            problems.push(`${key} (${viewer}, ${state}): a refused request changed the archive`);
            if (entry.over === "works") await rebuildWork(world, state);
          }
        }
      }
      assert.deepEqual(problems, []);
    });

    it("covers every cell of the table", (t) => {
      const tableSize = Object.keys(AUTHORIZATION).length;
      t.diagnostic(
        `authorization matrix (${dialect}): ${counts.routes}/${tableSize} routes — ${counts.workRoutes} work and ${counts.tagRoutes} tag routes × ${VIEWERS.length} viewers × ${WORK_STATES.length} work states, ${counts.siteRoutes} site routes × ${VIEWERS.length} viewers — ${counts.cells} cells (${counts.failing} failing), ${counts.csrf} CSRF refusals`,
      );
      for (const [cause, cells] of failures) t.diagnostic(`failing: ${cause} [${cells.join(", ")}]`);
      assert.equal(counts.routes, tableSize);
      assert.equal(
        counts.cells,
        (counts.workRoutes + counts.tagRoutes) * VIEWERS.length * WORK_STATES.length +
          counts.siteRoutes * VIEWERS.length,
      );
    });
  });
}
