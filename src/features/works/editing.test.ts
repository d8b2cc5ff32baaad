import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeUser, makeWork } from "../../../test/factories";
import { createTestArchive, type TestArchive, testDialects } from "../../../test/helpers/archive";
import { loadWorkAccess } from "../../core/work/queries";
import {
  changesOf,
  clientOf,
  countRows,
  fieldError,
  flashOf,
  redirectedWorkId,
  signedIn,
  tagsByType,
  validForm,
  workRow,
} from "./testkit";

const LONG_AGO = 1_000_000;

for (const dialect of testDialects()) {
  describe(`editing and deleting works (${dialect})`, () => {
    let archive: TestArchive;
    before(async () => {
      archive = await createTestArchive(dialect);
    });
    after(() => archive.close());

    it("lets the creator edit every field without moving updated_at", async () => {
      const work = await makeWork(archive.db, { chapters: 2, postedAt: LONG_AGO });
      const client = await clientOf(archive, work.user);
      const page = await client.get(`/works/${work.id}/edit`);
      assert.equal(page.status, 200);
      assert.match(page.text, /value="Sherlock Holmes - Arthur Conan Doyle"/);
      assert.match(page.text, /<option value="General Audiences" selected/);
      assert.match(page.text, /value="No Archive Warnings Apply" checked/);
      for (const id of work.chapterIds) {
        assert.match(page.text, new RegExp(`href="/works/${work.id}/chapters/${id}/edit"`));
      }
      assert.doesNotMatch(page.text, /name="body"/);
      assert.doesNotMatch(page.text, new RegExp(`action="/works/${work.id}/post"`));

      const changes = await changesOf(archive, work.id);
      const saved = await client.post(
        `/works/${work.id}`,
        validForm(work.user, {
          title: "The Renamed",
          summary: "New <b>summary</b>",
          rating: "Explicit",
          warnings: ["Underage"],
          categories: [],
          fandoms: "Good Omens",
          relationships: "Aziraphale/Crowley",
          characters: "",
          freeforms: "",
          language: "de",
          complete: "1",
          expected_chapters: "2",
          restricted: "1",
        }),
      );
      assert.equal(saved.status, 303);
      assert.equal(saved.location, `/works/${work.id}`);
      assert.equal(flashOf(saved), "Work was successfully updated.");
      const row = await workRow(archive, work.id);
      assert.equal(row.title, "The Renamed");
      assert.equal(row.title_sort, "renamed");
      assert.equal(row.summary, "<p>New <b>summary</b></p>");
      assert.equal(row.language, "de");
      assert.equal(row.complete, 1);
      assert.equal(row.restricted, 1);
      assert.equal(row.expected_chapters, 2);
      assert.equal(row.updated_at, LONG_AGO);
      assert.deepEqual(await tagsByType(archive, work.id), {
        rating: ["Explicit"],
        warning: ["Underage"],
        fandom: ["Good Omens"],
        relationship: ["Aziraphale/Crowley"],
      });
      assert.ok((await changesOf(archive, work.id)) > changes);
      // Chapter text is untouched by the work's edit form.
      const chapters = await archive.db
        .selectFrom("chapters")
        .select("body")
        .where("work_id", "=", work.id)
        .execute();
      assert.equal(chapters.length, 2);
    });

    it("re-renders the edit form with 422 and saves nothing on a bad field", async () => {
      const work = await makeWork(archive.db, { chapters: 3 });
      const client = await clientOf(archive, work.user);
      const before = await workRow(archive, work.id);
      const counts = await countRows(archive);
      const page = await client.post(
        `/works/${work.id}`,
        validForm(work.user, { title: "x".repeat(256), fandoms: "Changed Fandom" }),
      );
      assert.equal(page.status, 422);
      assert.match(fieldError(page, "title") ?? "", /255/);
      assert.match(page.text, /value="Changed Fandom"/);
      assert.deepEqual(await workRow(archive, work.id), before);
      assert.deepEqual(await countRows(archive), counts);

      const fewer = await client.post(`/works/${work.id}`, validForm(work.user, { expected_chapters: "2" }));
      assert.equal(fewer.status, 422);
      assert.match(fieldError(fewer, "expected_chapters") ?? "", /already has 3 chapters/);
    });

    it("refuses another user with 403 and a guest with a sign-in redirect", async () => {
      const work = await makeWork(archive.db);
      const stranger = await clientOf(archive, await makeUser(archive.db));
      const before = await workRow(archive, work.id);
      assert.equal((await stranger.get(`/works/${work.id}/edit`)).status, 403);
      assert.equal(
        (await stranger.post(`/works/${work.id}`, validForm(work.user, { title: "Mine now" }))).status,
        403,
      );
      assert.equal((await stranger.post(`/works/${work.id}/post`)).status, 403);
      assert.equal((await stranger.get(`/works/${work.id}/delete`)).status, 403);
      assert.equal((await stranger.post(`/works/${work.id}/delete`)).status, 403);
      assert.deepEqual(await workRow(archive, work.id), before);

      const guest = archive.client();
      const page = await guest.get(`/works/${work.id}/edit`);
      assert.equal(page.status, 303);
      assert.equal(page.location, `/login?return_to=/works/${work.id}/edit`);
      assert.equal((await guest.post(`/works/${work.id}/delete`)).status, 303);
      assert.equal((await workRow(archive, work.id)).title, before.title);
      assert.equal((await stranger.get("/works/999999/edit")).status, 404);
    });

    it("lets an admin edit a work they did not write, leaving its creators alone", async () => {
      const work = await makeWork(archive.db);
      const admin = await makeUser(archive.db, { admin: true });
      const client = await clientOf(archive, admin);
      const page = await client.get(`/works/${work.id}/edit`);
      assert.equal(page.status, 200);
      assert.doesNotMatch(page.text, /name="pseud_ids"/);
      const form = validForm(work.user, { title: "Moderated" });
      delete form.pseud_ids;
      assert.equal((await client.post(`/works/${work.id}`, form)).status, 303);
      assert.equal((await workRow(archive, work.id)).title, "Moderated");
      const access = await loadWorkAccess(archive.db, work.id);
      assert.deepEqual(access!.creatorUserIds, [work.user.id]);
    });

    it("changes which of the writer's pseuds are credited, keeping at least one creator", async () => {
      const user = await makeUser(archive.db, { pseuds: ["Other Me"] });
      const other = await archive.db
        .selectFrom("pseuds")
        .select("id")
        .where("user_id", "=", user.id)
        .where("is_default", "=", 0)
        .executeTakeFirstOrThrow();
      const work = await makeWork(archive.db, { user });
      const client = await clientOf(archive, user);
      const swapped = await client.post(
        `/works/${work.id}`,
        validForm(user, { pseud_ids: [String(other.id)] }),
      );
      assert.equal(swapped.status, 303);
      const credited = await archive.db
        .selectFrom("creatorships")
        .select(["pseud_id", "approved"])
        .where("work_id", "=", work.id)
        .execute();
      assert.deepEqual(credited, [{ pseud_id: other.id, approved: 1 }]);

      const none = await client.post(`/works/${work.id}`, validForm(user, { pseud_ids: [] }));
      assert.equal(none.status, 422);
      assert.match(fieldError(none, "pseud_ids") ?? "", /at least one creator/);
      assert.equal((await loadWorkAccess(archive.db, work.id))!.creatorUserIds.length, 1);
    });

    it("asks before deleting, then deletes the work and everything in it", async () => {
      const work = await makeWork(archive.db, { title: "Doomed <Work>", chapters: 2 });
      const client = await clientOf(archive, work.user);
      const confirm = await client.get(`/works/${work.id}/delete`);
      assert.equal(confirm.status, 200);
      assert.match(confirm.text, /Delete <strong>Doomed &lt;Work&gt;<\/strong>\? This cannot be undone\./);
      assert.match(confirm.text, new RegExp(`<form method="post" action="/works/${work.id}/delete"`));
      assert.ok(
        await archive.db.selectFrom("works").select("id").where("id", "=", work.id).executeTakeFirst(),
      );

      const changes = await changesOf(archive, work.id);
      const page = await client.post(`/works/${work.id}/delete`);
      assert.equal(page.status, 303);
      assert.equal(page.location, `/users/${work.user.login}/works`);
      assert.match(flashOf(page) ?? "", /Doomed <Work>.* was deleted/);
      assert.equal(
        await archive.db.selectFrom("works").select("id").where("id", "=", work.id).executeTakeFirst(),
        undefined,
      );
      for (const table of ["chapters", "creatorships", "taggings"] as const) {
        const rows = await archive.db
          .selectFrom(table)
          .select("work_id")
          .where("work_id", "=", work.id)
          .execute();
        assert.equal(rows.length, 0, table);
      }
      assert.equal(await changesOf(archive, work.id), changes + 1);
      assert.equal((await client.get(`/works/${work.id}/edit`)).status, 404);
    });

    it("credits an invited co-creator only once they accept", async () => {
      const { user, client } = await signedIn(archive);
      const friend = await makeUser(archive.db);
      const friendClient = await clientOf(archive, friend);
      const id = redirectedWorkId(
        await client.post(
          "/works",
          validForm(user, { title: "Written Together", co_creators: friend.login }),
        ),
      );
      assert.deepEqual((await loadWorkAccess(archive.db, id))!.creatorUserIds, [user.id]);
      assert.equal((await friendClient.get(`/works/${id}/edit`)).status, 403);

      const list = await friendClient.get("/creatorships");
      assert.equal(list.status, 200);
      assert.match(list.text, /Written Together/);
      assert.match(list.text, new RegExp(`by ${user.login}`));
      const invitation = await archive.db
        .selectFrom("creatorships")
        .select("id")
        .where("work_id", "=", id)
        .where("pseud_id", "=", friend.pseudId)
        .executeTakeFirstOrThrow();
      assert.match(list.text, new RegExp(`action="/creatorships/${invitation.id}/accept"`));
      // The inviter has nothing to answer, and cannot answer for the friend.
      assert.doesNotMatch((await client.get("/creatorships")).text, /Written Together/);
      assert.equal((await client.post(`/creatorships/${invitation.id}/accept`)).status, 404);
      assert.deepEqual((await loadWorkAccess(archive.db, id))!.creatorUserIds, [user.id]);

      const changes = await changesOf(archive, id);
      const accepted = await friendClient.post(`/creatorships/${invitation.id}/accept`);
      assert.equal(accepted.status, 303);
      assert.deepEqual(
        (await loadWorkAccess(archive.db, id))!.creatorUserIds.sort(),
        [user.id, friend.id].sort(),
      );
      assert.equal(await changesOf(archive, id), changes + 1);
      assert.equal((await friendClient.get(`/works/${id}/edit`)).status, 200);
      assert.doesNotMatch((await friendClient.get("/creatorships")).text, /Written Together/);
      assert.equal((await friendClient.post(`/creatorships/${invitation.id}/accept`)).status, 404);
    });

    it("removes a rejected invitation", async () => {
      const work = await makeWork(archive.db);
      const friend = await makeUser(archive.db);
      const client = await clientOf(archive, work.user);
      const invited = await client.post(
        `/works/${work.id}`,
        validForm(work.user, { co_creators: friend.login }),
      );
      assert.equal(invited.status, 303);
      const row = await archive.db
        .selectFrom("creatorships")
        .select(["id", "approved"])
        .where("work_id", "=", work.id)
        .where("pseud_id", "=", friend.pseudId)
        .executeTakeFirstOrThrow();
      assert.equal(row.approved, 0);

      const stranger = await clientOf(archive, await makeUser(archive.db));
      assert.equal((await stranger.post(`/creatorships/${row.id}/reject`)).status, 404);
      const friendClient = await clientOf(archive, friend);
      const page = await friendClient.post(`/creatorships/${row.id}/reject`);
      assert.equal(page.status, 303);
      const left = await archive.db
        .selectFrom("creatorships")
        .select("id")
        .where("id", "=", row.id)
        .execute();
      assert.equal(left.length, 0);
      assert.deepEqual((await loadWorkAccess(archive.db, work.id))!.creatorUserIds, [work.user.id]);
    });

    it("makes an unknown or self-naming co-creator a field error when editing", async () => {
      const work = await makeWork(archive.db);
      const client = await clientOf(archive, work.user);
      const counts = await countRows(archive);
      const unknown = await client.post(
        `/works/${work.id}`,
        validForm(work.user, { co_creators: "no_such_writer" }),
      );
      assert.equal(unknown.status, 422);
      assert.match(fieldError(unknown, "co_creators") ?? "", /no_such_writer/);
      const self = await client.post(
        `/works/${work.id}`,
        validForm(work.user, { co_creators: work.user.login }),
      );
      assert.equal(self.status, 422);
      assert.match(fieldError(self, "co_creators") ?? "", /is you/);
      assert.deepEqual(await countRows(archive), counts);
    });

    it("shows a sign-in redirect to guests on the invitations page", async () => {
      const page = await archive.client().get("/creatorships");
      assert.equal(page.status, 303);
      assert.equal(page.location, "/login?return_to=/creatorships");
    });
  });
}
