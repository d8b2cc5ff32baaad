// Writes a demo plan into the database: one transaction, rows inserted 200 to a statement.
import type { Kysely } from "kysely";
import type { Database, TagType } from "../db/types";
import { nameKey, titleSortKey } from "../lib/text";
import type { DemoPlan } from "./plan";
import { FIXED_TYPES, type TagRef, type Wrangling } from "./wrangling";

type Db = Kysely<Database>;

const BATCH = 200;

function chunks<T>(rows: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += BATCH) out.push(rows.slice(i, i + BATCH));
  return out;
}

const tagKey = (type: TagType, name: string) => `${type}\u0000${nameKey(name)}`;
const b = (flag: boolean) => (flag ? 1 : 0) as 0 | 1;

export interface WrittenDemo {
  users: number;
  works: number;
  chapters: number;
  tags: number;
}

export async function writeDemo(
  db: Db,
  plan: DemoPlan,
  wrangling: Wrangling,
  passwordHash: string,
  now: number,
): Promise<WrittenDemo> {
  return db.transaction().execute(async (trx) => {
    const userIds = new Map<string, number>();
    for (const rows of chunks(plan.users)) {
      const inserted = await trx
        .insertInto("users")
        .values(
          rows.map((u) => ({
            login: u.login,
            login_key: nameKey(u.login),
            email: `${u.login}@example.org`,
            email_key: `${u.login}@example.org`.toLowerCase(),
            password_hash: passwordHash,
            created_at: u.createdAt,
          })),
        )
        .returning(["id", "login_key"])
        .execute();
      for (const row of inserted) userIds.set(row.login_key, row.id);
    }
    const userId = (login: string) => userIds.get(nameKey(login))!;

    const pseudIds = new Map<string, number>();
    const pseudRows = plan.users.flatMap((u) =>
      u.pseuds.map((name, i) => ({
        user_id: userId(u.login),
        name,
        name_key: nameKey(name),
        is_default: b(i === 0),
        description: i === 0 ? u.about : "",
        created_at: u.createdAt,
      })),
    );
    for (const rows of chunks(pseudRows)) {
      const inserted = await trx
        .insertInto("pseuds")
        .values(rows)
        .returning(["id", "user_id", "name_key"])
        .execute();
      for (const row of inserted) pseudIds.set(`${row.user_id}\u0000${row.name_key}`, row.id);
    }
    const pseudId = (login: string, pseud: string) =>
      pseudIds.get(`${userId(login)}\u0000${nameKey(pseud)}`)!;

    const tagIds = new Map<string, number>();
    const fixed = await trx
      .selectFrom("tags")
      .select(["id", "type", "name"])
      .where("type", "in", FIXED_TYPES)
      .execute();
    for (const t of fixed) tagIds.set(tagKey(t.type, t.name), t.id);
    // Canonical and plain tags first, so that synonyms can point at them.
    const plain = wrangling.tags.filter((t) => !t.synonymOf);
    const synonyms = wrangling.tags.filter((t) => t.synonymOf);
    for (const group of [plain, synonyms]) {
      for (const rows of chunks(group)) {
        const inserted = await trx
          .insertInto("tags")
          .values(
            rows.map((t) => ({
              type: t.type,
              name: t.name,
              name_key: nameKey(t.name),
              canonical: b(t.canonical),
              merger_id: t.synonymOf ? tagIds.get(tagKey(t.type, t.synonymOf))! : null,
              created_at: now,
            })),
          )
          .returning(["id", "type", "name"])
          .execute();
        for (const row of inserted) tagIds.set(tagKey(row.type, row.name), row.id);
      }
    }
    const tagId = (ref: TagRef) => {
      const id = tagIds.get(tagKey(ref.type, ref.name));
      if (id === undefined) throw new Error(`demo tag missing: ${ref.type} ${ref.name}`);
      return id;
    };
    for (const rows of chunks(wrangling.parents)) {
      await trx
        .insertInto("tag_parents")
        .values(rows.map(([p, c]) => ({ parent_id: tagId(p), child_id: tagId(c) })))
        .execute();
    }
    for (const rows of chunks(wrangling.metas)) {
      await trx
        .insertInto("meta_tags")
        .values(rows.map(([m, s]) => ({ meta_id: tagId(m), sub_id: tagId(s), direct: 1 as const })))
        .execute();
    }

    const workIds: number[] = [];
    for (const rows of chunks(plan.works)) {
      const inserted = await trx
        .insertInto("works")
        .values(
          rows.map((w) => ({
            title: w.title,
            title_sort: titleSortKey(w.title),
            summary: w.summary,
            notes: w.notes,
            end_notes: w.endNotes,
            language: w.language,
            complete: b(w.complete),
            expected_chapters: w.expectedChapters,
            restricted: b(w.restricted),
            anonymous: b(w.anonymous),
            posted: b(w.posted),
            created_at: w.createdAt,
            posted_at: w.postedAt,
            updated_at: w.updatedAt,
            word_count: w.wordCount,
            chapter_count: w.chapterCount,
            hits: w.hits,
            kudos_count: w.kudos,
          })),
        )
        .returning("id")
        .execute();
      // Both databases number the rows of one multi-row insert in the order of its VALUES list.
      workIds.push(...inserted.map((r) => r.id).sort((x, y) => x - y));
    }

    const chapters = plan.works.flatMap((w, i) =>
      w.chapters.map((c) => ({
        work_id: workIds[i]!,
        position: c.position,
        title: c.title,
        notes: c.notes,
        body: c.body,
        word_count: c.wordCount,
        posted: b(c.posted),
        created_at: c.createdAt,
        updated_at: c.createdAt,
        posted_at: c.postedAt,
      })),
    );
    for (const rows of chunks(chapters)) await trx.insertInto("chapters").values(rows).execute();

    const creatorships = plan.works.flatMap((w, i) =>
      w.creators.map((c) => ({
        work_id: workIds[i]!,
        pseud_id: pseudId(c.login, c.pseud),
        approved: b(c.approved),
        created_at: w.createdAt,
      })),
    );
    for (const rows of chunks(creatorships)) await trx.insertInto("creatorships").values(rows).execute();

    const taggings = plan.works.flatMap((w, i) => {
      const ids = new Set(w.tags.map(tagId));
      return [...ids].map((tag_id) => ({ work_id: workIds[i]!, tag_id }));
    });
    for (const rows of chunks(taggings)) await trx.insertInto("taggings").values(rows).execute();

    return {
      users: plan.users.length,
      works: workIds.length,
      chapters: chapters.length,
      tags: wrangling.tags.length,
    };
  });
}
