import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeUser, makeWork, signInAs, type TestUser } from "../../../test/factories";
import { createTestArchive, type TestArchive, testDialects } from "../../../test/helpers/archive";
import { signInReturnTo } from "../../../test/helpers/client";

for (const dialect of testDialects()) {
  describe(`pseud management (${dialect})`, () => {
    let archive: TestArchive;
    before(async () => {
      archive = await createTestArchive(dialect);
    });
    after(() => archive.close());

    const pseudsOf = (user: TestUser) =>
      archive.db
        .selectFrom("pseuds")
        .select(["id", "name", "name_key", "description", "is_default"])
        .where("user_id", "=", user.id)
        .orderBy("id")
        .execute();

    async function signedIn(user: TestUser) {
      const client = archive.client();
      await signInAs(archive.db, client, user);
      return client;
    }

    it("creates a pseud, NFC-normalised, and shows it on the user's pages", async () => {
      const user = await makeUser(archive.db);
      const client = await signedIn(user);
      const form = await client.get(`/users/${user.login}/pseuds/new`);
      assert.equal(form.status, 200);
      assert.match(form.text, /<label for="name">Name<\/label>/);

      const res = await client.post(`/users/${user.login}/pseuds/new`, {
        name: "  Cafe\u0301   Writer ",
        description: "I write about coffee.",
      });
      assert.equal(res.status, 303);
      assert.equal(res.location, `/users/${user.login}/pseuds/${encodeURIComponent("Caf\u00e9 Writer")}`);
      const rows = await pseudsOf(user);
      const made = rows.find((r) => r.name === "Caf\u00e9 Writer");
      assert.ok(made, "stored in NFC with spaces collapsed");
      assert.equal(made.name_key, "caf\u00e9 writer");
      assert.equal(made.description, "I write about coffee.");
      assert.equal(made.is_default, 0);

      const page = await client.get(res.location!);
      assert.equal(page.status, 200);
      assert.match(page.text, /Pseud &quot;Café Writer&quot; created\./);
      assert.match(page.text, /I write about coffee\./);
    });

    it("accepts names in any script and refuses bad ones beside the field, saving nothing", async () => {
      const user = await makeUser(archive.db, { pseuds: ["Moonlight"] });
      const client = await signedIn(user);
      const ok = await client.post(`/users/${user.login}/pseuds/new`, { name: "Лунный_свет-2" });
      assert.equal(ok.status, 303);

      const cases: [string, RegExp][] = [
        ["moonLIGHT", /You already have a pseud called &quot;moonLIGHT&quot;/],
        ["", /Please give the pseud a name/],
        ["a/b", /only letters, digits, spaces/],
        ["<script>", /only letters, digits, spaces/],
        ["x".repeat(41), /at most 40 characters/],
        ["___", /at least one letter or digit/],
        ["New", /kept for the archive/],
      ];
      const before = (await pseudsOf(user)).length;
      for (const [name, message] of cases) {
        const res = await client.post(`/users/${user.login}/pseuds/new`, { name, description: "kept" });
        assert.equal(res.status, 422, name);
        const field = res.text.slice(res.text.indexOf('<input id="name"'));
        assert.match(
          field.slice(0, field.indexOf("</div>")),
          message,
          `message beside the field for ${name}`,
        );
        assert.match(res.text, /aria-describedby="[^"]*name-error/);
        assert.match(res.text, />kept<\/textarea>/, "the description typed is kept");
      }
      const long = await client.post(`/users/${user.login}/pseuds/new`, {
        name: "Fine Name",
        description: "d".repeat(501),
      });
      assert.equal(long.status, 422);
      assert.match(long.text, /A description can be at most 500 characters/);
      assert.equal((await pseudsOf(user)).length, before);
    });

    it("renames a pseud and edits its description; its works keep their credit", async () => {
      const user = await makeUser(archive.db, { pseuds: ["Taken Name"] });
      const work = await makeWork(archive.db, { user, title: "Credited Work" });
      const client = await signedIn(user);
      const edit = await client.get(`/users/${user.login}/pseuds/${user.login}/edit`);
      assert.equal(edit.status, 200);
      assert.match(edit.text, new RegExp(`value="${user.login}"`));

      const dup = await client.post(`/users/${user.login}/pseuds/${user.login}/edit`, {
        name: "TAKEN name",
        description: "",
      });
      assert.equal(dup.status, 422);
      assert.match(dup.text, /<p class="field-error" id="name-error">You already have a pseud called/);

      const res = await client.post(`/users/${user.login}/pseuds/${user.login}/edit`, {
        name: "Fresh Name",
        description: "Now with a description.",
      });
      assert.equal(res.status, 303);
      assert.equal(res.location, `/users/${user.login}/pseuds/Fresh%20Name`);
      const row = (await pseudsOf(user)).find((r) => r.id === user.pseudId)!;
      assert.equal(row.name, "Fresh Name");
      assert.equal(row.name_key, "fresh name");
      assert.equal(row.description, "Now with a description.");
      assert.equal((await client.get(`/users/${user.login}/pseuds/${user.login}`)).status, 404);
      const page = await client.get(res.location!);
      assert.ok(page.text.includes("Credited Work"));
      const changes = await archive.db
        .selectFrom("changes")
        .select("id")
        .where("work_id", "=", work.id)
        .execute();
      assert.ok(changes.length >= 2, "the renamed pseud's works are queued for reindexing");

      const recase = await client.post(`/users/${user.login}/pseuds/Fresh%20Name/edit`, {
        name: "fresh NAME",
      });
      assert.equal(recase.status, 303, "a pseud may change only the case of its own name");
    });

    it("switches the default pseud, leaving exactly one default", async () => {
      const user = await makeUser(archive.db, { pseuds: ["Alt One", "Alt Two"] });
      const client = await signedIn(user);
      const defaults = async () =>
        (await pseudsOf(user)).filter((r) => r.is_default === 1).map((r) => r.name);

      const res = await client.post(`/users/${user.login}/pseuds/Alt%20Two/default`);
      assert.equal(res.status, 303);
      assert.equal(res.location, `/users/${user.login}/pseuds`);
      assert.deepEqual(await defaults(), ["Alt Two"]);
      await client.post(`/users/${user.login}/pseuds/alt%20one/default`);
      assert.deepEqual(await defaults(), ["Alt One"]);
      await client.post(`/users/${user.login}/pseuds/Alt%20One/default`);
      assert.deepEqual(await defaults(), ["Alt One"]);

      const list = await client.get(`/users/${user.login}/pseuds`);
      assert.match(list.text, /Alt One<\/a> <span class="badge">Default<\/span>/);
      assert.match(list.text, new RegExp(`action="/users/${user.login}/pseuds/Alt%20Two/default"`));
    });

    it("lets no one else manage a user's pseuds, and sends guests to sign in", async () => {
      const owner = await makeUser(archive.db, { pseuds: ["Owned Pen"] });
      const intruder = await signedIn(await makeUser(archive.db));
      const before = await pseudsOf(owner);
      const base = `/users/${owner.login}/pseuds`;

      assert.equal((await intruder.get(`${base}/new`)).status, 403);
      assert.equal((await intruder.post(`${base}/new`, { name: "Planted" })).status, 403);
      assert.equal((await intruder.get(`${base}/Owned%20Pen/edit`)).status, 403);
      assert.equal((await intruder.post(`${base}/Owned%20Pen/edit`, { name: "Stolen" })).status, 403);
      assert.equal((await intruder.post(`${base}/Owned%20Pen/default`)).status, 403);
      const list = await intruder.get(base);
      assert.ok(!list.text.includes("Make default"));

      const guest = archive.client();
      const res = await guest.get(`${base}/new`);
      assert.equal(res.status, 303);
      assert.equal(signInReturnTo(res.location), `${base}/new`);
      assert.equal((await guest.post(`${base}/Owned%20Pen/default`)).status, 303);

      assert.deepEqual(await pseudsOf(owner), before);
    });
  });
}
