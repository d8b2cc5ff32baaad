// The demo's prose generator: fills sentence templates (grammar.ts) with a work's cast and its
// canon's vocabulary, and strings them into paragraphs, scenes and chapters of a target length.
import { escapeHtml } from "../lib/sanitize";
import type { Gender, Vocabulary } from "./canon-types";
import { capitalize, type Grammar } from "./grammar";
import type { Rng } from "./random";

export interface Person {
  /** The name as the prose writes it. */
  name: string;
  gender: Gender;
}

/** Everything a work's prose is made from. */
export interface Voice {
  grammar: Grammar;
  vocabulary: Vocabulary;
  /** Generic sentences to leave out (things the canon's world lacks). */
  avoid?: RegExp;
  /** The main pair first, then the rest of the work's cast. */
  cast: Person[];
  /** HTML works get italics for emphasis and thoughts; plain ones do not. */
  html: boolean;
}

type Roles = Partial<Record<"A" | "B" | "S", Person>>;

const SLOT = /\{([A-Za-z]+\d?)(?::([A-Za-z]+))?\}/g;
const SCENE_BREAK = "* * *";

export class Writer {
  private readonly narrative: string[];
  private readonly decks = new Map<readonly string[], string[]>();

  constructor(
    private readonly voice: Voice,
    private readonly rng: Rng,
  ) {
    const avoid = voice.avoid;
    this.narrative = avoid ? voice.grammar.narrative.filter((t) => !avoid.test(t)) : voice.grammar.narrative;
  }

  /** A work title. */
  title(): string {
    const { grammar } = this.voice;
    const template = this.rng.chance(0.12) ? "{T}" : this.rng.pick(grammar.titles);
    const title = capitalize(this.fill(template, this.pair()));
    // Some writers title in lower case on purpose.
    return grammar.lang === "en" && this.rng.chance(0.06) ? title.toLowerCase() : title;
  }

  /** A work summary, as plain text. */
  summary(): string {
    const { grammar, vocabulary } = this.voice;
    const pool = this.rng.chance(0.5) && vocabulary.hooks.length ? vocabulary.hooks : grammar.summaries;
    let text = this.fill(this.rng.pick(pool), this.pair());
    if (this.rng.chance(0.3)) text += ` ${this.rng.pick(grammar.summaryTails)}`;
    return this.finish(text);
  }

  note(): string {
    return this.finish(this.fill(this.rng.pick(this.voice.grammar.notes), this.pair()));
  }

  endNote(): string {
    return this.finish(this.fill(this.rng.pick(this.voice.grammar.endNotes), this.pair()));
  }

  chapterTitle(): string {
    return capitalize(this.fill(this.rng.pick(this.voice.grammar.chapterTitles), this.pair()));
  }

  chapterNote(): string {
    return this.finish(this.rng.pick(this.voice.grammar.chapterNotes));
  }

  /**
   * A chapter of about `targetWords` words: plain text (paragraphs split by blank lines) or, for
   * HTML works, `<p>` paragraphs with `<em>` for emphasis and thoughts. `words` is the sum of
   * `countWords` over the paragraphs, which is the count of the whole (markup separates words).
   */
  chapter(targetWords: number, countWords: (text: string) => number): { text: string; words: number } {
    const paragraphs: string[] = [];
    let words = 0;
    let sinceBreak = 0;
    let roles = this.pair();
    while (words < targetWords) {
      if (sinceBreak >= 6 && targetWords - words > 400 && this.rng.chance(0.12)) {
        paragraphs.push(this.voice.html ? `<p align="center">${SCENE_BREAK}</p>` : SCENE_BREAK);
        sinceBreak = 0;
        roles = this.scene();
      }
      for (const p of this.paragraphs(roles)) {
        words += countWords(p);
        paragraphs.push(this.voice.html ? `<p>${this.emphasise(p)}</p>` : this.plain(p));
        sinceBreak++;
      }
    }
    return { text: paragraphs.join(this.voice.html ? "\n" : "\n\n"), words };
  }

  /** One narrative paragraph, or a short exchange of dialogue (one paragraph per line). */
  private paragraphs(roles: Roles): string[] {
    const r = this.rng.next();
    if (r < 0.58) return [this.narration(roles)];
    if (r < 0.93) return this.dialogue(roles);
    const { grammar } = this.voice;
    if (this.voice.html) return [this.fill(grammar.think(this.rng.pick(grammar.thoughts)), roles)];
    return [this.sentence(roles)];
  }

  private narration(roles: Roles): string {
    const n = this.rng.int(2, 5);
    const sentences: string[] = [];
    for (let i = 0; i < n; i++) sentences.push(this.sentence(roles));
    if (this.voice.html && this.rng.chance(0.06)) {
      const { grammar } = this.voice;
      sentences.push(this.fill(grammar.think(this.rng.pick(grammar.thoughts)), roles));
    }
    return sentences.join(this.voice.grammar.lang === "zh" ? "" : " ");
  }

