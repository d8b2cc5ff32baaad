// Frozen: this migration must keep producing the same schema forever. It imports nothing from
// the application and works on Kysely<any>.
import { type ColumnDefinitionBuilder, type Kysely, PostgresAdapter } from "kysely";

type Col = (c: ColumnDefinitionBuilder) => ColumnDefinitionBuilder;

export async function up(db: Kysely<any>): Promise<void> {
  const pg = db.getExecutor().adapter instanceof PostgresAdapter;
  const id: Col = pg
    ? (c) => c.primaryKey().generatedByDefaultAsIdentity()
    : (c) => c.primaryKey().autoIncrement();
  const zero: Col = (c) => c.notNull().defaultTo(0);
  const empty: Col = (c) => c.notNull().defaultTo("");

  await db.schema
    .createTable("users")
    .addColumn("id", "integer", id)
    .addColumn("login", "text", (c) => c.notNull())
    .addColumn("login_key", "text", (c) => c.notNull().unique())
    .addColumn("email", "text", (c) => c.notNull())
    .addColumn("email_key", "text", (c) => c.notNull().unique())
    .addColumn("password_hash", "text", (c) => c.notNull())
    .addColumn("is_admin", "integer", zero)
    .addColumn("is_tag_wrangler", "integer", zero)
    .addColumn("skip_adult_notice", "integer", zero)
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("pseuds")
    .addColumn("id", "integer", id)
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_key", "text", (c) => c.notNull())
    .addColumn("is_default", "integer", zero)
    .addColumn("description", "text", empty)
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addUniqueConstraint("pseuds_user_name_key", ["user_id", "name_key"])
    .execute();

  await db.schema
    .createTable("sessions")
    .addColumn("id", "integer", id)
    .addColumn("token_hash", "text", (c) => c.notNull().unique())
    .addColumn("user_id", "integer", (c) => c.notNull().references("users.id").onDelete("cascade"))
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("expires_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("sessions_user").on("sessions").column("user_id").execute();

  await db.schema
    .createTable("works")
    .addColumn("id", "integer", id)
    .addColumn("title", "text", (c) => c.notNull())
    .addColumn("summary", "text", empty)
    .addColumn("notes", "text", empty)
    .addColumn("end_notes", "text", empty)
    .addColumn("language", "text", (c) => c.notNull().defaultTo("en"))
    .addColumn("complete", "integer", zero)
    .addColumn("expected_chapters", "integer")
    .addColumn("restricted", "integer", zero)
    .addColumn("anonymous", "integer", zero)
    .addColumn("posted", "integer", zero)
    .addColumn("hidden_by_admin", "integer", zero)
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("posted_at", "bigint")
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("word_count", "integer", zero)
    .addColumn("chapter_count", "integer", zero)
    .addColumn("hits", "integer", zero)
    .addColumn("kudos_count", "integer", zero)
    .addColumn("comments_count", "integer", zero)
    .addColumn("bookmarks_count", "integer", zero)
    .execute();
  await db.schema.createIndex("works_posted_updated").on("works").columns(["posted", "updated_at"]).execute();

  await db.schema
    .createTable("chapters")
    .addColumn("id", "integer", id)
    .addColumn("work_id", "integer", (c) => c.notNull().references("works.id").onDelete("cascade"))
    .addColumn("position", "integer", (c) => c.notNull())
    .addColumn("title", "text", empty)
    .addColumn("summary", "text", empty)
    .addColumn("notes", "text", empty)
    .addColumn("end_notes", "text", empty)
    .addColumn("body", "text", (c) => c.notNull())
    .addColumn("word_count", "integer", zero)
    .addColumn("posted", "integer", zero)
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addColumn("updated_at", "bigint", (c) => c.notNull())
    .addColumn("posted_at", "bigint")
    .execute();
  await db.schema
    .createIndex("chapters_work_position")
    .on("chapters")
    .columns(["work_id", "position"])
    .execute();

  await db.schema
    .createTable("creatorships")
    .addColumn("id", "integer", id)
    .addColumn("work_id", "integer", (c) => c.notNull().references("works.id").onDelete("cascade"))
    .addColumn("pseud_id", "integer", (c) => c.notNull().references("pseuds.id").onDelete("cascade"))
    .addColumn("approved", "integer", zero)
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addUniqueConstraint("creatorships_work_pseud", ["work_id", "pseud_id"])
    .execute();
  await db.schema.createIndex("creatorships_pseud").on("creatorships").column("pseud_id").execute();

  await db.schema
    .createTable("tags")
    .addColumn("id", "integer", id)
    .addColumn("type", "text", (c) => c.notNull())
    .addColumn("name", "text", (c) => c.notNull())
    .addColumn("name_key", "text", (c) => c.notNull())
    .addColumn("canonical", "integer", zero)
    .addColumn("merger_id", "integer", (c) => c.references("tags.id").onDelete("set null"))
    .addColumn("unwrangleable", "integer", zero)
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .addUniqueConstraint("tags_type_name_key", ["type", "name_key"])
    .execute();
  await db.schema.createIndex("tags_name_key").on("tags").column("name_key").execute();
  await db.schema.createIndex("tags_merger").on("tags").column("merger_id").execute();

  await db.schema
    .createTable("taggings")
    .addColumn("work_id", "integer", (c) => c.notNull().references("works.id").onDelete("cascade"))
    .addColumn("tag_id", "integer", (c) => c.notNull().references("tags.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("taggings_pk", ["work_id", "tag_id"])
    .execute();
  await db.schema.createIndex("taggings_tag").on("taggings").columns(["tag_id", "work_id"]).execute();

  await db.schema
    .createTable("tag_parents")
    .addColumn("parent_id", "integer", (c) => c.notNull().references("tags.id").onDelete("cascade"))
    .addColumn("child_id", "integer", (c) => c.notNull().references("tags.id").onDelete("cascade"))
    .addPrimaryKeyConstraint("tag_parents_pk", ["parent_id", "child_id"])
    .execute();
  await db.schema.createIndex("tag_parents_child").on("tag_parents").column("child_id").execute();

  await db.schema
    .createTable("meta_tags")
    .addColumn("meta_id", "integer", (c) => c.notNull().references("tags.id").onDelete("cascade"))
    .addColumn("sub_id", "integer", (c) => c.notNull().references("tags.id").onDelete("cascade"))
    .addColumn("direct", "integer", (c) => c.notNull().defaultTo(1))
    .addPrimaryKeyConstraint("meta_tags_pk", ["meta_id", "sub_id"])
    .execute();
  await db.schema.createIndex("meta_tags_sub").on("meta_tags").column("sub_id").execute();

  await db.schema
    .createTable("changes")
    .addColumn("id", "integer", id)
    .addColumn("work_id", "integer", (c) => c.notNull())
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();

  await db.schema
    .createTable("jobs")
    .addColumn("id", "integer", id)
    .addColumn("kind", "text", (c) => c.notNull())
    .addColumn("payload", "text", (c) => c.notNull())
    .addColumn("run_at", "bigint", (c) => c.notNull())
    .addColumn("attempts", "integer", zero)
    .addColumn("locked_at", "bigint")
    .addColumn("last_error", "text")
    .addColumn("created_at", "bigint", (c) => c.notNull())
    .execute();
  await db.schema.createIndex("jobs_run_at").on("jobs").column("run_at").execute();

  await db.schema
    .createTable("settings")
    .addColumn("key", "text", (c) => c.primaryKey())
    .addColumn("value", "text", (c) => c.notNull())
    .execute();

  // The fixed canonical tag sets (ratings, archive warnings, categories).
  const now = Date.now();
  const fixed: [string, string[]][] = [
    ["rating", ["General Audiences", "Teen And Up Audiences", "Mature", "Explicit", "Not Rated"]],
    [
      "warning",
      [
        "Creator Chose Not To Use Archive Warnings",
        "No Archive Warnings Apply",
        "Graphic Depictions Of Violence",
        "Major Character Death",
        "Rape/Non-Con",
        "Underage",
      ],
    ],
    ["category", ["F/F", "F/M", "Gen", "M/M", "Multi", "Other"]],
  ];
  for (const [type, names] of fixed) {
    await db
      .insertInto("tags")
      .values(
        names.map((name) => ({
          type,
          name,
          name_key: name.normalize("NFC").toLowerCase(),
          canonical: 1,
          created_at: now,
        })),
      )
      .execute();
  }

  // The account that keeps orphaned works: it has no password and cannot sign in.
  const orphan = await db
    .insertInto("users")
    .values({
      login: "orphan_account",
      login_key: "orphan_account",
      email: "orphan_account@invalid",
      email_key: "orphan_account@invalid",
      password_hash: "",
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db
    .insertInto("pseuds")
    .values({
      user_id: orphan.id,
      name: "orphan_account",
      name_key: "orphan_account",
      is_default: 1,
      created_at: now,
    })
    .execute();
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    "settings",
    "jobs",
    "changes",
    "meta_tags",
    "tag_parents",
    "taggings",
    "tags",
    "creatorships",
    "chapters",
    "works",
    "sessions",
    "pseuds",
    "users",
  ]) {
    await db.schema.dropTable(t).execute();
  }
}
