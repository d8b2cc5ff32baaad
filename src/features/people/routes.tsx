import { Hono } from "hono";
import type { AppEnv } from "../../context";

export const peopleRoutes = new Hono<AppEnv>();
