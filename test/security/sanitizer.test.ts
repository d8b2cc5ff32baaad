import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { type AnyNode, type Element, hasChildren, isCDATA, isComment, isDirective, isTag } from "domhandler";
import { parseDocument } from "htmlparser2";
import {
  MAX_NESTING,
  type SafeHtml,
  sanitizeCommentHtml,
  sanitizeWorkHtml,
  USER_CLASS_PREFIX,
} from "../../src/lib/sanitize";
import { cpuMillis, HOSTILE_INPUT_BUDGET_MS } from "../helpers/budget";
import { vectors } from "./vectors";

// The allow-list of ARCHITECTURE.md, written out again so the test does not trust the code under test.
const TAGS = new Set(
  (
    "a abbr acronym address b big blockquote br caption center cite code col colgroup details figcaption " +
    "figure dd del dfn div dl dt em h1 h2 h3 h4 h5 h6 hr i ins kbd li ol p pre q rp rt ruby s samp small " +
    "span strike strong sub summary sup table tbody td tfoot th thead tr tt u ul var"
  ).split(" "),
);
const GLOBAL_ATTRS = ["align", "dir", "lang", "title"];

interface Context {
  name: "work" | "comment";
  sanitize: (html: string) => SafeHtml;
  images: boolean;
  classes: boolean;
}
const contexts: Context[] = [
  { name: "work", sanitize: sanitizeWorkHtml, images: true, classes: true },
  { name: "comment", sanitize: sanitizeCommentHtml, images: false, classes: false },
];

/** The archive's own address, against which relative links resolve as a reader's browser would. */
const PAGE = "https://archive.example/works/1/chapters/2";

function allowedAttributes(tag: string, ctx: Context): Set<string> {
  const attrs = [...GLOBAL_ATTRS, ...(ctx.classes ? ["class"] : [])];
  if (tag === "a") attrs.push("href", "rel");
  if (tag === "img") attrs.push("src", "alt", "width", "height");
  return new Set(attrs);
}

function* walk(nodes: AnyNode[]): Generator<AnyNode> {
  for (const node of nodes) {
    yield node;
    if (hasChildren(node)) yield* walk(node.children);
  }
}

/** What a link's scheme is once entities are decoded and invisible characters dropped. */
function schemeOf(url: string): string | undefined {
  const bare = url.replace(/[\s\p{Cc}\p{Cf}\p{Z}]/gu, "");
  return /^([a-z][a-z0-9+.-]*):/i.exec(bare)?.[1]?.toLowerCase();
}

function resolvedProtocol(url: string): string | undefined {
  try {
    return new URL(url, PAGE).protocol;
  } catch {
    return undefined; // a URL the browser cannot parse goes nowhere
  }
}

/** Every rule of the allow-list, checked on the parsed output; returns what broke them. */
function violations(html: string, ctx: Context): string[] {
  const found: string[] = [];
  // htmlparser2 decodes entities in text and attribute values, as a browser does.
  const doc = parseDocument(html);
  for (const node of walk(doc.children)) {
    if (isComment(node) || isCDATA(node) || isDirective(node)) found.push(`markup declaration ${node.type}`);
    if (!isTag(node)) continue;
    const el: Element = node;
    const tag = el.name.toLowerCase();
    const imageAllowed = tag === "img" && ctx.images;
    if (!TAGS.has(tag) && !imageAllowed) found.push(`element <${tag}>`);
    const allowed = allowedAttributes(tag, ctx);
    for (const name of Object.keys(el.attribs)) {
      if (/^on/i.test(name)) found.push(`handler ${name} on <${tag}>`);
      if (name === "style") found.push(`style on <${tag}>`);
      if (!allowed.has(name)) found.push(`attribute ${name} on <${tag}>`);
    }
    const href = el.attribs.href;
    if (href !== undefined) {
      const scheme = schemeOf(href);
      if (scheme !== undefined && !["http", "https", "mailto"].includes(scheme))
        found.push(`href scheme ${scheme}`);
      const protocol = resolvedProtocol(href);
      if (protocol !== undefined && !["http:", "https:", "mailto:"].includes(protocol)) {
        found.push(`href resolves to ${protocol}`);
      }
      if (el.attribs.rel !== "nofollow ugc") found.push(`link without rel="nofollow ugc": ${href}`);
    }
    if (tag === "img") {
      const src = el.attribs.src ?? "";
      if (!/^(https?:)?[\\/]{2}/i.test(src.replace(/[\t\n\r]/g, "").trimStart()))
        found.push(`img src "${src}"`);
      const protocol = resolvedProtocol(src);
      if (protocol !== "http:" && protocol !== "https:") found.push(`img src resolves to ${protocol}`);
    }
    if (!ctx.classes && "class" in el.attribs) found.push("class in a comment");
  }
  return found;
}

