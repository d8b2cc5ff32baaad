// Journey: a reader who uses the keyboard. The skip link comes first and works, focus is always
// visible, a form error sits beside its field, and the layout holds on a narrow phone.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { toSafeHtml } from "../../src/lib/text";
import { makeUser, makeWork } from "../factories";
import { type Journey, startJourney } from "./harness";
import { expectStatus, newAccount, signIn } from "./steps";

// The functions given to page.evaluate run in the browser. The project compiles without the DOM
// library, so this file declares the little of it that those functions use.
interface BrowserElement {
  tagName: string;
  id: string;
  className: string;
  textContent: string | null;
  classList: { contains(name: string): boolean };
  getBoundingClientRect(): { top: number; left: number; width: number; height: number };
  closest(selector: string): BrowserElement | null;
  querySelector(selector: string): BrowserElement | null;
  compareDocumentPosition(other: BrowserElement): number;
}
declare const document: {
  activeElement: BrowserElement | null;
  body: BrowserElement;
  documentElement: { scrollWidth: number };
  querySelector(selector: string): BrowserElement | null;
  querySelectorAll(selector: string): { length: number };
};
declare function getComputedStyle(el: BrowserElement): {
  outlineStyle: string;
  outlineWidth: string;
  fontFamily: string;
  fontSize: string;
  lineHeight: string;
  borderLeftStyle: string;
};
/** Node.DOCUMENT_POSITION_FOLLOWING */
const FOLLOWING = 4;

/** What the focused element is, and how its focus is drawn. */
function focused(page: Page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      className: el.className,
      text: (el.textContent ?? "").trim(),
      outlineStyle: style.outlineStyle,
      outlineWidth: Number.parseFloat(style.outlineWidth),
      top: box.top,
      left: box.left,
      width: box.width,
      height: box.height,
    };
  });
}

