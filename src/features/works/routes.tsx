import { Hono } from "hono";
import type { AppEnv } from "../../context";

export const workRoutes = new Hono<AppEnv>();
