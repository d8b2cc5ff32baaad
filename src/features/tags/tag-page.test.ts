import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { findOrMakeTag, makeUser, makeWork, signInAs } from "../../../test/factories";
import { createTestArchive, type TestArchive, testDialects } from "../../../test/helpers/archive";
import { tagPath, tagWorksPath } from "../../lib/tagurl";
import { TAG_GRAPH_CHANGED } from "../../tagengine/load/archive";

/** The page's main heading as text. */
function heading(html: string): string {
  const m = /<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html);
  return (m?.[1] ?? "")
    .replace(/&amp;/g, "&")
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"');
}

/** AO3's own spelling of a tag name in a path: its escapes, the rest percent-encoded. */
function ao3Path(name: string): string {
  const escaped = name.replace(/\//g, "*s*").replace(/&/g, "*a*").replace(/\./g, "*d*");
  return `/tags/${encodeURIComponent(escaped.replace(/\?/g, "*q*").replace(/#/g, "*h*")).replace(/%2A/g, "*")}`;
}

const ROUND_TRIP = ["Elizabeth Bennet/Fitzwilliam Darcy", "Tom & Jerry", "Mr. Darcy", "Who?", "#1 Fan"];

for (const dialect of testDialects()) {
  describe(`tag pages (${dialect})`, () => {
    let archive: TestArchive;
    before(async () => {
      archive = await createTestArchive(dialect);
    });
    after(() => archive.close());

    it("show the tag's name, type and canonical state, and link to its works", async () => {
      const id = await findOrMakeTag(archive.db, "freeform", "Slow Burn");
      await archive.db.updateTable("tags").set({ canonical: 1 }).where("id", "=", id).execute();
      await makeWork(archive.db, { tags: { freeform: ["Slow Burn"] } });
      await archive.refreshIndex();
      const page = await archive.client().get(tagPath("Slow Burn"));
      assert.equal(page.status, 200);
      assert.equal(heading(page.text), "Slow Burn");
      assert.match(page.text, /Additional Tag tag · canonical/);
      assert.ok(page.text.includes(`href="${tagWorksPath("Slow Burn")}"`));
      assert.match(page.text, /1 work in Slow Burn/);
    });

    for (const name of ROUND_TRIP) {
      it(`finds "${name}" by its path, by AO3's escapes and by percent-encoding`, async () => {
        await makeWork(archive.db, { tags: { relationship: [name] } });
        await archive.refreshIndex();
        const client = archive.client();
        assert.doesNotMatch(tagPath(name).slice("/tags/".length), /[/?#&.]/);
        for (const path of [tagPath(name), ao3Path(name), `/tags/${encodeURIComponent(name)}`]) {
          const page = await client.get(path);
          assert.equal(page.status, 200, path);
          assert.equal(heading(page.text), name, path);
          assert.match(page.text, /Relationship tag/);
        }
      });
    }

    it("takes a slash written as %2F, and any case", async () => {
      const name = "Elizabeth Bennet/Fitzwilliam Darcy";
      await makeWork(archive.db, { tags: { relationship: [name] } });
      await archive.refreshIndex();
      for (const path of [
        "/tags/Elizabeth%20Bennet%2FFitzwilliam%20Darcy",
        "/tags/elizabeth%20bennet%2ffitzwilliam%20DARCY",
      ]) {
        const page = await archive.client().get(path);
        assert.equal(page.status, 200, path);
        assert.equal(heading(page.text), name);
      }
    });

    it("answers 404 for a name no tag has", async () => {
      for (const path of ["/tags/No%20Such%20Tag", "/tags/%E0%A4%A", "/tags/*s*"]) {
        const page = await archive.client().get(path);
        assert.equal(page.status, 404, path);
      }
    });

    it("count restricted works for signed-in readers only, and never drafts", async () => {
      const name = "Counting Tag";
      await makeWork(archive.db, { tags: { freeform: [name] } });
      await makeWork(archive.db, { tags: { freeform: [name] } });
      await makeWork(archive.db, { tags: { freeform: [name] }, restricted: true });
      await makeWork(archive.db, { tags: { freeform: [name] }, posted: false });
      await archive.refreshIndex();
      const guest = await archive.client().get(tagPath(name));
      assert.match(guest.text, /2 works in Counting Tag/);
      const reader = archive.client();
      await signInAs(archive.db, reader, await makeUser(archive.db));
      const signedIn = await reader.get(tagPath(name));
      assert.match(signedIn.text, /3 works in Counting Tag/);
    });

    it("name a synonym's canonical tag, list a canonical tag's synonyms, and count through the merger", async () => {
      const db = archive.db;
      const canonical = await findOrMakeTag(db, "character", "Sherlock Holmes");
      const synonym = await findOrMakeTag(db, "character", "Sherlock");
      await db.updateTable("tags").set({ canonical: 1 }).where("id", "=", canonical).execute();
      await db.updateTable("tags").set({ merger_id: canonical }).where("id", "=", synonym).execute();
      await db.insertInto("changes").values({ work_id: TAG_GRAPH_CHANGED, created_at: Date.now() }).execute();
      await makeWork(db, { tags: { character: ["Sherlock"] } });
      await makeWork(db, { tags: { character: ["Sherlock Holmes"] } });
      await archive.refreshIndex();

      const syn = await archive.client().get(tagPath("Sherlock"));
      assert.equal(syn.status, 200);
      assert.match(syn.text, /not canonical/);
      assert.match(
        syn.text,
        new RegExp(
          `This tag is a synonym of <a href="${tagPath("Sherlock Holmes").replace(/\*/g, "\\*")}">Sherlock Holmes</a>`,
        ),
      );
      assert.match(syn.text, /2 works in Sherlock/);

      const main = await archive.client().get(tagPath("Sherlock Holmes"));
      assert.match(main.text, /Character tag · canonical/);
      assert.match(main.text, /<h2[^>]*>Synonyms<\/h2>[\s\S]*?>Sherlock<\/a>/);
      assert.match(main.text, /2 works in Sherlock Holmes/);
    });

    it("list parent tags by type, meta tags and sub-tags", async () => {
      const db = archive.db;
      const fandom = await findOrMakeTag(db, "fandom", "Pride and Prejudice - Jane Austen");
      const lizzy = await findOrMakeTag(db, "character", "Elizabeth Bennet");
      const meta = await findOrMakeTag(db, "fandom", "Jane Austen - Works");
      const sub = await findOrMakeTag(db, "fandom", "Pride and Prejudice (2005)");
      await db.insertInto("tag_parents").values({ parent_id: fandom, child_id: lizzy }).execute();
      await db
        .insertInto("meta_tags")
        .values([
          { meta_id: meta, sub_id: fandom, direct: 1 },
          { meta_id: fandom, sub_id: sub, direct: 1 },
          { meta_id: meta, sub_id: sub, direct: 0 },
        ])
        .execute();
      // Wrangled tags are canonical: their names show without works.
      await db
        .updateTable("tags")
        .set({ canonical: 1 })
        .where("id", "in", [fandom, lizzy, meta, sub])
        .execute();

      const character = await archive.client().get(tagPath("Elizabeth Bennet"));
      assert.match(
        character.text,
        /<h2[^>]*>Parent tags<\/h2>[\s\S]*?<dt>Fandoms<\/dt>[\s\S]*?Pride and Prejudice - Jane Austen</,
      );

      const page = await archive.client().get(tagPath("Pride and Prejudice - Jane Austen"));
      assert.match(page.text, /<h2[^>]*>Meta tags<\/h2>[\s\S]*?>Jane Austen - Works<\/a>/);
      assert.match(page.text, /<h2[^>]*>Sub-tags<\/h2>[\s\S]*?>Pride and Prejudice \(2005\)<\/a>/);
      // Inherited rows are not the tag's own meta tags.
      const leaf = await archive.client().get(tagPath("Pride and Prejudice (2005)"));
      assert.doesNotMatch(leaf.text, />Jane Austen - Works<\/a>/);
    });

    it("prefer the canonical tag when types share a name, then the fandom, character, relationship, freeform order", async () => {
      const db = archive.db;
      await makeWork(db, { tags: { freeform: ["Moriarty"], character: ["Moriarty"] } });
      await archive.refreshIndex();
      let page = await archive.client().get(tagPath("Moriarty"));
      assert.match(page.text, /Character tag/);
      const freeform = await findOrMakeTag(db, "freeform", "Moriarty");
      await db.updateTable("tags").set({ canonical: 1 }).where("id", "=", freeform).execute();
      page = await archive.client().get(tagPath("moriarty"));
      assert.match(page.text, /Additional Tag tag · canonical/);
      await findOrMakeTag(db, "fandom", "Moriarty");
      page = await archive.client().get(tagPath("Moriarty"));
      assert.match(page.text, /Additional Tag tag · canonical/, "a canonical tag wins over the type order");
    });
  });
}
