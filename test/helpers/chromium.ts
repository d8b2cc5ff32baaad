// The one Chromium every browser test drives: Debian's package, or QUIRE_CHROMIUM. test/run.js
// leaves the browser tests out, with one line saying so, when neither is there.
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM_PATH = process.env.QUIRE_CHROMIUM || "/usr/bin/chromium";

/** Headless, and quiet: no connection may leave this machine, so nothing tries. */
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** Why the browser tests cannot run here, or false when they can. */
export const noChromium: string | false = existsSync(CHROMIUM_PATH)
  ? false
  : `Chromium is not at ${CHROMIUM_PATH} (apt-get install chromium, or set QUIRE_CHROMIUM)`;

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
}
