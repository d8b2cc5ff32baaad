import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { relaxLimits } from "../src/features/accounts/testkit";
import { makeUser, makeWork } from "./factories";
import { createTestArchive, type TestArchive, testDialects } from "./helpers/archive";

const NUL_ADDRESS = /The address contains a NUL character/;

for (const dialect of testDialects()) {
  describe(`input no handler can use (${dialect})`, () => {
    let archive: TestArchive;
    before(async () => {
      archive = await createTestArchive(dialect);
    });
    after(() => archive.close());
    beforeEach(() => relaxLimits(archive));

    it("removes a NUL from form fields: sign-in, sign-up and a signed-in form work as without it", async () => {
      const user = await makeUser(archive.db);
      const client = archive.client();
      const signIn = await client.post("/login", { login: `${user.login}\u0000`, password: user.password });
      assert.equal(signIn.status, 303);
      assert.equal(client.signedIn, true);
      const other = archive.client();
      const signUp = await other.post("/signup", {
        login: "nul\u0000reader",
        email: "nul@example.org",
        password: "long enough password",
        password_confirmation: "long enough password",
      });
      assert.equal(signUp.status, 303);
      const row = await archive.db
        .selectFrom("users")
        .select("login")
        .where("email_key", "=", "nul@example.org")
        .executeTakeFirstOrThrow();
      assert.equal(row.login, "nulreader");
      const page = await client.post("/account/email", {
        email: "new\u0000@example.org",
        email_password: user.password,
      });
      assert.equal(page.status, 303);
      const changed = await archive.db
        .selectFrom("users")
        .select("email")
        .where("id", "=", user.id)
        .executeTakeFirstOrThrow();
      assert.equal(changed.email, "new@example.org");
    });

    it("answers a NUL anywhere in the address with the 400 page", async () => {
      const user = await makeUser(archive.db);
      await makeWork(archive.db, { user });
      await archive.refreshIndex();
      const client = archive.client();
      for (const path of [
        `/users/${user.login}%00`,
        `/users/${user.login}%00/works`,
        `/users/${user.login}/pseuds/a%00b`,
        `/users/${user.login}/pseuds/a%00b/works`,
        "/tags/Some%00Tag",
        "/tags/Some%00Tag/works",
        "/works?work_search%5Bquery%5D=a%00b",
        "/works?work_search%5Bother_tag_names%5D=a%00b",
        "/autocomplete/fandom?term=a%00",
        "/login?return_to=/works%00",
      ]) {
        const page = await client.get(path);
        assert.equal(page.status, 400, path);
        assert.match(page.text, NUL_ADDRESS, path);
      }
      // "%25" is a percent sign, not a NUL: such a name is simply not found.
      assert.equal((await client.get("/users/%2500")).status, 404);
    });

    it("answers a broken multipart body with the 400 page, before the CSRF check", async () => {
      const client = archive.client();
      await client.get("/");
      for (const body of [
        "not a multipart body at all",
        '--x\r\nContent-Disposition: form-data; name="login"\r\n\r\nadm',
      ]) {
        const page = await client.send("/login", {
          method: "POST",
          headers: { "content-type": "multipart/form-data; boundary=x" },
          body,
        });
        assert.equal(page.status, 400);
        assert.match(page.text, /The form could not be read\. Reload the page and try again\./);
      }
    });

    it("still reads a well-formed multipart form", async () => {
      const user = await makeUser(archive.db);
      const client = archive.client();
      await client.get("/");
      const form = new FormData();
      form.append("_csrf", client.csrf);
      form.append("login", user.login);
      form.append("password", user.password);
      const page = await client.send("/login", { method: "POST", body: form });
      assert.equal(page.status, 303);
      assert.equal(client.signedIn, true);
    });
  });
}
