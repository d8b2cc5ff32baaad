import { SortKeys } from "./keys";
import { NUMBER_COLUMNS, type NumberArrays, numberArrays } from "./types";

/**
 * Per-work values in typed arrays indexed by slot, grown by doubling. Typed arrays keep a million
 * works in a few dozen megabytes and read fast in the sort and range loops.
 */
export class Columns {
  capacity: number;
  id: Uint32Array;
  /** The works' numbers (see SORTS). */
  numbers: NumberArrays;
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
    this.numbers = numberArrays(this.capacity);
    this.fwdOffsets = new Uint32Array(this.capacity + 1);
    this.title = SortKeys.build(0, this.capacity, () => "");
    this.creator = SortKeys.build(0, this.capacity, () => "");
  }

  ensure(slots: number): void {
    if (slots <= this.capacity) return;
    let cap = this.capacity;
    while (cap < slots) cap *= 2;
    this.id = grow(this.id, cap);
    const numbers = this.numbers as Record<string, Uint32Array | Float64Array>;
    for (const { field } of NUMBER_COLUMNS) numbers[field] = grow(numbers[field]!, cap);
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
    let n = this.id.byteLength + this.fwdOffsets.byteLength + this.fwdTags.byteLength;
    for (const { field } of NUMBER_COLUMNS) n += this.numbers[field].byteLength;
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
