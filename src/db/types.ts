import type { Generated, Insertable, Selectable, Updateable } from "kysely";

/**
 * Row types of every table. Conventions (ARCHITECTURE.md, Storage): times are integer milliseconds since the
 * epoch, booleans are integers 0/1 (mapped to `boolean` in each feature's queries.ts), ids are
 * integers, case-insensitive uniqueness lives in a stored `*_key` column.
 */
export interface Database {
  users: UsersTable;
  pseuds: PseudsTable;
  sessions: SessionsTable;
  known_devices: KnownDevicesTable;
  works: WorksTable;
  chapters: ChaptersTable;
  creatorships: CreatorshipsTable;
  tags: TagsTable;
  taggings: TaggingsTable;
  tag_parents: TagParentsTable;
  meta_tags: MetaTagsTable;
  changes: ChangesTable;
  settings: SettingsTable;
}

export type Bool = 0 | 1;

export interface UsersTable {
  id: Generated<number>;
  login: string;
  login_key: string;
  email: string;
  email_key: string;
  /** argon2id; empty for system accounts that cannot sign in (orphan_account). */
  password_hash: string;
  is_admin: Generated<Bool>;
  is_tag_wrangler: Generated<Bool>;
  /** Preference: skip the adult-content notice on Mature, Explicit and Not Rated works. */
  skip_adult_notice: Generated<Bool>;
  created_at: number;
}

export interface PseudsTable {
  id: Generated<number>;
  user_id: number;
  name: string;
  name_key: string;
  is_default: Generated<Bool>;
  description: Generated<string>;
  created_at: number;
}

export interface SessionsTable {
  id: Generated<number>;
  /** SHA-256 of the random token; the token itself lives only in the reader's cookie. */
  token_hash: string;
  user_id: number;
  created_at: number;
  expires_at: number;
}

/** A browser that signed in to the account before (its cookie's token, hashed). */
export interface KnownDevicesTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  last_used_at: number;
}

export interface WorksTable {
  id: Generated<number>;
  title: string;
  /** Sanitized HTML (SafeHtml). */
  summary: Generated<string>;
  notes: Generated<string>;
  end_notes: Generated<string>;
  language: Generated<string>;
  complete: Generated<Bool>;
  /** Planned chapter total; null shows as "?". */
  expected_chapters: number | null;
  restricted: Generated<Bool>;
  anonymous: Generated<Bool>;
  /** 0 while a draft. */
  posted: Generated<Bool>;
  hidden_by_admin: Generated<Bool>;
  created_at: number;
  posted_at: number | null;
  updated_at: number;
  word_count: Generated<number>;
  /** Posted chapters. */
  chapter_count: Generated<number>;
  hits: Generated<number>;
  kudos_count: Generated<number>;
  comments_count: Generated<number>;
  bookmarks_count: Generated<number>;
  /** Lower case, leading articles dropped (titleSortKey); the title sort's key. */
  title_sort: Generated<string>;
  /**
   * Tag names and (unless anonymous) creators' pseuds and logins, for text search. Written by
   * database triggers only (migration 20261127020000_text_search); never set it from the app.
   * PostgreSQL also has a generated `search_vector` (tsvector) here and on chapters, read only by
   * src/search and so left out of these types.
   */
  search_meta: Generated<string>;
}

export interface ChaptersTable {
  id: Generated<number>;
  work_id: number;
  position: number;
  title: Generated<string>;
  summary: Generated<string>;
  notes: Generated<string>;
  end_notes: Generated<string>;
  /** Sanitized HTML (SafeHtml). */
  body: string;
  word_count: Generated<number>;
  posted: Generated<Bool>;
  created_at: number;
  updated_at: number;
  posted_at: number | null;
}

export interface CreatorshipsTable {
  id: Generated<number>;
  work_id: number;
  pseud_id: number;
  /** 0 while a co-creator invitation waits for its answer. */
  approved: Generated<Bool>;
  created_at: number;
}

export type TagType =
  | "rating"
  | "warning"
  | "category"
  | "fandom"
  | "relationship"
  | "character"
  | "freeform";

export interface TagsTable {
  id: Generated<number>;
  type: TagType;
  name: string;
  name_key: string;
  canonical: Generated<Bool>;
  /** Set on a synonym: the canonical tag it means. */
  merger_id: number | null;
  unwrangleable: Generated<Bool>;
  created_at: number;
}

export interface TaggingsTable {
  work_id: number;
  tag_id: number;
}

export interface TagParentsTable {
  parent_id: number;
  child_id: number;
}

export interface MetaTagsTable {
  meta_id: number;
  sub_id: number;
  /** 1 for a wrangler's own link, 0 for a row inherited through another sub-tag. */
  direct: Generated<Bool>;
}

export interface ChangesTable {
  id: Generated<number>;
  work_id: number;
  created_at: number;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export type User = Selectable<UsersTable>;
export type Pseud = Selectable<PseudsTable>;
export type Work = Selectable<WorksTable>;
export type NewWork = Insertable<WorksTable>;
export type WorkUpdate = Updateable<WorksTable>;
export type Chapter = Selectable<ChaptersTable>;
export type Tag = Selectable<TagsTable>;
