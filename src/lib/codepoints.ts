// The order of sort keys shared by the databases and the tag engine.

/**
 * Compares strings by Unicode code point, which is the order of UTF-8 bytes: SQLite's BINARY
 * collation and PostgreSQL's "C". JavaScript's `<` compares UTF-16 code units instead, which puts
 * characters beyond U+FFFF before U+E000–U+FFFF.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.charCodeAt(i);
    let y = b.charCodeAt(i);
    if (x === y) continue;
    // Surrogates (D800–DFFF) move above E000–FFFF; both keep their order otherwise.
    if (x >= 0xd800) x = x < 0xe000 ? x + 0x2000 : x - 0x800;
    if (y >= 0xd800) y = y < 0xe000 ? y + 0x2000 : y - 0x800;
    return x - y;
  }
  return a.length - b.length;
}