describe("the sanitizer against hostile HTML", () => {
  it("has a large set of named vectors", () => {
    assert.ok(vectors.length >= 120, `only ${vectors.length} vectors`);
    assert.equal(new Set(vectors.map((v) => v.name)).size, vectors.length, "vector names repeat");
  });

  it("the checks catch what they look for", () => {
    const work = contexts[0]!;
    const comment = contexts[1]!;
    assert.deepEqual(violations('<img src="x" onerror="xss()">', work), [
      "handler onerror on <img>",
      "attribute onerror on <img>",
      'img src "x"',
    ]);
    assert.deepEqual(violations('<a href="java&#9;script:xss()" rel="nofollow ugc">x</a>', work), [
      "href scheme javascript",
      "href resolves to javascript:",
    ]);
    assert.deepEqual(violations("<svg></svg><!-- c -->", work), [
      "element <svg>",
      "markup declaration comment",
    ]);
    assert.deepEqual(violations('<p class="x" style="color:red">x</p>', comment), [
      "attribute class on <p>",
      "style on <p>",
      "attribute style on <p>",
      "class in a comment",
    ]);
    assert.deepEqual(violations('<a href="/x">x</a>', work), ['link without rel="nofollow ugc": /x']);
    assert.deepEqual(violations('<img src="https://example.com/a.png">', comment), ["element <img>"]);
  });

  for (const ctx of contexts) {
    describe(`in ${ctx.name} HTML`, () => {
      for (const vector of vectors) {
        it(vector.name, () => {
          const out = ctx.sanitize(vector.html);
          assert.deepEqual(violations(out, ctx), [], `output: ${out}`);
          assert.doesNotMatch(out, /<\s*(script|style|svg|math|iframe)/i, `output: ${out}`);
          assert.doesNotMatch(out, /\0/, "NUL survived");
          // Sanitizing the output again changes nothing: the markup reads the same every time.
          assert.equal(ctx.sanitize(out), out);
        });
      }
    });
  }
});

