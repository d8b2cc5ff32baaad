import { Hono } from "hono";
import type { AppEnv } from "../../context";

export const accountRoutes = new Hono<AppEnv>();
