// Journey: a reader narrows the archive down to what they want to read, with the sidebar's
// checkboxes and counts, sorts by kudos, turns the page, and starts again from everything.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import type { Page } from "playwright-core";
import { setWork } from "../../src/features/browse/testkit";
import { makeUser, makeWork } from "../factories";
import { type Journey, startJourney } from "./harness";
import { expectStatus } from "./steps";

const PRIDE = "Pride and Prejudice - Jane Austen";
const PERSUASION = "Persuasion - Jane Austen";

/** Titles of the works listed, in order. */
async function listed(page: Page): Promise<string[]> {
  return page.locator('section.results h3.heading > a[href^="/works/"]').allTextContents();
}

function sidebar(page: Page) {
  return page.getByRole("complementary", { name: "Sort and filter" });
}

async function sortAndFilter(page: Page): Promise<void> {
  await Promise.all([
    page.waitForURL(/\/works\?/),
    sidebar(page).getByRole("button", { name: "Sort and Filter" }).click(),
  ]);
}

describe("browsing and filtering works in the browser", () => {
  let journey: Journey;
  // 36 works in Pride and Prejudice (every fourth with Angst), 9 in Persuasion.
  const kudos = new Map<string, number>();
  before(async () => {
    journey = await startJourney();
    const writer = await makeUser(journey.db, { login: "austenfan" });
    for (let i = 0; i < 45; i++) {
      const pride = i < 36;
      const title = `${pride ? "Pemberley" : "Kellynch"} Letter ${String(i).padStart(2, "0")}`;
      const work = await makeWork(journey.db, {
        user: writer,
        title,
        tags: {
          fandom: [pride ? PRIDE : PERSUASION],
          freeform: pride && i % 4 === 0 ? ["Angst", "Letters"] : ["Letters"],
        },
        postedAt: Date.UTC(2030, 0, 1) + i * 60_000,
      });
      // Distinct kudos in an order unlike the posting order.
      const k = (i * 37) % 101;
      kudos.set(title, k);
      await setWork(journey.db, work.id, { kudos_count: k });
    }
  });
  after(() => journey?.close());

  it("filters a fandom, excludes a tag, sorts by kudos, turns the page and clears the filters", async () => {
    await journey.guard("browse journey", async () => {
      const page = await journey.newPage({ width: 1200, height: 900 });
      await expectStatus(await page.goto("/works"), 200, page);
      await page.getByRole("heading", { level: 1, name: "1 – 20 of 45 Works" }).waitFor();

      // Include the fandom: its checkbox is labelled with its count.
      const include = sidebar(page).getByRole("group", { name: "Include" });
      await include.getByRole("group", { name: "Fandoms" }).getByLabel(`${PRIDE} (36)`).check();
      await sortAndFilter(page);
      await page.getByRole("heading", { level: 1, name: "1 – 20 of 36 Works" }).waitFor();
      assert.ok((await listed(page)).every((t) => t.startsWith("Pemberley")));

      // Exclude Angst: the counts are those of the result.
      const exclude = sidebar(page).getByRole("group", { name: "Exclude" });
      await exclude.getByRole("group", { name: "Additional Tags" }).getByLabel("Angst (9)").check();
      await sortAndFilter(page);
      await page.getByRole("heading", { level: 1, name: "1 – 20 of 27 Works" }).waitFor();
      const excludedBox = () =>
        sidebar(page)
          .getByRole("group", { name: "Exclude" })
          .getByRole("group", { name: "Additional Tags" })
          .getByLabel("Angst (0)");
      assert.equal(await excludedBox().isChecked(), true, "the excluded tag stays listed and ticked");
      const fandomBox = sidebar(page)
        .getByRole("group", { name: "Fandoms" })
        .first()
        .getByLabel(`${PRIDE} (27)`);
      assert.equal(await fandomBox.isChecked(), true);
      assert.ok(
        (await listed(page)).every((t) => Number(t.slice(-2)) % 4 !== 0),
        "no Angst work is listed",
      );

      // Sort by kudos, most first.
      await sidebar(page).getByLabel("Sort by").selectOption({ label: "Kudos" });
      await sortAndFilter(page);
      const expected = [...kudos]
        .filter(([title]) => title.startsWith("Pemberley") && Number(title.slice(-2)) % 4 !== 0)
        .sort((a, b) => b[1] - a[1])
        .map(([title]) => title);
      assert.equal(expected.length, 27);
      assert.deepEqual(await listed(page), expected.slice(0, 20));
      assert.equal(new URL(page.url()).searchParams.get("work_search[sort_column]"), "kudos_count");

      // Page 2 keeps the fandom, the exclusion and the sort.
      await Promise.all([
        page.waitForURL(/page=2/),
        page.getByRole("navigation", { name: "Pagination" }).getByRole("link", { name: "Page 2" }).click(),
      ]);
      await page.getByRole("heading", { level: 1, name: "21 – 27 of 27 Works" }).waitFor();
      assert.deepEqual(await listed(page), expected.slice(20));
      const params = new URL(page.url()).searchParams;
      assert.equal(params.get("work_search[sort_column]"), "kudos_count", "page 2 keeps the sort");
      assert.equal(params.getAll("include_work_search[fandom_ids][]").length, 1, "and the fandom");
      assert.equal(params.getAll("exclude_work_search[freeform_ids][]").length, 1, "and the exclusion");
      assert.equal(await sidebar(page).getByLabel("Sort by").inputValue(), "kudos_count");
      assert.equal(await excludedBox().isChecked(), true);

      // Clear filters: every work again, newest first.
      await Promise.all([
        page.waitForURL((url) => url.pathname === "/works" && url.search === ""),
        sidebar(page).getByRole("link", { name: "Clear filters" }).click(),
      ]);
      await page.getByRole("heading", { level: 1, name: "1 – 20 of 45 Works" }).waitFor();
      assert.equal((await listed(page))[0], "Kellynch Letter 44");
    });
  });

  it("says so when nothing matches and offers to clear the filters", async () => {
    await journey.guard("browse no results", async () => {
      const page = await journey.newPage();
      await expectStatus(await page.goto("/works"), 200, page);
      await sidebar(page)
        .getByLabel("Other tags to include", { exact: true })
        .fill("Angst, Persuasion - Jane Austen");
      await sortAndFilter(page);
      await page.getByRole("heading", { level: 1, name: "0 Works" }).waitFor();
      await page.getByText("No works found matching these filters").waitFor();
      await Promise.all([
        page.waitForURL((url) => url.search === ""),
        page
          .getByRole("main")
          .locator("section.results")
          .getByRole("link", { name: "Clear filters" })
          .click(),
      ]);
      await page.getByRole("heading", { level: 1, name: "1 – 20 of 45 Works" }).waitFor();
    });
  });
});
