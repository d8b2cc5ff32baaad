// A build worker: reads its part of the prelude, then its chunks of works, through a read-only
// connection of its own, and hands back each one parsed into typed arrays (transferred, not
// copied). See chunks.ts.
import { parentPort, workerData } from "node:worker_threads";
import SQLite from "better-sqlite3";
import { ListFormatError } from "../../db/lists";
import type { PackedKeys } from "../core/keys";
import { chunkBuffers, parseChunk } from "./chunk";
import type { ReaderJobs, ReaderMessage } from "./chunks";
import { type PreludeData, type PreludeKind, parsePrelude } from "./prelude";
import type { WorkColumns } from "./queries";

const { file, prelude, jobs } = workerData as ReaderJobs;
const db = new SQLite(file, { readonly: true, fileMustExist: true });
// Pages read straight from the operating system's cache (up to SQLite's cap, 2 GB here), rather
// than copied by a system call each into a small page cache of the connection's own: a tenth
// less time for a build's reads, three times less of it in the kernel.
db.pragma(`mmap_size = ${2 ** 40}`);

/** The buffers of a prelude part that can move rather than be copied. */
function preludeBuffers(data: PreludeData[PreludeKind]): ArrayBuffer[] {
  const own = (a: ArrayBufferView) =>
    a.byteOffset === 0 && a.byteLength === a.buffer.byteLength && a.buffer instanceof ArrayBuffer
      ? [a.buffer]
      : [];
  if ("tagTypes" in data) return own(data.tagTypes);
  const keys: PackedKeys = data.keys;
  // Small Buffers share Node's pool: those are copied.
  return [
    ...own(keys.packed),
    ...own(keys.offsets),
    ...own("rankOf" in data ? data.rankOf : data.rankOfPseud),
  ];
}

try {
  for (const part of prelude) {
    const rows = part.queries.map((q) => db.prepare(q.sql).all(...q.parameters) as Record<string, unknown>[]);
    let message: ReaderMessage;
    try {
      const data = parsePrelude(part.kind, rows, part.maxWorkId);
      message = { prelude: part.kind, data };
      parentPort!.postMessage(message, preludeBuffers(data));
    } catch (err) {
      // The main thread reads this part again (row by row where it can).
      if (!(err instanceof ListFormatError)) throw err;
      message = { prelude: part.kind, data: null };
      parentPort!.postMessage(message);
    }
  }
  for (const job of jobs) {
    const [cols, tags, creators] = job.queries.map((q) => db.prepare(q.sql).get(...q.parameters));
    try {
      const chunk = parseChunk(
        job.fromId,
        job.toId,
        cols as WorkColumns,
        (tags as { lists: string | null }).lists,
        (creators as { creators: string | null }).creators,
      );
      parentPort!.postMessage(chunk, chunkBuffers(chunk));
    } catch (err) {
      // The main thread reads this chunk again row by row.
      if (!(err instanceof ListFormatError)) throw err;
      parentPort!.postMessage({ retry: [job.fromId, job.toId] } satisfies ReaderMessage);
    }
  }
} finally {
  db.close();
}
