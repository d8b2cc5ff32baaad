import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeUser } from "../../../test/factories";
import { createTestArchive, type TestArchive, testDialects } from "../../../test/helpers/archive";
import { CO_CREATORS_MAX } from "./schema";
import { countRows, fieldError, redirectedWorkId, signedIn, validForm } from "./testkit";

for (const dialect of testDialects()) {
  describe(`co-creators to invite (${dialect})`, () => {
    let archive: TestArchive;
    before(async () => {
      archive = await createTestArchive(dialect);
    });
    after(() => archive.close());

    const pendingOf = async (workId: number) =>
      (
        await archive.db
          .selectFrom("creatorships")
          .select("pseud_id")
          .where("work_id", "=", workId)
          .where("approved", "=", 0)
          .execute()
      ).length;

    it("invites up to 50 at once, each found by login or pseud name", async () => {
      const { user, client } = await signedIn(archive);
      const names: string[] = [];
      for (let i = 0; i < CO_CREATORS_MAX - 1; i++) names.push((await makeUser(archive.db)).login);
      await makeUser(archive.db, { pseuds: ["Quill of the Night"] });
      names.push("quill of the night");
      const page = await client.post("/works", validForm(user, { co_creators: names.join(", ") }));
      assert.equal(page.status, 303);
      assert.equal(await pendingOf(redirectedWorkId(page)), CO_CREATORS_MAX);
    });

    it("refuses more than 50 names beside the field, before looking any up, with the form's other errors", async () => {
      const { user, client } = await signedIn(archive);
      const friend = await makeUser(archive.db);
      const before = await countRows(archive);
      const names = [friend.login, ...Array.from({ length: CO_CREATORS_MAX }, (_, i) => `writer_${i}`)];
      const page = await client.post("/works", validForm(user, { title: "", co_creators: names.join(",") }));
      assert.equal(page.status, 422);
      assert.equal(fieldError(page, "co_creators"), "You can invite at most 50 co-creators to a work.");
      assert.ok(fieldError(page, "title"));
      assert.deepEqual(await countRows(archive), before);
    });

    it("answers 200,000 names with the same field error", async () => {
      const { user, client } = await signedIn(archive);
      const names = Array.from({ length: 200_000 }, (_, i) => `n${i}`).join(",");
      const page = await client.post("/works", validForm(user, { co_creators: names }));
      assert.equal(page.status, 422);
      assert.equal(fieldError(page, "co_creators"), "You can invite at most 50 co-creators to a work.");
    });

    it("reports the first name that can't be invited, whatever else the list holds", async () => {
      const { user, client } = await signedIn(archive);
      const friend = await makeUser(archive.db);
      await makeUser(archive.db, { pseuds: ["Shared Pen"] });
      await makeUser(archive.db, { pseuds: ["Shared Pen"] });
      const cases: [string, RegExp][] = [
        [`${friend.login}, nobody_at_all`, /couldn&#39;t find anyone called &quot;nobody_at_all&quot;/],
        [`shared pen, ${friend.login}`, /More than one person uses the pseud &quot;shared pen&quot;/],
        [`${friend.login}, orphan_account`, /can&#39;t be invited/],
        [user.login, /is you/],
      ];
      for (const [typed, message] of cases) {
        const page = await client.post("/works", validForm(user, { co_creators: typed }));
        assert.equal(page.status, 422, typed);
        assert.match(fieldError(page, "co_creators") ?? "", message, typed);
      }
    });
  });
}