/** [what, input, work output (the input when left out), comment output (the work output when left out)] */
const kept: [string, string, string?, string?][] = [
  [
    "inline formatting",
    "<p>Plain <em>em</em> <strong>strong</strong> <b>b</b> <i>i</i> <u>u</u> <s>s</s> <strike>st</strike> " +
      "<del>del</del> <ins>ins</ins> <small>sm</small> <big>bg</big> <sub>2</sub> <sup>3</sup> <tt>tt</tt> " +
      "<code>code</code> <kbd>kbd</kbd> <samp>samp</samp> <var>v</var> <cite>cite</cite> <dfn>dfn</dfn> " +
      '<abbr title="abbreviation">abbr</abbr> <acronym title="acronym">ac</acronym> <q>q</q> <span>sp</span></p>',
  ],
  ["blockquote", "<blockquote><p>Quoted.</p><p>Twice.</p></blockquote>"],
  [
    "a whole table",
    "<table><caption>Cap</caption><colgroup><col /></colgroup><thead><tr><th>H</th></tr></thead>" +
      "<tbody><tr><td>D</td></tr></tbody><tfoot><tr><td>F</td></tr></tfoot></table>",
  ],
  ["lists", "<ul><li>a</li><li>b</li></ul><ol><li>one</li></ol><dl><dt>term</dt><dd>meaning</dd></dl>"],
  ["ruby", "<ruby>漢<rp>(</rp><rt>kan</rt><rp>)</rp>字<rt>ji</rt></ruby>"],
  ["details and summary", "<details><summary>More</summary><p>Hidden until opened.</p></details>"],
  ["headings", "<h1>1</h1><h2>2</h2><h3>3</h3><h4>4</h4><h5>5</h5><h6>6</h6>"],
  ["rules and breaks", "<p>line<br />line</p><hr /><p>after</p>"],
  ["block containers", "<div><address>Addr</address><center>C</center><pre>  pre\n  formatted</pre></div>"],
  ["figure", "<figure><figcaption>Caption</figcaption></figure>"],
  [
    "image with alt, width and height",
    '<p><img src="https://example.com/a.png" alt="A cat" width="100" height="50" /></p>',
    undefined,
    "<p></p>",
  ],
  ["protocol-relative image", '<img src="//example.com/b.png" alt="B" />', undefined, ""],
  [
    "link with title",
    '<a href="https://example.com/x?a=1&amp;b=2" title="Example">x</a>',
    '<a href="https://example.com/x?a=1&amp;b=2" title="Example" rel="nofollow ugc">x</a>',
  ],
  [
    "mailto, relative, fragment and protocol-relative links",
    '<a href="mailto:me@example.com">m</a><a href="/works/1">r</a><a href="#note1">f</a><a href="//example.org/">p</a>',
    '<a href="mailto:me@example.com" rel="nofollow ugc">m</a><a href="/works/1" rel="nofollow ugc">r</a>' +
      '<a href="#note1" rel="nofollow ugc">f</a><a href="//example.org/" rel="nofollow ugc">p</a>',
  ],
  [
    "dir, lang, align and title",
    '<p dir="rtl" lang="ar" align="center" title="Greeting">مرحبا</p><div align="right"><span lang="ja">日本語</span></div>',
  ],
  [
    "classes in work HTML only, under the user- prefix",
    '<p class="poem stanza-2">Verse</p>',
    '<p class="user-poem user-stanza-2">Verse</p>',
    "<p>Verse</p>",
  ],
  ["escaped characters and typography", "<p>5 &lt; 6 &amp; 7 &gt; 3 “curly” ‘single’ — dash … ellipsis</p>"],
  ["decomposed é made NFC", "<p>cafe\u0301</p>", "<p>café</p>"],
];

describe("the sanitizer keeps the allowed markup", () => {
  for (const [what, input, work, comment] of kept) {
    const expectedWork = work ?? input;
    it(`${what} (work)`, () => {
      assert.equal(sanitizeWorkHtml(input), expectedWork);
    });
    it(`${what} (comment)`, () => {
      assert.equal(sanitizeCommentHtml(input), comment ?? expectedWork);
    });
  }

  it("sets rel itself, whatever the writer typed", () => {
    assert.equal(
      sanitizeWorkHtml('<a href="https://example.com/" rel="opener noreferrer">x</a>'),
      '<a href="https://example.com/" rel="nofollow ugc">x</a>',
    );
    assert.equal(sanitizeWorkHtml('<a rel="opener">x</a>'), "<a>x</a>");
  });

  it("drops images that would load an archive page", () => {
    assert.equal(sanitizeWorkHtml('<img src="/works/1/download.epub" alt="x" />'), "");
    assert.equal(sanitizeWorkHtml('<img src="download.epub" alt="x" />'), "");
  });
});

