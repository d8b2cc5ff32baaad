// One chunk of works as the build reads it: parsed from the aggregated columns into typed arrays.
// Kept free of the database and engine modules, so that a reader thread starts quickly.
import { ListReader, numberList } from "../../db/lists";
import { NUMBER_COLUMNS, type NumberArrays } from "../core/types";
import type { WorkColumns } from "./queries";

/** Bits of `WorkColumns.flags`. */
export const WORK_FLAG = { restricted: 1, complete: 2, anonymous: 4, listable: 8 } as const;

/** The columns of one chunk of works (every work with an id in [fromId, fromId + span)), parsed. */
export interface ChunkData {
  fromId: number;
  span: number;
  /** Works read (listable or not), in the order of the columns below. */
  count: number;
  ids: Uint32Array;
  flags: Uint32Array;
  numbers: NumberArrays;
  languageCode: Uint16Array;
  languageNames: string[];
  titles: string[] | null;
  /** By id - fromId: where the work's typed tags start in tagIds, and how many. */
  tagStart: Uint32Array;
  tagCount: Uint32Array;
  tagIds: Uint32Array;
  /** By id - fromId: the pseud id of the work's first approved creator (0: none)... */
  creatorPseud: Uint32Array;
  /** ...and its name key ("" for none), when the chunk was read with its sort keys as text. */
  creatorNames: string[] | null;
}

export function parseChunk(
  fromId: number,
  toId: number,
  cols: WorkColumns,
  tagLists: string | null,
  creators: string | null,
): ChunkData {
  const span = toId - fromId + 1;
  const count = cols.ids ? countOf(cols.ids, 44) + 1 : 0;
  const languages = new ListReader(cols.languages ?? "");
  const languageCode = new Uint16Array(count);
  const languageNames: string[] = [];
  const codes = new Map<string, number>();
  for (let k = 0; k < count; k++) {
    const name = languages.lengthPrefixed();
    let code = codes.get(name);
    if (code === undefined) {
      code = languageNames.push(name) - 1;
      codes.set(name, code);
    }
    languageCode[k] = code;
  }
  let titles: string[] | null = null;
  if (cols.titles !== null) {
    const r = new ListReader(cols.titles);
    titles = [];
    for (let k = 0; k < count; k++) titles.push(r.lengthPrefixed());
  }
  return {
    fromId,
    span,
    count,
    ids: numberList(cols.ids, new Uint32Array(count)),
    flags: numberList(cols.flags, new Uint32Array(count)),
    numbers: Object.fromEntries(
      NUMBER_COLUMNS.map((c) => [c.field, numberList(cols[c.field], new c.array(count))]),
    ) as NumberArrays,
    languageCode,
    languageNames,
    titles,
    ...typedTags(tagLists, fromId, span),
    ...firstCreators(creators, fromId, span, cols.titles !== null),
  };
}

/** The buffers a chunk can hand to another thread without copying. */
export function chunkBuffers(c: ChunkData): ArrayBuffer[] {
  return [
    c.ids,
    c.flags,
    ...NUMBER_COLUMNS.map(({ field }) => c.numbers[field]),
    c.languageCode,
    c.tagStart,
    c.tagCount,
    c.tagIds,
    c.creatorPseud,
  ].map((a) => a.buffer as ArrayBuffer);
}

/** Per work (by id - fromId): where its typed tag ids start in `ids`, and how many. */
function typedTags(text: string | null, fromId: number, span: number) {
  const tagStart = new Uint32Array(span);
  const tagCount = new Uint32Array(span);
  const ids = new Uint32Array(text ? (text.length >> 1) + 1 : 0);
  let n = 0;
  if (text) {
    const r = new ListReader(text);
    while (!r.done) {
      const local = r.need() - fromId;
      r.expect(":");
      const first = n;
      do ids[n++] = r.need();
      while (r.skip(","));
      r.skip(";");
      if (local >= 0 && local < span) {
        tagStart[local] = first;
        tagCount[local] = n - first;
      }
    }
  }
  return { tagStart, tagCount, tagIds: ids.slice(0, n) };
}

/** Per work (by id - fromId): the pseud of its first approved creator, and its name when asked. */
function firstCreators(text: string | null, fromId: number, span: number, withNames: boolean) {
  const creatorPseud = new Uint32Array(span);
  const creatorNames = withNames ? new Array<string>(span).fill("") : null;
  const first = new Float64Array(span).fill(Number.POSITIVE_INFINITY);
  if (text) {
    const r = new ListReader(text);
    while (!r.done) {
      const local = r.need() - fromId;
      r.expect(":");
      const creatorship = r.need();
      r.expect(":");
      const pseud = r.need();
      let name = "";
      if (withNames) {
        r.expect(":");
        name = r.lengthPrefixed();
      }
      r.skip(";");
      if (local >= 0 && local < span && creatorship < first[local]!) {
        first[local] = creatorship;
        creatorPseud[local] = pseud;
        if (creatorNames) creatorNames[local] = name;
      }
    }
  }
  return { creatorPseud, creatorNames };
}

function countOf(text: string, code: number): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === code) n++;
  return n;
}
