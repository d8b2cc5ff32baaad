import { Hono } from "hono";
import type { AppEnv } from "../../context";
import { pageCtx } from "../../context";
import { listWorkBlurbs } from "../browse/queries";
import { HomePage } from "./views/HomePage";

export const homeRoutes = new Hono<AppEnv>();

const NEWEST_WORKS = 20;

homeRoutes.get("/", async (c) => {
  const viewer = c.get("viewer");
  // No creator filter here, so anonymous works are listed (their blurbs name no creator).
  const { blurbs } = await listWorkBlurbs(c.get("deps").db, viewer, { page: 1, perPage: NEWEST_WORKS });
  return c.html(<HomePage ctx={pageCtx(c)} works={blurbs} />);
});
