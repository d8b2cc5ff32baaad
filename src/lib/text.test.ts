import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { cpuMillis, HOSTILE_INPUT_BUDGET_MS } from "../../test/helpers/budget";
import {
  htmlToPlainText,
  invisibleCharacter,
  nameKey,
  normalizeName,
  normalizeText,
  normalizeTitle,
  titleSortKey,
  toSafeHtml,
} from "./text";

describe("toSafeHtml in plain-text mode", () => {
  const plain = (text: string) => toSafeHtml(text, "plain");

  it("makes a paragraph of each block of lines and a <br> of each single line break", () => {
    assert.equal(
      plain("First line\nsecond line\n\nNew paragraph"),
      "<p>First line<br />\nsecond line</p>\n<p>New paragraph</p>",
    );
  });

  it("treats several blank lines, or blank lines holding spaces, as one break", () => {
    assert.equal(plain("one\n\n\n\ntwo\n  \t\nthree"), "<p>one</p>\n<p>two</p>\n<p>three</p>");
  });

  it("drops white space around the text and around each paragraph", () => {
    assert.equal(plain("  \n\n  Hello.  \n\n\n   Bye.  \n\n "), "<p>Hello.</p>\n<p>Bye.</p>");
    assert.equal(plain(" \n\t\n "), "");
  });

  it("reads Windows and old Mac line endings as line breaks", () => {
    assert.equal(plain("a\r\nb\r\n\r\nc"), "<p>a<br />\nb</p>\n<p>c</p>");
    assert.equal(plain("a\rb"), "<p>a<br />\nb</p>");
  });

  it("shows markup typed in plain text as text", () => {
    const html = plain('I typed <b>bold</b> & <script>alert("x")</script>');
    assert.equal(
      html,
      '<p>I typed &lt;b&gt;bold&lt;/b&gt; &amp; &lt;script&gt;alert("x")&lt;/script&gt;</p>',
    );
    assert.doesNotMatch(html, /<b>|<script/);
  });

  it("keeps curly quotes, dashes and ellipses as typed", () => {
    const text = "“Well,” she said — ‘maybe’… it’s fine–ish.";
    assert.equal(plain(text), `<p>${text}</p>`);
  });

  it("keeps Chinese, Japanese, Russian and Arabic text unchanged", () => {
    for (const text of [
      "他们在雨中走了很久。",
      "雨の中を長い間歩いた。",
      "Они долго шли под дождём.",
      "مشوا طويلا تحت المطر.",
    ]) {
      assert.equal(plain(text), `<p>${text}</p>`);
    }
  });

  it("normalises a decomposed é to NFC", () => {
    const decomposed = "Ele\u0301onore";
    const html = plain(decomposed);
    assert.equal(html, "<p>El\u00e9onore</p>");
    assert.ok(html.includes("\u00e9") && !html.includes("\u0301"));
  });

  it("drops control characters that the databases or EPUB refuse", () => {
    assert.equal(plain("a\u0000b\u0007c\u001bd"), "<p>abcd</p>");
  });
});

describe("toSafeHtml in HTML mode", () => {
  const html = (text: string) => toSafeHtml(text, "html");

  it("sanitizes", () => {
    assert.equal(
      html('<p onclick="x()">Hi <script>alert(1)</script><a href="javascript:x()">link</a></p>'),
      "<p>Hi <a>link</a></p>",
    );
  });

  it("keeps block markup as written", () => {
    assert.equal(
      html("<p>One</p>\n<blockquote><p>Two</p></blockquote>"),
      "<p>One</p>\n<blockquote><p>Two</p></blockquote>",
    );
  });

  it("wraps bare text into paragraphs", () => {
    assert.equal(html("Just some text"), "<p>Just some text</p>");
    assert.equal(
      html("Hello <em>you</em>\nthere\n\nNext"),
      "<p>Hello <em>you</em><br />\nthere</p>\n<p>Next</p>",
    );
  });

  it("wraps bare text that sits between block elements", () => {
    assert.equal(
      html("Before the quote\n\n<blockquote>Quoted</blockquote>\nAfter <b>it</b>\n\n<hr>Last"),
      "<p>Before the quote</p>\n<blockquote>Quoted</blockquote>\n<p>After <b>it</b></p>\n<hr />\n<p>Last</p>",
    );
  });

  it("does not double a typed <br> followed by a newline", () => {
    assert.equal(html("one<br>\ntwo"), "<p>one<br />\ntwo</p>");
  });

  it("leaves text inside block elements alone", () => {
    assert.equal(html("<pre>a\n\nb</pre>"), "<pre>a\n\nb</pre>");
  });

  it("paragraphs a chapter-long run of line breaks in linear time", () => {
    // 508 KB of <br>: the paragraph step once took 46 seconds over it, holding up every request.
    const text = `x${"<br>".repeat(127_000)}y`;
    let out = "";
    const ms = cpuMillis(() => {
      out = html(text);
    });
    assert.ok(ms < HOSTILE_INPUT_BUDGET_MS, `took ${ms.toFixed(0)} ms`);
    assert.equal(out, `<p>x${"<br />".repeat(127_000)}y</p>`);
    assert.equal(html("<br><br>\n a <br>\n<br> b <br> \n"), "<p>a <br />\n<br /> b</p>");
  });

  it("gives nothing for nothing", () => {
    assert.equal(html("   "), "");
    assert.equal(html("<script>alert(1)</script>"), "");
  });
});

