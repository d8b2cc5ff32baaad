import type { Migration } from "kysely";
import * as m20261127000000 from "./20261127000000_initial";
import * as m20261127010000 from "./20261127010000_listing";
import * as m20261127020000 from "./20261127020000_text_search";
import * as m20261207000000 from "./20261207000000_known_devices";
import * as m20261207010000 from "./20261207010000_change_feed";
import * as m20261207120000 from "./20261207120000_drop_jobs";
import * as m20261208000000 from "./20261208000000_restorable_functions";

/** Every migration, by its timestamped name. Add new ones at the end; never edit an old one. */
export const migrations: Record<string, Migration> = {
  "20261127000000_initial": m20261127000000,
  "20261127010000_listing": m20261127010000,
  "20261127020000_text_search": m20261127020000,
  "20261207000000_known_devices": m20261207000000,
  "20261207010000_change_feed": m20261207010000,
  "20261207120000_drop_jobs": m20261207120000,
  "20261208000000_restorable_functions": m20261208000000,
};
