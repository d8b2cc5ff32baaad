import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeUser, makeWork } from "../../../test/factories";
import { createTestArchive, type TestArchive, testDialects } from "../../../test/helpers/archive";
import { signInReturnTo } from "../../../test/helpers/client";
import { changesOf, chapterForm, chaptersOf, clientOf, workRow } from "../works/testkit";

const LONG_AGO = 1_000_000;

for (const dialect of testDialects()) {
  describe(`adding and editing chapters (${dialect})`, () => {
    let archive: TestArchive;
    before(async () => {
      archive = await createTestArchive(dialect);
    });
    after(() => archive.close());

    it("shows the form with the fields writers fill in", async () => {
      const w = await makeWork(archive.db);
      const page = await (await clientOf(archive, w.user)).get(`/works/${w.id}/chapters/new`);
      assert.equal(page.status, 200);
      for (const name of ["title", "summary", "notes", "end_notes", "body", "position"]) {
        assert.match(page.text, new RegExp(`<label for="${name}">`));
      }
      assert.match(page.text, /<input type="radio" id="format-html" name="format" value="html" checked/);
      assert.match(page.text, /<label for="format-plain">Plain text: blank lines make paragraphs<\/label>/);
      for (const value of ["preview", "draft", "post"]) {
        assert.match(page.text, new RegExp(`<button type="submit" name="action" value="${value}">`));
      }
    });

    it("posts a chapter: counts its words, updates the work and records a change", async () => {
      const w = await makeWork(archive.db, { postedAt: LONG_AGO, bodies: ["One two three."] });
      const before = await workRow(archive, w.id);
      const changes = await changesOf(archive, w.id);
      const client = await clientOf(archive, w.user);
      const page = await client.post(
        `/works/${w.id}/chapters`,
        chapterForm({ title: "The Return", body: "<p>Four five six seven.</p>", action: "post" }),
      );
      assert.equal(page.status, 303);
      const chapters = await chaptersOf(archive, w.id);
      assert.equal(chapters.length, 2);
      const added = chapters[1]!;
      assert.equal(page.location, `/works/${w.id}/chapters/${added.id}`);
      assert.equal(added.position, 2);
      assert.equal(added.title, "The Return");
      assert.equal(added.posted, 1);
      assert.ok(Number(added.posted_at) > LONG_AGO);
      assert.equal(added.word_count, 4);
      const after = await workRow(archive, w.id);
      assert.equal(after.chapter_count, 2);
      assert.equal(Number(after.word_count), Number(before.word_count) + 4);
      assert.ok(Number(after.updated_at) > LONG_AGO);
      assert.ok((await changesOf(archive, w.id)) > changes);
      const next = await client.get(page.location!);
      assert.match(next.text, /Chapter 2 is posted\./);
    });

    it("saves a draft chapter without counting it or touching the work's date", async () => {
      const w = await makeWork(archive.db, { postedAt: LONG_AGO });
      const before = await workRow(archive, w.id);
      const changes = await changesOf(archive, w.id);
      const page = await (await clientOf(archive, w.user)).post(
        `/works/${w.id}/chapters`,
        chapterForm({ body: "A draft of many words here.", action: "draft" }),
      );
      assert.equal(page.status, 303);
      const added = (await chaptersOf(archive, w.id))[1]!;
      assert.equal(added.posted, 0);
      assert.equal(added.posted_at, null);
      assert.equal(added.word_count, 6);
      const after = await workRow(archive, w.id);
      assert.equal(after.chapter_count, 1);
      assert.equal(Number(after.word_count), Number(before.word_count));
      assert.equal(Number(after.updated_at), LONG_AGO);
      // Nothing a listing shows moved: the feed is left alone.
      assert.equal(await changesOf(archive, w.id), changes);
    });

    it("turns plain text into paragraphs and escapes its markup", async () => {
      const w = await makeWork(archive.db);
      await (await clientOf(archive, w.user)).post(
        `/works/${w.id}/chapters`,
        chapterForm({
          body: "First line\nsame paragraph.\n\nSecond <b>bold</b>?",
          format: "plain",
          action: "post",
        }),
      );
      const added = (await chaptersOf(archive, w.id))[1]!;
      assert.match(added.body, /^<p>First line<br \/>\nsame paragraph\.<\/p>/);
      assert.match(added.body, /<p>Second &lt;b&gt;bold&lt;\/b&gt;\?<\/p>$/);
      assert.doesNotMatch(added.body, /<b>/);
    });

    it("sanitizes rich text and the notes", async () => {
      const w = await makeWork(archive.db);
      await (await clientOf(archive, w.user)).post(
        `/works/${w.id}/chapters`,
        chapterForm({
          body: '<p>Safe <b>bold</b><script>alert(1)</script></p><p onclick="x()">Two</p>',
          notes: "<i>Thanks</i><img src=x onerror=alert(1)>",
          action: "post",
        }),
      );
      const added = (await chaptersOf(archive, w.id))[1]!;
      assert.match(added.body, /^<p>Safe <b>bold<\/b><\/p>\s*<p>Two<\/p>$/);
      assert.match(added.notes, /<i>Thanks<\/i>/);
      assert.doesNotMatch(added.notes, /onerror/);
    });

    it("puts a chapter at the number asked for and moves the others along", async () => {
      const w = await makeWork(archive.db, { chapters: 2 });
      await (await clientOf(archive, w.user)).post(
        `/works/${w.id}/chapters`,
        chapterForm({ title: "Prologue", body: "Before it all.", position: "1", action: "post" }),
      );
      const chapters = await chaptersOf(archive, w.id);
      assert.deepEqual(
        chapters.map((c) => [c.position, c.title]),
        [
          [1, "Prologue"],
          [2, "Part 1"],
          [3, "Part 2"],
        ],
      );
    });

    it("refuses bad fields with messages beside them and saves nothing", async () => {
      const w = await makeWork(archive.db);
      const client = await clientOf(archive, w.user);
      const changes = await changesOf(archive, w.id);
      const cases: [Record<string, string>, string, RegExp][] = [
        [{ body: "   " }, "body", /Write the chapter&#39;s text/],
        [{ body: "x".repeat(510_001) }, "body", /at most 510,000 characters/],
        [{ body: "ok", title: "t".repeat(256) }, "title", /at most 255 characters/],
        [{ body: "ok", summary: "s".repeat(1251) }, "summary", /at most 1,250 characters/],
        [{ body: "ok", notes: "n".repeat(5001) }, "notes", /at most 5,000 characters/],
        [{ body: "ok", end_notes: "n".repeat(5001) }, "end_notes", /at most 5,000 characters/],
        [{ body: "ok", position: "first" }, "position", /chapter number of 1 or more/],
        [{ body: "ok", format: "markdown" }, "format", /rich text or plain text/],
        [{ body: "<script>alert(1)</script>" }, "body", /Nothing is left of this text/],
      ];
      for (const [fields, field, message] of cases) {
        const page = await client.post(`/works/${w.id}/chapters`, chapterForm({ ...fields, action: "post" }));
        assert.equal(page.status, 422, field);
        assert.match(page.text, new RegExp(`<p class="field-error" id="${field}-error">`), field);
        assert.match(page.text, message, field);
      }
      // What the writer typed comes back in the form.
      const page = await client.post(
        `/works/${w.id}/chapters`,
        chapterForm({ title: "Kept", body: "", action: "post" }),
      );
      assert.match(page.text, /name="title" type="text" value="Kept"/);
      assert.equal((await chaptersOf(archive, w.id)).length, 1);
      assert.equal(await changesOf(archive, w.id), changes);
    });

    it("previews a chapter with the form below and saves nothing", async () => {
      const w = await makeWork(archive.db);
      const page = await (await clientOf(archive, w.user)).post(
        `/works/${w.id}/chapters`,
        chapterForm({
          title: "Glimpse",
          summary: "In short.",
          body: "A <em>preview</em> text.",
          action: "preview",
        }),
      );
      assert.equal(page.status, 200);
      assert.match(page.text, /<h2 id="preview-heading">Preview<\/h2>/);
      assert.match(page.text, /<h3 class="chapter-title">Chapter 2: Glimpse<\/h3>/);
      assert.match(page.text, /<p>A <em>preview<\/em> text\.<\/p>/);
      assert.match(
        page.text,
        /<textarea id="body" name="body"[^>]*>A &lt;em&gt;preview&lt;\/em&gt; text\.<\/textarea>/,
      );
      assert.equal((await chaptersOf(archive, w.id)).length, 1);
    });

    it("keeps a new chapter of a draft work as a draft even when asked to post it", async () => {
      const w = await makeWork(archive.db, { posted: false });
      const page = await (await clientOf(archive, w.user)).post(
        `/works/${w.id}/chapters`,
        chapterForm({ body: "Waiting.", action: "post" }),
      );
      assert.equal(page.status, 303);
      const added = (await chaptersOf(archive, w.id))[1]!;
      assert.equal(added.posted, 0);
      assert.equal((await workRow(archive, w.id)).chapter_count, 0);
    });

    it("sends guests to sign in and refuses other readers", async () => {
      const w = await makeWork(archive.db);
      const chapterId = w.chapterIds[0]!;
      const guest = archive.client();
      const page = await guest.get(`/works/${w.id}/chapters/new`);
      assert.equal(page.status, 303);
      assert.equal(signInReturnTo(page.location), `/works/${w.id}/chapters/new`);
      const posted = await guest.post(
        `/works/${w.id}/chapters`,
        chapterForm({ body: "Guest text", action: "post" }),
      );
      assert.equal(posted.status, 303);
      assert.match(posted.location ?? "", /^\/login\?return_to=/);

      const other = await clientOf(archive, await makeUser(archive.db));
      for (const path of [
        `/works/${w.id}/chapters/new`,
        `/works/${w.id}/chapters/${chapterId}/edit`,
        `/works/${w.id}/chapters/${chapterId}/delete`,
        `/works/${w.id}/chapters/manage`,
      ]) {
        assert.equal((await other.get(path)).status, 403, path);
      }
      const refused = await other.post(
        `/works/${w.id}/chapters`,
        chapterForm({ body: "Not mine", action: "post" }),
      );
      assert.equal(refused.status, 403);
      const edit = await other.post(
        `/works/${w.id}/chapters/${chapterId}`,
        chapterForm({ body: "Mine now", action: "post" }),
      );
      assert.equal(edit.status, 403);
      const chapters = await chaptersOf(archive, w.id);
      assert.equal(chapters.length, 1);
      assert.doesNotMatch(chapters[0]!.body, /Mine now/);
    });

    it("lets an admin add a chapter", async () => {
      const w = await makeWork(archive.db);
      const admin = await clientOf(archive, await makeUser(archive.db, { admin: true }));
      const page = await admin.post(
        `/works/${w.id}/chapters`,
        chapterForm({ body: "Moderated.", action: "draft" }),
      );
      assert.equal(page.status, 303);
      assert.equal((await chaptersOf(archive, w.id)).length, 2);
    });

    it("answers 404 for an unknown work or a chapter of another work", async () => {
      const w = await makeWork(archive.db);
      const other = await makeWork(archive.db, { user: w.user });
      const client = await clientOf(archive, w.user);
      assert.equal((await client.get("/works/999999/chapters/new")).status, 404);
      assert.equal((await client.get(`/works/${w.id}/chapters/999999/edit`)).status, 404);
      assert.equal((await client.get(`/works/${w.id}/chapters/${other.chapterIds[0]}/edit`)).status, 404);
      assert.equal((await client.get("/works/99999999999999999999/chapters/new")).status, 404);
    });

    it("edits a posted chapter: new text and counts, and the work is updated", async () => {
      const w = await makeWork(archive.db, {
        postedAt: LONG_AGO,
        chapters: 2,
        bodies: ["One.", "Two words."],
      });
      const chapterId = w.chapterIds[1]!;
      const client = await clientOf(archive, w.user);
      const edit = await client.get(`/works/${w.id}/chapters/${chapterId}/edit`);
      assert.equal(edit.status, 200);
      // The stored HTML comes back in the text area, escaped.
      assert.match(
        edit.text,
        /<textarea id="body" name="body"[^>]*>&lt;p&gt;Two words\.&lt;\/p&gt;<\/textarea>/,
      );
      assert.match(edit.text, /name="title" type="text" value="Part 2"/);
      const changes = await changesOf(archive, w.id);
      const page = await client.post(
        `/works/${w.id}/chapters/${chapterId}`,
        chapterForm({
          title: "Renamed",
          body: "Now there are five words.",
          end_notes: "Bye.",
          position: "2",
          action: "post",
        }),
      );
      assert.equal(page.status, 303);
      assert.equal(page.location, `/works/${w.id}/chapters/${chapterId}`);
      const chapter = (await chaptersOf(archive, w.id))[1]!;
      assert.equal(chapter.id, chapterId);
      assert.equal(chapter.title, "Renamed");
      assert.equal(chapter.body, "<p>Now there are five words.</p>");
      assert.equal(chapter.end_notes, "<p>Bye.</p>");
      assert.equal(chapter.word_count, 5);
      assert.equal(chapter.posted, 1);
      assert.equal(Number(chapter.posted_at), LONG_AGO);
      const after = await workRow(archive, w.id);
      assert.equal(Number(after.word_count), 6);
      assert.ok(Number(after.updated_at) > LONG_AGO);
      assert.ok((await changesOf(archive, w.id)) > changes);
    });

    it("moves a chapter when its number is edited", async () => {
      const w = await makeWork(archive.db, { chapters: 3 });
      await (await clientOf(archive, w.user)).post(
        `/works/${w.id}/chapters/${w.chapterIds[2]}`,
        chapterForm({ title: "Part 3", body: "Moved.", position: "1", action: "post" }),
      );
      const chapters = await chaptersOf(archive, w.id);
      assert.deepEqual(
        chapters.map((c) => c.id),
        [w.chapterIds[2], w.chapterIds[0], w.chapterIds[1]],
      );
      assert.deepEqual(
        chapters.map((c) => c.position),
        [1, 2, 3],
      );
    });

    it("refuses a bad edit and keeps the chapter as it was", async () => {
      const w = await makeWork(archive.db);
      const chapterId = w.chapterIds[0]!;
      const before = (await chaptersOf(archive, w.id))[0]!;
      const page = await (await clientOf(archive, w.user)).post(
        `/works/${w.id}/chapters/${chapterId}`,
        chapterForm({ title: "x".repeat(300), body: "Changed", action: "post" }),
      );
      assert.equal(page.status, 422);
      assert.deepEqual((await chaptersOf(archive, w.id))[0], before);
    });

    it("previews an edit without saving it", async () => {
      const w = await makeWork(archive.db);
      const chapterId = w.chapterIds[0]!;
      const page = await (await clientOf(archive, w.user)).post(
        `/works/${w.id}/chapters/${chapterId}`,
        chapterForm({ body: "Maybe this instead.", action: "preview" }),
      );
      assert.equal(page.status, 200);
      assert.match(page.text, /<p>Maybe this instead\.<\/p>/);
      assert.doesNotMatch((await chaptersOf(archive, w.id))[0]!.body, /Maybe/);
    });
  });
}
