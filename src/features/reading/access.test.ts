import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeDraftChapter, makeUser, makeWork, signInAs } from "../../../test/factories";
import { createTestArchive, type TestArchive, testDialects } from "../../../test/helpers/archive";
import { signInReturnTo } from "../../../test/helpers/client";

const NOTICE = /This work could have adult content/;

for (const dialect of testDialects()) {
  describe(`who may read a work (${dialect})`, () => {
    let archive: TestArchive;
    before(async () => {
      archive = await createTestArchive(dialect);
    });
    after(() => archive.close());

    async function signedIn(opts: { skipAdultNotice?: boolean } = {}) {
      const user = await makeUser(archive.db);
      if (opts.skipAdultNotice) {
        await archive.db
          .updateTable("users")
          .set({ skip_adult_notice: 1 })
          .where("id", "=", user.id)
          .execute();
      }
      const client = archive.client();
      await signInAs(archive.db, client, user);
      return client;
    }

    it("sends a guest to sign in and back from a restricted work", async () => {
      const work = await makeWork(archive.db, { restricted: true, chapters: 2 });
      const path = `/works/${work.id}/chapters/${work.chapterIds[1]}?view_adult=true`;
      const page = await archive.client().get(path);
      assert.equal(page.status, 303);
      assert.equal(signInReturnTo(page.location), path);
      const index = await archive.client().get(`/works/${work.id}/navigate`);
      assert.equal(index.status, 303);
    });

    it("shows a restricted work to a signed-in reader", async () => {
      const work = await makeWork(archive.db, { restricted: true });
      const page = await (await signedIn()).get(`/works/${work.id}`);
      assert.equal(page.status, 200);
      assert.match(page.text, /Chapter 1 begins here/);
    });

    it("hides a draft from everyone but its creators", async () => {
      const work = await makeWork(archive.db, { posted: false });
      assert.equal((await archive.client().get(`/works/${work.id}`)).status, 404);
      assert.equal((await (await signedIn()).get(`/works/${work.id}`)).status, 404);
      assert.equal((await (await signedIn()).get(`/works/${work.id}/navigate`)).status, 404);

      const creator = archive.client();
      await signInAs(archive.db, creator, work.user);
      const page = await creator.get(`/works/${work.id}`);
      assert.equal(page.status, 200);
      assert.match(page.text, /Chapter 1 begins here/);
      assert.match(page.text, /This work is a draft/);
      assert.match(page.text, new RegExp(`action="/works/${work.id}/post"`));
    });

    it("hides a work hidden by an admin", async () => {
      const work = await makeWork(archive.db);
      await archive.db.updateTable("works").set({ hidden_by_admin: 1 }).where("id", "=", work.id).execute();
      assert.equal((await archive.client().get(`/works/${work.id}`)).status, 404);
    });

    it("shows a draft chapter, marked Draft, only to the work's creators", async () => {
      const work = await makeWork(archive.db, { chapters: 2 });
      const draft = await makeDraftChapter(archive.db, work.id, {
        position: 3,
        title: "Unfinished",
        body: "<p>Not ready yet.</p>",
      });
      const path = `/works/${work.id}/chapters/${draft}`;
      assert.equal((await archive.client().get(path)).status, 404);
      const guestIndex = await archive.client().get(`/works/${work.id}/navigate`);
      assert.doesNotMatch(guestIndex.text, /Unfinished/);
      const guestLast = await archive.client().get(`/works/${work.id}/chapters/${work.chapterIds[1]}`);
      assert.doesNotMatch(guestLast.text, /Next chapter/);

      const creator = archive.client();
      await signInAs(archive.db, creator, work.user);
      const page = await creator.get(path);
      assert.equal(page.status, 200);
      assert.match(page.text, /Chapter 3: Unfinished<span class="draft"> \(Draft\)<\/span>/);
      assert.match(page.text, /Not ready yet/);
      const index = await creator.get(`/works/${work.id}/navigate`);
      assert.match(index.text, /Unfinished<\/a> <span class="draft">\(Draft\)/);
    });

    it("shows guests the adult notice before an Explicit work", async () => {
      const work = await makeWork(archive.db, { tags: { rating: ["Explicit"] } });
      const page = await archive.client().get(`/works/${work.id}`);
      assert.equal(page.status, 200);
      assert.match(page.text, NOTICE);
      assert.doesNotMatch(page.text, /Chapter 1 begins here/);
      assert.ok(page.text.includes(`href="/works/${work.id}?view_adult=true">Yes, continue`));
      assert.ok(page.text.includes(`href="/">No, go back`));
      assert.doesNotMatch(page.text, /account preferences/);

      const chapter = await archive
        .client()
        .get(`/works/${work.id}/chapters/${work.chapterIds[0]}?view_full_work=true`);
      assert.ok(
        chapter.text.includes(
          `href="/works/${work.id}/chapters/${work.chapterIds[0]}?view_full_work=true&amp;view_adult=true"`,
        ),
      );
    });

    it("shows the work once the reader continues, keeping that choice in chapter links", async () => {
      const work = await makeWork(archive.db, { chapters: 2, tags: { rating: ["Mature"] } });
      const page = await archive.client().get(`/works/${work.id}?view_adult=true`);
      assert.doesNotMatch(page.text, NOTICE);
      assert.match(page.text, /Chapter 1 begins here/);
      assert.ok(
        page.text.includes(`href="/works/${work.id}/chapters/${work.chapterIds[1]}?view_adult=true"`),
      );
    });

    it("tells a signed-in reader they can turn the notice off, and skips it once they have", async () => {
      const work = await makeWork(archive.db, { tags: { rating: ["Not Rated"] } });
      const reader = await (await signedIn()).get(`/works/${work.id}`);
      assert.match(reader.text, NOTICE);
      assert.match(reader.text, /href="\/account">account preferences/);
      const skipping = await (await signedIn({ skipAdultNotice: true })).get(`/works/${work.id}`);
      assert.doesNotMatch(skipping.text, NOTICE);
      assert.match(skipping.text, /Chapter 1 begins here/);
    });

    it("never shows the notice to the creator or on a General Audiences work", async () => {
      const explicit = await makeWork(archive.db, { tags: { rating: ["Explicit"] } });
      const creator = archive.client();
      await signInAs(archive.db, creator, explicit.user);
      assert.doesNotMatch((await creator.get(`/works/${explicit.id}`)).text, NOTICE);

      const general = await makeWork(archive.db, { tags: { rating: ["General Audiences"] } });
      const page = await archive.client().get(`/works/${general.id}`);
      assert.doesNotMatch(page.text, NOTICE);
      assert.match(page.text, /Chapter 1 begins here/);
    });
  });
}
