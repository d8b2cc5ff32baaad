import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { createTestArchive, type TestArchive, testDialects } from "../../../test/helpers/archive";
import { findOrCreateTags } from "./queries";
import { tagListSchema, userTagCountError } from "./schema";
import { FORBIDDEN_TAG_CHARACTERS, splitTagList, TAG_NAME_MAX, tagNameProblem, USER_TAGS_MAX } from "./tags";

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

  it("refuses every character the rules name, and a name that is empty", () => {
    assert.deepEqual(
      [...FORBIDDEN_TAG_CHARACTERS].sort(),
      [",", "^", "*", "<", ">", "{", "}", "=", "\\", "%"].sort(),
    );
    for (const ch of FORBIDDEN_TAG_CHARACTERS) {
      assert.equal(
        tagNameProblem(`Before${ch}After`),
        `Tags can't include the character ${ch} (in "Before${ch}After").`,
      );
    }
    assert.equal(tagNameProblem(" \u00a0 "), "A tag needs a name.");
  });

  it("refuses a list holding a forbidden name, with the message for that name", () => {
    const parsed = tagListSchema().safeParse("Fluff, <b>Bold</b>, Angst");
    assert.equal(parsed.success, false);
    assert.match(parsed.error!.issues[0]!.message, /can't include the character < \(in "<b>Bold<\/b>"\)/);
    assert.deepEqual(tagListSchema().parse("  Fluff,\tSlow\u00a0 Burn , fluff"), ["Fluff", "Slow Burn"]);
    assert.match(
      tagListSchema({ required: "Please add a fandom." }).safeParse(" , ").error!.issues[0]!.message,
      /Please add a fandom/,
    );
  });

  it("counts the typed tags of all four fields against the limit of 75", () => {
    const names = (prefix: string, n: number) =>
      Array.from({ length: n }, (_, i) => `${prefix} ${i}`).join(", ");
    const fits = {
      fandoms: names("F", 5),
      relationships: names("R", 20),
      characters: names("C", 30),
      freeforms: names("A", 20),
    };
    assert.equal(USER_TAGS_MAX, 75);
    assert.deepEqual(userTagCountError(fits), {});
    // A repeat within a field is one tag; one more name anywhere is one too many.
    assert.deepEqual(userTagCountError({ ...fits, freeforms: `${names("A", 20)}, a 0` }), {});
    const over = userTagCountError({ ...fits, characters: names("C", 31) });
    assert.deepEqual(Object.keys(over), ["freeforms"]);
    assert.match(over.freeforms!, /at most 75 .*this one has 76/);
  });

  it("refuses invisible and text-direction characters, naming the character and the tag", () => {
    assert.equal(
      tagNameProblem("Sherlock\u200B Holmes"),
      'Tags can\'t include invisible or text-direction characters such as U+200B (in "Sherlock\u200B Holmes").',
    );
    for (const ch of [
      "\u202E",
      "\u202A",
      "\u2066",
      "\u2069",
      "\u200E",
      "\u00AD",
      "\u2060",
      "\u034F",
      "\u3164",
      "\uFE0F",
    ]) {
      assert.match(tagNameProblem(`Holmes${ch}`) ?? "", /invisible/, JSON.stringify(ch));
    }
    assert.match(tagNameProblem("Sher\u200Dlock") ?? "", /U\+200D/);
    // Joiners where a script or an emoji needs them are kept.
    for (const name of ["می\u200Cخواهم", "क्\u200Dष", "👩\u200D👩\u200D👧", "🏳️\u200D🌈", "❤️ Fluff"]) {
      assert.equal(tagNameProblem(name), null, name);
    }
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
