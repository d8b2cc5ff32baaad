import assert from "node:assert/strict";
import { after, describe, it } from "node:test";
import { cpuMillis, HOSTILE_INPUT_BUDGET_MS } from "../../test/helpers/budget";
import { toSafeHtml } from "./text";
import { countWords } from "./wordcount";
import { countWordsOffThread, OFF_THREAD_FROM, stopWordCounter } from "./wordcount-thread";

describe("countWords", () => {
  it("counts English words", () => {
    assert.equal(countWords("The quick brown fox jumps over the lazy dog"), 9);
  });

  it("does not count punctuation", () => {
    assert.equal(countWords("Wait — what?! No… “Never,” she said; (quietly) - again."), 8);
    assert.equal(countWords("... !!! — ?"), 0);
  });

  it("counts a contraction or a possessive as one word", () => {
    assert.equal(countWords("don't can’t Harry's o'clock"), 4);
    assert.equal(countWords("don&#39;t won&rsquo;t"), 2);
  });

  it("counts hyphenated compounds and numbers as one word each", () => {
    assert.equal(countWords("a well-known 20-year-old wrote 1,000 words in 3.5 hours"), 9);
  });

  it("does not count tags or attributes as words", () => {
    assert.equal(countWords('<p class="long class list" title="not counted">Two words</p>'), 2);
    assert.equal(countWords("<p>one</p><p>two</p><ul><li>three</li><li>four</li></ul>"), 4);
    assert.equal(countWords("line<br>break<hr>rule"), 3);
  });

  it("does not split a word at inline markup", () => {
    assert.equal(countWords("<em>un</em>believable <b>re</b>turn"), 2);
  });

  it("does not count entities for punctuation, but keeps letters written as entities", () => {
    assert.equal(countWords("Tom &amp; Jerry &mdash; again&hellip; &nbsp; &lt;3"), 4);
    assert.equal(countWords("r&eacute;sum&eacute; and caf&#233;"), 3);
  });

  it("does not count comments, scripts or styles", () => {
    assert.equal(
      countWords("<!-- a note to self --><style>p { x: y }</style>Real<script>var a = b</script> text"),
      2,
    );
  });

  it("counts Chinese and Japanese by word, not by character nor by sentence", () => {
    // 我们 / 明天 / 去 / 北京 / 看 / 朋友: 10 characters, one sentence.
    const chinese = countWords("我们明天去北京看朋友。");
    assert.ok(chinese >= 4 && chinese <= 8, `Chinese counted as ${chinese}`);
    // 私 / は / 東京 / に / 住んで / います: 11 characters, one sentence.
    const japanese = countWords("私は東京に住んでいます。");
    assert.ok(japanese >= 4 && japanese <= 9, `Japanese counted as ${japanese}`);
    assert.ok(countWords("我们明天去北京看朋友。我们明天去北京看朋友。") === 2 * chinese);
  });

  it("counts Russian and Arabic by spaces", () => {
    assert.equal(countWords("Они долго шли под дождём."), 5);
    assert.equal(countWords("مشوا طويلا تحت المطر."), 4);
  });

  it("counts nothing in nothing", () => {
    assert.equal(countWords(""), 0);
    assert.equal(countWords("   \n\t "), 0);
    assert.equal(countWords("<p></p><br /><hr />"), 0);
  });

  it("counts a long chapter in mixed scripts exactly", () => {
    const one = countWords(
      "<p>Ten plain English words make up this sentence right here.</p><p>我们明天去北京看朋友。</p>",
    );
    const paragraph =
      "<p>Ten plain English words make up this sentence right here.</p><p>我们明天去北京看朋友。</p>\n";
    assert.equal(countWords(paragraph.repeat(5000)), 5000 * one);
  });

  it("counts a chapter as it is stored", () => {
    assert.equal(countWords(toSafeHtml("It was late.\n\nShe didn't mind — not at all.", "plain")), 9);
  });
});

describe("countWordsOffThread", () => {
  after(() => stopWordCounter());

  it("counts a long text in its thread as countWords does here, and a short one here", async () => {
    const chinese = `<p>${"我们在北方的森林里走了很久，直到天黑。".repeat(2000)}</p>`;
    const english = `<p>${"the quick brown fox jumps over the lazy dog ".repeat(1000)}</p>`;
    assert.ok(chinese.length >= OFF_THREAD_FROM && english.length >= OFF_THREAD_FROM);
    const counts = await Promise.all([countWordsOffThread(chinese), countWordsOffThread(english)]);
    assert.deepEqual(counts, [countWords(chinese), countWords(english)]);
    assert.equal(counts[1], 9000);
    assert.equal(await countWordsOffThread("<p>three short words</p>"), 3);
  });

  it("answers a count whose thread stops midway, and starts a new thread after", async () => {
    const text = `<p>${"word ".repeat(OFF_THREAD_FROM)}</p>`;
    assert.equal(await countWordsOffThread(text), OFF_THREAD_FROM);
    const cut = countWordsOffThread(text);
    await stopWordCounter();
    assert.equal(await cut, OFF_THREAD_FROM);
    assert.equal(await countWordsOffThread(text), OFF_THREAD_FROM);
  });
});

describe("countWords on hostile text", () => {
  const N = 510_000; // a chapter's limit
  for (const [what, html, words] of [
    ["unclosed scripts", "<script>".repeat(N / 8), 0],
    ["unclosed comments", `a <!--${"<!--".repeat(N / 4 - 2)}`, 1],
    ["tags that never end", "<a".repeat(N / 2), N / 2],
    ["Chinese characters between Latin letters", "中a".repeat(N / 2), N],
    ["hyphens", "a-".repeat(N / 2), 1],
  ] as const) {
    it(`counts ${what} in linear time`, () => {
      let n = -1;
      const ms = cpuMillis(() => {
        n = countWords(html);
      });
      assert.ok(ms < HOSTILE_INPUT_BUDGET_MS, `took ${ms.toFixed(0)} ms`);
      assert.equal(n, words);
    });
  }
});
