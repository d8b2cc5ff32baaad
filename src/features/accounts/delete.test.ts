import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { makeUser, makeWork, signInAs, type TestUser } from "../../../test/factories";
import { createTestArchive, type TestArchive, testDialects } from "../../../test/helpers/archive";
import { fieldError, relaxLimits } from "./testkit";

for (const dialect of testDialects()) {
  describe(`deleting an account (${dialect})`, () => {
    let archive: TestArchive;
    let orphanPseudId: number;
    before(async () => {
      archive = await createTestArchive(dialect);
      const row = await archive.db
        .selectFrom("pseuds")
        .innerJoin("users", "users.id", "pseuds.user_id")
        .select("pseuds.id")
        .where("users.login", "=", "orphan_account")
        .executeTakeFirstOrThrow();
      orphanPseudId = row.id;
    });
    after(() => archive.close());
    beforeEach(() => relaxLimits(archive));

    async function signedIn(opts: { admin?: boolean; pseuds?: string[] } = {}) {
      const user = await makeUser(archive.db, opts);
      const client = archive.client();
      await signInAs(archive.db, client, user);
      return { user, client };
    }

    /** Approved credits of a work, as pseud ids in order. */
    async function credits(workId: number): Promise<number[]> {
      const rows = await archive.db
        .selectFrom("creatorships")
        .select("pseud_id")
        .where("work_id", "=", workId)
        .where("approved", "=", 1)
        .orderBy("pseud_id")
        .execute();
      return rows.map((r) => r.pseud_id);
    }

    async function exists(table: "users" | "works", id: number): Promise<boolean> {
      return !!(await archive.db.selectFrom(table).select("id").where("id", "=", id).executeTakeFirst());
    }

    async function changesFor(workId: number): Promise<number> {
      const rows = await archive.db
        .selectFrom("changes")
        .select("id")
        .where("work_id", "=", workId)
        .execute();
      return rows.length;
    }

    async function secondPseud(user: TestUser): Promise<number> {
      const row = await archive.db
        .selectFrom("pseuds")
        .select("id")
        .where("user_id", "=", user.id)
        .where("is_default", "=", 0)
        .executeTakeFirstOrThrow();
      return row.id;
    }

    it("asks for the password and a choice, naming how many works are affected", async () => {
      const { user, client } = await signedIn();
      const partner = await makeUser(archive.db);
      await makeWork(archive.db, { user });
      await makeWork(archive.db, { user, coCreatorPseudIds: [partner.pseudId] });
      const page = await client.get("/account/delete");
      assert.equal(page.status, 200);
      assert.match(page.text, /only creator of 1 work and share 1 work/);
      assert.match(page.text, /type="radio" id="works-orphan" name="works" value="orphan"/);
      assert.match(page.text, /type="radio" id="works-delete" name="works" value="delete"/);
      assert.match(page.text, /<label for="current_password">Current password<\/label>/);
    });

    it("refuses a wrong password or a missing choice and deletes nothing", async () => {
      const { user, client } = await signedIn();
      const work = await makeWork(archive.db, { user });
      const wrong = await client.post("/account/delete", { works: "delete", current_password: "not mine" });
      assert.equal(wrong.status, 422);
      assert.ok(fieldError(wrong, "current_password"));
      assert.match(wrong.text, /value="delete" checked/);
      const none = await client.post("/account/delete", { current_password: user.password });
      assert.equal(none.status, 422);
      assert.match(fieldError(none, "works") ?? "", /Choose what happens to your works/);
      assert.ok(await exists("users", user.id));
      assert.ok(await exists("works", work.id));
      assert.deepEqual(await credits(work.id), [user.pseudId]);
    });

    it("orphans: works move to orphan_account, shared ones keep their other creators", async () => {
      const { user, client } = await signedIn({ pseuds: ["Second Name"] });
      const second = await secondPseud(user);
      const partner = await makeUser(archive.db);
      const sole = await makeWork(archive.db, { user });
      const shared = await makeWork(archive.db, { user, coCreatorPseudIds: [partner.pseudId] });
      const twoPseuds = await makeWork(archive.db, { user, coCreatorPseudIds: [second] });
      const alreadyOrphaned = await makeWork(archive.db, { user, coCreatorPseudIds: [orphanPseudId] });
      const draft = await makeWork(archive.db, { user, posted: false });
      const changes = await Promise.all(
        [sole, shared, twoPseuds, alreadyOrphaned].map((w) => changesFor(w.id)),
      );

      const page = await client.post("/account/delete", { works: "orphan", current_password: user.password });
      assert.equal(page.status, 303);
      assert.equal(page.location, "/");
      assert.equal(client.signedIn, false);

      assert.equal(await exists("users", user.id), false);
      const pseuds = await archive.db
        .selectFrom("pseuds")
        .select("id")
        .where("user_id", "=", user.id)
        .execute();
      assert.equal(pseuds.length, 0);
      const sessions = await archive.db
        .selectFrom("sessions")
        .select("id")
        .where("user_id", "=", user.id)
        .execute();
      assert.equal(sessions.length, 0);

      assert.deepEqual(await credits(sole.id), [orphanPseudId]);
      assert.deepEqual(
        await credits(shared.id),
        [orphanPseudId, partner.pseudId].sort((a, b) => a - b),
      );
      assert.deepEqual(await credits(twoPseuds.id), [orphanPseudId]);
      assert.deepEqual(await credits(alreadyOrphaned.id), [orphanPseudId]);
      assert.equal(await exists("works", draft.id), false);
      for (const [i, w] of [sole, shared, twoPseuds, alreadyOrphaned].entries())
        assert.ok((await changesFor(w.id)) > changes[i]!, `changes of work ${i}`);

      const home = await client.get("/");
      assert.match(home.text, /Your account has been deleted\./);
    });

    it("deletes: works only this user made are gone, co-created works survive without them", async () => {
      const { user, client } = await signedIn();
      const partner = await makeUser(archive.db);
      const sole = await makeWork(archive.db, { user, chapters: 2, tags: { freeform: ["Gone Soon"] } });
      const shared = await makeWork(archive.db, { user, coCreatorPseudIds: [partner.pseudId] });
      const unrelated = await makeWork(archive.db, { user: partner });
      const soleChanges = await changesFor(sole.id);
      const sharedChanges = await changesFor(shared.id);

      const page = await client.post("/account/delete", { works: "delete", current_password: user.password });
      assert.equal(page.status, 303);
      assert.equal(await exists("users", user.id), false);

      assert.equal(await exists("works", sole.id), false);
      const chapters = await archive.db
        .selectFrom("chapters")
        .select("id")
        .where("work_id", "=", sole.id)
        .execute();
      assert.equal(chapters.length, 0);
      const taggings = await archive.db
        .selectFrom("taggings")
        .select("tag_id")
        .where("work_id", "=", sole.id)
        .execute();
      assert.equal(taggings.length, 0);
      assert.equal(await changesFor(sole.id), soleChanges + 1);

      assert.ok(await exists("works", shared.id));
      assert.deepEqual(await credits(shared.id), [partner.pseudId]);
      assert.equal(await changesFor(shared.id), sharedChanges + 1);
      assert.ok(await exists("works", unrelated.id));
      assert.deepEqual(await credits(unrelated.id), [partner.pseudId]);
    });

    it("treats a co-creator who has not yet accepted as no co-creator", async () => {
      const { user, client } = await signedIn();
      const invited = await makeUser(archive.db);
      const work = await makeWork(archive.db, { user });
      await archive.db
        .insertInto("creatorships")
        .values({ work_id: work.id, pseud_id: invited.pseudId, approved: 0, created_at: Date.now() })
        .execute();
      await client.post("/account/delete", { works: "delete", current_password: user.password });
      assert.equal(await exists("works", work.id), false);
    });

    it("refuses to delete the archive's last admin", async () => {
      // Every other admin in this archive is demoted so that this one is the last.
      await archive.db.updateTable("users").set({ is_admin: 0 }).execute();
      const { user, client } = await signedIn({ admin: true });
      const work = await makeWork(archive.db, { user });
      const page = await client.post("/account/delete", { works: "delete", current_password: user.password });
      assert.equal(page.status, 422);
      assert.match(page.text, /only admin, so this account can&#39;t be deleted/);
      assert.ok(await exists("users", user.id));
      assert.ok(await exists("works", work.id));
      assert.ok(client.signedIn);

      const second = await makeUser(archive.db, { admin: true });
      const again = await client.post("/account/delete", {
        works: "delete",
        current_password: user.password,
      });
      assert.equal(again.status, 303);
      assert.equal(await exists("users", user.id), false);
      assert.ok(await exists("users", second.id));
    });

    it("keeps one admin when the last two delete their accounts at the same moment", async () => {
      await archive.db.updateTable("users").set({ is_admin: 0 }).execute();
      const admins = [await signedIn({ admin: true }), await signedIn({ admin: true })];
      const pages = await Promise.all(
        admins.map(({ user, client }) =>
          client.post("/account/delete", { works: "delete", current_password: user.password }),
        ),
      );
      assert.deepEqual(pages.map((p) => p.status).sort(), [303, 422]);
      const left = await archive.db.selectFrom("users").select("id").where("is_admin", "=", 1).execute();
      assert.equal(left.length, 1);
    });
  });
}
