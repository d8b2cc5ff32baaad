import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeUser, makeWork, type TestUser } from "../../../test/factories";
import { createTestArchive, type TestArchive, testDialects } from "../../../test/helpers/archive";
import type { Viewer } from "../../context";
import { listWorkBlurbs } from "../../core/work/blurbs";
import { visibleWorks } from "../../core/work/queries";
import { pageHrefs, pageWindow } from "../../views/Pagination";

function viewerOf(user: TestUser): Viewer {
  return { id: user.id, login: user.login, isAdmin: false, isTagWrangler: false, skipAdultNotice: false };
}

describe("pagination links", () => {
  it("keeps other query parameters and drops page=1", () => {
    const href = pageHrefs("http://localhost/users/a/works?sort=kudos&page=3");
    assert.equal(href(2), "/users/a/works?sort=kudos&page=2");
    assert.equal(href(1), "/users/a/works?sort=kudos");
  });

  it("shows the first, the last and two either side of the current page", () => {
    assert.deepEqual(pageWindow(10, 20), [1, "gap", 8, 9, 10, 11, 12, "gap", 20]);
    assert.deepEqual(pageWindow(1, 3), [1, 2, 3]);
    assert.deepEqual(pageWindow(5, 6), [1, 2, 3, 4, 5, 6]);
  });
});

for (const dialect of testDialects()) {
  describe(`work listings (${dialect})`, () => {
    let archive: TestArchive;
    before(async () => {
      archive = await createTestArchive(dialect);
    });
    after(() => archive.close());

    it("lists visible works newest updated first, with tags and creators grouped per work", async () => {
      const base = Date.UTC(2030, 0, 1);
      const writer = await makeUser(archive.db);
      const older = await makeWork(archive.db, {
        user: writer,
        postedAt: base,
        tags: { character: ["Jane Bennet"], relationship: ["Jane Bennet/Charles Bingley"] },
      });
      const newer = await makeWork(archive.db, {
        user: writer,
        postedAt: base + 1000,
        tags: { freeform: ["Fluff"], category: ["F/M"] },
      });
      const { blurbs, total } = await listWorkBlurbs(archive.db, null, {
        creatorUserId: writer.id,
        page: 1,
        perPage: 10,
      });
      assert.equal(total, 2);
      assert.deepEqual(
        blurbs.map((b) => b.id),
        [newer.id, older.id],
      );
      const [first, second] = blurbs;
      assert.deepEqual(first!.tags.freeforms, ["Fluff"]);
      assert.deepEqual(first!.tags.categories, ["F/M"]);
      assert.deepEqual(first!.tags.characters, []);
      assert.deepEqual(second!.tags.characters, ["Jane Bennet"]);
      assert.deepEqual(second!.tags.relationships, ["Jane Bennet/Charles Bingley"]);
      assert.deepEqual(second!.tags.rating, ["General Audiences"]);
      assert.deepEqual(second!.creators, [{ pseud: writer.login, login: writer.login }]);
      assert.equal(second!.posted, true);
    });

    it("applies the visibility rules: restricted only for signed-in readers, never drafts or hidden works", async () => {
      const writer = await makeUser(archive.db);
      const reader = await makeUser(archive.db);
      const open = await makeWork(archive.db, { user: writer });
      const restricted = await makeWork(archive.db, { user: writer, restricted: true });
      const draft = await makeWork(archive.db, { user: writer, posted: false });
      const hidden = await makeWork(archive.db, { user: writer });
      await archive.db.updateTable("works").set({ hidden_by_admin: 1 }).where("id", "=", hidden.id).execute();

      const ids = async (viewer: Viewer | null) =>
        (await visibleWorks(archive.db, viewer).select("works.id").execute()).map((r) => r.id);
      const guest = await ids(null);
      assert.ok(guest.includes(open.id));
      assert.ok(!guest.includes(restricted.id));
      assert.ok(!guest.includes(draft.id));
      assert.ok(!guest.includes(hidden.id));
      const signedIn = await ids(viewerOf(reader));
      assert.ok(signedIn.includes(restricted.id));
      assert.ok(!signedIn.includes(draft.id));
      assert.ok(!signedIn.includes(hidden.id));
    });

    it("includes drafts only when the viewer is the creator", async () => {
      const writer = await makeUser(archive.db);
      const other = await makeUser(archive.db);
      const draft = await makeWork(archive.db, { user: writer, posted: false });
      const opts = { creatorUserId: writer.id, includeDrafts: true, page: 1, perPage: 10 };
      const own = await listWorkBlurbs(archive.db, viewerOf(writer), opts);
      const found = own.blurbs.find((b) => b.id === draft.id);
      assert.equal(found?.posted, false);
      const theirs = await listWorkBlurbs(archive.db, viewerOf(other), opts);
      assert.ok(!theirs.blurbs.some((b) => b.id === draft.id));
      const guest = await listWorkBlurbs(archive.db, null, opts);
      assert.ok(!guest.blurbs.some((b) => b.id === draft.id));
    });

    it("never lists an anonymous work under its creator, except to the creator; unfiltered it names nobody", async () => {
      const writer = await makeUser(archive.db);
      const anon = await makeWork(archive.db, { user: writer, anonymous: true });
      const byCreator = { creatorUserId: writer.id, includeAnonymous: true, page: 1, perPage: 10 };
      const forGuest = await listWorkBlurbs(archive.db, null, byCreator);
      assert.ok(!forGuest.blurbs.some((b) => b.id === anon.id));
      assert.equal(forGuest.total, 0);
      const byPseud = await listWorkBlurbs(archive.db, null, {
        pseudId: writer.pseudId,
        page: 1,
        perPage: 10,
      });
      assert.equal(byPseud.total, 0);
      const forSelf = await listWorkBlurbs(archive.db, viewerOf(writer), byCreator);
      assert.ok(forSelf.blurbs.some((b) => b.id === anon.id));

      const everyone = await listWorkBlurbs(archive.db, null, { page: 1, perPage: 100 });
      const blurb = everyone.blurbs.find((b) => b.id === anon.id);
      assert.equal(blurb?.anonymous, true);
      assert.deepEqual(blurb?.creators, []);
    });

    it("pages through a listing with a stable total", async () => {
      const writer = await makeUser(archive.db);
      for (let i = 0; i < 7; i++)
        await makeWork(archive.db, { user: writer, postedAt: Date.UTC(2031, 0, i + 1) });
      const opts = { creatorUserId: writer.id, perPage: 3 };
      const pages = await Promise.all(
        [1, 2, 3, 4].map((page) => listWorkBlurbs(archive.db, null, { ...opts, page })),
      );
      assert.deepEqual(
        pages.map((p) => p.blurbs.length),
        [3, 3, 1, 0],
      );
      assert.ok(pages.every((p) => p.total === 7));
      const ids = pages.flatMap((p) => p.blurbs.map((b) => b.id));
      assert.equal(new Set(ids).size, 7);
    });
  });
}
