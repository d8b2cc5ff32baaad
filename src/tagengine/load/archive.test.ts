import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { findOrMakeTag, makeUser, makeWork } from "../../../test/factories";
import { createTestArchive, type TestArchive, testDialects } from "../../../test/helpers/archive";
import { nameKey } from "../../lib/text";
import type { EngineQuery } from "../core/types";
import { ArchiveIndex, TAG_GRAPH_CHANGED } from "./archive";

const page = (q: Partial<EngineQuery> = {}): EngineQuery => ({
  signedIn: true,
  sort: "updated",
  direction: "desc",
  offset: 0,
  limit: 20,
  ...q,
});

for (const dialect of testDialects()) {
  describe(`archive index (${dialect})`, () => {
    let archive: TestArchive;
    before(async () => {
      archive = await createTestArchive(dialect);
    });
    after(() => archive.close());

    it("indexes posted works, keeps drafts and hidden works out, hides restricted ones from guests", async () => {
      const open = await makeWork(archive.db, { title: "Open" });
      const locked = await makeWork(archive.db, { title: "Locked", restricted: true });
      const draft = await makeWork(archive.db, { title: "Draft", posted: false });
      const hidden = await makeWork(archive.db, { title: "Hidden" });
      await archive.db.updateTable("works").set({ hidden_by_admin: 1 }).where("id", "=", hidden.id).execute();
      await archive.refreshIndex();
      const engine = archive.deps.index.engine;
      const member = engine.query(page());
      assert.ok(member.ids.includes(open.id) && member.ids.includes(locked.id));
      assert.ok(!member.ids.includes(draft.id) && !member.ids.includes(hidden.id));
      const guest = engine.query(page({ signedIn: false }));
      assert.ok(guest.ids.includes(open.id));
      assert.ok(!guest.ids.includes(locked.id));
    });

    it("concurrent catch-ups share passes and every caller sees the writes made before it asked", async () => {
      const first = await makeWork(archive.db, { title: "Concurrent one" });
      const calls = [archive.refreshIndex(), archive.refreshIndex(), archive.refreshIndex()];
      const second = await makeWork(archive.db, { title: "Concurrent two" });
      const late = archive.refreshIndex();
      await Promise.all(calls);
      assert.ok(archive.deps.index.engine.has(first.id));
      await late;
      assert.ok(archive.deps.index.engine.has(second.id));
    });

    it("applies a change whose id shows up after a later one was read (a slower transaction)", async () => {
      const slow = await makeWork(archive.db, { title: "Slow" });
      const quick = await makeWork(archive.db, { title: "Quick" });
      await archive.refreshIndex();
      const kudos = (id: number, index = archive.deps.index) =>
        index.engine.query(page({ sort: "kudos", limit: 1 })).ids[0] === id;
      const lastChange = async () =>
        (
          await archive.db
            .selectFrom("changes")
            .select((eb) => eb.fn.max<number>("id").as("id"))
            .executeTakeFirstOrThrow()
        ).id;
      // Both works get the most kudos of the archive (the triggers append both); the slow one's
      // change row is not there yet.
      const mark = await lastChange();
      for (const [w, k] of [
        [slow, 1_000_000],
        [quick, 2_000_000],
      ] as const) {
        await archive.db.updateTable("works").set({ kudos_count: k }).where("id", "=", w.id).execute();
      }
      const slowRow = (await archive.db
        .selectFrom("changes")
        .selectAll()
        .where("id", ">", mark)
        .where("work_id", "=", slow.id)
        .executeTakeFirst())!;
      await archive.db.deleteFrom("changes").where("id", "=", slowRow.id).execute();
      // A build at this moment, and the running index, both read past the slow change's id.
      const built = await ArchiveIndex.build(archive.db);
      await archive.refreshIndex();
      assert.ok(kudos(quick.id));
      // The slow transaction commits: its row keeps the id it took before the quick one's.
      const before = await lastChange();
      await archive.db
        .updateTable("works")
        .set({ kudos_count: 3_000_000 })
        .where("id", "=", slow.id)
        .execute();
      await archive.db.deleteFrom("changes").where("id", ">", before).execute();
      await archive.db.insertInto("changes").values(slowRow).execute();
      await archive.refreshIndex();
      await built.catchUp(archive.db);
      assert.ok(kudos(slow.id), "the running index applied the late change");
      assert.ok(kudos(slow.id, built), "an index built before it applied it too");
    });

    it("follows edits and deletions through the changes feed", async () => {
      const w = await makeWork(archive.db, { title: "Soon gone" });
      await archive.refreshIndex();
      assert.ok(archive.deps.index.engine.has(w.id));
      await archive.db.deleteFrom("works").where("id", "=", w.id).execute();
      await archive.db.insertInto("changes").values({ work_id: w.id, created_at: Date.now() }).execute();
      await archive.refreshIndex();
      assert.ok(!archive.deps.index.engine.has(w.id));
    });

    it("filters a canonical tag through its synonyms and sub-tags, rebuilt or caught up", async () => {
      const canonical = await findOrMakeTag(archive.db, "character", "Sherlock Holmes");
      const synonym = await findOrMakeTag(archive.db, "character", "Holmes");
      const meta = await findOrMakeTag(archive.db, "character", "Detectives");
      await archive.db
        .updateTable("tags")
        .set({ canonical: 1 })
        .where("id", "in", [canonical, meta])
        .execute();
      await archive.db.updateTable("tags").set({ merger_id: canonical }).where("id", "=", synonym).execute();
      await archive.db.insertInto("meta_tags").values({ meta_id: meta, sub_id: canonical }).execute();
      await archive.db
        .insertInto("changes")
        .values({ work_id: TAG_GRAPH_CHANGED, created_at: Date.now() })
        .execute();
      const bySynonym = await makeWork(archive.db, { tags: { character: ["Holmes"] } });
      const byCanonical = await makeWork(archive.db, { tags: { character: ["Sherlock Holmes"] } });
      const rebuilt = await ArchiveIndex.build(archive.db);
      // Reader threads (SQLite) read the graph themselves and hand it over.
      const threaded = await ArchiveIndex.build(archive.db, undefined, { workers: 2, chunkSize: 1 });
      await archive.refreshIndex();
      for (const index of [rebuilt, threaded, archive.deps.index]) {
        const ids = (tag: number) => index.engine.query(page({ include: [tag], limit: 100 })).ids.sort();
        assert.deepEqual(ids(canonical), [bySynonym.id, byCanonical.id].sort());
        assert.deepEqual(ids(meta), [bySynonym.id, byCanonical.id].sort());
        assert.equal(index.filterTagOf(synonym), canonical);
        const counts = index.engine.query(page({ include: [meta], facets: true })).facets!.character;
        assert.deepEqual(
          counts.filter((c) => c.tagId === canonical || c.tagId === synonym),
          [{ tagId: canonical, count: 2 }],
        );
      }
    });

    it("a rebuilt index answers like the one kept current by catching up", async () => {
      for (let i = 0; i < 30; i++) await makeWork(archive.db, { tags: { freeform: [`Tag ${i % 7}`] } });
      await archive.refreshIndex();
      const rebuilt = await ArchiveIndex.build(archive.db);
      for (const q of [page({ facets: true }), page({ signedIn: false, sort: "title", direction: "asc" })]) {
        assert.deepEqual(archive.deps.index.engine.query(q), rebuilt.engine.query(q));
      }
    });

    it("reader threads build the same index, titles and creators ordered by code point", async () => {
      // U+E000 sorts before U+1F600 by code point (the databases' order), after it by UTF-16 unit.
      const titles = [
        "\u{1F600} smile",
        "\uE000 private",
        "zebra",
        "Äpfel",
        "apple",
        "The Apple",
        "3:1; a, b",
      ];
      const writers = [
        await makeUser(archive.db, { login: "zed" }),
        await makeUser(archive.db, { login: "amy" }),
      ];
      // Separators of the build's aggregated columns inside names and titles must not confuse it.
      const odd = "Zed: the; one,";
      await archive.db
        .updateTable("pseuds")
        .set({ name: odd, name_key: nameKey(odd) })
        .where("id", "=", writers[0]!.pseudId)
        .execute();
      for (const [i, title] of titles.entries()) {
        await makeWork(archive.db, {
          title,
          user: writers[i % 2],
          anonymous: i === 3,
          restricted: i === 4,
          tags: { fandom: [`Fandom ${i % 2}`, ...(i === 5 ? ["Fandom 0"] : [])], freeform: [`Tag ${i % 3}`] },
        });
      }
      await archive.refreshIndex();
      const inThread = await ArchiveIndex.build(archive.db, undefined, { workers: 0 });
      // Chunks of 2 ids: several per reader thread, arriving out of order.
      const threaded = await ArchiveIndex.build(archive.db, undefined, { workers: 2, chunkSize: 2 });
      const queries = ["title", "creator", "kudos", "updated"].flatMap((sort) =>
        (["asc", "desc"] as const).map((direction) =>
          page({ sort: sort as EngineQuery["sort"], direction, limit: 200, facets: true }),
        ),
      );
      for (const q of [...queries, page({ signedIn: false, crossover: "only", facets: true })]) {
        const expected = archive.deps.index.engine.query(q);
        assert.deepEqual(inThread.engine.query(q), expected);
        assert.deepEqual(threaded.engine.query(q), expected);
      }
      const byTitle = threaded.engine.query(page({ sort: "title", direction: "asc", limit: 500 })).ids;
      const ours = await archive.db
        .selectFrom("works")
        .select(["id", "title"])
        .where("title", "in", titles)
        .execute();
      const position = (t: string) => byTitle.indexOf(ours.find((w) => w.title === t)!.id);
      assert.ok(position("\uE000 private") < position("\u{1F600} smile"));
      assert.ok(position("apple") < position("zebra"));
    });

    it("builds and catches up past a sort key that is not valid text, reading its chunk by rows", async () => {
      // Older code could cut a key between the halves of a surrogate pair; SQLite then stores
      // bytes that are not UTF-8, and its length() disagrees with the text read back.
      const broken = await makeWork(archive.db, { title: "Broken key" });
      const after = await makeWork(archive.db, { title: "After the broken key" });
      await archive.db
        .updateTable("works")
        .set({ title_sort: `broken key \uD83D` })
        .where("id", "=", broken.id)
        .execute();
      await archive.db.insertInto("changes").values({ work_id: broken.id, created_at: Date.now() }).execute();
      await archive.refreshIndex();
      for (const index of [
        archive.deps.index,
        await ArchiveIndex.build(archive.db, undefined, { workers: 0 }),
        await ArchiveIndex.build(archive.db, undefined, { workers: 2, chunkSize: 3 }),
      ]) {
        assert.ok(index.engine.has(broken.id) && index.engine.has(after.id));
        const byTitle = index.engine.query(page({ sort: "title", direction: "asc", limit: 500 })).ids;
        assert.ok(byTitle.includes(broken.id) && byTitle.includes(after.id));
      }
    });
  });
}
