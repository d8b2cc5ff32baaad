// Every route for signed-in readers only sends a guest to sign in, and back to the page they were
// on (a form's POST: the page the form is on), and a guest's POST changes nothing.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { countRows } from "../src/features/works/testkit";
import { makeUser, makeWork } from "./factories";
import { createTestArchive, type TestArchive, testDialects } from "./helpers/archive";
import { signInReturnTo } from "./helpers/client";

for (const dialect of testDialects()) {
  describe(`routes for signed-in readers, seen by a guest (${dialect})`, () => {
    let archive: TestArchive;
    before(async () => {
      archive = await createTestArchive(dialect);
    });
    after(() => archive.close());

    it("sends a guest to sign in from every such route and changes nothing", async () => {
      const work = await makeWork(archive.db, { posted: false });
      const w = `/works/${work.id}`;
      const ch = `${w}/chapters/${work.chapterIds[0]}`;
      const user = await makeUser(archive.db, { login: "penwright", pseuds: ["Quill"] });
      const p = `/users/${user.login}/pseuds`;
      // [method, path, where the guest comes back to]
      const routes: [string, string, string][] = [
        ["GET", "/works/new", "/works/new"],
        ["POST", "/works", "/works/new"],
        ["GET", `${w}/edit`, `${w}/edit`],
        ["POST", w, `${w}/edit`],
        ["POST", `${w}/post`, `${w}/edit`],
        ["GET", `${w}/delete`, `${w}/delete`],
        ["POST", `${w}/delete`, `${w}/delete`],
        ["GET", "/creatorships", "/creatorships"],
        ["POST", "/creatorships/1/accept", "/creatorships"],
        ["POST", "/creatorships/1/reject", "/creatorships"],
        ["GET", `${w}/chapters/new`, `${w}/chapters/new`],
        ["POST", `${w}/chapters`, `${w}/chapters/new`],
        ["GET", `${ch}/edit`, `${ch}/edit`],
        ["POST", ch, `${ch}/edit`],
        ["POST", `${ch}/post`, ch],
        ["GET", `${ch}/delete`, `${ch}/delete`],
        ["POST", `${ch}/delete`, `${ch}/delete`],
        ["GET", `${w}/chapters/manage`, `${w}/chapters/manage`],
        ["POST", `${w}/chapters/manage`, `${w}/chapters/manage`],
        ["GET", "/account", "/account"],
        ["POST", "/account/password", "/account"],
        ["POST", "/account/email", "/account"],
        ["POST", "/account/preferences", "/account"],
        ["GET", "/account/delete", "/account/delete"],
        ["POST", "/account/delete", "/account/delete"],
        ["GET", `${p}/new`, `${p}/new`],
        ["POST", `${p}/new`, `${p}/new`],
        ["GET", `${p}/Quill/edit`, `${p}/Quill/edit`],
        ["POST", `${p}/Quill/edit`, `${p}/Quill/edit`],
        ["POST", `${p}/Quill/default`, p],
      ];
      const guest = archive.client();
      const counts = await countRows(archive);
      for (const [method, path, back] of routes) {
        const page =
          method === "GET" ? await guest.get(path) : await guest.post(path, { name: "X", body: "x" });
        assert.equal(page.status, 303, `${method} ${path}`);
        assert.equal(signInReturnTo(page.location), back, `${method} ${path}`);
      }
      assert.deepEqual(await countRows(archive), counts);
    });

    it("keeps the query string of a page a guest is sent back to", async () => {
      const page = await archive.client().get("/works/new?from=home");
      assert.equal(signInReturnTo(page.location), "/works/new?from=home");
    });
  });
}
