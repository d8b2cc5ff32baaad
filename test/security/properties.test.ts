// Every transform of user text, fed random and hostile input: it answers (or refuses in the
// documented way), its output keeps its promises, and the longest hostile input a field takes is
// handled in a generous budget of processor time (the point is milliseconds, not seconds).
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { type AnyNode, hasChildren, isTag } from "domhandler";
import fc from "fast-check";
import { HTTPException } from "hono/http-exception";
import { parseDocument } from "htmlparser2";
import { CHAPTER_LIMITS } from "../../src/core/chapter/content";
import { PARAM, QUERY_MAX, readListingFilters, TAG_ID_PARAMS } from "../../src/features/browse/schema";
import { splitTagList, TAG_NAME_MAX, tagNameProblem } from "../../src/features/tags/tags";
import { NOTES_MAX, SUMMARY_MAX } from "../../src/features/works/schema";
import { sanitizeCommentHtml, sanitizeWorkHtml } from "../../src/lib/sanitize";
import { htmlToPlainText, nameKey, normalizeName, normalizeTitle, toSafeHtml } from "../../src/lib/text";
import { countWords } from "../../src/lib/wordcount";
import { parseSearchQuery, toFts5, toTsquery } from "../../src/search/syntax";
import { cpuMillis, HOSTILE_INPUT_BUDGET_MS } from "../helpers/budget";

const RUNS = { numRuns: 150 };

/** Pieces HTML is made of, good and bad, so that random strings reach the parser's corners. */
const PIECES = [
  "<p>", "</p>", "<br>", "<br />", "<div>", "</div>", "<b>", "</b>", "<em>", "</i>", "<a href=\"", "\">",
  "<a href=\"javascript:alert(1)\">", "</a>", "<img src=x onerror=alert(1)>", "<img src=\"//x/y.png\">",
  "<script>", "</script>", "<style>", "</style>", "<noscript>", "</noscript>", "<textarea>", "<xmp>",
  "<template>", "<svg onload=alert(1)>", "<math>", "<iframe>", "<!--", "-->", "<![CDATA[", "]]>", "<?x", "<!x",
  "<p class=\"", "flash", "\" title=\"", "\" onclick=\"x()\"", " onmouseover=alert(1) ", "<", ">", "/", "\"",
  "'", "=", "&", "&amp;", "&lt;", "&#60;", "&#x3c;", "&nbsp;", "&rsquo;", "\n", "\n\n", " ", "\t", "\r\n",
  "\u0000", "\u202e", "\u200b", "\ud800", "word", "don't", "well-known", "中文", "日本語", "ไทย", "é", "e\u0301",
  "<table>", "<tr>", "<td>", "<li>", "<ul>", "<pre>", "<details>", "<summary>", "<col>", "<hr>",
]; // biome-ignore format: one list

const htmlish = fc
  .array(
    fc.oneof(
      fc.constantFrom(...PIECES),
      fc.string({ maxLength: 6 }),
      fc.string({ unit: "binary", maxLength: 3 }),
    ),
    {
      maxLength: 40,
    },
  )
  .map((parts) => parts.join(""));

function* walk(nodes: AnyNode[]): Generator<AnyNode> {
  for (const node of nodes) {
    yield node;
    if (hasChildren(node)) yield* walk(node.children);
  }
}

/** What must never be in sanitized HTML: script, style or embedding elements, handlers, style. */
function dangers(html: string): string[] {
  const found: string[] = [];
  for (const node of walk(parseDocument(html).children)) {
    if (!isTag(node)) continue;
    if (/^(script|style|iframe|object|embed|svg|math|noscript|template|textarea|xmp)$/i.test(node.name))
      found.push(`<${node.name}>`);
    for (const [name, value] of Object.entries(node.attribs)) {
      if (/^on/i.test(name) || name === "style") found.push(`${name} on <${node.name}>`);
      if (name === "class" && !value.split(" ").every((c) => c.startsWith("user-")))
        found.push(`class ${value}`);
      if ((name === "href" || name === "src") && /^\s*(javascript|data|vbscript):/i.test(value))
        found.push(`${name}=${value}`);
    }
  }
  return found;
}

describe("properties of the sanitizer", () => {
  for (const [context, sanitize] of [
    ["work", sanitizeWorkHtml],
    ["comment", sanitizeCommentHtml],
  ] as const) {
    it(`${context} HTML: never throws, is idempotent, and holds no script or handler`, () => {
      fc.assert(
        fc.property(htmlish, (html) => {
          const out = sanitize(html);
          assert.equal(sanitize(out), out);
          assert.deepEqual(dangers(out), [], out);
        }),
        RUNS,
      );
    });
  }
});

