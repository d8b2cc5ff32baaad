import { availableParallelism } from "node:os";
import type { Config } from "./config";
import type { Deps, PasswordHashCost } from "./context";
import type { Db } from "./db/connection";
import { defaultLimits } from "./lib/ratelimit";
import { WorkQueue } from "./lib/workqueue";
import { ArchiveIndex } from "./tagengine/load/archive";

/** argon2id at the library's recommended cost (64 MiB, 3 passes). */
export const PRODUCTION_HASH_COST: PasswordHashCost = { memoryCost: 65_536, timeCost: 3 };

/**
 * One argon2 hash or check per core at a time; a burst beyond a few rounds' worth of waiting is
 * turned away with "busy" at once rather than held in memory.
 */
export function passwordQueue(): WorkQueue {
  const cores = availableParallelism();
  return new WorkQueue(cores, 8 * cores);
}

/** Dependencies with an empty index, which fills from the changes feed on its first catch-up. */
export function makeDeps(database: Db, config: Config, hashCost = PRODUCTION_HASH_COST): Deps {
  return {
    db: database.db,
    dialect: database.dialect,
    config,
    hashCost,
    limits: defaultLimits(),
    passwordWork: passwordQueue(),
    index: ArchiveIndex.empty(),
  };
}
