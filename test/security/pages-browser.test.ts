// Every XSS vector through every field a reader or writer controls, each resulting page opened in
// Chromium. Works, chapters and pseuds are written through the archive's own form routes, so the
// sanitizer and the escaping on write are the ones readers get; refused input is sent through the
// same forms and the page that answers (echoing what was typed) is opened too.
//
// The pages are opened with the Content-Security-Policy bypassed: the policy would block an inline
// payload anyway and so hide a hole in the escaping. The policy itself is checked on every page's
// headers. A page fails on any payload call (xss, __xss, alert, confirm, prompt, print), a dialog,
// a navigation or a window it did not ask for, or markup no view writes: a script that is not the
// archive's, an on* attribute, a style attribute or element, a frame or object, a link or form to
// a scheme other than http(s) or mailto.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { BrowserContext, Page, Response } from "playwright-core";
import { tagNameProblem } from "../../src/features/tags/tags";
import { tagPath, tagWorksPath } from "../../src/lib/tagurl";
import { normalizeName } from "../../src/lib/text";
import { type Journey, startJourney } from "../e2e/harness";
import { noChromium } from "../helpers/chromium";
import { formBytes, vectors } from "./vectors";

// The callbacks given to evaluate() run in the page; the project compiles without the DOM library.
declare const document: {
  querySelectorAll(
    selector: string,
  ): ArrayLike<{ textContent: string | null }> & Iterable<{ textContent: string | null }>;
};
declare const window: { __xssLog(): string[] };

const V = vectors.map((v) => v.html);

/** Records every way a payload announces itself, in every frame, before any of the page's own code. */
const RECORDER = `(() => {
  const log = [];
  const record = (name) => function () { log.push(name + "(" + Array.from(arguments).join(",") + ")"); };
  for (const name of ["xss", "__xss", "alert", "confirm", "prompt", "print"]) {
    Object.defineProperty(window, name, { value: record(name), writable: false, configurable: false });
  }
  Object.defineProperty(window, "__xssLog", { value: () => log.slice(), writable: false, configurable: false });
})();`;

/** Markup the archive's views never write; any of it on a page came from input. */
const DOM_AUDIT = `(() => {
  const problems = [];
  const html = "http://www.w3.org/1999/xhtml";
  const safe = (url) => {
    try { return ["http:", "https:", "mailto:"].includes(new URL(url, location.href).protocol); }
    catch { return true; } // a URL the browser cannot parse goes nowhere
  };
  const where = (el) => {
    const owner = el.closest("[id], [class]");
    return "<" + el.localName + ">" + (owner ? " in " + (owner.id ? "#" + owner.id : "." + owner.className) : "");
  };
  for (const el of document.querySelectorAll("*")) {
    const tag = el.localName;
    if (el.namespaceURI !== html) problems.push("element in " + el.namespaceURI + ": " + where(el));
    for (const a of el.attributes) {
      if (/^on/i.test(a.name)) problems.push("handler " + a.name + " on " + where(el));
      if (["style", "srcdoc", "formaction", "background", "dynsrc", "lowsrc", "ping"].includes(a.name))
        problems.push("attribute " + a.name + " on " + where(el));
    }
    if (tag === "script") {
      const src = el.getAttribute("src");
      const own = src && new URL(src, location.href).origin === location.origin && new URL(src, location.href).pathname.startsWith("/assets/");
      if (!own) problems.push("script " + (src ?? el.textContent.slice(0, 60)));
    }
    if (["iframe", "frame", "frameset", "object", "embed", "applet", "base", "style", "portal", "isindex", "bgsound"].includes(tag))
      problems.push("element " + where(el));
    if (tag === "meta" && el.hasAttribute("http-equiv")) problems.push("meta http-equiv " + el.getAttribute("http-equiv"));
    if (tag === "link" && !(el.rel === "stylesheet" && new URL(el.href).origin === location.origin))
      problems.push("link " + el.rel + " " + el.getAttribute("href"));
    for (const attr of ["href", "src", "action", "xlink:href", "data", "poster", "srcset"]) {
      const value = el.getAttribute(attr);
      if (value !== null && !safe(value) && value !== "") problems.push(attr + "=" + value.slice(0, 60) + " on " + where(el));
    }
    if (tag === "form" && new URL(el.getAttribute("action") ?? "", location.href).origin !== location.origin) problems.push("form to " + el.action);
  }
  return problems;
})()`;

