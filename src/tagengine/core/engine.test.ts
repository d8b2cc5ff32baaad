import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { compareCodePoints } from "../../lib/codepoints";
import { TagEngine } from "./engine";
import {
  type EngineQuery,
  FACET_TYPES,
  type FacetType,
  type IndexedWork,
  SORT_KEYS,
  type TagInfo,
} from "./types";

/** A small seeded PRNG so failures reproduce. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function corpus(seed: number, n: number, tagCount: number) {
  const r = rng(seed);
  const tags: TagInfo[] = [];
  for (let id = 1; id <= tagCount; id++) {
    const type: FacetType =
      id <= 5 ? "rating" : id <= 11 ? "warning" : id <= 17 ? "category" : FACET_TYPES[3 + (id % 4)]!;
    tags.push({ id, type });
  }
  // Zipf-like popularity among the open tags: a few huge, many tiny.
  const pick = () => 18 + Math.floor((tagCount - 18) * r() ** 3);
  const works: IndexedWork[] = [];
  for (let i = 0; i < n; i++) works.push(randomWork(r, i * 3 + 1, pick));
  return { tags, works, r, pick };
}

function randomWork(r: () => number, id: number, pick: () => number): IndexedWork {
  const tagIds = new Set<number>([1 + Math.floor(r() * 5), 6 + Math.floor(r() * 6)]);
  if (r() < 0.8) tagIds.add(12 + Math.floor(r() * 6));
  const extra = 1 + Math.floor(r() * 12);
  for (let k = 0; k < extra; k++) tagIds.add(pick());
  return {
    id,
    restricted: r() < 0.1,
    complete: r() < 0.8,
    updatedAt: 1_600_000_000_000 + Math.floor(r() * 1e9),
    postedAt: 1_500_000_000_000 + Math.floor(r() * 1e9),
    words: Math.floor(r() * 50_000),
    hits: Math.floor(r() * 100),
    kudos: Math.floor(r() * 20),
    comments: Math.floor(r() * 5),
    bookmarks: Math.floor(r() * 5),
    language: r() < 0.9 ? "en" : "zh",
    // Astral characters and U+E000 order differently by code point and by UTF-16 unit.
    titleSort: `title ${Math.floor(r() * 200)}${r() < 0.1 ? "\u{1F600}" : r() < 0.1 ? "\uE000" : ""}`,
    creatorSort: `creator ${Math.floor(r() * 50)}`,
    fandomCount: 1 + (r() < 0.1 ? 1 : 0),
    tagIds: [...tagIds],
  };
}

/** What the engine must answer, computed the slow and obvious way. */
function naive(works: Map<number, IndexedWork>, tagTypes: Map<number, FacetType>, q: EngineQuery) {
  const only = q.onlyIds ? new Set(q.onlyIds) : null;
  const matches = [...works.values()].filter((w) => {
    if (!q.signedIn && w.restricted) return false;
    if (q.include?.some((t) => !w.tagIds.includes(t))) return false;
    if (q.exclude?.some((t) => w.tagIds.includes(t))) return false;
    if (q.complete !== undefined && w.complete !== q.complete) return false;
    if (q.crossover === "exclude" && w.fandomCount > 1) return false;
    if (q.crossover === "only" && w.fandomCount < 2) return false;
    if (q.language !== undefined && w.language !== q.language) return false;
    if (q.wordsFrom !== undefined && w.words < q.wordsFrom) return false;
    if (q.wordsTo !== undefined && w.words > q.wordsTo) return false;
    if (only && !only.has(w.id)) return false;
    return true;
  });
  const key = (w: IndexedWork): number | string => {
    switch (q.sort) {
      case "updated":
        return w.updatedAt;
      case "posted":
        return w.postedAt;
      case "title":
        return w.titleSort;
      case "creator":
        return w.creatorSort;
      case "words":
        return w.words;
      case "relevance":
        return 0;
      default:
        return w[q.sort];
    }
  };
  matches.sort((a, b) => {
    const ka = key(a);
    const kb = key(b);
    const order =
      typeof ka === "string" && typeof kb === "string"
        ? compareCodePoints(ka, kb)
        : ka < kb
          ? -1
          : ka > kb
            ? 1
            : 0;
    const c = order || a.id - b.id;
    return q.direction === "asc" ? c : -c;
  });
  const counts = new Map<number, number>();
  for (const w of matches) for (const t of new Set(w.tagIds)) counts.set(t, (counts.get(t) ?? 0) + 1);
  const facets = Object.fromEntries(
    FACET_TYPES.map((type) => [
      type,
      [...counts]
        .filter(([t]) => tagTypes.get(t) === type)
        .sort((a, b) => b[1] - a[1] || a[0] - b[0])
        .slice(0, q.facetLimit ?? 10)
        .map(([tagId, count]) => ({ tagId, count })),
    ]),
  );
  return { total: matches.length, ids: matches.slice(q.offset, q.offset + q.limit).map((w) => w.id), facets };
}

