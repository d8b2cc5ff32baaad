// The demo's tags as a tag wrangler would have left them: canon fandoms, characters and
// relationships canonical and linked to their fandom, common freeforms canonical, a few synonyms
// and meta tags, and the writers' one-off tags left as typed.
import type { TagType } from "../db/types";
import { nameKey } from "../lib/text";
import type { Canon } from "./canon-types";
import { relationshipName } from "./canons";
import type { PlanWork } from "./plan";
import { COMMON_FREEFORMS, META_TAGS, SYNONYMS } from "./tags";

/** The tag types the migration seeds; the demo looks them up rather than creating them. */
export const FIXED_TYPES: TagType[] = ["rating", "warning", "category"];

export interface PlanTag {
  type: TagType;
  name: string;
  canonical: boolean;
  /** For a synonym: the name of the canonical tag (of the same type) it means. */
  synonymOf?: string;
}

export interface TagRef {
  type: TagType;
  name: string;
}

export interface Wrangling {
  tags: PlanTag[];
  /** Fandom -> character/relationship/freeform, character -> relationship. */
  parents: [TagRef, TagRef][];
  /** Meta tag -> sub-tag. */
  metas: [TagRef, TagRef][];
}

export function wrangle(canons: Canon[], works: PlanWork[]): Wrangling {
  const tags = new Map<string, PlanTag>();
  const add = (tag: PlanTag) => {
    const key = `${tag.type}\u0000${nameKey(tag.name)}`;
    if (!tags.has(key)) tags.set(key, tag);
  };
  const parents: [TagRef, TagRef][] = [];
  for (const canon of canons) {
    const fandom: TagRef = { type: "fandom", name: canon.fandom };
    add({ ...fandom, canonical: true });
    for (const c of canon.cast) {
      add({ type: "character", name: c.tag, canonical: true });
      parents.push([fandom, { type: "character", name: c.tag }]);
    }
    for (const p of canon.pairings) {
      const rel: TagRef = { type: "relationship", name: relationshipName(p.members, p.kind) };
      add({ ...rel, canonical: true });
      parents.push([fandom, rel]);
      for (const m of p.members) parents.push([{ type: "character", name: m }, rel]);
    }
    for (const f of canon.freeforms) {
      add({ type: "freeform", name: f, canonical: true });
      parents.push([fandom, { type: "freeform", name: f }]);
    }
  }
  for (const name of COMMON_FREEFORMS) add({ type: "freeform", name, canonical: true });
  const metas: [TagRef, TagRef][] = [];
  for (const [meta, subs] of Object.entries(META_TAGS)) {
    add({ type: "freeform", name: meta, canonical: true });
    for (const sub of subs) {
      add({ type: "freeform", name: sub, canonical: true });
      metas.push([
        { type: "freeform", name: meta },
        { type: "freeform", name: sub },
      ]);
    }
  }
  for (const [name, [type, canonical]] of Object.entries(SYNONYMS)) {
    add({ type: type as TagType, name, canonical: false, synonymOf: canonical });
  }
  // What is left is what writers typed themselves: crossover pairings, one-off freeforms.
  for (const work of works) {
    for (const t of work.tags) if (!FIXED_TYPES.includes(t.type)) add({ ...t, canonical: false });
  }
  return { tags: [...tags.values()], parents: dedupe(parents), metas };
}

function dedupe(links: [TagRef, TagRef][]): [TagRef, TagRef][] {
  const seen = new Set<string>();
  return links.filter(([p, c]) => {
    const key = `${p.type}\u0000${p.name}\u0000${c.type}\u0000${c.name}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
