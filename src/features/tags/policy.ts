// Who may learn a tag's name. A tag typed on a draft or a restricted work would otherwise give away
// what that work is about (a spoiler, a pairing) to readers who may not see the work.
import type { ArchiveIndex } from "../../tagengine/load/archive";
import type { UseCounts } from "./autocomplete";

/** The part of a tag row the rule reads. */
export interface TagShown {
  id: number;
  canonical: boolean;
}

/** Works the viewer can list under a tag's filter tag: the figure its tag page shows. */
export function useCounts(index: ArchiveIndex, signedIn: boolean): UseCounts {
  const engine = index.engine;
  const bound = (tagId: number) => engine.postings.count(index.filterTagOf(tagId));
  if (signedIn) return { bound, exact: bound };
  return {
    bound,
    exact: (tagId) => {
      const filterTag = index.filterTagOf(tagId);
      return engine.postings.count(filterTag) - engine.postings.countIn(filterTag, engine.restricted);
    },
  };
}

/**
 * Whether the tag engine's counts show a viewer may see tags' names: a canonical tag always; any
 * other once a work the viewer may list carries it, directly or through a sub-tag the engine folds
 * into it (for a guest, a posted work that is not restricted; drafts and hidden works never
 * count). The counts follow the index, which catches up with every write within a second. A
 * synonym's counts are its canonical tag's, which say nothing of the works that carry the synonym
 * itself, so this never shows one: `tagsNamedFor` (tags.ts) asks the database about it.
 */
export function tagVisibility(index: ArchiveIndex, signedIn: boolean): (tag: TagShown) => boolean {
  const uses = useCounts(index, signedIn);
  return (tag) => tag.canonical || (index.filterTagOf(tag.id) === tag.id && uses.exact(tag.id) > 0);
}
