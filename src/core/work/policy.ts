// Who may see and change a work, decided here only. Listings (SQL, queries.ts), the tag engine's
// loader and the reading pages all derive from the definitions below.
import type { Viewer } from "../../context";

/**
 * What makes a work listable, as the `works` columns hold it: posted, and not hidden by an admin.
 * The SQL that listings and the tag engine run is built from this object (queries.ts).
 */
export const LISTABLE = { posted: 1, hidden_by_admin: 0 } as const;

/** The columns the rule reads, as stored (0 or 1). */
export type ListableColumns = { [K in keyof typeof LISTABLE]: number };

export function isListableRow(row: ListableColumns): boolean {
  return (Object.keys(LISTABLE) as (keyof typeof LISTABLE)[]).every((k) => row[k] === LISTABLE[k]);
}

/** What a policy needs to know about a work. */
export interface WorkAccess {
  posted: boolean;
  restricted: boolean;
  hiddenByAdmin: boolean;
  /** Users whose approved pseuds are credited on the work. */
  creatorUserIds: number[];
}

/** Whether a work appears in listings at all (restricted ones to signed-in readers only). */
export function isListable(work: Pick<WorkAccess, "posted" | "hiddenByAdmin">): boolean {
  return isListableRow({ posted: work.posted ? 1 : 0, hidden_by_admin: work.hiddenByAdmin ? 1 : 0 });
}

/** Whether a listing shows this work to this viewer: listable, and restricted only for readers. */
export function isListedFor(
  viewer: Viewer | null,
  work: Pick<WorkAccess, "posted" | "hiddenByAdmin" | "restricted">,
): boolean {
  return isListable(work) && (!work.restricted || !!viewer);
}

export function isCreator(viewer: Viewer | null, work: WorkAccess): boolean {
  return !!viewer && work.creatorUserIds.includes(viewer.id);
}

/** Creators edit their work; admins may too (moderation). */
export function canEditWork(viewer: Viewer | null, work: WorkAccess): boolean {
  return isCreator(viewer, work) || !!viewer?.isAdmin;
}

export type ViewDecision = "ok" | "sign-in" | "not-found";

/**
 * Who may read a work: a work that is not listable (a draft, a hidden work) only its creators
 * and admins; restricted works only signed-in readers, so a guest is sent to sign in.
 * "not-found" hides that the work exists.
 */
export function canViewWork(viewer: Viewer | null, work: WorkAccess): ViewDecision {
  if (isCreator(viewer, work) || viewer?.isAdmin) return "ok";
  if (!isListable(work)) return "not-found";
  if (work.restricted && !viewer) return "sign-in";
  return "ok";
}

export type ChangeDecision = "ok" | "forbidden" | "not-found";

/**
 * Who may change a work. The view decision comes first: a work the viewer may not see does not
 * exist on its editing routes either; only a reader who may see it but not edit it is refused.
 */
export function canChangeWork(viewer: Viewer | null, work: WorkAccess): ChangeDecision {
  if (canViewWork(viewer, work) === "not-found") return "not-found";
  return canEditWork(viewer, work) ? "ok" : "forbidden";
}
