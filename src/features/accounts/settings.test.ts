import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { makeUser, signInAs } from "../../../test/factories";
import { createTestArchive, type TestArchive, testDialects } from "../../../test/helpers/archive";
import { passwordQueue } from "../../deps";
import { RateLimiter } from "../../lib/ratelimit";
import { WorkQueue } from "../../lib/workqueue";
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
      // The message does not tell that the address belongs to someone.
      const message = fieldError(taken, "email") ?? "";
      assert.match(message, /can&#39;t be used for this account/);
      assert.doesNotMatch(taken.text, /already exists|another account|already taken|in use/i);
      const bad = await client.post("/account/email", { email: "nope", email_password: user.password });
      assert.equal(bad.status, 422);
      assert.match(fieldError(bad, "email") ?? "", /valid email/);
      assert.equal((await userRow(user.id)).email, user.email);
    });

    it("limits password re-checks per account with a clear 429, even for the right password", async () => {
      archive.deps.limits.passwordCheckPerAccount = new RateLimiter(2, 15 * 60_000);
      const { user, client } = await signedIn();
      const before = await userRow(user.id);
      for (let i = 0; i < 2; i++) {
        const page = await client.post("/account/email", {
          email: "guess@example.org",
          email_password: "a wrong guess",
        });
        assert.equal(page.status, 422);
      }
      const tries = [
        ["/account/email", { email: "guess@example.org", email_password: user.password }, "email_password"],
        [
          "/account/password",
          {
            current_password: user.password,
            password: "a brand new password",
            password_confirmation: "a brand new password",
          },
          "current_password",
        ],
        ["/account/delete", { works: "orphan", current_password: user.password }, "current_password"],
      ] as const;
      for (const [path, form, field] of tries) {
        const page = await client.post(path, form);
        assert.equal(page.status, 429, path);
        assert.ok(Number(page.headers.get("retry-after")) > 0, path);
        assert.match(
          fieldError(page, field) ?? "",
          /Too many password attempts\. Please wait 15 minutes/,
          path,
        );
      }
      const after = await userRow(user.id);
      assert.equal(after.email, before.email);
      assert.equal(after.password_hash, before.password_hash);
      // Another account's re-checks are its own.
      const other = await signedIn();
      const page = await other.client.post("/account/email", {
        email: "mine@example.org",
        email_password: other.user.password,
      });
      assert.equal(page.status, 303);
    });

    it("turns password checks away at once with 503 when too many wait for the hasher", async () => {
      const { client } = await signedIn();
      const queue = new WorkQueue(1, 1);
      archive.deps.passwordWork = queue;
      let release!: () => void;
      const busy = queue.run(() => new Promise<void>((resolve) => (release = resolve)));
      try {
        const form = {
          current_password: "a wrong guess",
          password: "a brand new password",
          password_confirmation: "a brand new password",
        };
        const waiting = client.post("/account/password", form);
        // Let the first request reach the queue and take its one waiting place.
        for (let i = 0; i < 1000 && queue.queued === 0; i++) await new Promise((r) => setTimeout(r, 5));
        assert.equal(queue.queued, 1);
        const turnedAway = await client.post("/account/password", form);
        assert.equal(turnedAway.status, 503);
        assert.ok(Number(turnedAway.headers.get("retry-after")) > 0);
        assert.match(turnedAway.text, /busy checking passwords/);
        release();
        assert.equal((await waiting).status, 422);
      } finally {
        release();
        await busy;
        archive.deps.passwordWork = passwordQueue();
      }
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
