// The benchmark's query mix, chosen from the corpus itself so that any N and seed work.
import { type Kysely, sql } from "kysely";
import type { Database } from "../src/db/types";
import type { TagEngine } from "../src/tagengine/core/engine";
import type { EngineQuery, SortKey } from "../src/tagengine/core/types";
import { Alias, rng, weighted } from "./random";

export interface NamedQuery {
  key: string;
  label: string;
  q: EngineQuery;
  /** A word to search for first: the listing is then limited to its hits. */
  text?: string;
}

const base = { signedIn: false, direction: "desc", offset: 0, limit: 20, facets: true } as const;

/** Queries (a)–(e) of the benchmark. */
export async function namedQueries(
  engine: TagEngine,
  db: Kysely<Database>,
  word: string,
): Promise<NamedQuery[]> {
  // Fandoms by size, meta fandoms left out (they are the sum of others).
  const fandoms = await sql<{
    id: number;
  }>`select t.id from filter_tag_counts c join tags t on t.id = c.tag_id
    where t.type = 'fandom' and not exists (select 1 from meta_tags m where m.meta_id = t.id)
    order by c.n desc, t.id limit 2`.execute(db);
  const [biggest, second] = fandoms.rows.map((r) => Number(r.id)) as [number, number];
  const rare = await sql<{ id: number }>`select t.id from filter_tag_counts c join tags t on t.id = c.tag_id
    where t.type = 'character' and c.n between 5 and 20 order by t.id limit 1`.execute(db);
  const death = await db
    .selectFrom("tags")
    .select("id")
    .where("type", "=", "warning")
    .where("name", "=", "Major Character Death")
    .executeTakeFirstOrThrow();
  // (b): the second fandom's top relationship and most common rating, without its top freeform
  // and without major character death.
  const sidebar = engine.query({ ...base, include: [second], sort: "updated", limit: 0 }).facets!;
  const b: EngineQuery = {
    ...base,
    include: [second, sidebar.relationship[0]!.tagId, sidebar.rating[0]!.tagId],
    exclude: [sidebar.freeform[0]!.tagId, death.id],
    sort: "kudos",
  };
  return [
    {
      key: "a",
      label: "biggest fandom, by date updated",
      q: { ...base, include: [biggest], sort: "updated" },
    },
    { key: "b", label: "fandom + relationship + rating - 2 tags, by kudos", q: b },
    {
      key: "c",
      label: "biggest fandom, page 50",
      q: { ...base, include: [biggest], sort: "updated", offset: 49 * 20 },
    },
    {
      key: "d",
      label: `text "${word}" + biggest fandom`,
      q: { ...base, include: [biggest], sort: "updated" },
      text: word,
    },
    {
      key: "e",
      label: "a rare character tag",
      q: { ...base, include: [Number(rare.rows[0]?.id ?? biggest)], sort: "updated" },
    },
  ];
}

const MIX_SORTS: [SortKey, number][] = [
  ["updated", 70],
  ["kudos", 12],
  ["hits", 6],
  ["words", 6],
  ["title", 6],
];

/** Fandom pages drawn as readers ask for them: by the fandom's size, mostly page 1, by date. */
export function popularMix(engine: TagEngine, seed: number, count: number): EngineQuery[] {
  const r = rng(seed * 977 + 3);
  const fandoms: number[] = [];
  const weights: number[] = [];
  for (let t = 1; t < engine.tagType.length; t++) {
    if (engine.typeOf(t) !== "fandom") continue;
    const n = engine.postings.count(t);
    if (n === 0) continue;
    fandoms.push(t);
    weights.push(n);
  }
  const alias = new Alias(weights);
  const sorts = MIX_SORTS.map(([, w]) => w);
  const out: EngineQuery[] = [];
  for (let i = 0; i < count; i++) {
    out.push({
      ...base,
      signedIn: r() < 0.5,
      include: [fandoms[alias.draw(r)]!],
      sort: MIX_SORTS[weighted(r, sorts)]![0],
      offset: r() < 0.85 ? 0 : 20 * (1 + Math.floor(r() * 4)),
    });
  }
  return out;
}
