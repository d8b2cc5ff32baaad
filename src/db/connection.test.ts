import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { type Kysely, sql } from "kysely";
import { type Db, openSqlite } from "./connection";

// SQLite statements are compiled once and kept by their SQL (connection.ts).
describe("a SQLite connection's kept statements", () => {
  let dir: string;
  let conn: Db;
  // biome-ignore lint/suspicious/noExplicitAny: a table of this test only, outside the archive's schema
  let db: Kysely<any>;
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), "quire-conn-"));
    conn = openSqlite(join(dir, "kept.sqlite"));
    // biome-ignore lint/suspicious/noExplicitAny: see above
    db = conn.db as unknown as Kysely<any>;
    await db.schema
      .createTable("notes")
      .addColumn("id", "integer", (c) => c.primaryKey())
      .addColumn("body", "text")
      .execute();
  });
  after(async () => {
    await conn.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("answer each run with its own parameters, in and out of transactions and streams", async () => {
    for (let id = 1; id <= 5; id++)
      await db
        .insertInto("notes")
        .values({ id, body: `note ${id}` })
        .execute();
    const body = async (id: number, on = db) =>
      (await on.selectFrom("notes").select("body").where("id", "=", id).executeTakeFirst())?.body;
    assert.deepEqual(await Promise.all([1, 2, 3].map((id) => body(id))), ["note 1", "note 2", "note 3"]);
    await db.transaction().execute(async (trx) => {
      await trx.updateTable("notes").set({ body: "changed" }).where("id", "=", 2).execute();
      assert.equal(await body(2, trx), "changed");
    });
    const streamed: string[] = [];
    for await (const row of db.selectFrom("notes").select("body").where("id", ">", 3).orderBy("id").stream())
      streamed.push(row.body);
    assert.deepEqual(streamed, ["note 4", "note 5"]);
    assert.deepEqual(await Promise.all([2, 5].map((id) => body(id))), ["changed", "note 5"]);
  });

  it("still answers a statement after more distinct ones than it keeps have passed", async () => {
    const one = () => sql<{ n: number }>`select ${1} + 0 as n`.execute(db);
    const first = (await one()).rows;
    for (let i = 0; i < 600; i++) await sql.raw(`select ${i} as n`).execute(db);
    assert.deepEqual((await one()).rows, first);
  });
});
