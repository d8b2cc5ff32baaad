// The work policy applied to a request: the answer a route gives for a work it may not show.
import type { Ctx, Viewer } from "../../context";
import { forbidden, idParam, notFound } from "../../lib/http";
import { canChangeWork, type WorkAccess } from "./policy";
import { loadWorkAccess } from "./queries";

/**
 * The work (path parameter `id`) the viewer is about to change: 404 when it is missing or the
 * viewer may not see it, 403 when they may see it but not change it.
 */
export async function workToChange(c: Ctx, viewer: Viewer): Promise<{ id: number; access: WorkAccess }> {
  const id = idParam(c, "id");
  const access = (await loadWorkAccess(c.get("deps").db, id)) ?? notFound();
  const decision = canChangeWork(viewer, access);
  if (decision === "not-found") notFound();
  if (decision === "forbidden") forbidden();
  return { id, access };
}