describe("using the archive with the keyboard", () => {
  let journey: Journey;
  before(async () => {
    journey = await startJourney();
  });
  after(() => journey?.close());

  it("makes the skip link the first Tab stop, shows it, and moves focus to the main content", async () => {
    await journey.guard("skip link", async () => {
      const page = await journey.newPage();
      await expectStatus(await page.goto("/signup"), 200, page);

      const hidden = await page.locator("a.skip").boundingBox();
      assert.ok(hidden && hidden.y + hidden.height <= 0, "the skip link is off screen until focused");

      await page.keyboard.press("Tab");
      const skip = await focused(page);
      assert.ok(skip, "Tab focuses something");
      assert.equal(skip.tag, "a");
      assert.match(skip.className, /\bskip\b/);
      assert.equal(skip.text, "Skip to content");
      assert.ok(skip.top >= 0 && skip.height > 0, "the focused skip link is on screen");
      assert.notEqual(skip.outlineStyle, "none");
      assert.ok(skip.outlineWidth >= 2, "its focus outline is visible");

      await page.keyboard.press("Enter");
      const main = await focused(page);
      assert.ok(main, "focus moved");
      assert.equal(main.tag, "main");
      assert.equal(main.id, "main");

      // The next Tab goes on from the main content, not back to the header.
      await page.keyboard.press("Tab");
      const next = await page.evaluate(() => {
        const el = document.activeElement;
        return !!el && !!el.closest("main");
      });
      assert.ok(next, "Tab after the skip link lands inside main");
    });
  });

  it("draws a visible outline on every Tab stop: forms, menus, work pages", async () => {
    await journey.guard("focus outlines", async () => {
      const writer = await makeUser(journey.db, { login: "tabwriter" });
      const work = await makeWork(journey.db, {
        user: writer,
        title: "Tab Stops",
        chapters: 2,
        tags: { relationship: ["Anne Elliot/Frederick Wentworth"], freeform: ["Letters"] },
      });
      await journey.refreshIndex();
      const page = await journey.newPage();

      /** Tabs from the top of the page until focus wraps; every stop must show an outline. */
      async function tabThrough(path: string): Promise<string[]> {
        await expectStatus(await page.goto(path), 200, page);
        const seen: string[] = [];
        for (let i = 0; i < 400; i++) {
          await page.keyboard.press("Tab");
          const f = await focused(page);
          if (!f || (i > 0 && /\bskip\b/.test(f.className))) break;
          const label = `${path}: ${f.tag}${f.id ? `#${f.id}` : ""} "${f.text.slice(0, 30)}"`;
          assert.notEqual(f.outlineStyle, "none", `${label} shows no focus outline`);
          assert.ok(f.outlineWidth >= 2, `${label} has a thin focus outline (${f.outlineWidth}px)`);
          seen.push(f.tag);
        }
        return seen;
      }

      const signup = await tabThrough("/signup");
      assert.ok(signup.includes("input") && signup.includes("button"), `sign-up stops: ${signup}`);

      await signIn(page, { login: writer.login, password: writer.password });
      const workPage = await tabThrough(`/works/${work.id}`);
      assert.ok(workPage.filter((t) => t === "a").length >= 10, `work page stops: ${workPage}`);
      assert.ok(workPage.includes("button"), "the Sign out button is reached");
      const form = await tabThrough("/works/new");
      for (const tag of ["input", "select", "textarea", "button"]) {
        assert.ok(form.includes(tag), `the work form reaches a ${tag}: ${form}`);
      }
    });
  });

  it("shows a sign-up error beside the field, with aria-invalid and aria-describedby", async () => {
    await journey.guard("form error", async () => {
      const page = await journey.newPage();
      const account = newAccount("keys");
      await expectStatus(await page.goto("/signup"), 200, page);

      await page.getByLabel("Login name", { exact: true }).focus();
      await page.keyboard.type(account.login);
      await page.keyboard.press("Tab");
      await page.keyboard.type(account.email);
      const password = page.getByLabel("Password", { exact: true });
      await password.focus();
      await page.keyboard.type("short");
      await page.getByLabel("Confirm password").focus();
      await page.keyboard.type("short");
      const [response] = await Promise.all([page.waitForNavigation(), page.keyboard.press("Enter")]);
      await expectStatus(response, 422, page);

      const input = page.getByLabel("Password", { exact: true });
      assert.equal(await input.getAttribute("aria-invalid"), "true");
      const describedBy = (await input.getAttribute("aria-describedby")) ?? "";
      assert.ok(describedBy, "the field points at its message");
      const messages = await Promise.all(
        describedBy.split(/\s+/).map((id) => page.locator(`[id="${id}"]`).textContent()),
      );
      assert.ok(
        messages.some((m) => /at least 8 characters/.test(m ?? "")),
        `the message says what is wrong: ${messages}`,
      );
      // Beside the field: in the same field wrapper, right after the input.
      const beside = await input.evaluate((el, following) => {
        const wrapper = el.closest(".field");
        const error = wrapper?.querySelector(".field-error");
        if (!wrapper || !error) return { wrapped: false, after: false, marked: "" };
        return {
          wrapped: wrapper.classList.contains("has-error"),
          after: !!(el.compareDocumentPosition(error) & following),
          marked: getComputedStyle(wrapper).borderLeftStyle,
        };
      }, FOLLOWING);
      assert.deepEqual(beside, { wrapped: true, after: true, marked: "solid" });
      // The other fields keep no error and the login typed is kept.
      assert.equal(await page.getByLabel("Login name", { exact: true }).inputValue(), account.login);
      assert.equal(await page.getByLabel("Login name", { exact: true }).getAttribute("aria-invalid"), null);
      const accounts = await journey.db
        .selectFrom("users")
        .select("id")
        .where("login", "=", account.login)
        .execute();
      assert.equal(accounts.length, 0, "no account was made");
    });
  });

  it("fits a 320px-wide screen without sideways scrolling, in the archive's own fonts", async () => {
    await journey.guard("narrow screen", async () => {
      const page = await journey.newPage({ width: 320, height: 640 });
      const requested: string[] = [];
      page.on("request", (request) => requested.push(request.url()));
      for (const path of ["/", "/works", "/signup", "/login", "/no/such/page"]) {
        await page.goto(path);
        const layout = await page.evaluate(() => ({
          scrollWidth: document.documentElement.scrollWidth,
          bodyFont: getComputedStyle(document.body).fontFamily,
          h1Font: getComputedStyle(document.querySelector("h1") ?? document.body).fontFamily,
        }));
        assert.ok(layout.scrollWidth <= 320, `${path} is ${layout.scrollWidth}px wide`);
        assert.match(layout.bodyFont, /^system-ui/, "the stylesheet is loaded: chrome in the system sans");
        assert.match(layout.h1Font, /Georgia/, "headings in the serif");
      }
      const stylesheet = requested.filter((url) => url.endsWith("/assets/quire.css"));
      assert.ok(stylesheet.length > 0, "the stylesheet is requested");
      const elsewhere = requested.filter((url) => !url.startsWith(`${journey.baseURL}/`));
      assert.deepEqual(elsewhere, [], "no font, image or script comes from another site");
    });
  });

  it("sets chapter text as a serif column of about 40em that still fits a 320px screen", async () => {
    await journey.guard("reading column", async () => {
      const work = await makeWork(journey.db, {
        title: "Wide Tables",
        chapters: 2,
        tags: { freeform: [`Ledger${"s".repeat(90)}`] },
      });
      const cells = Array.from({ length: 12 }, (_, i) => `<td>Column ${i + 1} of the ledger</td>`).join("");
      const body = toSafeHtml(
        `<p>Honorificabilitudinitatibus${"x".repeat(60)} was written across the page.</p>` +
          `<table><caption>The ledger</caption><tbody><tr>${cells}</tr></tbody></table>` +
          "<p>The ledger ran on past the edge of any page.</p>",
        "html",
      );
      await journey.db.updateTable("chapters").set({ body }).where("id", "=", work.chapterIds[0]!).execute();
      await journey.refreshIndex();

      const wide = await journey.newPage({ width: 1280, height: 800 });
      await expectStatus(await wide.goto(`/works/${work.id}`), 200, wide);
      const column = await wide
        .locator(".chapter-text")
        .first()
        .evaluate((el) => {
          const style = getComputedStyle(el);
          return {
            font: style.fontFamily,
            size: Number.parseFloat(style.fontSize),
            lineHeight: Number.parseFloat(style.lineHeight),
            width: el.getBoundingClientRect().width,
          };
        });
      assert.match(column.font, /Georgia/, "chapter text is set in the serif");
      assert.equal(column.size, 18);
      assert.ok(Math.abs(column.lineHeight / column.size - 1.6) < 0.01, `line height ${column.lineHeight}px`);
      assert.ok(column.width <= 40 * 18 && column.width >= 30 * 18, `measure ${column.width}px`);

      const narrow = await journey.newPage({ width: 320, height: 640 });
      await expectStatus(await narrow.goto(`/works/${work.id}`), 200, narrow);
      const scrollWidth = await narrow.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(scrollWidth <= 320, `the work page is ${scrollWidth}px wide on a 320px screen`);
      await narrow.getByRole("table").scrollIntoViewIfNeeded();
    });
  });
});
