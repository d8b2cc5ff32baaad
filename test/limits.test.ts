import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeUser, signInAs } from "./factories";
import { createTestArchive, type TestArchive, testDialects } from "./helpers/archive";

for (const dialect of testDialects()) {
  describe(`request limits (${dialect})`, () => {
    let archive: TestArchive;
    before(async () => {
      archive = await createTestArchive(dialect);
    });
    after(() => archive.close());

    it("answers a body over the limit with the 413 page and saves nothing", async () => {
      const client = archive.client();
      await signInAs(archive.db, client, await makeUser(archive.db));
      const before = await archive.db
        .selectFrom("works")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      const page = await client.post("/works", {
        title: "Too long",
        rating: "General Audiences",
        warnings: "No Archive Warnings Apply",
        fandoms: "Dracula - Bram Stoker",
        format: "plain",
        action: "post",
        body: "x".repeat(archive.deps.config.bodyLimit + 1),
      });
      assert.equal(page.status, 413);
      assert.match(page.text, /<h1>Too large<\/h1>/);
      const after = await archive.db
        .selectFrom("works")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      assert.equal(Number(after.n), Number(before.n));
    });

    it("takes a chapter of 510,000 Chinese characters, the most one may hold", async () => {
      const client = archive.client();
      const user = await makeUser(archive.db);
      await signInAs(archive.db, client, user);
      const page = await client.post("/works", {
        title: "長篇",
        pseud_ids: String(user.pseudId),
        rating: "General Audiences",
        warnings: "No Archive Warnings Apply",
        fandoms: "西遊記 - 吳承恩",
        language: "zh",
        format: "plain",
        action: "post",
        body: "字".repeat(510_000),
      });
      assert.equal(page.status, 303, page.text.slice(0, 500));
      const id = Number(page.location?.match(/\/works\/(\d+)/)?.[1]);
      const chapter = await archive.db
        .selectFrom("chapters")
        .select("body")
        .where("work_id", "=", id)
        .executeTakeFirstOrThrow();
      assert.ok(chapter.body.includes("字".repeat(1000)));
    });
  });
}
