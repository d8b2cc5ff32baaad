import { type Kysely, PostgresAdapter, sql } from "kysely";

// pg_restore runs with an empty search_path: a function of the archive that calls another
// unqualified (chapter_search_vector calls search_text, for the generated columns) then fails,
// and a backup could not be restored. Each function of the archive now carries its own path.
// SQLite has no such functions.
export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  await sql`do $$
    declare f regprocedure;
    begin
      for f in select p.oid::regprocedure from pg_proc p
          join pg_namespace n on n.oid = p.pronamespace
          where n.nspname = 'public'
            and not exists (select 1 from pg_depend d where d.objid = p.oid and d.deptype = 'e')
      loop
        execute format('alter function %s set search_path = public, pg_catalog', f);
      end loop;
    end $$`.execute(db);
}
