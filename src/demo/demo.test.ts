import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestArchive, type TestArchive, testDialects } from "../../test/helpers/archive";
import { verifyPassword } from "../features/accounts/password";
import { countWords } from "../lib/wordcount";
import { loadDemo } from "./index";

const DAY = 86_400_000;

async function titles(archive: TestArchive): Promise<string[]> {
  const rows = await archive.db.selectFrom("works").select("title").orderBy("id").execute();
  return rows.map((r) => r.title);
}

for (const dialect of testDialects()) {
  describe(`the demo archive (${dialect})`, () => {
    let archive: TestArchive;
    const log: string[] = [];
    const loadedAt = Date.now();

    before(async () => {
      archive = await createTestArchive(dialect);
      await loadDemo(archive.deps, (line) => log.push(line));
    });
    after(() => archive.close());

    it("loads a few hundred works and says so in one line", async () => {
      const { n } = await archive.db
        .selectFrom("works")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      assert.ok(Number(n) >= 250, `only ${n} works`);
      assert.equal(log.length, 1);
      assert.match(log[0]!, /demo archive \(\d+ works/);
      assert.match(log[0]!, /"demo" with password "quire-demo-password"/);
    });

    it("tags works with every type of tag, synonyms and wrangled parents included", async () => {
      const types = await archive.db
        .selectFrom("taggings")
        .innerJoin("tags", "tags.id", "taggings.tag_id")
        .select("tags.type")
        .distinct()
        .execute();
      assert.deepEqual(types.map((t) => t.type).sort(), [
        "category",
        "character",
        "fandom",
        "freeform",
        "rating",
        "relationship",
        "warning",
      ]);
      const synonym = await archive.db
        .selectFrom("tags")
        .select("id")
        .where("merger_id", "is not", null)
        .execute();
      assert.ok(synonym.length > 0);
      const parents = await archive.db
        .selectFrom("tag_parents")
        .innerJoin("tags as p", "p.id", "tag_parents.parent_id")
        .innerJoin("tags as c", "c.id", "tag_parents.child_id")
        .select(["c.name"])
        .where("p.name", "=", "Pride and Prejudice - Jane Austen")
        .execute();
      assert.ok(parents.some((r) => r.name === "Elizabeth Bennet/Fitzwilliam Darcy"));
    });

    it("gives every work a rating, at least one warning and at least one fandom", async () => {
      const rows = await archive.db
        .selectFrom("works")
        .leftJoin("taggings", "taggings.work_id", "works.id")
        .leftJoin("tags", "tags.id", "taggings.tag_id")
        .select(["works.id", "tags.type"])
        .execute();
      const byWork = new Map<number, string[]>();
      for (const r of rows) byWork.set(r.id, [...(byWork.get(r.id) ?? []), r.type ?? ""]);
      for (const [id, types] of byWork) {
        assert.equal(types.filter((t) => t === "rating").length, 1, `work ${id} rating`);
        assert.ok(types.includes("warning"), `work ${id} warning`);
        assert.ok(types.includes("fandom"), `work ${id} fandom`);
      }
      const crossovers = [...byWork.values()].filter((t) => t.filter((x) => x === "fandom").length > 1);
      assert.ok(crossovers.length > 0, "no crossover");
    });

    it("has drafts (one of them the demo account's), restricted and anonymous works", async () => {
      const works = await archive.db
        .selectFrom("works")
        .select(["id", "posted", "posted_at", "restricted", "anonymous"])
        .execute();
      const drafts = works.filter((w) => w.posted === 0);
      assert.ok(drafts.length >= 3);
      assert.ok(drafts.every((w) => w.posted_at === null));
      const draftChapters = await archive.db
        .selectFrom("chapters")
        .select(["posted", "work_id"])
        .where(
          "work_id",
          "in",
          drafts.map((w) => w.id),
        )
        .execute();
      assert.ok(draftChapters.length >= drafts.length && draftChapters.every((c) => c.posted === 0));
      assert.ok(works.filter((w) => w.restricted === 1).length >= 5);
      assert.ok(works.filter((w) => w.anonymous === 1).length >= 3);
      const demoDrafts = await archive.db
        .selectFrom("works")
        .innerJoin("creatorships", "creatorships.work_id", "works.id")
        .innerJoin("pseuds", "pseuds.id", "creatorships.pseud_id")
        .innerJoin("users", "users.id", "pseuds.user_id")
        .select("works.id")
        .where("users.login", "=", "demo")
        .where("works.posted", "=", 0)
        .execute();
      assert.ok(demoDrafts.length >= 1);
    });

    it("has multi-chapter, in-progress and co-created works and a pending invitation", async () => {
      const works = await archive.db
        .selectFrom("works")
        .select(["id", "posted", "chapter_count", "expected_chapters", "complete"])
        .execute();
      assert.ok(works.filter((w) => w.chapter_count >= 2).length >= 20);
      const inProgress = works.filter(
        (w) => w.posted === 1 && w.complete === 0 && (w.expected_chapters ?? 99) > w.chapter_count,
      );
      assert.ok(inProgress.length >= 5);
      const chapters = await archive.db
        .selectFrom("chapters")
        .select(["work_id", "position", "posted"])
        .execute();
      const draftAfterPosted = works.filter(
        (w) =>
          w.posted === 1 &&
          chapters.some((c) => c.work_id === w.id && c.posted === 0 && c.position > w.chapter_count),
      );
      assert.ok(draftAfterPosted.length >= 2);
      const credits = await archive.db.selectFrom("creatorships").select(["work_id", "approved"]).execute();
      const approved = new Map<number, number>();
      for (const c of credits)
        if (c.approved === 1) approved.set(c.work_id, (approved.get(c.work_id) ?? 0) + 1);
      assert.ok([...approved.values()].filter((n) => n >= 2).length >= 3);
      assert.equal(approved.size, works.length, "every work has an approved creator");
      assert.ok(credits.some((c) => c.approved === 0));
    });

    it("keeps word and chapter counts, dates and the change feed consistent", async () => {
      const works = await archive.db.selectFrom("works").selectAll().execute();
      const chapters = await archive.db.selectFrom("chapters").selectAll().orderBy("position").execute();
      const changes = await archive.db.selectFrom("changes").select("work_id").execute();
      const changed = new Set(changes.map((c) => c.work_id));
      for (const w of works) {
        const own = chapters.filter((c) => c.work_id === w.id);
        const posted = own.filter((c) => c.posted === 1);
        assert.equal(
          w.word_count,
          posted.reduce((sum, c) => sum + c.word_count, 0),
          `work ${w.id} words`,
        );
        assert.equal(w.chapter_count, posted.length, `work ${w.id} chapters`);
        assert.ok(w.word_count === 0 || (w.word_count >= 250 && w.word_count <= 8000), `work ${w.id} length`);
        // Drafts are in no listing: the feed names the posted works.
        assert.equal(changed.has(w.id), w.posted === 1, `work ${w.id} change`);
        if (w.posted_at !== null) assert.ok(w.posted_at <= w.updated_at);
        assert.ok(w.updated_at <= loadedAt && w.created_at > loadedAt - 731 * DAY, `work ${w.id} dates`);
        const times = posted.map((c) => c.posted_at!);
        assert.deepEqual(
          times,
          [...times].sort((a, b) => a - b),
          `work ${w.id} chapter order`,
        );
      }
      const postedAt = works.flatMap((w) => (w.posted_at === null ? [] : [w.posted_at]));
      assert.ok(Math.max(...postedAt) - Math.min(...postedAt) > 365 * DAY, "dates spread over the years");
    });

    it("stores sanitized, non-empty chapter bodies whose word counts are countWords'", async () => {
      const chapters = await archive.db.selectFrom("chapters").select(["body", "word_count"]).execute();
      for (const c of chapters) {
        assert.match(c.body, /^<p>/);
        assert.doesNotMatch(c.body, /<script/i);
        assert.ok(c.word_count > 0);
      }
      assert.ok(
        chapters.some((c) => c.body.includes("<em>")),
        "some italics",
      );
      assert.ok(
        chapters.some((c) => /[“”]/.test(c.body) && c.body.includes("—")),
        "curly quotes and dashes",
      );
      // A sample: countWords is slow on long texts.
      for (const c of chapters.filter((c) => c.word_count < 800).slice(0, 25)) {
        assert.equal(countWords(c.body), c.word_count);
      }
    });

    it("writes the Chinese, Russian and Spanish works in those languages", async () => {
      for (const [language, script] of [
        ["zh", /\p{Script=Han}{6}/u],
        ["ru", /\p{Script=Cyrillic}{5}/u],
        ["es", /[¿¡ñ]/],
      ] as const) {
        const rows = await archive.db
          .selectFrom("chapters")
          .innerJoin("works", "works.id", "chapters.work_id")
          .select("chapters.body")
          .where("works.language", "=", language)
          .execute();
        assert.ok(rows.length > 0, `no ${language} work`);
        assert.ok(
          rows.every((r) => script.test(r.body)),
          `${language} text`,
        );
      }
    });

    it("lets the demo account and every writer sign in with the demo password", async () => {
      const users = await archive.db
        .selectFrom("users")
        .select(["id", "login", "password_hash"])
        .where("login", "not in", ["admin", "orphan_account"])
        .execute();
      assert.ok(users.length >= 10);
      const demo = users.find((u) => u.login === "demo");
      assert.ok(demo);
      assert.equal(await verifyPassword(demo.password_hash, "quire-demo-password"), true);
      assert.equal(await verifyPassword(demo.password_hash, "quire-demo-passwort"), false);
      const pseuds = await archive.db.selectFrom("pseuds").select(["user_id", "name"]).execute();
      for (const u of users) {
        const own = pseuds.filter((p) => p.user_id === u.id);
        assert.ok(own.length >= 1 && own.length <= 3, `${u.login} pseuds`);
      }
      assert.ok(pseuds.some((p) => p.name === "Ink at Longbourn"));
    });

    it("comes out the same in a second database", async () => {
      const other = await createTestArchive(dialect);
      try {
        await loadDemo(other.deps, () => {});
        assert.deepEqual(await titles(other), await titles(archive));
      } finally {
        await other.close();
      }
    });
  });
}
