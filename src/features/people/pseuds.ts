import type { Kysely } from "kysely";
import { isUniqueViolation } from "../../db/dialect";
import type { Database } from "../../db/types";
import type { FieldErrors } from "../../lib/forms";
import { nameKey } from "../../lib/text";
import { insertPseud, type PseudRow, pseudNameTaken, setDefaultPseud, updatePseud } from "./queries";
import type { PseudInput } from "./schema";

type DB = Kysely<Database>;

export type PseudResult = { ok: true; name: string } | { ok: false; errors: FieldErrors };

function duplicate(name: string): PseudResult {
  return { ok: false, errors: { name: `You already have a pseud called "${name}".` } };
}

/** Adds a pseud to a user. Names are unique per user regardless of case. */
export async function createPseud(db: DB, userId: number, input: PseudInput): Promise<PseudResult> {
  try {
    return await db.transaction().execute(async (trx) => {
      if (await pseudNameTaken(trx, userId, nameKey(input.name))) return duplicate(input.name);
      await insertPseud(trx, { userId, name: input.name, description: input.description, now: Date.now() });
      return { ok: true, name: input.name } as const;
    });
  } catch (err) {
    // Two requests raced past the check: the unique index refused the second.
    if (isUniqueViolation(err)) return duplicate(input.name);
    throw err;
  }
}

/** Renames a pseud and changes its description; its works keep their credit under the new name. */
export async function editPseud(db: DB, pseud: PseudRow, input: PseudInput): Promise<PseudResult> {
  try {
    return await db.transaction().execute(async (trx) => {
      if (await pseudNameTaken(trx, pseud.userId, nameKey(input.name), pseud.id)) {
        return duplicate(input.name);
      }
      await updatePseud(trx, {
        id: pseud.id,
        userId: pseud.userId,
        name: input.name,
        description: input.description,
      });
      return { ok: true, name: input.name } as const;
    });
  } catch (err) {
    if (isUniqueViolation(err)) return duplicate(input.name);
    throw err;
  }
}

/** Makes a pseud the user's default; the user keeps exactly one default. */
export async function makeDefaultPseud(db: DB, pseud: PseudRow): Promise<void> {
  await db.transaction().execute((trx) => setDefaultPseud(trx, pseud.userId, pseud.id));
}
