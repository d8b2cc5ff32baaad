// Frozen: imports nothing from the application and works on Kysely<any>.
//
// Full-text search, kept current by the database itself:
// - works.search_meta: the names a work is found by that live in other tables (its tags' names,
//   and its approved creators' pseud names and logins unless the work is anonymous), rewritten by
//   triggers on taggings, creatorships, tags, pseuds, users and works.anonymous;
// - SQLite: contentless FTS5 tables works_fts (title, meta, text) and chapters_fts (body), rowid =
//   work or chapter id, written by triggers through `search_text(value, is_html)`, an SQL function
//   every connection registers (openSqlite): SQLite has no regular expressions to strip HTML with.
//   Contentless with contentless_delete rather than external content: what is indexed is derived
//   text, not a column an external-content table could read back, and a row is deleted by its id
//   alone, without recomputing the text it was indexed with;
// - PostgreSQL: the same `search_text` as an SQL function, generated tsvector columns
//   works.search_vector and chapters.search_vector with GIN indexes, and a text search
//   configuration `quire_search` (simple, with unaccent when the server has it).
// Every work and chapter is indexed, drafts and hidden works included: queries filter on the
// live flags, so posting or hiding needs no index change.
import { type Kysely, PostgresAdapter, sql } from "kysely";

/** Must match CJK_CHARACTERS in src/search/normalize.ts (copied: migrations import nothing). */
const CJK =
  "\u1100-\u11ff\u2e80-\u2fdf\u3005-\u3007\u3021-\u3029\u3031-\u3035\u3040-\u30ff\u3100-\u312f" +
  "\u3130-\u318f\u31a0-\u31bf\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7ff" +
  "\uf900-\ufaff\uff66-\uff9f\u{20000}-\u{323af}";

const TOKENIZER = "unicode61 remove_diacritics 2";

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable("works")
    .addColumn("search_meta", "text", (c) => c.notNull().defaultTo(""))
    .execute();
  if (db.getExecutor().adapter instanceof PostgresAdapter) await upPostgres(db);
  else await upSqlite(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await downPostgres(db);
  else await downSqlite(db);
  await db.schema.alterTable("works").dropColumn("search_meta").execute();
}

async function run(db: Kysely<unknown>, statements: string[]): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

// ---- SQLite ------------------------------------------------------------------------------------

/** The search_meta of the work `id` (an SQL expression), anonymous when `anonymous` is 1. */
function sqliteMeta(id: string, anonymous: string): string {
  return `trim(coalesce((select group_concat(t.name, ' ') from taggings g join tags t on t.id = g.tag_id
      where g.work_id = ${id}), '') || ' ' ||
    coalesce(case when ${anonymous} = 0 then (select group_concat(p.name || ' ' || u.login, ' ')
      from creatorships c join pseuds p on p.id = c.pseud_id join users u on u.id = p.user_id
      where c.work_id = ${id} and c.approved = 1) end, ''))`;
}

/** Rewrites search_meta of the works chosen by `where` (on `works`). */
function sqliteRefresh(where: string): string {
  return `update works set search_meta = ${sqliteMeta("works.id", "works.anonymous")} where ${where};`;
}

const SQLITE_WORK_DOC = `(new.id, search_text(new.title, 0), search_text(new.search_meta, 0),
  search_text(new.summary || ' ' || new.notes || ' ' || new.end_notes, 1))`;

