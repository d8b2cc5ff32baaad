import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeUser, makeWork, signInAs } from "../../../test/factories";
import { createTestArchive, type TestArchive, testDialects } from "../../../test/helpers/archive";

const blurbCount = (html: string) => (html.match(/<li class="work blurb/g) ?? []).length;

/** The blurb of one work, cut out of a listing page. */
function blurbOf(html: string, workId: number): string {
  const start = html.indexOf(`id="work-${workId}"`);
  assert.ok(start >= 0, `work ${workId} is listed`);
  // The stats list closes every blurb.
  return html.slice(start, html.indexOf("</dl></li>", start));
}

for (const dialect of testDialects()) {
  describe(`the home page (${dialect})`, () => {
    let archive: TestArchive;
    before(async () => {
      archive = await createTestArchive(dialect);
    });
    after(() => archive.close());

    it("welcomes readers and offers to sign up and post", async () => {
      const page = await archive.client().get("/");
      assert.equal(page.status, 200);
      assert.match(page.text, /<h1[^>]*>Quire<\/h1>/);
      assert.match(page.text, /href="\/signup"/);
      assert.match(page.text, /href="\/works\/new"/);
      assert.match(page.text, /<h2[^>]*>Newest works<\/h2>/);
    });

    it("lists the 20 newest posted works, never drafts", async () => {
      const base = Date.UTC(2040, 0, 1);
      const writer = await makeUser(archive.db);
      const works = [];
      for (let i = 0; i < 22; i++) {
        works.push(await makeWork(archive.db, { user: writer, title: `Home Work ${i}`, postedAt: base + i }));
      }
      await makeWork(archive.db, {
        user: writer,
        title: "Unposted Draft",
        posted: false,
        postedAt: base + 99,
      });
      const page = await archive.client().get("/");
      assert.equal(blurbCount(page.text), 20);
      assert.ok(!page.text.includes("Unposted Draft"));
      assert.ok(page.text.includes("Home Work 21"));
      assert.ok(page.text.includes("Home Work 2<"));
      assert.ok(!page.text.includes("Home Work 1<"), "the 21st newest is not on the page");
      assert.ok(page.text.indexOf("Home Work 21") < page.text.indexOf("Home Work 20"), "newest first");
    });

    it("shows restricted works to signed-in readers only", async () => {
      const work = await makeWork(archive.db, {
        title: "Members Only Story",
        restricted: true,
        postedAt: Date.UTC(2050, 0, 1),
      });
      const guest = await archive.client().get("/");
      assert.ok(!guest.text.includes("Members Only Story"));
      const client = archive.client();
      await signInAs(archive.db, client, await makeUser(archive.db));
      const reader = await client.get("/");
      assert.ok(reader.text.includes("Members Only Story"));
      assert.match(blurbOf(reader.text, work.id), /Restricted/);
    });

    it("shows an anonymous work as by Anonymous, never naming its creator", async () => {
      const writer = await makeUser(archive.db, { login: `secretive${process.pid}`, pseuds: ["Hidden Pen"] });
      const work = await makeWork(archive.db, {
        user: writer,
        title: "Nameless Tale",
        anonymous: true,
        postedAt: Date.UTC(2050, 0, 2),
      });
      const page = await archive.client().get("/");
      const blurb = blurbOf(page.text, work.id);
      assert.match(blurb, /by <span class="creator">Anonymous<\/span>/);
      assert.ok(!page.text.includes(writer.login));
      assert.ok(!page.text.includes("Hidden Pen"));
    });

    it("shows a blurb's stats and links its tags", async () => {
      const work = await makeWork(archive.db, {
        title: "Stats Work",
        chapters: 2,
        expectedChapters: null,
        complete: false,
        bodies: ["One two three four five.", "Six seven eight."],
        tags: {
          relationship: ["Elizabeth Bennet/Fitzwilliam Darcy"],
          character: ["Elizabeth Bennet"],
          freeform: ["Slow Burn"],
          fandom: ["Pride and Prejudice - Jane Austen"],
        },
        summary: "A summary with <b>markup</b> typed as text.",
        postedAt: Date.UTC(2050, 0, 3),
      });
      const page = await archive.client().get("/");
      const blurb = blurbOf(page.text, work.id);
      assert.match(blurb, /<dt>Words:<\/dt><dd class="words">8<\/dd>/);
      assert.match(blurb, /<dt>Chapters:<\/dt><dd class="chapters">2\/\?<\/dd>/);
      assert.match(blurb, /Work in Progress/);
      assert.match(blurb, /<dt>Language:<\/dt><dd class="language" lang="en">English<\/dd>/);
      assert.match(
        blurb,
        /href="\/tags\/Elizabeth%20Bennet\*s\*Fitzwilliam%20Darcy\/works">Elizabeth Bennet\/Fitzwilliam Darcy</,
      );
      assert.match(blurb, /href="\/tags\/Slow%20Burn\/works">Slow Burn</);
      assert.match(blurb, /href="\/tags\/Pride%20and%20Prejudice%20-%20Jane%20Austen\/works"/);
      assert.match(blurb, /Rating: General Audiences/);
      assert.match(blurb, /Warnings: No Archive Warnings Apply/);
      assert.match(
        blurb,
        /&lt;b&gt;markup&lt;\/b&gt;/,
        "the summary is shown as saved, escaped text stays escaped",
      );
      assert.match(blurb, new RegExp(`href="/works/${work.id}">Stats Work</a>`));
    });
  });
}
