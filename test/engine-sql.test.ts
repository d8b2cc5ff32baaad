// The tag engine, built from a real archive database, answers every listing exactly as the
// benchmark's SQL does on the same database: page ids, totals and sidebar counts.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { sql } from "kysely";
import { NOW } from "../bench/corpus";
import { writeCorpus } from "../bench/load";
import { randomQuery, readTagPool, type TagPool } from "../bench/queries";
import { rng } from "../bench/random";
import { prepareSql, type SqlVariant, sqlQuery } from "../bench/sql";
import { type EngineQuery, FACET_TYPES } from "../src/tagengine/core/types";
import { ArchiveIndex } from "../src/tagengine/load/archive";
import { createTestArchive, type TestArchive, testDialects } from "./helpers/archive";

const START = NOW - 15 * 365 * 86_400_000;

for (const dialect of testDialects()) {
  for (const [seed, works] of [
    [11, 300],
    [12, 1000],
  ] as const) {
    describe(`engine and SQL agree on ${works} generated works (${dialect}, seed ${seed})`, () => {
      let archive: TestArchive;
      let index: ArchiveIndex;
      let pool: TagPool;
      let unlisted: Set<number>;
      let restricted: Set<number>;

      before(async () => {
        archive = await createTestArchive(dialect);
        // Many drafts and hidden works, so that leaking one would show.
        await writeCorpus(archive.db, dialect, {
          works,
          seed,
          batch: 500,
          draftRate: 0.08,
          hiddenRate: 0.05,
        });
        await prepareSql(archive.db, dialect);
        index = await ArchiveIndex.build(archive.db);
        pool = await readTagPool(archive.db);
        const flags = await archive.db
          .selectFrom("works")
          .select(["id", "posted", "hidden_by_admin", "restricted"])
          .execute();
        unlisted = new Set(flags.filter((w) => w.posted === 0 || w.hidden_by_admin === 1).map((w) => w.id));
        restricted = new Set(flags.filter((w) => w.restricted === 1).map((w) => w.id));
      });
      after(() => archive.close());

      const variants: SqlVariant[] = dialect === "postgres" ? ["arrays", "rows"] : ["rows"];
      for (const variant of variants) {
        it(`matches pages, totals and counts of random listings (${variant})`, async () => {
          assert.ok(
            unlisted.size > 0 && restricted.size > 0,
            "the corpus has drafts, hidden and restricted works",
          );
          const r = rng(seed * 101 + variant.length);
          let nonEmpty = 0;
          for (let i = 0; i < 40; i++) {
            const q = randomQuery(r, pool, START, NOW);
            const engine = index.engine.query(q);
            const db = await sqlQuery(archive.db, dialect, q, variant);
            assert.deepEqual(engine, db, JSON.stringify(q));
            if (engine.total > 0) nonEmpty++;
            for (const id of engine.ids) {
              assert.ok(!unlisted.has(id), `draft or hidden work ${id} listed`);
              if (!q.signedIn) assert.ok(!restricted.has(id), `restricted work ${id} shown to a guest`);
            }
          }
          assert.ok(nonEmpty >= 10, `only ${nonEmpty} listings found anything`);
        });
      }

      it("counts no draft, hidden or (for guests) restricted work anywhere", async () => {
        for (const signedIn of [false, true]) {
          const q: EngineQuery = {
            signedIn,
            sort: "updated",
            direction: "desc",
            offset: 0,
            limit: 5000,
            facets: true,
          };
          const result = index.engine.query(q);
          const visible = await archive.db
            .selectFrom("works")
            .select("id")
            .where("posted", "=", 1)
            .where("hidden_by_admin", "=", 0)
            .$if(!signedIn, (qb) => qb.where("restricted", "=", 0))
            .execute();
          const ids = new Set(visible.map((w) => w.id));
          assert.equal(result.total, ids.size);
          assert.deepEqual(new Set(result.ids), ids);
          // Every sidebar count, recounted over the visible works only.
          const rows = await sql<{ work_id: number; tag_id: number }>`select work_id, tag_id
            from filter_taggings`.execute(archive.db);
          const counts = new Map<number, number>();
          for (const row of rows.rows)
            if (ids.has(row.work_id)) counts.set(row.tag_id, (counts.get(row.tag_id) ?? 0) + 1);
          let checked = 0;
          for (const type of FACET_TYPES)
            for (const f of result.facets![type]) {
              assert.equal(f.count, counts.get(f.tagId), `tag ${f.tagId} (${type})`);
              checked++;
            }
          assert.ok(checked > 30);
        }
      });
    });
  }
}
