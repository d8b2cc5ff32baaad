import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeWork } from "../../../test/factories";
import { createTestArchive, type TestArchive, testDialects } from "../../../test/helpers/archive";
import { tagWorksPath } from "../../lib/tagurl";
import type { FacetType } from "../../tagengine/core/types";
import { tagIdParam } from "./schema";
import { box, boxLabels, h1, qs, setWork, tagId, titles, unique } from "./testkit";

const ws = (name: string) => `work_search[${name}]`;

for (const dialect of testDialects()) {
  describe(`filtering a listing (${dialect})`, () => {
    let archive: TestArchive;
    before(async () => {
      archive = await createTestArchive(dialect);
    });
    after(() => archive.close());

    /** A listing of one fandom of our own, so works of other tests never count. */
    async function fandomListing(fandom: string, params: Parameters<typeof qs>[0] = {}) {
      const query = qs(params);
      const page = await archive.client().get(`${tagWorksPath(fandom)}${query ? `?${query}` : ""}`);
      assert.equal(page.status, 200, page.text.slice(0, 500));
      return page.text;
    }

    it("includes and excludes by each type of tag", async () => {
      const fandom = unique("Types Fandom");
      const other = unique("Types Other Fandom");
      const u = unique("t");
      const withTags = await makeWork(archive.db, {
        title: `Tagged ${u}`,
        tags: {
          rating: ["Mature"],
          warning: ["Major Character Death"],
          category: ["F/F"],
          fandom: [fandom, other],
          relationship: [`Rel ${u}`],
          character: [`Char ${u}`],
          freeform: [`Free ${u}`],
        },
      });
      await makeWork(archive.db, { title: `Plain ${u}`, tags: { fandom: [fandom] } });
      await archive.refreshIndex();
      assert.ok(withTags.id > 0);
      const names: Record<FacetType, [FacetType, string]> = {
        rating: ["rating", "Mature"],
        warning: ["warning", "Major Character Death"],
        category: ["category", "F/F"],
        fandom: ["fandom", other],
        relationship: ["relationship", `Rel ${u}`],
        character: ["character", `Char ${u}`],
        freeform: ["freeform", `Free ${u}`],
      };
      for (const [type, name] of Object.values(names)) {
        const id = await tagId(archive.db, type, name);
        const included = await fandomListing(fandom, { [tagIdParam("include", type)]: id });
        assert.deepEqual(titles(included), [`Tagged ${u}`], `include ${type}`);
        assert.equal(box(included, "include", type, id)?.checked, true, `the ${type} box stays ticked`);
        const excluded = await fandomListing(fandom, { [tagIdParam("exclude", type)]: id });
        assert.deepEqual(titles(excluded), [`Plain ${u}`], `exclude ${type}`);
      }
    });

    it("ANDs includes and removes every excluded tag", async () => {
      const fandom = unique("And Fandom");
      const u = unique("a");
      await makeWork(archive.db, {
        title: `Both ${u}`,
        tags: { fandom: [fandom], freeform: ["Fluff", "Humor"] },
      });
      await makeWork(archive.db, {
        title: `Fluff only ${u}`,
        tags: { fandom: [fandom], freeform: ["Fluff"] },
      });
      await makeWork(archive.db, {
        title: `Humor only ${u}`,
        tags: { fandom: [fandom], freeform: ["Humor"] },
      });
      await archive.refreshIndex();
      const fluff = await tagId(archive.db, "freeform", "Fluff");
      const humor = await tagId(archive.db, "freeform", "Humor");
      const param = tagIdParam("include", "freeform");
      assert.deepEqual(titles(await fandomListing(fandom, { [param]: [fluff, humor] })), [`Both ${u}`]);
      const noneLeft = await fandomListing(fandom, { [tagIdParam("exclude", "freeform")]: [fluff, humor] });
      assert.deepEqual(titles(noneLeft), []);
      // By name too, in any case, with synonyms of the form's comma-separated list.
      const byName = await fandomListing(fandom, { [ws("other_tag_names")]: "fluff, HUMOR" });
      assert.deepEqual(titles(byName), [`Both ${u}`]);
      const excludedByName = await fandomListing(fandom, { [ws("excluded_tag_names")]: "Humor" });
      assert.deepEqual(titles(excludedByName).sort(), [`Fluff only ${u}`]);
    });

    it("keeps an excluded tag listed and ticked with a count of 0, and counts tags within the result exactly", async () => {
      const fandom = unique("Counts Fandom");
      const fluff = unique("Fluff");
      const angst = unique("Angst");
      const specs = [[fluff], [fluff], [fluff, angst], [angst], []];
      for (const [i, freeform] of specs.entries()) {
        await makeWork(archive.db, { title: `Counted ${i}`, tags: { fandom: [fandom], freeform } });
      }
      await archive.refreshIndex();
      const fluffId = await tagId(archive.db, "freeform", fluff);
      const angstId = await tagId(archive.db, "freeform", angst);

      const all = await fandomListing(fandom);
      assert.equal(h1(all), `5 Works in ${fandom}`);
      assert.deepEqual(box(all, "include", "freeform", fluffId), { checked: false, label: `${fluff} (3)` });
      assert.deepEqual(box(all, "include", "freeform", angstId), { checked: false, label: `${angst} (2)` });
      assert.deepEqual(boxLabels(all, "include", "rating"), ["General Audiences (5)"]);

      const withFluff = await fandomListing(fandom, { [tagIdParam("include", "freeform")]: fluffId });
      assert.equal(titles(withFluff).length, 3);
      assert.deepEqual(box(withFluff, "include", "freeform", fluffId), {
        checked: true,
        label: `${fluff} (3)`,
      });
      assert.deepEqual(box(withFluff, "include", "freeform", angstId), {
        checked: false,
        label: `${angst} (1)`,
      });

      const noAngst = await fandomListing(fandom, { [tagIdParam("exclude", "freeform")]: angstId });
      assert.equal(titles(noAngst).length, 3);
      assert.deepEqual(box(noAngst, "exclude", "freeform", angstId), {
        checked: true,
        label: `${angst} (0)`,
      });
      assert.deepEqual(box(noAngst, "include", "freeform", fluffId), {
        checked: false,
        label: `${fluff} (2)`,
      });
      assert.equal(box(noAngst, "include", "freeform", angstId), null, "nothing left to include it in");
    });

    it("shows only the 10 most used tags of a type, most used first", async () => {
      const fandom = unique("Top Fandom");
      const u = unique("top");
      // Tag i is on 12 - i works: the 11th and 12th tags fall off the list.
      for (let w = 0; w < 12; w++) {
        const freeform = Array.from({ length: 12 - w }, (_, i) => `Top ${u} ${String(i).padStart(2, "0")}`);
        await makeWork(archive.db, { tags: { fandom: [fandom], freeform } });
      }
      await archive.refreshIndex();
      const labels = boxLabels(await fandomListing(fandom), "include", "freeform");
      assert.deepEqual(
        labels,
        Array.from({ length: 10 }, (_, i) => `Top ${u} ${String(i).padStart(2, "0")} (${12 - i})`),
      );
    });

    it("filters crossovers, completion, word counts, dates and language", async () => {
      const fandom = unique("Range Fandom");
      const second = unique("Range Second Fandom");
      const day = (d: number) => Date.UTC(2031, 2, d, 12);
      const make = (title: string, opts: Parameters<typeof makeWork>[1]) =>
        makeWork(archive.db, { title, ...opts, tags: { fandom: [fandom], ...opts?.tags } });
      const short = await make("Short Complete", { postedAt: day(1) });
      const long = await make("Long Crossover", { postedAt: day(10), tags: { fandom: [fandom, second] } });
      const wip = await make("Middle In Progress", {
        postedAt: day(20),
        expectedChapters: 3,
        complete: false,
      });
      const chinese = await make("Chinese Work", { postedAt: day(5), language: "zh" });
      await setWork(archive.db, short.id, { word_count: 100 });
      await setWork(archive.db, long.id, { word_count: 50_000 });
      await setWork(archive.db, wip.id, { word_count: 2_000 });
      await setWork(archive.db, chinese.id, { word_count: 700 });
      await archive.refreshIndex();

      const list = async (params: Parameters<typeof qs>[0]) =>
        titles(await fandomListing(fandom, params)).sort();
      assert.deepEqual(await list({ [ws("crossover")]: "T" }), ["Long Crossover"]);
      assert.deepEqual(await list({ [ws("crossover")]: "F" }), [
        "Chinese Work",
        "Middle In Progress",
        "Short Complete",
      ]);
      assert.equal((await list({ [ws("crossover")]: "" })).length, 4);
      assert.deepEqual(await list({ [ws("complete")]: "F" }), ["Middle In Progress"]);
      assert.equal((await list({ [ws("complete")]: "T" })).length, 3);
      assert.deepEqual(await list({ [ws("words_from")]: "1000", [ws("words_to")]: "10,000" }), [
        "Middle In Progress",
      ]);
      assert.deepEqual(await list({ [ws("words_from")]: "20000" }), ["Long Crossover"]);
      assert.deepEqual(await list({ [ws("words_to")]: "100" }), ["Short Complete"]);
      // Dates are whole days of date updated, both ends included.
      assert.deepEqual(await list({ [ws("date_from")]: "2031-03-05", [ws("date_to")]: "2031-03-10" }), [
        "Chinese Work",
        "Long Crossover",
      ]);
      assert.deepEqual(await list({ [ws("date_from")]: "2031-03-11" }), ["Middle In Progress"]);
      assert.deepEqual(await list({ [ws("language_id")]: "zh" }), ["Chinese Work"]);
      assert.deepEqual(await list({ [ws("language_id")]: "es" }), []);

      // The form shows what was asked for.
      const page = await fandomListing(fandom, {
        [ws("crossover")]: "F",
        [ws("complete")]: "T",
        [ws("words_from")]: "1,000",
        [ws("date_to")]: "2031-03-10",
        [ws("language_id")]: "zh",
      });
      assert.match(
        page,
        /<input type="radio" id="crossover-F" name="work_search\[crossover\]" value="F" checked=""/,
      );
      assert.match(
        page,
        /<input type="radio" id="complete-T" name="work_search\[complete\]" value="T" checked=""/,
      );
      assert.match(page, /name="work_search\[words_from\]" type="number" value="1000"/);
      assert.match(page, /name="work_search\[date_to\]" type="date" value="2031-03-10"/);
      assert.match(page, /<option value="zh" selected="">/);
    });

    it("sorts by kudos, by title ascending, and by date posted", async () => {
      const fandom = unique("Sort Fandom");
      // Made in an order that no expected order follows, so ties by id cannot pass for a sort.
      const c = await makeWork(archive.db, {
        title: "Cherry",
        tags: { fandom: [fandom] },
        postedAt: Date.UTC(2030, 0, 2),
      });
      const a = await makeWork(archive.db, {
        title: "The Apple",
        tags: { fandom: [fandom] },
        postedAt: Date.UTC(2030, 0, 3),
      });
      const b = await makeWork(archive.db, {
        title: "banana",
        tags: { fandom: [fandom] },
        postedAt: Date.UTC(2030, 0, 1),
      });
      await setWork(archive.db, a.id, { kudos_count: 5 });
      await setWork(archive.db, b.id, { kudos_count: 50 });
      await setWork(archive.db, c.id, { kudos_count: 20 });
      await archive.refreshIndex();
      const sorted = async (column: string, direction?: string) =>
        titles(
          await fandomListing(fandom, {
            [ws("sort_column")]: column,
            ...(direction ? { [ws("sort_direction")]: direction } : {}),
          }),
        );
      assert.deepEqual(await sorted("kudos_count"), ["banana", "Cherry", "The Apple"]);
      assert.deepEqual(await sorted("kudos_count", "asc"), ["The Apple", "Cherry", "banana"]);
      // Titles sort without case or a leading article, A to Z unless asked otherwise.
      assert.deepEqual(await sorted("title_to_sort_on"), ["The Apple", "banana", "Cherry"]);
      assert.deepEqual(await sorted("title_to_sort_on", "desc"), ["Cherry", "banana", "The Apple"]);
      assert.deepEqual(await sorted("created_at"), ["The Apple", "Cherry", "banana"]);
      const page = await fandomListing(fandom, { [ws("sort_column")]: "kudos_count" });
      assert.match(page, /<option value="kudos_count" selected="">Kudos<\/option>/);
    });

    it("pages 20 at a time and keeps every filter on the other pages", async () => {
      const fandom = unique("Paged Fandom");
      for (let i = 0; i < 25; i++) {
        await makeWork(archive.db, {
          title: `Paged ${String(i).padStart(2, "0")}`,
          tags: { fandom: [fandom], freeform: i % 5 === 4 ? ["Not This One"] : [] },
          postedAt: Date.UTC(2030, 5, 1) + i * 1000,
        });
      }
      await archive.refreshIndex();
      const notThis = await tagId(archive.db, "freeform", "Not This One");
      const params = {
        [ws("sort_column")]: "title_to_sort_on",
        [tagIdParam("exclude", "freeform")]: notThis,
      };
      const first = await fandomListing(fandom, params);
      assert.equal(h1(first), `20 Works in ${fandom}`);
      assert.equal(titles(first).length, 20);
      // 25 works, 5 excluded: one page. Without the exclusion there are two.
      const all = await fandomListing(fandom, { [ws("sort_column")]: "title_to_sort_on" });
      assert.equal(h1(all), `1 – 20 of 25 Works in ${fandom}`);
      const next = /<a href="([^"]+)" rel="next">/.exec(all)?.[1]?.replaceAll("&amp;", "&");
      assert.ok(next, "a link to the next page");
      assert.match(next, /work_search%5Bsort_column%5D=title_to_sort_on/);
      assert.match(next, /page=2/);
      const second = await archive.client().get(next);
      assert.equal(h1(second.text), `21 – 25 of 25 Works in ${fandom}`);
      assert.deepEqual(titles(second.text), ["Paged 20", "Paged 21", "Paged 22", "Paged 23", "Paged 24"]);

      // With a filter, page 2 of a longer listing keeps it.
      for (let i = 0; i < 20; i++)
        await makeWork(archive.db, {
          title: `Extra ${i}`,
          tags: { fandom: [fandom] },
          postedAt: Date.UTC(2030, 6, 1) + i,
        });
      await archive.refreshIndex();
      const filtered = await fandomListing(fandom, params);
      assert.equal(h1(filtered), `1 – 20 of 40 Works in ${fandom}`);
      const next2 = /<a href="([^"]+)" rel="next">/.exec(filtered)?.[1]?.replaceAll("&amp;", "&");
      assert.ok(next2);
      assert.match(next2, new RegExp(`exclude_work_search%5Bfreeform_ids%5D%5B%5D=${notThis}`));
      const page2 = await archive.client().get(next2);
      assert.equal(h1(page2.text), `21 – 40 of 40 Works in ${fandom}`);
      assert.ok(titles(page2.text).every((t) => !["Paged 04", "Paged 09", "Paged 14"].includes(t)));
      assert.equal(box(page2.text, "exclude", "freeform", notThis)?.checked, true);
    });

    it("says when nothing matches, offers to clear the filters, and reports tag names it does not know", async () => {
      const fandom = unique("Empty Fandom");
      await makeWork(archive.db, { tags: { fandom: [fandom] } });
      await archive.refreshIndex();
      const page = await fandomListing(fandom, {
        [ws("complete")]: "F",
        [ws("other_tag_names")]: "No Such Tag Anywhere",
      });
      assert.equal(h1(page), `0 Works in ${fandom}`);
      assert.match(page, /No works found matching these filters/);
      assert.match(
        page,
        new RegExp(`<a href="${tagWorksPath(fandom).replaceAll(" ", "%20")}">Clear filters</a> to see`),
      );
      assert.match(page, /Not found: No Such Tag Anywhere/);
      // An unknown name is left out, not an error: the one work still shows without other filters.
      const onlyUnknown = await fandomListing(fandom, { [ws("excluded_tag_names")]: "Nowhere Tag" });
      assert.equal(titles(onlyUnknown).length, 1);
      assert.match(onlyUnknown, /Not found: Nowhere Tag/);
      // So is a tag id that names no tag (an old link to a deleted tag).
      const unknownId = await fandomListing(fandom, { [tagIdParam("include", "fandom")]: 99_999_999 });
      assert.equal(titles(unknownId).length, 1);
      assert.match(unknownId, /Not found: tag #99999999/);
    });
  });
}
