import sanitizeHtml from "sanitize-html";

/**
 * HTML that has passed the archive allow-list. Only `sanitize*` below produce it, and views insert
 * raw HTML only from a SafeHtml (see `views/SafeHtml.tsx`).
 */
export type SafeHtml = string & { readonly __brand: "SafeHtml" };

const BASE_TAGS = [
  "a", "abbr", "acronym", "address", "b", "big", "blockquote", "br", "caption", "center", "cite", "code", "col",
  "colgroup", "details", "figcaption", "figure", "dd", "del", "dfn", "div", "dl", "dt", "em", "h1", "h2", "h3",
  "h4", "h5", "h6", "hr", "i", "ins", "kbd", "li", "ol", "p", "pre", "q", "rp", "rt", "ruby", "s", "samp",
  "small", "span", "strike", "strong", "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead",
  "tr", "tt", "u", "ul", "var",
]; // biome-ignore format: one list, as in DESIGN §5

const GLOBAL_ATTRS = ["align", "dir", "lang", "title"];

/** Where user HTML appears: work text and notes allow images and classes, comments neither. */
export type HtmlContext = "work" | "comment";

function options(context: HtmlContext): sanitizeHtml.IOptions {
  const withImages = context === "work";
  const globals = withImages ? [...GLOBAL_ATTRS, "class"] : GLOBAL_ATTRS;
  return {
    allowedTags: withImages ? [...BASE_TAGS, "img"] : BASE_TAGS,
    allowedAttributes: {
      "*": globals,
      a: [...globals, "href"],
      ...(withImages ? { img: [...globals, "src", "alt", "width", "height"] } : {}),
    },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { img: ["http", "https"] },
    allowedSchemesAppliedToAttributes: ["href", "src"],
    allowProtocolRelative: true,
    allowedClasses: withImages ? { "*": [/^[A-Za-z_][\w-]{0,63}$/] } : {},
    allowedStyles: {},
    // Drop the content of elements whose text is never meant to be read.
    nonTextTags: [
      "script",
      "style",
      "textarea",
      "option",
      "noscript",
      "template",
      "xmp",
      "iframe",
      "noembed",
      "noframes",
      "plaintext",
    ],
    // Void elements of the allow-list; `col` is missing from sanitize-html's default list.
    selfClosing: ["br", "col", "hr", "img"],
    disallowedTagsMode: "discard",
    enforceHtmlBoundary: false,
    parseStyleAttributes: false,
    transformTags: {
      // The archive decides `rel`, never the writer (a typed rel="opener" would survive otherwise).
      a: (tagName, attribs) => {
        const { rel: _typed, ...kept } = attribs;
        if (kept.href === undefined) return { tagName, attribs: kept };
        if (!isSafeHref(kept.href)) {
          const { href: _unsafe, ...rest } = kept;
          return { tagName, attribs: rest };
        }
        return { tagName, attribs: { ...kept, rel: "nofollow ugc" } };
      },
    },
    exclusiveFilter: (frame) => frame.tag === "img" && !isRemoteImage(frame.attribs.src),
  };
}

/**
 * A second, stricter look at a link than sanitize-html's own: with every kind of white space,
 * control and invisible character removed, anything that reads as a scheme must be http, https or
 * mailto. What is left is relative (or protocol-relative) and resolves to the archive's own scheme.
 */
function isSafeHref(href: string): boolean {
  const bare = href.replace(/[\s\p{Cc}\p{Cf}\p{Z}]/gu, "");
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(bare)?.[1]?.toLowerCase();
  return scheme === undefined || scheme === "http" || scheme === "https" || scheme === "mailto";
}

/**
 * An image must come from another site (http, https or protocol-relative). A relative src would
 * make every reader's browser request an archive page, e.g. a hundred e-book downloads per view.
 * The test reads the src as the URL parser does: tabs and newlines ignored, leading spaces trimmed.
 */
function isRemoteImage(src: string | undefined): boolean {
  if (!src) return false;
  const url = src.replace(/[\t\n\r]/g, "").replace(/^[\0-\x20]+/, "");
  return /^(https?:)?[\\/]{2}/i.test(url);
}

/**
 * C0 control characters other than tab, line feed and carriage return have no place in text:
 * PostgreSQL refuses NUL in text columns and XML (EPUB) refuses all of them. Lone surrogates
 * become U+FFFD so the text encodes as UTF-8 unchanged in both databases.
 */
export function stripControlCharacters(text: string): string {
  return (
    text
      // biome-ignore lint/suspicious/noControlCharactersInRegex: removing them is the point
      .replace(/[\0-\x08\x0B\x0C\x0E-\x1F\x7F]/g, "")
      .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, "\uFFFD")
  );
}

const workOptions = options("work");
const commentOptions = options("comment");
// transformTags runs before the attribute filter, so the `rel` it sets must be allowed on <a>.
for (const o of [workOptions, commentOptions]) {
  const attrs = o.allowedAttributes as Record<string, string[]>;
  attrs.a = [...(attrs.a ?? []), "rel"];
}

/** Sanitizes work-side HTML (chapter bodies, summaries, notes). */
export function sanitizeWorkHtml(html: string): SafeHtml {
  return sanitizeHtml(stripControlCharacters(html).normalize("NFC"), workOptions).trim() as SafeHtml;
}

/** Sanitizes a comment: the same list without images and classes. */
export function sanitizeCommentHtml(html: string): SafeHtml {
  return sanitizeHtml(stripControlCharacters(html).normalize("NFC"), commentOptions).trim() as SafeHtml;
}

/** Text with no markup at all, escaped: for places that take plain text only. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** Marks text produced by our own escaping as safe (never call it on user HTML). */
export function trustedHtml(html: string): SafeHtml {
  return html as SafeHtml;
}

export const EMPTY_HTML = "" as SafeHtml;
