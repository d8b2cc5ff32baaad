import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeUser, makeWork, signInAs } from "../../../test/factories";
import { createTestArchive, type TestArchive, testDialects } from "../../../test/helpers/archive";
import { sanitizeWorkHtml } from "../../lib/sanitize";
import { tagWorksPath } from "../../lib/tagurl";
import { formatDate } from "../../lib/time";

for (const dialect of testDialects()) {
  describe(`the work page (${dialect})`, () => {
    let archive: TestArchive;
    before(async () => {
      archive = await createTestArchive(dialect);
    });
    after(() => archive.close());

    it("shows the metadata with every tag linked to its works", async () => {
      const tags = {
        rating: ["Teen And Up Audiences"],
        warning: ["No Archive Warnings Apply"],
        category: ["F/M"],
        fandom: ["Pride and Prejudice - Jane Austen"],
        relationship: ["Elizabeth Bennet/Fitzwilliam Darcy"],
        character: ["Mr. Collins"],
        freeform: ["Slow Burn & Pining"],
      };
      const work = await makeWork(archive.db, { tags, language: "en" });
      const page = await archive.client().get(`/works/${work.id}`);
      assert.equal(page.status, 200);
      assert.ok(page.text.startsWith("<!doctype html><html"), "a real doctype, not escaped text");
      for (const names of Object.values(tags)) {
        for (const name of names) {
          assert.ok(page.text.includes(`href="${tagWorksPath(name)}"`), `a link to the works of ${name}`);
        }
      }
      assert.ok(page.text.includes(`href="/tags/Elizabeth%20Bennet*s*Fitzwilliam%20Darcy/works"`));
      for (const label of [
        "Rating:",
        "Archive warnings:",
        "Categories:",
        "Fandoms:",
        "Relationships:",
        "Characters:",
        "Additional tags:",
      ]) {
        assert.ok(page.text.includes(label), label);
      }
      // The language by its name, not its code.
      assert.match(page.text, /<dd class="language" lang="en">English<\/dd>/);
      assert.match(page.text, /<dd class="chapters">1\/1<\/dd>/);
    });

    it("shows the dates, the word count and the stat counters", async () => {
      const work = await makeWork(archive.db, { bodies: ["one two three four five"] });
      const published = Date.UTC(2026, 0, 2);
      const updated = Date.UTC(2026, 2, 4);
      await archive.db
        .updateTable("works")
        .set({
          posted_at: published,
          updated_at: updated,
          kudos_count: 7,
          comments_count: 3,
          bookmarks_count: 2,
          hits: 42,
        })
        .where("id", "=", work.id)
        .execute();
      const page = await archive.client().get(`/works/${work.id}`);
      assert.ok(page.text.includes(`<dd class="published">${formatDate(published)}</dd>`));
      assert.ok(page.text.includes(`<dd class="updated">${formatDate(updated)}</dd>`));
      assert.match(page.text, /<dd class="words">5<\/dd>/);
      assert.match(page.text, /<dd class="kudos">7<\/dd>/);
      assert.match(page.text, /<dd class="comments">3<\/dd>/);
      assert.match(page.text, /<dd class="bookmarks">2<\/dd>/);
      assert.match(page.text, /<dd class="hits">42<\/dd>/);

      await archive.db
        .updateTable("works")
        .set({ updated_at: published })
        .where("id", "=", work.id)
        .execute();
      const same = await archive.client().get(`/works/${work.id}`);
      assert.doesNotMatch(same.text, /Updated:/);
    });

    it("shows n/? when the writer has not said how many chapters there will be", async () => {
      const work = await makeWork(archive.db, { chapters: 2, expectedChapters: null });
      const page = await archive.client().get(`/works/${work.id}`);
      assert.match(page.text, /<dd class="chapters">2\/\?<\/dd>/);
    });

    it("credits each pseud, with the login after a pseud that differs from it", async () => {
      const user = await makeUser(archive.db, { login: `lizzy${process.pid}`, pseuds: ["Second Sister"] });
      const pseud = await archive.db
        .selectFrom("pseuds")
        .select("id")
        .where("user_id", "=", user.id)
        .where("name", "=", "Second Sister")
        .executeTakeFirstOrThrow();
      const work = await makeWork(archive.db, { user, coCreatorPseudIds: [pseud.id] });
      const page = await archive.client().get(`/works/${work.id}`);
      assert.ok(page.text.includes(`href="/users/${user.login}/pseuds/${user.login}">${user.login}</a>`));
      assert.ok(
        page.text.includes(
          `href="/users/${user.login}/pseuds/Second%20Sister">Second Sister</a> (${user.login})`,
        ),
      );
    });

    it("names no creator of an anonymous work, and tells the creator it is anonymous", async () => {
      const user = await makeUser(archive.db, { login: `hidden${process.pid}`, pseuds: ["Masked Quill"] });
      const pseud = await archive.db
        .selectFrom("pseuds")
        .select("id")
        .where("user_id", "=", user.id)
        .where("name", "=", "Masked Quill")
        .executeTakeFirstOrThrow();
      const work = await makeWork(archive.db, {
        user,
        anonymous: true,
        coCreatorPseudIds: [pseud.id],
        chapters: 2,
      });
      for (const path of [
        `/works/${work.id}`,
        `/works/${work.id}/navigate`,
        `/works/${work.id}/chapters/${work.chapterIds[1]}`,
      ]) {
        const page = await archive.client().get(path);
        assert.equal(page.status, 200);
        assert.match(page.text, /by Anonymous/);
        assert.ok(!page.text.includes(user.login), `no login on ${path}`);
        assert.ok(!page.text.includes("Masked Quill"), `no pseud on ${path}`);
      }
      const creator = archive.client();
      await signInAs(archive.db, creator, user);
      const own = await creator.get(`/works/${work.id}`);
      assert.match(own.text, /by Anonymous/);
      assert.match(own.text, /This work is anonymous/);
      assert.ok(!own.text.includes("Masked Quill"));
    });

    it("shows chapter 1 of a multi-chapter work with navigation to the next", async () => {
      const work = await makeWork(archive.db, { chapters: 3 });
      const [c1, c2, c3] = work.chapterIds;
      const page = await archive.client().get(`/works/${work.id}`);
      assert.match(page.text, /Chapter 1: Part 1/);
      assert.match(page.text, /Chapter 1 begins here/);
      assert.doesNotMatch(page.text, /Chapter 2 begins here/);
      assert.ok(page.text.includes(`href="/works/${work.id}/chapters/${c2}">Next chapter →`));
      assert.doesNotMatch(page.text, /Previous chapter/);
      assert.ok(page.text.includes(`href="/works/${work.id}?view_full_work=true">Entire work`));
      assert.ok(page.text.includes(`href="/works/${work.id}/navigate">Chapter index`));

      const middle = await archive.client().get(`/works/${work.id}/chapters/${c2}`);
      assert.equal(middle.status, 200);
      assert.match(middle.text, /Chapter 2: Part 2/);
      assert.match(middle.text, /Chapter 2 begins here/);
      assert.doesNotMatch(middle.text, /Chapter 1 begins here/);
      assert.ok(middle.text.includes(`href="/works/${work.id}/chapters/${c1}">← Previous chapter`));
      assert.ok(middle.text.includes(`href="/works/${work.id}/chapters/${c3}">Next chapter →`));

      const last = await archive.client().get(`/works/${work.id}/chapters/${c3}`);
      assert.doesNotMatch(last.text, /Next chapter/);
    });

    it("shows every chapter on one page with view_full_work=true", async () => {
      const work = await makeWork(archive.db, { chapters: 3 });
      const page = await archive.client().get(`/works/${work.id}?view_full_work=true`);
      assert.equal(page.status, 200);
      for (const n of [1, 2, 3]) {
        assert.match(page.text, new RegExp(`Chapter ${n}: Part ${n}`));
        assert.match(page.text, new RegExp(`Chapter ${n} begins here`));
      }
      assert.doesNotMatch(page.text, /Next chapter/);
      assert.ok(page.text.includes(`href="/works/${work.id}">Chapter by chapter`));
    });

    it("shows the work's notes with the first chapter and its end notes after the last", async () => {
      const work = await makeWork(archive.db, { chapters: 2 });
      await archive.db
        .updateTable("works")
        .set({
          notes: sanitizeWorkHtml("<p>Opening words</p>"),
          end_notes: sanitizeWorkHtml("<p>Closing words</p>"),
        })
        .where("id", "=", work.id)
        .execute();
      const first = await archive.client().get(`/works/${work.id}`);
      assert.match(first.text, /Opening words/);
      assert.doesNotMatch(first.text, /Closing words/);
      const last = await archive.client().get(`/works/${work.id}/chapters/${work.chapterIds[1]}`);
      assert.doesNotMatch(last.text, /Opening words/);
      assert.match(last.text, /Closing words/);
      const full = await archive.client().get(`/works/${work.id}?view_full_work=true`);
      assert.match(full.text, /Opening words[\s\S]*Chapter 2 begins here[\s\S]*Closing words/);
    });

    it("answers 404 for a chapter of another work", async () => {
      const one = await makeWork(archive.db, { chapters: 2 });
      const other = await makeWork(archive.db, { chapters: 2 });
      const page = await archive.client().get(`/works/${one.id}/chapters/${other.chapterIds[0]}`);
      assert.equal(page.status, 404);
      const missing = await archive.client().get("/works/999999999");
      assert.equal(missing.status, 404);
    });

    it("renders the sanitized body as HTML and escapes a title", async () => {
      const work = await makeWork(archive.db, { title: "A <b>bold</b> move" });
      await archive.db
        .updateTable("chapters")
        .set({ body: sanitizeWorkHtml("<p>She <em>smiled</em>.</p>") })
        .where("id", "=", work.chapterIds[0]!)
        .execute();
      const page = await archive.client().get(`/works/${work.id}`);
      assert.ok(page.text.includes("<p>She <em>smiled</em>.</p>"));
      assert.ok(page.text.includes("A &lt;b&gt;bold&lt;/b&gt; move"));
      assert.ok(!page.text.includes("<b>bold</b>"));
    });

    it("lists the chapters with their posted dates in the chapter index", async () => {
      const postedAt = Date.UTC(2026, 4, 6);
      const work = await makeWork(archive.db, { chapters: 2, postedAt });
      const page = await archive.client().get(`/works/${work.id}/navigate`);
      assert.equal(page.status, 200);
      assert.match(page.text, /<ol class="chapter-index">/);
      for (const [i, id] of work.chapterIds.entries()) {
        assert.ok(page.text.includes(`href="/works/${work.id}/chapters/${id}">Part ${i + 1}</a>`));
      }
      assert.ok(page.text.includes(`(${formatDate(postedAt)})`));
    });

    it("gives the creators their tools and readers none", async () => {
      const work = await makeWork(archive.db, { chapters: 2 });
      const creator = archive.client();
      await signInAs(archive.db, creator, work.user);
      const own = await creator.get(`/works/${work.id}`);
      for (const href of [
        `/works/${work.id}/edit`,
        `/works/${work.id}/chapters/new`,
        `/works/${work.id}/chapters/${work.chapterIds[0]}/edit`,
        `/works/${work.id}/chapters/manage`,
        `/works/${work.id}/delete`,
      ]) {
        assert.ok(own.text.includes(`href="${href}"`), href);
      }
      assert.doesNotMatch(own.text, /action="\/works\/\d+\/post"/);

      const reader = archive.client();
      await signInAs(archive.db, reader, await makeUser(archive.db));
      const theirs = await reader.get(`/works/${work.id}`);
      assert.ok(!theirs.text.includes(`/works/${work.id}/edit`));
      assert.ok(!theirs.text.includes(`/works/${work.id}/delete`));
    });
  });
}
