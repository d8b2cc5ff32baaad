// A new work's first chapter and every later chapter go through the same checks: a text with
// nothing left for readers once sanitized is refused in both, beside the field, saving nothing.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeWork } from "../../../test/factories";
import { createTestArchive, type TestArchive, testDialects } from "../../../test/helpers/archive";
import { chapterForm, clientOf, countRows, fieldError, signedIn, validForm } from "./testkit";

const EMPTY_ONCE_SANITIZED = ["<p><script>x</script></p>", "<p> </p>", "<div><style>p{}</style></div>"];

for (const dialect of testDialects()) {
  describe(`a chapter's text, first or later (${dialect})`, () => {
    let archive: TestArchive;
    before(async () => {
      archive = await createTestArchive(dialect);
    });
    after(() => archive.close());

    it("refuses a new work whose text sanitizes to nothing, as it refuses such a later chapter", async () => {
      const { user, client } = await signedIn(archive);
      const work = await makeWork(archive.db, { user });
      const writer = await clientOf(archive, user);
      for (const body of EMPTY_ONCE_SANITIZED) {
        const counts = await countRows(archive);
        for (const action of ["post", "draft", "preview"]) {
          const first = await client.post("/works", validForm(user, { body, action }));
          assert.equal(first.status, 422, `${body} (${action})`);
          const later = await writer.post(`/works/${work.id}/chapters`, chapterForm({ body, action }));
          assert.equal(later.status, 422, `${body} (${action})`);
          assert.ok(fieldError(first, "body"), body);
          assert.equal(fieldError(first, "body"), fieldError(later, "body"), body);
        }
        assert.deepEqual(await countRows(archive), counts);
      }
    });

    it("stores the first chapter as a later chapter of the same text is stored", async () => {
      const { user, client } = await signedIn(archive);
      const body = "One line.\nAnother line.\n\n<b>Bold</b> and a word or two more.";
      const posted = await client.post(
        "/works",
        validForm(user, { body, format: "plain", chapter_title: "Start" }),
      );
      const workId = Number(posted.location?.split("/").pop());
      const added = await client.post(
        `/works/${workId}/chapters`,
        chapterForm({ body, format: "plain", title: "Start", action: "post" }),
      );
      assert.equal(added.status, 303);
      const rows = await archive.db
        .selectFrom("chapters")
        .select(["title", "body", "word_count"])
        .where("work_id", "=", workId)
        .orderBy("position")
        .execute();
      assert.equal(rows.length, 2);
      assert.deepEqual(rows[0], rows[1]);
    });
  });
}