/** The headers every page must carry. */
function headerProblems(response: Response): string[] {
  const h = response.headers();
  const problems: string[] = [];
  const csp = h["content-security-policy"] ?? "";
  const directives = new Map(
    csp
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...values]) => [name!.toLowerCase(), values] as const),
  );
  const scripts = directives.get("script-src") ?? directives.get("default-src");
  if (!scripts) problems.push("no script-src or default-src in the CSP");
  else if (scripts.some((s) => /^'unsafe-(inline|eval)'$|^\*$|^data:$|^https?:$/i.test(s)))
    problems.push(`script-src allows ${scripts.join(" ")}`);
  if (!directives.has("object-src") && !directives.has("default-src")) problems.push("no object-src");
  const frames = directives.get("frame-ancestors");
  const xfo = (h["x-frame-options"] ?? "").toUpperCase();
  if (!(frames?.join(" ") === "'none'" || xfo === "DENY" || xfo === "SAMEORIGIN"))
    problems.push("the page may be framed");
  if ((h["x-content-type-options"] ?? "").toLowerCase() !== "nosniff") problems.push("no nosniff");
  const referrer = (h["referrer-policy"] ?? "").toLowerCase();
  if (referrer === "" || referrer.includes("unsafe-url")) problems.push(`referrer policy "${referrer}"`);
  return problems;
}

/** Splits the vectors' indexes into runs whose texts, joined, stay under `max` characters. */
function runs(max: number): number[][] {
  const out: number[][] = [[]];
  let size = 0;
  for (const [i, v] of V.entries()) {
    if (size + v.length > max && out.at(-1)!.length > 0) {
      out.push([]);
      size = 0;
    }
    out.at(-1)!.push(i);
    size += v.length + 2;
  }
  return out;
}
const texts = (ids: number[]) => ids.map((i) => V[i]!);

/** The list rotated by `n`, so a different item leads it. */
const rotate = <T>(list: T[], n: number) => [
  ...list.slice(n % list.length),
  ...list.slice(0, n % list.length),
];

type Pairs = [string, string][];

