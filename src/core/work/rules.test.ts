// The visibility rule, once as pure functions and once as the SQL built from the same definition:
// both must agree on every combination of the flags, as must the listings that use them.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { makeUser, makeWork, signInAs, type TestUser } from "../../../test/factories";
import { createTestArchive, type TestArchive, testDialects } from "../../../test/helpers/archive";
import type { Viewer } from "../../context";
import {
  canChangeWork,
  canEditWork,
  canViewWork,
  isListable,
  isListableRow,
  isListedFor,
  type WorkAccess,
} from "./policy";
import { listableSql, visibleWorks } from "./queries";

const reader: Viewer = {
  id: 7,
  login: "reader",
  isAdmin: false,
  isTagWrangler: false,
  skipAdultNotice: false,
};
const creator: Viewer = { ...reader, id: 8, login: "creator" };
const admin: Viewer = { ...reader, id: 9, login: "admin", isAdmin: true };

/** Every combination of the three flags. */
const FLAGS = [0, 1].flatMap((posted) =>
  [0, 1].flatMap((hidden) => [0, 1].map((restricted) => ({ posted, hidden, restricted }))),
);

function accessOf(f: (typeof FLAGS)[number]): WorkAccess {
  return {
    posted: f.posted === 1,
    hiddenByAdmin: f.hidden === 1,
    restricted: f.restricted === 1,
    creatorUserIds: [creator.id],
  };
}

describe("the work rules", () => {
  it("lists a work when it is posted and not hidden, whatever its row says otherwise", () => {
    assert.equal(isListableRow({ posted: 1, hidden_by_admin: 0 }), true);
    assert.equal(isListableRow({ posted: 0, hidden_by_admin: 0 }), false);
    assert.equal(isListableRow({ posted: 1, hidden_by_admin: 1 }), false);
    for (const f of FLAGS) {
      const work = accessOf(f);
      assert.equal(isListable(work), f.posted === 1 && f.hidden === 0);
      assert.equal(isListedFor(reader, work), isListable(work));
      assert.equal(isListedFor(null, work), isListable(work) && f.restricted === 0);
    }
  });

  it("lets a reader see what is listed for them, and a guest sign in for a restricted work", () => {
    for (const f of FLAGS) {
      const work = accessOf(f);
      assert.equal(canViewWork(reader, work), isListable(work) ? "ok" : "not-found");
      assert.equal(
        canViewWork(null, work),
        !isListable(work) ? "not-found" : f.restricted ? "sign-in" : "ok",
      );
      assert.equal(canViewWork(creator, work), "ok");
      assert.equal(canViewWork(admin, work), "ok");
    }
  });

  it("decides the view before the edit: 404 for what the reader may not see, 403 for the rest", () => {
    for (const f of FLAGS) {
      const work = accessOf(f);
      assert.equal(canChangeWork(reader, work), isListable(work) ? "forbidden" : "not-found");
      assert.equal(canChangeWork(creator, work), "ok");
      assert.equal(canChangeWork(admin, work), "ok");
      assert.equal(canEditWork(reader, work), false);
    }
  });
});

for (const dialect of testDialects()) {
  describe(`the work rules in SQL (${dialect})`, () => {
    let archive: TestArchive;
    let owner: TestUser;
    const works: { id: number; title: string; flags: (typeof FLAGS)[number] }[] = [];
    before(async () => {
      archive = await createTestArchive(dialect);
      owner = await makeUser(archive.db);
      for (const flags of FLAGS) {
        const title = `Flags ${flags.posted}${flags.hidden}${flags.restricted}`;
        const work = await makeWork(archive.db, {
          user: owner,
          title,
          posted: flags.posted === 1,
          restricted: flags.restricted === 1,
        });
        await archive.db
          .updateTable("works")
          .set({ hidden_by_admin: flags.hidden as 0 | 1 })
          .where("id", "=", work.id)
          .execute();
        works.push({ id: work.id, title, flags });
      }
      await archive.refreshIndex();
    });
    after(() => archive.close());

    const ids = (rows: { id: number }[]) => rows.map((r) => r.id).sort((a, b) => a - b);
    const expected = (viewer: Viewer | null) =>
      works.filter((w) => isListedFor(viewer, accessOf(w.flags))).map((w) => w.id);

    it("selects exactly the works the pure rule lists", async () => {
      const listable = await archive.db.selectFrom("works").select("id").where(listableSql()).execute();
      assert.deepEqual(
        ids(listable),
        works.filter((w) => isListable(accessOf(w.flags))).map((w) => w.id),
      );
      const guest = await visibleWorks(archive.db, null).select("works.id").execute();
      assert.deepEqual(ids(guest), expected(null));
      const signedIn = await visibleWorks(archive.db, reader).select("works.id").execute();
      assert.deepEqual(ids(signedIn), expected(reader));
    });

    it("lists in the tag engine exactly what the pure rule lists", async () => {
      const shown = (text: string) => works.filter((w) => text.includes(`>${w.title}</a>`)).map((w) => w.id);
      const guestPage = await archive.client().get("/works");
      assert.deepEqual(shown(guestPage.text), expected(null));
      const client = archive.client();
      await signInAs(archive.db, client, await makeUser(archive.db));
      assert.deepEqual(shown((await client.get("/works")).text), expected(reader));
    });
  });
}
