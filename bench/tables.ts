// The rows the corpus generator writes: tables, their columns in row order, and column types
// (PostgreSQL's unnest needs them).

/** Rows per table, each row in the column order of TABLES. */
export type Batch = Partial<Record<TableName, unknown[][]>>;

export type ColumnType = "int" | "bigint" | "text";
export const TABLES = {
  users: [
    ["id", "int"],
    ["login", "text"],
    ["login_key", "text"],
    ["email", "text"],
    ["email_key", "text"],
    ["password_hash", "text"],
    ["created_at", "bigint"],
  ],
  pseuds: [
    ["id", "int"],
    ["user_id", "int"],
    ["name", "text"],
    ["name_key", "text"],
    ["is_default", "int"],
    ["created_at", "bigint"],
  ],
  tags: [
    ["id", "int"],
    ["type", "text"],
    ["name", "text"],
    ["name_key", "text"],
    ["canonical", "int"],
    ["merger_id", "int"],
    ["created_at", "bigint"],
  ],
  meta_tags: [
    ["meta_id", "int"],
    ["sub_id", "int"],
    ["direct", "int"],
  ],
  works: [
    ["id", "int"],
    ["title", "text"],
    ["title_sort", "text"],
    ["summary", "text"],
    ["language", "text"],
    ["complete", "int"],
    ["expected_chapters", "int"],
    ["restricted", "int"],
    ["anonymous", "int"],
    ["posted", "int"],
    ["hidden_by_admin", "int"],
    ["created_at", "bigint"],
    ["posted_at", "bigint"],
    ["updated_at", "bigint"],
    ["word_count", "int"],
    ["chapter_count", "int"],
    ["hits", "int"],
    ["kudos_count", "int"],
    ["comments_count", "int"],
    ["bookmarks_count", "int"],
    ["search_meta", "text"],
  ],
  chapters: [
    ["id", "int"],
    ["work_id", "int"],
    ["position", "int"],
    ["body", "text"],
    ["word_count", "int"],
    ["posted", "int"],
    ["created_at", "bigint"],
    ["updated_at", "bigint"],
    ["posted_at", "bigint"],
  ],
  creatorships: [
    ["id", "int"],
    ["work_id", "int"],
    ["pseud_id", "int"],
    ["approved", "int"],
    ["created_at", "bigint"],
  ],
  taggings: [
    ["work_id", "int"],
    ["tag_id", "int"],
  ],
  changes: [
    ["id", "int"],
    ["work_id", "int"],
    ["created_at", "bigint"],
  ],
} as const satisfies Record<string, readonly (readonly [string, ColumnType])[]>;
export type TableName = keyof typeof TABLES;
