import assert from "node:assert/strict";
import { after, before, beforeEach, describe, it } from "node:test";
import { makeUser } from "../../../test/factories";
import { createTestArchive, type TestArchive, testDialects } from "../../../test/helpers/archive";
import { RateLimiter } from "../../lib/ratelimit";
import { verifyPassword } from "./password";
import { countRows, fieldError, relaxLimits } from "./testkit";

const form = (login: string, over: Record<string, string> = {}) => ({
  login,
  email: `${login}@example.org`,
  password: "a long enough secret",
  password_confirmation: "a long enough secret",
  ...over,
});

for (const dialect of testDialects()) {
  describe(`signing up (${dialect})`, () => {
    let archive: TestArchive;
    before(async () => {
      archive = await createTestArchive(dialect);
    });
    after(() => archive.close());
    beforeEach(() => relaxLimits(archive));

    it("shows a labelled form", async () => {
      const page = await archive.client().get("/signup");
      assert.equal(page.status, 200);
      assert.match(page.text, /<label for="login">Login name<\/label>/);
      assert.match(page.text, /<label for="password_confirmation">Confirm password<\/label>/);
      assert.match(page.text, /name="_csrf"/);
    });

    it("creates the user and a default pseud, signs them in and sends them to their page", async () => {
      const client = archive.client();
      const page = await client.post("/signup", form("New_Writer", { email: "New.Writer@Example.org" }));
      assert.equal(page.status, 303);
      assert.equal(page.location, "/users/New_Writer");
      const user = await archive.db
        .selectFrom("users")
        .selectAll()
        .where("login", "=", "New_Writer")
        .executeTakeFirstOrThrow();
      assert.equal(user.login_key, "new_writer");
      assert.equal(user.email, "New.Writer@Example.org");
      assert.equal(user.email_key, "new.writer@example.org");
      assert.equal(user.is_admin, 0);
      assert.ok(await verifyPassword(user.password_hash, "a long enough secret"));
      const pseuds = await archive.db
        .selectFrom("pseuds")
        .selectAll()
        .where("user_id", "=", user.id)
        .execute();
      assert.deepEqual(
        pseuds.map((p) => [p.name, p.is_default]),
        [["New_Writer", 1]],
      );
      assert.ok(client.signedIn);
      const account = await client.get("/account");
      assert.equal(account.status, 200);
      assert.match(account.text, /Welcome to Quire, New_Writer!/);
    });

    it("counts the browser that signed up as one the account signs in from", async () => {
      const client = archive.client();
      assert.equal((await client.post("/signup", form("Braked_Writer"))).status, 303);
      await client.post("/logout");
      archive.deps.limits.signInPerLogin = new RateLimiter(0, 60 * 60_000);
      const elsewhere = await archive
        .client()
        .post("/login", { login: "Braked_Writer", password: "a long enough secret" });
      assert.equal(elsewhere.status, 429);
      const here = await client.post("/login", { login: "Braked_Writer", password: "a long enough secret" });
      assert.equal(here.status, 303);
    });

    it("refuses a login name taken in another case, beside the field, and saves nothing", async () => {
      await makeUser(archive.db, { login: "Taken_Name" });
      const users = await countRows(archive, "users");
      const page = await archive.client().post("/signup", form("taken_NAME", { email: "fresh@example.org" }));
      assert.equal(page.status, 422);
      assert.match(fieldError(page, "login") ?? "", /already taken/);
      assert.equal(fieldError(page, "email"), null);
      assert.equal(await countRows(archive, "users"), users);
    });

    it("refuses the system account's name", async () => {
      const page = await archive.client().post("/signup", form("Orphan_Account"));
      assert.equal(page.status, 422);
      assert.match(fieldError(page, "login") ?? "", /already taken/);
    });

    it("refuses an email already used, whatever its case", async () => {
      await makeUser(archive.db, { login: "mailowner", email: "owner@example.org" });
      const users = await countRows(archive, "users");
      const page = await archive.client().post("/signup", form("mailcopier", { email: "OWNER@example.ORG" }));
      assert.equal(page.status, 422);
      assert.match(fieldError(page, "email") ?? "", /already exists/);
      assert.equal(await countRows(archive, "users"), users);
    });

    it("puts each bad field's message beside it, keeps what was typed but the passwords", async () => {
      const users = await countRows(archive, "users");
      const pseuds = await countRows(archive, "pseuds");
      const client = archive.client();
      const page = await client.post("/signup", {
        login: "ab",
        email: "not-an-email",
        password: "short",
        password_confirmation: "different",
      });
      assert.equal(page.status, 422);
      assert.match(fieldError(page, "login") ?? "", /at least 3 characters/);
      assert.match(fieldError(page, "email") ?? "", /valid email/);
      assert.match(fieldError(page, "password") ?? "", /at least 8 characters/);
      assert.match(fieldError(page, "password_confirmation") ?? "", /The two passwords don/);
      assert.match(page.text, /aria-describedby="login-hint login-error"/);
      assert.match(page.text, /value="not-an-email"/);
      assert.doesNotMatch(page.text, /value="short"/);
      assert.equal(await countRows(archive, "users"), users);
      assert.equal(await countRows(archive, "pseuds"), pseuds);
      assert.equal(client.signedIn, false);
    });

    it("refuses login names with other characters or too long, and over-long passwords", async () => {
      const spaced = await archive.client().post("/signup", form("has-dash"));
      assert.equal(spaced.status, 422);
      assert.match(fieldError(spaced, "login") ?? "", /letters, digits and underscores/);
      const long = await archive.client().post("/signup", form("x".repeat(41)));
      assert.match(fieldError(long, "login") ?? "", /at most 40/);
      const big = "p".repeat(201);
      const pw = await archive
        .client()
        .post("/signup", form("bigpassword", { password: big, password_confirmation: big }));
      assert.equal(pw.status, 422);
      assert.match(fieldError(pw, "password") ?? "", /at most 200/);
    });

    it("answers 429 once an address has signed up too often, and saves nothing", async () => {
      archive.deps.limits.signUpPerIp = new RateLimiter(2, 60 * 60_000);
      assert.equal((await archive.client().post("/signup", form("limited_one"))).status, 303);
      assert.equal((await archive.client().post("/signup", form("limited_two"))).status, 303);
      const users = await countRows(archive, "users");
      const page = await archive.client().post("/signup", form("limited_three"));
      assert.equal(page.status, 429);
      assert.match(page.text, /Too many sign-ups from your network\. Please wait \d+ minutes? and try again/);
      assert.ok(Number(page.headers.get("retry-after")) > 0);
      assert.equal(await countRows(archive, "users"), users);
    });
  });
}
