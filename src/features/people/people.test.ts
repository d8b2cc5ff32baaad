import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeUser, makeWork, signInAs } from "../../../test/factories";
import { createTestArchive, type TestArchive, testDialects } from "../../../test/helpers/archive";

const blurbCount = (html: string) => (html.match(/<li class="work blurb/g) ?? []).length;

for (const dialect of testDialects()) {
  describe(`people pages (${dialect})`, () => {
    let archive: TestArchive;
    before(async () => {
      archive = await createTestArchive(dialect);
    });
    after(() => archive.close());

    it("shows a profile with the date joined, pseuds and the 5 newest works", async () => {
      const user = await makeUser(archive.db, { pseuds: ["Quill Name"] });
      for (let i = 0; i < 7; i++) {
        await makeWork(archive.db, { user, title: `Profile Work ${i}`, postedAt: Date.UTC(2030, 1, i + 1) });
      }
      const page = await archive.client().get(`/users/${user.login}`);
      assert.equal(page.status, 200);
      assert.match(page.text, new RegExp(`<h1>${user.login}</h1>`));
      assert.match(page.text, /Joined:/);
      assert.match(page.text, new RegExp(`href="/users/${user.login}/pseuds/Quill%20Name">Quill Name</a>`));
      assert.equal(blurbCount(page.text), 5);
      assert.ok(page.text.includes("Profile Work 6"));
      assert.ok(!page.text.includes("Profile Work 1<"));
      assert.match(
        page.text,
        new RegExp(`href="/users/${user.login}/works">All works by ${user.login} \\(7\\)`),
      );
    });

    it("finds a user whatever the case of the login in the address", async () => {
      const user = await makeUser(archive.db, { login: `MixedCase${process.pid}` });
      const page = await archive.client().get(`/users/${user.login.toLowerCase()}`);
      assert.equal(page.status, 200);
      assert.match(page.text, new RegExp(`<h1>${user.login}</h1>`));
    });

    it("answers 404 for an unknown user or pseud", async () => {
      const client = archive.client();
      assert.equal((await client.get("/users/nobody-here-at-all")).status, 404);
      assert.equal((await client.get("/users/nobody-here-at-all/works")).status, 404);
      assert.equal((await client.get("/users/nobody-here-at-all/pseuds")).status, 404);
      const user = await makeUser(archive.db);
      assert.equal((await client.get(`/users/${user.login}/pseuds/No%20Such%20Pseud`)).status, 404);
    });

    it("hides a user's anonymous works and drafts from others, and shows both to the user as My works", async () => {
      const user = await makeUser(archive.db);
      await makeWork(archive.db, { user, title: "Public Piece" });
      await makeWork(archive.db, { user, title: "Secret Gift", anonymous: true });
      await makeWork(archive.db, { user, title: "Half Written", posted: false });

      const other = archive.client();
      await signInAs(archive.db, other, await makeUser(archive.db));
      for (const client of [archive.client(), other]) {
        const page = await client.get(`/users/${user.login}/works`);
        assert.equal(page.status, 200);
        assert.match(page.text, new RegExp(`<h1>1 Work by ${user.login}</h1>`));
        assert.ok(page.text.includes("Public Piece"));
        assert.ok(!page.text.includes("Secret Gift"));
        assert.ok(!page.text.includes("Half Written"));
        assert.equal(blurbCount(page.text), 1);
      }
      const profile = await other.get(`/users/${user.login}`);
      assert.ok(!profile.text.includes("Secret Gift"));

      const self = archive.client();
      await signInAs(archive.db, self, user);
      const mine = await self.get(`/users/${user.login}/works`);
      assert.match(mine.text, /<title>My works \| Quire<\/title>/);
      assert.match(mine.text, new RegExp(`<h1>2 Works by ${user.login}</h1>`));
      assert.equal(blurbCount(mine.text), 3);
      assert.ok(mine.text.includes("Secret Gift"));
      const draft = mine.text.slice(mine.text.indexOf("Half Written"));
      assert.match(draft.slice(0, draft.indexOf("</h3>")), /Draft/);
    });

    it("pages a user's works 20 at a time", async () => {
      const user = await makeUser(archive.db);
      for (let i = 0; i < 25; i++) {
        await makeWork(archive.db, { user, title: `Paged ${i}`, postedAt: Date.UTC(2032, 0, 1) + i * 1000 });
      }
      const client = archive.client();
      const first = await client.get(`/users/${user.login}/works`);
      assert.equal(blurbCount(first.text), 20);
      assert.match(first.text, /<nav class="pagination" aria-label="Pagination">/);
      assert.match(first.text, new RegExp(`href="/users/${user.login}/works\\?page=2" rel="next"`));
      const second = await client.get(`/users/${user.login}/works?page=2`);
      assert.equal(second.status, 200);
      assert.equal(blurbCount(second.text), 5);
      assert.ok(second.text.includes("Paged 0<"), "the oldest work is on the last page");
      assert.ok(!second.text.includes("Paged 24<"));
      assert.match(second.text, /aria-current="page"><span class="visually-hidden">Page <\/span>2</);
      assert.match(second.text, /21 – 25 of 25 Works by/);
    });

    it("refuses a page number that is not a positive whole number with 400", async () => {
      const user = await makeUser(archive.db);
      const client = archive.client();
      for (const bad of ["abc", "0", "-1", "1.5", "2abc"]) {
        const page = await client.get(`/users/${user.login}/works?page=${bad}`);
        assert.equal(page.status, 400, `page=${bad}`);
        assert.match(page.text, /&quot;page&quot; parameter/);
      }
      assert.equal((await client.get(`/users/${user.login}/pseuds/${user.login}?page=abc`)).status, 400);
    });

    it("lists a user's pseuds and shows a pseud's description and only its works", async () => {
      const user = await makeUser(archive.db, { pseuds: ["Second Pen"] });
      const second = await archive.db
        .selectFrom("pseuds")
        .select("id")
        .where("user_id", "=", user.id)
        .where("name", "=", "Second Pen")
        .executeTakeFirstOrThrow();
      await archive.db
        .updateTable("pseuds")
        .set({ description: "Writes <i>poems</i>.\nMostly sonnets." })
        .where("id", "=", second.id)
        .execute();
      await makeWork(archive.db, { user, title: "Under Main Name" });
      await makeWork(archive.db, { user: { ...user, pseudId: second.id }, title: "Under Second Pen" });

      const client = archive.client();
      const list = await client.get(`/users/${user.login}/pseuds`);
      assert.equal(list.status, 200);
      assert.ok(list.text.includes("Second Pen"));
      assert.ok(list.text.includes(`>${user.login}</a>`));

      const page = await client.get(`/users/${user.login}/pseuds/second%20pen`);
      assert.equal(page.status, 200);
      assert.match(page.text, /Writes &lt;i&gt;poems&lt;\/i&gt;.<br\/?>Mostly sonnets./);
      assert.ok(page.text.includes("Under Second Pen"));
      assert.ok(!page.text.includes("Under Main Name"));
    });
  });
}
