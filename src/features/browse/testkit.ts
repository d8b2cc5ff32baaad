// Helpers the listing tests share: reading a listing page's HTML and setting a work's figures.
import assert from "node:assert/strict";
import type { Kysely } from "kysely";
import { findOrMakeTag } from "../../../test/factories";
import type { Database, TagType } from "../../db/types";
import type { FacetType } from "../../tagengine/core/types";

type DB = Kysely<Database>;

let seq = 0;
/** A name no other test uses. */
export function unique(prefix: string): string {
  return `${prefix} ${process.pid}x${++seq}`;
}

export const tagId = (db: DB, type: TagType, name: string) => findOrMakeTag(db, type, name);

/** Sets a work's figures straight in the database (its triggers queue the work for the index). */
export async function setWork(
  db: DB,
  workId: number,
  values: Partial<{
    kudos_count: number;
    hits: number;
    word_count: number;
    comments_count: number;
    bookmarks_count: number;
    updated_at: number;
  }>,
): Promise<void> {
  await db.updateTable("works").set(values).where("id", "=", workId).execute();
}

/** A query string from parameters (arrays repeat the name). */
export function qs(params: Record<string, string | number | (string | number)[]>): string {
  const out = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    for (const x of Array.isArray(v) ? v : [v]) out.append(k, String(x));
  }
  return out.toString();
}

/** The titles listed in the results section, in order (drafts are listed elsewhere). */
export function titles(html: string): string[] {
  const start = html.indexOf('id="results-heading"');
  assert.ok(start >= 0, "the page has a results section");
  const section = html.slice(start, html.indexOf("<aside", start));
  return [...section.matchAll(/<h3 class="heading"><a href="\/works\/\d+">([^<]*)<\/a>/g)].map((m) => m[1]!);
}

export function h1(html: string): string {
  return /<h1>([^<]*)<\/h1>/.exec(html)?.[1] ?? "";
}

/** A tag's checkbox in the sidebar: whether it is ticked and its label ("Fluff (3)"), or null. */
export function box(
  html: string,
  mode: "include" | "exclude",
  type: FacetType,
  id: number,
): { checked: boolean; label: string } | null {
  const domId = `${mode}-${type}-${id}`;
  const input = new RegExp(`<input type="checkbox" id="${domId}"[^>]*>`).exec(html);
  if (!input) return null;
  const label = new RegExp(`<label for="${domId}">([^<]*)</label>`).exec(html);
  return { checked: /\bchecked=""/.test(input[0]), label: label?.[1] ?? "" };
}

/** Every label of one type's checkboxes in one mode, in the order shown. */
export function boxLabels(html: string, mode: "include" | "exclude", type: FacetType): string[] {
  return [...html.matchAll(new RegExp(`<label for="${mode}-${type}-\\d+">([^<]*)</label>`, "g"))].map(
    (m) => m[1]!,
  );
}