const SQLITE_TRIGGERS: [string, string][] = [
  [
    "works_fts_insert",
    `after insert on works begin
    insert into works_fts(rowid, title, meta, text) values ${SQLITE_WORK_DOC}; end`,
  ],
  [
    "works_fts_update",
    `after update of title, summary, notes, end_notes, search_meta on works
    when old.title is not new.title or old.summary is not new.summary or old.notes is not new.notes
      or old.end_notes is not new.end_notes or old.search_meta is not new.search_meta begin
    delete from works_fts where rowid = old.id;
    insert into works_fts(rowid, title, meta, text) values ${SQLITE_WORK_DOC}; end`,
  ],
  ["works_fts_delete", "after delete on works begin delete from works_fts where rowid = old.id; end"],
  [
    "chapters_fts_insert",
    `after insert on chapters begin
    insert into chapters_fts(rowid, body) values (new.id, search_text(new.body, 1)); end`,
  ],
  [
    "chapters_fts_update",
    `after update of body on chapters when old.body is not new.body begin
    delete from chapters_fts where rowid = old.id;
    insert into chapters_fts(rowid, body) values (new.id, search_text(new.body, 1)); end`,
  ],
  [
    "chapters_fts_delete",
    "after delete on chapters begin delete from chapters_fts where rowid = old.id; end",
  ],
  [
    "works_search_meta_anonymous",
    `after update of anonymous on works
    when old.anonymous is not new.anonymous begin ${sqliteRefresh("works.id = new.id")} end`,
  ],
  [
    "taggings_search_meta_insert",
    `after insert on taggings begin
    ${sqliteRefresh("works.id = new.work_id")} end`,
  ],
  [
    "taggings_search_meta_delete",
    `after delete on taggings begin
    ${sqliteRefresh("works.id = old.work_id")} end`,
  ],
  [
    "taggings_search_meta_update",
    `after update on taggings begin
    ${sqliteRefresh("works.id in (old.work_id, new.work_id)")} end`,
  ],
  [
    "creatorships_search_meta_insert",
    `after insert on creatorships begin
    ${sqliteRefresh("works.id = new.work_id")} end`,
  ],
  [
    "creatorships_search_meta_delete",
    `after delete on creatorships begin
    ${sqliteRefresh("works.id = old.work_id")} end`,
  ],
  [
    "creatorships_search_meta_update",
    `after update on creatorships begin
    ${sqliteRefresh("works.id in (old.work_id, new.work_id)")} end`,
  ],
  [
    "tags_search_meta_rename",
    `after update of name on tags when old.name is not new.name begin
    ${sqliteRefresh("works.id in (select work_id from taggings where tag_id = new.id)")} end`,
  ],
  [
    "pseuds_search_meta_rename",
    `after update of name on pseuds when old.name is not new.name begin
    ${sqliteRefresh("works.id in (select work_id from creatorships where pseud_id = new.id)")} end`,
  ],
  [
    "users_search_meta_rename",
    `after update of login on users when old.login is not new.login begin
    ${sqliteRefresh(`works.id in (select c.work_id from creatorships c join pseuds p on p.id = c.pseud_id
      where p.user_id = new.id)`)} end`,
  ],
];

async function upSqlite(db: Kysely<unknown>): Promise<void> {
  try {
    await sql`select search_text('', 0)`.execute(db);
  } catch {
    throw new Error("the SQLite connection lacks the search_text function: open it with openSqlite()");
  }
  await run(db, [
    `create virtual table works_fts using fts5(title, meta, text,
      content = '', contentless_delete = 1, tokenize = '${TOKENIZER}')`,
    `create virtual table chapters_fts using fts5(body,
      content = '', contentless_delete = 1, tokenize = '${TOKENIZER}')`,
    sqliteRefresh("1 = 1"),
    `insert into works_fts(rowid, title, meta, text) select id, search_text(title, 0),
      search_text(search_meta, 0), search_text(summary || ' ' || notes || ' ' || end_notes, 1) from works`,
    "insert into chapters_fts(rowid, body) select id, search_text(body, 1) from chapters",
    ...SQLITE_TRIGGERS.map(([name, body]) => `create trigger ${name} ${body}`),
  ]);
}

async function downSqlite(db: Kysely<unknown>): Promise<void> {
  await run(db, [
    ...SQLITE_TRIGGERS.map(([name]) => `drop trigger ${name}`),
    "drop table chapters_fts",
    "drop table works_fts",
  ]);
}

// ---- PostgreSQL --------------------------------------------------------------------------------