  private sentence(roles: Roles): string {
    const { grammar, vocabulary } = this.voice;
    const r = this.rng.next();
    if (r < 0.22 && vocabulary.sentences.length) return this.fresh(vocabulary.sentences, roles);
    if (r < 0.37 && grammar.compose) {
      const composed = grammar.compose(this.rng);
      if (composed) return capitalize(this.fill(composed, roles));
    }
    return this.fresh(this.narrative, roles);
  }

  private dialogue(roles: Roles): string[] {
    const { grammar, vocabulary } = this.voice;
    const lines = this.rng.int(1, 3);
    const out: string[] = [];
    let speaker = this.rng.chance(0.5) ? roles.A : roles.B;
    for (let i = 0; i < lines; i++) {
      const withSpeaker: Roles = { ...roles, S: speaker };
      const pool = this.rng.chance(0.25) && vocabulary.lines.length ? vocabulary.lines : grammar.lines;
      const line = this.fill(this.deal(pool), withSpeaker);
      const template = this.rng.chance(0.3)
        ? grammar.sayThenBeat(line, this.deal(grammar.beats))
        : grammar.say(line, this.rng);
      out.push(this.fill(template, withSpeaker));
      speaker = speaker === roles.A ? roles.B : roles.A;
    }
    return out;
  }

  /** Deals templates like cards: none comes round again until the whole pool has been used. */
  private deal(pool: readonly string[]): string {
    let deck = this.decks.get(pool);
    if (!deck || deck.length === 0) {
      deck = this.rng.shuffle(pool);
      this.decks.set(pool, deck);
    }
    return deck.pop()!;
  }

  private fresh(pool: readonly string[], roles: Roles): string {
    return capitalize(this.fill(this.deal(pool), roles));
  }

  /** The main pair, either way round. */
  private pair(): Roles {
    const [a, b] = this.voice.cast;
    const first = a!;
    const second = b ?? a!;
    return this.rng.chance(0.5) ? { A: first, B: second } : { A: second, B: first };
  }

  /** A new scene: mostly the main pair, sometimes one of them with someone else of the cast. */
  private scene(): Roles {
    const cast = this.voice.cast;
    if (cast.length < 3 || this.rng.chance(0.7)) return this.pair();
    const main = this.rng.pick(cast.slice(0, 2));
    const other = this.rng.pick(cast.slice(2));
    return this.rng.chance(0.5) ? { A: main, B: other } : { A: other, B: main };
  }

  /** Fills a template's slots; a slot named twice gets the same word both times. */
  fill(template: string, roles: Roles): string {
    const { grammar } = this.voice;
    const chosen = new Map<string, string>();
    const filled = template.replace(SLOT, (whole, slot: string, key: string | undefined) => {
      const person = roles[slot as keyof Roles];
      if (person) {
        if (!key) return person.name;
        const lower = key.charAt(0).toLowerCase() + key.slice(1);
        const form = grammar.forms[person.gender][lower];
        if (form === undefined) throw new Error(`no form ${key} in ${grammar.lang}`);
        return key === lower ? form : capitalize(form);
      }
      let word = chosen.get(slot);
      if (word === undefined) {
        const list = this.list(slot);
        if (!list) throw new Error(`unknown slot ${whole}`);
        word = this.rng.pick(list);
        // T and T2 (object and object2) should differ when the list allows it.
        const base = slot.replace(/2$/, "");
        if (base !== slot && chosen.get(base) === word && list.length > 1)
          word = list[(list.indexOf(word) + 1) % list.length]!;
        chosen.set(slot, word);
      }
      const forms = word.split("|");
      return key === "acc" ? (forms[1] ?? forms[0]!) : forms[0]!;
    });
    // "A Unfinished Anatomy" -> "An Unfinished Anatomy".
    return grammar.lang === "en" ? filled.replace(/\b([Aa]) (?=[AEIOUaeiou])/g, "$1n ") : filled;
  }

  private list(slot: string): string[] | undefined {
    const { grammar, vocabulary } = this.voice;
    switch (slot.replace(/2$/, "")) {
      case "place":
        return vocabulary.places;
      case "object":
        return vocabulary.objects;
      case "setting":
        return vocabulary.settings;
      case "T":
        return vocabulary.titleWords;
      case "Adj":
        return grammar.adjectives;
      case "time":
        return grammar.times;
      case "weather":
        return grammar.weathers;
      case "sound":
        return grammar.sounds;
      case "feeling":
        return grammar.feelings;
      default:
        return undefined;
    }
  }

  /** Plain text: emphasis markers dropped. */
  private plain(text: string): string {
    return text.replace(/\*([^*]+)\*/g, "$1");
  }

  /** HTML: the text escaped, emphasis markers made italics. */
  private emphasise(text: string): string {
    return escapeHtml(text).replace(/\*([^*]+)\*/g, "<em>$1</em>");
  }

  /** Notes and summaries: plain text, or HTML with italics in HTML works. */
  private finish(text: string): string {
    return this.voice.html ? this.emphasise(text) : this.plain(text);
  }
}
