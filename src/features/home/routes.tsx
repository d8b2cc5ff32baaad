import { Hono } from "hono";
import type { AppEnv } from "../../context";

export const homeRoutes = new Hono<AppEnv>();
