import type { Migration } from "kysely";
import * as m20261127000000 from "./20261127000000_initial";
import * as m20261127010000 from "./20261127010000_listing";

/** Every migration, by its timestamped name. Add new ones at the end; never edit an old one. */
export const migrations: Record<string, Migration> = {
  "20261127000000_initial": m20261127000000,
  "20261127010000_listing": m20261127010000,
};
