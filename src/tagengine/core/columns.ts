import { SortKeys } from "./keys";

/**
 * Per-work values in typed arrays indexed by slot, grown by doubling. Typed arrays keep a million
 * works in a few dozen megabytes and read fast in the sort and range loops.
 */
export class Columns {
  capacity: number;
  id: Uint32Array;
  updatedAt: Float64Array;
  postedAt: Float64Array;
  words: Uint32Array;
  hits: Uint32Array;
  kudos: Uint32Array;
  comments: Uint32Array;
  bookmarks: Uint32Array;
  /** Title and creator sort keys as ordered positions (see SortKeys). */
  title: SortKeys;
  creator: SortKeys;
  /** Forward index (slot -> filter tags) in CSR form for the built works... */
  fwdOffsets: Uint32Array;
  fwdTags: Uint32Array = new Uint32Array(0);
  /** ...and per slot for works added or changed since. */
  fwdChanged = new Map<number, Uint32Array>();

  constructor(capacity: number) {
    this.capacity = Math.max(16, capacity);
    this.id = new Uint32Array(this.capacity);
    this.updatedAt = new Float64Array(this.capacity);
    this.postedAt = new Float64Array(this.capacity);
    this.words = new Uint32Array(this.capacity);
    this.hits = new Uint32Array(this.capacity);
    this.kudos = new Uint32Array(this.capacity);
    this.comments = new Uint32Array(this.capacity);
    this.bookmarks = new Uint32Array(this.capacity);
    this.fwdOffsets = new Uint32Array(this.capacity + 1);
    this.title = SortKeys.build(0, this.capacity, () => "");
    this.creator = SortKeys.build(0, this.capacity, () => "");
  }

  ensure(slots: number): void {
    if (slots <= this.capacity) return;
    let cap = this.capacity;
    while (cap < slots) cap *= 2;
    this.id = grow(this.id, cap);
    this.updatedAt = grow(this.updatedAt, cap);
    this.postedAt = grow(this.postedAt, cap);
    this.words = grow(this.words, cap);
    this.hits = grow(this.hits, cap);
    this.kudos = grow(this.kudos, cap);
    this.comments = grow(this.comments, cap);
    this.bookmarks = grow(this.bookmarks, cap);
    this.title.grow(cap);
    this.creator.grow(cap);
    this.capacity = cap;
  }

  /** The filter tags of a slot. */
  tags(slot: number): Uint32Array {
    const changed = this.fwdChanged.get(slot);
    if (changed) return changed;
    if (slot + 1 >= this.fwdOffsets.length) return EMPTY;
    return this.fwdTags.subarray(this.fwdOffsets[slot]!, this.fwdOffsets[slot + 1]!);
  }

  bytes(): number {
    let n = 0;
    for (const a of [
      this.id,
      this.updatedAt,
      this.postedAt,
      this.words,
      this.hits,
      this.kudos,
      this.comments,
    ]) {
      n += a.byteLength;
    }
    n += this.bookmarks.byteLength + this.fwdOffsets.byteLength + this.fwdTags.byteLength;
    n += this.title.bytes() + this.creator.bytes();
    for (const t of this.fwdChanged.values()) n += t.byteLength + 64;
    return n;
  }
}

const EMPTY = new Uint32Array(0);

function grow<T extends Uint32Array | Float64Array>(a: T, cap: number): T {
  const b = new (a.constructor as { new (n: number): T })(cap);
  b.set(a);
  return b;
}
