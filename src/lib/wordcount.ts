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
  // No pattern here may scan to the end of the text from each of many starting points: an
  // unclosed `<script` or `<!--`, or a `<` with no `>`, repeated through a chapter, would make that
  // quadratic. Hidden parts are cut by `withoutHiddenParts`; a tag stops at the next `<`.
  const text = withoutHiddenParts(html)
    .replace(/<\/?([a-z][a-z0-9]*)\b[^<>]*>/gi, (_, name: string) => (SEPARATING.test(name) ? " " : ""))
    .replace(/<[!?/][^<>]*>/g, " ")
    .replace(/&(#[0-9]+|#x[0-9a-f]+|[a-z][a-z0-9]*);/gi, (_, body: string) => decodeEntity(body))
    // A hyphenated compound (well-known, 20-year-old) is one word, as word processors count it.
    .replace(/(?<=[\p{L}\p{N}])[-\u2010\u2011](?=[\p{L}\p{N}])/gu, "");
  const runs: string[] = [];
  const spaced = text.replace(UNSPACED, (run) => {
    runs.push(run);
    return " ";
  });
  // The runs go to the segmenter together, a space between each, in slices of at most SLICE
  // characters cut between runs: it slows down more than linearly with its input, and each call
  // has a cost of its own (one call per run made `中a` repeated through a chapter take seconds).
  // Only a run longer than a slice (a chapter with no punctuation) is cut inside, where a slice
  // edge may split one word in two.
  const unspaced = runs.join(" ");
  let n = 0;
  for (let i = 0; i < unspaced.length; ) {
    let end = Math.min(i + SLICE, unspaced.length);
    if (end < unspaced.length) {
      let space = end;
      while (space > i && unspaced[space] !== " ") space--;
      if (space > i) end = space;
    }
    for (const s of segmenter.segment(unspaced.slice(i, end))) if (s.isWordLike) n++;
    i = end;
  }
  return n + (spaced.match(WORD)?.length ?? 0);
}

/**
 * The text without scripts, style sheets and comments. An unclosed one runs to the end, as in a
 * browser; each search starts where the last one ended, so the text is read once.
 */
function withoutHiddenParts(html: string): string {
  const start = /<(script|style)\b|<!--/gi;
  const parts: string[] = [];
  let from = 0;
  for (let m = start.exec(html); m !== null; m = start.exec(html)) {
    parts.push(html.slice(from, m.index), " ");
    const end = m[1] ? new RegExp(`</${m[1]}\\s*>`, "gi") : /-->/g;
    end.lastIndex = start.lastIndex;
    if (end.exec(html) === null) return parts.join("");
    from = start.lastIndex = end.lastIndex;
  }
  parts.push(html.slice(from));
  return parts.join("");
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
