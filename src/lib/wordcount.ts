const segmenter = new Intl.Segmenter(undefined, { granularity: "word" });

/**
 * Runs of scripts written without spaces between words. Only these go through Intl.Segmenter:
 * its cost per segment (and worse than linear on long input) would make a long chapter take
 * seconds. Punctuation ends a run, so each run is a clause or so.
 */
const UNSPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Thai}\p{Script=Lao}\p{Script=Khmer}\p{Script=Myanmar}\u30FC\uFF70]+/gu;

const SLICE = 256;

/** A word of the other scripts, as Unicode word boundaries join it: don't, 3.14, 1,000, e.g. */
const WORD = /[\p{L}\p{N}\p{M}\p{Pc}]+(?:['\u2019.,:\u00B7\u2027][\p{L}\p{N}\p{M}\p{Pc}]+)*/gu;

/** Elements that separate the words on either side; inline ones (`<em>un</em>done`) do not. */
const SEPARATING =
  /^(address|blockquote|br|caption|center|col|colgroup|dd|details|div|dl|dt|figcaption|figure|h[1-6]|hr|img|li|ol|p|pre|rp|rt|summary|table|tbody|td|tfoot|th|thead|tr|ul)$/i;

/** Named references that are punctuation or space, never part of a word. */
const NOT_LETTERS = new Set(
  "amp lt gt quot nbsp ensp emsp thinsp zwnj zwj shy mdash ndash hellip laquo raquo ldquo rdquo bdquo sbquo lsaquo rsaquo bull middot copy reg trade deg para sect dagger prime times divide plusmn iexcl iquest cent pound euro yen curren brvbar not ordf ordm frac14 frac12 frac34 sup1 sup2 sup3 larr rarr uarr darr harr".split(
    " ",
  ),
);
const APOSTROPHES = new Map([
  ["apos", "'"],
  ["rsquo", "\u2019"],
  ["lsquo", "\u2018"],
]);

/**
 * Words in a piece of HTML, as a reader would count them. Intl.Segmenter splits Chinese and
 * Japanese text, which has no spaces, into dictionary words instead of counting a sentence as one.
 * Markup, comments, scripts and entities for punctuation are not words; `don&rsquo;t` and
 * `well-known` are one each.
 */
export function countWords(html: string): number {
  const text = html
    .replace(/<(script|style)\b[\s\S]*?<\/\1\s*>/gi, " ")
    .replace(/<!--[\s\S]*?-->/g, " ")
    .replace(/<\/?([a-z][a-z0-9]*)\b[^>]*>/gi, (_, name: string) => (SEPARATING.test(name) ? " " : ""))
    .replace(/<[!?/][^>]*>/g, " ")
    .replace(/&(#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);/gi, (_, body: string) => decodeEntity(body))
    // A hyphenated compound (well-known, 20-year-old) is one word, as word processors count it.
    .replace(/(?<=[\p{L}\p{N}])[-\u2010\u2011](?=[\p{L}\p{N}])/gu, "");
  let n = 0;
  const spaced = text.replace(UNSPACED, (run) => {
    // Long runs (a chapter with no punctuation) go in slices: the segmenter slows down more than
    // linearly with its input. A slice edge may split one word in two, at most once per slice.
    for (let i = 0; i < run.length; i += SLICE) {
      for (const s of segmenter.segment(run.slice(i, i + SLICE))) if (s.isWordLike) n++;
    }
    return " ";
  });
  return n + (spaced.match(WORD)?.length ?? 0);
}

function decodeEntity(body: string): string {
  if (body[0] === "#") {
    const n = body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
    return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : " ";
  }
  const name = body.toLowerCase();
  if (NOT_LETTERS.has(name)) return " ";
  // Any other named reference stands for a letter (&eacute;, &oslash;…): it joins its word.
  return APOSTROPHES.get(name) ?? "x";
}
