import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { findOrMakeTag, makeUser, makeWork, signInAs } from "../../../test/factories";
import { createTestArchive, type TestArchive, testDialects } from "../../../test/helpers/archive";
import type { TestClient } from "../../../test/helpers/client";
import { redirectedWorkId, signedIn, validForm } from "../works/testkit";

interface Suggestion {
  name: string;
  type: string;
  canonical: boolean;
  uses: number;
}

async function suggest(client: TestClient, type: string, term: string): Promise<Suggestion[]> {
  const page = await client.get(`/autocomplete/${type}?term=${encodeURIComponent(term)}`);
  assert.equal(page.status, 200, page.text);
  assert.match(page.headers.get("content-type") ?? "", /^application\/json/);
  return JSON.parse(page.text) as Suggestion[];
}

const names = (s: Suggestion[]) => s.map((x) => x.name);

for (const dialect of testDialects()) {
  describe(`tag autocomplete (${dialect})`, () => {
    let archive: TestArchive;
    let guest: TestClient;
    before(async () => {
      archive = await createTestArchive(dialect);
      guest = archive.client();
      const db = archive.db;
      for (const name of ["Sherlock Holmes", "Mycroft Holmes", "Holmes Family", "Zoë Washburne"]) {
        await findOrMakeTag(db, "character", name);
      }
      await findOrMakeTag(db, "relationship", "Elizabeth Bennet/Fitzwilliam Darcy");
      await findOrMakeTag(db, "fandom", "Sherlock Holmes - Arthur Conan Doyle");
      await db.updateTable("tags").set({ canonical: 1 }).where("name", "=", "Sherlock Holmes").execute();
      // Mycroft carries two works, Holmes Family one: among tags that are not canonical, uses rank.
      // A tag that is not canonical is suggested once a work a reader may see carries it.
      await makeWork(db, {
        tags: {
          character: ["Mycroft Holmes", "Zoë Washburne"],
          relationship: ["Elizabeth Bennet/Fitzwilliam Darcy"],
        },
      });
      await makeWork(db, { tags: { character: ["Mycroft Holmes", "Holmes Family"] } });
      await archive.refreshIndex();
    });
    after(() => archive.close());

    it("matches the start of any word, whatever the case and accents", async () => {
      assert.deepEqual(names(await suggest(guest, "character", "holm")).sort(), [
        "Holmes Family",
        "Mycroft Holmes",
        "Sherlock Holmes",
      ]);
      assert.deepEqual(names(await suggest(guest, "relationship", "eliz")), [
        "Elizabeth Bennet/Fitzwilliam Darcy",
      ]);
      assert.deepEqual(names(await suggest(guest, "relationship", "FITZ")), [
        "Elizabeth Bennet/Fitzwilliam Darcy",
      ]);
      assert.deepEqual(names(await suggest(guest, "character", "zoe")), ["Zoë Washburne"]);
      assert.deepEqual(names(await suggest(guest, "character", "ZOË")), ["Zoë Washburne"]);
      assert.deepEqual(await suggest(guest, "character", "olmes"), []);
    });

    it("ranks canonical tags first, then by uses, then by name, and says which is which", async () => {
      const got = await suggest(guest, "character", "holmes");
      assert.deepEqual(got, [
        { name: "Sherlock Holmes", type: "character", canonical: true, uses: 0 },
        { name: "Mycroft Holmes", type: "character", canonical: false, uses: 2 },
        { name: "Holmes Family", type: "character", canonical: false, uses: 1 },
      ]);
    });

    it("keeps to the type asked for, and /autocomplete/tag looks in every type", async () => {
      assert.deepEqual(names(await suggest(guest, "fandom", "sherlock")), [
        "Sherlock Holmes - Arthur Conan Doyle",
      ]);
      const any = await suggest(guest, "tag", "sherlock");
      assert.deepEqual(any.map((s) => s.type).sort(), ["character", "fandom"]);
    });

    it("answers at most 10, and nothing for an empty or over-long term", async () => {
      await makeWork(archive.db, {
        tags: { freeform: Array.from({ length: 14 }, (_, i) => `Prompt Fill ${i}`) },
      });
      await archive.refreshIndex();
      assert.equal((await suggest(guest, "freeform", "prompt")).length, 10);
      assert.deepEqual(await suggest(guest, "freeform", ""), []);
      assert.deepEqual(await suggest(guest, "freeform", "   "), []);
      assert.deepEqual(await suggest(guest, "freeform", "p".repeat(101)), []);
      const missing = await guest.get("/autocomplete/freeform");
      assert.deepEqual(JSON.parse(missing.text), []);
    });

    it("refuses an unknown type with a JSON 400", async () => {
      for (const type of ["rating", "works", "Fandom"]) {
        const page = await guest.get(`/autocomplete/${type}?term=a`);
        assert.equal(page.status, 400);
        assert.match(page.headers.get("content-type") ?? "", /^application\/json/);
        assert.match(JSON.parse(page.text).error, /fandom, character, relationship, freeform, tag/);
      }
    });

    it("counts restricted works for signed-in readers only", async () => {
      await makeWork(archive.db, { tags: { freeform: ["Locked Room Mystery"] } });
      await makeWork(archive.db, { tags: { freeform: ["Locked Room Mystery"] }, restricted: true });
      await archive.refreshIndex();
      assert.equal((await suggest(guest, "freeform", "locked"))[0]!.uses, 1);
      const reader = archive.client();
      await signInAs(archive.db, reader, await makeUser(archive.db));
      assert.equal((await suggest(reader, "freeform", "locked"))[0]!.uses, 2);
    });

    it("suggests a tag as soon as a posted work has created it", async () => {
      const { user, client } = await signedIn(archive);
      assert.deepEqual(await suggest(client, "freeform", "quokka"), []);
      const posted = await client.post("/works", validForm(user, { freeforms: "Quokka Detectives" }));
      redirectedWorkId(posted);
      assert.deepEqual(await suggest(client, "freeform", "quokka"), [
        { name: "Quokka Detectives", type: "freeform", canonical: false, uses: 1 },
      ]);
      assert.deepEqual(names(await suggest(guest, "tag", "detect")), ["Quokka Detectives"]);
    });
  });
}
