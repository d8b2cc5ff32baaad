// A synthetic archive shaped like a real one (ARCHITECTURE.md, "The shape of a real archive"),
// generated deterministically from a seed and handed out in batches of rows, so that millions of
// works never sit in memory at once.
import { nameKey, titleSortKey } from "../src/lib/text";
import { Alias, int, logNormal, PitmanYor, type Rand, rng, syllableName, weighted } from "./random";
import type { Batch } from "./tables";
import { FANTASY_WORDS, FREEFORM_HEADS, HAN, SUMMARY_VERBS, TITLE_WORDS } from "./words";

export interface CorpusOptions {
  works: number;
  seed: number;
  /** Works per batch. */
  batch?: number;
  /** Share of works left as drafts (posted = 0). */
  draftRate?: number;
  /** Share of works hidden by an admin. */
  hiddenRate?: number;
}

/** Where ids start: one past what the freshly migrated archive already holds. */
export interface IdBase {
  user: number;
  pseud: number;
  tag: number;
  /** Ids of the fixed tags the migration seeds, by type, in their seeded order. */
  fixed: { rating: number[]; warning: number[]; category: number[] };
}

const DAY = 86_400_000;
/** "Now" is fixed so that the same seed always gives the same dates. */
export const NOW = Date.UTC(2026, 10, 27);
const SPAN = 15 * 365 * DAY;

const RATINGS = [29, 31, 16, 17, 11]; // General, Teen, Mature, Explicit, Not Rated
const CATEGORIES = [0.09, 0.25, 0.2, 0.52, 0.05, 0.03]; // F/F, F/M, Gen, M/M, Multi, Other
const LANGUAGES: [string, number][] = [
  ["en", 91],
  ["zh", 4.6],
  ["ru", 1.9],
  ["es", 1],
  ["fr", 0.5],
  ["de", 0.4],
  ["ja", 0.3],
  ["pt", 0.3],
];
const LANGUAGE_WEIGHTS = LANGUAGES.map(([, w]) => w);

/** Facts about the corpus that benchmarks use to choose their queries. */
export interface CorpusFacts {
  fixed: IdBase["fixed"];
  /** Fandom tag ids, most popular first. */
  fandomsByRank: number[];
  /** The word that query (d) searches for. */
  textWord: string;
}

/**
 * The generator: first the people and the fandoms, then works in batches. Every random choice
 * comes from streams seeded by `seed`, so two runs (one per database) write the same archive.
 */
export class Corpus {
  readonly opts: Required<CorpusOptions>;
  private r: Rand;
  private readonly userCount: number;
  private readonly firstPseud: Int32Array;
  private readonly pseudCount: Uint8Array;
  private nextTag: number;
  private fandomTags: number[] = [];
  private fandomSynonyms = new Map<number, number[]>();
  private fandomMeta = new Map<number, number>();
  private fandomAlias!: Alias;
  /** Pitman–Yor processes per (fandom rank, type) and one archive-wide for freeforms. */
  private processes = new Map<number, { py: PitmanYor; tags: number[] }>();
  private synonymOf = new Map<number, number>();
  private characterMeta = new Map<number, number>();
  private tagNames = new Map<number, string>();
  private pendingTags: unknown[][] = [];
  private pendingMetas: unknown[][] = [];
  private nextCreatorship = 1;

  constructor(
    opts: CorpusOptions,
    private base: IdBase,
  ) {
    this.opts = { batch: 5000, draftRate: 0.01, hiddenRate: 0.002, ...opts };
    this.r = rng(opts.seed * 7919 + 17);
    this.userCount = Math.max(20, Math.round(opts.works * 0.3));
    this.firstPseud = new Int32Array(this.userCount);
    this.pseudCount = new Uint8Array(this.userCount);
    this.nextTag = base.tag;
  }

  /** Names of second pseuds (a default pseud is named as its user's login). */
  private extraPseudNames = new Map<number, string>();

  get facts(): CorpusFacts {
    return { fixed: this.base.fixed, fandomsByRank: this.fandomTags, textWord: TITLE_WORDS[12]! };
  }

  /** Yields every batch of rows, people and fandoms first. */
  *batches(): Generator<Batch> {
    yield* this.people();
    yield this.fandoms();
    const { works, batch } = this.opts;
    for (let from = 1; from <= works; from += batch)
      yield this.workBatch(from, Math.min(works, from + batch - 1));
  }

  private login(user: number): string {
    return `${syllableName(user, 2).toLowerCase()}${user % 100}`;
  }

