import { Hono } from "hono";
import type { AppEnv } from "../../context";
import { pageCtx } from "../../context";
import { newestWorks } from "../browse/browse";
import { HomePage } from "./views/HomePage";

export const homeRoutes = new Hono<AppEnv>();

const NEWEST_WORKS = 20;

homeRoutes.get("/", async (c) => {
  // No creator filter here, so anonymous works are listed (their blurbs name no creator).
  const works = await newestWorks(c.get("deps"), c.get("viewer"), NEWEST_WORKS);
  return c.html(<HomePage ctx={pageCtx(c)} works={works} />);
});
