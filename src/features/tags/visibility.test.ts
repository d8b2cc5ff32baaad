// A tag's name is shown only to readers who may see a work carrying it, or once it is canonical:
// on its page, in autocomplete and in the listings' filters.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { findOrMakeTag, makeUser, makeWork, signInAs } from "../../../test/factories";
import { createTestArchive, type TestArchive, testDialects } from "../../../test/helpers/archive";
import type { TestClient } from "../../../test/helpers/client";
import { tagPath, tagWorksPath } from "../../lib/tagurl";
import { box, qs, unique } from "../browse/testkit";
import { refreshSuggestions } from "./suggestions";

for (const dialect of testDialects()) {
  describe(`which readers see a tag's name (${dialect})`, () => {
    let archive: TestArchive;
    let guest: TestClient;
    let stranger: TestClient;
    before(async () => {
      archive = await createTestArchive(dialect);
      guest = archive.client();
      stranger = archive.client();
      await signInAs(archive.db, stranger, await makeUser(archive.db));
    });
    after(() => archive.close());

    const suggested = async (client: TestClient, term: string) => {
      const page = await client.get(`/autocomplete/freeform?term=${encodeURIComponent(term)}`);
      assert.equal(page.status, 200);
      return (JSON.parse(page.text) as { name: string }[]).map((s) => s.name);
    };
    /** A listing filtered by the tag's id, and whether it names the tag (the sidebar's box). */
    const filtered = async (client: TestClient, id: number, name: string) => {
      const page = await client.get(`/works?${qs({ "include_work_search[freeform_ids][]": id })}`);
      assert.equal(page.status, 200);
      const named = page.text.includes(name);
      assert.equal(box(page.text, "include", "freeform", id) !== null, named);
      if (!named) assert.ok(page.text.includes(`tag #${id}`), "the id is reported as naming no tag");
      return named;
    };
    /** Everything a reader can learn the tag's name from, as [page, works page, autocomplete, filter]. */
    const sees = async (client: TestClient, name: string, word: string) => {
      const id = await findOrMakeTag(archive.db, "freeform", name);
      return [
        (await client.get(tagPath(name))).status === 200,
        (await client.get(tagWorksPath(name))).status === 200,
        (await suggested(client, word)).includes(name),
        await filtered(client, id, name),
      ];
    };
    const ALL = [true, true, true, true];
    const NONE = [false, false, false, false];
    /** Posts a draft straight in the database, chapters and all. */
    const post = async (workId: number) => {
      const now = Date.now();
      await archive.db
        .updateTable("works")
        .set({ posted: 1, posted_at: now, chapter_count: 1 })
        .where("id", "=", workId)
        .execute();
      await archive.db
        .updateTable("chapters")
        .set({ posted: 1, posted_at: now })
        .where("work_id", "=", workId)
        .execute();
      await archive.refreshIndex();
    };

    it("keeps a tag used only on a draft from guests and other readers until the draft is posted", async () => {
      const word = `spoilerish${process.pid}`;
      const name = `${word} Death Of Everyone`;
      const draft = await makeWork(archive.db, { posted: false, tags: { freeform: [name] } });
      await archive.refreshIndex();
      for (const client of [guest, stranger]) assert.deepEqual(await sees(client, name, word), NONE);
      for (const path of [tagPath(name), tagWorksPath(name)]) {
        const page = await guest.get(path);
        assert.equal(page.status, 404);
        assert.ok(!page.text.includes(word), "the 404 page does not name it either");
      }
      // The writer still sees the tags of their own draft on its page.
      const writer = archive.client();
      await signInAs(archive.db, writer, draft.user);
      assert.ok((await writer.get(`/works/${draft.id}`)).text.includes(name));

      await post(draft.id);
      for (const client of [guest, stranger]) assert.deepEqual(await sees(client, name, word), ALL);
    });

    it("shows a tag used only on restricted works to signed-in readers, not to guests", async () => {
      const word = `membersonly${process.pid}`;
      const name = `${word} Locked Door`;
      await makeWork(archive.db, { restricted: true, tags: { freeform: [name] } });
      await archive.refreshIndex();
      assert.deepEqual(await sees(guest, name, word), NONE);
      assert.deepEqual(await sees(stranger, name, word), ALL);
    });

    it("counts a tag the engine folds into another: a sub-tag's posted works name its meta tag", async () => {
      const word = `umbrella${process.pid}`;
      const meta = await findOrMakeTag(archive.db, "freeform", `${word} Family`);
      const sub = unique("Underneath");
      const draft = await makeWork(archive.db, { posted: false, tags: { freeform: [sub] } });
      await archive.db
        .insertInto("meta_tags")
        .values({ meta_id: meta, sub_id: await findOrMakeTag(archive.db, "freeform", sub) })
        .execute();
      await archive.refreshIndex();
      assert.deepEqual(await sees(guest, `${word} Family`, word), NONE);
      await post(draft.id);
      assert.deepEqual(await sees(guest, `${word} Family`, word), ALL);
    });

    it("keeps a synonym typed only on a draft secret, though its canonical tag is public", async () => {
      const word = `merged${process.pid}`;
      const canonical = `${word} Found Family`;
      const synonym = `${word} Secret Spoiler`;
      const canonicalId = await findOrMakeTag(archive.db, "freeform", canonical);
      await archive.db.updateTable("tags").set({ canonical: 1 }).where("id", "=", canonicalId).execute();
      await makeWork(archive.db, { tags: { freeform: [canonical] } });
      const draft = await makeWork(archive.db, { posted: false, tags: { freeform: [synonym] } });
      const synonymId = await findOrMakeTag(archive.db, "freeform", synonym);
      await archive.db
        .updateTable("tags")
        .set({ merger_id: canonicalId })
        .where("id", "=", synonymId)
        .execute();
      await archive.refreshIndex();
      const byName = `/works?${qs({ "work_search[other_tag_names]": synonym })}`;
      for (const client of [guest, stranger]) {
        assert.equal((await client.get(tagPath(synonym))).status, 404);
        assert.ok(!(await client.get(tagPath(canonical))).text.includes(synonym), "not among the synonyms");
        assert.ok(await filtered(client, synonymId, synonym).then((named) => !named));
        assert.match((await client.get(byName)).text, /not found|no tag/i);
      }
      await post(draft.id);
      for (const client of [guest, stranger]) {
        assert.equal((await client.get(tagPath(synonym))).status, 200);
        assert.ok((await client.get(tagPath(canonical))).text.includes(synonym), "listed among the synonyms");
      }
    });

    it("always shows a canonical tag, even when only a draft carries it", async () => {
      const word = `wrangled${process.pid}`;
      const name = `${word} Hurt/Comfort`;
      const plain = `${word} Plain`;
      const id = await findOrMakeTag(archive.db, "freeform", name);
      await archive.db.updateTable("tags").set({ canonical: 1 }).where("id", "=", id).execute();
      await makeWork(archive.db, { posted: false, tags: { freeform: [name, plain] } });
      // As wrangling does: the suggestions learn the new flag.
      await refreshSuggestions(archive.deps, [id, await findOrMakeTag(archive.db, "freeform", plain)]);
      await archive.refreshIndex();
      for (const client of [guest, stranger]) {
        assert.deepEqual(await sees(client, name, word), ALL);
        assert.deepEqual(await sees(client, plain, word), NONE);
      }
    });
  });
}
