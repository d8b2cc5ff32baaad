import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { idList, ListReader, numberList } from "./lists";

describe("aggregated build columns", () => {
  it("reads numbers past 2^32 and length-prefixed text holding separators and astral characters", () => {
    const r = new ListReader("1764201600123:7:a:b;c,d;12:2:\u{1F600}x");
    assert.equal(r.need(), 1764201600123);
    r.expect(":");
    assert.equal(r.lengthPrefixed(), "a:b;c,d");
    r.expect(";");
    assert.equal(r.need(), 12);
    r.expect(":");
    assert.equal(r.lengthPrefixed(), "\u{1F600}x");
    assert.ok(r.done);
  });

  it("refuses a column that does not line up with its chunk, or malformed text", () => {
    assert.deepEqual([...numberList("3,1,2", new Uint32Array(3))], [3, 1, 2]);
    assert.deepEqual([...numberList(null, new Float64Array(0))], []);
    assert.throws(() => numberList("3,1", new Uint32Array(3)), /aggregated column/);
    assert.throws(() => numberList("3,1,2,4", new Uint32Array(3)), /aggregated column/);
    assert.throws(() => new ListReader("9:short").lengthPrefixed(), /aggregated column/);
    assert.throws(() => new ListReader("x").need(), /aggregated column/);
  });

  it("reads id lists, and refuses anything else in them", () => {
    assert.deepEqual([...idList("[12,7,30]")], [12, 7, 30]);
    assert.deepEqual([...idList("[12, 7, 4294967295]")], [12, 7, 4294967295]);
    assert.deepEqual([...idList(null)], []);
    assert.deepEqual([...idList("[]")], []);
    for (const bad of [
      "12,7",
      '[12,"x"]',
      "[1.5]",
      "[-1]",
      "[4294967296]",
      "{}",
      "[12,",
      "[12,]",
      "[,12]",
      "[1 2]",
      "[",
    ])
      assert.throws(() => idList(bad), /aggregated column/, bad);
  });
});
