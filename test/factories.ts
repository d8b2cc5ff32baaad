// Factories build whole chains straight into the database (a work makes its creator too), so a
// test states only what it is about.
import type { Kysely } from "kysely";
import type { Database, TagType } from "../src/db/types";
import { hashPassword } from "../src/features/accounts/password";
import { randomToken, sha256 } from "../src/lib/security";
import { nameKey, titleSortKey, toSafeHtml } from "../src/lib/text";
import { countWords } from "../src/lib/wordcount";
import { TEST_HASH_COST } from "./helpers/archive";
import type { TestClient } from "./helpers/client";

type DB = Kysely<Database>;
let seq = 0;
const next = () => `${process.pid}${++seq}`;

export interface TestUser {
  id: number;
  login: string;
  email: string;
  password: string;
  pseudId: number;
}

export async function makeUser(
  db: DB,
  opts: { login?: string; email?: string; password?: string; admin?: boolean; pseuds?: string[] } = {},
): Promise<TestUser> {
  const login = opts.login ?? `reader${next()}`;
  const email = opts.email ?? `${login}@example.org`;
  const password = opts.password ?? "correct horse battery";
  const now = Date.now();
  const user = await db
    .insertInto("users")
    .values({
      login,
      login_key: nameKey(login),
      email,
      email_key: email.toLowerCase(),
      password_hash: await hashPassword(password, TEST_HASH_COST),
      is_admin: opts.admin ? 1 : 0,
      created_at: now,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const pseud = await db
    .insertInto("pseuds")
    .values({ user_id: user.id, name: login, name_key: nameKey(login), is_default: 1, created_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const name of opts.pseuds ?? []) {
    await db
      .insertInto("pseuds")
      .values({ user_id: user.id, name, name_key: nameKey(name), created_at: now })
      .execute();
  }
  return { id: user.id, login, email, password, pseudId: pseud.id };
}

/** Signs a client in by giving it a fresh session, without going through the sign-in form. */
export async function signInAs(db: DB, client: TestClient, user: { id: number }): Promise<void> {
  const token = randomToken();
  const now = Date.now();
  await db
    .insertInto("sessions")
    .values({ token_hash: sha256(token), user_id: user.id, created_at: now, expires_at: now + 86_400_000 })
    .execute();
  client.setCookie("quire_session", token);
}

export type TagsByType = Partial<Record<TagType, string[]>>;

export async function findOrMakeTag(db: DB, type: TagType, name: string): Promise<number> {
  const key = nameKey(name);
  const found = await db
    .selectFrom("tags")
    .select("id")
    .where("type", "=", type)
    .where("name_key", "=", key)
    .executeTakeFirst();
  if (found) return found.id;
  const row = await db
    .insertInto("tags")
    .values({ type, name, name_key: key, created_at: Date.now() })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface MakeWorkOptions {
  title?: string;
  /** The creator; a new user is made when absent. */
  user?: TestUser;
  /** Extra credited pseuds (approved co-creators). */
  coCreatorPseudIds?: number[];
  chapters?: number;
  /** Chapter bodies in plain text; defaults to a short generated paragraph. */
  bodies?: string[];
  tags?: TagsByType;
  restricted?: boolean;
  anonymous?: boolean;
  /** false makes a draft. */
  posted?: boolean;
  complete?: boolean;
  expectedChapters?: number | null;
  summary?: string;
  language?: string;
  postedAt?: number;
}

export interface TestWork {
  id: number;
  user: TestUser;
  chapterIds: number[];
}

export async function makeWork(db: DB, opts: MakeWorkOptions = {}): Promise<TestWork> {
  const user = opts.user ?? (await makeUser(db));
  const now = opts.postedAt ?? Date.now();
  const posted = opts.posted ?? true;
  const n = opts.chapters ?? 1;
  const bodies = Array.from({ length: n }, (_, i) =>
    toSafeHtml(opts.bodies?.[i] ?? `Chapter ${i + 1} begins here.\n\nIt ends a little later.`, "plain"),
  );
  const words = bodies.map(countWords);
  const title = opts.title ?? `A Work ${next()}`;
  const work = await db
    .insertInto("works")
    .values({
      title,
      title_sort: titleSortKey(title),
      summary: opts.summary ? toSafeHtml(opts.summary, "plain") : "",
      language: opts.language ?? "en",
      complete: (opts.complete ?? n === (opts.expectedChapters ?? n)) ? 1 : 0,
      expected_chapters: opts.expectedChapters === undefined ? n : opts.expectedChapters,
      restricted: opts.restricted ? 1 : 0,
      anonymous: opts.anonymous ? 1 : 0,
      posted: posted ? 1 : 0,
      created_at: now,
      posted_at: posted ? now : null,
      updated_at: now,
      word_count: words.reduce((a, b) => a + b, 0),
      chapter_count: posted ? n : 0,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const chapterIds: number[] = [];
  for (let i = 0; i < n; i++) {
    const ch = await db
      .insertInto("chapters")
      .values({
        work_id: work.id,
        position: i + 1,
        title: n > 1 ? `Part ${i + 1}` : "",
        body: bodies[i]!,
        word_count: words[i]!,
        posted: posted ? 1 : 0,
        created_at: now,
        updated_at: now,
        posted_at: posted ? now : null,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    chapterIds.push(ch.id);
  }
  for (const pseudId of [user.pseudId, ...(opts.coCreatorPseudIds ?? [])]) {
    await db
      .insertInto("creatorships")
      .values({ work_id: work.id, pseud_id: pseudId, approved: 1, created_at: now })
      .execute();
  }
  const tags: TagsByType = {
    rating: ["General Audiences"],
    warning: ["No Archive Warnings Apply"],
    fandom: ["Sherlock Holmes - Arthur Conan Doyle"],
    ...opts.tags,
  };
  for (const [type, names] of Object.entries(tags) as [TagType, string[]][]) {
    for (const name of names) {
      const tagId = await findOrMakeTag(db, type, name);
      await db
        .insertInto("taggings")
        .values({ work_id: work.id, tag_id: tagId })
        .onConflict((o) => o.doNothing())
        .execute();
    }
  }
  // The database's triggers have appended the work to `changes`.
  return { id: work.id, user, chapterIds };
}

/**
 * Adds a draft chapter to a work at `position`, straight into the table (posting it is then an
 * update of `posted`); returns its id.
 */
export async function makeDraftChapter(
  db: DB,
  workId: number,
  chapter: { position: number; body: string; title?: string },
): Promise<number> {
  const now = Date.now();
  const row = await db
    .insertInto("chapters")
    .values({ work_id: workId, ...chapter, posted: 0, created_at: now, updated_at: now })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}