  private *people(): Generator<Batch> {
    const r = rng(this.opts.seed * 31 + 5);
    let pseud = this.base.pseud;
    const chunk = 20_000;
    for (let from = 0; from < this.userCount; from += chunk) {
      const users: unknown[][] = [];
      const pseuds: unknown[][] = [];
      for (let u = from; u < Math.min(this.userCount, from + chunk); u++) {
        const id = this.base.user + u;
        const login = this.login(u);
        const created = NOW - SPAN + int(r, SPAN);
        users.push([id, login, login, `${login}@example.invalid`, `${login}@example.invalid`, "", created]);
        this.firstPseud[u] = pseud;
        const count = r() < 0.1 ? 2 : 1;
        this.pseudCount[u] = count;
        pseuds.push([pseud++, id, login, login, 1, created]);
        if (count === 2) {
          const name = `${syllableName(u + 7, 3)} ${syllableName(u, 1)}`;
          this.extraPseudNames.set(pseud, name);
          pseuds.push([pseud++, id, name, nameKey(name), 0, created]);
        }
      }
      yield { users, pseuds };
    }
  }

  private newTag(type: string, name: string, canonical: number, merger: number | null, at: number): number {
    const id = this.nextTag++;
    this.pendingTags.push([id, type, name, nameKey(name), canonical, merger, at]);
    this.tagNames.set(id, name);
    return id;
  }

  /**
   * Fandoms follow a shifted Zipf law fitted to AO3's figures (the top fandom ~3.6% of fandom
   * uses, so ~5% of works; top 10 ~21%, top 100 ~55%, top 1,000 ~85%), with tens of thousands of
   * tiny ones. A few have synonyms; some are grouped under meta fandoms ("… (All Media Types)").
   */
  private fandoms(): Batch {
    const r = this.r;
    const count = Math.max(30, Math.round(25_000 * (this.opts.works / 1e6) ** 0.6));
    const weights = new Float64Array(count);
    const at = NOW - SPAN;
    for (let k = 0; k < count; k++) {
      weights[k] = 1 / (k + 9) ** 1.35;
      const name = `${syllableName(k + 1000, 2)} ${FANTASY_WORDS[k % FANTASY_WORDS.length]}`;
      this.fandomTags.push(this.newTag("fandom", name, 1, null, at));
    }
    this.fandomAlias = new Alias(weights);
    // Synonyms: common among popular fandoms (abbreviations, other spellings).
    for (let k = 0; k < count; k++) {
      if (r() > (k < 200 ? 0.5 : 0.03)) continue;
      const canonical = this.fandomTags[k]!;
      const list: number[] = [];
      for (let s = 0, n = 1 + int(r, 3); s < n; s++)
        list.push(this.newTag("fandom", `${this.tagNames.get(canonical)} ${s + 2}`, 0, canonical, at));
      this.fandomSynonyms.set(canonical, list);
    }
    // Meta fandoms over two or three fandoms each, and a franchise above pairs of those.
    const metas: number[] = [];
    const groups = Math.max(2, Math.floor(count / 150));
    for (let g = 0; g < groups; g++) {
      const meta = this.newTag("fandom", `${syllableName(g + 50, 2)} (All Media Types)`, 1, null, at);
      metas.push(meta);
      for (let s = 0, n = 2 + int(r, 2); s < n; s++) {
        const sub = this.fandomTags[int(r, Math.min(count, 2000))]!;
        if (this.fandomMeta.has(sub)) continue;
        this.fandomMeta.set(sub, meta);
        this.pendingMetas.push([meta, sub, 1]);
      }
    }
    for (let g = 0; g + 1 < metas.length; g += 6) {
      const top = this.newTag("fandom", `${syllableName(g + 90, 2)} Universe`, 1, null, at);
      for (const meta of [metas[g]!, metas[g + 1]!]) {
        this.pendingMetas.push([top, meta, 1]);
        for (const [m, sub] of this.pendingMetas as number[][])
          if (m === meta) this.pendingMetas.push([top, sub!, 0]);
      }
    }
    return this.flushTags({});
  }

  private flushTags(batch: Batch): Batch {
    batch.tags = this.pendingTags;
    batch.meta_tags = this.pendingMetas;
    this.pendingTags = [];
    this.pendingMetas = [];
    return batch;
  }

  /** A tag of `type` for a work of the fandom of rank `rank` (-1: archive-wide freeforms). */
  private openTag(rank: number, type: "relationship" | "character" | "freeform", at: number): number {
    const code = type === "relationship" ? 0 : type === "character" ? 1 : 2;
    const key = (rank + 1) * 4 + code;
    let p = this.processes.get(key);
    if (!p) {
      p = { py: new PitmanYor(0.72, rank < 0 ? 40 : 3), tags: [] };
      this.processes.set(key, p);
    }
    const [table, isNew] = p.py.draw(this.r);
    if (isNew) p.tags.push(this.createOpenTag(rank, type, at));
    const tag = p.tags[table]!;
    // Established tags are sometimes typed as a synonym (another spelling), made on first use.
    if (type !== "freeform" || rank >= 0) {
      if (p.py.count(table) >= 20 && this.r() < 0.08) {
        let syn = this.synonymOf.get(tag);
        if (syn === undefined) {
          syn = this.newTag(type, `${this.tagNames.get(tag)} (alt)`, 0, tag, at);
          this.synonymOf.set(tag, syn);
        }
        return syn;
      }
    }
    return tag;
  }

