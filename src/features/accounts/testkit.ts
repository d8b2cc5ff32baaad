// Helpers shared by the account tests (not loaded by the app).
import type { TestArchive } from "../../../test/helpers/archive";
import type { Page } from "../../../test/helpers/client";
import { RateLimiter } from "../../lib/ratelimit";

/** Limits no test reaches by accident; a rate-limit test swaps in a tight one itself. */
export function relaxLimits(archive: TestArchive): void {
  const limits = archive.deps.limits;
  for (const name of Object.keys(limits) as (keyof typeof limits)[])
    limits[name] = new RateLimiter(10_000, 60_000);
}

/** The message shown beside a field, or null. */
export function fieldError(page: Page, name: string): string | null {
  const m = page.text.match(new RegExp(`<p class="field-error" id="${name}-error">([^<]*)</p>`));
  return m ? m[1]! : null;
}

export async function countRows(
  archive: TestArchive,
  table: "users" | "pseuds" | "sessions",
): Promise<number> {
  const row = await archive.db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
