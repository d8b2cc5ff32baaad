/**
 * Reading aggregated columns: lists that the database joined into one string (`string_agg`),
 * because a million rows, or tens of thousands of search hits, cost far more to hand to JavaScript
 * one by one than to read and parse as a few long strings (the index build, text-search
 * candidates). Numbers are decimal and separated by one character; text is written with its
 * length in code points first (`5:title`), so that no separator can be mistaken inside it. Plain
 * id lists come as a JSON array instead, which both databases write natively.
 */
/** An aggregated column that does not read as it should (see the build's fallback to rows). */
export class ListFormatError extends Error {}

export class ListReader {
  at = 0;
  constructor(readonly text: string) {}

  get done(): boolean {
    return this.at >= this.text.length;
  }

  /** A whole number, possibly past 2^32 (times in milliseconds); NaN when none is here. */
  number(): number {
    const s = this.text;
    let i = this.at;
    let n = 0;
    const start = i;
    for (; i < s.length; i++) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      n = n * 10 + c;
    }
    this.at = i;
    return i === start ? Number.NaN : n;
  }

  /** The next number, which must be there. */
  need(): number {
    const n = this.number();
    if (Number.isNaN(n)) this.fail("a number");
    return n;
  }

  /** Steps over `ch`, which must be next. */
  expect(ch: string): void {
    if (this.text.charCodeAt(this.at) !== ch.charCodeAt(0)) this.fail(`"${ch}"`);
    this.at++;
  }

  /** Steps over `ch` if it is next. */
  skip(ch: string): boolean {
    if (this.text.charCodeAt(this.at) !== ch.charCodeAt(0)) return false;
    this.at++;
    return true;
  }

  /** Text written as `length:text`, its length in code points as the databases count them. */
  lengthPrefixed(): string {
    const length = this.need();
    this.expect(":");
    const s = this.text;
    const start = this.at;
    let i = start;
    for (let k = 0; k < length; k++) {
      if (i >= s.length) this.fail("the rest of a text");
      const c = s.charCodeAt(i);
      i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
    }
    this.at = i;
    return s.slice(start, i);
  }

  private fail(wanted: string): never {
    throw new ListFormatError(`aggregated column: expected ${wanted} at ${this.at} of an aggregated column`);
  }
}

/**
 * The ids of a JSON array of whole numbers such as "[12,7,30]" (SQLite's json_group_array) or
 * "[12, 7, 30]" (PostgreSQL's json_agg), in their order; null or "" gives none. Ids are below
 * 2^32. Read by a loop of its own rather than JSON.parse, whose array of numbers on the heap cost
 * listings with a text query garbage-collection pauses (p99 14 ms against 4–7 ms for 30,000 ids).
 */
export function idList(text: string | null | undefined): Uint32Array {
  if (!text) return new Uint32Array(0);
  const last = text.length - 1;
  if (text.charCodeAt(0) !== 91 || text.charCodeAt(last) !== 93) notIds();
  // Every id takes at least one digit and one comma, bar the last.
  const out = new Uint32Array((text.length >> 1) + 1);
  let n = 0;
  let value = 0;
  let digits = 0;
  for (let i = 1; i < last; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c >= 0 && c <= 9) {
      value = value * 10 + c;
      if (value > 0xffffffff) notIds();
      digits++;
    } else if (c === -4 && digits > 0) {
      out[n++] = value;
      value = 0;
      digits = 0;
    } else if (c !== -16 || digits > 0) notIds(); // a space may follow a comma (json_agg)
  }
  if (digits > 0) out[n++] = value;
  else if (last > 1) notIds();
  return out.subarray(0, n);
}

function notIds(): never {
  throw new ListFormatError("aggregated column: an id list holds something other than ids");
}

/**
 * Whole numbers separated by commas (an aggregated numeric column; null or "" when no rows) into
 * `out`, which must be as long as the column.
 */
export function numberList<T extends Float64Array | Uint32Array>(text: string | null | undefined, out: T): T {
  const count = out.length;
  if (!text) {
    if (count > 0) throw new ListFormatError("aggregated column: shorter than its chunk");
    return out;
  }
  const r = new ListReader(text);
  for (let i = 0; i < count; i++) {
    if (i > 0) r.expect(",");
    out[i] = r.need();
  }
  if (!r.done) throw new ListFormatError("aggregated column: longer than its chunk");
  return out;
}
