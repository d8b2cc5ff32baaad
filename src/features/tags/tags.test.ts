import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestArchive, type TestArchive, testDialects } from "../../../test/helpers/archive";
import { findOrCreateTags } from "./queries";
import { splitTagList, TAG_NAME_MAX, tagNameProblem } from "./tags";

describe("typed tag lists", () => {
  it("splits on commas, normalises, and drops blanks and repeats of any case", () => {
    assert.deepEqual(splitTagList(" Fluff ,, angst,  Slow   Burn, FLUFF, Cafe\u0301 AU "), [
      "Fluff",
      "angst",
      "Slow Burn",
      "Café AU",
    ]);
    assert.deepEqual(splitTagList(" , "), []);
  });

  it("names the forbidden character", () => {
    assert.match(tagNameProblem("50% Off") ?? "", /character % /);
    assert.match(tagNameProblem("a^b") ?? "", /character \^ /);
    assert.equal(tagNameProblem("Holmes/Watson & Co."), null);
  });

  it("allows 150 characters, counting each emoji as one", () => {
    assert.equal(tagNameProblem("é".repeat(TAG_NAME_MAX)), null);
    assert.equal(tagNameProblem("🐉".repeat(TAG_NAME_MAX)), null);
    assert.match(tagNameProblem("x".repeat(TAG_NAME_MAX + 1)) ?? "", /150/);
  });
});

for (const dialect of testDialects()) {
  describe(`finding or creating tags (${dialect})`, () => {
    let archive: TestArchive;
    before(async () => {
      archive = await createTestArchive(dialect);
    });
    after(() => archive.close());

    it("finds fixed tags and creates new ones as not canonical, once per type and key", async () => {
      const [mature] = await findOrCreateTags(archive.db, "rating", ["mature"]);
      const seeded = await archive.db
        .selectFrom("tags")
        .select(["id", "name", "canonical"])
        .where("id", "=", mature!)
        .executeTakeFirstOrThrow();
      assert.deepEqual(seeded, { id: mature, name: "Mature", canonical: 1 });

      const [a, b] = await Promise.all([
        findOrCreateTags(archive.db, "freeform", ["Hurt/Comfort", "Tea"]),
        findOrCreateTags(archive.db, "freeform", ["hurt/comfort"]),
      ]);
      assert.equal(a![0], b![0]);
      const rows = await archive.db
        .selectFrom("tags")
        .select(["name", "canonical"])
        .where("type", "=", "freeform")
        .where("name_key", "in", ["hurt/comfort", "tea"])
        .orderBy("name")
        .execute();
      assert.equal(rows.length, 2);
      assert.ok(rows.every((r) => r.canonical === 0));

      // The same name under another type is another tag.
      const [asCharacter] = await findOrCreateTags(archive.db, "character", ["Tea"]);
      assert.notEqual(asCharacter, a![1]);
    });
  });
}
