import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { makeUser, signInAs } from "../../../test/factories";
import { createTestArchive, type TestArchive, testDialects } from "../../../test/helpers/archive";
import { RateLimiter } from "../../lib/ratelimit";
import { relaxLimits } from "./testkit";

const WRONG = "The login name or password is incorrect.";

for (const dialect of testDialects()) {
  describe(`signing in and out (${dialect})`, () => {
    let archive: TestArchive;
    before(async () => {
      archive = await createTestArchive(dialect);
    });
    after(() => archive.close());
    beforeEach(() => {
      relaxLimits(archive);
      archive.deps.config.trustProxy = 0;
    });

    async function sessionsOf(userId: number) {
      const rows = await archive.db
        .selectFrom("sessions")
        .select("id")
        .where("user_id", "=", userId)
        .execute();
      return rows.length;
    }

    it("signs in by login name, in any case", async () => {
      const user = await makeUser(archive.db, { login: "Mixed_Case" });
      const client = archive.client();
      const page = await client.post("/login", { login: "mixed_case", password: user.password });
      assert.equal(page.status, 303);
      assert.equal(page.location, "/");
      assert.equal(await sessionsOf(user.id), 1);
      assert.equal((await client.get("/account")).status, 200);
    });

    it("signs in by email, in any case", async () => {
      const user = await makeUser(archive.db, { email: "Reader.Mail@example.org" });
      const client = archive.client();
      const page = await client.post("/login", {
        login: " READER.MAIL@example.org ",
        password: user.password,
      });
      assert.equal(page.status, 303);
      assert.equal(await sessionsOf(user.id), 1);
    });

    it("refuses a wrong password or an unknown name with one message that names neither", async () => {
      const user = await makeUser(archive.db);
      const client = archive.client();
      const wrong = await client.post("/login", { login: user.login, password: "not the password" });
      assert.equal(wrong.status, 422);
      assert.ok(wrong.text.includes(WRONG));
      assert.match(wrong.text, new RegExp(`value="${user.login}"`));
      const unknown = await client.post("/login", { login: "nobody_here", password: "not the password" });
      assert.equal(unknown.status, 422);
      assert.ok(unknown.text.includes(WRONG));
      assert.equal(client.signedIn, false);
      assert.equal(await sessionsOf(user.id), 0);
    });

    it("asks for both fields beside them", async () => {
      const page = await archive.client().post("/login", { login: "", password: "" });
      assert.equal(page.status, 422);
      assert.match(page.text, /id="login-error">Enter your login name or email\./);
      assert.match(page.text, /id="password-error">Enter your password\./);
    });

    it("returns to the page the reader came from", async () => {
      const user = await makeUser(archive.db);
      const client = archive.client();
      const form = await client.get("/login?return_to=%2Fworks%2F5%3Fview_adult%3Dtrue");
      assert.match(form.text, /<input type="hidden" name="return_to" value="\/works\/5\?view_adult=true"/);
      const page = await client.post("/login", {
        login: user.login,
        password: user.password,
        return_to: "/works/5?view_adult=true",
      });
      assert.equal(page.status, 303);
      assert.equal(page.location, "/works/5?view_adult=true");
    });

    it("refuses to send the reader to another site", async () => {
      const user = await makeUser(archive.db);
      const form = await archive.client().get("/login?return_to=%2F%2Fevil.example%2F");
      assert.match(form.text, /name="return_to" value="\/"/);
      for (const target of [
        "https://evil.example/",
        "//evil.example/",
        "/\\evil.example",
        "/\t/evil.example",
        "javascript:alert(1)",
      ]) {
        const page = await archive
          .client()
          .post("/login", { login: user.login, password: user.password, return_to: target });
        assert.equal(page.status, 303, target);
        assert.equal(page.location, "/", target);
      }
    });

    it("answers 429 after too many attempts on one login name from one address", async () => {
      archive.deps.config.trustProxy = 1;
      archive.deps.limits.signInPerLoginAndIp = new RateLimiter(2, 5 * 60_000);
      const user = await makeUser(archive.db);
      const other = await makeUser(archive.db);
      const client = archive.client();
      client.setHeader("x-forwarded-for", "203.0.113.9");
      for (let i = 0; i < 2; i++) {
        const page = await client.post("/login", { login: user.login, password: "guess number one" });
        assert.equal(page.status, 422);
      }
      const blocked = await client.post("/login", {
        login: user.login.toUpperCase(),
        password: user.password,
      });
      assert.equal(blocked.status, 429);
      assert.match(blocked.text, /Too many sign-in attempts\. Please wait 5 minutes and try again\./);
      assert.ok(Number(blocked.headers.get("retry-after")) > 0);
      assert.equal(client.signedIn, false);
      // Another account is not held back by it.
      const fine = await client.post("/login", { login: other.login, password: other.password });
      assert.equal(fine.status, 303);
    });

    it("does not lock the owner out when a stranger guesses their password", async () => {
      archive.deps.config.trustProxy = 1;
      archive.deps.limits.signInPerLoginAndIp = new RateLimiter(3, 5 * 60_000);
      const user = await makeUser(archive.db);
      const stranger = archive.client();
      stranger.setHeader("x-forwarded-for", "203.0.113.9");
      for (let i = 0; i < 10; i++)
        await stranger.post("/login", { login: user.login, password: "a wrong guess" });
      const held = await stranger.post("/login", { login: user.login, password: "another guess" });
      assert.equal(held.status, 429);
      const owner = archive.client();
      owner.setHeader("x-forwarded-for", "198.51.100.7");
      const page = await owner.post("/login", { login: user.login, password: user.password });
      assert.equal(page.status, 303);
      assert.equal(await sessionsOf(user.id), 1);
    });

    it("brakes guesses from many addresses, except in a browser the account signed in from before", async () => {
      archive.deps.config.trustProxy = 1;
      const user = await makeUser(archive.db);
      const owner = archive.client();
      owner.setHeader("x-forwarded-for", "198.51.100.7");
      assert.equal((await owner.post("/login", { login: user.login, password: user.password })).status, 303);
      await owner.post("/logout");
      archive.deps.limits.signInPerLogin = new RateLimiter(5, 60 * 60_000);
      for (let i = 0; i < 5; i++) {
        const stranger = archive.client();
        stranger.setHeader("x-forwarded-for", `203.0.113.${i + 1}`);
        const page = await stranger.post("/login", { login: user.login, password: "a wrong guess" });
        assert.equal(page.status, 422);
      }
      const newBrowser = archive.client();
      newBrowser.setHeader("x-forwarded-for", "203.0.113.99");
      const braked = await newBrowser.post("/login", { login: user.login, password: user.password });
      assert.equal(braked.status, 429);
      assert.match(braked.text, /Too many sign-in attempts for this account/);
      assert.ok(Number(braked.headers.get("retry-after")) > 0);
      // The owner's own browser, even from a new address, is not held.
      owner.setHeader("x-forwarded-for", "192.0.2.44");
      const page = await owner.post("/login", { login: user.login, password: user.password });
      assert.equal(page.status, 303);
      assert.equal(owner.signedIn, true);
      // The browser's cookie marks it for that account only.
      const other = await makeUser(archive.db);
      for (let i = 0; i < 6; i++) {
        const stranger = archive.client();
        stranger.setHeader("x-forwarded-for", `203.0.114.${i + 1}`);
        await stranger.post("/login", { login: other.login, password: "a wrong guess" });
      }
      const otherPage = await owner.post("/login", { login: other.login, password: other.password });
      assert.equal(otherPage.status, 429);
    });

    it("takes the address our proxies appended, never one the client made up", async () => {
      const user = await makeUser(archive.db);
      for (const [proxies, real] of [
        [1, (spoof: string) => `${spoof}, 203.0.113.9`],
        [2, (spoof: string) => `${spoof}, 203.0.113.10, 10.0.0.2`],
      ] as const) {
        archive.deps.config.trustProxy = proxies;
        archive.deps.limits.signInPerLoginAndIp = new RateLimiter(2, 5 * 60_000);
        const statuses: number[] = [];
        for (let i = 0; i < 3; i++) {
          const client = archive.client();
          client.setHeader("x-forwarded-for", real(`192.0.2.${i + 1}`));
          statuses.push((await client.post("/login", { login: user.login, password: "a guess" })).status);
        }
        assert.deepEqual(statuses, [422, 422, 429], `${proxies} proxies`);
      }
      // Without a proxy the header is ignored: the socket's address counts.
      archive.deps.config.trustProxy = 0;
      archive.deps.limits.signInPerLoginAndIp = new RateLimiter(2, 5 * 60_000);
      const statuses: number[] = [];
      for (let i = 0; i < 3; i++) {
        const client = archive.client();
        client.setHeader("x-forwarded-for", `192.0.2.${i + 1}`);
        statuses.push((await client.post("/login", { login: user.login, password: "a guess" })).status);
      }
      assert.deepEqual(statuses, [422, 422, 429]);
    });

    it("answers 429 after too many attempts from one address, whatever the name", async () => {
      archive.deps.limits.signInPerIp = new RateLimiter(3, 5 * 60_000);
      const user = await makeUser(archive.db);
      for (const name of ["first_guess", "second_guess", "third_guess"]) {
        const page = await archive.client().post("/login", { login: name, password: "some password" });
        assert.equal(page.status, 422);
      }
      const blocked = await archive.client().post("/login", { login: user.login, password: user.password });
      assert.equal(blocked.status, 429);
      assert.match(blocked.text, /Please wait \d+ minutes? and try again/);
      assert.equal(await sessionsOf(user.id), 0);
    });

    it("never signs in the orphan account", async () => {
      const orphan = await archive.db
        .selectFrom("users")
        .select(["id", "password_hash"])
        .where("login_key", "=", "orphan_account")
        .executeTakeFirstOrThrow();
      assert.equal(orphan.password_hash, "");
      for (const password of ["", "orphan_account", "anything at all"]) {
        const page = await archive.client().post("/login", { login: "orphan_account", password });
        assert.equal(page.status, 422);
        assert.equal(page.location, null);
      }
      assert.equal(await sessionsOf(orphan.id), 0);
    });

    it("gives a fresh session at sign-in and drops the one the browser held", async () => {
      const user = await makeUser(archive.db);
      const client = archive.client();
      await signInAs(archive.db, client, user);
      assert.equal(await sessionsOf(user.id), 1);
      const page = await client.post("/login", { login: user.login, password: user.password });
      assert.equal(page.status, 303);
      assert.equal(await sessionsOf(user.id), 1);
      assert.equal((await client.get("/account")).status, 200);
    });

    it("signs out: the session ends and the account page asks to sign in", async () => {
      const user = await makeUser(archive.db);
      const client = archive.client();
      await client.post("/login", { login: user.login, password: user.password });
      assert.equal(await sessionsOf(user.id), 1);
      const page = await client.post("/logout");
      assert.equal(page.status, 303);
      assert.equal(page.location, "/");
      assert.equal(client.signedIn, false);
      assert.equal(await sessionsOf(user.id), 0);
      const account = await client.get("/account");
      assert.equal(account.status, 303);
    });
  });
}
