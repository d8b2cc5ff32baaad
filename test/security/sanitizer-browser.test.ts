import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { after, before, describe, it } from "node:test";
import type { Browser, Page } from "playwright-core";
import { escapeHtml, sanitizeCommentHtml, sanitizeWorkHtml } from "../../src/lib/sanitize";
import { launchChromium, noChromium } from "../helpers/chromium";
import { vectors } from "./vectors";

// The callbacks given to evaluate() run in the page. The project compiles without the DOM library,
// so here is the little of it they use.
interface PageElement {
  open?: boolean;
  getBoundingClientRect(): { left: number; top: number; width: number; height: number };
}
declare const document: {
  querySelectorAll(selector: string): ArrayLike<PageElement> & Iterable<PageElement>;
};
declare const window: {
  scrollX: number;
  scrollY: number;
  scrollTo(x: number, y: number): void;
  __hits: string[];
};

/**
 * Runs in the page before any vector: every way a payload reports itself (xss(), alert, confirm,
 * prompt, print) records into window.__hits instead of blocking.
 */
const RECORDER = `
window.__hits = [];
for (const name of ["xss", "alert", "confirm", "prompt", "print"]) {
  window[name] = function () {
    const where = window.event && window.event.target && window.event.target.closest
      ? " in " + (window.event.target.closest("section")?.dataset.vector ?? "?") : "";
    window.__hits.push(name + "(" + Array.from(arguments).join(",") + ")" + where);
  };
}`;

/** Every element animates and transitions on hover, so a surviving animation handler would fire. */
const PROBE_CSS = `
@keyframes probe { from { opacity: 0.9 } to { opacity: 1 } }
main * { animation: probe 30ms 1; transition: color 10ms; }
main *:hover, main *:focus { color: #c00; }
section { min-height: 4px; }`;

