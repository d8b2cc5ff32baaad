// Frozen: imports nothing from the application and works on Kysely<any>.
//
// The `changes` feed, kept by the database itself: every write that changes what a listing shows
// appends the work's id, whoever makes it (the archive, a script, an administrator at a `psql`
// prompt). A row with work id 0 says the tag graph (synonyms, meta tags, parents, types, the
// canonical flag) changed; it comes before the rows of the works whose filter tags moved, so an
// index reading the feed reloads the graph first.
// - works, chapters, taggings, creatorships: the work of each row, when that work is or was
//   posted (drafts are in no listing), and for updates only when a column a listing or the text
//   search reads changed (never for `search_meta` alone: the triggers that rewrite it record the
//   works themselves);
// - tags: a 0 row for a new synonym or a changed merger, type or canonical flag, plus the works
//   tagged with a tag whose merger, type or name changed (the name is in their search text);
// - meta_tags: a 0 row plus the works tagged with the sub-tag, any tag below it, or a synonym of
//   one of those (their filter tags hold the meta tags above);
// - tag_parents: a 0 row;
// - pseuds and users: the works credited to a renamed pseud, or to a user whose login changed.
// SQLite fires row triggers; PostgreSQL runs one statement per triggering statement (transition
// tables), so an update touching thousands of rows appends its works in one insert.
import { type Kysely, PostgresAdapter, sql } from "kysely";

export async function up(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await run(db, pgUp());
  else
    await run(
      db,
      SQLITE_TRIGGERS.map(([name, body]) => `create trigger ${name} ${body}`),
    );
}

export async function down(db: Kysely<any>): Promise<void> {
  if (db.getExecutor().adapter instanceof PostgresAdapter) await run(db, pgDown());
  else
    await run(
      db,
      SQLITE_TRIGGERS.map(([name]) => `drop trigger ${name}`),
    );
}

async function run(db: Kysely<unknown>, statements: string[]): Promise<void> {
  for (const s of statements) await sql.raw(s).execute(db);
}

/** The columns of a work that listings, blurbs or the text search read (not search_meta). */
const WORK_COLUMNS = [
  "title",
  "title_sort",
  "summary",
  "notes",
  "end_notes",
  "language",
  "complete",
  "expected_chapters",
  "restricted",
  "anonymous",
  "posted",
  "hidden_by_admin",
  "posted_at",
  "updated_at",
  "word_count",
  "chapter_count",
  "hits",
  "kudos_count",
  "comments_count",
  "bookmarks_count",
];

/**
 * The columns of a chapter that a listing reads: its text is searched and its counts make the
 * work's. Titles, notes and positions show on the work's own pages only, and reordering a work's
 * chapters must not append a change a chapter.
 */
const CHAPTER_COLUMNS = ["work_id", "body", "word_count", "posted", "posted_at"];

// ---- SQLite ------------------------------------------------------------------------------------

const NOW_SQLITE = "cast(unixepoch('subsec') * 1000 as integer)";

const differs = (columns: string[]) => columns.map((c) => `old.${c} is not new.${c}`).join(" or ");

/** Appends the work `id` (an SQL expression) when it is posted. */
const sqlitePostedWork = (id: string) =>
  `insert into changes(work_id, created_at) select id, ${NOW_SQLITE} from works where id = ${id} and posted = 1;`;

/** Appends the works tagged with any tag at or below the tag `sub`, or with a synonym of one. */
const sqliteBelow = (sub: string) => `insert into changes(work_id, created_at)
  select distinct g.work_id, ${NOW_SQLITE} from taggings g where g.tag_id in (
    with recursive below(id) as (select ${sub} union select m.sub_id from meta_tags m join below b on m.meta_id = b.id)
    select id from below union select t.id from tags t join below b on t.merger_id = b.id);`;

/** For an update: the new row's work, and the old row's when the row moved to another work. */
const sqliteMovedFrom = `${sqlitePostedWork("new.work_id")}
  insert into changes(work_id, created_at) select id, ${NOW_SQLITE} from works
    where id = old.work_id and old.work_id is not new.work_id and posted = 1;`;

