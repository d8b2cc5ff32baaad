import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { queryWords, searchableText } from "./normalize";
import { MAX_TERMS, parseSearchQuery, searchLimit, toFts5, toTsquery } from "./syntax";

const fts5 = (q: string) => {
  const parsed = parseSearchQuery(q);
  return parsed && toFts5(parsed);
};
const tsquery = (q: string) => {
  const parsed = parseSearchQuery(q);
  return parsed && toTsquery(parsed);
};

describe("search query syntax", () => {
  it("ANDs words and keeps phrases, prefixes, exclusions and OR", () => {
    assert.equal(fts5("red fox"), '"red" AND "fox"');
    assert.equal(fts5('"red fox" den'), '"red fox" AND "den"');
    assert.equal(fts5("fox*"), '"fox" *');
    assert.equal(fts5("fox -hound"), '("fox") NOT "hound"');
    assert.equal(fts5('fox -"hunting horn"'), '("fox") NOT "hunting horn"');
    assert.equal(fts5("fox OR wolf den"), '("fox" OR "wolf") AND "den"');
    assert.equal(tsquery("fox OR wolf den"), "('fox' | 'wolf') & 'den'");
    assert.equal(tsquery('"red fox"* -hound'), "('red' <-> 'fox') & !'hound'");
    assert.equal(tsquery("fox* -hound"), "'fox':* & !'hound'");
  });

  it("treats anything else as plain words", () => {
    assert.equal(fts5("don't"), '"don t"');
    assert.equal(fts5("NEAR(a b)"), '"NEAR a" AND "b"');
    assert.equal(fts5("fox AND NOT hound"), '"fox" AND "AND" AND "NOT" AND "hound"');
    assert.equal(fts5("fox or wolf"), '"fox" AND "or" AND "wolf"');
    assert.equal(tsquery("a:* & b | !c <-> d\\'"), "'a':* & 'b' & 'c' & 'd'");
    assert.equal(fts5("OR fox OR"), '"fox"');
    assert.equal(fts5("fox OR -wolf"), '("fox") NOT "wolf"');
    assert.equal(fts5('"unclosed phrase'), '"unclosed phrase"');
  });

  it("splits Chinese and Japanese into characters", () => {
    assert.deepEqual(queryWords("北京天安门"), ["北", "京", "天", "安", "门"]);
    assert.deepEqual(queryWords("iPhone手机"), ["iPhone", "手", "机"]);
    assert.equal(fts5("北京"), '"北 京"');
    assert.equal(tsquery("北京"), "('北' <-> '京')");
  });

  it("finds nothing to search in empty, punctuation-only or exclusion-only queries", () => {
    for (const q of ["", "  ", "!?.,;", '""', "-", "*", "OR", "-fox", '-"red fox"']) {
      assert.equal(parseSearchQuery(q), null, JSON.stringify(q));
    }
  });

  it("keeps at most MAX_TERMS terms", () => {
    const parsed = parseSearchQuery(Array.from({ length: 100 }, (_, i) => `w${i}`).join(" "));
    assert.equal(parsed?.groups.length, MAX_TERMS);
  });

  it("indexes text without markup, with CJK characters apart", () => {
    assert.equal(
      searchableText('<p class="x">A &amp; <strong>B</strong></p>', true).replace(/\s+/g, " ").trim(),
      "A B",
    );
    assert.equal(searchableText("<b>literal</b>", false), "<b>literal</b>");
    assert.equal(searchableText("猫です", false), " 猫  で  す ");
  });

  it("defaults and bounds the limit", () => {
    assert.equal(searchLimit(undefined), 10_000);
    assert.equal(searchLimit(-5), 0);
    assert.equal(searchLimit(2.7), 2);
  });
});