describe("classes in user HTML", () => {
  it("are prefixed, so text cannot borrow the archive's styles", () => {
    assert.equal(
      sanitizeWorkHtml('<p class="flash">Your session has ended: sign in again</p>'),
      '<p class="user-flash">Your session has ended: sign in again</p>',
    );
    assert.equal(
      sanitizeWorkHtml('<a class="button userstuff" href="https://example.com/">x</a>'),
      '<a class="user-button user-userstuff" href="https://example.com/" rel="nofollow ugc">x</a>',
    );
    // Saved text keeps its classes as they are when it is edited and sanitized again.
    assert.equal(sanitizeWorkHtml('<span class="user-poem">x</span>'), '<span class="user-poem">x</span>');
    assert.equal(sanitizeWorkHtml('<span class="-x 9 user-">x</span>'), "<span>x</span>");
  });

  it("match no selector of the archive's style sheet", () => {
    const css = readFileSync(new URL("../../public/quire.css", import.meta.url), "utf8").replace(
      /\/\*[\s\S]*?\*\//g,
      "",
    );
    const classes = [...css.matchAll(/\.(-?[A-Za-z_][\w-]*)/g)].map((m) => m[1]!);
    assert.ok(classes.includes("flash") && classes.includes("userstuff"), "the style sheet was not read");
    assert.deepEqual(
      classes.filter((c) => c.startsWith(USER_CLASS_PREFIX)),
      [],
      "the archive's styles must leave the user- prefix to writers",
    );
    // Attribute selectors on class or id could match a prefixed class too.
    assert.doesNotMatch(css, /\[\s*(class|id)\b/i);
  });
});

describe("text the sanitizer keeps", () => {
  /** [what, input, work output] */
  const cases: [string, string, string][] = [
    [
      "text after a noscript whose end tag sits in an attribute",
      '<noscript><p title="</noscript><img src=x onerror=alert(1)>">Still here.</p>And after.',
      '<p title="&lt;/noscript&gt;&lt;img src=x onerror=alert(1)&gt;">Still here.</p>And after.',
    ],
    ["noscript", "<noscript>seen without scripts</noscript> after", "seen without scripts after"],
    ["textarea", "<textarea>typed <b>here</b></textarea> after", "typed &lt;b&gt;here&lt;/b&gt; after"],
    ["xmp", "<xmp>a <i>b</i></xmp> after", "a &lt;i&gt;b&lt;/i&gt; after"],
    ["plaintext", "<plaintext>to the end", "to the end"],
    ["noembed and noframes", "<noembed>one</noembed> <noframes>two</noframes>", "one two"],
    ["template", "<template><p>kept</p></template>", "<p>kept</p>"],
    ["title", "<title>A title</title> text", "A title text"],
    ["option and select", "<select><option>first</option><option>second</option></select>", "firstsecond"],
    ["unknown elements", "<aside><font color=red>red</font> <marquee>moving</marquee></aside>", "red moving"],
    ["iframe", "<iframe>fallback</iframe>", "fallback"],
  ];
  for (const [what, input, out] of cases) {
    it(what, () => {
      assert.equal(sanitizeWorkHtml(input), out);
      assert.equal(sanitizeWorkHtml(out), out);
    });
  }

  it("drops scripts and style sheets, which are code", () => {
    assert.equal(sanitizeWorkHtml("a<script>alert(1)</script>b<style>p{color:red}</style>c"), "abc");
  });
});

describe("deeply nested markup", () => {
  it("is cut at the nesting limit, keeping every word", () => {
    const words = Array.from({ length: 300 }, (_, i) => `w${i}`);
    const out = sanitizeWorkHtml(words.map((w) => `<div>${w} `).join(""));
    for (const w of words) assert.ok(out.includes(`${w} `), w);
    assert.equal((out.match(/<div>/g) ?? []).length, MAX_NESTING);
    assert.equal(sanitizeWorkHtml(out), out);
  });

  it("keeps sibling paragraphs and list items that close themselves", () => {
    const html = `${"<p>x".repeat(500)}<ul>${"<li>y".repeat(500)}</ul>`;
    const out = sanitizeWorkHtml(html);
    assert.equal((out.match(/<p>/g) ?? []).length, 500);
    assert.equal((out.match(/<li>/g) ?? []).length, 500);
  });

  for (const [what, html] of [
    ["100,000 nested <div>", "<div>".repeat(102_000)],
    ["nested <b> then unmatched closing tags", "<b>".repeat(85_000) + "</i>".repeat(63_000)],
    ["end tags hidden in attributes", '<b title="</b>">'.repeat(31_000)],
    ["nested tables", "<table><tr><td>".repeat(34_000)],
  ] as const) {
    it(`takes linear time: ${what}`, () => {
      assert.ok(html.length <= 510_000);
      const ms = cpuMillis(() => sanitizeWorkHtml(html));
      assert.ok(ms < HOSTILE_INPUT_BUDGET_MS, `took ${ms.toFixed(0)} ms`);
    });
  }
});