function page(sections: { name: string; html: string }[]): string {
  const body = sections
    .map((s) => `<section data-vector="${escapeHtml(s.name)}">${s.html}</section>`)
    .join("\n");
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>vectors</title>
<script>${RECORDER}</script><style>${PROBE_CSS}</style></head>
<body><main>${body}</main></body></html>`;
}

/** What a page did while every trigger was pulled. */
interface Outcome {
  hits: string[];
  dialogs: string[];
  errors: string[];
  navigations: string[];
  popups: number;
  frames: number;
  problems: string[];
  /** Elements that a comment must never hold: images and classes. */
  imagesAndClasses: number;
}

const DOM_AUDIT = `(() => {
  const tags = new Set(${JSON.stringify(
    "a abbr acronym address b big blockquote br caption center cite code col colgroup details figcaption figure dd del dfn div dl dt em h1 h2 h3 h4 h5 h6 hr i img ins kbd li ol p pre q rp rt ruby s samp small span strike strong sub summary sup table tbody td tfoot th thead tr tt u ul var".split(
      " ",
    ),
  )});
  const attrs = new Set(["align", "dir", "lang", "title", "class", "href", "rel", "src", "alt", "width", "height"]);
  const problems = [];
  for (const section of document.querySelectorAll("main > section")) {
    const where = section.dataset.vector;
    for (const el of section.querySelectorAll("*")) {
      const tag = el.localName;
      if (el.namespaceURI !== "http://www.w3.org/1999/xhtml") problems.push(where + ": namespace " + el.namespaceURI);
      if (!tags.has(tag)) problems.push(where + ": element " + tag);
      for (const a of el.attributes) if (!attrs.has(a.name)) problems.push(where + ": attribute " + a.name + " on " + tag);
      // ":" is a URL the browser could not parse: the link goes nowhere.
      if (tag === "a" && el.hasAttribute("href") && !["http:", "https:", "mailto:", ":"].includes(el.protocol)) {
        problems.push(where + ": link to " + el.protocol);
      }
      if (tag === "img" && !/^https?:$/.test(new URL(el.src).protocol)) problems.push(where + ": image from " + el.src);
      if (tag === "img" && new URL(el.src).origin === location.origin) problems.push(where + ": image from the archive");
    }
  }
  return problems;
})()`;

/** Loads the page, pulls every trigger a reader could pull without clicking, and reports. */
async function exercise(browser: Browser, url: string): Promise<Outcome> {
  const context = await browser.newContext({ viewport: { width: 1000, height: 800 } });
  const tab: Page = await context.newPage();
  const origin = new URL(url).origin;
  // Nothing leaves the test server: remote images fail at once (firing onerror, were it there).
  await tab.route("**/*", (route) =>
    route.request().url().startsWith(origin) ? route.continue() : route.abort(),
  );
  const outcome: Outcome = {
    hits: [],
    dialogs: [],
    errors: [],
    navigations: [],
    popups: 0,
    frames: 0,
    problems: [],
    imagesAndClasses: 0,
  };
  tab.on("dialog", (d) => {
    outcome.dialogs.push(`${d.type()}: ${d.message()}`);
    void d.dismiss();
  });
  tab.on("pageerror", (e) => outcome.errors.push(e.message));
  context.on("page", () => outcome.popups++);
  await tab.goto(url, { waitUntil: "load" });
  tab.on("framenavigated", (f) => {
    if (f === tab.mainFrame()) outcome.navigations.push(f.url());
  });
  tab.on("request", (r) => {
    if (r.isNavigationRequest()) outcome.navigations.push(r.url());
  });

  const problems: string[] = await tab.evaluate(DOM_AUDIT);
  // Open every <details> (ontoggle), then hover each element (mouseover, mouseenter, pointer…).
  await tab.evaluate(() => {
    for (const d of document.querySelectorAll("details")) d.open = true;
  });
  const points = await tab.evaluate(() =>
    [...document.querySelectorAll("main *")].flatMap((el) => {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0) return [];
      return [{ x: r.left + r.width / 2 + window.scrollX, y: r.top + r.height / 2 + window.scrollY }];
    }),
  );
  // Scroll a screen at a time and visit each element's centre in turn.
  let top = 0;
  let bottom = -1;
  for (const p of points.sort((a, b) => a.y - b.y)) {
    if (p.y > bottom) {
      top = await tab.evaluate((y) => {
        window.scrollTo(0, y);
        return window.scrollY;
      }, p.y - 50);
      bottom = top + 700; // the viewport is 800 high
    }
    await tab.mouse.move(p.x, p.y - top);
  }
  // Walk the focus through every focusable element (onfocus, onfocusin, onblur).
  const focusable = await tab.evaluate(
    () => document.querySelectorAll("a[href], summary, [tabindex]").length,
  );
  for (let i = 0; i < focusable + 2; i++) await tab.keyboard.press("Tab");
  await tab.mouse.wheel(0, 2000);
  await tab.evaluate(() => window.scrollTo(0, 0));
  // Let animations end and aborted images report.
  await tab.waitForTimeout(300);

  outcome.hits = await tab.evaluate(() => window.__hits);
  outcome.problems = problems;
  outcome.frames = tab.frames().length;
  outcome.imagesAndClasses = await tab.evaluate(
    () => document.querySelectorAll("main img, main [class]").length,
  );
  await context.close();
  return outcome;
}

/** Payloads that do run when not sanitized: proof that each trigger above really fires. */
const CANARIES = [
  { name: "load error", html: "<img src=missing.png onerror=\"xss('error')\">" },
  { name: "hover", html: "<p onmouseover=\"xss('hover')\">hover here</p>" },
  { name: "focus", html: '<a href="https://example.com/" onfocus="xss(\'focus\')">focus here</a>' },
  { name: "animation", html: "<b onanimationstart=\"xss('animation')\">animated</b>" },
  { name: "toggle", html: "<details ontoggle=\"xss('toggle')\"><summary>s</summary>x</details>" },
  { name: "script", html: "<script>alert('script')</script>" },
];

describe("sanitized vectors in a real browser", { skip: noChromium, timeout: 180_000 }, () => {
  let server: Server;
  let browser: Browser;
  let base: string;
  const pages = new Map<string, string>();

  before(async () => {
    pages.set("/work", page(vectors.map((v) => ({ name: v.name, html: sanitizeWorkHtml(v.html) }))));
    pages.set("/comment", page(vectors.map((v) => ({ name: v.name, html: sanitizeCommentHtml(v.html) }))));
    pages.set("/canaries", page(CANARIES));
    // The archive's own message beside a chapter that copies its markup, under the archive's style sheet.
    const css = readFileSync(new URL("../../public/quire.css", import.meta.url), "utf8");
    const imitation = sanitizeWorkHtml(
      '<p class="flash" role="status">Your session ended: sign in again</p>',
    );
    pages.set(
      "/styled",
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>styled</title><style>${css}</style></head>
<body><main><p class="flash" id="archive">Saved.</p><div class="userstuff chapter-text" id="chapter">${imitation}</div></main></body></html>`,
    );
    server = createServer((req, res) => {
      const html = pages.get(req.url ?? "");
      res.writeHead(html === undefined ? 404 : 200, { "content-type": "text/html; charset=utf-8" });
      res.end(html ?? "not found");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });

  after(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it("the harness notices payloads that run", async () => {
    const outcome = await exercise(browser, `${base}/canaries`);
    assert.deepEqual([...new Set(outcome.hits)].sort(), [
      "alert(script)",
      "xss(animation) in animation",
      "xss(error) in load error",
      "xss(focus) in focus",
      "xss(hover) in hover",
      "xss(toggle) in toggle",
    ]);
    assert.ok(
      outcome.problems.some((p) => p.includes("attribute onmouseover")),
      "the DOM audit sees handlers",
    );
  });

  it("shows a chapter's class=\"flash\" without the archive's message style", async () => {
    const tab = await browser.newPage();
    await tab.goto(`${base}/styled`, { waitUntil: "load" });
    const styles = await tab.evaluate(`(() => {
      const look = (el) => { const s = getComputedStyle(el); return [s.borderLeftStyle, s.backgroundColor, s.color].join(" "); };
      return [look(document.querySelector("#archive")), look(document.querySelector("#chapter p"))];
    })()`);
    await tab.close();
    const [archive, chapter] = styles as [string, string];
    assert.match(archive, /^solid /, "the archive's own message is styled");
    assert.notEqual(chapter, archive);
    assert.match(chapter, /^none /);
  });

  for (const context of ["work", "comment"]) {
    it(`runs nothing from ${vectors.length} vectors sanitized as ${context} HTML`, async () => {
      const outcome = await exercise(browser, `${base}/${context}`);
      assert.deepEqual(outcome.hits, [], "a payload ran");
      assert.deepEqual(outcome.dialogs, [], "a dialog opened");
      assert.deepEqual(outcome.errors, [], "a script ran and failed");
      assert.deepEqual(outcome.navigations, [], "the page navigated");
      assert.equal(outcome.popups, 0, "a window opened");
      assert.equal(outcome.frames, 1, "a frame was created");
      assert.deepEqual(outcome.problems, [], "the browser built markup outside the allow-list");
      if (context === "comment")
        assert.equal(outcome.imagesAndClasses, 0, "a comment kept an image or a class");
    });
  }
});
