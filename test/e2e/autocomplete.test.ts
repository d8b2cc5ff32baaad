// Journey: a writer fills the relationships field of the posting form from tag suggestions, with
// the keyboard and then the mouse, and posts the work with the tags picked.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { findOrMakeTag, makeWork } from "../factories";
import { type Journey, startJourney } from "./harness";
import { expectStatus, mainText, newAccount, signUp } from "./steps";

const DARCY = "Elizabeth Bennet/Fitzwilliam Darcy";
const HIGGINS = "Eliza Doolittle/Henry Higgins";

describe("tag autocomplete on the posting form", () => {
  let journey: Journey;
  before(async () => {
    journey = await startJourney();
    const darcy = await findOrMakeTag(journey.db, "relationship", DARCY);
    await journey.db.updateTable("tags").set({ canonical: 1 }).where("id", "=", darcy).execute();
    // A tag that is not canonical is suggested once a posted work carries it.
    await makeWork(journey.db, { tags: { relationship: [HIGGINS] } });
  });
  after(() => journey?.close());

  it("suggests relationships as the writer types and fills the field with the one picked", async () => {
    await journey.guard("autocomplete journey", async () => {
      const page = await journey.newPage();
      await signUp(page, newAccount("austen"));
      await expectStatus(await page.goto("/works/new"), 200, page);

      // The script has made the plain text field a combobox.
      const field = page.getByRole("combobox", { name: "Relationships" });
      assert.equal(await field.getAttribute("aria-expanded"), "false");
      const listId = await field.getAttribute("aria-controls");
      assert.ok(listId, "the field names the list it controls");

      await field.pressSequentially("eliz", { delay: 40 });
      const listbox = page.getByRole("listbox", { name: "Relationships suggestions" });
      await listbox.waitFor();
      assert.equal(await listbox.getAttribute("id"), listId);
      assert.equal(await field.getAttribute("aria-expanded"), "true");
      const options = listbox.getByRole("option");
      // Canonical first, although "Eliza" sorts before "Elizabeth".
      await options.nth(1).waitFor();
      assert.match((await options.nth(0).textContent()) ?? "", new RegExp(`^${DARCY}`));
      assert.match((await options.nth(1).textContent()) ?? "", new RegExp(`^${HIGGINS}`));

      // Arrow down highlights the first suggestion; Enter picks it and does not send the form.
      await field.press("ArrowDown");
      const first = options.nth(0);
      assert.equal(await first.getAttribute("aria-selected"), "true");
      assert.equal(await field.getAttribute("aria-activedescendant"), await first.getAttribute("id"));
      await field.press("Enter");
      assert.equal(await field.inputValue(), `${DARCY}, `);
      assert.equal(await field.getAttribute("aria-expanded"), "false");
      assert.equal(await listbox.isVisible(), false);
      assert.equal(new URL(page.url()).pathname, "/works/new", "Enter picked, it did not post");

      // Escape closes the list and leaves what was typed.
      await field.pressSequentially("hig", { delay: 40 });
      await listbox.getByRole("option", { name: new RegExp(HIGGINS) }).waitFor();
      await field.press("Escape");
      assert.equal(await field.getAttribute("aria-expanded"), "false");
      assert.equal(await field.inputValue(), `${DARCY}, hig`);

      // Typing again brings the list back; a click picks and replaces the name being typed.
      await field.press("Backspace");
      await field.pressSequentially("g", { delay: 40 });
      await listbox.getByRole("option", { name: new RegExp(HIGGINS) }).click();
      assert.equal(await field.inputValue(), `${DARCY}, ${HIGGINS}, `);
      assert.equal(await field.evaluate((el) => el === el.ownerDocument.activeElement), true);

      // The form takes the filled field as typed text.
      await page.getByLabel("Title", { exact: true }).fill("Second Impressions");
      await page.getByLabel("Rating", { exact: true }).selectOption({ label: "General Audiences" });
      await page.getByRole("checkbox", { name: "No Archive Warnings Apply" }).check();
      await page.getByRole("combobox", { name: "Fandoms" }).fill("Pride and Prejudice - Jane Austen");
      await page.getByRole("radio", { name: /^Plain text/ }).check();
      await page.getByLabel("Work text").fill("Elizabeth read the letter twice.");
      await page.getByRole("button", { name: "Post", exact: true }).click();
      await page.waitForURL(/\/works\/\d+/);
      const text = await mainText(page);
      assert.ok(text.includes(DARCY) && text.includes(HIGGINS), "both relationships are on the work");
    });
  });
});
