// Frozen: this migration must keep producing the same schema forever. It imports nothing from
// the application and works on Kysely<any>.
import { type Kysely, PostgresAdapter } from "kysely";

/**
 * Browsers an account has signed in from: a random token in a long-lived cookie, stored here only
 * hashed. A sign-in from one of them is not held by the brake on an account's failed sign-ins.
 */
export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  await db.schema
    .createTable("known_devices")
    .addColumn("id", "integer", (c) =>
      pg ? c.primaryKey().generatedByDefaultAsIdentity() : c.primaryKey().autoIncrement(),
    )
    .addColumn("token_hash", "text", (c) => c.notNull())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("last_used_at", "bigint", (c) => c.notNull())
    .addUniqueConstraint("known_devices_token_user", ["token_hash", "user_id"])
    .execute();
  await db.schema.createIndex("known_devices_user").on("known_devices").column("user_id").execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable("known_devices").execute();
}
