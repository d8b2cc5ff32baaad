import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { TagType } from "../../db/types";
import { AutocompleteIndex, searchKey, type UseCounts, wordStarts } from "./autocomplete";
import type { TagRow } from "./queries";

let nextId = 100;
function tag(name: string, type: TagType = "character", canonical = false, id = nextId++): TagRow {
  return { id, type, name, canonical, mergerId: null, unwrangleable: false };
}

const names = (s: { name: string }[]) => s.map((x) => x.name);

function counts(uses: Record<number, number>): UseCounts {
  return { bound: (id) => uses[id] ?? 0, exact: (id) => uses[id] ?? 0 };
}

describe("search keys and word starts", () => {
  it("folds case and accents", () => {
    assert.equal(searchKey("  Zoë  ÉCLAIR Straße "), "zoe eclair strasse");
  });

  it("starts a word after any non-letter, and at each character of unspaced scripts", () => {
    const key = searchKey("Elizabeth Bennet/Fitzwilliam Darcy");
    assert.deepEqual(
      wordStarts(key).map((o) => key.slice(o, o + 3)),
      ["eli", "ben", "fit", "dar"],
    );
    assert.deepEqual(wordStarts(searchKey("#1 Fan")), [0, 1, 3]);
    assert.deepEqual(wordStarts("魏无羡"), [0, 1, 2]);
  });
});

describe("the autocomplete index", () => {
  const holmes = tag("Sherlock Holmes", "character", true);
  const mycroft = tag("Mycroft Holmes", "character", false);
  const lizzy = tag("Elizabeth Bennet/Fitzwilliam Darcy", "relationship", true);
  const eliza = tag("Eliza Doolittle", "character", false);
  const zoe = tag("Zoë Washburne", "character", true);
  const holmesFandom = tag("Sherlock Holmes", "fandom", true);
  const index = AutocompleteIndex.build([holmes, mycroft, lizzy, eliza, zoe, holmesFandom]);

  it("finds names by the start of any word, whatever the case and accents", () => {
    assert.deepEqual(names(index.search(["character"], "holm", 10)), ["Sherlock Holmes", "Mycroft Holmes"]);
    assert.deepEqual(names(index.search(["relationship"], "eliz", 10)), [lizzy.name]);
    assert.deepEqual(names(index.search(["relationship"], "DARC", 10)), [lizzy.name]);
    assert.deepEqual(names(index.search(["relationship"], "bennet/fitz", 10)), [lizzy.name]);
    assert.deepEqual(names(index.search(["character"], "ZOE", 10)), ["Zoë Washburne"]);
    assert.deepEqual(names(index.search(["character"], "zoë w", 10)), ["Zoë Washburne"]);
    // Not the middle of a word.
    assert.deepEqual(index.search(["character"], "olmes", 10), []);
    assert.deepEqual(index.search(["character"], "izabeth", 10), []);
  });

  it("keeps to the types asked for", () => {
    assert.deepEqual(
      index.search(["fandom"], "sher", 10).map((s) => [s.name, s.type]),
      [["Sherlock Holmes", "fandom"]],
    );
    assert.equal(index.search(["fandom", "character"], "sher", 10).length, 2);
  });

  it("ranks canonical tags first, then by uses, then by name", () => {
    const ranked = index.search(["character", "relationship"], "e", 10, counts({ [eliza.id]: 50 }));
    assert.deepEqual(names(ranked), [lizzy.name, "Eliza Doolittle"]);
    // Among tags that are not canonical, uses decide.
    const a = tag("Anne Elliot", "character");
    const b = tag("Anne Shirley", "character");
    const c = tag("Anne Boleyn", "character");
    const small = AutocompleteIndex.build([a, b, c, tag("Anne of Cleves", "character", true)]);
    const got = small.search(["character"], "anne", 10, counts({ [b.id]: 7, [c.id]: 7, [a.id]: 1 }));
    assert.deepEqual(names(got), ["Anne of Cleves", "Anne Boleyn", "Anne Shirley", "Anne Elliot"]);
    assert.deepEqual(
      got.map((s) => s.uses),
      [0, 7, 7, 1],
    );
  });

  it("counts exactly only the candidates that can still place, and ranks by the exact figure", () => {
    const many = Array.from({ length: 50 }, (_, i) => tag(`Minor Character ${i}`));
    const small = AutocompleteIndex.build(many);
    let exactCalls = 0;
    const uses: UseCounts = {
      bound: (id) => id,
      // Restricted works taken away: the highest bounds lose the most.
      exact: (id) => {
        exactCalls++;
        return id - many[0]!.id < 45 ? id : 0;
      },
    };
    const got = small.search(["character"], "minor", 3, uses);
    assert.deepEqual(names(got), ["Minor Character 44", "Minor Character 43", "Minor Character 42"]);
    assert.ok(exactCalls < many.length, `counted ${exactCalls} of ${many.length} exactly`);
  });

  it("returns at most the limit, and nothing for an empty or too long term", () => {
    const many = AutocompleteIndex.build(Array.from({ length: 30 }, (_, i) => tag(`Fluff ${i}`, "freeform")));
    assert.equal(many.search(["freeform"], "fluff", 10).length, 10);
    assert.deepEqual(many.search(["freeform"], "   ", 10), []);
    assert.deepEqual(many.search(["freeform"], "f".repeat(101), 10), []);
    const long = AutocompleteIndex.build([tag(`${"f".repeat(100)} end`, "freeform")]);
    assert.equal(long.search(["freeform"], "f".repeat(100), 10).length, 1);
  });

  it("takes in new tags and changed ones", () => {
    const small = AutocompleteIndex.build([tag("Tea", "freeform")]);
    const coffee = tag("Coffee Shop AU", "freeform");
    small.upsert([coffee]);
    assert.equal(small.maxId, coffee.id);
    assert.deepEqual(names(small.search(["freeform"], "shop", 10)), ["Coffee Shop AU"]);
    small.upsert([{ ...coffee, name: "Coffee House AU", canonical: true }]);
    assert.deepEqual(small.search(["freeform"], "shop", 10), []);
    assert.deepEqual(
      small.search(["freeform"], "house", 10).map((s) => [s.name, s.canonical]),
      [["Coffee House AU", true]],
    );
    // Many additions at once still land in order.
    small.upsert(
      Array.from({ length: 5000 }, (_, i) => tag(`Prompt ${String(i).padStart(4, "0")}`, "freeform")),
    );
    assert.deepEqual(names(small.search(["freeform"], "prompt 4999", 10)), ["Prompt 4999"]);
    assert.deepEqual(names(small.search(["freeform"], "prompt 12", 3)), [
      "Prompt 1200",
      "Prompt 1201",
      "Prompt 1202",
    ]);
    assert.equal(small.search(["freeform"], "prompt", 10).length, 10);
  });
});
