// Frozen: imports nothing from the application and works on Kysely<any>.
import { type Kysely, sql } from "kysely";

/** The key works sort on by title (lower case, leading articles dropped), written with the title. */
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("works")
    .addColumn("title_sort", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  await db.updateTable("works").set({ title_sort: sql`lower(title)` }).execute();
  await db.schema.createIndex("works_title_sort").on("works").columns(["title_sort", "id"]).execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex("works_title_sort").execute();
  await db.schema.alterTable("works").dropColumn("title_sort").execute();
}
