// What each demo work is, before any prose is written: canons, language, creators, tags and the
// flags (draft, restricted, anonymous, in progress). The mix roughly follows the shape of a
// real archive (ARCHITECTURE.md, "The shape of a real archive").

import type { Canon, Character, Pairing } from "./canon-types";
import { CANONS, CROSSOVERS, canonByKey, relationshipName } from "./canons";
import type { Lang } from "./grammar";
import { SPANISH_CANONS } from "./local-es";
import { RUSSIAN_CANONS } from "./local-ru";
import { CHINESE_CANONS } from "./local-zh";
import { DEMO_LOGIN, type DemoPerson, PEOPLE } from "./people";
import type { Rng } from "./random";
import { ALTERNATE_UNIVERSES, COMMON_FREEFORMS, LOCAL_FREEFORMS, RARE_FREEFORMS, SYNONYMS } from "./tags";

export interface Credit {
  login: string;
  pseud: string;
  approved: boolean;
}

export interface Relationship {
  name: string;
  members: Character[];
  kind: "/" | "&";
}

export interface WorkSpec {
  lang: Lang;
  canons: Canon[];
  creators: Credit[];
  rating: string;
  warnings: string[];
  categories: string[];
  relationships: Relationship[];
  /** The main pair first. */
  characters: Character[];
  /** As the writer typed them (sometimes a synonym). */
  freeforms: string[];
  /** The alternate universe that replaces the canon's places, if any. */
  au: string | null;
  restricted: boolean;
  anonymous: boolean;
  draft: boolean;
  /** Target words of each chapter written (posted ones first, then drafts). */
  chapterWords: number[];
  posted: number;
  expected: number | null;
  html: boolean;
}

export const LOCAL_CANONS: Record<Exclude<Lang, "en">, Record<string, unknown>> = {
  zh: CHINESE_CANONS,
  ru: RUSSIAN_CANONS,
  es: SPANISH_CANONS,
};

const RATINGS: [string, number][] = [
  ["General Audiences", 29],
  ["Teen And Up Audiences", 31],
  ["Mature", 16],
  ["Explicit", 13],
  ["Not Rated", 11],
];
const GENTLE_RATINGS: [string, number][] = [
  ["General Audiences", 60],
  ["Teen And Up Audiences", 35],
  ["Not Rated", 5],
];
// The demo leaves out the two rarest warnings: its generated prose never needs them.
const WARNINGS: [string, number][] = [
  ["No Archive Warnings Apply", 56],
  ["Creator Chose Not To Use Archive Warnings", 35],
  ["Graphic Depictions Of Violence", 7],
  ["Major Character Death", 5],
];

export function specifyWorks(rng: Rng, count: number): WorkSpec[] {
  const specs = Array.from({ length: count }, () => specifyWork(rng));
  enforceSpecialCases(rng, specs);
  return specs;
}

function specifyWork(rng: Rng): WorkSpec {
  const lang = rng.weighted<Lang>([
    ["en", 90],
    ["zh", 5],
    ["ru", 3],
    ["es", 2],
  ]);
  const canons = pickCanons(rng, lang);
  const creator = pickCreator(rng, canons[0]!, lang);
  const relationships = pickRelationships(rng, canons);
  const characters = pickCharacters(rng, canons, relationships);
  const gentle = canons.some((c) => c.gentle);
  const rating = rng.weighted(gentle ? GENTLE_RATINGS : RATINGS);
  const freeforms = pickFreeforms(rng, canons, lang);
  const au = lang === "en" ? (freeforms.find((f) => f in ALTERNATE_UNIVERSES) ?? null) : null;
  const multi = rng.chance(0.2);
  const spec: WorkSpec = {
    lang,
    canons,
    creators: [{ login: creator.login, pseud: pickPseud(rng, creator), approved: true }],
    rating,
    warnings: pickWarnings(rng, gentle),
    categories: categoriesOf(rng, relationships),
    relationships,
    characters,
    freeforms,
    au,
    restricted: rng.chance(0.03),
    anonymous: rng.chance(0.015),
    draft: false,
    chapterWords: [],
    posted: 1,
    expected: 1,
    html: rng.chance(0.35),
  };
  if (multi) makeMultiChapter(rng, spec);
  else {
    spec.chapterWords = [clamp(Math.round(rng.logNormal(1500, 0.75)), 320, 7600)];
    if (rng.chance(0.03)) spec.expected = null;
  }
  if (lang === "en" && rng.chance(0.035)) addCoCreator(rng, spec);
  return spec;
}

