import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { SafeHtml } from "../../lib/sanitize";
import { hasReadableText, prepareChapter } from "./content";

const draft = { title: "", summary: "", notes: "", endNotes: "" };

describe("a chapter's content", () => {
  it("finds nothing to read in markup alone, but counts an image", () => {
    assert.equal(hasReadableText("<p></p>" as SafeHtml), false);
    assert.equal(hasReadableText("<p> </p><div><br /></div>" as SafeHtml), false);
    assert.equal(hasReadableText('<p><img src="https://example.org/a.png" /></p>' as SafeHtml), true);
    assert.equal(hasReadableText("<p>x</p>" as SafeHtml), true);
  });

  it("refuses a body that sanitizes to nothing, beside the body field", async () => {
    for (const body of ["<p><script>x</script></p>", "<p> </p>", "<style>p{}</style>"]) {
      const prepared = await prepareChapter({ ...draft, body, format: "html" });
      assert.equal(prepared.ok, false, body);
      assert.ok(!prepared.ok && prepared.errors.body, body);
    }
  });

  it("sanitizes, makes paragraphs of plain text and counts the words", async () => {
    const prepared = await prepareChapter({
      ...draft,
      notes: "<b onclick=x>n</b>",
      body: "One two.\n\nThree <four>.",
      format: "plain",
    });
    assert.ok(prepared.ok);
    assert.equal(prepared.content.body, "<p>One two.</p>\n<p>Three &lt;four&gt;.</p>");
    assert.equal(prepared.content.wordCount, 4);
    assert.doesNotMatch(prepared.content.notes, /onclick/);
  });
});
