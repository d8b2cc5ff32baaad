// The in-memory index behind tag autocomplete. A LIKE scan over the tags table cannot answer "any
// word of the name starts with this" in a few milliseconds once an archive holds hundreds of
// thousands of tags, so every tag contributes one entry per word start of its folded name to a
// sorted list of its type (wordlist.ts): the matches of a term lie between two binary searches.
import type { TagType } from "../../db/types";
import { entry } from "../../lib/collections";
import { nameKey, normalizeName } from "../../lib/text";
import type { TagRow } from "./queries";
import { Candidates, compareAt, OFFSETS, successor, WordList } from "./wordlist";

/** The longest term a lookup takes (in characters); longer ones match nothing. */
export const TERM_MAX = 100;
/** Word starts indexed per tag: a long name in a script without spaces has one per character. */
const STARTS_MAX = 48;
/** Added to a canonical tag's uses when ranking, so that it ranks above any tag that is not. */
const CANONICAL = 2 ** 40;

/**
 * The form names and terms are compared in: case folded like `nameKey`, then accents dropped
 * (decomposed, combining marks removed), so "holm" finds "Holmes" and "zoe" finds "Zoë".
 */
export function searchKey(text: string): string {
  return nameKey(text)
    .normalize("NFD")
    .replace(/\p{M}+/gu, "");
}

const WORD_CHAR = /[\p{L}\p{N}]/u;
/** Scripts written without spaces between words: every character may start a word. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/** Offsets (UTF-16) where a word starts in a folded name; the name's start always counts. */
export function wordStarts(key: string): number[] {
  const starts: number[] = [];
  let offset = 0;
  let previousIsWord = false;
  for (const ch of key) {
    const isWord = WORD_CHAR.test(ch);
    if (offset === 0 || (isWord && (!previousIsWord || UNSPACED.test(ch)))) {
      if (offset >= OFFSETS || starts.length >= STARTS_MAX) break;
      starts.push(offset);
    }
    previousIsWord = isWord;
    offset += ch.length;
  }
  return starts;
}

/** How many works carry a tag, for ranking: a cheap upper bound and the exact figure. */
export interface UseCounts {
  bound(tagId: number): number;
  exact(tagId: number): number;
}

export interface Suggestion {
  id: number;
  name: string;
  type: TagType;
  canonical: boolean;
  uses: number;
}

export const NO_USES: UseCounts = { bound: () => 0, exact: () => 0 };

const TYPES: TagType[] = ["rating", "warning", "category", "fandom", "relationship", "character", "freeform"];

/**
 * Every tag's name, type and canonical flag, searchable by word prefix per type. Tags are held in
 * dense slots; `maxId` is the highest tag id seen, so new tags can be read from the table by id.
 * Each type keeps canonical tags apart from the others: canonical tags rank first, so a short term
 * with enough canonical matches never has to look at the (far more numerous) others.
 */
export class AutocompleteIndex {
  private ids: number[] = [];
  private names: string[] = [];
  private keys: string[] = [];
  private types: TagType[] = [];
  private canonical: boolean[] = [];
  private slotOfId = new Map<number, number>();
  private lists = new Map<string, WordList>();
  private found = new Candidates();
  maxId = 0;

  constructor() {
    for (const t of TYPES)
      for (const c of [true, false]) this.lists.set(listName(t, c), new WordList(this.keys));
  }

  static build(tags: Iterable<TagRow>): AutocompleteIndex {
    const index = new AutocompleteIndex();
    const perList = new Map<string, number[]>();
    for (const tag of tags) {
      if (index.slotOfId.has(tag.id)) continue;
      const slot = index.place(tag);
      index.entriesOf(slot, perList);
    }
    for (const [name, entries] of perList) index.lists.get(name)!.fill(entries);
    return index;
  }

  get size(): number {
    return this.slotOfId.size;
  }

  /** Entries over all types (for the benchmark's figures). */
  get entries(): number {
    let n = 0;
    for (const l of this.lists.values()) n += l.size;
    return n;
  }

