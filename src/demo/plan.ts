// The whole demo archive as plain data, computed from a seed and "now" before anything is written:
// the same seed always gives the same works, titles and text.
import type { TagType } from "../db/types";
import type { SafeHtml } from "../lib/sanitize";
import { toSafeHtml } from "../lib/text";
import { countWords } from "../lib/wordcount";
import type { Canon, Vocabulary } from "./canon-types";
import type { Grammar, Lang } from "./grammar";
import { SPANISH, SPANISH_CANONS } from "./local-es";
import { RUSSIAN, RUSSIAN_CANONS } from "./local-ru";
import { CHINESE, CHINESE_CANONS } from "./local-zh";
import { PEOPLE } from "./people";
import { ENGLISH } from "./phrases-en";
import { type Person, type Voice, Writer } from "./prose";
import { Rng } from "./random";
import { type Credit, specifyWorks, type WorkSpec } from "./spec";
import { ALTERNATE_UNIVERSES } from "./tags";

const DAY = 86_400_000;
const HOUR = 3_600_000;
/** How far back the demo archive's history reaches. */
const SPAN = 730 * DAY;

export interface PlanChapter {
  position: number;
  title: string;
  notes: SafeHtml;
  body: SafeHtml;
  wordCount: number;
  posted: boolean;
  createdAt: number;
  postedAt: number | null;
}

export interface PlanWork {
  title: string;
  summary: SafeHtml;
  notes: SafeHtml;
  endNotes: SafeHtml;
  language: Lang;
  complete: boolean;
  expectedChapters: number | null;
  restricted: boolean;
  anonymous: boolean;
  posted: boolean;
  createdAt: number;
  postedAt: number | null;
  updatedAt: number;
  wordCount: number;
  chapterCount: number;
  hits: number;
  kudos: number;
  chapters: PlanChapter[];
  creators: Credit[];
  tags: { type: TagType; name: string }[];
}

export interface PlanUser {
  login: string;
  pseuds: string[];
  /** The default pseud's description. */
  about: string;
  createdAt: number;
}

export interface DemoPlan {
  users: PlanUser[];
  /** Oldest first, so work ids grow with time as in a real archive. */
  works: PlanWork[];
}

const GRAMMARS: Record<Lang, Grammar> = { en: ENGLISH, zh: CHINESE, ru: RUSSIAN, es: SPANISH };
const LOCAL: Record<Exclude<Lang, "en">, Record<string, Vocabulary>> = {
  zh: CHINESE_CANONS,
  ru: RUSSIAN_CANONS,
  es: SPANISH_CANONS,
};

export function planDemo(seed: number, now: number, workCount = 300): DemoPlan {
  const rng = new Rng(seed);
  const specs = specifyWorks(rng.fork("specs"), workCount);
  const titles = new Set<string>();
  const works = specs.map((spec, i) => writeWork(spec, rng.fork(`work ${i}`), now, titles));
  works.sort((a, b) => a.createdAt - b.createdAt);
  const firstWork = new Map<string, number>();
  for (const w of works) {
    for (const c of w.creators) if (!firstWork.has(c.login)) firstWork.set(c.login, w.createdAt);
  }
  const people = rng.fork("people");
  const users = PEOPLE.map((p) => ({
    login: p.login,
    pseuds: p.pseuds,
    about: p.about,
    createdAt: (firstWork.get(p.login) ?? now - 30 * DAY) - people.int(3, 200) * DAY,
  }));
  return { users, works };
}

function writeWork(spec: WorkSpec, rng: Rng, now: number, titles: Set<string>): PlanWork {
  const writer = new Writer(voiceOf(spec), rng);
  const format = spec.html ? "html" : "plain";
  let title = writer.title();
  for (let tries = 0; tries < 8 && titles.has(title); tries++) title = writer.title();
  titles.add(title);

  const dates = chapterDates(spec, rng, now);
  const multi = spec.chapterWords.length > 1 || spec.expected !== 1;
  const titled = multi && rng.chance(0.5);
  const counter = spec.lang === "zh" ? countWords : countByWords;
  const chapters: PlanChapter[] = spec.chapterWords.map((target, i) => {
    const text = writer.chapter(target, counter);
    const posted = i < spec.posted;
    return {
      position: i + 1,
      title: titled ? writer.chapterTitle() : "",
      notes: i > 0 && rng.chance(0.2) ? toSafeHtml(writer.chapterNote(), format) : ("" as SafeHtml),
      body: toSafeHtml(text.text, format),
      wordCount: text.words,
      posted,
      createdAt: dates[i]!,
      postedAt: posted ? dates[i]! : null,
    };
  });
  const posted = chapters.filter((c) => c.posted);
  const wordCount = posted.reduce((sum, c) => sum + c.wordCount, 0);
  const createdAt = dates[0]! - rng.int(1, 72) * HOUR;
  const postedAt = spec.draft ? null : dates[0]!;
  const updatedAt = spec.draft ? dates[dates.length - 1]! : posted[posted.length - 1]!.createdAt;
  const written = spec.draft ? spec.chapterWords.length : spec.posted;
  const complete = spec.expected !== null && spec.expected === written;
  const age = (now - createdAt) / DAY;
  const kudos = spec.draft ? 0 : popularity(spec, rng, age, wordCount);
  return {
    title,
    summary: toSafeHtml(writer.summary(), format),
    notes: rng.chance(0.4) ? toSafeHtml(writer.note(), format) : ("" as SafeHtml),
    endNotes: rng.chance(0.35) ? toSafeHtml(writer.endNote(), format) : ("" as SafeHtml),
    language: spec.lang,
    complete,
    expectedChapters: spec.expected,
    restricted: spec.restricted,
    anonymous: spec.anonymous,
    posted: !spec.draft,
    createdAt,
    postedAt,
    updatedAt,
    wordCount,
    chapterCount: posted.length,
    hits: spec.draft ? 0 : kudos * rng.int(8, 25) + rng.int(10, 150) * posted.length,
    kudos,
    chapters,
    creators: spec.creators,
    tags: [
      { type: "rating", name: spec.rating },
      ...spec.warnings.map((name) => ({ type: "warning" as const, name })),
      ...spec.categories.map((name) => ({ type: "category" as const, name })),
      ...spec.canons.map((c) => ({ type: "fandom" as const, name: c.fandom })),
      ...spec.relationships.map((r) => ({ type: "relationship" as const, name: r.name })),
      ...spec.characters.map((c) => ({ type: "character" as const, name: c.tag })),
      ...spec.freeforms.map((name) => ({ type: "freeform" as const, name })),
    ],
  };
}

