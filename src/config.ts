import { existsSync } from "node:fs";
import { resolve } from "node:path";

/** Settings read from the environment (and a `.env` file beside the project, when present). */
export interface Config {
  port: number;
  host: string;
  dataDir: string;
  /** `postgres://…` selects PostgreSQL; empty means SQLite at `<dataDir>/quire.sqlite`. */
  databaseUrl: string;
  /** Load demo content into an empty archive on first start. */
  demo: boolean;
  /** Set cookies with `Secure` (behind https). */
  secureCookies: boolean;
  /**
   * Largest request body accepted, in bytes. A 510,000-character chapter of CJK text is about
   * 4.6 MB once form-encoded, so the default leaves room for that.
   */
  bodyLimit: number;
  /** Password for the first admin account; a random one is printed when unset. */
  adminPassword: string | undefined;
  /**
   * How many proxies of our own stand in front of the app. 0: the reader's address is the
   * socket's. N: it is the N-th `X-Forwarded-For` entry from the right, the one our outermost
   * proxy appended; anything left of it was sent by the client and may be made up.
   */
  trustProxy: number;
}

let envFileLoaded = false;

/** Reads `.env` once; variables already set in the environment win. */
export function loadEnvFile(path = ".env"): void {
  if (envFileLoaded) return;
  envFileLoaded = true;
  if (!existsSync(path)) return;
  // process.loadEnvFile exists from Node 20.12; it never overrides variables already set.
  process.loadEnvFile(path);
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = resolve(env.DATA_DIR || "data");
  return {
    port: Number(env.PORT || 3000),
    host: env.HOST || "127.0.0.1",
    dataDir,
    databaseUrl: env.DATABASE_URL || "",
    demo: env.QUIRE_DEMO !== "0",
    secureCookies: env.QUIRE_SECURE_COOKIES === "1",
    bodyLimit: Number(env.QUIRE_BODY_LIMIT || 8 * 1024 * 1024),
    adminPassword: env.QUIRE_ADMIN_PASSWORD || undefined,
    trustProxy: proxyCount(env.QUIRE_TRUST_PROXY),
  };
}

function proxyCount(value: string | undefined): number {
  const n = Number(value || 0);
  if (!Number.isInteger(n) || n < 0 || n > 20) {
    throw new Error(
      `QUIRE_TRUST_PROXY must be the number of proxies in front of Quire (0 for none), not "${value}"`,
    );
  }
  return n;
}