describe("properties of paragraphing", () => {
  it("HTML and plain text: never throws, and the result is already sanitized", () => {
    fc.assert(
      fc.property(htmlish, fc.constantFrom("html" as const, "plain" as const), (text, format) => {
        const out = toSafeHtml(text, format);
        assert.equal(sanitizeWorkHtml(out), out);
        assert.deepEqual(dangers(out), [], out);
      }),
      RUNS,
    );
  });

  it("plain text keeps every word typed, markup included", () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom("a", "<b>", "x&y", "\n", "\n\n", " ", "中"), { maxLength: 30 }),
        (parts) => {
          const text = parts.join("");
          const back = htmlToPlainText(toSafeHtml(text, "plain"));
          assert.equal(back.replace(/\s+/g, ""), text.replace(/\s+/g, ""));
        },
      ),
      RUNS,
    );
  });
});

describe("properties of word counts", () => {
  it("never throws and gives a whole number, 0 or more", () => {
    fc.assert(
      fc.property(htmlish, (html) => {
        const n = countWords(html);
        assert.ok(Number.isInteger(n) && n >= 0, String(n));
      }),
      RUNS,
    );
  });

  it("counts the same words in a sanitized text as a reader sees, markup or not", () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom("cat", "dog", "mouse"), { maxLength: 20 }), (words) => {
        const plain = words.join(" ");
        assert.equal(countWords(toSafeHtml(plain, "plain")), words.length);
        assert.equal(countWords(`<p><em>${words.join("</em> <em>")}</em></p>`), words.length);
      }),
      RUNS,
    );
  });
});

describe("properties of tag names", () => {
  it("a typed list gives normalised, distinct names without commas; each is checked without throwing", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.constantFrom(",", " ", "\u200b", "\u202e", "Sherlock", "ß", "SS", "\t"),
            fc.string({ unit: "binary", maxLength: 4 }),
          ),
          {
            maxLength: 30,
          },
        ),
        (parts) => {
          const names = splitTagList(parts.join(""));
          assert.equal(new Set(names.map(nameKey)).size, names.length);
          for (const name of names) {
            assert.ok(name !== "" && !name.includes(","));
            assert.equal(normalizeName(name), name);
            const problem = tagNameProblem(name);
            assert.ok(problem === null || problem.length > 0);
            if (/[\u200b\u202e]/.test(name)) assert.notEqual(problem, null, JSON.stringify(name));
          }
        },
      ),
      RUNS,
    );
  });

  it("a title never keeps a direction override", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 40 }), (title) => {
        assert.doesNotMatch(normalizeTitle(title), /[\u202a-\u202e\u2066-\u2069]/);
      }),
      RUNS,
    );
  });
});

describe("properties of the text-query parser", () => {
  const query = fc
    .array(
      fc.oneof(
        fc.constantFrom('"', "-", "*", "OR", " ", "'", "\\", "中文", "word", ":", "(", ")"),
        fc.string({ unit: "binary", maxLength: 5 }),
      ),
      {
        maxLength: 40,
      },
    )
    .map((parts) => parts.join(""));

  it("never throws; what it gives holds only letters and digits, joined by its own operators", () => {
    fc.assert(
      fc.property(query, (text) => {
        const parsed = parseSearchQuery(text);
        if (parsed === null) return;
        assert.ok(parsed.groups.length > 0);
        for (const term of [...parsed.groups.flat(), ...parsed.excluded]) {
          for (const word of term.words) assert.match(word, /^[\p{L}\p{N}\p{M}\p{Co}]+$/u);
        }
        toFts5(parsed);
        toTsquery(parsed);
      }),
      RUNS,
    );
  });
});

describe("properties of the browse query string", () => {
  const names = [
    ...Object.values(PARAM),
    ...Object.values(TAG_ID_PARAMS).flatMap((p) => [
      `include_work_search[${p}][]`,
      `exclude_work_search[${p}]`,
    ]),
    "x",
    "work_search[",
  ];
  const values = fc.oneof(
    fc.constantFrom(
      "",
      "T",
      "F",
      "1",
      "0",
      "-1",
      "10,000",
      "2024-02-30",
      "2024-02-28",
      "en",
      "asc",
      "kudos_count",
      "99999999999",
      "%",
      "%zz",
      "&",
      "=",
    ),
    fc.string({ unit: "binary", maxLength: 8 }),
  );
  const queryString = fc
    .array(fc.tuple(fc.constantFrom(...names), values), { maxLength: 12 })
    .map((pairs) => pairs.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join("&"));

  it("gives a valid query or a 400 naming the parameter", () => {
    fc.assert(
      fc.property(fc.oneof(queryString, fc.string({ maxLength: 60 })), (qs) => {
        try {
          const f = readListingFilters(`/works?${qs}`);
          assert.ok(Number.isInteger(f.page) && f.page >= 1);
          assert.ok(f.query.length <= QUERY_MAX);
        } catch (e) {
          assert.ok(e instanceof HTTPException, String(e));
          assert.equal(e.status, 400);
          assert.match(e.message, /^The ".+" parameter /);
        }
      }),
      RUNS,
    );
  });
});

