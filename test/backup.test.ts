// `npm run quire -- backup | restore`: a backup taken while writers post works restores into a
// whole archive (every invariant of bench/invariants.ts, the tag engine agreeing with SQL), with
// every work acknowledged before the backup began; restoring is refused where it would do harm.
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { newWorkForm } from "../bench/crash";
import { type Acknowledged, checkArchive } from "../bench/invariants";
import { createApp } from "../src/app";
import { readConfig } from "../src/config";
import {
  BackupRefused,
  backupPostgres,
  backupSqlite,
  pgProgram,
  restorePostgres,
  restoreSqlite,
} from "../src/db/backup";
import { type Db, type Dialect, openPostgres, openSqlite } from "../src/db/connection";
import { migrateToLatest } from "../src/db/migrate";
import { makeDeps } from "../src/deps";
import { ArchiveIndex } from "../src/tagengine/load/archive";
import { makeUser, signInAs } from "./factories";
import { createPostgresDatabase, TEST_HASH_COST, testDialects } from "./helpers/archive";
import { TestClient } from "./helpers/client";

const dialects = testDialects().filter(
  (d) => d === "sqlite" || (pgProgram("pg_dump") && pgProgram("pg_restore")),
);

for (const dialect of dialects) {
  describe(`backup and restore (${dialect})`, () => {
    let archive: LiveArchive;
    let dir: string;
    const cleanups: (() => Promise<void>)[] = [];
    before(async () => {
      dir = mkdtempSync(join(tmpdir(), "quire-backup-"));
      archive = await liveArchive(dialect, dir);
    });
    after(async () => {
      await archive.close();
      for (const c of cleanups) await c();
      rmSync(dir, { recursive: true, force: true });
    });

    it("restores a backup taken under write load into a whole archive", async () => {
      const acked: Acknowledged["works"] = [];
      let writing = true;
      let failed: unknown = null;
      const writers = await Promise.all(
        [0, 1, 2].map(async (i) => {
          const user = await makeUser(archive.db);
          const client = new TestClient(archive.app);
          await signInAs(archive.db, client, user);
          // Wrapped: an async function returning the loop's promise would be awaited to its end.
          return {
            done: (async () => {
              for (let n = 0; writing; n++) {
                // SQLite answers without leaving the microtask queue: let timers and the backup's steps run.
                await new Promise((r) => setImmediate(r));
                const marker = `b${i}n${n}`;
                const page = await client.post("/works", newWorkForm(user.pseudId, marker));
                const id = /^\/works\/(\d+)$/.exec(page.location ?? "")?.[1];
                if (!id) throw new Error(`posting answered ${page.status}: ${page.text.slice(0, 2000)}`);
                acked.push({ id: Number(id), marker });
              }
            })().catch((e) => {
              failed = e;
              writing = false;
            }),
          };
        }),
      );
      while (acked.length < 6 && !failed) await new Promise((r) => setTimeout(r, 20));
      if (failed) throw failed;
      const beforeBackup = [...acked];
      const file = join(dir, dialect === "sqlite" ? "archive.sqlite" : "archive.dump");
      let steps = 0;
      const progress = () => void steps++;
      if (dialect === "sqlite") await backupSqlite(archive.location, file, { progress });
      else await backupPostgres(archive.location, file, { progress });
      const duringBackup = acked.length - beforeBackup.length;
      writing = false;
      await Promise.all(writers.map((w) => w.done));
      if (failed) throw failed;
      assert.ok(steps > 0, "progress was reported");

      let restored: Db;
      if (dialect === "sqlite") {
        const target = join(dir, "restored", "quire.sqlite");
        await restoreSqlite(file, target);
        restored = openSqlite(target);
      } else {
        const { url, drop } = await createPostgresDatabase();
        cleanups.push(drop);
        await restorePostgres(file, url);
        restored = openPostgres(url);
      }
      try {
        const report = await checkArchive(restored, {
          works: beforeBackup,
          chapters: [],
          edits: new Map(),
          editCount: 0,
        });
        assert.deepEqual(report.problems, []);
        assert.equal(report.lost, 0);
        assert.ok(
          report.works >= beforeBackup.length && report.works <= acked.length,
          `${report.works} works`,
        );
        assert.ok(duringBackup >= 0);
        // The restored archive serves its pages and listings.
        const deps = makeDeps(
          restored,
          { ...readConfig({}), demo: false, dataDir: "/nonexistent" },
          TEST_HASH_COST,
        );
        deps.index = await ArchiveIndex.build(restored.db);
        const app = createApp(deps);
        const listing = await app.request("/works");
        assert.equal(listing.status, 200);
        const text = await listing.text();
        assert.ok(
          text.includes(`Crash ${beforeBackup.at(-1)!.marker}`) || report.works > 20,
          "the newest work is listed",
        );
        for (const w of beforeBackup.slice(0, 3)) {
          const page = await app.request(`/works/${w.id}`);
          assert.equal(page.status, 200);
          assert.ok((await page.text()).includes(`Opening of ${w.marker}.`));
        }
      } finally {
        await restored.close();
      }
    });

    it("refuses to restore over an archive in use or with anything in it, unless told to", async () => {
      const file = join(dir, dialect === "sqlite" ? "again.sqlite" : "again.dump");
      if (dialect === "sqlite") {
        const live = archive.location;
        await backupSqlite(live, file);
        await assert.rejects(
          backupSqlite(live, file),
          BackupRefused,
          "an existing backup is not overwritten",
        );
        // The test archive holds its file open, as a running server does.
        await assert.rejects(restoreSqlite(file, live, { force: true }), /in use/);
        const other = join(dir, "other", "quire.sqlite");
        await restoreSqlite(file, other);
        await assert.rejects(restoreSqlite(file, other), /not empty/);
        await restoreSqlite(file, other, { force: true });
        await assert.rejects(restoreSqlite(join(dir, "nothing.sqlite"), other), BackupRefused);
      } else {
        const url = archive.location;
        await backupPostgres(url, file);
        // The live archive's pool holds connections, as a running server does.
        await assert.rejects(restorePostgres(file, url, { force: true }), /in use/);
        const { url: other, drop } = await createPostgresDatabase();
        cleanups.push(drop);
        await restorePostgres(file, other);
        await assert.rejects(restorePostgres(file, other), /not empty/);
        await restorePostgres(file, other, { force: true });
      }
    });
  });
}

interface LiveArchive {
  db: Db["db"];
  app: ReturnType<typeof createApp>;
  /** The SQLite file, or the PostgreSQL database's URL. */
  location: string;
  close(): Promise<void>;
}

/** An archive on a real database whose file or URL the backup commands are given. */
async function liveArchive(dialect: Dialect, dir: string): Promise<LiveArchive> {
  let database: Db;
  let location: string;
  let drop = async () => {};
  if (dialect === "sqlite") {
    location = join(dir, "live", "quire.sqlite");
    database = openSqlite(location);
  } else {
    const created = await createPostgresDatabase();
    location = created.url;
    drop = created.drop;
    database = openPostgres(location);
  }
  await migrateToLatest(database.db);
  const deps = makeDeps(
    database,
    { ...readConfig({}), demo: false, dataDir: "/nonexistent" },
    TEST_HASH_COST,
  );
  return {
    db: deps.db,
    app: createApp(deps),
    location,
    close: async () => {
      await database.close();
      await drop();
    },
  };
}
