import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { makeUser, signInAs } from "../../../test/factories";
import { createTestArchive, type TestArchive, testDialects } from "../../../test/helpers/archive";
import { verifyPassword } from "./password";
import { fieldError, relaxLimits } from "./testkit";

for (const dialect of testDialects()) {
  describe(`account settings (${dialect})`, () => {
    let archive: TestArchive;
    before(async () => {
      archive = await createTestArchive(dialect);
    });
    after(() => archive.close());
    beforeEach(() => relaxLimits(archive));

    const userRow = (id: number) =>
      archive.db.selectFrom("users").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

    async function signedIn() {
      const user = await makeUser(archive.db);
      const client = archive.client();
      await signInAs(archive.db, client, user);
      return { user, client };
    }

    it("sends guests to sign in, and back here afterwards", async () => {
      const client = archive.client();
      const page = await client.get("/account");
      assert.equal(page.status, 303);
      assert.equal(page.location, "/login?return_to=/account");
      const del = await client.get("/account/delete");
      assert.equal(del.location, "/login?return_to=/account/delete");
      const form = await client.get(page.location!);
      assert.match(form.text, /name="return_to" value="\/account"/);
    });

    it("changes nothing for a guest's POST", async () => {
      const user = await makeUser(archive.db);
      const before = await userRow(user.id);
      const page = await archive.client().post("/account/email", {
        email: "guest@example.org",
        email_password: user.password,
      });
      assert.equal(page.status, 303);
      assert.equal((await userRow(user.id)).email, before.email);
    });

    it("shows separate forms for password, email and preferences, and a link to delete", async () => {
      const { user, client } = await signedIn();
      const page = await client.get("/account");
      assert.equal(page.status, 200);
      assert.ok(page.text.includes(user.email));
      for (const action of ["/account/password", "/account/email", "/account/preferences"])
        assert.ok(page.text.includes(`action="${action}"`), action);
      assert.match(page.text, /href="\/account\/delete"/);
    });

    it("refuses a password change with the wrong current password", async () => {
      const { user, client } = await signedIn();
      const before = await userRow(user.id);
      const page = await client.post("/account/password", {
        current_password: "not my password",
        password: "a brand new password",
        password_confirmation: "a brand new password",
      });
      assert.equal(page.status, 422);
      assert.match(fieldError(page, "current_password") ?? "", /isn&#39;t your current password/);
      assert.equal((await userRow(user.id)).password_hash, before.password_hash);
    });

    it("refuses a new password that is short or not confirmed", async () => {
      const { user, client } = await signedIn();
      const page = await client.post("/account/password", {
        current_password: user.password,
        password: "short",
        password_confirmation: "other",
      });
      assert.equal(page.status, 422);
      assert.match(fieldError(page, "password") ?? "", /at least 8/);
      assert.match(fieldError(page, "password_confirmation") ?? "", /passwords don/);
    });

    it("changes the password and ends the user's other sessions, keeping this one", async () => {
      const { user, client } = await signedIn();
      const elsewhere = archive.client();
      await signInAs(archive.db, elsewhere, user);
      const stranger = await signedIn();
      const page = await client.post("/account/password", {
        current_password: user.password,
        password: "a brand new password",
        password_confirmation: "a brand new password",
      });
      assert.equal(page.status, 303);
      assert.equal(page.location, "/account");
      assert.equal((await client.get("/account")).status, 200);
      assert.equal((await elsewhere.get("/account")).status, 303);
      assert.equal((await stranger.client.get("/account")).status, 200);
      const hash = (await userRow(user.id)).password_hash;
      assert.ok(await verifyPassword(hash, "a brand new password"));
      assert.equal(await verifyPassword(hash, user.password), false);
      const old = await archive.client().post("/login", { login: user.login, password: user.password });
      assert.equal(old.status, 422);
      const fresh = await archive
        .client()
        .post("/login", { login: user.login, password: "a brand new password" });
      assert.equal(fresh.status, 303);
    });

    it("changes the email after checking the password", async () => {
      const { user, client } = await signedIn();
      const wrong = await client.post("/account/email", {
        email: "new.address@example.org",
        email_password: "not my password",
      });
      assert.equal(wrong.status, 422);
      assert.ok(fieldError(wrong, "email_password"));
      assert.match(wrong.text, /value="new.address@example.org"/);
      assert.equal((await userRow(user.id)).email, user.email);
      const page = await client.post("/account/email", {
        email: "New.Address@Example.org",
        email_password: user.password,
      });
      assert.equal(page.status, 303);
      const row = await userRow(user.id);
      assert.equal(row.email, "New.Address@Example.org");
      assert.equal(row.email_key, "new.address@example.org");
    });

    it("refuses an email another account uses, or one that isn't an email", async () => {
      const other = await makeUser(archive.db, { email: "someone.else@example.org" });
      const { user, client } = await signedIn();
      const taken = await client.post("/account/email", {
        email: other.email.toUpperCase(),
        email_password: user.password,
      });
      assert.equal(taken.status, 422);
      assert.match(fieldError(taken, "email") ?? "", /already exists/);
      const bad = await client.post("/account/email", { email: "nope", email_password: user.password });
      assert.equal(bad.status, 422);
      assert.match(fieldError(bad, "email") ?? "", /valid email/);
      assert.equal((await userRow(user.id)).email, user.email);
    });

    it("saves the adult-content preference, on and off", async () => {
      const { user, client } = await signedIn();
      const on = await client.post("/account/preferences", { skip_adult_notice: "1" });
      assert.equal(on.status, 303);
      assert.equal((await userRow(user.id)).skip_adult_notice, 1);
      const page = await client.get("/account");
      assert.match(page.text, /name="skip_adult_notice" value="1" checked/);
      assert.match(page.text, /Your preferences have been saved\./);
      await client.post("/account/preferences", {});
      assert.equal((await userRow(user.id)).skip_adult_notice, 0);
    });
  });
}
