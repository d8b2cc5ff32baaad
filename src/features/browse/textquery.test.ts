// A text query narrows a listing through TextSearch's candidates, which may hold drafts and hidden
// works: the listing must still show only what the reader may see, in every sort.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeDraftChapter, makeUser, makeWork, signInAs, type TestUser } from "../../../test/factories";
import { createTestArchive, type TestArchive, testDialects } from "../../../test/helpers/archive";
import { tagWorksPath } from "../../lib/tagurl";
import { box, h1, qs, tagId, titles, unique } from "./testkit";
import { hitCacheOf } from "./texthits";

const ws = (name: string) => `work_search[${name}]`;
const DAY = 86_400_000;

for (const dialect of testDialects()) {
  describe(`text queries in listings (${dialect})`, () => {
    let archive: TestArchive;
    before(async () => {
      archive = await createTestArchive(dialect);
    });
    after(() => archive.close());

    async function hide(workId: number) {
      await archive.db.updateTable("works").set({ hidden_by_admin: 1 }).where("id", "=", workId).execute();
      await archive.db.insertInto("changes").values({ work_id: workId, created_at: Date.now() }).execute();
    }

    async function signedIn(user?: TestUser) {
      const client = archive.client();
      await signInAs(archive.db, client, user ?? (await makeUser(archive.db)));
      return client;
    }

    it("never lists a draft, a hidden work or, for a guest, a restricted one, whatever the sort", async () => {
      const word = `lumenquay${process.pid}`;
      const fandom = unique("Quay Fandom");
      const elsewhere = unique("Other Quay Fandom");
      const writer = await makeUser(archive.db);
      const t0 = Date.UTC(2031, 0, 1);
      const make = (title: string, days: number, more: Parameters<typeof makeWork>[1] = {}) =>
        makeWork(archive.db, {
          user: writer,
          title: `${title} ${word}`,
          tags: { fandom: [fandom] },
          postedAt: t0 + days * DAY,
          ...more,
        });
      await make("Open Quay", 3);
      await make("Members Quay", 2, { restricted: true });
      await make("Elsewhere Quay", 1, { user: await makeUser(archive.db), tags: { fandom: [elsewhere] } });
      await make("Draft Quay", 5, { posted: false });
      await hide((await make("Hidden Quay", 4)).id);
      const fandomId = await tagId(archive.db, "fandom", fandom);
      const elsewhereId = await tagId(archive.db, "fandom", elsewhere);

      const byDate = qs({ [ws("query")]: word, [ws("sort_column")]: "revised_at" });
      const byMatch = qs({ [ws("query")]: word });
      const guest = archive.client();
      const member = await signedIn();
      const self = await signedIn(writer);
      const cases = [
        { client: guest, who: "guest", seen: ["Open Quay", "Elsewhere Quay"] },
        { client: member, who: "member", seen: ["Open Quay", "Members Quay", "Elsewhere Quay"] },
      ];
      for (const { client, who, seen } of cases) {
        const listed = seen.map((t) => `${t} ${word}`);
        const date = await client.get(`/works?${byDate}`);
        assert.equal(date.status, 200);
        assert.deepEqual(titles(date.text), listed, `${who}: newest first`);
        assert.equal(h1(date.text), `${seen.length} Works`, who);
        const match = await client.get(`/works?${byMatch}`);
        assert.deepEqual(
          titles(match.text).sort(),
          [...listed].sort(),
          `${who}: best match lists the same works`,
        );
        assert.equal(h1(match.text), h1(date.text), `${who}: the same total either way`);
        for (const page of [date, match]) {
          // The sidebar counts the listed works only.
          const inFandom = seen.length - 1;
          assert.equal(box(page.text, "include", "fandom", fandomId)?.label, `${fandom} (${inFandom})`, who);
          assert.equal(box(page.text, "include", "fandom", elsewhereId)?.label, `${elsewhere} (1)`, who);
          assert.doesNotMatch(page.text, /Draft Quay|Hidden Quay/, who);
        }
        if (who === "guest") assert.doesNotMatch(date.text, /Members Quay/);

        const tagPage = await client.get(`${tagWorksPath(fandom)}?${byDate}`);
        assert.deepEqual(titles(tagPage.text), listed.slice(0, -1), `${who}: the tag's works`);
        const userPage = await client.get(`/users/${writer.login}/works?${byDate}`);
        assert.deepEqual(titles(userPage.text), listed.slice(0, -1), `${who}: the writer's works`);
        assert.doesNotMatch(userPage.text, /Draft Quay|Hidden Quay/, who);
      }

      // The writer sees their draft apart from the results, never among them.
      const own = await self.get(`/users/${writer.login}/works?${byDate}`);
      assert.deepEqual(titles(own.text), [`Open Quay ${word}`, `Members Quay ${word}`]);
      assert.doesNotMatch(own.text, /Hidden Quay/);
    });

    it("asks the full-text index again only once the index has changed", async () => {
      const word = `quillmarsh${process.pid}`;
      const writer = await makeUser(archive.db);
      await makeWork(archive.db, { user: writer, title: `First ${word}` });
      const client = archive.client();
      const cache = hitCacheOf(archive.deps);
      const path = (page: number) =>
        `/works?${qs({ [ws("query")]: word, [ws("sort_column")]: "title_to_sort_on", [ws("sort_direction")]: "asc", page: String(page) })}`;
      const fetched = cache.fetched;
      assert.deepEqual(titles((await client.get(path(1))).text), [`First ${word}`]);
      // Another page and another sort of the same search: the hits are reused.
      await client.get(path(2));
      await client.get(`/works?${qs({ [ws("query")]: word })}`);
      assert.equal(cache.fetched - fetched, 2, "once unranked, once ranked (best match)");
      // A new work that matches moves the index on: the next page asks again and lists it.
      await makeWork(archive.db, { user: writer, title: `Second ${word}` });
      assert.deepEqual(titles((await client.get(path(1))).text), [`First ${word}`, `Second ${word}`]);
      assert.equal(cache.fetched - fetched, 3);
      // So does an edit that makes a work stop matching.
      const first = await archive.db
        .selectFrom("works")
        .select("id")
        .where("title", "=", `First ${word}`)
        .executeTakeFirstOrThrow();
      await archive.db.updateTable("works").set({ title: "Renamed" }).where("id", "=", first.id).execute();
      await archive.db.insertInto("changes").values({ work_id: first.id, created_at: Date.now() }).execute();
      assert.deepEqual(titles((await client.get(path(1))).text), [`Second ${word}`]);
    });

    it("never matches a draft chapter of a posted work in chapter text, sorted by date", async () => {
      const word = `fernvault${process.pid}`;
      const work = await makeWork(archive.db, { title: unique("Vaulted"), bodies: ["Nothing to see."] });
      const draft = await makeDraftChapter(archive.db, work.id, { position: 2, body: `<p>${word}</p>` });
      const path = `/works?${qs({
        [ws("query")]: word,
        [ws("query_scope")]: "chapters",
        [ws("sort_column")]: "revised_at",
      })}`;
      const client = archive.client();
      assert.deepEqual(titles((await client.get(path)).text), []);
      await archive.db.updateTable("chapters").set({ posted: 1 }).where("id", "=", draft).execute();
      // As posting a chapter does: the change tells every process that the work moved on.
      await archive.db.insertInto("changes").values({ work_id: work.id, created_at: Date.now() }).execute();
      assert.equal(titles((await client.get(path)).text).length, 1);
    });
  });
}
