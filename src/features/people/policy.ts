import type { Viewer } from "../../context";

/** Whether the viewer is this user (their own pages show drafts and anonymous works). */
export function isSelf(viewer: Viewer | null, user: { id: number }): boolean {
  return !!viewer && viewer.id === user.id;
}

/** Only the user themself creates, renames and chooses the default of their pseuds. */
export function canManagePseuds(viewer: Viewer, user: { id: number }): boolean {
  return isSelf(viewer, user);
}