const SQLITE_GRAPH_CHANGED = `insert into changes(work_id, created_at) values (0, ${NOW_SQLITE});`;

const SQLITE_TRIGGERS: [string, string][] = [
  [
    "feed_works_insert",
    `after insert on works when new.posted = 1 begin
    insert into changes(work_id, created_at) values (new.id, ${NOW_SQLITE}); end`,
  ],
  [
    "feed_works_update",
    `after update on works when (old.posted = 1 or new.posted = 1) and (${differs(WORK_COLUMNS)}) begin
    insert into changes(work_id, created_at) values (new.id, ${NOW_SQLITE}); end`,
  ],
  [
    "feed_works_delete",
    `after delete on works when old.posted = 1 begin
    insert into changes(work_id, created_at) values (old.id, ${NOW_SQLITE}); end`,
  ],
  [
    "feed_chapters_insert",
    `after insert on chapters when new.posted = 1 begin ${sqlitePostedWork("new.work_id")} end`,
  ],
  [
    "feed_chapters_update",
    `after update on chapters when (old.posted = 1 or new.posted = 1) and (${differs(CHAPTER_COLUMNS)}) begin
    ${sqliteMovedFrom} end`,
  ],
  [
    "feed_chapters_delete",
    `after delete on chapters when old.posted = 1 begin ${sqlitePostedWork("old.work_id")} end`,
  ],
  ["feed_taggings_insert", `after insert on taggings begin ${sqlitePostedWork("new.work_id")} end`],
  ["feed_taggings_delete", `after delete on taggings begin ${sqlitePostedWork("old.work_id")} end`],
  [
    "feed_taggings_update",
    `after update on taggings begin
    ${sqliteMovedFrom} end`,
  ],
  ["feed_creatorships_insert", `after insert on creatorships begin ${sqlitePostedWork("new.work_id")} end`],
  ["feed_creatorships_delete", `after delete on creatorships begin ${sqlitePostedWork("old.work_id")} end`],
  [
    "feed_creatorships_update",
    `after update on creatorships when ${differs(["work_id", "pseud_id", "approved"])} begin
    ${sqliteMovedFrom} end`,
  ],
  [
    "feed_tags_insert",
    `after insert on tags when new.merger_id is not null begin ${SQLITE_GRAPH_CHANGED} end`,
  ],
  [
    "feed_tags_update",
    `after update on tags when ${differs(["merger_id", "type", "canonical", "name"])} begin
    insert into changes(work_id, created_at) select 0, ${NOW_SQLITE}
      where ${differs(["merger_id", "type", "canonical"])};
    insert into changes(work_id, created_at) select work_id, ${NOW_SQLITE} from taggings
      where tag_id = new.id and (${differs(["merger_id", "type", "name"])}); end`,
  ],
  [
    "feed_tags_delete",
    `after delete on tags when old.merger_id is not null begin ${SQLITE_GRAPH_CHANGED} end`,
  ],
  [
    "feed_meta_tags_insert",
    `after insert on meta_tags begin ${SQLITE_GRAPH_CHANGED} ${sqliteBelow("new.sub_id")} end`,
  ],
  [
    "feed_meta_tags_delete",
    `after delete on meta_tags begin ${SQLITE_GRAPH_CHANGED} ${sqliteBelow("old.sub_id")} end`,
  ],
  [
    "feed_meta_tags_update",
    `after update on meta_tags when ${differs(["meta_id", "sub_id"])} begin
    ${SQLITE_GRAPH_CHANGED} ${sqliteBelow("old.sub_id")} ${sqliteBelow("new.sub_id")} end`,
  ],
  ["feed_tag_parents_insert", `after insert on tag_parents begin ${SQLITE_GRAPH_CHANGED} end`],
  ["feed_tag_parents_delete", `after delete on tag_parents begin ${SQLITE_GRAPH_CHANGED} end`],
  [
    "feed_tag_parents_update",
    `after update on tag_parents when ${differs(["parent_id", "child_id"])} begin ${SQLITE_GRAPH_CHANGED} end`,
  ],
  [
    "feed_pseuds_rename",
    `after update on pseuds when ${differs(["name", "name_key"])} begin
    insert into changes(work_id, created_at) select work_id, ${NOW_SQLITE} from creatorships
      where pseud_id = new.id and approved = 1; end`,
  ],
  [
    "feed_users_login",
    `after update on users when old.login is not new.login begin
    insert into changes(work_id, created_at) select distinct c.work_id, ${NOW_SQLITE} from creatorships c
      join pseuds p on p.id = c.pseud_id where p.user_id = new.id and c.approved = 1; end`,
  ],
];

