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
    disallowedTagsMode: "discard",
    enforceHtmlBoundary: false,
    parseStyleAttributes: false,
    transformTags: {
      a: (tagName, attribs) => {
        if (attribs.href !== undefined) attribs.rel = "nofollow ugc";
        return { tagName, attribs };
      },
    },
    exclusiveFilter: (frame) => frame.tag === "img" && !frame.attribs.src,
  };
}

const workOptions = options("work");
const commentOptions = options("comment");
// `rel` is added by transformTags after the attribute filter ran, so it must be allowed on <a>.
for (const o of [workOptions, commentOptions]) {
  const attrs = o.allowedAttributes as Record<string, string[]>;
  attrs.a = [...(attrs.a ?? []), "rel"];
}

/** Sanitizes work-side HTML (chapter bodies, summaries, notes). */
export function sanitizeWorkHtml(html: string): SafeHtml {
  return sanitizeHtml(html.normalize("NFC"), workOptions).trim() as SafeHtml;
}

/** Sanitizes a comment: the same list without images and classes. */
export function sanitizeCommentHtml(html: string): SafeHtml {
  return sanitizeHtml(html.normalize("NFC"), commentOptions).trim() as SafeHtml;
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