const PG_TRIGGERS: [string, string, string][] = [
  // [name, table, definition]: one per event, as transition tables allow a single event each.
  ["taggings_search_meta_insert", "taggings", "after insert on taggings referencing new table as new_rows for each statement execute function search_meta_from_new_rows()"],
  ["taggings_search_meta_delete", "taggings", "after delete on taggings referencing old table as old_rows for each statement execute function search_meta_from_old_rows()"],
  ["taggings_search_meta_update", "taggings", "after update on taggings referencing old table as old_rows new table as new_rows for each statement execute function search_meta_from_both_rows()"],
  ["creatorships_search_meta_insert", "creatorships", "after insert on creatorships referencing new table as new_rows for each statement execute function search_meta_from_new_rows()"],
  ["creatorships_search_meta_delete", "creatorships", "after delete on creatorships referencing old table as old_rows for each statement execute function search_meta_from_old_rows()"],
  ["creatorships_search_meta_update", "creatorships", "after update on creatorships referencing old table as old_rows new table as new_rows for each statement execute function search_meta_from_both_rows()"],
  ["tags_search_meta_rename", "tags", "after update of name on tags for each row when (old.name is distinct from new.name) execute function search_meta_tag_renamed()"],
  ["pseuds_search_meta_rename", "pseuds", "after update of name on pseuds for each row when (old.name is distinct from new.name) execute function search_meta_pseud_renamed()"],
  ["users_search_meta_rename", "users", "after update of login on users for each row when (old.login is distinct from new.login) execute function search_meta_user_renamed()"],
  ["works_search_meta_anonymous", "works", "before update of anonymous on works for each row when (old.anonymous is distinct from new.anonymous) execute function search_meta_anonymous_changed()"],
]; // biome-ignore format: one trigger a line

const PG_FUNCTIONS = [
  "search_text(text, integer)",
  "chapter_search_vector(regconfig, text)",
  "work_search_meta(integer, integer)",
  "refresh_work_search_meta(integer[])",
  "search_meta_from_new_rows()",
  "search_meta_from_old_rows()",
  "search_meta_from_both_rows()",
  "search_meta_tag_renamed()",
  "search_meta_pseud_renamed()",
  "search_meta_user_renamed()",
  "search_meta_anonymous_changed()",
];

function pgTriggerFunction(name: string, body: string): string {
  return `create function ${name}() returns trigger language plpgsql as $$
    begin ${body} return null; end $$`;
}

