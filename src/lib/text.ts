import { escapeHtml, type SafeHtml, sanitizeWorkHtml, stripControlCharacters } from "./sanitize";

/** NFC, trimmed, inner white space collapsed: the form of every name (login, pseud, tag, title). */
export function normalizeName(text: string): string {
  return stripControlCharacters(text).normalize("NFC").replace(/\s+/gu, " ").trim();
}

/** Direction overrides, embeddings and isolates: in a title they would turn what follows around. */
const DIRECTION_CONTROLS = /[\u202A-\u202E\u2066-\u2069]/g;

/** A title (of a work or a chapter): a name without direction controls. */
export function normalizeTitle(text: string): string {
  return normalizeName(text.replace(DIRECTION_CONTROLS, ""));
}

/** What a zero-width joiner or non-joiner may join: emoji, and the scripts whose writing needs them. */
const JOINS = new RegExp(
  "^[\\p{Extended_Pictographic}\\p{Emoji_Modifier}\\uFE0F" +
    "Arabic Syriac Nko Mongolian Devanagari Bengali Gurmukhi Gujarati Oriya Tamil Telugu Kannada Malayalam Sinhala Myanmar Khmer"
      .split(" ")
      .map((script) => `\\p{Script=${script}}`)
      .join("") +
    "]$",
  "u",
);
const INVISIBLE_CHAR = /^[\p{Cf}\p{Default_Ignorable_Code_Point}]$/u;
const PRESENTATION = /^[\uFE0E\uFE0F]$/u;
const IDEOGRAPHIC_VARIATION = /^[\u{E0100}-\u{E01EF}]$/u;
const EMOJI_TAG = /^[\u{E0020}-\u{E007F}]$/u;

/**
 * The first character of a name that shows nothing and would make it look like another name
 * ("Sherlock\u200B Holmes"), written U+XXXX, or null. Zero-width (non-)joiners are kept inside emoji
 * and words of scripts that write with them (Persian, the Indic scripts); emoji and text
 * presentation selectors after an emoji, ideographic variation selectors after a Chinese
 * character, tag characters after a flag.
 */
export function invisibleCharacter(name: string): string | null {
  const chars = [...name];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (!INVISIBLE_CHAR.test(ch)) continue;
    const before = chars[i - 1] ?? "";
    const after = chars[i + 1] ?? "";
    if ((ch === "\u200C" || ch === "\u200D") && JOINS.test(before) && JOINS.test(after)) continue;
    if (PRESENTATION.test(ch) && /^\p{Emoji}$/u.test(before)) continue;
    if (IDEOGRAPHIC_VARIATION.test(ch) && /^\p{Script=Han}$/u.test(before)) continue;
    if (EMOJI_TAG.test(ch) && (before === "\u{1F3F4}" || EMOJI_TAG.test(before))) continue;
    return `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`;
  }
  return null;
}
/**
 * The key that makes names unique regardless of case: NFC plus Unicode case folding. Lower case
 * alone misses folds such as ß/SS and final sigma, so each non-ASCII character goes through upper
 * case and back; Turkish dotless ı is left alone (folding keeps it apart from i).
 */
export function nameKey(text: string): string {
  return normalizeName(text)
    .toLowerCase()
    .replace(/[^\p{ASCII}]/gu, (ch) => (ch === "ı" ? ch : ch.toUpperCase().toLowerCase()))
    .normalize("NFC");
}

/** NFC and Windows line endings made Unix; control characters dropped, other characters unchanged. */
export function normalizeText(text: string): string {
  return stripControlCharacters(text).normalize("NFC").replace(/\r\n?/g, "\n");
}

export type TextFormat = "html" | "plain";

/**
 * Turns what a writer typed into safe HTML. Plain text: blank lines make paragraphs and single line
 * breaks become `<br>`. HTML: sanitized; text outside block elements still gets paragraphs.
 */
export function toSafeHtml(text: string, format: TextFormat): SafeHtml {
  const t = normalizeText(text).trim();
  if (t === "") return "" as SafeHtml;
  if (format === "plain") return sanitizeWorkHtml(paragraphs(escapeHtml(t)));
  // Paragraphs are added to sanitized markup, where tags are balanced and text holds no `<`;
  // the result goes through the sanitizer again so that only the sanitizer makes a SafeHtml.
  return sanitizeWorkHtml(paragraphsAroundBareText(sanitizeWorkHtml(t)));
}

function paragraphs(escaped: string): string {
  return escaped
    .split(/\n[ \t]*\n+/)
    .map((p) => p.trim())
    .filter((p) => p !== "")
    .map((p) => `<p>${p.replace(/\n/g, "<br>\n")}</p>`)
    .join("\n");
}

