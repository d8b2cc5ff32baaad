import { escapeHtml, type SafeHtml, sanitizeWorkHtml } from "./sanitize";

/** NFC, trimmed, inner white space collapsed: the form of every name (login, pseud, tag, title). */
export function normalizeName(text: string): string {
  return text.normalize("NFC").replace(/\s+/gu, " ").trim();
}

/** The key that makes names unique regardless of case: NFC plus Unicode case folding. */
export function nameKey(text: string): string {
  return normalizeName(text).toLowerCase().normalize("NFC");
}

/** NFC and Windows line endings made Unix; other characters survive unchanged. */
export function normalizeText(text: string): string {
  return text.normalize("NFC").replace(/\r\n?/g, "\n");
}

export type TextFormat = "html" | "plain";

/**
 * Turns what a writer typed into safe HTML. Plain text: blank lines make paragraphs and single line
 * breaks become `<br>`. HTML: sanitized; a text without block markup still gets paragraphs.
 */
export function toSafeHtml(text: string, format: TextFormat): SafeHtml {
  const t = normalizeText(text).trim();
  if (t === "") return "" as SafeHtml;
  if (format === "plain") return sanitizeWorkHtml(paragraphs(escapeHtml(t)));
  const hasBlocks =
    /<(p|div|br|blockquote|h[1-6]|ul|ol|table|pre|hr|dl|details|figure|center|address)\b/i.test(t);
  return sanitizeWorkHtml(hasBlocks ? t : paragraphs(t));
}

function paragraphs(escaped: string): string {
  return escaped
    .split(/\n[ \t]*\n+/)
    .map((p) => p.trim())
    .filter((p) => p !== "")
    .map((p) => `<p>${p.replace(/\n/g, "<br>\n")}</p>`)
    .join("\n");
}

/** The reverse, for editing in plain-text mode: paragraphs back to blank lines. */
export function htmlToPlainText(html: string): string {
  return html
    .replace(/<br\s*\/?>\n?/gi, "\n")
    .replace(/<\/p>\s*<p[^>]*>/gi, "\n\n")
    .replace(/<[^>]+>/g, "")
    .replace(/&#(\d+);/g, (_, n) => String.fromCharCode(Number(n)))
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, "&")
    .trim();
}
