// A short form of `npm run bench -- crash`: the archive server, a real process, is killed at random
// moments under write load (and on PostgreSQL, the database server is crashed too); every write
// answered with success must survive, nothing may be half-written, and the tag engine must list
// what SQL lists. PostgreSQL runs on a throwaway server of its own (never DATABASE_URL's), when
// DATABASE_URL says PostgreSQL is wanted and its programs are installed.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { crashRun, postgresInstalled } from "../bench/crash";

describe("durability under crashes", () => {
  it("keeps every acknowledged write through three server kills (sqlite)", async () => {
    const r = await crashRun({ database: "sqlite", cycles: 3, writers: 4 });
    assert.deepEqual(r.problems, []);
    assert.ok(r.writesAcknowledged > 0, "some writes were acknowledged");
    assert.equal(r.writesLost, 0);
    assert.equal(r.integrityOk, true);
  });

  const postgres = process.env.DATABASE_URL?.startsWith("postgres") && postgresInstalled();
  it("keeps every acknowledged write through two server kills and a PostgreSQL crash, answering 503 while it is down (postgres)", {
    skip: postgres ? false : "PostgreSQL is not wanted (DATABASE_URL) or not installed",
  }, async () => {
    const r = await crashRun({ database: "postgres", cycles: 2, pgRestarts: 1, writers: 4 });
    assert.deepEqual(r.problems, []);
    assert.ok(r.writesAcknowledged > 0, "some writes were acknowledged");
    assert.equal(r.writesLost, 0);
    assert.equal(r.integrityOk, true);
    // Pages asked for while PostgreSQL was down got the error page, each within seconds (a
    // generous bound: the pool gives up connecting after 5 s).
    assert.equal(r.outageProbes.length, 3);
    for (const p of r.outageProbes) {
      assert.equal(p.status, 503);
      assert.ok(p.ms < 15_000, `answered in ${p.ms} ms`);
    }
  });
});