async function upPostgres(db: Kysely<unknown>): Promise<void> {
  // unaccent is a contrib extension (trusted: a database owner may create it). Without it the
  // archive still works, only accents then count.
  const unaccent = await sql<{ ok: number }>`
    select 1 as ok from pg_available_extensions where name = 'unaccent'`.execute(db);
  const statements = ["create text search configuration quire_search (copy = simple)"];
  if (unaccent.rows.length > 0) {
    statements.unshift("create extension if not exists unaccent");
    statements.push(
      "alter text search configuration quire_search alter mapping for hword, hword_part, word with unaccent, simple",
    );
  }
  await run(db, [
    ...statements,
    // Tags and entities out (HTML), punctuation out so that the parser sees only words (no
    // e-mail, URL or host tokens, as in SQLite), and spaces around CJK characters.
    `create function search_text(value text, is_html integer) returns text
      language sql immutable parallel safe as $$ select
      regexp_replace(regexp_replace(
        case when is_html = 1 then regexp_replace(regexp_replace(coalesce(value, ''), '<[^>]*>', ' ', 'g'),
          '&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z][a-zA-Z0-9]*);', ' ', 'g')
        else coalesce(value, '') end,
        '[[:punct:]]+', ' ', 'g'), '([${CJK}])', ' \\1 ', 'g') $$`,
    // A tsvector holds at most 1 MB of distinct words: a chapter of that much unique gibberish
    // is indexed by its beginning rather than refused. Shorter texts cannot reach the limit and
    // skip the exception block (a subtransaction each).
    `create function chapter_search_vector(config regconfig, body text) returns tsvector
      language plpgsql immutable parallel safe as $$
      declare t text := search_text(body, 1);
      begin
        if octet_length(t) < 900000 then
          return to_tsvector(config, t);
        end if;
        loop
          begin
            return to_tsvector(config, t);
          exception when program_limit_exceeded then
            t := left(t, length(t) / 2);
          end;
        end loop;
      end $$`,
    `create function work_search_meta(work_id integer, anonymous integer) returns text
      language sql stable as $$ select concat_ws(' ',
        (select string_agg(t.name, ' ' order by t.id) from taggings g join tags t on t.id = g.tag_id
          where g.work_id = work_search_meta.work_id),
        case when anonymous = 0 then (select string_agg(p.name || ' ' || u.login, ' ' order by p.id)
          from creatorships c join pseuds p on p.id = c.pseud_id join users u on u.id = p.user_id
          where c.work_id = work_search_meta.work_id and c.approved = 1) end) $$`,
    `create function refresh_work_search_meta(ids integer[]) returns void language sql as $$
      update works w set search_meta = m.meta
      from (select id, work_search_meta(id, anonymous) as meta from works where id = any(ids)) m
      where w.id = m.id and w.search_meta is distinct from m.meta $$`,
    pgTriggerFunction(
      "search_meta_from_new_rows",
      "perform refresh_work_search_meta(array(select distinct work_id from new_rows));",
    ),
    pgTriggerFunction(
      "search_meta_from_old_rows",
      "perform refresh_work_search_meta(array(select distinct work_id from old_rows));",
    ),
    pgTriggerFunction(
      "search_meta_from_both_rows",
      `perform refresh_work_search_meta(array(select work_id from old_rows union select work_id from new_rows));`,
    ),
    pgTriggerFunction(
      "search_meta_tag_renamed",
      "perform refresh_work_search_meta(array(select work_id from taggings where tag_id = new.id));",
    ),
    pgTriggerFunction(
      "search_meta_pseud_renamed",
      "perform refresh_work_search_meta(array(select work_id from creatorships where pseud_id = new.id));",
    ),
    pgTriggerFunction(
      "search_meta_user_renamed",
      `perform refresh_work_search_meta(array(select distinct c.work_id from creatorships c
        join pseuds p on p.id = c.pseud_id where p.user_id = new.id));`,
    ),
    `create function search_meta_anonymous_changed() returns trigger language plpgsql as $$
      begin new.search_meta := work_search_meta(new.id, new.anonymous); return new; end $$`,
    "update works set search_meta = work_search_meta(id, anonymous)",
    // Weights: title A, tags and creators B, summary and notes C (ts_rank: 1.0, 0.4, 0.2). A
    // placeholder word between fields, deleted again, leaves a gap in the positions so that a
    // phrase never runs from one field into the next (as in FTS5, where columns are apart).
    `alter table works add column search_vector tsvector generated always as (ts_delete(
      setweight(to_tsvector('quire_search'::regconfig, search_text(title, 0)), 'A') || '_:1'::tsvector ||
      setweight(to_tsvector('quire_search'::regconfig, search_text(search_meta, 0)), 'B') || '_:1'::tsvector ||
      setweight(to_tsvector('quire_search'::regconfig,
        search_text(summary || ' ' || notes || ' ' || end_notes, 1)), 'C'), '_'::text)) stored`,
    `alter table chapters add column search_vector tsvector generated always as (
      chapter_search_vector('quire_search'::regconfig, body)) stored`,
    "create index works_search_vector on works using gin (search_vector)",
    "create index chapters_search_vector on chapters using gin (search_vector)",
    ...PG_TRIGGERS.map(([name, , definition]) => `create trigger ${name} ${definition}`),
  ]);
}

async function downPostgres(db: Kysely<unknown>): Promise<void> {
  await run(db, [
    ...PG_TRIGGERS.map(([name, table]) => `drop trigger ${name} on ${table}`),
    "drop index works_search_vector",
    "drop index chapters_search_vector",
    "alter table works drop column search_vector",
    "alter table chapters drop column search_vector",
    ...PG_FUNCTIONS.map((f) => `drop function ${f}`),
    "drop text search configuration quire_search",
  ]);
}
