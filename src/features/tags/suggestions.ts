// Tag suggestions for the autocomplete route: one AutocompleteIndex per archive, built from the
// tags table on first use and kept current by reading tags with higher ids, and use counts taken
// from the tag engine so that they agree with the tag pages and hide restricted works from guests
// (and tags only they carry, by the tag policy).
import type { Kysely } from "kysely";
import type { Deps } from "../../context";
import type { Database, TagType } from "../../db/types";
import type { TagEngine } from "../../tagengine/core/engine";
import type { ArchiveIndex } from "../../tagengine/load/archive";
import { AutocompleteIndex, type Suggestion } from "./autocomplete";
import { tagVisibility, useCounts } from "./policy";
import { findTagsById, tagsAfter } from "./queries";

/** Suggestions a lookup returns. */
export const SUGGESTIONS_MAX = 10;
/** The index looks for new tags at least this often, and after every write the engine has seen. */
const RECHECK_MS = 1000;
const LOAD_CHUNK = 50_000;

class Suggester {
  private index: Promise<AutocompleteIndex>;
  private checkedAt = 0;
  private engine: TagEngine | null = null;
  private version = -1;
  private pending: Promise<void> | null = null;

  constructor(private db: Kysely<Database>) {
    this.index = loadIndex(db);
  }

  /** The index, first brought up to date when a second has passed or the engine has changed. */
  async current(archive: ArchiveIndex): Promise<AutocompleteIndex> {
    const index = await this.index;
    const engine = archive.engine;
    const now = Date.now();
    if (now - this.checkedAt >= RECHECK_MS || engine !== this.engine || engine.version !== this.version) {
      this.checkedAt = now;
      this.engine = engine;
      this.version = engine.version;
      this.pending ??= learnNewTags(this.db, index).finally(() => {
        this.pending = null;
      });
    }
    if (this.pending) await this.pending;
    return index;
  }

  /** Re-reads tags whose name, type or canonical flag changed (wrangling calls this). */
  async refresh(ids: readonly number[]): Promise<void> {
    const index = await this.index;
    index.upsert(await findTagsById(this.db, ids));
  }
}

async function loadIndex(db: Kysely<Database>): Promise<AutocompleteIndex> {
  const rows = [];
  for (let after = 0; ; ) {
    const chunk = await tagsAfter(db, after, LOAD_CHUNK);
    rows.push(...chunk);
    if (chunk.length < LOAD_CHUNK) break;
    after = chunk[chunk.length - 1]!.id;
  }
  return AutocompleteIndex.build(rows);
}

async function learnNewTags(db: Kysely<Database>, index: AutocompleteIndex): Promise<void> {
  for (;;) {
    const rows = await tagsAfter(db, index.maxId, LOAD_CHUNK);
    index.upsert(rows);
    if (rows.length < LOAD_CHUNK) return;
  }
}

// One suggester per archive (per Deps), made on first use so the app needs no extra wiring.
const suggesters = new WeakMap<Deps, Suggester>();

function suggesterOf(deps: Deps): Suggester {
  let s = suggesters.get(deps);
  if (!s) {
    s = new Suggester(deps.db);
    suggesters.set(deps, s);
    // A failed build is retried by the next request rather than remembered.
    void s.current(deps.index).catch(() => suggesters.delete(deps));
  }
  return s;
}

/** Builds the index ahead of the first lookup (at start, or in a benchmark). */
export async function warmSuggestions(deps: Deps): Promise<AutocompleteIndex> {
  return suggesterOf(deps).current(deps.index);
}

/** Tells the index that these tags changed (renamed, made canonical or not). */
export async function refreshSuggestions(deps: Deps, tagIds: readonly number[]): Promise<void> {
  await suggesterOf(deps).refresh(tagIds);
}

/** The tags to suggest for what the writer has typed so far. */
export async function suggestTags(
  deps: Deps,
  types: readonly TagType[],
  term: string,
  signedIn: boolean,
): Promise<Suggestion[]> {
  const index = await suggesterOf(deps).current(deps.index);
  // A tag no work the viewer may read carries is not suggested: its name is not theirs to see.
  return index.search(
    types,
    term,
    SUGGESTIONS_MAX,
    useCounts(deps.index, signedIn),
    tagVisibility(deps.index, signedIn),
  );
}
