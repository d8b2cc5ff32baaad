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
 * Whether a viewer may see tags' names: a canonical tag always; any other only once a work the
 * viewer may list carries it, directly or through a synonym or sub-tag the tag engine folds into
 * it (for a guest, a posted work that is not restricted; drafts and hidden works never count). The
 * engine's counts are the source, as for the figures on tag pages, so the answer follows the
 * index, which catches up with every write within a second.
 */
export function tagVisibility(index: ArchiveIndex, signedIn: boolean): (tag: TagShown) => boolean {
  const uses = useCounts(index, signedIn);
  return (tag) => tag.canonical || uses.exact(tag.id) > 0;
}