/** `unit` repeated to fill `length` characters, between `before` and `after`. */
function fill(length: number, unit: string, before = "", after = ""): string {
  return before + unit.repeat(Math.floor((length - before.length - after.length) / unit.length)) + after;
}

/** Units that have made some transform scan the rest of the text from each occurrence, or worse. */
const HOSTILE_UNITS = [
  "<br>", "<br>\n", "\n", " \n", "\n \n", "<", "<a", '<a b="', "<script>", "<!--", "</p>", "<b>", "<div>", "<p>",
  "<li>", "<table><tr><td>", '<b title="</b>">', "&", "&#", "&amp", "a'", "a-", "中a", "\"", "-", "*", "\ud800", "e\u0301",
]; // biome-ignore format: one list

function assertQuick(what: string, run: () => unknown) {
  const ms = cpuMillis(run);
  assert.ok(ms < HOSTILE_INPUT_BUDGET_MS, `${what} took ${ms.toFixed(0)} ms`);
}

describe("hostile input at each field's limit", () => {
  it(`chapter text (${CHAPTER_LIMITS.body.toLocaleString("en-US")} characters): sanitized, paragraphed and counted quickly`, () => {
    // A few at full length (each takes about a second of processor time on a busy machine); the
    // shorter fields below take them all, and each module's tests hold its own worst cases.
    for (const unit of ["<br>\n", "<", "<!--", "<div>", '<b title="</b>">', "中a"]) {
      const text = fill(CHAPTER_LIMITS.body, unit, "x", "y");
      let html = "";
      assertQuick(`HTML paragraphs of ${JSON.stringify(unit)}`, () => {
        html = toSafeHtml(text, "html");
      });
      assertQuick(`words of ${JSON.stringify(unit)}`, () => countWords(html));
      assertQuick(`raw words of ${JSON.stringify(unit)}`, () => countWords(text));
    }
  });

  it("chapter text in plain-text mode", () => {
    for (const unit of ["<br>", "\n \n"]) {
      const text = fill(CHAPTER_LIMITS.body, unit, "x", "y");
      assertQuick(`plain paragraphs of ${JSON.stringify(unit)}`, () =>
        htmlToPlainText(toSafeHtml(text, "plain")),
      );
    }
  });

  it(`summaries (${SUMMARY_MAX}), notes (${NOTES_MAX}) and comments`, () => {
    for (const unit of HOSTILE_UNITS) {
      for (const max of [SUMMARY_MAX, NOTES_MAX]) {
        const text = fill(max, unit);
        assertQuick(`${max} of ${JSON.stringify(unit)}`, () => {
          toSafeHtml(text, "html");
          sanitizeCommentHtml(text);
        });
      }
    }
  });

  it(`tag names (${TAG_NAME_MAX} characters each, a field's worth of them) and titles`, () => {
    for (const unit of [" ", ",", "\u200b", "a\u200d", "ß", "\u0301", "中", ", ,", "\ud800"]) {
      const name = fill(TAG_NAME_MAX, unit);
      const field = fill(CHAPTER_LIMITS.body, `${name},`);
      assertQuick(`tags of ${JSON.stringify(unit)}`, () => splitTagList(field).map(tagNameProblem));
      assertQuick(`title of ${JSON.stringify(unit)}`, () => normalizeTitle(fill(CHAPTER_LIMITS.body, unit)));
    }
  });

  it("text queries and browse query strings up to the longest URL", () => {
    for (const unit of ['"', "-", "*", '-"', "OR ", "a ", "中", "'", "\\"]) {
      const text = fill(CHAPTER_LIMITS.body, unit);
      assertQuick(`query of ${JSON.stringify(unit)}`, () => parseSearchQuery(text));
      const qs = `${PARAM.query}=${encodeURIComponent(fill(QUERY_MAX, unit))}&${fill(16_000, `${PARAM.page}=1&`)}`;
      assertQuick(`query string of ${JSON.stringify(unit)}`, () => {
        try {
          readListingFilters(`/works?${qs}`);
        } catch (e) {
          if (!(e instanceof HTTPException)) throw e;
        }
      });
    }
  });
});
