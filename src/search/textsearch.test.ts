// The TextSearch contract, run against SQLite and PostgreSQL alike. Data goes straight into the
// tables (factories), so the database's own triggers and generated columns are what is tested.
import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import { findOrMakeTag, makeDraftChapter, makeUser, makeWork } from "../../test/factories";
import { createTestArchive, type TestArchive, testDialects } from "../../test/helpers/archive";
import * as textSearchMigration from "../db/migrations/20261127020000_text_search";
import { toSafeHtml } from "../lib/text";
import { DEFAULT_LIMIT, makeTextSearch, type TextSearch, type TextSearchScope } from "./textsearch";

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

for (const dialect of testDialects()) {
  describe(`text search (${dialect})`, () => {
    let archive: TestArchive;
    let search: TextSearch;
    before(async () => {
      archive = await createTestArchive(dialect);
      search = makeTextSearch(archive.db, dialect);
    });
    after(() => archive.close());

    const works = (query: string, limit?: number) => search.search(query, { scope: "works", limit });
    const chapters = (query: string, limit?: number) => search.search(query, { scope: "chapters", limit });
    const candidates = async (query: string, scope: TextSearchScope, ranked?: boolean) =>
      sorted([...new Set(await search.candidates(query, { scope, ranked }))]);

    /** Of these ids, those a reader may list (posted, not hidden), in the order given. */
    async function listable(ids: Iterable<number>): Promise<number[]> {
      const list = [...new Set(ids)];
      if (list.length === 0) return [];
      const rows = await archive.db
        .selectFrom("works")
        .select("id")
        .where("id", "in", list)
        .where("posted", "=", 1)
        .where("hidden_by_admin", "=", 0)
        .execute();
      const ok = new Set(rows.map((r) => r.id));
      return list.filter((id) => ok.has(id));
    }

    /**
     * candidates() against search(): the same listable works, ranked in the same order, and the
     * same works whether ranked or not. Returns the listable candidates.
     */
    async function agrees(query: string, scope: TextSearchScope): Promise<number[]> {
      const label = `${scope}: ${query}`;
      const found = await search.search(query, { scope });
      const all = await search.candidates(query, { scope });
      const ranked = await search.candidates(query, { scope, ranked: true });
      assert.ok(all instanceof Uint32Array && ranked instanceof Uint32Array, label);
      const listed = await listable(all);
      assert.deepEqual(sorted(listed), sorted(found), label);
      assert.deepEqual(await listable(ranked), found, `${label} (ranked, in search's order)`);
      assert.equal(new Set(ranked).size, ranked.length, `${label}: ranked, each work once`);
      assert.deepEqual(sorted([...new Set(ranked)]), sorted([...new Set(all)]), `${label}: ranked or not`);
      return sorted(listed);
    }

    async function setWork(id: number, values: { title?: string; notes?: string; end_notes?: string }) {
      await archive.db.updateTable("works").set(values).where("id", "=", id).execute();
    }
    async function setFlag(id: number, flag: "anonymous" | "hidden_by_admin" | "posted", value: 0 | 1) {
      await archive.db
        .updateTable("works")
        .set({ [flag]: value })
        .where("id", "=", id)
        .execute();
    }
    async function setBody(chapterId: number, html: string) {
      await archive.db
        .updateTable("chapters")
        .set({ body: toSafeHtml(html, "html") })
        .where("id", "=", chapterId)
        .execute();
    }
    async function pseudId(name: string) {
      const row = await archive.db
        .selectFrom("pseuds")
        .select("id")
        .where("name", "=", name)
        .executeTakeFirstOrThrow();
      return row.id;
    }

    it("finds a work by its title, summary, notes, end notes, tags and creators", async () => {
      await makeUser(archive.db, { login: "quillwright", pseuds: ["Inkwhistle"] });
      const w = await makeWork(archive.db, {
        title: "The Glimmerfall Letters",
        summary: "A tale told in brackenwood",
        tags: { freeform: ["Marmalade Conspiracy"], character: ["Perpetua Vane"] },
        coCreatorPseudIds: [await pseudId("Inkwhistle")],
        user: await makeUser(archive.db, { login: "firstauthor" }),
      });
      await setWork(w.id, {
        notes: "<p>Thanks to quenchfire</p>",
        end_notes: "<p>More <em>sorrowmint</em></p>",
      });
      for (const q of [
        "glimmerfall",
        "brackenwood",
        "quenchfire",
        "sorrowmint",
        "marmalade conspiracy",
        "Perpetua",
        "inkwhistle",
        "quillwright",
        "firstauthor",
      ]) {
        assert.deepEqual(await works(q), [w.id], q);
      }
      assert.deepEqual(await chapters("glimmerfall"), [], "the chapters scope searches chapter text only");
    });

    it("never matches the creators of an anonymous work", async () => {
      const user = await makeUser(archive.db, { login: "veilwright", pseuds: ["Shadowquill"] });
      const hidden = await makeWork(archive.db, {
        user,
        title: "Masked Ballroom",
        anonymous: true,
        coCreatorPseudIds: [await pseudId("Shadowquill")],
      });
      const open = await makeWork(archive.db, { user, title: "Unmasked Parlour" });
      assert.deepEqual(await works("veilwright"), [open.id]);
      assert.deepEqual(await works("shadowquill"), []);
      assert.deepEqual(await works("masked ballroom"), [hidden.id], "the work itself is still found");
      assert.deepEqual(await works("veilwright ballroom"), []);

      await setFlag(hidden.id, "anonymous", 0);
      assert.deepEqual(sorted(await works("veilwright")), sorted([hidden.id, open.id]));
      await setFlag(open.id, "anonymous", 1);
      await setFlag(hidden.id, "anonymous", 1);
      assert.deepEqual(await works("veilwright"), []);
      assert.deepEqual(await works("shadowquill OR veilwright"), []);
    });

    it("returns neither drafts nor hidden works, but does return restricted ones", async () => {
      const draft = await makeWork(archive.db, {
        title: "Lodestar Draft",
        posted: false,
        bodies: ["lodestar"],
      });
      const hidden = await makeWork(archive.db, { title: "Lodestar Hidden", bodies: ["lodestar"] });
      await setFlag(hidden.id, "hidden_by_admin", 1);
      const restricted = await makeWork(archive.db, {
        title: "Lodestar Restricted",
        restricted: true,
        bodies: ["lodestar"],
      });
      assert.deepEqual(await works("lodestar"), [restricted.id]);
      assert.deepEqual(await chapters("lodestar"), [restricted.id]);

      // A draft chapter of a posted work stays out of the chapters scope until it is posted.
      const extra = await makeDraftChapter(archive.db, restricted.id, {
        position: 2,
        body: "<p>unpostedword</p>",
      });
      assert.deepEqual(await chapters("unpostedword"), []);
      await archive.db.updateTable("chapters").set({ posted: 1 }).where("id", "=", extra).execute();
      assert.deepEqual(await chapters("unpostedword"), [restricted.id]);

      // Posting the draft and un-hiding the hidden work bring them in.
      await setFlag(draft.id, "posted", 1);
      await archive.db.updateTable("chapters").set({ posted: 1 }).where("work_id", "=", draft.id).execute();
      await setFlag(hidden.id, "hidden_by_admin", 0);
      assert.deepEqual(sorted(await works("lodestar")), sorted([draft.id, hidden.id, restricted.id]));
      assert.deepEqual(sorted(await chapters("lodestar")), sorted([draft.id, hidden.id, restricted.id]));
    });

    it("searches chapter text without its markup", async () => {
      const w = await makeWork(archive.db);
      await setBody(
        w.chapterIds[0]!,
        '<p class="glowclass" title="hovertext">Plain <strong>emberling</strong> and ' +
          '<a href="https://linkhost.example/pathword">anchorword</a> &amp; fernlight</p>',
      );
      assert.deepEqual(await chapters("emberling"), [w.id]);
      assert.deepEqual(await chapters("anchorword fernlight"), [w.id]);
      assert.deepEqual(await chapters('"emberling and anchorword"'), [w.id], "tags do not break a phrase");
      for (const q of [
        "strong",
        "glowclass",
        "hovertext",
        "linkhost",
        "pathword",
        "href",
        "amp",
        "nofollow",
      ]) {
        assert.deepEqual(await chapters(q), [], q);
      }
    });

    it("reads phrases, prefixes, exclusions and OR", async () => {
      const a = await makeWork(archive.db, { title: "Vellum Quayside Lanterns" });
      const b = await makeWork(archive.db, { title: "Quayside of Vellum Barges" });
      const c = await makeWork(archive.db, { title: "Lantern Carnival" });
      assert.deepEqual(sorted(await works("vellum quayside")), sorted([a.id, b.id]));
      assert.deepEqual(await works('"vellum quayside"'), [a.id]);
      assert.deepEqual(await works('"lanterns general audiences"'), [], "a phrase stays within one field");
      assert.deepEqual(sorted(await works("lant*")), sorted([a.id, c.id]));
      assert.deepEqual(await works("lantern"), [c.id], "a word is not a prefix unless it says so");
      assert.deepEqual(await works("quayside -barges"), [a.id]);
      assert.deepEqual(await works('vellum -"vellum quayside"'), [b.id]);
      assert.deepEqual(sorted(await works("carnival OR barges")), sorted([b.id, c.id]));
      assert.deepEqual(await works("vellum carnival OR barges"), [b.id], "OR binds before AND");
      assert.deepEqual(await works("vellum or barges"), [], "lower-case or is a word");

      const d = await makeWork(archive.db, {
        chapters: 2,
        bodies: ["copperleaf morning", "copperleaf thornbury"],
      });
      const e = await makeWork(archive.db, { bodies: ["copperleaf evening"] });
      assert.deepEqual(sorted(await chapters("copperleaf")), sorted([d.id, e.id]));
      assert.deepEqual(await chapters("copperleaf -thornbury"), [e.id], "an exclusion rules out the work");
      assert.deepEqual(await chapters('"copperleaf morning"'), [d.id]);
      assert.deepEqual(await chapters("copperleaf thornbury"), [d.id]);
      assert.deepEqual(sorted(await chapters("morning OR evening")), sorted([d.id, e.id]));
      assert.deepEqual(sorted(await chapters("copper*")), sorted([d.id, e.id]));
    });

    it("gives as candidates every work that search finds, whatever the syntax", async () => {
      const a = await makeWork(archive.db, {
        title: "Saffron Wharf Beacons",
        chapters: 2,
        bodies: ["brindle dawnmere", "brindle harrowgate"],
      });
      const b = await makeWork(archive.db, { title: "Wharf of Saffron Skiffs", bodies: ["brindle evening"] });
      const c = await makeWork(archive.db, { title: "Beacon Festival Crème Brûlée" });
      const zh = await makeWork(archive.db, { title: "番红花码头", bodies: ["夜来风雨声，花落知多少。"] });
      const restricted = await makeWork(archive.db, {
        title: "Saffron Restricted",
        restricted: true,
        bodies: ["brindle lockwood"],
      });
      await makeWork(archive.db, {
        title: "Saffron Wharf Draft",
        posted: false,
        bodies: ["brindle evening"],
      });
      const hidden = await makeWork(archive.db, {
        title: "Saffron Wharf Hidden",
        bodies: ["brindle evening"],
      });
      await setFlag(hidden.id, "hidden_by_admin", 1);

      const works = {
        saffron: [a.id, b.id, restricted.id],
        "saffron wharf": [a.id, b.id],
        '"saffron wharf"': [a.id],
        "beac*": [a.id, c.id],
        beacon: [c.id],
        "wharf -skiffs": [a.id],
        'saffron -"saffron wharf"': [b.id, restricted.id],
        "festival OR skiffs": [b.id, c.id],
        "saffron festival OR skiffs": [b.id],
        "creme brulee": [c.id],
        "BRÛLÉE*": [c.id],
        码头: [zh.id],
        红花码: [zh.id],
        码花: [],
      };
      for (const [q, want] of Object.entries(works)) {
        assert.deepEqual(await agrees(q, "works"), sorted(want), `works: ${q}`);
      }
      const chapterText = {
        brindle: [a.id, b.id, restricted.id],
        "brindle -harrowgate": [b.id, restricted.id],
        '"brindle dawnmere"': [a.id],
        "dawnmere OR lockwood": [a.id, restricted.id],
        "brin* evening": [b.id],
        花落: [zh.id],
      };
      for (const [q, want] of Object.entries(chapterText)) {
        assert.deepEqual(await agrees(q, "chapters"), sorted(want), `chapters: ${q}`);
      }
      assert.deepEqual(await candidates("brindle", "works"), [], "the works scope holds no chapter text");
      assert.deepEqual(
        await candidates("saffron", "chapters"),
        [],
        "the chapters scope holds chapter text only",
      );
    });

    it("never matches a draft chapter among candidates, nor lets one rule a work out", async () => {
      const w = await makeWork(archive.db, { bodies: ["thistlemere posted"] });
      const draft = await makeDraftChapter(archive.db, w.id, {
        position: 2,
        body: "<p>thistlemere gorsevale</p>",
      });
      const draftWork = await makeWork(archive.db, { posted: false, bodies: ["thistlemere gorsevale"] });
      for (const ranked of [false, true]) {
        assert.deepEqual(await candidates("gorsevale", "chapters", ranked), [], `ranked: ${ranked}`);
        assert.deepEqual(await candidates("thistlemere", "chapters", ranked), [w.id], `ranked: ${ranked}`);
        assert.deepEqual(await candidates("thistlemere -gorsevale", "chapters", ranked), [w.id]);
      }
      await archive.db.updateTable("chapters").set({ posted: 1 }).where("id", "=", draft).execute();
      assert.deepEqual(await candidates("gorsevale", "chapters"), [w.id]);
      assert.deepEqual(await candidates("thistlemere -gorsevale", "chapters"), []);
      assert.ok(
        !(await candidates("thistlemere", "chapters")).includes(draftWork.id),
        "its chapters are drafts",
      );
    });

    it("ranks a title match above a passing mention", async () => {
      const passing = await makeWork(archive.db, {
        title: "Harbour Evenings",
        summary: `Fishermen mend nets, gulls circle the harbour, and once someone says driftglass in
          passing before the talk turns back to boats, weather, tides and the price of herring.`,
      });
      const titled = await makeWork(archive.db, { title: "Driftglass" });
      assert.deepEqual(await works("driftglass"), [titled.id, passing.id]);
      assert.deepEqual(
        [...(await search.candidates("driftglass", { scope: "works", ranked: true }))],
        [titled.id, passing.id],
      );

      const mention = await makeWork(archive.db, {
        bodies: [
          `${"The road ran long past fields and hedges and farms. ".repeat(30)}A cobblestar glinted. ${"Then more road. ".repeat(30)}`,
        ],
      });
      const about = await makeWork(archive.db, {
        bodies: ["The cobblestar shone. Every cobblestar in the square, cobblestar after cobblestar."],
      });
      assert.deepEqual(await chapters("cobblestar"), [about.id, mention.id]);
      assert.deepEqual(
        [...(await search.candidates("cobblestar", { scope: "chapters", ranked: true }))],
        [about.id, mention.id],
      );
    });

    it("sees every change at once", async () => {
      const user = await makeUser(archive.db, { login: "plumecaster" });
      const w = await makeWork(archive.db, {
        user,
        title: "Oldtitle Story",
        tags: { freeform: ["Wistful Otters"] },
        bodies: ["firstdraftword"],
      });
      await setWork(w.id, { title: "Newtitle Story" });
      assert.deepEqual(await works("oldtitle"), []);
      assert.deepEqual(await works("newtitle"), [w.id]);

      // Retag: untag, tag, rename the tag.
      const otters = await findOrMakeTag(archive.db, "freeform", "Wistful Otters");
      assert.deepEqual(await works("otters"), [w.id]);
      await archive.db
        .deleteFrom("taggings")
        .where("work_id", "=", w.id)
        .where("tag_id", "=", otters)
        .execute();
      assert.deepEqual(await works("otters"), []);
      const badgers = await findOrMakeTag(archive.db, "freeform", "Gallant Badgers");
      await archive.db.insertInto("taggings").values({ work_id: w.id, tag_id: badgers }).execute();
      assert.deepEqual(await works("badgers"), [w.id]);
      await archive.db
        .updateTable("tags")
        .set({ name: "Gallant Weasels" })
        .where("id", "=", badgers)
        .execute();
      assert.deepEqual(await works("badgers"), []);
      assert.deepEqual(await works("weasels"), [w.id]);

      // Creators: rename the pseud and the login, add and remove a co-creator.
      await archive.db
        .updateTable("pseuds")
        .set({ name: "Featherpen" })
        .where("id", "=", user.pseudId)
        .execute();
      assert.deepEqual(await works("featherpen"), [w.id]);
      await archive.db.updateTable("users").set({ login: "nibscribe" }).where("id", "=", user.id).execute();
      assert.deepEqual(await works("plumecaster"), []);
      assert.deepEqual(await works("nibscribe"), [w.id]);
      const co = await makeUser(archive.db, { login: "cowriterling" });
      await archive.db
        .insertInto("creatorships")
        .values({ work_id: w.id, pseud_id: co.pseudId, approved: 0, created_at: Date.now() })
        .execute();
      assert.deepEqual(await works("cowriterling"), [], "an invitation not yet accepted credits no one");
      await archive.db
        .updateTable("creatorships")
        .set({ approved: 1 })
        .where("pseud_id", "=", co.pseudId)
        .execute();
      assert.deepEqual(await works("cowriterling"), [w.id]);
      await archive.db.deleteFrom("creatorships").where("pseud_id", "=", co.pseudId).execute();
      assert.deepEqual(await works("cowriterling"), []);

      // A chapter edit, then the work's deletion.
      await setBody(w.chapterIds[0]!, "<p>seconddraftword</p>");
      assert.deepEqual(await chapters("firstdraftword"), []);
      assert.deepEqual(await chapters("seconddraftword"), [w.id]);
      await archive.db.deleteFrom("works").where("id", "=", w.id).execute();
      assert.deepEqual(await works("newtitle"), []);
      assert.deepEqual(await chapters("seconddraftword"), []);
    });

    it("ignores case and accents", async () => {
      const w = await makeWork(archive.db, {
        title: "Naïve Café Déjà Señora",
        bodies: ["ÜBERMUT und Ärger"],
      });
      for (const q of ["naive cafe", "NAÏVE", "deja senora", "Café*", "cafe*"]) {
        assert.deepEqual(await works(q), [w.id], q);
      }
      assert.deepEqual(await chapters("ubermut arger"), [w.id]);
      const plain = await makeWork(archive.db, { title: "Resume of Events" });
      assert.deepEqual(await works("RÉSUMÉ"), [plain.id]);
    });

    it("finds any substring of Chinese, Japanese and Korean text", async () => {
      const zh = await makeWork(archive.db, {
        title: "我爱北京天安门",
        bodies: ["春眠不觉晓，处处闻啼鸟。"],
      });
      const ja = await makeWork(archive.db, {
        title: "吾輩は猫である",
        bodies: ["名前はまだ無い。どこで生れたかとんと見当がつかぬ。"],
      });
      const ko = await makeWork(archive.db, { title: "서울에서 온 편지" });
      assert.deepEqual(await works("北京"), [zh.id]);
      assert.deepEqual(await works("天安门"), [zh.id]);
      assert.deepEqual(await works("京天"), [zh.id], "across what a word splitter would call words");
      assert.deepEqual(await works("门"), [zh.id]);
      assert.deepEqual(await works("京北"), [], "characters in order, next to each other");
      assert.deepEqual(await chapters("闻啼"), [zh.id]);
      assert.deepEqual(await works("猫"), [ja.id]);
      assert.deepEqual(await works("輩は猫"), [ja.id]);
      assert.deepEqual(await chapters("見当"), [ja.id]);
      assert.deepEqual(await chapters("名前 生れた"), [ja.id]);
      assert.deepEqual(await works("서울"), [ko.id]);
      assert.deepEqual(sorted(await works("北京 OR 猫")), sorted([zh.id, ja.id]));
    });

    it("lists a work once however many of its chapters match", async () => {
      const w = await makeWork(archive.db, {
        chapters: 3,
        bodies: ["glintwood", "glintwood glintwood", "glintwood"],
      });
      assert.deepEqual(await chapters("glintwood"), [w.id]);
    });

    it("answers the same after its indexes are merged, and keeps following changes", async () => {
      const queries = ["lantern", '"quiet harbour"', "lant*", "-lantern harbour", "lantern OR harbour"];
      await makeWork(archive.db, { title: "Lantern before merging", summary: "A quiet harbour." });
      const before = await Promise.all(queries.map((q) => search.search(q, { scope: "works" })));
      assert.ok(before[0]!.length > 0 && before[1]!.length > 0);
      await search.optimize();
      assert.deepEqual(await Promise.all(queries.map((q) => search.search(q, { scope: "works" }))), before);
      const w = await makeWork(archive.db, { title: "Lantern after merging" });
      assert.ok((await search.search("lantern", { scope: "works" })).includes(w.id));
    });

    it("answers at most `limit` works", async () => {
      const ids: number[] = [];
      for (let i = 0; i < 5; i++) ids.push((await makeWork(archive.db, { title: `Tallyworm ${i}` })).id);
      assert.equal((await works("tallyworm", 3)).length, 3);
      assert.deepEqual(sorted(await works("tallyworm")), sorted(ids));
      assert.deepEqual(await works("tallyworm", 0), []);
    });

    it("finds nothing for an empty query or one with only exclusions", async () => {
      await makeWork(archive.db, { title: "Anything At All" });
      for (const q of ["", "   ", "!!! ??? ...", "-", '""', "OR", "*", "-anything", '-"anything at"']) {
        assert.deepEqual(await works(q), [], JSON.stringify(q));
        assert.deepEqual(await chapters(q), [], JSON.stringify(q));
        for (const scope of ["works", "chapters"] as const) {
          for (const ranked of [false, true]) {
            const ids = await search.candidates(q, { scope, ranked });
            assert.equal(ids.length, 0, `${scope}, ranked ${ranked}: ${JSON.stringify(q)}`);
          }
        }
      }
    });

    it("never fails on input that looks like query syntax", async () => {
      const w = await makeWork(archive.db, { title: "Moonword Sketches", bodies: ["moonword sketches"] });
      // Syntax of either engine, and quoting that could break out of a string.
      const noise = ['"', "*", "NEAR(", ":", "'", "\\", "&|!", "-*", "^", "{}", "<->", "(((", "\u0000"];
      // Each holds the word among such characters: the word must still be found.
      const wrapped = [
        'moonword"',
        "'moonword'",
        "moonword:*",
        "moonword\\",
        "moonword & sketches",
        "(moonword",
        "moonword <-> sketches",
        "^moonword",
        "{moonword}",
        "moonword\u0000",
        "moonword OR OR",
        "OR moonword",
      ];
      // Operators of the engines are plain words here, so these find nothing, without failing.
      const odd = [
        "title:moonword",
        "NEAR(moonword sketches)",
        "moonword AND sketches",
        "moonword'; drop table works; --",
        "moonword | !x",
        `moonword ${"x ".repeat(3000)}`,
      ];
      for (const scope of ["works", "chapters"] as const) {
        for (const q of noise) assert.deepEqual(await search.search(q, { scope }), [], `${scope}: ${q}`);
        for (const q of wrapped)
          assert.deepEqual(await search.search(q, { scope }), [w.id], `${scope}: ${q}`);
        for (const q of odd) assert.ok(Array.isArray(await search.search(q, { scope })), `${scope}: ${q}`);
        for (const q of noise) assert.deepEqual(await candidates(q, scope), [], `candidates, ${scope}: ${q}`);
        for (const q of wrapped)
          assert.deepEqual(await candidates(q, scope), [w.id], `candidates, ${scope}: ${q}`);
        for (const q of odd) assert.ok((await search.candidates(q, { scope })) instanceof Uint32Array, q);
      }
      assert.deepEqual(await works("moonword"), [w.id], "the tables are still there");
    });

    it("indexes works that existed before the migration, and undoes it", async () => {
      const older = await createTestArchive(dialect);
      try {
        await textSearchMigration.down(older.db);
        const w = await makeWork(older.db, {
          title: "Preexisting Ledger",
          tags: { freeform: ["Ancient Tagname"] },
          bodies: ["<p>archivalword</p>"],
        });
        await textSearchMigration.up(older.db);
        const again = makeTextSearch(older.db, dialect);
        assert.deepEqual(await again.search("ledger", { scope: "works" }), [w.id]);
        assert.deepEqual(await again.search("tagname", { scope: "works" }), [w.id]);
        assert.deepEqual(await again.search(w.user.login, { scope: "works" }), [w.id]);
        assert.deepEqual(await again.search("archivalword", { scope: "chapters" }), [w.id]);
      } finally {
        await older.close();
      }
    });

    it("answers over a corpus of 10,000 works", async () => {
      const now = Date.now();
      const user = await makeUser(archive.db, { login: "corpuswriter" });
      // More works than search answers by default: candidates are not capped.
      const total = DEFAULT_LIMIT + 500;
      for (let start = 0; start < total; start += 500) {
        const rows = Array.from({ length: 500 }, (_, k) => {
          const i = start + k;
          return {
            title: i % 10 === 0 ? `Rarebloom ${i}` : `Commonfield ${i}`,
            summary: `<p>Everyfable number ${i}</p>`,
            posted: 1 as const,
            created_at: now,
            posted_at: now,
            updated_at: now,
          };
        });
        const inserted = await archive.db.insertInto("works").values(rows).returning("id").execute();
        await archive.db
          .insertInto("chapters")
          .values(
            inserted.map((r, k) => ({
              work_id: r.id,
              position: 1,
              body: `<p>Corpusbody ${(start + k) % 7 === 0 ? "septemword" : "plain"}</p>`,
              posted: 1 as const,
              created_at: now,
              updated_at: now,
              posted_at: now,
            })),
          )
          .execute();
        await archive.db
          .insertInto("creatorships")
          .values(
            inserted.map((r) => ({ work_id: r.id, pseud_id: user.pseudId, approved: 1, created_at: now })),
          )
          .execute();
      }
      assert.equal((await works("rarebloom")).length, total / 10);
      assert.equal((await works("everyfable")).length, DEFAULT_LIMIT);
      assert.equal((await works("corpuswriter", 50)).length, 50);
      assert.equal((await works("commonfield -rarebloom")).length, total - total / 10);
      assert.equal((await chapters("septemword")).length, Math.ceil(total / 7));
      assert.equal((await chapters("corpusbody -septemword", 100)).length, 100);
      assert.equal((await candidates("everyfable", "works")).length, total);
      assert.equal((await candidates("everyfable", "works", true)).length, total);
      assert.equal((await candidates("commonfield -rarebloom", "works")).length, total - total / 10);
      assert.equal((await candidates("corpusbody", "chapters")).length, total);
      assert.equal(
        (await candidates("corpusbody -septemword", "chapters")).length,
        total - Math.ceil(total / 7),
      );
    });
  });
}
