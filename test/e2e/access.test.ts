// Journeys about who may see what: a restricted work sends a guest to sign in and back, and an
// anonymous work names no creator.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeUser, makeWork } from "../factories";
import { type Journey, startJourney } from "./harness";
import { expectStatus, fillSignIn, mainText, signOutButton } from "./steps";

describe("restricted and anonymous works in the browser", () => {
  let journey: Journey;
  before(async () => {
    journey = await startJourney();
  });
  after(() => journey?.close());

  it("sends a guest who opens a restricted work to sign in, then back to the work", async () => {
    await journey.guard("restricted work", async () => {
      const writer = await makeUser(journey.db, { login: "restrictedwriter" });
      const reader = await makeUser(journey.db, { login: "membersonly", password: "members only please" });
      const work = await makeWork(journey.db, {
        user: writer,
        title: "Letters Kept Under Lock",
        restricted: true,
        bodies: ["Only members may read these letters."],
      });
      await journey.refreshIndex();
      const page = await journey.newPage();

      // Neither the work page nor a chapter's own page shows anything to a guest.
      await page.goto(`/works/${work.id}/chapters/${work.chapterIds[0]}`);
      assert.equal(new URL(page.url()).pathname, "/login", "a chapter of it sends the guest to sign in");
      assert.doesNotMatch(await mainText(page), /Letters Kept Under Lock|Only members may read/);

      await page.goto(`/works/${work.id}`);
      assert.equal(new URL(page.url()).pathname, "/login", "the guest is sent to the sign-in page");
      assert.doesNotMatch(await mainText(page), /Letters Kept Under Lock|Only members may read/);

      await fillSignIn(page, { login: reader.login, password: reader.password });
      await signOutButton(page).waitFor();
      assert.equal(new URL(page.url()).pathname, `/works/${work.id}`, "signing in comes back to the work");
      await page.getByRole("heading", { name: "Letters Kept Under Lock" }).waitFor();
      assert.equal(
        await page.locator("main p").filter({ hasText: "Only members may read these letters." }).count(),
        1,
      );
    });
  });

  it("shows an anonymous work as by Anonymous and never names its creator", async () => {
    await journey.guard("anonymous work", async () => {
      const writer = await makeUser(journey.db, { login: "secretquill" });
      const work = await makeWork(journey.db, {
        user: writer,
        title: "Unsigned Correspondence",
        anonymous: true,
        chapters: 2,
        bodies: ["A letter arrived with no name at the bottom.", "A second letter, unsigned again."],
      });
      await journey.refreshIndex();
      const page = await journey.newPage();

      // The work page, one chapter's page, the whole work on one page and the chapter index.
      for (const path of [
        `/works/${work.id}`,
        `/works/${work.id}/chapters/${work.chapterIds[1]}`,
        `/works/${work.id}?view_full_work=true`,
        `/works/${work.id}/navigate`,
      ]) {
        await expectStatus(await page.goto(path), 200, page);
        await page
          .getByRole("link", { name: "Unsigned Correspondence" })
          .or(page.getByRole("heading", { name: "Unsigned Correspondence" }))
          .first()
          .waitFor();
        const text = (await page.locator("body").textContent()) ?? "";
        assert.match(text, /Anonymous/, `${path} says Anonymous`);
        assert.doesNotMatch(text, /secretquill/i, `${path}: the login appears nowhere in the page text`);
        const html = await page.content();
        assert.doesNotMatch(html, /secretquill/i, `${path}: nor in any link or attribute`);
      }
    });
  });
});
