import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeUser, makeWork, signInAs } from "../../../test/factories";
import { createTestArchive, type TestArchive, testDialects } from "../../../test/helpers/archive";
import { tagWorksPath } from "../../lib/tagurl";
import { TAG_GRAPH_CHANGED } from "../../tagengine/load/archive";
import { CHAPTER_SEARCH_SETTING } from "./browse";
import { writeSetting } from "./queries";
import { tagIdParam } from "./schema";
import { box, boxLabels, h1, qs, tagId, titles, unique } from "./testkit";

const ws = (name: string) => `work_search[${name}]`;

for (const dialect of testDialects()) {
  describe(`work listings through the tag engine (${dialect})`, () => {
    let archive: TestArchive;
    before(async () => {
      archive = await createTestArchive(dialect);
    });
    after(() => archive.close());

    it("lists a tag's works, a synonym's under its canonical tag, and answers 404 for an unknown tag", async () => {
      const canonical = unique("Elizabeth Bennet");
      const synonym = unique("Lizzy");
      const u = unique("syn");
      await makeWork(archive.db, { title: `By canonical ${u}`, tags: { character: [canonical] } });
      await makeWork(archive.db, { title: `By synonym ${u}`, tags: { character: [synonym] } });
      await makeWork(archive.db, { title: `Elsewhere ${u}`, tags: { character: [unique("Jane")] } });
      const canonicalId = await tagId(archive.db, "character", canonical);
      await archive.db.updateTable("tags").set({ canonical: 1 }).where("id", "=", canonicalId).execute();
      await archive.db
        .updateTable("tags")
        .set({ merger_id: canonicalId })
        .where("name", "=", synonym)
        .execute();
      await archive.db
        .insertInto("changes")
        .values({ work_id: TAG_GRAPH_CHANGED, created_at: Date.now() })
        .execute();
      // The synonym's work is refreshed after the graph so that it files under the canonical tag.
      const synonymWork = await archive.db
        .selectFrom("works")
        .select("id")
        .where("title", "=", `By synonym ${u}`)
        .executeTakeFirstOrThrow();
      await archive.db
        .insertInto("changes")
        .values({ work_id: synonymWork.id, created_at: Date.now() })
        .execute();

      const client = archive.client();
      const page = await client.get(tagWorksPath(canonical));
      assert.equal(page.status, 200);
      assert.equal(h1(page.text), `2 Works in ${canonical}`);
      assert.deepEqual(titles(page.text).sort(), [`By canonical ${u}`, `By synonym ${u}`]);

      const bySynonym = await client.get(tagWorksPath(synonym));
      assert.equal(bySynonym.status, 200);
      assert.equal(h1(bySynonym.text), `2 Works in ${canonical}`);
      assert.deepEqual(titles(bySynonym.text).sort(), [`By canonical ${u}`, `By synonym ${u}`]);
      assert.match(bySynonym.text, new RegExp(`“${synonym}” is another name for`));

      // AO3's escapes and any case find the tag.
      assert.equal((await client.get(tagWorksPath(canonical.toUpperCase()))).status, 200);
      assert.equal((await client.get("/tags/No%20Such%20Tag%20At%20All/works")).status, 404);
    });

    it("finds a relationship tag holding a slash through its escaped name", async () => {
      const pairing = unique("Elizabeth Bennet/Fitzwilliam Darcy");
      await makeWork(archive.db, { title: "Pride", tags: { relationship: [pairing] } });
      assert.ok(tagWorksPath(pairing).includes("*s*"));
      const page = await archive.client().get(tagWorksPath(pairing));
      assert.equal(page.status, 200);
      assert.deepEqual(titles(page.text), ["Pride"]);
    });

    it("filters a user's works, hides their anonymous works from others, and shows the user their drafts apart", async () => {
      const writer = await makeUser(archive.db);
      const other = await makeUser(archive.db);
      const fluff = unique("User Fluff");
      await makeWork(archive.db, { user: writer, title: "Signed Fluff", tags: { freeform: [fluff] } });
      await makeWork(archive.db, { user: writer, title: "Signed Plain" });
      await makeWork(archive.db, {
        user: writer,
        title: "Anonymous Fluff",
        anonymous: true,
        tags: { freeform: [fluff] },
      });
      await makeWork(archive.db, {
        user: writer,
        title: "Draft Fluff",
        posted: false,
        tags: { freeform: [fluff] },
      });
      await makeWork(archive.db, { user: other, title: "Someone Else's Fluff", tags: { freeform: [fluff] } });
      const fluffId = await tagId(archive.db, "freeform", fluff);
      const path = `/users/${writer.login}/works`;
      const filtered = `${path}?${qs({ [tagIdParam("include", "freeform")]: fluffId })}`;

      const reader = archive.client();
      await signInAs(archive.db, reader, other);
      for (const client of [archive.client(), reader]) {
        const all = await client.get(path);
        assert.equal(h1(all.text), `2 Works by ${writer.login}`);
        assert.deepEqual(titles(all.text).sort(), ["Signed Fluff", "Signed Plain"]);
        assert.deepEqual(box(all.text, "include", "freeform", fluffId)?.label, `${fluff} (1)`);
        assert.doesNotMatch(all.text, /Anonymous Fluff|Draft Fluff|Drafts<\/h2>/);
        const only = await client.get(filtered);
        assert.deepEqual(titles(only.text), ["Signed Fluff"]);
      }

      const self = archive.client();
      await signInAs(archive.db, self, writer);
      const mine = await self.get(filtered);
      assert.equal(h1(mine.text), `2 Works by ${writer.login}`);
      assert.deepEqual(titles(mine.text).sort(), ["Anonymous Fluff", "Signed Fluff"]);
      assert.deepEqual(box(mine.text, "include", "freeform", fluffId)?.label, `${fluff} (2)`);
      const drafts = mine.text.slice(
        mine.text.indexOf("Drafts</h2>"),
        mine.text.indexOf('id="results-heading"'),
      );
      assert.match(drafts, /Draft Fluff/);
      assert.doesNotMatch(drafts, /Signed Fluff/);
    });

    it("never shows restricted works, or their tags' counts, to guests", async () => {
      const fandom = unique("Members Fandom");
      const secret = unique("Secret Tag");
      const shared = unique("Shared Tag");
      await makeWork(archive.db, { title: "Open Story", tags: { fandom: [fandom], freeform: [shared] } });
      await makeWork(archive.db, {
        title: "Members Story",
        restricted: true,
        tags: { fandom: [fandom], freeform: [secret, shared] },
      });
      const sharedId = await tagId(archive.db, "freeform", shared);
      const path = tagWorksPath(fandom);

      const guest = await archive.client().get(path);
      assert.equal(h1(guest.text), `1 Work in ${fandom}`);
      assert.deepEqual(titles(guest.text), ["Open Story"]);
      assert.ok(!guest.text.includes(secret), "the restricted work's own tag is not named");
      assert.equal(box(guest.text, "include", "freeform", sharedId)?.label, `${shared} (1)`);
      const everywhere = await archive.client().get(`/works?${qs({ [ws("other_tag_names")]: shared })}`);
      assert.deepEqual(titles(everywhere.text), ["Open Story"]);
      const home = await archive.client().get("/");
      assert.ok(!home.text.includes("Members Story"));

      const member = archive.client();
      await signInAs(archive.db, member, await makeUser(archive.db));
      const signedIn = await member.get(path);
      assert.equal(h1(signedIn.text), `2 Works in ${fandom}`);
      assert.ok(signedIn.text.includes(`${secret} (1)`));
      assert.equal(box(signedIn.text, "include", "freeform", sharedId)?.label, `${shared} (2)`);
    });

    it("never lists drafts or hidden works, nor counts their tags", async () => {
      const fandom = unique("Draft Fandom");
      const draftTag = unique("Draft Only Tag");
      await makeWork(archive.db, { title: "Posted One", tags: { fandom: [fandom] } });
      await makeWork(archive.db, {
        title: "Unposted One",
        posted: false,
        tags: { fandom: [fandom], freeform: [draftTag] },
      });
      const hidden = await makeWork(archive.db, {
        title: "Hidden One",
        tags: { fandom: [fandom], freeform: [draftTag] },
      });
      await archive.db.updateTable("works").set({ hidden_by_admin: 1 }).where("id", "=", hidden.id).execute();
      await archive.db.insertInto("changes").values({ work_id: hidden.id, created_at: Date.now() }).execute();
      const reader = archive.client();
      await signInAs(archive.db, reader, await makeUser(archive.db));
      for (const path of [tagWorksPath(fandom), "/works", "/"]) {
        const page = await reader.get(path);
        assert.ok(!page.text.includes("Unposted One"), path);
        assert.ok(!page.text.includes("Hidden One"), path);
        assert.ok(!page.text.includes(draftTag), path);
      }
      assert.deepEqual(titles((await reader.get(tagWorksPath(fandom))).text), ["Posted One"]);
      // A tag that only drafts and hidden works carry is not the reader's to see: no such tag.
      assert.equal((await reader.get(tagWorksPath(draftTag))).status, 404);
    });

    it("lists every visible work at /works, newest first, with sidebar counts", async () => {
      const u = unique("all");
      await makeWork(archive.db, { title: `Newest ${u}`, postedAt: Date.UTC(2099, 0, 2) });
      await makeWork(archive.db, { title: `Second ${u}`, postedAt: Date.UTC(2099, 0, 1) });
      const page = await archive.client().get("/works");
      assert.equal(page.status, 200);
      assert.deepEqual(titles(page.text).slice(0, 2), [`Newest ${u}`, `Second ${u}`]);
      assert.match(h1(page.text), /^1 – 20 of [\d,]+ Works$|^\d+ Works$/);
      assert.ok(boxLabels(page.text, "include", "rating").length > 0);
      assert.match(page.text, /<form method="get" action="\/works">/);
      assert.match(page.text, /data-autocomplete="\/autocomplete\/tag"/);
    });

    it("searches within results, best match first, and refuses chapter text when the admin turned it off", async () => {
      const fandom = unique("Search Fandom");
      const u = `zq${process.pid}`;
      await makeWork(archive.db, {
        title: `Moonlit Garden ${u}`,
        tags: { fandom: [fandom] },
        bodies: [`The owls${u} hooted over the quiet lawn.`],
      });
      await makeWork(archive.db, { title: `Garden Party ${u}`, tags: { fandom: [fandom] } });
      await makeWork(archive.db, {
        title: `Moonlit Sea ${u}`,
        tags: { fandom: [unique("Other Sea Fandom")] },
      });
      const client = archive.client();
      const search = async (params: Parameters<typeof qs>[0]) =>
        client.get(`${tagWorksPath(fandom)}?${qs(params)}`);

      const moonlit = await search({ [ws("query")]: `moonlit ${u}` });
      assert.deepEqual(titles(moonlit.text), [`Moonlit Garden ${u}`], "only within the fandom");
      assert.match(moonlit.text, /<option value="_score" selected="">Best match<\/option>/);
      const garden = await search({ [ws("query")]: `garden ${u}`, [ws("sort_column")]: "title_to_sort_on" });
      assert.deepEqual(titles(garden.text), [`Garden Party ${u}`, `Moonlit Garden ${u}`]);
      const inText = await search({ [ws("query")]: `owls${u}`, [ws("query_scope")]: "chapters" });
      assert.deepEqual(titles(inText.text), [`Moonlit Garden ${u}`]);
      assert.deepEqual(titles((await search({ [ws("query")]: `owls${u}` })).text), [], "not in the details");

      await writeSetting(archive.db, CHAPTER_SEARCH_SETTING, "0");
      try {
        const refused = await search({ [ws("query")]: `owls${u}`, [ws("query_scope")]: "chapters" });
        assert.equal(refused.status, 400);
        assert.match(refused.text, /&quot;work_search\[query_scope\]&quot; parameter/);
        assert.match(refused.text, /turned off/);
        const form = await search({ [ws("query")]: `moonlit ${u}` });
        assert.equal(form.status, 200);
        assert.doesNotMatch(form.text, /value="chapters"/);
      } finally {
        await writeSetting(archive.db, CHAPTER_SEARCH_SETTING, "1");
      }
    });

    it("answers a malformed parameter with a 400 page that names it", async () => {
      const client = archive.client();
      const cases: [string, string][] = [
        ["page=abc", "page"],
        ["page=0", "page"],
        [qs({ [ws("words_from")]: "-1" }), "work_search[words_from]"],
        [qs({ [ws("words_to")]: "lots" }), "work_search[words_to]"],
        [qs({ [tagIdParam("include", "fandom")]: "abc" }), "include_work_search[fandom_ids][]"],
        [qs({ [tagIdParam("exclude", "freeform")]: "1.5" }), "exclude_work_search[freeform_ids][]"],
        [qs({ [ws("date_from")]: "2024-02-30" }), "work_search[date_from]"],
        [qs({ [ws("date_to")]: "yesterday" }), "work_search[date_to]"],
        [qs({ [ws("sort_column")]: "popularity" }), "work_search[sort_column]"],
        [qs({ [ws("sort_direction")]: "up" }), "work_search[sort_direction]"],
        [qs({ [ws("language_id")]: "klingon" }), "work_search[language_id]"],
        [qs({ [ws("crossover")]: "maybe" }), "work_search[crossover]"],
        [qs({ [ws("complete")]: "yes" }), "work_search[complete]"],
        [qs({ [ws("query_scope")]: "everything" }), "work_search[query_scope]"],
        [qs({ [ws("query")]: "x".repeat(1001) }), "work_search[query]"],
      ];
      const user = await makeUser(archive.db);
      const fandom = unique("Bad Params Fandom");
      await makeWork(archive.db, { tags: { fandom: [fandom] } });
      for (const base of ["/works", tagWorksPath(fandom), `/users/${user.login}/works`]) {
        for (const [query, name] of cases) {
          const page = await client.get(`${base}?${query}`);
          assert.equal(page.status, 400, `${base}?${query}`);
          assert.ok(page.text.includes(`&quot;${name}&quot; parameter`), `${query} names ${name}`);
        }
      }
      // Empty values are what a submitted form sends for untouched fields: not errors.
      const blank = qs({ [ws("words_from")]: "", [ws("date_to")]: "", [ws("sort_column")]: "", page: "" });
      assert.equal((await client.get(`/works?${blank}`)).status, 200);
    });
  });
}