/**
 * Text-search hits as the engine gets them: in no order, with repeats and ids it does not hold.
 * Few or most of the works, so that both ways of meeting the result are taken.
 */
function randomHits(r: () => number, ids: number[]): number[] {
  const share = r() < 0.5 ? 0.02 : 0.9;
  const hits = ids.filter(() => r() < share);
  hits.push(999_999_999, ...hits.slice(0, 3));
  return hits.sort(() => r() - 0.5);
}

function randomQuery(r: () => number, pick: () => number, ids: number[] = []): EngineQuery {
  const onlyIds = ids.length && r() < 0.25 ? randomHits(r, ids) : undefined;
  const include = r() < 0.7 ? [pick()] : [];
  if (r() < 0.3) include.push(1 + Math.floor(r() * 5));
  if (r() < 0.2) include.push(pick());
  const exclude = r() < 0.4 ? [pick(), 6 + Math.floor(r() * 6)] : [];
  const sort = SORT_KEYS[Math.floor(r() * SORT_KEYS.length)]!;
  return {
    signedIn: r() < 0.5,
    include,
    exclude,
    complete: r() < 0.2 ? r() < 0.5 : undefined,
    crossover: r() < 0.2 ? (r() < 0.5 ? "exclude" : "only") : undefined,
    language: r() < 0.1 ? "zh" : undefined,
    wordsFrom: r() < 0.15 ? 10_000 : undefined,
    wordsTo: r() < 0.15 ? 30_000 : undefined,
    sort,
    direction: r() < 0.5 ? "asc" : "desc",
    offset: r() < 0.3 ? 20 * Math.floor(r() * 5) : 0,
    limit: 20,
    facets: true,
    ...(onlyIds ? { onlyIds } : {}),
  };
}

