import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { Viewer } from "../../context";
import { parseId } from "../../lib/http";
import { chapterHeading, chaptersLabel, isAdultRated, needsAdultNotice, withParam } from "./reading";

const reader = (skipAdultNotice: boolean): Viewer => ({
  id: 1,
  login: "reader",
  isAdmin: false,
  isTagWrangler: false,
  skipAdultNotice,
});

describe("reading rules", () => {
  it("treats Mature, Explicit, Not Rated and a missing rating as adult", () => {
    assert.equal(isAdultRated(["Mature"]), true);
    assert.equal(isAdultRated(["Explicit"]), true);
    assert.equal(isAdultRated(["Not Rated"]), true);
    assert.equal(isAdultRated([]), true);
    assert.equal(isAdultRated(["General Audiences"]), false);
    assert.equal(isAdultRated(["Teen And Up Audiences"]), false);
  });

  it("shows the adult notice unless the reader is the creator, continued, or skips it", () => {
    const base = { viewer: null, isCreator: false, ratings: ["Explicit"], viewAdult: false };
    assert.equal(needsAdultNotice(base), true);
    assert.equal(needsAdultNotice({ ...base, viewAdult: true }), false);
    assert.equal(needsAdultNotice({ ...base, isCreator: true }), false);
    assert.equal(needsAdultNotice({ ...base, viewer: reader(false) }), true);
    assert.equal(needsAdultNotice({ ...base, viewer: reader(true) }), false);
    assert.equal(needsAdultNotice({ ...base, ratings: ["General Audiences"] }), false);
  });

  it("labels chapters and chapter counts", () => {
    assert.equal(chapterHeading({ number: 2, title: "The Ball" }), "Chapter 2: The Ball");
    assert.equal(chapterHeading({ number: 3, title: "" }), "Chapter 3");
    assert.equal(chaptersLabel(2, null), "2/?");
    assert.equal(chaptersLabel(2, 5), "2/5");
  });

  it("parses ids within the integer range only", () => {
    assert.equal(parseId("42"), 42);
    assert.equal(parseId("0"), null);
    assert.equal(parseId("99999999999999999999"), null);
    assert.equal(parseId(undefined), null);
  });

  it("sets one query parameter and keeps the rest", () => {
    assert.equal(withParam("/works/3", "view_adult", "true"), "/works/3?view_adult=true");
    assert.equal(
      withParam("/works/3?view_full_work=true", "view_adult", "true"),
      "/works/3?view_full_work=true&view_adult=true",
    );
  });
});
