import { Tokenizer } from "htmlparser2";
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
]; // biome-ignore format: one list, as ARCHITECTURE.md gives it

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
    allowedClasses: withImages ? { "*": [USER_CLASS] } : {},
    allowedStyles: {},
    // Scripts and style sheets are code and go with their tags. Every other element that is not
    // allowed leaves its text behind, escaped (noscript, textarea, xmp, template, title…): a
    // writer's words never vanish, even where a browser would not have shown them.
    nonTextTags: ["script", "style"],
    // Void elements of the allow-list; `col` is missing from sanitize-html's default list.
    selfClosing: ["br", "col", "hr", "img"],
    disallowedTagsMode: "discard",
    enforceHtmlBoundary: false,
    parseStyleAttributes: false,
    transformTags: {
      // The archive decides `rel`, never the writer (a typed rel="opener" would survive otherwise).
      a: (tagName, typed) => {
        const { rel: _typed, ...kept } = withImages ? prefixClasses(typed) : typed;
        if (kept.href === undefined) return { tagName, attribs: kept };
        // An empty href links nowhere: dropped, so sanitizing the result again changes nothing.
        if (kept.href.trim() === "" || !isSafeHref(kept.href)) {
          const { href: _unsafe, ...rest } = kept;
          return { tagName, attribs: rest };
        }
        return { tagName, attribs: { ...kept, rel: "nofollow ugc" } };
      },
      ...(withImages
        ? {
            "*": (tagName: string, attribs: sanitizeHtml.Attributes) => ({
              tagName,
              attribs: prefixClasses(attribs),
            }),
          }
        : {}),
    },
    exclusiveFilter: (frame) => frame.tag === "img" && !isRemoteImage(frame.attribs.src),
  };
}

/**
 * The prefix of every class in user HTML. The archive's own style sheet never uses it, so a chapter
 * cannot dress text up as the archive's messages (`class="flash"` becomes `user-flash`), and a work
 * skin can still style the writer's classes by their prefixed names.
 */
export const USER_CLASS_PREFIX = "user-";
const USER_CLASS = /^user-[A-Za-z_][\w-]{0,63}$/;

/** Each class given its prefix once (a class already prefixed, as in saved text, is kept). */
function prefixClasses(attribs: sanitizeHtml.Attributes): sanitizeHtml.Attributes {
  if (attribs.class === undefined) return attribs;
  const classes = attribs.class
    .split(/[\t\n\f\r ]+/)
    .filter((c) => c !== "")
    .map((c) => (c.startsWith(USER_CLASS_PREFIX) ? c : USER_CLASS_PREFIX + c));
  return { ...attribs, class: classes.join(" ") };
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
  return sanitizeHtml(
    limitNesting(stripControlCharacters(html).normalize("NFC")),
    workOptions,
  ).trim() as SafeHtml;
}

/** Sanitizes a comment: the same list without images and classes. */
export function sanitizeCommentHtml(html: string): SafeHtml {
  return sanitizeHtml(
    limitNesting(stripControlCharacters(html).normalize("NFC")),
    commentOptions,
  ).trim() as SafeHtml;
}

/** Deeper than any writer nests markup; the parser's cost per element grows with the depth. */
export const MAX_NESTING = 100;

// The parser's own rules (htmlparser2's Parser): elements that never hold others, elements that
// hold raw text to their end tag, and the open elements a new element closes.
const VOID_ELEMENTS = new Set(
  "area base basefont br col command embed frame hr image img input isindex keygen link meta param source track wbr".split(
    " ",
  ),
);
const RAW_TEXT = new Set(["script", "style", "title", "textarea", "xmp"]);
const closing = (names: string) => new Set(names.split(" "));
const P = closing("p");
const FORM = closing("input option optgroup select button datalist textarea");
const IMPLIED_CLOSES = new Map<string, Set<string>>([
  ["tr", closing("tr th td")], ["th", closing("th")], ["td", closing("thead th td")],
  ["body", closing("head link script")], ["li", closing("li")], ["option", closing("option")],
  ["optgroup", closing("optgroup option")], ["dd", closing("dd dt")], ["dt", closing("dd dt")],
  ["rt", closing("rt rp")], ["rp", closing("rt rp")], ["tbody", closing("thead tbody")], ["tfoot", closing("thead tbody")],
  ...["select", "input", "output", "button", "datalist", "textarea"].map((n) => [n, FORM] as [string, Set<string>]),
  ...("p h1 h2 h3 h4 h5 h6 address article aside blockquote details div dl fieldset figcaption figure footer form " +
    "header hr main nav ol pre section table ul").split(" ").map((n) => [n, P] as [string, Set<string>]),
]); // biome-ignore format: tables

/**
 * Removes the start tags that would open an element deeper than MAX_NESTING (their text stays).
 * The HTML parser keeps its open elements in an array it shifts at the front, so each element
 * opened costs as much as the depth: 100,000 nested `<div>` took minutes. This pass reads the
 * text with the parser's own tokenizer and follows its stack (pushed and popped at the end, with a
 * count per name), counting an element as open wherever the parser might: its depth is never
 * below the parser's. What it removes is only ever a whole start tag, and the sanitizer still
 * reads the rest.
 */
function limitNesting(html: string): string {
  if (html.length < MAX_NESTING * 3) return html; // too short to nest that deep
  const stack: string[] = [];
  const open = new Map<string, number>();
  const cuts: number[] = [];
  let cutFrom = -1;
  const pop = () => {
    const name = stack.pop()!;
    open.set(name, open.get(name)! - 1);
    return name;
  };
  const endOfStartTag = (end: number) => {
    if (cutFrom >= 0) cuts.push(cutFrom, end + 1);
    cutFrom = -1;
  };
  const ignore = () => {};
  const tokenizer = new Tokenizer(
    { decodeEntities: true },
    {
      onopentagname(start, end) {
        const name = html.slice(start, end).toLowerCase();
        cutFrom = -1;
        if (VOID_ELEMENTS.has(name)) return;
        if (stack.length >= MAX_NESTING && !RAW_TEXT.has(name)) {
          cutFrom = start - 1; // its `<`
          return;
        }
        const closes = IMPLIED_CLOSES.get(name);
        if (closes) while (stack.length > 0 && closes.has(stack[stack.length - 1]!)) pop();
        stack.push(name);
        open.set(name, (open.get(name) ?? 0) + 1);
      },
      onopentagend: endOfStartTag,
      onselfclosingtag: endOfStartTag,
      onclosetag(start, end) {
        const name = html.slice(start, end).toLowerCase();
        if ((open.get(name) ?? 0) > 0) while (pop() !== name);
      },
      onattribdata: ignore,
      onattribentity: ignore,
      onattribend: ignore,
      onattribname: ignore,
      oncdata: ignore,
      oncomment: ignore,
      ondeclaration: ignore,
      onend: ignore,
      onprocessinginstruction: ignore,
      ontext: ignore,
      ontextentity: ignore,
    },
  );
  tokenizer.write(html);
  tokenizer.end();
  if (cuts.length === 0) return html;
  const kept: string[] = [];
  let from = 0;
  for (let i = 0; i < cuts.length; i += 2) {
    kept.push(html.slice(from, cuts[i]));
    from = cuts[i + 1]!;
  }
  kept.push(html.slice(from));
  return kept.join("");
}

/** Text with no markup at all, escaped: for places that take plain text only. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