// ---- PostgreSQL --------------------------------------------------------------------------------

const NOW_PG = "(extract(epoch from clock_timestamp()) * 1000)::bigint";

/** `(o.a, o.b) is distinct from (n.a, n.b)`. */
const pgDiffers = (columns: string[]) =>
  `(${columns.map((c) => `o.${c}`).join(", ")}) is distinct from (${columns.map((c) => `n.${c}`).join(", ")})`;

/** Appends the posted works among `select <work_id column> from …` (a query). */
const pgPostedWorks = (ids: string) => `insert into changes(work_id, created_at)
  select w.id, ${NOW_PG} from works w where w.id in (${ids}) and w.posted = 1 order by w.id;`;

/** Both row images of an update, joined by `key`. */
const pgPairs = (key: string) => `new_rows n join old_rows o on ${key}`;

const PG_GRAPH_CHANGED = `insert into changes(work_id, created_at) values (0, ${NOW_PG});`;

/** Appends the works tagged with any tag at or below the tags `subs` (a query), or a synonym. */
const pgBelow = (subs: string) => `insert into changes(work_id, created_at)
  select g.work_id, ${NOW_PG} from taggings g where g.tag_id in (
    with recursive below(id) as (${subs} union select m.sub_id from meta_tags m join below b on m.meta_id = b.id)
    select id from below union select t.id from tags t join below b on t.merger_id = b.id)
  group by g.work_id order by g.work_id;`;

type Event = "insert" | "update" | "delete";

