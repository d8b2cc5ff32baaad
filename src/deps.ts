import type { Config } from "./config";
import type { Deps, PasswordHashCost } from "./context";
import type { Db } from "./db/connection";
import { defaultLimits } from "./lib/ratelimit";
import { ArchiveIndex } from "./tagengine/load/archive";

/** argon2id at the library's recommended cost (64 MiB, 3 passes). */
export const PRODUCTION_HASH_COST: PasswordHashCost = { memoryCost: 65_536, timeCost: 3 };

/** Dependencies with an empty index, which fills from the changes feed on its first catch-up. */
export function makeDeps(database: Db, config: Config, hashCost = PRODUCTION_HASH_COST): Deps {
  return {
    db: database.db,
    dialect: database.dialect,
    config,
    hashCost,
    limits: defaultLimits(),
    index: ArchiveIndex.empty(),
  };
}
