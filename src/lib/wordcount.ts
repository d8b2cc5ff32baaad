const segmenter = new Intl.Segmenter(undefined, { granularity: "word" });

/**
 * Words in a piece of HTML, as a reader would count them. Intl.Segmenter splits Chinese and
 * Japanese text, which has no spaces, into dictionary words instead of counting a sentence as one.
 */
export function countWords(html: string): number {
  const text = html
    .replace(/<[^>]*>/g, " ")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&#x([0-9a-f]+);/gi, (_, n: string) => String.fromCodePoint(Number.parseInt(n, 16)))
    .replace(/&[a-z]+;/gi, " ");
  let n = 0;
  for (const s of segmenter.segment(text)) if (s.isWordLike) n++;
  return n;
}
