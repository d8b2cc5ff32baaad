// Every route of a work answers as the work page does: whoever may not see the work gets 404,
// as for an id that names no work, so no route tells a stranger that a draft or a hidden work
// exists. Only a reader who may see the work but not change it is refused with 403.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeUser, makeWork, type TestWork } from "../../../test/factories";
import { createTestArchive, type TestArchive, testDialects } from "../../../test/helpers/archive";
import type { TestClient } from "../../../test/helpers/client";
import { chapterForm, chaptersOf, clientOf, validForm, workRow } from "./testkit";

type Route = { method: "GET" | "POST"; path: string; form?: Record<string, string | string[]> };

/** Every route that reads or changes one work or one of its chapters. */
function routesOf(work: TestWork): Route[] {
  const w = `/works/${work.id}`;
  const ch = `${w}/chapters/${work.chapterIds[0]}`;
  const chapter = chapterForm({ body: "Not yours.", action: "post" });
  return [
    { method: "GET", path: w },
    { method: "GET", path: `${w}/navigate` },
    { method: "GET", path: ch },
    { method: "GET", path: `${w}/edit` },
    { method: "POST", path: w, form: validForm(work.user, { title: "Taken over" }) },
    { method: "POST", path: `${w}/post` },
    { method: "GET", path: `${w}/delete` },
    { method: "POST", path: `${w}/delete` },
    { method: "GET", path: `${w}/chapters/new` },
    { method: "POST", path: `${w}/chapters`, form: chapter },
    { method: "GET", path: `${ch}/edit` },
    { method: "POST", path: ch, form: chapter },
    { method: "POST", path: `${ch}/post` },
    { method: "GET", path: `${ch}/delete` },
    { method: "POST", path: `${ch}/delete` },
    { method: "GET", path: `${w}/chapters/manage` },
    { method: "POST", path: `${w}/chapters/manage`, form: { [`position_${work.chapterIds[0]}`]: "1" } },
  ];
}

function send(client: TestClient, r: Route) {
  return r.method === "GET" ? client.get(r.path) : client.post(r.path, r.form ?? {});
}

for (const dialect of testDialects()) {
  describe(`a work's routes for readers who may not see it (${dialect})`, () => {
    let archive: TestArchive;
    before(async () => {
      archive = await createTestArchive(dialect);
    });
    after(() => archive.close());

    async function assertAllNotFound(work: TestWork, client: TestClient) {
      const row = await workRow(archive, work.id);
      const chapters = await chaptersOf(archive, work.id);
      for (const r of routesOf(work)) {
        assert.equal((await send(client, r)).status, 404, `${r.method} ${r.path}`);
      }
      assert.deepEqual(await workRow(archive, work.id), row);
      assert.deepEqual(await chaptersOf(archive, work.id), chapters);
    }

    it("answers 404 on every route of a draft to a signed-in stranger", async () => {
      const work = await makeWork(archive.db, { posted: false });
      await assertAllNotFound(work, await clientOf(archive, await makeUser(archive.db)));
    });

    it("answers 404 on every route of a work an admin hid", async () => {
      const work = await makeWork(archive.db);
      await archive.db.updateTable("works").set({ hidden_by_admin: 1 }).where("id", "=", work.id).execute();
      await assertAllNotFound(work, await clientOf(archive, await makeUser(archive.db)));
    });

    it("answers a draft exactly as it answers an id that names no work", async () => {
      const work = await makeWork(archive.db, { posted: false });
      const stranger = await clientOf(archive, await makeUser(archive.db));
      const missing = { ...work, id: work.id + 1000, chapterIds: [work.chapterIds[0]! + 1000] };
      for (const [r, m] of routesOf(work).map((r, i) => [r, routesOf(missing)[i]!] as const)) {
        const draft = await send(stranger, r);
        const none = await send(stranger, m);
        assert.equal(draft.status, none.status, r.path);
        assert.equal(draft.text, none.text.replaceAll(String(missing.id), String(work.id)), r.path);
      }
    });

    it("refuses with 403 a reader who may see the work but not change it", async () => {
      const work = await makeWork(archive.db, { restricted: true });
      const stranger = await clientOf(archive, await makeUser(archive.db));
      for (const r of routesOf(work)) {
        const page = await send(stranger, r);
        const reading = r.method === "GET" && !/\/(edit|delete|new|manage)$/.test(r.path);
        assert.equal(page.status, reading ? 200 : 403, `${r.method} ${r.path}`);
      }
    });

    it("lets an admin open a hidden work's edit pages", async () => {
      const work = await makeWork(archive.db);
      await archive.db.updateTable("works").set({ hidden_by_admin: 1 }).where("id", "=", work.id).execute();
      const admin = await clientOf(archive, await makeUser(archive.db, { admin: true }));
      assert.equal((await admin.get(`/works/${work.id}/edit`)).status, 200);
      assert.equal((await admin.get(`/works/${work.id}/chapters/manage`)).status, 200);
    });
  });
}
