// The shapes of the demo's canon data (see canons.ts).

export type Gender = "m" | "f" | "n";

/** A character as the archive tags them (`tag`) and as the prose names them (`short`). */
export interface Character {
  tag: string;
  short: string;
  gender: Gender;
}

/** `/` romantic, `&` platonic; members are character tags; weight is how often writers pick it. */
export interface Pairing {
  members: string[];
  kind: "/" | "&";
  weight: number;
}

/** The words a canon's prose is made of, in one language. */
export interface Vocabulary {
  /** Character tag -> name in this language's prose. */
  names?: Record<string, string>;
  /** Places as the grammar's templates expect them (English: "the sitting room at Baker Street"). */
  places: string[];
  /** Objects; English ones take "the", Russian ones are "nominative|accusative". */
  objects: string[];
  /** Short place names for titles and summaries ("Baker Street"). */
  settings: string[];
  /** Canon-flavoured narrative sentences (templates). */
  sentences: string[];
  /** Canon-flavoured dialogue lines. */
  lines: string[];
  /** Title nouns, capitalised as titles want them. */
  titleWords: string[];
  /** Summary openings (templates). */
  hooks: string[];
}

export interface Canon {
  key: string;
  /** The fandom tag. */
  fandom: string;
  /** Share of the archive's works. */
  weight: number;
  cast: Character[];
  pairings: Pairing[];
  /** Freeform tags that belong to this canon (tagged more often on its works). */
  freeforms: string[];
  /** Generic sentences to skip because they name things the canon's world lacks (clocks in Ithaca). */
  avoid?: RegExp;
  /** Works stay General or Teen (a cast of children and small animals). */
  gentle?: boolean;
  en: Vocabulary;
}

/** A pairing, written compactly in the canon files. */
export function pair(kind: "/" | "&", weight: number, ...members: string[]): Pairing {
  return { members, kind, weight };
}

/** A character, written compactly in the canon files. */
export function ch(tag: string, short: string, gender: Gender): Character {
  return { tag, short, gender };
}