function makeMultiChapter(rng: Rng, spec: WorkSpec): void {
  const planned = rng.weighted([2, 3, 4, 5, 6, 7, 8, 10, 12].map((n) => [n, 12 / n] as const));
  const inProgress = rng.chance(0.45);
  spec.posted = inProgress ? rng.int(Math.min(2, planned - 1), planned - 1) : planned;
  spec.expected = inProgress && rng.chance(0.4) ? null : planned;
  const total = clamp(Math.round(rng.logNormal(4200, 0.5)), 250 * spec.posted + 200, 7600);
  const shares = Array.from({ length: spec.posted }, () => 0.6 + rng.next());
  const sum = shares.reduce((a, b) => a + b, 0);
  spec.chapterWords = shares.map((s) => Math.max(250, Math.round((total * s) / sum)));
  // Some writers keep the next chapter as a draft while the work is in progress.
  if (inProgress && rng.chance(0.35)) spec.chapterWords.push(rng.int(300, 1400));
}

function pickCanons(rng: Rng, lang: Lang): Canon[] {
  if (lang !== "en") {
    const local = LOCAL_CANONS[lang];
    return [rng.weighted(CANONS.filter((c) => c.key in local).map((c) => [c, c.weight] as const))];
  }
  const first = rng.weighted(CANONS.map((c) => [c, c.weight] as const));
  if (!rng.chance(0.07)) return [first];
  const options = CROSSOVERS.filter((pair) => pair.includes(first.key));
  if (options.length === 0) return [first];
  const pair = rng.pick(options);
  return [first, canonByKey(pair[0] === first.key ? pair[1] : pair[0])];
}

function pickCreator(rng: Rng, canon: Canon, lang: Lang): DemoPerson {
  if (lang !== "en") return PEOPLE.find((p) => p.language === lang)!;
  return rng.weighted(
    PEOPLE.map((p) => {
      const rank = p.canons.indexOf(canon.key);
      const affinity = rank < 0 ? 0.15 : ([6, 3, 2][rank] ?? 1);
      // The demo account is the visitor's: it holds a handful of works, not a share of hundreds.
      const scale = p.login === DEMO_LOGIN ? 0.1 : p.language ? 0.4 : 1;
      return [p, affinity * scale] as const;
    }),
  );
}

function pickPseud(rng: Rng, person: DemoPerson): string {
  return person.pseuds.length > 1 && rng.chance(0.35) ? rng.pick(person.pseuds.slice(1)) : person.pseuds[0]!;
}

function addCoCreator(rng: Rng, spec: WorkSpec): void {
  const taken = new Set(spec.creators.map((c) => c.login));
  const candidates = PEOPLE.filter(
    (p) => !taken.has(p.login) && p.login !== DEMO_LOGIN && p.canons.includes(spec.canons[0]!.key),
  );
  const person = candidates.length ? rng.pick(candidates) : PEOPLE.find((p) => !taken.has(p.login))!;
  spec.creators.push({ login: person.login, pseud: pickPseud(rng, person), approved: true });
}

function pickRelationships(rng: Rng, canons: Canon[]): Relationship[] {
  const count = rng.weighted([
    [0, 15],
    [1, 55],
    [2, 22],
    [3, 8],
  ]);
  const out: Relationship[] = [];
  if (canons.length > 1 && rng.chance(0.6)) {
    const a = rng.pick(canons[0]!.cast.slice(0, 3));
    const b = rng.pick(canons[1]!.cast.slice(0, 3));
    const kind = rng.chance(0.5) ? "/" : "&";
    out.push({ name: relationshipName([a.tag, b.tag], kind), members: [a, b], kind });
  }
  const pool: [Pairing, Canon][] = canons.flatMap((c) => c.pairings.map((p) => [p, c] as [Pairing, Canon]));
  for (let tries = 0; out.length < count && tries < 10; tries++) {
    const [pairing, canon] = rng.weighted(pool.map((entry) => [entry, entry[0].weight] as const));
    const name = relationshipName(pairing.members, pairing.kind);
    if (out.some((r) => r.name === name)) continue;
    const members = pairing.members.map((tag) => canon.cast.find((c) => c.tag === tag)!);
    out.push({ name, members: rng.chance(0.5) ? members : [...members].reverse(), kind: pairing.kind });
  }
  return out;
}

function pickCharacters(rng: Rng, canons: Canon[], relationships: Relationship[]): Character[] {
  const chosen: Character[] = [];
  const add = (c: Character) => {
    if (!chosen.includes(c)) chosen.push(c);
  };
  for (const r of relationships) for (const m of r.members) add(m);
  const cast = canons.flatMap((c) => c.cast);
  // Without a relationship, a work still centres on two characters, usually the leads.
  while (chosen.length < 2) add(rng.weighted(cast.map((c, i) => [c, 1 / (1 + (i % 12))] as const)));
  const extra = rng.int(0, 3);
  for (let i = 0; i < extra; i++) add(rng.pick(cast));
  return chosen;
}

function categoriesOf(rng: Rng, relationships: Relationship[]): string[] {
  const found = new Set<string>();
  for (const r of relationships) {
    if (r.kind !== "/") continue;
    const genders = r.members.map((m) => m.gender);
    if (genders.includes("n")) found.add("Other");
    else if (r.members.length > 2 && new Set(genders).size > 1) found.add("Multi");
    else if (genders.every((g) => g === "m")) found.add("M/M");
    else if (genders.every((g) => g === "f")) found.add("F/F");
    else found.add("F/M");
  }
  if (found.size === 0 || (relationships.some((r) => r.kind === "&") && rng.chance(0.15))) found.add("Gen");
  if (rng.chance(0.02)) found.add("Other");
  return [...found];
}

