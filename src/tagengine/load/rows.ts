// The build's fallback: a chunk (or key list) whose aggregated columns do not parse is read again
// row by row and written out in the same format with lengths counted here, then parsed as usual.
// SQLite can hold text that is not valid UTF-8 (a key cut inside a character by older code): its
// length() then disagrees with the text JavaScript receives, and one such row must not stop the
// archive from starting.
import type { Kysely } from "kysely";
import { isListableRow } from "../../core/work/policy";
import type { Database } from "../../db/types";
import { entry } from "../../lib/collections";
import { NUMBER_COLUMNS, type NumberField } from "../core/types";
import { type ChunkData, parseChunk, WORK_FLAG } from "./chunk";
import { creatorRows, keyRows, taggingRows, workRows } from "./queries";

type DB = Kysely<Database>;

function codePoints(text: string): number {
  let n = 0;
  for (const _ of text) n++;
  return n;
}

const prefixed = (text: string) => `${codePoints(text)}:${text}`;

export async function readChunkRows(
  db: DB,
  fromId: number,
  toId: number,
  withKeys: boolean,
): Promise<ChunkData> {
  const [works, taggings, creators] = await Promise.all([
    workRows(db, fromId, toId),
    taggingRows(db, fromId, toId),
    creatorRows(db, fromId, toId),
  ]);
  const list = (f: (w: (typeof works)[number]) => number) => works.map((w) => String(f(w))).join(",") || null;
  const cols = {
    ids: list((w) => w.id),
    flags: list(
      (w) =>
        w.restricted * WORK_FLAG.restricted +
        w.complete * WORK_FLAG.complete +
        w.anonymous * WORK_FLAG.anonymous +
        (isListableRow(w) ? WORK_FLAG.listable : 0),
    ),
    ...(Object.fromEntries(
      NUMBER_COLUMNS.map((c) => [
        c.field,
        list((w) => ("orElse" in c ? (w[c.source] ?? w[c.orElse]) : w[c.source])),
      ]),
    ) as Record<NumberField, string | null>),
    languages: works.map((w) => prefixed(w.language)).join("") || null,
    titles: withKeys ? works.map((w) => prefixed(w.title_sort)).join("") || null : null,
  };
  const tagsOf = new Map<number, number[]>();
  for (const t of taggings) entry(tagsOf, t.work_id, () => []).push(t.tag_id);
  const lists = [...tagsOf].map(([w, tags]) => `${w}:${tags.join(",")}`).join(";") || null;
  const creatorList =
    creators
      .map((c) => `${c.work_id}:${c.id}:${c.pseud_id}${withKeys ? `:${prefixed(c.name_key)}` : ""}`)
      .join(";") || null;
  return parseChunk(fromId, toId, cols, lists, creatorList);
}

/** `groupsBy`'s answer for titles or pseud names, from rows (in no particular order). */
export async function keyGroupsByRows(db: DB, table: "works" | "pseuds"): Promise<string | null> {
  const idsOf = new Map<string, number[]>();
  for (const r of await keyRows(db, table)) entry(idsOf, r.key, () => []).push(r.id);
  return [...idsOf].map(([key, ids]) => `${prefixed(key)}:${ids.join(",")}`).join(";") || null;
}
