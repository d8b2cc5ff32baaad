import type { Kysely } from "kysely";

// The first schema made a `jobs` table that nothing reads or writes. A feature that needs
// background work creates the table it needs, with the columns and indexes it uses.
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("jobs").ifExists().execute();
}
