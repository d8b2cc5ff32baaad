import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeUser, makeWork } from "../../../test/factories";
import { createTestArchive, type TestArchive, testDialects } from "../../../test/helpers/archive";
import { chapterForm, chaptersOf, clientOf, workRow } from "../works/testkit";

const LONG_AGO = 1_000_000;

for (const dialect of testDialects()) {
  describe(`posting, deleting and ordering chapters (${dialect})`, () => {
    let archive: TestArchive;
    before(async () => {
      archive = await createTestArchive(dialect);
    });
    after(() => archive.close());

    async function makeDraftChapter(workId: number, position: number, body = "<p>Still rough here.</p>") {
      const row = await archive.db
        .insertInto("chapters")
        .values({
          work_id: workId,
          position,
          body,
          word_count: 3,
          posted: 0,
          created_at: LONG_AGO,
          updated_at: LONG_AGO,
          posted_at: null,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      return row.id;
    }

    it("posts a draft chapter of a posted work", async () => {
      const w = await makeWork(archive.db, { postedAt: LONG_AGO, expectedChapters: null });
      const draftId = await makeDraftChapter(w.id, 2);
      const client = await clientOf(archive, w.user);
      const edit = await client.get(`/works/${w.id}/chapters/${draftId}/edit`);
      assert.match(edit.text, /value="draft">\s*Save as draft/);
      const page = await client.post(`/works/${w.id}/chapters/${draftId}/post`);
      assert.equal(page.status, 303);
      assert.equal(page.location, `/works/${w.id}/chapters/${draftId}`);
      const chapter = (await chaptersOf(archive, w.id))[1]!;
      assert.equal(chapter.posted, 1);
      assert.ok(Number(chapter.posted_at) > LONG_AGO);
      const after = await workRow(archive, w.id);
      assert.equal(after.chapter_count, 2);
      assert.ok(Number(after.updated_at) > LONG_AGO);
    });

    it("posts a draft chapter from its edit form", async () => {
      const w = await makeWork(archive.db, { expectedChapters: null });
      const draftId = await makeDraftChapter(w.id, 2);
      const page = await (await clientOf(archive, w.user)).post(
        `/works/${w.id}/chapters/${draftId}`,
        chapterForm({ body: "Finished now.", action: "post" }),
      );
      assert.equal(page.status, 303);
      assert.equal((await chaptersOf(archive, w.id))[1]!.posted, 1);
      assert.equal((await workRow(archive, w.id)).chapter_count, 2);
    });

    it("refuses to post a chapter of a draft work: the work is posted from its page", async () => {
      const w = await makeWork(archive.db, { posted: false });
      const page = await (await clientOf(archive, w.user)).post(
        `/works/${w.id}/chapters/${w.chapterIds[0]}/post`,
      );
      assert.equal(page.status, 400);
      assert.match(page.text, /This work is still a draft/);
      assert.equal((await chaptersOf(archive, w.id))[0]!.posted, 0);
      assert.equal((await workRow(archive, w.id)).chapter_count, 0);
    });

    it("refuses to post another writer's chapter", async () => {
      const w = await makeWork(archive.db, { expectedChapters: null });
      const draftId = await makeDraftChapter(w.id, 2);
      const other = await clientOf(archive, await makeUser(archive.db));
      assert.equal((await other.post(`/works/${w.id}/chapters/${draftId}/post`)).status, 403);
      assert.equal((await chaptersOf(archive, w.id))[1]!.posted, 0);
    });

    it("asks before deleting, then deletes and numbers the rest 1..n", async () => {
      const w = await makeWork(archive.db, {
        chapters: 3,
        bodies: ["One.", "Two two.", "Three three three."],
      });
      const [first, second, third] = w.chapterIds;
      const client = await clientOf(archive, w.user);
      const confirm = await client.get(`/works/${w.id}/chapters/${second}/delete`);
      assert.equal(confirm.status, 200);
      assert.match(confirm.text, /<h1>Delete Chapter 2: Part 2\?<\/h1>/);
      assert.match(confirm.text, new RegExp(`action="/works/${w.id}/chapters/${second}/delete"`));
      assert.equal((await chaptersOf(archive, w.id)).length, 3);

      const page = await client.post(`/works/${w.id}/chapters/${second}/delete`);
      assert.equal(page.status, 303);
      assert.equal(page.location, `/works/${w.id}`);
      const chapters = await chaptersOf(archive, w.id);
      assert.deepEqual(
        chapters.map((c) => [c.id, c.position]),
        [
          [first, 1],
          [third, 2],
        ],
      );
      const after = await workRow(archive, w.id);
      assert.equal(after.chapter_count, 2);
      assert.equal(Number(after.word_count), 4);
    });

    it("refuses to delete a work's only chapter", async () => {
      const w = await makeWork(archive.db);
      const page = await (await clientOf(archive, w.user)).post(
        `/works/${w.id}/chapters/${w.chapterIds[0]}/delete`,
      );
      assert.equal(page.status, 400);
      assert.match(page.text, /only chapter/);
      assert.equal((await chaptersOf(archive, w.id)).length, 1);
    });

    it("refuses to delete the only posted chapter while drafts remain", async () => {
      const w = await makeWork(archive.db, { expectedChapters: null });
      await makeDraftChapter(w.id, 2);
      const page = await (await clientOf(archive, w.user)).post(
        `/works/${w.id}/chapters/${w.chapterIds[0]}/delete`,
      );
      assert.equal(page.status, 400);
      assert.match(page.text, /only posted chapter/);
      assert.equal((await chaptersOf(archive, w.id)).length, 2);
    });

    it("refuses deletion by another reader", async () => {
      const w = await makeWork(archive.db, { chapters: 2 });
      const other = await clientOf(archive, await makeUser(archive.db));
      assert.equal((await other.post(`/works/${w.id}/chapters/${w.chapterIds[0]}/delete`)).status, 403);
      assert.equal((await chaptersOf(archive, w.id)).length, 2);
    });

    it("lists chapters with a labelled number each and applies a new order", async () => {
      const w = await makeWork(archive.db, { chapters: 3 });
      const [a, b, c] = w.chapterIds as [number, number, number];
      const client = await clientOf(archive, w.user);
      const page = await client.get(`/works/${w.id}/chapters/manage`);
      assert.equal(page.status, 200);
      for (const [id, position] of [
        [a, 1],
        [b, 2],
        [c, 3],
      ]) {
        assert.match(
          page.text,
          new RegExp(`<label for="position_${id}">Number for Chapter ${position}: Part ${position}</label>`),
        );
        assert.match(
          page.text,
          new RegExp(`id="position_${id}" name="position_${id}" type="number" value="${position}"`),
        );
      }
      const saved = await client.post(`/works/${w.id}/chapters/manage`, {
        [`position_${a}`]: "3",
        [`position_${b}`]: "1",
        [`position_${c}`]: "2",
      });
      assert.equal(saved.status, 303);
      assert.deepEqual(
        (await chaptersOf(archive, w.id)).map((ch) => [ch.id, ch.position]),
        [
          [b, 1],
          [c, 2],
          [a, 3],
        ],
      );
    });

    it("refuses numbers that are not each of 1..n once, and keeps the order", async () => {
      const w = await makeWork(archive.db, { chapters: 3 });
      const [a, b, c] = w.chapterIds as [number, number, number];
      const client = await clientOf(archive, w.user);
      const repeated = await client.post(`/works/${w.id}/chapters/manage`, {
        [`position_${a}`]: "1",
        [`position_${b}`]: "1",
        [`position_${c}`]: "2",
      });
      assert.equal(repeated.status, 422);
      assert.match(repeated.text, /Give each chapter a different number from 1 to 3/);
      // The numbers as typed come back.
      assert.match(repeated.text, new RegExp(`name="position_${b}" type="number" value="1"`));
      const outOfRange = await client.post(`/works/${w.id}/chapters/manage`, {
        [`position_${a}`]: "4",
        [`position_${b}`]: "2",
        [`position_${c}`]: "1",
      });
      assert.equal(outOfRange.status, 422);
      assert.match(outOfRange.text, new RegExp(`id="position_${a}-error">Enter a number from 1 to 3`));
      const missing = await client.post(`/works/${w.id}/chapters/manage`, {
        [`position_${a}`]: "2",
        [`position_${b}`]: "1",
      });
      assert.equal(missing.status, 422);
      assert.deepEqual(
        (await chaptersOf(archive, w.id)).map((ch) => ch.id),
        [a, b, c],
      );
    });

    it("completes a work when its posted chapters reach the planned total", async () => {
      const w = await makeWork(archive.db, { chapters: 2, expectedChapters: 3 });
      assert.equal((await workRow(archive, w.id)).complete, 0);
      const client = await clientOf(archive, w.user);
      await client.post(`/works/${w.id}/chapters`, chapterForm({ body: "Not yet.", action: "draft" }));
      assert.equal((await workRow(archive, w.id)).complete, 0);
      await client.post(`/works/${w.id}/chapters`, chapterForm({ body: "The end.", action: "post" }));
      const done = await workRow(archive, w.id);
      assert.equal(done.chapter_count, 3);
      assert.equal(done.complete, 1);
      assert.equal(done.expected_chapters, 3);
    });

    it("grows the planned total when a complete work gets another chapter", async () => {
      const w = await makeWork(archive.db, { chapters: 1, expectedChapters: 1 });
      await (await clientOf(archive, w.user)).post(
        `/works/${w.id}/chapters`,
        chapterForm({ body: "An epilogue.", action: "post" }),
      );
      const after = await workRow(archive, w.id);
      assert.equal(after.chapter_count, 2);
      assert.equal(after.expected_chapters, 2);
      assert.equal(after.complete, 1);
    });

    it("reopens a complete work when a posted chapter is deleted below the planned total", async () => {
      const w = await makeWork(archive.db, { chapters: 3, expectedChapters: 3 });
      assert.equal((await workRow(archive, w.id)).complete, 1);
      await (await clientOf(archive, w.user)).post(`/works/${w.id}/chapters/${w.chapterIds[2]}/delete`);
      const after = await workRow(archive, w.id);
      assert.equal(after.chapter_count, 2);
      assert.equal(after.complete, 0);
    });
  });
}