describe("tag engine", () => {
  for (const [seed, n, tagCount] of [
    [1, 300, 60],
    [2, 3000, 400],
    [3, 30_000, 3000],
  ] as const) {
    it(`answers like a naive filter on ${n} random works (seed ${seed})`, () => {
      const { tags, works, r, pick } = corpus(seed, n, tagCount);
      const engine = TagEngine.build(works, tags);
      const byId = new Map(works.map((w) => [w.id, w]));
      const types = new Map(tags.map((t) => [t.id, t.type]));
      const ids = works.map((w) => w.id);
      for (let i = 0; i < (n > 10_000 ? 25 : 60); i++) {
        const q = randomQuery(r, pick, ids);
        assert.deepEqual(engine.query(q), naive(byId, types, q), JSON.stringify(q));
      }
    });
  }

  it("builds from works in any order, leaving out tags newer than its tag list", () => {
    const { tags, works, r, pick } = corpus(5, 4000, 300);
    // A build folds chunks in the order its reader threads finish them; tags created after it read
    // the tag list come in the works' lists but are not indexed until the changes feed brings them.
    const known = tags.filter((t) => t.id <= 280);
    const shuffled = [...works].sort(() => r() - 0.5);
    const engine = TagEngine.build(shuffled, known);
    const byId = new Map(works.map((w) => [w.id, { ...w, tagIds: w.tagIds.filter((t) => t <= 280) }]));
    const types = new Map(known.map((t) => [t.id, t.type]));
    const ids = works.map((w) => w.id);
    for (let i = 0; i < 60; i++) {
      const q = randomQuery(r, pick, ids);
      assert.deepEqual(engine.query(q), naive(byId, types, q), JSON.stringify(q));
    }
  });

  it("stays exact through posts, edits and deletions", () => {
    const { tags, works, r, pick } = corpus(7, 5000, 500);
    const engine = TagEngine.build(works, tags);
    const byId = new Map(works.map((w) => [w.id, w]));
    const types = new Map(tags.map((t) => [t.id, t.type]));
    let nextId = 100_000;
    for (let round = 0; round < 40; round++) {
      for (let k = 0; k < 50; k++) {
        const roll = r();
        if (roll < 0.4) {
          const w = randomWork(r, nextId++, pick);
          byId.set(w.id, w);
          engine.upsert(w);
        } else if (roll < 0.8) {
          const ids = [...byId.keys()];
          const id = ids[Math.floor(r() * ids.length)]!;
          const w = { ...randomWork(r, id, pick), kudos: byId.get(id)!.kudos + 1 };
          byId.set(id, w);
          engine.upsert(w);
        } else {
          const ids = [...byId.keys()];
          const id = ids[Math.floor(r() * ids.length)]!;
          byId.delete(id);
          engine.remove(id);
        }
      }
      for (let i = 0; i < 5; i++) {
        const q = randomQuery(r, pick, [...byId.keys()]);
        assert.deepEqual(engine.query(q), naive(byId, types, q), `round ${round}: ${JSON.stringify(q)}`);
      }
    }
    assert.equal(engine.size, byId.size);
  });

  it("orders titles and creators set after the build among the built ones", () => {
    const { tags, works, r, pick } = corpus(11, 2000, 200);
    // Built keys are "k 000", "k 002", ...; later keys fall between them, on them, before the
    // first and after the last, and many later keys share a gap.
    const key = (n: number) => `k ${String(n).padStart(3, "0")}`;
    for (const w of works) {
      w.titleSort = key(2 * Math.floor(r() * 200));
      w.creatorSort = key(2 * Math.floor(r() * 20) + 100);
    }
    const engine = TagEngine.build(works, tags);
    const byId = new Map(works.map((w) => [w.id, w]));
    const types = new Map(tags.map((t) => [t.id, t.type]));
    const later = (w: IndexedWork): IndexedWork => ({
      ...w,
      titleSort: r() < 0.1 ? "a" : r() < 0.1 ? "z" : `${key(Math.floor(r() * 400))}${r() < 0.5 ? "" : "x"}`,
      creatorSort: r() < 0.1 ? "é" : key(Math.floor(r() * 160)),
    });
    for (let k = 0; k < 600; k++) {
      const w = later(r() < 0.5 ? randomWork(r, 100_000 + k, pick) : works[Math.floor(r() * works.length)]!);
      byId.set(w.id, w);
      engine.upsert(w);
    }
    for (const sort of ["title", "creator"] as const) {
      for (const direction of ["asc", "desc"] as const) {
        for (const offset of [0, 40, 1200]) {
          for (const include of [[], [pick()]]) {
            const q: EngineQuery = { signedIn: true, include, sort, direction, offset, limit: 20 };
            assert.deepEqual(engine.query(q).ids, naive(byId, types, q).ids, JSON.stringify(q));
          }
        }
      }
    }
  });

  it("caches the counts of an id list under its name, until the index changes", () => {
    const { tags, works, r, pick } = corpus(11, 2000, 200);
    const engine = TagEngine.build(works, tags);
    const byId = new Map(works.map((w) => [w.id, w]));
    const types = new Map(tags.map((t) => [t.id, t.type]));
    const ids = works.filter((_, i) => i % 3 === 0).map((w) => w.id);
    const q: EngineQuery = {
      ...randomQuery(r, pick),
      include: [],
      exclude: [],
      onlyIds: ids,
      onlyIdsKey: "text",
    };
    assert.deepEqual(engine.query(q), naive(byId, types, q));
    // The name promises the same ids while nothing changes: the counts come from the cache.
    const cached = engine.query({ ...q, onlyIds: ids.slice(0, 10) }).facets;
    assert.deepEqual(cached, naive(byId, types, q).facets);
    // Without a name, counted afresh.
    const fresh = { ...q, onlyIds: ids.slice(0, 10), onlyIdsKey: undefined };
    assert.deepEqual(engine.query(fresh).facets, naive(byId, types, fresh).facets);
    // A change moves the version on: the same name is counted again, the new work with it.
    const added = randomWork(r, 1_000_000, pick);
    engine.upsert(added);
    byId.set(added.id, added);
    const after = { ...q, onlyIds: [...ids, added.id] };
    assert.deepEqual(engine.query(after), naive(byId, types, after));
  });

  it("never shows restricted works to guests, in pages or counts", () => {
    const tags: TagInfo[] = [
      { id: 1, type: "rating" },
      { id: 2, type: "fandom" },
    ];
    const base = {
      complete: true,
      updatedAt: 1,
      postedAt: 1,
      words: 1,
      hits: 0,
      kudos: 0,
      comments: 0,
      bookmarks: 0,
    };
    const works: IndexedWork[] = [1, 2, 3].map((id) => ({
      ...base,
      id,
      restricted: id === 2,
      language: "en",
      titleSort: "t",
      creatorSort: "c",
      fandomCount: 1,
      tagIds: [1, 2],
    }));
    const engine = TagEngine.build(works, tags);
    const q: EngineQuery = {
      signedIn: false,
      sort: "updated",
      direction: "desc",
      offset: 0,
      limit: 20,
      facets: true,
    };
    const guest = engine.query(q);
    assert.deepEqual(guest.ids, [3, 1]);
    assert.deepEqual(guest.facets?.fandom, [{ tagId: 2, count: 2 }]);
    const member = engine.query({ ...q, signedIn: true });
    assert.deepEqual(member.ids, [3, 2, 1]);
    assert.deepEqual(member.facets?.fandom, [{ tagId: 2, count: 3 }]);
  });
});
