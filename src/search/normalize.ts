// The text that goes into the full-text indexes and the words read from a query. SQLite calls
// `searchableText` through the `search_text(value, is_html)` SQL function that every connection
// registers (src/db/connection.ts); PostgreSQL has the same rules as an SQL function of the same
// name (migration 20261127020000_text_search). The two must keep agreeing, which the contract
// tests check.

/**
 * Scripts written without spaces between words (Chinese, Japanese) and Hangul: each character is
 * indexed as a word of its own, and a query's run of them becomes a phrase of single characters,
 * so any substring of a sentence is found (a bigram index would miss one-character queries).
 */
export const CJK_CHARACTERS =
  "\u1100-\u11ff\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3031-\u3035\u3040-\u30ff\u3100-\u312f" +
  "\u3130-\u318f\u31a0-\u31bf\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff" +
  "\uf900-\ufaff\uff66-\uff9f\u{20000}-\u{323af}";

const CJK = new RegExp(`[${CJK_CHARACTERS}]`, "gu");
const TAG = /<[^>]*>/g;
const ENTITY = /&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);/g;

/**
 * The indexable form of a field. HTML (sanitized, so every `<` in text is escaped) loses its tags
 * and entities, each replaced by a space: tag names and attribute values are never words, and the
 * only entities the sanitizer writes stand for punctuation. CJK characters get spaces around them.
 */
export function searchableText(value: string | null | undefined, isHtml: boolean): string {
  if (!value) return "";
  const text = isHtml ? value.replace(TAG, " ").replace(ENTITY, " ") : value;
  return text.replace(CJK, " $& ");
}

const WORD = /[\p{L}\p{N}\p{Co}][\p{L}\p{N}\p{M}\p{Co}]*/gu;

/**
 * The words of a piece of query text, as both indexes split text: runs of letters and digits,
 * punctuation between them, each CJK character a word. `don't` gives `don`, `t`; `北京` gives
 * `北`, `京`. The words hold no quote, backslash or operator character, whatever the input.
 */
export function queryWords(text: string): string[] {
  const spaced = searchableText(text.normalize("NFC"), false);
  return spaced.match(WORD) ?? [];
}
