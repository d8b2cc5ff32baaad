// Writes a generated corpus into a real, migrated archive database: through Kysely for either
// dialect (PostgreSQL with unnest batches), or through raw better-sqlite3 statements for speed.
import type SQLite from "better-sqlite3";
import { type Kysely, sql } from "kysely";
import type { Dialect } from "../src/db/connection";
import type { Database } from "../src/db/types";
import { Corpus, type CorpusOptions, type IdBase } from "./corpus";
import { type Batch, TABLES, type TableName } from "./tables";

type AnyDb = Kysely<Database>;
export type WorkProgress = (worksDone: number) => void;

const MARKER = "bench.corpus";
/** Bumped whenever the generator changes what a seed produces. */
export const CORPUS_VERSION = 1;

/** Tables in an order that satisfies foreign keys. */
const FK_ORDER: TableName[] = [
  "users",
  "pseuds",
  "tags",
  "meta_tags",
  "works",
  "chapters",
  "creatorships",
  "taggings",
  "changes",
];
/**
 * For bulk loads without foreign-key checks: taggings and creatorships before their works, so
 * that the full-text triggers (which refresh a work's search_meta when its tags or creators
 * change) find no work to rewrite; the work arrives with its search_meta already written.
 */
const BULK_ORDER: TableName[] = [
  "users",
  "pseuds",
  "tags",
  "meta_tags",
  "taggings",
  "creatorships",
  "works",
  "chapters",
  "changes",
];
const IDENTITY_TABLES = ["users", "pseuds", "tags", "works", "chapters", "creatorships", "changes"];

export function markerValue(opts: CorpusOptions): string {
  return JSON.stringify({ works: opts.works, seed: opts.seed, version: CORPUS_VERSION });
}

/** True when the database holds a complete corpus for these options. */
export async function hasCorpus(db: AnyDb, opts: CorpusOptions): Promise<boolean> {
  try {
    const row = await (db as Kysely<Database>)
      .selectFrom("settings")
      .select("value")
      .where("key", "=", MARKER)
      .executeTakeFirst();
    return row?.value === markerValue(opts);
  } catch {
    return false;
  }
}

async function setMarker(db: AnyDb, opts: CorpusOptions): Promise<void> {
  const d = db as Kysely<Database>;
  await d.deleteFrom("settings").where("key", "=", MARKER).execute();
  await d
    .insertInto("settings")
    .values({ key: MARKER, value: markerValue(opts) })
    .execute();
}

/** Where the generator's ids start, and the ids of the fixed tags, read from a fresh archive. */
export async function readIdBase(db: AnyDb): Promise<IdBase> {
  const d = db as Kysely<Database>;
  const max = async (table: "users" | "pseuds" | "tags") => {
    const row = await d
      .selectFrom(table)
      .select((eb) => eb.fn.max<number>("id").as("m"))
      .executeTakeFirst();
    return Number(row?.m ?? 0);
  };
  const fixed = await d
    .selectFrom("tags")
    .select(["id", "type"])
    .where("type", "in", ["rating", "warning", "category"])
    .orderBy("id")
    .execute();
  const of = (type: string) => fixed.filter((t) => t.type === type).map((t) => t.id);
  return {
    user: (await max("users")) + 1,
    pseud: (await max("pseuds")) + 1,
    tag: (await max("tags")) + 1,
    fixed: { rating: of("rating"), warning: of("warning"), category: of("category") },
  };
}

async function tableColumns(db: AnyDb, dialect: Dialect, table: string): Promise<Set<string>> {
  if (dialect === "sqlite") {
    const rows = await sql<{ name: string }>`select name from pragma_table_info(${table})`.execute(db);
    return new Set(rows.rows.map((r) => r.name));
  }
  const rows = await sql<{ column_name: string }>`select column_name from information_schema.columns
    where table_schema = current_schema() and table_name = ${table}`.execute(db);
  return new Set(rows.rows.map((r) => r.column_name));
}

