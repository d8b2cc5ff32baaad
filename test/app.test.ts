import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createApp } from "../src/app";
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

    it("sends security headers, on pages and on scripts and styles alike", async () => {
      for (const path of ["/no/such/page", "/", "/assets/quire.css"]) {
        const page = await archive.client().get(path);
        if (path.startsWith("/assets")) assert.equal(page.status, 200, path);
        assert.match(page.headers.get("content-security-policy") ?? "", /default-src 'self'/, path);
        assert.match(page.headers.get("content-security-policy") ?? "", /frame-ancestors 'none'/, path);
        assert.equal(page.headers.get("x-frame-options"), "DENY", path);
        assert.equal(page.headers.get("x-content-type-options"), "nosniff", path);
        // Plain http by default: no promise that the archive is served over https.
        assert.equal(page.headers.get("strict-transport-security"), null, path);
      }
    });

    it("sends Strict-Transport-Security only when the archive is served over https", async () => {
      const secure = createApp({ ...archive.deps, config: { ...archive.deps.config, secureCookies: true } });
      const res = await secure.request("/");
      assert.match(res.headers.get("strict-transport-security") ?? "", /max-age=\d+/);
    });

    it("keeps signed-in pages out of every cache in between; guest pages are as before", async () => {
      const user = await makeUser(archive.db);
      const client = archive.client();
      const guestPage = await client.get("/");
      assert.doesNotMatch(guestPage.headers.get("cache-control") ?? "", /private|no-store/);
      await signInAs(archive.db, client, user);
      for (const path of ["/", "/account", `/users/${user.login}`, "/works", "/no/such/page"]) {
        const page = await client.get(path);
        assert.equal(page.headers.get("cache-control"), "private, no-store", path);
      }
    });

    it("refuses a page number past the last page a listing has, naming the parameter", async () => {
      const client = archive.client();
      assert.equal((await client.get("/works?page=100000")).status, 200);
      for (const path of ["/works?page=100001", "/works?page=999999", "/tags/Some%20Tag/works?page=100001"]) {
        const page = await client.get(path);
        assert.equal(page.status, 400, path);
        assert.match(
          page.text,
          /The &quot;page&quot; parameter must be a whole number from 1 to 100,000\./,
          path,
        );
      }
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
