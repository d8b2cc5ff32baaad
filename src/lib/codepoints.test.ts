import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compareCodePoints } from "./codepoints";

describe("compareCodePoints", () => {
  it("orders by code point, as the databases' binary collations do", () => {
    const keys = ["\u{1F600}", "\uE000", "b", "a", "ab", ""];
    assert.deepEqual([...keys].sort(compareCodePoints), ["", "a", "ab", "b", "\uE000", "\u{1F600}"]);
    // UTF-16 order would put the astral character first.
    assert.ok("\u{1F600}" < "\uE000");
    assert.ok(compareCodePoints("\u{1F600}", "\uE000") > 0);
  });
});