  private createOpenTag(rank: number, type: string, at: number): number {
    const n = this.nextTag;
    const fandom = rank >= 0 ? ` (${syllableName(rank + 1000, 2)})` : "";
    if (type === "freeform") {
      const head = FREEFORM_HEADS[n % FREEFORM_HEADS.length]!;
      const name =
        rank < 0 && n % 3 === 0 ? `${head} ${syllableName(n, 1)}` : `${head} ${syllableName(n, 2)}`;
      return this.newTag("freeform", name + fandom, rank < 0 ? 1 : 0, null, at);
    }
    if (type === "relationship") {
      const sep = this.r() < 0.8 ? "/" : " & ";
      return this.newTag(
        type,
        `${syllableName(n * 2, 2)}${sep}${syllableName(n * 2 + 1, 2)}${fandom}`,
        1,
        null,
        at,
      );
    }
    const id = this.newTag(type, `${syllableName(n, 2)} ${syllableName(n + 3, 2)}${fandom}`, 1, null, at);
    // A few characters are versions of one meta character ("… (All Versions)").
    if (this.r() < 0.03) {
      let meta = this.characterMeta.get(rank);
      if (meta === undefined) {
        meta = this.newTag(type, `${syllableName(n + 11, 2)} (All Versions)${fandom}`, 1, null, at);
        this.characterMeta.set(rank, meta);
      }
      this.pendingMetas.push([meta, id, 1]);
    }
    return id;
  }

  private workBatch(from: number, to: number): Batch {
    const r = this.r;
    const { fixed } = this.base;
    const works: unknown[][] = [];
    const chapters: unknown[][] = [];
    const creatorships: unknown[][] = [];
    const taggings: unknown[][] = [];
    const changes: unknown[][] = [];
    for (let id = from; id <= to; id++) {
      const draft = r() < this.opts.draftRate;
      const hidden = !draft && r() < this.opts.hiddenRate;
      const age = r() ** 0.6; // more works in recent years
      const posted = NOW - SPAN + Math.floor(age * SPAN);
      const complete = r() < 0.84;
      const chapterCount = complete && r() < 0.7 ? 1 : 1 + Math.floor(logNormal(r, 4, 1));
      const updated = chapterCount > 1 ? posted + Math.floor((NOW - posted) * r() ** 3) : posted;
      const created = posted - int(r, 7 * DAY);
      const words = Math.round(
        Math.min(500_000, Math.max(100, r() < 0.78 ? logNormal(r, 1300, 1) : logNormal(r, 12_000, 1.1))),
      );
      const hits = Math.max(1, Math.round(logNormal(r, 600, 1.6) * (0.3 + 0.7 * (1 - age))));
      const kudos = Math.min(hits, Math.round(hits * logNormal(r, 0.07, 0.6)));
      const comments = Math.round(kudos * logNormal(r, 0.1, 0.8));
      const bookmarks = Math.round(kudos * logNormal(r, 0.12, 0.7));
      const language = LANGUAGES[weighted(r, LANGUAGE_WEIGHTS)]![0];
      const restricted = r() < 0.03 ? 1 : 0;
      const anonymous = r() < 0.02 ? 1 : 0;
      const title = language === "zh" ? this.hanTitle() : this.title();
      const summary = this.sentence(title);

      // Required tags: one rating, warnings, categories, fandoms.
      const tags = new Set<number>();
      tags.add(fixed.rating[weighted(r, RATINGS)]!);
      this.warnings(tags);
      CATEGORIES.forEach((p, i) => {
        if (r() < p) tags.add(fixed.category[i]!);
      });
      const fandomCount = 1 + (r() < 0.28 ? (r() < 0.71 ? 1 : r() < 0.75 ? 2 : 3) : 0);
      const ranks: number[] = [];
      for (let tries = 0; ranks.length < fandomCount && tries < 10; tries++) {
        const k = this.fandomAlias.draw(r);
        if (!ranks.includes(k)) ranks.push(k);
      }
      for (const k of ranks) {
        const canonical = this.fandomTags[k]!;
        const synonyms = this.fandomSynonyms.get(canonical);
        tags.add(synonyms && r() < 0.1 ? synonyms[int(r, synonyms.length)]! : canonical);
        const meta = this.fandomMeta.get(canonical);
        if (meta !== undefined && r() < 0.1) tags.add(meta);
      }
      // Open tags: log-normal count (median 9, so ~16 a work with the required ones).
      const open = Math.min(70, Math.round(logNormal(r, 9, 0.7)));
      for (let i = 0; i < open; i++) {
        const x = r();
        const type = x < 0.18 ? "relationship" : x < 0.5 ? "character" : "freeform";
        const rank = type === "freeform" && r() < 0.4 ? -1 : ranks[int(r, ranks.length)]!;
        tags.add(this.openTag(rank, type, posted));
      }

      const pseuds = this.creators(id, created, anonymous === 1, creatorships);
      const tagList = [...tags].sort((a, b) => a - b);
      for (const t of tagList) taggings.push([id, t]);
      const tagNames = tagList.map((t) => this.tagNames.get(t) ?? "").join(" ");
      works.push([
        id,
        title,
        titleSortKey(title),
        summary,
        language,
        complete ? 1 : 0,
        complete ? chapterCount : r() < 0.5 ? null : chapterCount + int(r, 20),
        restricted,
        anonymous,
        draft ? 0 : 1,
        hidden ? 1 : 0,
        created,
        draft ? null : posted,
        draft ? created : updated,
        words,
        chapterCount,
        draft ? 0 : hits,
        draft ? 0 : kudos,
        draft ? 0 : comments,
        draft ? 0 : bookmarks,
        pseuds ? `${tagNames} ${pseuds}` : tagNames,
      ]);
      // One short chapter stands for all of them: the corpus is about listings, not reading.
      chapters.push([
        id,
        id,
        1,
        `<p>${this.sentence(title)}</p>`,
        words,
        draft ? 0 : 1,
        created,
        draft ? created : updated,
        draft ? null : posted,
      ]);
      changes.push([id, id, draft ? created : updated]);
    }
    return this.flushTags({ works, chapters, creatorships, taggings, changes });
  }