describe("names", () => {
  it("normalizeName trims, collapses inner white space and makes NFC", () => {
    assert.equal(normalizeName("  Harry \t  Potter\n"), "Harry Potter");
    assert.equal(normalizeName("Chlo\u0065\u0301"), "Chlo\u00e9");
    assert.equal(normalizeName("a\u00a0\u00a0b"), "a b");
    assert.equal(normalizeName("x\u0000y"), "xy");
  });

  it("nameKey ignores case, also outside ASCII", () => {
    assert.equal(nameKey("Harry Potter"), nameKey("hARRY pOTTER"));
    assert.equal(nameKey("ÉLISE"), nameKey("élise"));
    assert.equal(nameKey("E\u0301LISE"), nameKey("\u00e9lise"));
    assert.equal(nameKey("ΣΟΦΙΑ"), nameKey("σοφια"));
    assert.equal(nameKey("ДРАКО"), nameKey("драко"));
  });

  it("nameKey folds what lower case alone misses", () => {
    assert.equal(nameKey("STRASSE"), nameKey("Straße"));
    assert.equal(nameKey("ΟΔΟΣ"), nameKey("οδοσ"));
  });

  it("nameKey keeps different names apart", () => {
    assert.notEqual(nameKey("Élise"), nameKey("Elise"));
    assert.notEqual(nameKey("Işık"), nameKey("Isik"));
    assert.notEqual(nameKey("Draco"), nameKey("Drago"));
  });
});

describe("titles and invisible characters", () => {
  it("normalizeTitle drops direction overrides, embeddings and isolates", () => {
    assert.equal(normalizeTitle("\u202Eesrever ni\u202C"), "esrever ni");
    assert.equal(normalizeTitle(" A\u202A  B\u202B\u202D C\u2066D\u2067E\u2068F\u2069 "), "A B CDEF");
    // Marks that set the direction of one spot (RLM, LRM) are not overrides: they stay.
    assert.equal(normalizeTitle("שלום\u200F!"), "שלום\u200F!");
  });

  it("invisibleCharacter names the first character that shows nothing", () => {
    assert.equal(invisibleCharacter("Sherlock Holmes"), null);
    assert.equal(invisibleCharacter("Sherlock\u200B Holmes"), "U+200B");
    assert.equal(invisibleCharacter("x\uFEFF\u202E"), "U+FEFF");
    assert.equal(invisibleCharacter("🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}"), null);
    assert.equal(invisibleCharacter("x\u{E0067}"), "U+E0067");
  });
});

describe("htmlToPlainText", () => {
  it("gives back what was typed in plain-text mode", () => {
    for (const text of [
      "First line\nsecond line\n\nNew paragraph",
      'Typed <b>tags</b>, "quotes", it\'s & &amp; &lt; too',
      "“Curly” — dashes… 他们 Они مشوا",
      "One\n\nTwo\n\nThree",
    ]) {
      assert.equal(htmlToPlainText(toSafeHtml(text, "plain")), text);
    }
  });

  it("decodes references once only", () => {
    assert.equal(
      htmlToPlainText("<p>&amp;lt; &#60; &#x3c; &#128512; &nbsp;&constructor;</p>"),
      "&lt; < < 😀 \u00a0&constructor;",
    );
  });
});

describe("normalizeText", () => {
  it("keeps tabs and newlines and removes other control characters", () => {
    assert.equal(normalizeText("a\tb\r\nc\u0000d\u007f"), "a\tb\ncd");
  });

  it("replaces a lone surrogate, which UTF-8 cannot hold", () => {
    assert.equal(normalizeText("a\ud800b"), "a\ufffdb");
    assert.equal(normalizeText("😀"), "😀");
  });
});

describe("titleSortKey", () => {
  it("drops leading articles and punctuation, and folds case", () => {
    assert.equal(titleSortKey("The Adventure"), "adventure");
    assert.equal(titleSortKey("…and then"), "and then");
  });

  it("cuts at 255 code units without splitting a character in two", () => {
    // Case folding lengthens ß to ss, so a 255-character title can give a longer key.
    const key = titleSortKey(`ß${"a".repeat(252)}\u{1F600}`);
    assert.ok(key.length <= 255);
    assert.doesNotMatch(key, /[\uD800-\uDBFF]$/);
    assert.equal(titleSortKey(`${"a".repeat(253)}\u{1F600}`), `${"a".repeat(253)}\u{1F600}`);
  });
});
