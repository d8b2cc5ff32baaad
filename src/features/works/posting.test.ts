import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeUser } from "../../../test/factories";
import { createTestArchive, type TestArchive, testDialects } from "../../../test/helpers/archive";
import { countWords } from "../../lib/wordcount";
import { OFF_THREAD_FROM } from "../../lib/wordcount-thread";
import {
  countRows,
  fieldError,
  flashOf,
  redirectedWorkId,
  signedIn,
  tagsByType,
  validForm,
  workRow,
} from "./testkit";

for (const dialect of testDialects()) {
  describe(`posting a work (${dialect})`, () => {
    let archive: TestArchive;
    before(async () => {
      archive = await createTestArchive(dialect);
    });
    after(() => archive.close());

    const chapterRows = (id: number) =>
      archive.db.selectFrom("chapters").selectAll().where("work_id", "=", id).execute();

    it("sends guests to sign in first", async () => {
      const client = archive.client();
      const page = await client.get("/works/new");
      assert.equal(page.status, 303);
      assert.equal(page.location, "/login?return_to=/works/new");
      const before = await countRows(archive);
      const posted = await client.post("/works", validForm(await makeUser(archive.db)));
      assert.equal(posted.status, 303);
      assert.match(posted.location ?? "", /^\/login/);
      assert.deepEqual(await countRows(archive), before);
    });

    it("shows the posting form with every field, the default pseud ticked", async () => {
      const { user, client } = await signedIn(archive, { pseuds: ["Second Name"] });
      const page = await client.get("/works/new");
      assert.equal(page.status, 200);
      for (const name of [
        "title",
        "co_creators",
        "summary",
        "notes",
        "end_notes",
        "fandoms",
        "relationships",
        "characters",
        "freeforms",
        "expected_chapters",
        "chapter_title",
      ]) {
        assert.match(page.text, new RegExp(`name="${name}"`), name);
      }
      assert.match(page.text, /<textarea[^>]*name="body"/);
      assert.match(page.text, /<select[^>]*name="rating"/);
      assert.match(page.text, /<select[^>]*name="language"/);
      assert.match(page.text, /<option value="zh"[^>]*>中文<\/option>/);
      assert.equal((page.text.match(/name="warnings"/g) ?? []).length, 6);
      assert.equal((page.text.match(/name="categories"/g) ?? []).length, 6);
      assert.match(page.text, new RegExp(`name="pseud_ids" value="${user.pseudId}" checked`));
      assert.match(page.text, /name="pseud_ids" value="\d+"\s*\/?>\s*<label[^>]*>Second Name/);
      assert.match(page.text, /name="format" value="html" checked/);
      for (const action of ["preview", "draft", "post"]) {
        assert.match(page.text, new RegExp(`<button type="submit" name="action" value="${action}">`));
      }
    });

    it("posts a work with every field and saves each row", async () => {
      const { user, client } = await signedIn(archive, { pseuds: ["Watsonian"] });
      const pseuds = await archive.db
        .selectFrom("pseuds")
        .select(["id", "name"])
        .where("user_id", "=", user.id)
        .execute();
      const second = pseuds.find((p) => p.name === "Watsonian")!.id;
      const friend = await makeUser(archive.db);
      const startedAt = Date.now();
      const page = await client.post(
        "/works",
        validForm(user, {
          title: "  A  Study in\u0301 Quiet ",
          pseud_ids: [String(user.pseudId), String(second)],
          co_creators: friend.login,
          summary: "A <strong>summary</strong>.",
          notes: "Beginning notes.",
          end_notes: "End notes.",
          rating: "Mature",
          warnings: ["Graphic Depictions Of Violence", "Major Character Death"],
          categories: ["M/M", "Gen"],
          fandoms: "Sherlock Holmes - Arthur Conan Doyle, Pride and Prejudice - Jane Austen",
          relationships: "Sherlock Holmes/John Watson",
          characters: "Sherlock Holmes, John Watson, sherlock holmes",
          freeforms: "Case Fic, Slow Burn",
          language: "fr",
          complete: "1",
          expected_chapters: "3",
          restricted: "1",
          anonymous: "1",
          chapter_title: "The First",
          body: "<p>One two three.</p><p>Four five.</p>",
        }),
      );
      assert.equal(page.status, 303);
      const id = redirectedWorkId(page);
      assert.equal(flashOf(page), "Work was successfully posted.");

      const work = await workRow(archive, id);
      assert.equal(work.title, "A Study iń Quiet");
      assert.equal(work.title_sort, "study iń quiet");
      assert.equal(work.summary, "<p>A <strong>summary</strong>.</p>");
      assert.equal(work.notes, "<p>Beginning notes.</p>");
      assert.equal(work.end_notes, "<p>End notes.</p>");
      assert.equal(work.language, "fr");
      assert.equal(work.complete, 1);
      assert.equal(work.expected_chapters, 3);
      assert.equal(work.restricted, 1);
      assert.equal(work.anonymous, 1);
      assert.equal(work.posted, 1);
      assert.ok(work.posted_at! >= startedAt);
      assert.equal(work.updated_at, work.posted_at);
      assert.equal(work.word_count, 5);
      assert.equal(work.chapter_count, 1);

      const [chapter, ...more] = await chapterRows(id);
      assert.equal(more.length, 0);
      assert.equal(chapter!.position, 1);
      assert.equal(chapter!.title, "The First");
      assert.equal(chapter!.word_count, 5);
      assert.equal(chapter!.posted, 1);
      assert.match(chapter!.body, /<p>One two three\.<\/p>\s*<p>Four five\.<\/p>/);

      assert.deepEqual(await tagsByType(archive, id), {
        rating: ["Mature"],
        warning: ["Graphic Depictions Of Violence", "Major Character Death"],
        category: ["Gen", "M/M"],
        fandom: ["Pride and Prejudice - Jane Austen", "Sherlock Holmes - Arthur Conan Doyle"],
        relationship: ["Sherlock Holmes/John Watson"],
        character: ["John Watson", "Sherlock Holmes"],
        freeform: ["Case Fic", "Slow Burn"],
      });
      const created = await archive.db
        .selectFrom("tags")
        .select(["canonical"])
        .where("type", "=", "freeform")
        .where("name_key", "=", "slow burn")
        .executeTakeFirstOrThrow();
      assert.equal(created.canonical, 0);

      const creators = await archive.db
        .selectFrom("creatorships")
        .select(["pseud_id", "approved"])
        .where("work_id", "=", id)
        .orderBy("pseud_id")
        .execute();
      assert.deepEqual(creators, [
        { pseud_id: user.pseudId, approved: 1 },
        { pseud_id: second, approved: 1 },
        { pseud_id: friend.pseudId, approved: 0 },
      ]);
      const changes = await archive.db.selectFrom("changes").select("id").where("work_id", "=", id).execute();
      assert.ok(changes.length >= 1);
    });

    it("turns plain text into paragraphs and line breaks", async () => {
      const { user, client } = await signedIn(archive);
      const page = await client.post(
        "/works",
        validForm(user, { format: "plain", body: "First line\nsecond line\n\nNew <paragraph> & more" }),
      );
      const [chapter] = await chapterRows(redirectedWorkId(page));
      assert.match(
        chapter!.body,
        /^<p>First line<br \/>\s*second line<\/p>\s*<p>New &lt;paragraph&gt; &amp; more<\/p>$/,
      );
      assert.equal(chapter!.word_count, 7);
    });

    it("counts the words of a long chapter in Chinese (in the word-count thread)", async () => {
      const { user, client } = await signedIn(archive);
      const body = "我们在北方的森林里走了很久，直到天黑。".repeat(2000);
      const page = await client.post("/works", validForm(user, { format: "plain", body }));
      const [chapter] = await chapterRows(redirectedWorkId(page));
      assert.ok(chapter!.body.length >= OFF_THREAD_FROM);
      assert.equal(chapter!.word_count, countWords(chapter!.body));
      assert.ok(chapter!.word_count > 2000 * 5, "dictionary words, not one per clause");
    });

    it("sanitizes HTML: a script is never stored", async () => {
      const { user, client } = await signedIn(archive);
      const page = await client.post(
        "/works",
        validForm(user, {
          summary: `Hi<script>alert("s")</script><img src=x onerror="alert(1)">`,
          notes: `<a href="javascript:alert(1)">link</a>`,
          body: `<p onclick="alert(1)">Safe words</p><script>alert("x")</script>`,
        }),
      );
      const id = redirectedWorkId(page);
      const work = await workRow(archive, id);
      const [chapter] = await chapterRows(id);
      for (const html of [work.summary, work.notes, chapter!.body]) {
        assert.doesNotMatch(html, /script|onerror|onclick|javascript:/i);
      }
      assert.match(chapter!.body, /<p>Safe words<\/p>/);
    });

    it("refuses a text that is empty once sanitized", async () => {
      const { user, client } = await signedIn(archive);
      const before = await countRows(archive);
      const page = await client.post("/works", validForm(user, { body: "<script>alert(1)</script>" }));
      assert.equal(page.status, 422);
      assert.ok(fieldError(page, "body"));
      assert.deepEqual(await countRows(archive), before);
    });

    const limits: [string, string, Record<string, string>, RegExp][] = [
      ["no title", "title", { title: "   " }, /title/i],
      ["a 256-character title", "title", { title: "t".repeat(256) }, /255/],
      ["a long summary", "summary", { summary: "s".repeat(1_251) }, /1,250/],
      ["long notes", "notes", { notes: "n".repeat(5_001) }, /5,000/],
      ["long end notes", "end_notes", { end_notes: "n".repeat(5_001) }, /5,000/],
      ["an empty chapter", "body", { body: " \n " }, /text/i],
      ["a chapter over the limit", "body", { body: "w ".repeat(255_001) }, /510,000/],
      ["expected chapters of 0", "expected_chapters", { expected_chapters: "0" }, /5,000/],
      ["expected chapters of 5001", "expected_chapters", { expected_chapters: "5001" }, /5,000/],
      ["expected chapters that are words", "expected_chapters", { expected_chapters: "two" }, /whole number/],
      ["a rating not on the list", "rating", { rating: "Cosy" }, /rating/i],
      ["no fandom", "fandoms", { fandoms: " , " }, /fandom/i],
      ["an unknown language", "language", { language: "xx" }, /language/i],
      ["a 151-character tag", "freeforms", { freeforms: `ok, ${"x".repeat(151)}` }, /150/],
      [
        "a tag holding a zero-width space",
        "freeforms",
        { freeforms: "Sherlock\u200B Holmes" },
        /U\+200B.*Sherlock/,
      ],
    ];
    for (const [what, field, change, message] of limits) {
      it(`refuses ${what} beside the ${field} field and saves nothing`, async () => {
        const { user, client } = await signedIn(archive);
        const before = await countRows(archive);
        const page = await client.post("/works", validForm(user, change));
        assert.equal(page.status, 422);
        assert.match(fieldError(page, field) ?? "", message);
        assert.deepEqual(await countRows(archive), before);
        // The form comes back with what was typed.
        assert.match(page.text, /value="Sherlock Holmes, John Watson"/);
      });
    }

    it("refuses a work without warnings, beside the warnings", async () => {
      const { user, client } = await signedIn(archive);
      const before = await countRows(archive);
      const form = validForm(user);
      delete form.warnings;
      const page = await client.post("/works", form);
      assert.equal(page.status, 422);
      assert.match(fieldError(page, "warnings") ?? "", /at least one/);
      assert.match(
        page.text,
        /<fieldset id="warnings" class="has-error" aria-describedby="warnings-hint warnings-error">/,
      );
      assert.deepEqual(await countRows(archive), before);
    });

    it("refuses a warning that is not one of the archive's", async () => {
      const { user, client } = await signedIn(archive);
      const page = await client.post("/works", validForm(user, { warnings: ["Spiders"] }));
      assert.equal(page.status, 422);
      assert.match(fieldError(page, "warnings") ?? "", /from the list/);
    });

    for (const ch of ["^", "*", "<", ">", "{", "}", "=", "\\", "%"]) {
      it(`refuses a tag containing ${ch}, naming the character`, async () => {
        const { user, client } = await signedIn(archive);
        const before = await countRows(archive);
        const page = await client.post("/works", validForm(user, { relationships: `Holmes${ch}Watson` }));
        assert.equal(page.status, 422);
        const message = fieldError(page, "relationships") ?? "";
        const shown = ch === "<" ? "&lt;" : ch === ">" ? "&gt;" : ch;
        assert.ok(message.includes(`character ${shown} `), message);
        assert.deepEqual(await countRows(archive), before);
      });
    }

    it("takes 75 typed tags and refuses 76", async () => {
      const { user, client } = await signedIn(archive);
      const tags = (n: number) => Array.from({ length: n }, (_, i) => `Trope ${i + 1}`).join(", ");
      const before = await countRows(archive);
      const refused = await client.post("/works", validForm(user, { freeforms: tags(73) }));
      assert.equal(refused.status, 422);
      assert.match(fieldError(refused, "freeforms") ?? "", /at most 75 .* this one has 76/);
      assert.deepEqual(await countRows(archive), before);

      const accepted = await client.post("/works", validForm(user, { freeforms: tags(72) }));
      assert.equal(accepted.status, 303);
      const id = redirectedWorkId(accepted);
      const tagged = await tagsByType(archive, id);
      assert.equal(tagged.freeform!.length + tagged.fandom!.length + tagged.character!.length, 75);
    });

    it("reuses an existing tag whatever its case", async () => {
      const { user, client } = await signedIn(archive);
      const first = redirectedWorkId(
        await client.post("/works", validForm(user, { freeforms: "Found Family" })),
      );
      const second = redirectedWorkId(
        await client.post("/works", validForm(user, { freeforms: "found  FAMILY" })),
      );
      assert.deepEqual((await tagsByType(archive, second)).freeform, ["Found Family"]);
      const ids = await archive.db
        .selectFrom("taggings")
        .innerJoin("tags", "tags.id", "taggings.tag_id")
        .select("tags.id")
        .where("tags.type", "=", "freeform")
        .where("taggings.work_id", "in", [first, second])
        .execute();
      assert.equal(new Set(ids.map((r) => r.id)).size, 1);
    });

    it("previews without saving, keeping every value in the form", async () => {
      const { user, client } = await signedIn(archive);
      const before = await countRows(archive);
      const page = await client.post(
        "/works",
        validForm(user, {
          action: "preview",
          title: "Preview & Title",
          format: "plain",
          body: "Para one.\n\nPara <two>.",
          freeforms: "Fluff, Angst",
        }),
      );
      assert.equal(page.status, 200);
      assert.deepEqual(await countRows(archive), before);
      assert.match(page.text, /<h2 id="preview-title">Preview &amp; Title<\/h2>/);
      assert.match(page.text, /<p>Para one\.<\/p>\s*<p>Para &lt;two&gt;\.<\/p>/);
      assert.match(page.text, /<li>Fluff<\/li><li>Angst<\/li>/);
      assert.match(page.text, /<em>very<\/em>/);
      assert.match(page.text, /<form method="post" action="\/works"/);
      assert.match(page.text, /name="title" type="text" value="Preview &amp; Title"/);
      assert.match(page.text, /value="Fluff, Angst"/);
      assert.match(page.text, /<textarea[^>]*name="body"[^>]*>Para one\.\n\nPara &lt;two&gt;\.<\/textarea>/);
      assert.match(page.text, /name="format" value="plain" checked/);
      assert.match(page.text, /value="post">Post<\/button>/);
    });

    it("saves a draft, then posts it", async () => {
      const { user, client } = await signedIn(archive);
      const page = await client.post("/works", validForm(user, { action: "draft" }));
      const id = redirectedWorkId(page);
      let work = await workRow(archive, id);
      assert.equal(work.posted, 0);
      assert.equal(work.posted_at, null);
      assert.equal(work.word_count, 0);
      assert.equal((await chapterRows(id))[0]!.posted, 0);

      const edit = await client.get(`/works/${id}/edit`);
      assert.match(edit.text, new RegExp(`action="/works/${id}/post"`));

      const posted = await client.post(`/works/${id}/post`);
      assert.equal(posted.status, 303);
      assert.equal(posted.location, `/works/${id}`);
      work = await workRow(archive, id);
      assert.equal(work.posted, 1);
      assert.ok(work.posted_at);
      assert.equal(work.updated_at, work.posted_at);
      assert.equal(work.word_count, 8);
      assert.equal(work.chapter_count, 1);
      const [chapter] = await chapterRows(id);
      assert.equal(chapter!.posted, 1);
      assert.equal(chapter!.posted_at, work.posted_at);
    });

    it("refuses a pseud that is not the writer's", async () => {
      const { user, client } = await signedIn(archive);
      const other = await makeUser(archive.db);
      const before = await countRows(archive);
      const page = await client.post("/works", validForm(user, { pseud_ids: [String(other.pseudId)] }));
      assert.equal(page.status, 422);
      assert.match(fieldError(page, "pseud_ids") ?? "", /your own/);
      const none = await client.post("/works", validForm(user, { pseud_ids: [] }));
      assert.equal(none.status, 422);
      assert.match(fieldError(none, "pseud_ids") ?? "", /at least one/);
      assert.deepEqual(await countRows(archive), before);
    });

    it("makes an unknown co-creator name a field error", async () => {
      const { user, client } = await signedIn(archive);
      const before = await countRows(archive);
      const page = await client.post("/works", validForm(user, { co_creators: "nobody_by_this_name" }));
      assert.equal(page.status, 422);
      assert.match(
        fieldError(page, "co_creators") ?? "",
        /couldn&#39;t find anyone called &quot;nobody_by_this_name&quot;/,
      );
      assert.deepEqual(await countRows(archive), before);
    });

    it("invites a co-creator by pseud name, and refuses an ambiguous one", async () => {
      const { user, client } = await signedIn(archive);
      const a = await makeUser(archive.db, { pseuds: [`Moriarty ${user.id}`] });
      const pseud = await archive.db
        .selectFrom("pseuds")
        .select("id")
        .where("name", "=", `Moriarty ${user.id}`)
        .executeTakeFirstOrThrow();
      const id = redirectedWorkId(
        await client.post("/works", validForm(user, { co_creators: `moriarty ${user.id}` })),
      );
      const invited = await archive.db
        .selectFrom("creatorships")
        .select(["pseud_id", "approved"])
        .where("work_id", "=", id)
        .where("pseud_id", "!=", user.pseudId)
        .execute();
      assert.deepEqual(invited, [{ pseud_id: pseud.id, approved: 0 }]);
      assert.notEqual(pseud.id, a.pseudId);

      await makeUser(archive.db, { pseuds: [`Moriarty ${user.id}`] });
      const page = await client.post("/works", validForm(user, { co_creators: `Moriarty ${user.id}` }));
      assert.equal(page.status, 422);
      assert.match(fieldError(page, "co_creators") ?? "", /login name/);
    });
  });
}