describe("XSS vectors through the archive's pages", { skip: noChromium, timeout: 600_000 }, () => {
  let journey: Journey;
  let context: BrowserContext;
  let tab: Page;
  let login: string;
  let pages = 0;
  const findings: string[] = [];
  /** Field name -> the vectors sent through it. */
  const tried = new Map<string, Set<number>>();
  let armed = false;
  const timing = { posting: 0 };
  const started = performance.now();
  let unexpected: string[] = [];

  const note = (field: string, ids: Iterable<number>) => {
    const set = tried.get(field) ?? new Set<number>();
    for (const i of ids) set.add(i);
    tried.set(field, set);
  };

  async function cookieHeader(): Promise<string> {
    return (await context.cookies(journey.baseURL)).map((c) => `${c.name}=${c.value}`).join("; ");
  }
  async function csrf(): Promise<string> {
    return (await context.cookies(journey.baseURL)).find((c) => c.name === "quire_csrf")?.value ?? "";
  }
  const encode = (pairs: Pairs) =>
    pairs.map(([k, v]) => `${encodeURIComponent(k)}=${formBytes(v)}`).join("&");

  /** Posts a form with the browser's cookies, outside the browser (for writing what pages show). */
  async function post(path: string, pairs: Pairs): Promise<{ status: number; location: string | null }> {
    const res = await fetch(journey.baseURL + path, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: await cookieHeader() },
      body: encode([["_csrf", await csrf()], ...pairs]),
    });
    await res.arrayBuffer();
    return { status: res.status, location: res.headers.get("location") };
  }

  /** Opens a page in Chromium and checks it; `form` turns the request into that form's POST. */
  async function open(path: string, label: string, form?: Pairs): Promise<Response> {
    const url = journey.baseURL + path;
    if (form) {
      const body = encode([["_csrf", await csrf()], ...form]);
      await tab.route(
        (u) => u.href === new URL(url).href,
        (route) =>
          route.continue({
            method: "POST",
            postData: body,
            headers: { ...route.request().headers(), "content-type": "application/x-www-form-urlencoded" },
          }),
        { times: 1 },
      );
    }
    armed = false;
    const response = await tab.goto(url, { waitUntil: "load" });
    armed = true;
    pages++;
    assert.ok(response, `no response for ${label}`);
    await inspect(label, path, headerProblems(response));
    if (tab.url() !== response.url())
      findings.push(`${label} (${path.slice(0, 120)}): navigated to ${tab.url()}`);
    return response;
  }

  /** Checks the page as it stands now: payload calls, markup, dialogs, windows, frames. */
  async function inspect(label: string, path: string, problems: string[] = []): Promise<void> {
    problems.push(
      ...((await tab.evaluate(`[...${DOM_AUDIT}, ...window.__xssLog().map((h) => "ran " + h)]`)) as string[]),
    );
    problems.push(...unexpected);
    unexpected = [];
    if (context.pages().length !== 1) problems.push("a window opened");
    if (tab.frames().length !== 1) problems.push("a frame was created");
    for (const p of problems) findings.push(`${label} (${path.slice(0, 120)}): ${p}`);
  }

  before(async () => {
    journey = await startJourney();
    context = await journey.browser.newContext({ baseURL: journey.baseURL, bypassCSP: true });
    context.setDefaultTimeout(20_000);
    await context.addInitScript({ content: RECORDER });
    // Nothing leaves the test server: remote images fail at once (firing onerror, were it there).
    const origin = new URL(journey.baseURL).origin;
    await context.route(
      (u) => u.origin !== origin,
      (route) => route.abort(),
    );
    tab = await context.newPage();
    tab.on("dialog", (d) => {
      unexpected.push(`dialog ${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    tab.on("request", (r) => {
      if (armed && r.isNavigationRequest()) unexpected.push(`navigation to ${r.url()}`);
    });
    context.on("page", (p) => {
      if (p !== tab) unexpected.push(`window ${p.url()}`);
    });

    // The writer signs up through the form, in the browser.
    login = `xsswriter${process.pid}`;
    await tab.goto("/signup");
    const signedUp = await open("/signup", "sign-up", [
      ["login", login],
      ["email", `${login}@example.org`],
      ["password", "a long enough password"],
      ["password_confirmation", "a long enough password"],
    ]);
    assert.equal(new URL(signedUp.url()).pathname, `/users/${login}`, "the writer is signed in");
  });

  after(async () => {
    await context?.close();
    await journey?.close();
  });

  it("notices a payload that gets into a page, despite the page's Content-Security-Policy", async () => {
    // The listing as the archive serves it (headers and all), with payloads spliced into its markup.
    const real = await fetch(`${journey.baseURL}/works`);
    const html = (await real.text()).replace(
      "</main>",
      `<img src="/missing.png" onerror="xss('canary')"><a href="javascript:xss('link')">x</a>` +
        `<p onmouseover="xss('hover')">x</p><script>alert('script')</script></main>`,
    );
    await tab.route(
      (u) => u.pathname === "/canary",
      (route) =>
        route.fulfill({
          status: 200,
          headers: Object.fromEntries([...real.headers].filter(([k]) => k !== "content-length")),
          body: html,
        }),
      { times: 1 },
    );
    const before = findings.length;
    await open("/canary", "canary page");
    const caught = findings.splice(before).map((f) => f.replace(/^.*?: /, ""));
    for (const expected of ["ran xss(canary)", "ran alert(script)", "handler onerror", "handler onmouseover"])
      assert.ok(
        caught.some((f) => f.startsWith(expected)),
        `the checks miss "${expected}": ${caught.join("; ")}`,
      );
    assert.ok(
      caught.some((f) => f.startsWith("href=javascript:")),
      "the checks miss a javascript: link",
    );
    assert.ok(
      caught.some((f) => f.startsWith("script ")),
      "the checks miss an inline script",
    );
  });

  it("posts every vector as works and chapters through the posting forms", async () => {
    const defaultPseud = await journey.db
      .selectFrom("pseuds")
      .innerJoin("users", "users.id", "pseuds.user_id")
      .select("pseuds.id")
      .where("users.login", "=", login)
      .executeTakeFirstOrThrow();
    // Titles are escaped text: a few vectors share one. Each vector also gets a chapter of its own,
    // where it is the whole of the chapter's title, summary, notes, end notes and HTML text, so no
    // other vector's markup can change how the sanitizer reads it.
    const works: { id: number; ids: number[] }[] = [];
    for (const ids of runs(240)) {
      const all = texts(ids);
      const tags = all.filter((v) => tagNameProblem(v) === null).join(", ");
      const res = await post("/works", [
        ["title", all.join(" ")],
        ["pseud_ids", String(defaultPseud.id)],
        ["summary", all.join("\n\n")],
        ["notes", all.join("\n\n")],
        ["end_notes", all.join("\n\n")],
        ["rating", "General Audiences"],
        ["warnings", "No Archive Warnings Apply"],
        ["fandoms", tags || "Vector Fandom"],
        ["relationships", tags],
        ["characters", tags],
        ["freeforms", tags],
        ["language", "en"],
        // The first chapter is plain text: escaped, so the vectors can share it.
        ["chapter_title", all.join(" ")],
        ["body", all.join("\n\n")],
        ["format", "plain"],
        ["action", "post"],
      ]);
      assert.equal(res.status, 303, `vectors ${ids.join(", ")} could not be posted`);
      const id = Number(/\/works\/(\d+)/.exec(res.location ?? "")?.[1]);
      works.push({ id, ids });
      for (const i of ids) {
        const v = V[i]!;
        let chapter = { status: 0, location: null as string | null };
        // A vector that sanitizes to nothing leaves no chapter text: a line of text goes with it.
        for (const body of [v, `${v}\n\nVector ${i}.`, `Vector ${i}.\n\n${v}`]) {
          chapter = await post(`/works/${id}/chapters`, [
            ["title", v],
            ["summary", v],
            ["notes", v],
            ["end_notes", v],
            ["body", body],
            ["format", "html"],
            ["position", ""],
            ["action", "post"],
          ]);
          if (chapter.status === 303) break;
        }
        assert.equal(
          chapter.status,
          303,
          `vector ${i} (${vectors[i]!.name}): its chapter could not be posted`,
        );
      }
    }
    timing.posting = performance.now() - started;

    // Each work in full: every field of the work and of all its chapters on one page.
    for (const { id, ids } of works) {
      await open(`/works/${id}?view_full_work=true`, `work with vectors ${ids[0]}-${ids.at(-1)}`);
      const title = await journey.db
        .selectFrom("works")
        .select("title")
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      const shown = await tab.evaluate(() =>
        [...document.querySelectorAll("h2.title")].map((h) => h.textContent),
      );
      assert.equal(normalizeName(shown[0] ?? ""), title.title, "the title shows as the text that was typed");
      const chapters = await tab.evaluate(() => document.querySelectorAll(".chapter-text").length);
      assert.equal(chapters, ids.length + 1, "every chapter is on the page");
    }
    for (const f of ["work title", "work summary", "work notes", "work end notes", "chapter title"])
      note(f, V.keys());
    for (const f of ["chapter summary", "chapter notes", "chapter end notes"]) note(f, V.keys());
    note("chapter text (HTML)", V.keys());
    note("chapter text (plain text)", V.keys());

    // The listings show titles, summaries, tags and bylines, twenty works a page.
    let blurbs = 0;
    for (let page = 1; blurbs < works.length; page++) {
      await open(page === 1 ? "/works" : `/works?page=${page}`, `listing page ${page}`);
      const n = await tab.evaluate(() => document.querySelectorAll("li.work.blurb").length);
      assert.ok(n > 0, `listing page ${page} is empty`);
      blurbs += n;
    }
    assert.equal(blurbs, works.length, "every work is listed");

    // The chapter form with a title too long comes back with every field refilled.
    for (const ids of runs(4000)) {
      const all = texts(ids).join("\n");
      await open(`/works/${works[0]!.id}/chapters`, `chapter form with vectors ${ids[0]}-${ids.at(-1)}`, [
        ["title", `${all} ${"x".repeat(256)}`],
        ["summary", all],
        ["notes", all],
        ["end_notes", all],
        ["body", all],
        ["format", "html"],
        ["position", ""],
        ["action", "post"],
      ]);
      assert.ok(
        await tab.evaluate(() => document.querySelectorAll("[aria-invalid=true], .field-error").length > 0),
        "the title is refused",
      );
    }
    note("chapter form echoed with errors", V.keys());

    // A preview shows the sanitized text above the form, which holds what was typed.
    for (const ids of runs(1200)) {
      const all = texts(ids).join("\n\n");
      const preview = await open("/works", `preview of vectors ${ids[0]}-${ids.at(-1)}`, [
        ["title", "A preview"],
        ["pseud_ids", String(defaultPseud.id)],
        ["summary", all],
        ["notes", all],
        ["end_notes", all],
        ["rating", "General Audiences"],
        ["warnings", "No Archive Warnings Apply"],
        ["fandoms", "Vector Fandom"],
        ["language", "en"],
        ["body", `Preview.\n\n${all}`],
        ["format", "html"],
        ["action", "preview"],
      ]);
      assert.equal(preview.status(), 200, "the preview is shown");
    }
    note("work preview", V.keys());
  });

  it("shows the vectors that are valid tag names on tag pages, and refuses the others beside the field", async () => {
    const tagged = V.filter((v) => tagNameProblem(v) === null);
    assert.ok(tagged.length >= 10, `only ${tagged.length} vectors are valid tag names`);
    const tags = await journey.db
      .selectFrom("tags")
      .select(["name", "type"])
      .where("type", "=", "freeform")
      .execute();
    assert.ok(tags.length >= 10, "the valid vectors became tags");
    for (const tag of tags) {
      const page = await open(tagPath(tag.name), `tag page of ${JSON.stringify(tag.name)}`);
      assert.equal(page.status(), 200);
      const listing = await open(tagWorksPath(tag.name), `tag listing of ${JSON.stringify(tag.name)}`);
      assert.equal(listing.status(), 200);
    }
    // Suggestions list them as a writer types (built by the page's script, not the server).
    await open("/works/new", "posting form");
    const field = tab.getByLabel("Additional tags", { exact: true });
    await field.click();
    await field.pressSequentially("xss");
    const suggestions = tab.getByRole("listbox").getByRole("option");
    await suggestions.first().waitFor();
    const offered = await suggestions.count();
    assert.ok(offered >= 5, `only ${offered} suggestions`);
    await inspect("suggestions", "/works/new");
    await open("/autocomplete/freeform?term=xss", "suggestions as JSON");
    assert.match(await tab.evaluate(() => document.querySelectorAll("body")[0]!.textContent ?? ""), /xss/);

    // The rest are refused, each named in its field's message; every field echoes what was typed.
    for (const ids of runs(900)) {
      const chunk = texts(ids);
      const list = (n: number) => rotate(chunk, n).join(", ");
      await open("/works", `posting form with vectors ${ids[0]}-${ids.at(-1)}`, [
        // Longer than a title may be: the form comes back with a message and every field refilled.
        ["title", `${chunk.join(" ")} ${"x".repeat(256)}`],
        ["co_creators", list(4)],
        ["summary", chunk.join("\n")],
        ["notes", chunk.join("\n")],
        ["end_notes", chunk.join("\n")],
        ["rating", "General Audiences"],
        ["warnings", "No Archive Warnings Apply"],
        ["fandoms", list(0)],
        ["relationships", list(1)],
        ["characters", list(2)],
        ["freeforms", list(3)],
        ["language", "en"],
        ["chapter_title", chunk.join(" ")],
        ["body", chunk.join("\n\n")],
        ["format", "html"],
        ["action", "post"],
      ]);
      assert.equal(
        await tab.evaluate(() => document.querySelectorAll("[aria-invalid=true], .field-error").length > 0),
        true,
        "the form shows its errors",
      );
    }
    const ids = V.map((_, i) => i);
    for (const f of ["fandom tags", "relationship tags", "character tags", "additional tags"]) note(f, ids);
    note("co-creator names", ids);
    note("too-long title echoed with errors", ids);
  });

  it("keeps pseud names and descriptions inert", async () => {
    // Descriptions are plain text, at most 500 characters: a few vectors each.
    for (const ids of runs(480)) {
      const res = await post(`/users/${login}/pseuds/new`, [
        ["name", `Vectors ${ids[0]} to ${ids.at(-1)}`],
        ["description", texts(ids).join("\n")],
      ]);
      assert.equal(res.status, 303, `pseud for vectors ${ids.join(", ")}`);
    }
    await open(`/users/${login}/pseuds`, "pseuds page");
    await open(`/users/${login}/pseuds/Vectors%200%20to%20${runs(480)[0]!.at(-1)}`, "a pseud's page");
    // No vector is a pseud name: the form comes back with the name refused and refilled.
    for (const ids of runs(4000)) {
      await open(`/users/${login}/pseuds/new`, `pseud form with vectors ${ids[0]}-${ids.at(-1)}`, [
        ["name", texts(ids).join(" ")],
        ["description", ""],
      ]);
      assert.ok(
        await tab.evaluate(() => document.querySelectorAll("[aria-invalid=true], .field-error").length > 0),
        "the name is refused",
      );
    }
    note("pseud names", V.keys());
    note("pseud descriptions", V.keys());
  });

  it("refuses the vectors as login names, and the sign-up page that says so is inert", async () => {
    // Signed out, as someone signing up would be.
    await post("/logout", []);
    for (const ids of runs(4000)) {
      const chunk = texts(ids);
      await open("/signup", `sign-up form with vectors ${ids[0]}-${ids.at(-1)}`, [
        ["login", chunk.join(" ")],
        ["email", `${chunk[0]}@example.org`],
        ["password", "a long enough password"],
        ["password_confirmation", "a long enough password"],
      ]);
      const errors = await tab.evaluate(() =>
        [...document.querySelectorAll("main")].map((m) => m.textContent),
      );
      assert.match(errors[0] ?? "", /login name/i, "the refusal names the login field");
    }
    for (const [i, v] of V.entries()) {
      const refused = await journey.db
        .selectFrom("users")
        .select("id")
        .where("login", "=", v)
        .executeTakeFirst();
      assert.equal(refused, undefined, `vector ${i} became a login`);
    }
    note("login names", V.keys());
  });

  it("reflects search text and every filter parameter without running anything", async () => {
    const q = (params: Pairs) => `/works?${encode(params)}`;
    const reflected = [
      ["work_search[query]", 990],
      ["work_search[other_tag_names]", 4000],
      ["work_search[excluded_tag_names]", 4000],
      // Kept in the listing's page links (the listing spans several pages).
      ["v", 4000],
    ] as const;
    for (const [name, size] of reflected) {
      for (const ids of runs(size)) {
        const text = texts(ids).join(" ");
        await open(q([[name, text]]), `${name} with vectors ${ids[0]}-${ids.at(-1)}`);
        // An address holding a NUL is refused whole (the 400 page, which has no page links).
        if (name === "v" && !text.includes("\u0000")) {
          const links = await tab.evaluate(
            () => document.querySelectorAll('.pagination a[href*="v="]').length,
          );
          assert.ok(links > 0, "the page links carry the parameter");
        }
      }
      note(name === "v" ? "unknown parameter (page links)" : name, V.keys());
    }
    // Parameters with a fixed form answer 400 and name the parameter, never the value: each answer
    // is the same page as for a harmless bad value (checked for every vector), opened once.
    const fixed = [
      "work_search[sort_column]",
      "work_search[sort_direction]",
      "work_search[crossover]",
      "work_search[complete]",
      "work_search[words_from]",
      "work_search[words_to]",
      "work_search[date_from]",
      "work_search[date_to]",
      "work_search[language_id]",
      "work_search[query_scope]",
      "page",
      "include_work_search[freeform_ids][]",
      "exclude_work_search[fandom_ids][]",
    ];
    const fetchText = async (path: string) => {
      const res = await fetch(journey.baseURL + path, { headers: { cookie: await cookieHeader() } });
      return { status: res.status, text: await res.text() };
    };
    const nulPage = await fetchText(q([["v", "\u0000"]]));
    for (const name of fixed) {
      const harmless = await fetchText(q([[name, "bad"]]));
      assert.equal(harmless.status, 400, `${name}=bad is a bad request`);
      const [first, ...rest] = runs(4000);
      const response = await open(q([[name, texts(first!).join(" ")]]), `${name} with vectors`);
      assert.equal(response.status(), 400, `${name} with vectors is a bad request`);
      for (const ids of [first!, ...rest]) {
        const value = texts(ids).join(" ");
        const answer = await fetchText(q([[name, value]]));
        assert.equal(answer.status, 400);
        // A NUL anywhere in the address is refused before any parameter is read.
        const expected = value.includes("\u0000") ? nulPage.text : harmless.text;
        assert.equal(answer.text, expected, `${name}: the 400 page is the same whatever the value`);
      }
      note(name, V.keys());
    }
  });

  it(`runs none of ${vectors.length} vectors on any page`, (t) => {
    const fields = [...tried.entries()];
    for (const [field, set] of fields)
      assert.equal(set.size, V.length, `${field}: not every vector was tried`);
    const renders = fields.reduce((n, [, set]) => n + set.size, 0);
    const seconds = ((performance.now() - started) / 1000).toFixed(0);
    const posting = (timing.posting / 1000).toFixed(0);
    const line = `xss: ${V.length} vectors x ${fields.length} fields = ${renders} renders on ${pages} pages, ${findings.length} executed or injected (${seconds} s, ${posting} s of it posting)`;
    t.diagnostic(line);
    assert.deepEqual(findings, []);
  });
});
