import type { Viewer } from "../../context";

/** What a policy needs to know about a work. */
export interface WorkAccess {
  posted: boolean;
  restricted: boolean;
  hiddenByAdmin: boolean;
  /** Users whose approved pseuds are credited on the work. */
  creatorUserIds: number[];
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
 * Who may read a work: drafts and hidden works only their creators (and admins); restricted works
 * only signed-in readers, so a guest is sent to sign in. "not-found" hides that the work exists.
 */
export function canViewWork(viewer: Viewer | null, work: WorkAccess): ViewDecision {
  if (isCreator(viewer, work) || viewer?.isAdmin) return "ok";
  if (!work.posted || work.hiddenByAdmin) return "not-found";
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