function pickWarnings(rng: Rng, gentle: boolean): string[] {
  const first = gentle ? rng.weighted(WARNINGS.slice(0, 2)) : rng.weighted(WARNINGS);
  if (first === "Graphic Depictions Of Violence" && rng.chance(0.3)) return [first, "Major Character Death"];
  return [first];
}

function pickFreeforms(rng: Rng, canons: Canon[], lang: Lang): string[] {
  const out = new Set<string>();
  for (const canon of canons) {
    for (const tag of canon.freeforms) if (rng.chance(0.18)) out.add(tag);
  }
  const common = rng.int(1, 8);
  for (let i = 0; i < common; i++) {
    // Squaring the draw favours the head of the list: a few tags are everywhere, most are rare.
    out.add(COMMON_FREEFORMS[Math.floor(COMMON_FREEFORMS.length * rng.next() ** 2.2)]!);
  }
  if (rng.chance(0.12)) out.add(rng.pick(RARE_FREEFORMS));
  if (lang !== "en" && rng.chance(0.6)) out.add(rng.pick(LOCAL_FREEFORMS[lang]!));
  // Only one alternate universe a work.
  const aus = [...out].filter((t) => t.startsWith("Alternate Universe"));
  for (const extra of aus.slice(1)) out.delete(extra);
  // A writer sometimes types a synonym instead of the canonical name.
  return [...out].map((tag) => {
    const synonym = Object.entries(SYNONYMS).find(
      ([, [type, canonical]]) => type === "freeform" && canonical === tag,
    );
    return synonym && rng.chance(0.2) ? synonym[0] : tag;
  });
}

/** Makes sure the demo holds every case a visitor or a test should find, whatever the draws. */
function enforceSpecialCases(rng: Rng, specs: WorkSpec[]): void {
  const english = specs.filter((s) => s.lang === "en" && s.creators.length === 1 && s.canons.length === 1);
  const demoPerson = PEOPLE.find((p) => p.login === DEMO_LOGIN)!;
  // The demo account: a few works of its own, one of them a draft, one co-created.
  const demoWorks = specs.filter((s) => s.creators.some((c) => c.login === DEMO_LOGIN));
  for (const s of english.filter((s) => demoPerson.canons.includes(s.canons[0]!.key))) {
    if (demoWorks.length >= 5) break;
    if (demoWorks.includes(s)) continue;
    s.creators = [{ login: DEMO_LOGIN, pseud: pickPseud(rng, demoPerson), approved: true }];
    demoWorks.push(s);
  }
  makeDraft(rng, demoWorks[demoWorks.length - 1]!);
  const ensure = (n: number, has: (s: WorkSpec) => boolean, apply: (s: WorkSpec) => void) => {
    const candidates = rng.shuffle(english.filter((s) => !has(s) && !s.draft));
    for (let have = specs.filter(has).length; have < n && candidates.length; have++) apply(candidates.pop()!);
  };
  ensure(
    4,
    (s) => s.draft,
    (s) => makeDraft(rng, s),
  );
  ensure(
    6,
    (s) => s.restricted,
    (s) => (s.restricted = true),
  );
  ensure(
    4,
    (s) => s.anonymous,
    (s) => (s.anonymous = true),
  );
  ensure(
    4,
    (s) => s.creators.length > 1,
    (s) => addCoCreator(rng, s),
  );
  ensure(
    3,
    (s) => s.chapterWords.length > s.posted && !s.draft,
    (s) => {
      makeMultiChapter(rng, s);
      if (s.chapterWords.length === s.posted) s.chapterWords.push(rng.int(300, 1200));
      if (s.expected === s.posted) s.expected = null;
    },
  );
  // The visitor's account co-created one work and has an invitation waiting on another.
  const shared = specs.find((s) => s.creators.length > 1 && !s.draft && !s.anonymous)!;
  if (!shared.creators.some((c) => c.login === DEMO_LOGIN)) {
    shared.creators.push({ login: DEMO_LOGIN, pseud: demoPerson.pseuds[0]!, approved: true });
  }
  const invitation = english.find((s) => !s.draft && !s.creators.some((c) => c.login === DEMO_LOGIN))!;
  invitation.creators.push({ login: DEMO_LOGIN, pseud: demoPerson.pseuds[1]!, approved: false });
}

function makeDraft(rng: Rng, spec: WorkSpec): void {
  spec.draft = true;
  spec.posted = 0;
  if (spec.chapterWords.length > 3) spec.chapterWords = spec.chapterWords.slice(0, rng.int(1, 3));
  if (spec.expected !== null) spec.expected = Math.max(spec.expected, spec.chapterWords.length);
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, n));
}