/** Column positions of TABLES[table] that the database's table has (search_meta may be absent). */
async function columnPlan(db: AnyDb, dialect: Dialect) {
  const plan = new Map<TableName, { names: string[]; types: string[]; keep: number[] }>();
  for (const table of Object.keys(TABLES) as TableName[]) {
    const have = await tableColumns(db, dialect, table);
    const keep: number[] = [];
    TABLES[table].forEach(([name], i) => {
      if (have.has(name)) keep.push(i);
    });
    plan.set(table, {
      names: keep.map((i) => TABLES[table][i]![0]),
      types: keep.map((i) => TABLES[table][i]![1]),
      keep,
    });
  }
  return plan;
}

const LOADED_TABLES = [
  "users",
  "pseuds",
  "tags",
  "meta_tags",
  "works",
  "chapters",
  "creatorships",
  "taggings",
  "changes",
];

/**
 * Drops the secondary indexes of the loaded tables and returns a function that recreates them
 * from their saved definitions: building an index once after a bulk load is much faster than
 * keeping it current row by row. Indexes behind primary keys and unique constraints stay.
 */
async function dropSecondaryIndexes(db: AnyDb, dialect: Dialect): Promise<() => Promise<void>> {
  const list = sql.join(LOADED_TABLES.map((t) => sql.lit(t)));
  const rows =
    dialect === "sqlite"
      ? await sql<{ name: string; def: string }>`select name, sql as def from sqlite_master
          where type = 'index' and sql is not null and tbl_name in (${list})`.execute(db)
      : await sql<{ name: string; def: string }>`select indexname as name, indexdef as def from pg_indexes
          where schemaname = current_schema() and tablename in (${list})
          and indexname not in (select conname from pg_constraint)`.execute(db);
  for (const r of rows.rows) await sql`drop index ${sql.id(r.name)}`.execute(db);
  return async () => {
    for (const r of rows.rows) await sql.raw(r.def).execute(db);
  };
}

/**
 * Turns off the triggers that append to `changes` (see the change_feed migration) and returns a
 * function that turns them on again. The corpus writes its own feed, one row per work with the
 * work's id as the row's id, which rows appended by the triggers would collide with; and a bulk
 * load is faster without a trigger per row. PostgreSQL disables them (the tables' owner may);
 * SQLite, which cannot, drops them and creates them again from their saved definitions.
 */
async function suspendFeedTriggers(db: AnyDb, dialect: Dialect): Promise<() => Promise<void>> {
  if (dialect === "sqlite") {
    const rows = await sql<{ name: string; def: string }>`select name, sql as def from sqlite_master
      where type = 'trigger' and name glob 'feed_*'`.execute(db);
    for (const r of rows.rows) await sql`drop trigger ${sql.id(r.name)}`.execute(db);
    return async () => {
      for (const r of rows.rows) await sql.raw(r.def).execute(db);
    };
  }
  const rows = await sql<{ name: string; table: string }>`select t.tgname as name, c.relname as table
    from pg_trigger t join pg_class c on c.oid = t.tgrelid join pg_namespace n on n.oid = c.relnamespace
    where n.nspname = current_schema() and left(t.tgname, 5) = 'feed_' and not t.tgisinternal`.execute(db);
  const toggle = (state: "enable" | "disable") => async () => {
    for (const r of rows.rows)
      await sql`alter table ${sql.table(r.table)} ${sql.raw(state)} trigger ${sql.id(r.name)}`.execute(db);
  };
  await toggle("disable")();
  return toggle("enable");
}

function worksIn(batch: Batch): number {
  return batch.works?.length ?? 0;
}

/**
 * Generates the corpus into `db` through Kysely: small corpora in tests (both dialects), and the
 * PostgreSQL side of the benchmark. On PostgreSQL a superuser connection loads with triggers and
 * foreign-key checks off (session_replication_role = replica): the rows already carry what the
 * triggers would compute.
 */
