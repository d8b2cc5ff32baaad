// Journey: a new writer signs up, posts a two-chapter work, a guest reads it, the writer edits a
// chapter and finally deletes the work.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { type Journey, startJourney } from "./harness";
import { expectStatus, mainText, newAccount, signIn, signOut, signUp, workIdFrom } from "./steps";

const TITLE = "A Question of Pemberley";
const RELATIONSHIP = "Elizabeth Bennet/Fitzwilliam Darcy";
const FIRST_PARAGRAPH = "It was a bright morning at Longbourn, and Elizabeth walked out early.";
const SECOND_PARAGRAPH = "She met nobody on the lane but a letter carrier, who touched his hat.";
const CHAPTER_TWO = "The carriage from Pemberley arrived before noon.";
const CHAPTER_TWO_EDITED = "The carriage from Pemberley was late, and the rain had not stopped.";

describe("posting a work, reading it as a guest, editing and deleting it", () => {
  let journey: Journey;
  before(async () => {
    journey = await startJourney();
  });
  after(() => journey?.close());

  it("takes a writer from sign-up to a deleted work", async () => {
    await journey.guard("posting journey", async () => {
      const page = await journey.newPage();
      const writer = newAccount("lizzy");

      // Sign up: the archive signs the new writer in.
      await signUp(page, writer);

      // Post the work with its first chapter.
      await expectStatus(await page.goto("/works/new"), 200, page);
      await page.getByLabel("Title", { exact: true }).fill(TITLE);
      await page.getByLabel("Rating", { exact: true }).selectOption({ label: "General Audiences" });
      await page.getByRole("checkbox", { name: "No Archive Warnings Apply" }).check();
      await page.getByLabel("Fandoms", { exact: true }).fill("Pride and Prejudice - Jane Austen");
      await page.getByLabel("Relationships", { exact: true }).fill(RELATIONSHIP);
      await page.getByLabel("Characters", { exact: true }).fill("Elizabeth Bennet, Fitzwilliam Darcy");
      await page.getByLabel("Additional tags", { exact: true }).fill("Slow Burn, Letters");
      await page.getByRole("radio", { name: /^Plain text/ }).check();
      await page.getByLabel("Work text").fill(`${FIRST_PARAGRAPH}\n\n${SECOND_PARAGRAPH}`);
      await page.getByRole("button", { name: "Post", exact: true }).click();
      await page.waitForURL(/\/works\/\d+/);
      const workId = workIdFrom(page.url());
      assert.match(await mainText(page), new RegExp(TITLE));

      // Add chapter two.
      await expectStatus(await page.goto(`/works/${workId}/chapters/new`), 200, page);
      await page.getByLabel(/^Chapter title/).fill("The Carriage");
      await page.getByRole("radio", { name: /^Plain text/ }).check();
      await page.getByLabel("Chapter text").fill(CHAPTER_TWO);
      await page.getByRole("button", { name: "Post", exact: true }).click();
      await page.waitForURL(new RegExp(`/works/${workId}(/|$|\\?)`));
      const chapters = await journey.db
        .selectFrom("chapters")
        .select(["id", "position", "posted"])
        .where("work_id", "=", workId)
        .orderBy("position")
        .execute();
      assert.equal(chapters.length, 2, "the work has two chapters");
      assert.ok(
        chapters.every((c) => c.posted === 1),
        "both chapters are posted",
      );
      const [, second] = chapters;

      await signOut(page);

      // A guest reads the work: title, the relationship tag, the paragraphs, and the way to chapter 2.
      await expectStatus(await page.goto(`/works/${workId}`), 200, page);
      await page.getByRole("heading", { name: TITLE }).waitFor();
      const tag = page.getByRole("link", { name: RELATIONSHIP });
      assert.equal(await tag.count(), 1, "the relationship tag is a link");
      const paragraphs = page.locator("main p");
      assert.equal(await paragraphs.filter({ hasText: FIRST_PARAGRAPH }).count(), 1);
      assert.equal(await paragraphs.filter({ hasText: SECOND_PARAGRAPH }).count(), 1);
      assert.equal(await page.getByText(CHAPTER_TWO).count(), 0, "chapter 2 is on its own page");
      await page
        .getByRole("navigation", { name: "Chapters", exact: true })
        .getByRole("link", { name: /Next chapter/ })
        .click();
      await page.waitForURL(new RegExp(`/works/${workId}/chapters/${second!.id}`));
      assert.equal(await page.locator("main p").filter({ hasText: CHAPTER_TWO }).count(), 1);
      assert.equal((await page.getByRole("link", { name: /Previous chapter/ }).count()) > 0, true);

      // The writer signs in again and edits chapter two.
      await signIn(page, writer);
      await expectStatus(await page.goto(`/works/${workId}/chapters/${second!.id}/edit`), 200, page);
      const body = page.getByLabel("Chapter text");
      assert.match(await body.inputValue(), /carriage from Pemberley/);
      await body.fill(CHAPTER_TWO_EDITED);
      await page.getByRole("button", { name: "Update", exact: true }).click();
      await page.waitForURL((url) => !url.pathname.endsWith("/edit"));
      await expectStatus(await page.goto(`/works/${workId}/chapters/${second!.id}`), 200, page);
      assert.equal(await page.locator("main p").filter({ hasText: CHAPTER_TWO_EDITED }).count(), 1);
      assert.equal(await page.getByText(CHAPTER_TWO).count(), 0, "the old text is gone");

      // Delete the work through its confirmation page.
      await page.getByRole("link", { name: "Delete work" }).click();
      await page.waitForURL(new RegExp(`/works/${workId}/delete`));
      assert.match(await mainText(page), new RegExp(TITLE), "the confirmation names the work");
      assert.ok(
        await journey.db.selectFrom("works").select("id").where("id", "=", workId).executeTakeFirst(),
      );
      await page
        .getByRole("main")
        .getByRole("button", { name: /delete/i })
        .click();
      await page.waitForURL((url) => !url.pathname.includes(`/works/${workId}`));
      const message = page.getByRole("status").filter({ hasText: `“${TITLE}” was deleted.` });
      assert.equal(await message.count(), 1, "a message says so");
      const gone = await page.goto(`/works/${workId}`);
      await expectStatus(gone, 404, page);
      await expectStatus(await page.goto(`/works/${workId}/chapters/${second!.id}`), 404, page);
    });
  });
});
