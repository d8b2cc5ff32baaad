// Helpers shared by the work and chapter tests (not loaded by the app).
import { makeUser, signInAs, type TestUser } from "../../../test/factories";
import type { TestArchive } from "../../../test/helpers/archive";
import type { Page, TestClient } from "../../../test/helpers/client";

export type Form = Record<string, string | string[]>;

/** A posting form that passes every check; tests change the one field they are about. */
export function validForm(user: TestUser, overrides: Form = {}): Form {
  return {
    title: "The Adventure of the Quiet Archive",
    pseud_ids: [String(user.pseudId)],
    co_creators: "",
    summary: "Holmes finds a <em>very</em> quiet library.",
    notes: "",
    end_notes: "",
    rating: "Teen And Up Audiences",
    warnings: ["No Archive Warnings Apply"],
    categories: ["Gen"],
    fandoms: "Sherlock Holmes - Arthur Conan Doyle",
    relationships: "",
    characters: "Sherlock Holmes, John Watson",
    freeforms: "Case Fic",
    language: "en",
    expected_chapters: "",
    chapter_title: "",
    body: "It was a quiet morning in Baker Street.",
    format: "html",
    action: "post",
    ...overrides,
  };
}

/** A chapter form with its optional fields empty; tests give the body and whatever else they are about. */
export function chapterForm(fields: Record<string, string>): Record<string, string> {
  return { title: "", summary: "", notes: "", end_notes: "", format: "html", position: "", ...fields };
}

/** The message shown beside a field, or null. */
export function fieldError(page: Page, name: string): string | null {
  const m = page.text.match(new RegExp(`<p class="field-error" id="${name}-error">([^<]*)</p>`));
  return m ? m[1]! : null;
}

/** The one-time message a response leaves for the next page. */
export function flashOf(page: Page): string | null {
  const m = (page.headers.get("set-cookie") ?? "").match(/quire_flash=([^;]*)/);
  // The message is encoded once by flash() and once more as a cookie value.
  return m ? decodeURIComponent(decodeURIComponent(m[1]!)) : null;
}

const COUNTED = ["works", "chapters", "creatorships", "taggings", "tags", "changes"] as const;

/** Row counts of every table a work write touches, to show that a refused form saved nothing. */
export async function countRows(archive: TestArchive): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const table of COUNTED) {
    const row = await archive.db
      .selectFrom(table)
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    out[table] = Number(row.n);
  }
  return out;
}

export async function signedIn(
  archive: TestArchive,
  opts: Parameters<typeof makeUser>[1] = {},
): Promise<{ user: TestUser; client: TestClient }> {
  const user = await makeUser(archive.db, opts);
  const client = archive.client();
  await signInAs(archive.db, client, user);
  return { user, client };
}

/** A client signed in as a user who already exists. */
export async function clientOf(archive: TestArchive, user: TestUser): Promise<TestClient> {
  const client = archive.client();
  await signInAs(archive.db, client, user);
  return client;
}

/** A work's row as stored. */
export function workRow(archive: TestArchive, id: number) {
  return archive.db.selectFrom("works").selectAll().where("id", "=", id).executeTakeFirstOrThrow();
}

/** A work's chapter rows in reading order. */
export function chaptersOf(archive: TestArchive, workId: number) {
  return archive.db
    .selectFrom("chapters")
    .selectAll()
    .where("work_id", "=", workId)
    .orderBy("position")
    .execute();
}

/** How many changes a work has logged. */
export async function changesOf(archive: TestArchive, workId: number): Promise<number> {
  const rows = await archive.db.selectFrom("changes").select("id").where("work_id", "=", workId).execute();
  return rows.length;
}

/** The id of the work a successful POST redirected to. */
export function redirectedWorkId(page: Page): number {
  const m = page.location?.match(/^\/works\/(\d+)$/);
  if (!m) throw new Error(`expected a redirect to a work, got ${page.status} ${page.location}`);
  return Number(m[1]);
}

/** A work's tag names by type. */
export async function tagsByType(archive: TestArchive, workId: number): Promise<Record<string, string[]>> {
  const rows = await archive.db
    .selectFrom("taggings")
    .innerJoin("tags", "tags.id", "taggings.tag_id")
    .select(["tags.type", "tags.name"])
    .where("taggings.work_id", "=", workId)
    .orderBy("tags.name")
    .execute();
  const out: Record<string, string[]> = {};
  for (const r of rows) out[r.type] = [...(out[r.type] ?? []), r.name];
  return out;
}
