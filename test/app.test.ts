import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeUser, signInAs } from "./factories";
import { createTestArchive, type TestArchive, testDialects } from "./helpers/archive";

for (const dialect of testDialects()) {
  describe(`the app shell (${dialect})`, () => {
    let archive: TestArchive;
    before(async () => {
      archive = await createTestArchive(dialect);
    });
    after(() => archive.close());

    it("answers an unknown path with the 404 page", async () => {
      const page = await archive.client().get("/no/such/page");
      assert.equal(page.status, 404);
      assert.match(page.text, /<h1>Not found<\/h1>/);
    });

    it("refuses a POST without the CSRF token and changes nothing", async () => {
      const client = archive.client();
      await client.get("/");
      const page = await client.post("/logout", { _csrf: "" });
      assert.equal(page.status, 403);
      assert.match(page.text, /form expired/);
    });

    it("answers ids beyond the id column's range with 404, never a database error", async () => {
      const client = archive.client();
      await signInAs(archive.db, client, await makeUser(archive.db));
      for (const path of [
        "/works/99999999999",
        "/works/99999999999/edit",
        "/works/99999999999/delete",
        "/works/99999999999/chapters/new",
        "/works/1/chapters/99999999999",
        "/works/1/chapters/99999999999/edit",
      ]) {
        assert.equal((await client.get(path)).status, 404, path);
      }
    });

    it("sends security headers", async () => {
      const page = await archive.client().get("/no/such/page");
      assert.match(page.headers.get("content-security-policy") ?? "", /default-src 'self'/);
      assert.equal(page.headers.get("x-frame-options"), "SAMEORIGIN");
    });

    it("seeds the fixed canonical tags", async () => {
      const rows = await archive.db
        .selectFrom("tags")
        .select(["type", "name"])
        .where("canonical", "=", 1)
        .execute();
      assert.equal(rows.filter((r) => r.type === "rating").length, 5);
      assert.equal(rows.filter((r) => r.type === "warning").length, 6);
      assert.equal(rows.filter((r) => r.type === "category").length, 6);
    });
  });
}