/** The words, names and grammar a work is written in. */
function voiceOf(spec: WorkSpec): Voice {
  const grammar = GRAMMARS[spec.lang];
  const vocabulary = spec.lang === "en" ? englishVocabulary(spec) : LOCAL[spec.lang][spec.canons[0]!.key]!;
  const cast: Person[] = spec.characters.map((c) => ({
    name: vocabulary.names?.[c.tag] ?? c.short,
    gender: c.gender,
  }));
  const avoid = spec.au ? undefined : spec.canons.find((c) => c.avoid)?.avoid;
  return { grammar, vocabulary, avoid, cast, html: spec.html };
}

function englishVocabulary(spec: WorkSpec): Vocabulary {
  if (spec.au) {
    const au = ALTERNATE_UNIVERSES[spec.au]!;
    // The canon's own lines and title words still fit; its places and set pieces do not.
    const canon = spec.canons[0]!.en;
    return {
      ...au,
      lines: [...au.lines, ...canon.lines],
      titleWords: [...au.titleWords, ...canon.titleWords],
    };
  }
  const parts = spec.canons.map((c: Canon) => c.en);
  const join = (key: Exclude<keyof Vocabulary, "names">) => parts.flatMap((p) => p[key]);
  return {
    places: join("places"),
    objects: join("objects"),
    settings: join("settings"),
    sentences: join("sentences"),
    lines: join("lines"),
    titleWords: join("titleWords"),
    hooks: join("hooks"),
  };
}

/** When each chapter was written (drafts) or posted: ascending, all within the last two years. */
function chapterDates(spec: WorkSpec, rng: Rng, now: number): number[] {
  const n = spec.chapterWords.length;
  const gaps = Array.from({ length: n - 1 }, () => rng.int(1, 24) * DAY + rng.int(0, 23) * HOUR);
  let span = gaps.reduce((a, b) => a + b, 0);
  // Drafts are recent; posted works spread over the whole span, a little more of them lately.
  const back = spec.draft ? rng.int(2, 150) * DAY : Math.max(span + DAY, SPAN * rng.next() ** 1.2);
  const latest = now - HOUR;
  if (span > back - HOUR) {
    const scale = (back - HOUR) / span;
    for (let i = 0; i < gaps.length; i++) gaps[i] = Math.max(HOUR, Math.floor(gaps[i]! * scale));
    span = gaps.reduce((a, b) => a + b, 0);
  }
  const dates = [Math.min(latest - span, now - Math.floor(back))];
  for (const gap of gaps) dates.push(dates[dates.length - 1]! + gap);
  return dates.map((d) => Math.floor(d / 1000) * 1000);
}

function popularity(spec: WorkSpec, rng: Rng, ageDays: number, words: number): number {
  const base =
    rng.logNormal(18, 1.0) * (0.4 + Math.min(1, ageDays / 180)) * (0.6 + Math.min(1, words / 5000));
  const weight = spec.canons[0]!.weight / 10;
  return Math.max(0, Math.round(base * weight * (spec.restricted ? 0.5 : 1)));
}

const tokenWords = new Map<string, number>();

/**
 * countWords, one space-separated token at a time and remembered: white space always separates
 * words, so the sum is what countWords gives for the whole text, and the demo's few thousand
 * distinct tokens are segmented once each instead of every time they appear.
 */
function countByWords(text: string): number {
  let n = 0;
  for (const token of text.split(/\s+/)) {
    if (token === "") continue;
    let words = tokenWords.get(token);
    if (words === undefined) {
      words = countWords(token);
      tokenWords.set(token, words);
    }
    n += words;
  }
  return n;
}
