// The `changes` feed is kept by the database's triggers: writes made in plain SQL, with no
// application code around them, reach the tag engine, the listings and their sidebar counts.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { findOrMakeTag, makeUser, makeWork } from "../../test/factories";
import { createTestArchive, type TestArchive, testDialects } from "../../test/helpers/archive";
import { box, qs, titles, unique } from "../features/browse/testkit";
import type { EngineQuery } from "../tagengine/core/types";
import { TAG_GRAPH_CHANGED } from "../tagengine/load/archive";

const ws = (name: string) => `work_search[${name}]`;

for (const dialect of testDialects()) {
  describe(`the changes feed kept by the database (${dialect})`, () => {
    let archive: TestArchive;
    before(async () => {
      archive = await createTestArchive(dialect);
    });
    after(() => archive.close());

    const run = (query: ReturnType<typeof sql>) => query.execute(archive.db);
    const lastChange = async () =>
      Number(
        (
          await archive.db
            .selectFrom("changes")
            .select((eb) => eb.fn.max<number>("id").as("id"))
            .executeTakeFirstOrThrow()
        ).id ?? 0,
      );
    /** The work ids appended since `mark`, in feed order. */
    const feedSince = async (mark: number) =>
      (
        await archive.db
          .selectFrom("changes")
          .select("work_id")
          .where("id", ">", mark)
          .orderBy("id")
          .execute()
      ).map((r) => r.work_id);
    const listed = (q: Partial<EngineQuery>) =>
      archive.deps.index.engine
        .query({ signedIn: true, sort: "updated", direction: "desc", offset: 0, limit: 100, ...q })
        .ids.slice()
        .sort((a, b) => a - b);
    const searchPath = (word: string, scope?: "chapters") =>
      `/works?${qs({ [ws("query")]: word, ...(scope ? { [ws("query_scope")]: scope } : {}) })}`;

    it("appends works written in plain SQL, with no application code, and leaves drafts out", async () => {
      const mark = await lastChange();
      const now = Date.now();
      const insert = (title: string, posted: number) =>
        run(sql`insert into works (title, title_sort, posted, created_at, posted_at, updated_at)
          values (${title}, ${title.toLowerCase()}, ${posted}, ${now}, ${now}, ${now})`);
      await insert("Typed at a prompt", 1);
      await insert("Still a draft", 0);
      const ids = await archive.db
        .selectFrom("works")
        .select(["id", "posted"])
        .where("title", "in", ["Typed at a prompt", "Still a draft"])
        .execute();
      const posted = ids.find((w) => w.posted === 1)!.id;
      const draft = ids.find((w) => w.posted === 0)!.id;
      assert.deepEqual(await feedSince(mark), [posted]);

      // An edit of a draft, or of the derived search text alone, changes no listing.
      const quiet = await lastChange();
      await run(sql`update works set title = 'Still a draft, retitled' where id = ${draft}`);
      await run(sql`update works set search_meta = 'anything' where id = ${posted}`);
      assert.deepEqual(await feedSince(quiet), []);
      await run(sql`update works set kudos_count = 7 where id = ${posted}`);
      assert.deepEqual(await feedSince(quiet), [posted]);

      await archive.refreshIndex();
      assert.ok(archive.deps.index.engine.has(posted));
      assert.ok(!archive.deps.index.engine.has(draft));
      await run(sql`delete from works where id = ${posted}`);
      await archive.refreshIndex();
      assert.ok(!archive.deps.index.engine.has(posted));
    });

    it("shows a tagging inserted in SQL in the tag's listing and the sidebar counts", async () => {
      const fandom = unique("Feed Fandom");
      const work = await makeWork(archive.db, { title: unique("Tagged later"), tags: { fandom: [fandom] } });
      const other = await makeWork(archive.db, {
        title: unique("Tagged before"),
        tags: { fandom: [fandom] },
      });
      const fandomId = await findOrMakeTag(archive.db, "fandom", fandom);
      const freeform = await findOrMakeTag(archive.db, "freeform", unique("Prompt Fill"));
      await run(sql`insert into taggings (work_id, tag_id) values (${other.id}, ${freeform})`);
      const path = `/works?${qs({ "include_work_search[fandom_ids][]": fandomId })}`;
      const client = archive.client();
      assert.match(box((await client.get(path)).text, "include", "freeform", freeform)!.label, /\(1\)$/);

      await run(sql`insert into taggings (work_id, tag_id) values (${work.id}, ${freeform})`);
      await archive.refreshIndex();
      assert.deepEqual(
        listed({ include: [freeform] }),
        [work.id, other.id].sort((a, b) => a - b),
      );
      assert.match(box((await client.get(path)).text, "include", "freeform", freeform)!.label, /\(2\)$/);
      await run(sql`delete from taggings where work_id = ${other.id} and tag_id = ${freeform}`);
      await archive.refreshIndex();
      assert.deepEqual(listed({ include: [freeform] }), [work.id]);
    });

    it("re-sorts and finds a work whose title changed in SQL", async () => {
      const word = `zephyrquill${process.pid}`;
      const work = await makeWork(archive.db, { title: unique("Before the rename") });
      const client = archive.client();
      assert.deepEqual(titles((await client.get(searchPath(word))).text), []);
      await run(sql`update works set title = ${`Aardvark ${word}`}, title_sort = ${`aardvark ${word}`}
        where id = ${work.id}`);
      assert.deepEqual(titles((await client.get(searchPath(word))).text), [`Aardvark ${word}`]);
      const byTitle = archive.deps.index.engine.query({
        signedIn: true,
        sort: "title",
        direction: "asc",
        offset: 0,
        limit: 1,
      });
      assert.equal(byTitle.ids[0], work.id);
    });

    it("finds the text of a chapter posted by an UPDATE, and leaves the work's date alone", async () => {
      const word = `marrowlight${process.pid}`;
      const work = await makeWork(archive.db, { title: unique("Growing"), postedAt: 1_000_000 });
      const now = Date.now();
      await run(sql`insert into chapters (work_id, position, body, posted, created_at, updated_at)
        values (${work.id}, 2, ${`<p>${word}</p>`}, 0, ${now}, ${now})`);
      const client = archive.client();
      assert.deepEqual(titles((await client.get(searchPath(word, "chapters"))).text), []);
      await run(
        sql`update chapters set posted = 1, posted_at = ${now} where work_id = ${work.id} and position = 2`,
      );
      assert.equal(titles((await client.get(searchPath(word, "chapters"))).text).length, 1);
      const row = await archive.db
        .selectFrom("works")
        .select("updated_at")
        .where("id", "=", work.id)
        .executeTakeFirstOrThrow();
      assert.equal(Number(row.updated_at), 1_000_000);
    });

    it("re-sorts by creator the works of a pseud renamed in SQL, one feed row a work", async () => {
      const zed = await makeUser(archive.db, { login: `zed_${process.pid}` });
      const mid = await makeUser(archive.db, { login: `mid_${process.pid}` });
      const works: number[] = [];
      for (let i = 0; i < 30; i++) works.push((await makeWork(archive.db, { user: zed })).id);
      const rival = (await makeWork(archive.db, { user: mid })).id;
      await archive.refreshIndex();
      const first = () =>
        archive.deps.index.engine.query({
          signedIn: true,
          sort: "creator",
          direction: "asc",
          offset: 0,
          limit: 1,
          onlyIds: [rival, works[0]!],
        }).ids[0];
      assert.equal(first(), rival);
      const mark = await lastChange();
      await run(sql`update pseuds set name = ${`Abe_${process.pid}`}, name_key = ${`abe_${process.pid}`}
        where id = ${zed.pseudId}`);
      assert.deepEqual(
        (await feedSince(mark)).sort((a, b) => a - b),
        works,
      );
      await archive.refreshIndex();
      assert.equal(first(), works[0]);
    });

    it("files a tag merged as a synonym by UPDATE under its canonical tag, and under meta tags", async () => {
      const canonical = await findOrMakeTag(archive.db, "character", unique("Sherlock"));
      const synonymName = unique("Sherl");
      const byCanonical = await makeWork(archive.db, { tags: { character: [unique("Sherlock")] } });
      const bySynonym = await makeWork(archive.db, { tags: { character: [synonymName] } });
      await run(sql`insert into taggings (work_id, tag_id) values (${byCanonical.id}, ${canonical})`);
      const synonym = await findOrMakeTag(archive.db, "character", synonymName);
      await archive.refreshIndex();
      assert.deepEqual(listed({ include: [canonical] }), [byCanonical.id]);

      const mark = await lastChange();
      await run(sql`update tags set canonical = 1 where id = ${canonical}`);
      await run(sql`update tags set merger_id = ${canonical} where id = ${synonym}`);
      const feed = await feedSince(mark);
      // The graph first, so that an index reloads it before it reads the works again.
      assert.deepEqual(feed, [TAG_GRAPH_CHANGED, TAG_GRAPH_CHANGED, bySynonym.id]);
      await archive.refreshIndex();
      const both = [byCanonical.id, bySynonym.id].sort((a, b) => a - b);
      assert.deepEqual(listed({ include: [canonical] }), both);

      // A meta tag over the canonical tag, then one over that: every work below moves up.
      const meta = await findOrMakeTag(archive.db, "character", unique("Detectives"));
      const top = await findOrMakeTag(archive.db, "character", unique("Fictional People"));
      await run(sql`insert into meta_tags (meta_id, sub_id) values (${meta}, ${canonical})`);
      await run(sql`insert into meta_tags (meta_id, sub_id) values (${top}, ${meta})`);
      await archive.refreshIndex();
      assert.deepEqual(listed({ include: [meta] }), both);
      assert.deepEqual(listed({ include: [top] }), both);
      await run(sql`delete from meta_tags where meta_id = ${meta} and sub_id = ${canonical}`);
      await archive.refreshIndex();
      assert.deepEqual(listed({ include: [top] }), []);
    });

    it("no longer finds a work by a creator whose creatorship was deleted in SQL", async () => {
      const login = `gone${process.pid}`;
      const leaving = await makeUser(archive.db, { login });
      const staying = await makeUser(archive.db);
      const work = await makeWork(archive.db, { user: staying, coCreatorPseudIds: [leaving.pseudId] });
      const client = archive.client();
      assert.equal(titles((await client.get(searchPath(login))).text).length, 1);
      await run(sql`delete from creatorships where work_id = ${work.id} and pseud_id = ${leaving.pseudId}`);
      assert.deepEqual(titles((await client.get(searchPath(login))).text), []);
    });
  });
}
