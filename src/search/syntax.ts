// What readers may type into a search box, read into a small tree, and that tree written out in
// each engine's own query language. User text never reaches MATCH or to_tsquery as typed: only
// words from `queryWords` (letters and digits) do, each quoted, joined by operators we chose.
import { queryWords } from "./normalize";

/** Words that must appear next to each other, in order; the last may be a prefix. */
export interface Term {
  words: string[];
  prefix: boolean;
}

/** Every group must match; a group matches when any one of its terms does. No excluded term may. */
export interface SearchQuery {
  groups: Term[][];
  excluded: Term[];
}

/** Longer queries are cut: a search box is not a place for essays, and MATCH cost grows with terms. */
export const MAX_QUERY_LENGTH = 1_000;
export const MAX_TERMS = 32;

/** How many work ids a search returns when the caller does not say. */
export const DEFAULT_LIMIT = 10_000;

/** The limit to use: DEFAULT_LIMIT when absent, a whole number of at least 0 otherwise. */
export function searchLimit(limit: number | undefined): number {
  if (limit === undefined || Number.isNaN(limit)) return DEFAULT_LIMIT;
  return Math.max(0, Math.floor(Math.min(limit, Number.MAX_SAFE_INTEGER)));
}

type Item = { kind: "or" } | { kind: "term"; term: Term; negated: boolean };

/**
 * Reads a reader's query. Words are ANDed; `"a phrase"`; `word*` is a prefix; `-word` or
 * `-"a phrase"` excludes; `OR` (capitals) between two terms matches either; any other character
 * separates words. Returns null when nothing positive is left to look for (empty, all punctuation,
 * or only exclusions), which the providers answer with no works.
 */
export function parseSearchQuery(input: string): SearchQuery | null {
  const items = lex(input.slice(0, MAX_QUERY_LENGTH));
  const groups: Term[][] = [];
  const excluded: Term[] = [];
  let joinNext = false;
  let previous: Item | undefined;
  let terms = 0;
  for (const item of items) {
    if (item.kind === "or") {
      // OR joins two positive terms; anywhere else it is left out.
      joinNext = previous?.kind === "term" && !previous.negated;
    } else if (terms < MAX_TERMS) {
      terms++;
      if (item.negated) {
        excluded.push(item.term);
        joinNext = false;
      } else {
        const last = groups[groups.length - 1];
        if (joinNext && last) last.push(item.term);
        else groups.push([item.term]);
        joinNext = false;
      }
    }
    previous = item;
  }
  return groups.length === 0 ? null : { groups, excluded };
}

function lex(input: string): Item[] {
  const items: Item[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i]!;
    if (/\s/u.test(ch)) {
      i++;
      continue;
    }
    let negated = false;
    if (ch === "-" && input[i + 1] === '"') {
      negated = true;
      i++;
    }
    if (input[i] === '"') {
      // A phrase runs to the closing quote, or to the end when the reader forgot it.
      const close = input.indexOf('"', i + 1);
      const end = close === -1 ? input.length : close;
      pushTerm(items, input.slice(i + 1, end), false, negated);
      i = end + 1;
      continue;
    }
    let end = i;
    while (end < input.length && input[end] !== '"' && !/\s/u.test(input[end]!)) end++;
    const chunk = input.slice(i, end);
    i = end;
    if (chunk === "OR") {
      items.push({ kind: "or" });
      continue;
    }
    const body = chunk.replace(/^-+/, "");
    pushTerm(items, body, body.endsWith("*"), body.length < chunk.length);
  }
  return items;
}

function pushTerm(items: Item[], text: string, prefix: boolean, negated: boolean): void {
  const words = queryWords(text);
  if (words.length > 0) items.push({ kind: "term", term: { words, prefix }, negated });
}

// ---- SQLite FTS5 -------------------------------------------------------------------------------

/** A term as an FTS5 string: `"words here"` (its words are letters and digits only). */
function fts5Term(term: Term): string {
  return `"${term.words.join(" ")}"${term.prefix ? " *" : ""}`;
}

function fts5Any(terms: Term[]): string {
  return terms.length === 1 ? fts5Term(terms[0]!) : `(${terms.map(fts5Term).join(" OR ")})`;
}

/** The MATCH expression of the positive part, with exclusions when `withExcluded`. */
export function toFts5(query: SearchQuery, withExcluded = true): string {
  const positive = query.groups.map(fts5Any).join(" AND ");
  if (!withExcluded || query.excluded.length === 0) return positive;
  return `(${positive})${query.excluded.map((t) => ` NOT ${fts5Term(t)}`).join("")}`;
}

/** The MATCH expression of the excluded terms alone (any of them), or null when there are none. */
export function toFts5Excluded(query: SearchQuery): string | null {
  return query.excluded.length === 0 ? null : fts5Any(query.excluded);
}

// ---- PostgreSQL tsquery ------------------------------------------------------------------------

/** A quoted tsquery operand; to_tsquery runs it through the configuration (case, accents). */
function tsWord(word: string): string {
  return `'${word.replace(/['\\]/g, (c) => `\\${c}`)}'`;
}

function tsTerm(term: Term): string {
  const last = term.words.length - 1;
  const words = term.words.map((w, i) => (i === last && term.prefix ? `${tsWord(w)}:*` : tsWord(w)));
  return words.length === 1 ? words[0]! : `(${words.join(" <-> ")})`;
}

function tsAny(terms: Term[]): string {
  return terms.length === 1 ? tsTerm(terms[0]!) : `(${terms.map(tsTerm).join(" | ")})`;
}

/** The to_tsquery text of the positive part, with exclusions when `withExcluded`. */
export function toTsquery(query: SearchQuery, withExcluded = true): string {
  const parts = query.groups.map(tsAny);
  if (withExcluded) for (const t of query.excluded) parts.push(`!${tsTerm(t)}`);
  return parts.join(" & ");
}

/** The to_tsquery text of the excluded terms alone (any of them), or null when there are none. */
export function toTsqueryExcluded(query: SearchQuery): string | null {
  return query.excluded.length === 0 ? null : tsAny(query.excluded);
}
