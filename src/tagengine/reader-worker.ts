// A build worker: reads its chunks of works through a read-only connection of its own and hands
// back each one parsed into typed arrays (transferred, not copied). See chunks.ts.
import { parentPort, workerData } from "node:worker_threads";
import SQLite from "better-sqlite3";
import { ListFormatError } from "../db/lists";
import { chunkBuffers, parseChunk } from "./chunk";
import type { ReaderJobs } from "./chunks";
import type { WorkColumns } from "./queries";

const { file, jobs } = workerData as ReaderJobs;
const db = new SQLite(file, { readonly: true, fileMustExist: true });
try {
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
      parentPort!.postMessage({ retry: [job.fromId, job.toId] });
    }
  }
} finally {
  db.close();
}
