import { Hono } from "hono";
import type { AppEnv } from "../../context";

export const chapterRoutes = new Hono<AppEnv>();