/** Elements that stand on their own: text between them at the top level is a paragraph. */
const BLOCKS = new Set(
  "address blockquote caption center col colgroup dd details div dl dt figcaption figure h1 h2 h3 h4 h5 h6 hr li ol p pre summary table tbody td tfoot th thead tr ul".split(
    " ",
  ),
);
const VOIDS = new Set(["br", "col", "hr", "img"]);

/**
 * Wraps runs of top-level text and inline elements in `<p>`: a blank line in top-level text
 * starts a new paragraph and a single line break becomes `<br>`. Block elements are kept as written.
 */
function paragraphsAroundBareText(html: string): string {
  const out: string[] = [];
  let run = ""; // the inline run being collected at the top level
  let block = ""; // the top-level block element being copied
  let depth = 0; // open elements
  // Whether the run ends with <br />, kept aside: asking the run itself would copy the whole run
  // into one flat string at each piece, and so the chapter at each line break.
  let afterBreak = false;
  const flush = () => {
    const p = trimBreaks(run);
    if (p !== "") out.push(`<p>${p}</p>`);
    run = "";
    afterBreak = false;
  };
  const addText = (text: string) => {
    if (text === "") return;
    // A newline typed right after <br> is the same line break, not a second one.
    const repeat = afterBreak && text.startsWith("\n");
    run += repeat ? `\n${text.slice(1).replace(/\n/g, "<br />\n")}` : text.replace(/\n/g, "<br />\n");
    afterBreak = false;
  };
  for (const piece of html.split(/(<[^>]*>)/)) {
    if (piece === "") continue;
    const tag = /^<(\/?)([a-z][a-z0-9]*)/i.exec(piece);
    if (!tag) {
      if (block !== "") block += piece;
      else if (depth > 0) addText(piece);
      else
        piece.split(/\n[ \t]*\n\s*/).forEach((part, i) => {
          if (i > 0) flush();
          addText(part);
        });
      continue;
    }
    const closing = tag[1] === "/";
    const name = tag[2]!.toLowerCase();
    if (depth === 0 && !closing && BLOCKS.has(name)) {
      flush();
      block = piece;
    } else if (block !== "") block += piece;
    else {
      run += piece;
      afterBreak = piece === BR;
    }
    if (!VOIDS.has(name)) depth = closing ? Math.max(0, depth - 1) : depth + 1;
    if (depth === 0 && block !== "") {
      out.push(block);
      block = "";
    }
  }
  if (block !== "") out.push(block);
  flush();
  return out.join("\n");
}

const BR = "<br />";

/**
 * A paragraph's inline run without the white space and line breaks at either end. Walked by hand:
 * a pattern anchored at the end (`(\s*<br \/>)+$`) is tried again from every position of a long
 * run of breaks, which made one preview of 127,000 `<br>` take 46 seconds.
 */
function trimBreaks(run: string): string {
  let start = 0;
  let end = run.length;
  for (;;) {
    while (start < end && /\s/.test(run[start]!)) start++;
    if (!run.startsWith(BR, start) || start + BR.length > end) break;
    start += BR.length;
  }
  for (;;) {
    while (end > start && /\s/.test(run[end - 1]!)) end--;
    if (end - BR.length < start || !run.endsWith(BR, end)) break;
    end -= BR.length;
  }
  return run.slice(start, end);
}

/** The reverse, for editing in plain-text mode: paragraphs back to blank lines. */
export function htmlToPlainText(html: string): string {
  return html
    .replace(/<br\s*\/?>\n?/gi, "\n")
    .replace(/<\/p>\s*<p[^>]*>/gi, "\n\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&(#[0-9]+|#x[0-9a-f]+|[a-z]+);/gi, decodeEntity)
    .trim();
}

const NAMED = new Map([
  ["amp", "&"],
  ["lt", "<"],
  ["gt", ">"],
  ["quot", '"'],
  ["apos", "'"],
  ["nbsp", "\u00a0"],
]);

/** One pass, so that `&amp;lt;` becomes `&lt;` and not `<`. */
function decodeEntity(entity: string, body: string): string {
  if (body[0] !== "#") return NAMED.get(body) ?? entity;
  const n = body[1] === "x" || body[1] === "X" ? Number.parseInt(body.slice(2), 16) : Number(body.slice(1));
  return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : entity;
}

/**
 * The key a title sorts by: NFC, lower case, leading articles and punctuation dropped, so "The
 * Adventure of the Empty House" sorts under A and "…and then" under "and".
 */
export function titleSortKey(title: string): string {
  const key = nameKey(title)
    .replace(/^[^\p{L}\p{N}]+/u, "")
    .replace(/^(the|a|an)\s+/u, "");
  // By code points: cutting between the halves of a surrogate pair would store invalid text.
  const cut = key.slice(0, 255);
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}