  /** Adds new tags and takes in changes to known ones (canonical flag, name, type). */
  upsert(tags: Iterable<TagRow>): void {
    const fresh = new Map<string, number[]>();
    const moved = new Map<string, Set<number>>();
    for (const tag of tags) {
      let slot = this.slotOfId.get(tag.id);
      if (slot !== undefined) {
        const same =
          this.names[slot] === tag.name &&
          this.types[slot] === tag.type &&
          this.canonical[slot] === tag.canonical;
        if (same) continue;
        entry(moved, listName(this.types[slot]!, this.canonical[slot]!), () => new Set<number>()).add(slot);
        this.names[slot] = tag.name;
        this.keys[slot] = searchKey(tag.name);
        this.types[slot] = tag.type;
        this.canonical[slot] = tag.canonical;
      } else {
        slot = this.place(tag);
      }
      this.entriesOf(slot, fresh);
    }
    for (const [name, slots] of moved) this.lists.get(name)!.drop(slots);
    for (const [name, entries] of fresh) this.lists.get(name)!.add(entries);
  }

  /**
   * At most `limit` tags of the given types with a word starting with `term`: canonical tags
   * first, then by uses (most first), then by name. `shown` leaves out the tags whose names the
   * viewer may not see (the tag policy).
   */
  search(
    types: readonly TagType[],
    term: string,
    limit: number,
    uses: UseCounts = NO_USES,
    shown: (tag: { id: number; canonical: boolean }) => boolean = () => true,
  ): Suggestion[] {
    const normal = normalizeName(term);
    const length = [...normal].length;
    if (length < 1 || length > TERM_MAX || limit < 1) return [];
    const key = searchKey(normal);
    if (key === "") return [];
    const next = successor(key);
    const found = this.found;
    found.reset(this.ids.length);
    for (const type of types) this.lists.get(listName(type, true))?.collect(key, next, found);
    if (found.length < limit) {
      for (const type of types) this.lists.get(listName(type, false))?.collect(key, next, found);
    }
    // The best so far, best first, as slots and scores (canonical tags score above any count).
    // A candidate is counted exactly only when its upper bound could still place it, which keeps
    // short terms (thousands of matches) cheap: most are dismissed by one comparison of numbers.
    const topSlots: number[] = [];
    const topScores: number[] = [];
    const n = found.length;
    const cands = found.slots;
    for (let i = 0; i < n; i++) {
      const slot = cands[i]!;
      const id = this.ids[slot]!;
      const canonical = this.canonical[slot]!;
      const lift = canonical ? CANONICAL : 0;
      if (
        topSlots.length === limit &&
        !this.beats(lift + uses.bound(id), slot, topScores, topSlots, limit - 1)
      )
        continue;
      if (!shown({ id, canonical })) continue;
      const score = lift + uses.exact(id);
      let at = topSlots.length;
      while (at > 0 && this.beats(score, slot, topScores, topSlots, at - 1)) at--;
      if (at >= limit) continue;
      topSlots.splice(at, 0, slot);
      topScores.splice(at, 0, score);
      if (topSlots.length > limit) {
        topSlots.pop();
        topScores.pop();
      }
    }
    return topSlots.map((slot, i) => ({
      id: this.ids[slot]!,
      name: this.names[slot]!,
      type: this.types[slot]!,
      canonical: topScores[i]! >= CANONICAL,
      uses: topScores[i]! % CANONICAL,
    }));
  }

  /** Whether a candidate with this score ranks before the tag at `at` of the best so far. */
  private beats(score: number, slot: number, scores: number[], slots: number[], at: number): boolean {
    const d = score - scores[at]!;
    if (d !== 0) return d > 0;
    const other = slots[at]!;
    const byKey = compareAt(this.keys[slot]!, 0, this.keys[other]!, 0);
    if (byKey !== 0) return byKey < 0;
    const a = this.names[slot]!;
    const b = this.names[other]!;
    if (a !== b) return a < b;
    return TYPES.indexOf(this.types[slot]!) < TYPES.indexOf(this.types[other]!);
  }

  private place(tag: TagRow): number {
    const slot = this.ids.length;
    this.ids.push(tag.id);
    this.names.push(tag.name);
    this.keys.push(searchKey(tag.name));
    this.types.push(tag.type);
    this.canonical.push(tag.canonical);
    this.slotOfId.set(tag.id, slot);
    if (tag.id > this.maxId) this.maxId = tag.id;
    return slot;
  }

  /** Adds the slot's word-start entries to the list of its type and canonical flag. */
  private entriesOf(slot: number, into: Map<string, number[]>): void {
    const out = entry(into, listName(this.types[slot]!, this.canonical[slot]!), () => [] as number[]);
    for (const o of wordStarts(this.keys[slot]!)) out.push(slot * OFFSETS + o);
  }
}

function listName(type: TagType, canonical: boolean): string {
  return canonical ? `${type}:canonical` : type;
}