/** [table, event, function body]: one statement-level trigger each (transition tables allow one event). */
const PG_TRIGGERS: [string, Event, string][] = [
  [
    "works",
    "insert",
    `insert into changes(work_id, created_at) select id, ${NOW_PG} from new_rows where posted = 1 order by id;`,
  ],
  [
    "works",
    "update",
    `insert into changes(work_id, created_at) select n.id, ${NOW_PG} from ${pgPairs("o.id = n.id")}
      where (o.posted = 1 or n.posted = 1) and ${pgDiffers(WORK_COLUMNS)} order by n.id;`,
  ],
  [
    "works",
    "delete",
    `insert into changes(work_id, created_at) select id, ${NOW_PG} from old_rows where posted = 1 order by id;`,
  ],
  ["chapters", "insert", pgPostedWorks("select work_id from new_rows where posted = 1")],
  [
    "chapters",
    "update",
    pgPostedWorks(`select n.work_id from ${pgPairs("o.id = n.id")}
      where (o.posted = 1 or n.posted = 1) and ${pgDiffers(CHAPTER_COLUMNS)}
      union select o.work_id from ${pgPairs("o.id = n.id")}
      where (o.posted = 1 or n.posted = 1) and o.work_id <> n.work_id`),
  ],
  ["chapters", "delete", pgPostedWorks("select work_id from old_rows where posted = 1")],
  ["taggings", "insert", pgPostedWorks("select work_id from new_rows")],
  ["taggings", "delete", pgPostedWorks("select work_id from old_rows")],
  ["taggings", "update", pgPostedWorks("select work_id from new_rows union select work_id from old_rows")],
  ["creatorships", "insert", pgPostedWorks("select work_id from new_rows")],
  ["creatorships", "delete", pgPostedWorks("select work_id from old_rows")],
  [
    "creatorships",
    "update",
    pgPostedWorks(`select n.work_id from ${pgPairs("o.id = n.id")} where ${pgDiffers(["work_id", "pseud_id", "approved"])}
      union select o.work_id from ${pgPairs("o.id = n.id")} where o.work_id <> n.work_id`),
  ],
  [
    "tags",
    "insert",
    `insert into changes(work_id, created_at) select 0, ${NOW_PG}
      where exists (select 1 from new_rows where merger_id is not null);`,
  ],
  [
    "tags",
    "update",
    `insert into changes(work_id, created_at) select 0, ${NOW_PG}
      where exists (select 1 from ${pgPairs("o.id = n.id")} where ${pgDiffers(["merger_id", "type", "canonical"])});
    insert into changes(work_id, created_at) select g.work_id, ${NOW_PG} from taggings g
      where g.tag_id in (select n.id from ${pgPairs("o.id = n.id")} where ${pgDiffers(["merger_id", "type", "name"])})
      group by g.work_id order by g.work_id;`,
  ],
  [
    "tags",
    "delete",
    `insert into changes(work_id, created_at) select 0, ${NOW_PG}
      where exists (select 1 from old_rows where merger_id is not null);`,
  ],
  [
    "meta_tags",
    "insert",
    `if exists (select 1 from new_rows) then ${PG_GRAPH_CHANGED} ${pgBelow("select sub_id from new_rows")} end if;`,
  ],
  [
    "meta_tags",
    "delete",
    `if exists (select 1 from old_rows) then ${PG_GRAPH_CHANGED} ${pgBelow("select sub_id from old_rows")} end if;`,
  ],
  [
    "meta_tags",
    "update",
    `if exists (select 1 from new_rows n where not exists (select 1 from old_rows o
      where o.meta_id = n.meta_id and o.sub_id = n.sub_id)) then
      ${PG_GRAPH_CHANGED} ${pgBelow("select sub_id from new_rows union select sub_id from old_rows")}
    end if;`,
  ],
  ["tag_parents", "insert", `if exists (select 1 from new_rows) then ${PG_GRAPH_CHANGED} end if;`],
  ["tag_parents", "delete", `if exists (select 1 from old_rows) then ${PG_GRAPH_CHANGED} end if;`],
  [
    "tag_parents",
    "update",
    `if exists (select 1 from new_rows n where not exists (select 1 from old_rows o
      where o.parent_id = n.parent_id and o.child_id = n.child_id)) then ${PG_GRAPH_CHANGED} end if;`,
  ],
  [
    "pseuds",
    "update",
    `insert into changes(work_id, created_at) select c.work_id, ${NOW_PG} from creatorships c
      where c.approved = 1 and c.pseud_id in (select n.id from ${pgPairs("o.id = n.id")}
        where ${pgDiffers(["name", "name_key"])})
      group by c.work_id order by c.work_id;`,
  ],
  [
    "users",
    "update",
    `insert into changes(work_id, created_at) select c.work_id, ${NOW_PG} from creatorships c
      join pseuds p on p.id = c.pseud_id
      where c.approved = 1 and p.user_id in (select n.id from ${pgPairs("o.id = n.id")} where o.login is distinct from n.login)
      group by c.work_id order by c.work_id;`,
  ],
];

const pgName = (table: string, event: Event) => `feed_${table}_${event}`;

function pgUp(): string[] {
  return PG_TRIGGERS.flatMap(([table, event, body]) => {
    const name = pgName(table, event);
    const referencing =
      event === "insert"
        ? "new table as new_rows"
        : event === "delete"
          ? "old table as old_rows"
          : "old table as old_rows new table as new_rows";
    return [
      `create function ${name}() returns trigger language plpgsql as $$ begin ${body} return null; end $$`,
      `create trigger ${name} after ${event} on ${table} referencing ${referencing}
        for each statement execute function ${name}()`,
    ];
  });
}

function pgDown(): string[] {
  return PG_TRIGGERS.flatMap(([table, event]) => {
    const name = pgName(table, event);
    return [`drop trigger ${name} on ${table}`, `drop function ${name}()`];
  });
}