  /** Writes the work's creatorships and returns "name login" of its approved creators. */
  private creators(work: number, at: number, anonymous: boolean, rows: unknown[][]): string {
    const r = this.r;
    const names: [number, string][] = [];
    const count = r() < 0.08 ? 2 : 1;
    const seen = new Set<number>();
    for (let c = 0; c < count; c++) {
      const user = Math.floor(this.userCount * r() ** 2);
      if (seen.has(user)) continue;
      seen.add(user);
      const pseud = this.firstPseud[user]! + (this.pseudCount[user] === 2 && r() < 0.3 ? 1 : 0);
      const approved = c === 0 || r() < 0.9 ? 1 : 0;
      rows.push([this.nextCreatorship++, work, pseud, approved, at]);
      const login = this.login(user);
      if (approved) names.push([pseud, `${this.extraPseudNames.get(pseud) ?? login} ${login}`]);
    }
    if (anonymous) return "";
    return names
      .sort((a, b) => a[0] - b[0])
      .map(([, n]) => n)
      .join(" ");
  }

  /** Archive warnings: 1.09 a work on average, in AO3's proportions. */
  private warnings(tags: Set<number>): void {
    const r = this.r;
    const [chose, none, violence, death, noncon, underage] = this.base.fixed.warning as [
      number,
      number,
      number,
      number,
      number,
      number,
    ];
    if (r() < 0.35) {
      tags.add(chose);
      if (r() < 0.07) tags.add([violence, death][int(r, 2)]!);
      return;
    }
    const extra: [number, number][] = [
      [violence, 0.108],
      [death, 0.077],
      [noncon, 0.04],
      [underage, 0.0385],
    ];
    let any = false;
    for (const [t, p] of extra)
      if (r() < p) {
        tags.add(t);
        any = true;
      }
    if (!any) tags.add(none);
  }

  private title(): string {
    const r = this.r;
    const n = 1 + int(r, 4);
    const words: string[] = [];
    for (let i = 0; i < n; i++) words.push(TITLE_WORDS[Math.floor(TITLE_WORDS.length * r() ** 2)]!);
    const t = words.join(" ");
    const cased = t.charAt(0).toUpperCase() + t.slice(1);
    return r() < 0.25 ? `The ${cased}` : r() < 0.05 ? `…${t}` : cased;
  }

  private hanTitle(): string {
    let t = "";
    for (let i = 0, n = 2 + int(this.r, 5); i < n; i++) t += HAN[int(this.r, HAN.length)];
    return t;
  }

  private sentence(title: string): string {
    const r = this.r;
    const w = () => TITLE_WORDS[Math.floor(TITLE_WORDS.length * r() ** 2)]!;
    return `${syllableName(int(r, 5000), 2)} ${SUMMARY_VERBS[int(r, SUMMARY_VERBS.length)]} the ${w()} of ${title.toLowerCase()}, and the ${w()} ${SUMMARY_VERBS[int(r, SUMMARY_VERBS.length)]} ${w()}.`;
  }
}
