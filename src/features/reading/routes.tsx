import { Hono } from "hono";
import type { AppEnv } from "../../context";

export const readingRoutes = new Hono<AppEnv>();
