import { type IndexedWork, NUMBER_COLUMNS, type NumberArrays, numberArrays, type WorkNumbers } from "./types";

export const RESTRICTED = 1;
export const COMPLETE = 2;
export const CROSSOVER = 4;

/**
 * Works for a build, column by column: a million works as typed arrays rather than a million
 * objects, filled chunk by chunk as rows are read. Tags are one CSR list (tagStart, tags).
 */
export class WorkBatch {
  length = 0;
  id = new Uint32Array(1024);
  flags = new Uint8Array(1024);
  /** The works' numbers (see SORTS). */
  numbers: NumberArrays = numberArrays(1024);
  /** Index into `languages`. */
  language = new Uint16Array(1024);
  languages: string[] = [];
  titleSort: string[] = [];
  creatorSort: string[] = [];
  /** Work i's filter tags are tags[tagStart[i]..tagStart[i + 1]), sorted and unique once sealed. */
  tagStart = new Uint32Array(1025);
  tags = new Uint32Array(16 * 1024);
  tagCount = 0;
  /** Per filter tag id, how many sealed works hold it. */
  tagCounts = new Uint32Array(1024);
  private languageCode = new Map<string, number>();
  /** The work whose tags are still coming, or -1. */
  private open = -1;

  static from(works: IndexedWork[]): WorkBatch {
    const b = new WorkBatch();
    for (const w of works) {
      const i = b.begin(w.id, w.language, w.titleSort, w.creatorSort);
      b.flags[i] =
        (w.restricted ? RESTRICTED : 0) | (w.complete ? COMPLETE : 0) | (w.fandomCount > 1 ? CROSSOVER : 0);
      for (const { field } of NUMBER_COLUMNS) b.numbers[field][i] = w[field];
      for (const t of w.tagIds) b.addTag(t);
    }
    b.seal();
    return b;
  }

  /** Work i as an object (for the few works of an update). */
  work(i: number): IndexedWork {
    const flags = this.flags[i]!;
    const numbers = {} as WorkNumbers;
    for (const { field } of NUMBER_COLUMNS) numbers[field] = this.numbers[field][i]!;
    return {
      ...numbers,
      id: this.id[i]!,
      restricted: (flags & RESTRICTED) !== 0,
      complete: (flags & COMPLETE) !== 0,
      language: this.languages[this.language[i]!]!,
      titleSort: this.titleSort[i]!,
      creatorSort: this.creatorSort[i]!,
      // Only "more than one" matters to the engine.
      fandomCount: flags & CROSSOVER ? 2 : 1,
      tagIds: Array.from(this.tags.subarray(this.tagStart[i]!, this.tagStart[i + 1]!)),
    };
  }

  /** Starts the next work and returns its index; set its numbers, then add its tags. */
  begin(id: number, language: string, titleSort: string, creatorSort: string): number {
    const i = this.start(id, this.languageCodeOf(language));
    this.titleSort[i] = titleSort;
    this.creatorSort[i] = creatorSort;
    return i;
  }

  /**
   * Starts the next work without its sort keys as text, for a build that ranks them on its own
   * (its `titleSort` and `creatorSort` stay empty).
   */
  start(id: number, languageCode: number): number {
    this.seal();
    const i = this.length++;
    if (this.length > this.id.length) this.grow(this.id.length * 2);
    this.id[i] = id;
    this.language[i] = languageCode;
    this.tagStart[i] = this.tagCount;
    this.tagStart[i + 1] = this.tagCount;
    this.open = i;
    return i;
  }

  /**
   * Sorts and de-duplicates the tags of the work begun last, and counts them. Starting the next
   * work seals this one; seal the batch before reading it. Done here, while a build still reads,
   * rather than in the engine's passes after the last chunk.
   */
  seal(): void {
    const i = this.open;
    if (i < 0) return;
    this.open = -1;
    const tags = this.tags;
    const begin = this.tagStart[i]!;
    let end = this.tagCount;
    // Typed tags come sorted from the database; expansions (synonyms, meta tags) unsort them.
    for (let j = begin + 1; j < end; j++) {
      if (tags[j]! <= tags[j - 1]!) {
        end = sortUnique(tags, begin, end);
        this.tagCount = end;
        this.tagStart[i + 1] = end;
        break;
      }
    }
    let counts = this.tagCounts;
    for (let j = begin; j < end; j++) {
      const t = tags[j]!;
      if (t >= counts.length) {
        const grown = new Uint32Array(Math.max(t + 1, counts.length * 2));
        grown.set(counts);
        this.tagCounts = counts = grown;
      }
      counts[t]!++;
    }
  }

  languageCodeOf(language: string): number {
    let code = this.languageCode.get(language);
    if (code === undefined) {
      code = this.languages.length;
      this.languages.push(language);
      this.languageCode.set(language, code);
    }
    return code;
  }

  /** Adds a filter tag to the work begun last. */
  addTag(tagId: number): void {
    if (this.tagCount === this.tags.length) {
      const grown = new Uint32Array(this.tags.length * 2);
      grown.set(this.tags);
      this.tags = grown;
    }
    this.tags[this.tagCount++] = tagId;
    this.tagStart[this.length] = this.tagCount;
  }

  private grow(cap: number): void {
    const g = <T extends Uint32Array | Float64Array | Uint8Array | Uint16Array>(a: T, n = cap): T => {
      const b = new (a.constructor as { new (n: number): T })(n);
      b.set(a);
      return b;
    };
    this.id = g(this.id);
    this.flags = g(this.flags);
    const numbers = this.numbers as Record<string, Uint32Array | Float64Array>;
    for (const { field } of NUMBER_COLUMNS) numbers[field] = g(numbers[field]!);
    this.language = g(this.language);
    this.tagStart = g(this.tagStart, cap + 1);
  }
}

/**
 * Sorts a[start..end) and drops repeats, in place; returns the new end. Insertion sort: a work's
 * tags are a few dozen at most, and a subarray per work would cost a million allocations.
 */
function sortUnique(a: Uint32Array, start: number, end: number): number {
  for (let i = start + 1; i < end; i++) {
    const v = a[i]!;
    let j = i - 1;
    while (j >= start && a[j]! > v) {
      a[j + 1] = a[j]!;
      j--;
    }
    a[j + 1] = v;
  }
  let kept = start;
  for (let i = start; i < end; i++) if (i === start || a[i] !== a[kept - 1]) a[kept++] = a[i]!;
  return kept;
}
