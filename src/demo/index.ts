import type { Deps } from "../context";
import { hashPassword } from "../features/accounts/password";
import { CANONS } from "./canons";
import { DEMO_LOGIN, DEMO_PASSWORD } from "./people";
import { planDemo } from "./plan";
import { writeDemo } from "./queries";
import { wrangle } from "./wrangling";

/** The seed of the demo archive: every fresh archive gets the same works. */
export const DEMO_SEED = 20261127;

/**
 * Loads the demo archive into an empty database: about 300 works across ten public-domain canons,
 * a dozen writers who all sign in with one password, and the tags a wrangler would have set up.
 */
export async function loadDemo(deps: Deps, log: (line: string) => void): Promise<void> {
  const started = performance.now();
  const now = Date.now();
  const plan = planDemo(DEMO_SEED, now);
  // One hash for every demo account: argon2 is slow on purpose, and they share the password.
  const hash = await hashPassword(DEMO_PASSWORD, deps.hashCost);
  const written = await writeDemo(deps.db, plan, wrangle(CANONS, plan.works), hash, now);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  log(
    `Quire: loaded the demo archive (${written.works} works, ${written.chapters} chapters, ` +
      `${written.users} writers, ${written.tags} tags) in ${seconds} s; sign in as "${DEMO_LOGIN}" ` +
      `with password "${DEMO_PASSWORD}" (QUIRE_DEMO=0 skips it).`,
  );
}