export async function writeCorpus(
  db: Kysely<Database>,
  dialect: Dialect,
  opts: CorpusOptions,
  progress?: WorkProgress,
  bulk = false,
): Promise<Corpus> {
  const corpus = new Corpus(opts, await readIdBase(db));
  const plan = await columnPlan(db, dialect);
  const recreate = bulk ? await dropSecondaryIndexes(db, dialect) : undefined;
  const resumeFeed = await suspendFeedTriggers(db, dialect);
  await db.connection().execute(async (conn) => {
    let replica = false;
    if (dialect === "postgres") {
      try {
        await sql`set session_replication_role = replica`.execute(conn);
        replica = true;
      } catch {
        // Not a superuser: load with triggers and checks on.
      }
    }
    let done = 0;
    for (const batch of corpus.batches()) {
      await conn.transaction().execute(async (trx) => {
        for (const table of replica ? BULK_ORDER : FK_ORDER) {
          const rows = batch[table];
          if (!rows?.length) continue;
          const p = plan.get(table)!;
          const kept = rows.map((row) => p.keep.map((i) => row[i]));
          if (dialect === "postgres") await insertUnnest(trx, table, p.names, p.types, kept);
          else await insertValues(trx, table, p.names, kept);
        }
      });
      done += worksIn(batch);
      if (worksIn(batch)) progress?.(done);
    }
    if (replica) await sql`set session_replication_role = origin`.execute(conn);
  });
  await recreate?.();
  await resumeFeed();
  if (dialect === "postgres") {
    for (const t of IDENTITY_TABLES)
      await sql`select setval(pg_get_serial_sequence(${t}, 'id'), coalesce(max(id), 1)) from ${sql.table(t)}`.execute(
        db,
      );
  }
  await setMarker(db, opts);
  return corpus;
}

async function insertUnnest(db: AnyDb, table: string, names: string[], types: string[], rows: unknown[][]) {
  const arrays = names.map((_, c) => rows.map((r) => r[c] ?? null));
  const cols = sql.join(names.map((n) => sql.id(n)));
  const unnest = sql.join(arrays.map((a, c) => sql`${a}::${sql.raw(types[c]!)}[]`));
  await sql`insert into ${sql.table(table)} (${cols}) select * from unnest(${unnest})`.execute(db);
}

async function insertValues(db: AnyDb, table: string, names: string[], rows: unknown[][]) {
  const per = Math.max(1, Math.floor(30_000 / names.length));
  for (let i = 0; i < rows.length; i += per) {
    const values = rows.slice(i, i + per).map((r) => sql`(${sql.join(r.map((v) => sql`${v}`))})`);
    await sql`insert into ${sql.table(table)} (${sql.join(names.map((n) => sql.id(n)))}) values ${sql.join(values)}`.execute(
      db,
    );
  }
}

/**
 * The fast path for big SQLite corpora: prepared statements on the raw connection, one
 * transaction per batch, foreign keys off during the load. `db` is a Kysely over the same
 * connection (for the id base and the marker).
 */
export async function writeSqliteCorpus(
  raw: SQLite.Database,
  db: Kysely<Database>,
  opts: CorpusOptions,
  progress?: WorkProgress,
): Promise<Corpus> {
  const corpus = new Corpus(opts, await readIdBase(db));
  const plan = await columnPlan(db, "sqlite");
  const recreate = await dropSecondaryIndexes(db, "sqlite");
  const resumeFeed = await suspendFeedTriggers(db, "sqlite");
  raw.pragma("foreign_keys = OFF");
  raw.pragma("synchronous = OFF");
  raw.pragma("cache_size = -1000000");
  const statements = new Map<TableName, SQLite.Statement>();
  for (const [table, p] of plan)
    statements.set(
      table,
      raw.prepare(
        `insert into ${table} (${p.names.join(", ")}) values (${p.names.map(() => "?").join(", ")})`,
      ),
    );
  const write = raw.transaction((batch: Batch) => {
    for (const table of BULK_ORDER) {
      const rows = batch[table];
      if (!rows?.length) continue;
      const { keep } = plan.get(table)!;
      const st = statements.get(table)!;
      const args = new Array(keep.length);
      for (const row of rows) {
        for (let c = 0; c < keep.length; c++) args[c] = row[keep[c]!];
        st.run(args);
      }
    }
  });
  let done = 0;
  for (const batch of corpus.batches()) {
    write(batch);
    done += worksIn(batch);
    if (worksIn(batch)) progress?.(done);
    // Let a PostgreSQL load running beside this one send its next batch.
    await new Promise((resolve) => setImmediate(resolve));
  }
  await recreate();
  await resumeFeed();
  raw.pragma("foreign_keys = ON");
  raw.pragma("synchronous = FULL");
  await setMarker(db, opts);
  return corpus;
}
