// The works of a build, read chunk by chunk: in this thread, or, for a large SQLite archive, by
// worker threads with connections of their own while this thread folds chunks into the index.
// SQLite answers one query at a time per connection; PostgreSQL runs the queries of a chunk in
// parallel on its own.
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import type { Kysely } from "kysely";
import { sqliteFileOf } from "../db/bulk";
import type { Database } from "../db/types";
import { startWorker } from "../lib/worker";
import type { ChunkData } from "./chunk";
import { chunkQueries, readChunk } from "./load";

type DB = Kysely<Database>;

export interface ReaderJobs {
  file: string;
  jobs: { fromId: number; toId: number; queries: { sql: string; parameters: readonly unknown[] }[] }[];
}

/** Below this many works, starting reader threads costs more than it saves. */
export const PARALLEL_FROM = 200_000;

/** [fromId, toId] ranges of `size` ids covering lo..hi. */
export function idRanges(lo: number, hi: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  for (let from = lo; hi > 0 && from <= hi; from += size) out.push([from, Math.min(hi, from + size - 1)]);
  return out;
}

export interface ChunkReader {
  /** Each chunk once, in no particular order, then null. */
  next(): Promise<ChunkData | null>;
  /** Stops the reader threads (safe to call at any time, and again). */
  close(): void;
}

/**
 * Starts reading the ranges. `workers`: how many reader threads (0: read in this thread; by
 * default one per core, at most 4, when the database is a SQLite file holding at least
 * PARALLEL_FROM works, `works` being how many it holds).
 */
export function readChunks(
  db: DB,
  ranges: [number, number][],
  opts: { works: number; workers?: number },
): ChunkReader {
  const file = sqliteFileOf(db);
  const wanted = opts.workers ?? (opts.works >= PARALLEL_FROM ? Math.min(4, availableParallelism()) : 0);
  const count = file ? Math.min(ranges.length, wanted) : 0;
  if (count === 0 || !file) {
    let i = 0;
    return {
      next: async () => (i < ranges.length ? readChunk(db, ...ranges[i++]!, false) : null),
      close: () => {},
    };
  }
  return parallel(db, file, ranges, count);
}

function parallel(db: DB, file: string, ranges: [number, number][], count: number): ChunkReader {
  // Chunks that a thread could not parse are read here again, row by row: promises in the queue.
  const ready: (ChunkData | Promise<ChunkData>)[] = [];
  let waiter: {
    resolve: (c: ChunkData | Promise<ChunkData> | null) => void;
    reject: (e: unknown) => void;
  } | null = null;
  let failure: unknown = null;
  let left = ranges.length;
  const threads: Worker[] = [];
  const settle = () => {
    if (!waiter) return;
    const w = waiter;
    if (failure) {
      waiter = null;
      w.reject(failure);
    } else if (ready.length) {
      waiter = null;
      w.resolve(ready.shift()!);
    } else if (left === 0) {
      waiter = null;
      w.resolve(null);
    }
  };
  const close = () => {
    for (const t of threads) void t.terminate();
  };
  for (let k = 0; k < count; k++) {
    // Interleaved, so that chunks arrive roughly in id order.
    const jobs = ranges
      .filter((_, i) => i % count === k)
      .map(([fromId, toId]) => ({
        fromId,
        toId,
        queries: chunkQueries(fromId, toId, false).map((q) => {
          const compiled = q.compile(db);
          return { sql: compiled.sql, parameters: compiled.parameters };
        }),
      }));
    const worker = startWorker(new URL("./reader-worker.ts", import.meta.url), {
      file,
      jobs,
    } satisfies ReaderJobs);
    threads.push(worker);
    worker.on("message", (message: ChunkData | { retry: [number, number] }) => {
      ready.push("retry" in message ? readChunk(db, ...message.retry, false) : message);
      left--;
      settle();
    });
    worker.on("error", (err) => {
      failure ??= err;
      close();
      settle();
    });
    worker.on("exit", (code) => {
      if (code !== 0 && left > 0)
        failure ??= new Error(`index build: a reader thread stopped (exit code ${code})`);
      settle();
    });
  }
  return {
    next: async () => {
      const chunk = await new Promise<ChunkData | Promise<ChunkData> | null>((resolve, reject) => {
        waiter = { resolve, reject };
        settle();
      });
      if (left === 0 && ready.length === 0) close();
      return chunk;
    },
    close,
  };
}
