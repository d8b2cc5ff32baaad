// Text-search hits of recent queries, kept while the index has not changed. Paging through a
// search, sorting it another way or ticking a box in its sidebar asks the full-text index the
// same question again, and on PostgreSQL the answer costs tens of milliseconds.
import type { Deps } from "../../context";
import { makeTextSearch } from "../../search/textsearch";
import type { TagEngine } from "../../tagengine/core/engine";

/** At most this many queries, holding at most this many ids in all (4 bytes each). */
const MAX_ENTRIES = 64;
const MAX_IDS = 2_000_000;
/**
 * Every write of the archive that changes searchable text records a change, which moves the
 * index's version on; an entry also expires after this long, which bounds how stale a search can
 * be should some write not (a script editing the database by hand).
 */
const MAX_AGE_MS = 10_000;

interface Entry {
  engine: TagEngine;
  version: number;
  at: number;
  hits: Uint32Array;
}

class HitCache {
  readonly entries = new Map<string, Entry>();
  private ids = 0;
  /** Lookups answered from memory, and those that went to the database (for tests). */
  served = 0;
  fetched = 0;

  get(key: string, engine: TagEngine): Entry | null {
    const e = this.entries.get(key);
    if (!e) return null;
    this.drop(key, e);
    if (e.engine !== engine || e.version !== engine.version || Date.now() - e.at > MAX_AGE_MS) return null;
    this.entries.set(key, e);
    this.ids += e.hits.length;
    return e;
  }

  set(key: string, entry: Entry): void {
    const old = this.entries.get(key);
    if (old) this.drop(key, old);
    if (entry.hits.length > MAX_IDS) return;
    this.entries.set(key, entry);
    this.ids += entry.hits.length;
    for (const [k, e] of this.entries) {
      if (this.entries.size <= MAX_ENTRIES && this.ids <= MAX_IDS) break;
      this.drop(k, e);
    }
  }

  private drop(key: string, e: Entry): void {
    this.entries.delete(key);
    this.ids -= e.hits.length;
  }
}

const caches = new WeakMap<Deps, HitCache>();

export function hitCacheOf(deps: Deps): HitCache {
  let cache = caches.get(deps);
  if (!cache) {
    cache = new HitCache();
    caches.set(deps, cache);
  }
  return cache;
}

/**
 * The works matching a text query (drafts and hidden works possibly among them: the engine
 * drops those), best first when `ranked`. Call after the index has caught up, so that its version
 * stands for everything committed so far. `key` names the set, for the engine's count cache.
 */
export async function textHits(
  deps: Deps,
  query: string,
  scope: "works" | "chapters",
  ranked: boolean,
): Promise<{ hits: Uint32Array; key: string }> {
  const cache = hitCacheOf(deps);
  const key = JSON.stringify([scope, ranked, query]);
  // The set's name for the count cache, which holds while the version does: the time of the
  // search is in it, so hits searched again (after MAX_AGE_MS) are counted again.
  const setKey = (at: number) => JSON.stringify(["text", scope, query, at]);
  const engine = deps.index.engine;
  // Read before the search: a change that lands meanwhile moves the version on, and the entry
  // is then merely refreshed once more than needed.
  const version = engine.version;
  const at = Date.now();
  const cached = cache.get(key, engine);
  if (cached) {
    cache.served++;
    return { hits: cached.hits, key: setKey(cached.at) };
  }
  cache.fetched++;
  const hits = await makeTextSearch(deps.db, deps.dialect).candidates(query, { scope, ranked });
  cache.set(key, { engine, version, at, hits });
  return { hits, key: setKey(at) };
}
