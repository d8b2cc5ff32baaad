import type { Gender } from "./canon-types";
import type { Rng } from "./random";

export type Lang = "en" | "zh" | "ru" | "es";

/**
 * What the prose generator needs to write in one language. Templates name their slots in braces:
 * `{A}` and `{B}` are the scene's characters (`{S}` the speaker of a line), `{A:his}` a form that
 * agrees with A's gender (see `forms`; a capitalised key capitalises the form), and `{place}`,
 * `{object}`, `{setting}`, `{time}`, `{weather}`, `{sound}`, `{feeling}`, `{T}` come from the lists.
 * `*word*` marks emphasis: italics in HTML works, plain elsewhere.
 */
export interface Grammar {
  lang: Lang;
  /** Gender-agreeing forms: English he/him/his/himself, Russian verb endings, Spanish o/a… */
  forms: Record<Gender, Record<string, string>>;
  narrative: string[];
  /** Short actions that follow a line of dialogue. */
  beats: string[];
  lines: string[];
  /** Inner thoughts, set in italics. */
  thoughts: string[];
  /** A line of dialogue attributed to `{S}`, in the language's own punctuation. */
  say(line: string, rng: Rng): string;
  /** The same, followed by a beat. */
  sayThenBeat(line: string, beat: string): string;
  /** A thought attributed to `{A}`. */
  think(thought: string): string;
  /** Extra sentences put together from parts, for variety (may return null). */
  compose?(rng: Rng): string | null;
  times: string[];
  weathers: string[];
  sounds: string[];
  feelings: string[];
  /** Title adjectives for `{Adj}`. */
  adjectives: string[];
  titles: string[];
  summaries: string[];
  summaryTails: string[];
  notes: string[];
  endNotes: string[];
  chapterTitles: string[];
  /** Chapter notes that sometimes open a chapter. */
  chapterNotes: string[];
}

/** Capitalises the first letter of a sentence (a no-op for Chinese). */
export function capitalize(text: string): string {
  const i = text.search(/\p{L}/u);
  if (i < 0) return text;
  return text.slice(0, i) + text.charAt(i).toUpperCase() + text.slice(i + 1);
}
