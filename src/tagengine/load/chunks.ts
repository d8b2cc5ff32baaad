// The works of a build, read chunk by chunk: in this thread, or, for a large SQLite archive, by
// worker threads with connections of their own while this thread folds chunks into the index.
// SQLite answers one query at a time per connection; PostgreSQL runs the queries of a chunk in
// parallel on its own.
import { availableParallelism } from "node:os";
import type { Worker } from "node:worker_threads";
import type { Kysely } from "kysely";
import { sqliteFileOf } from "../../db/bulk";
import type { Database } from "../../db/types";
import { startWorker } from "../../lib/worker";
import type { PackedKeys } from "../core/keys";
import type { ChunkData } from "./chunk";
import type { PreludeData, PreludeKind } from "./prelude";
import { preludeQueries } from "./queries";
import { chunkQueries, readChunk, readPrelude } from "./read";

type DB = Kysely<Database>;

type Query = { sql: string; parameters: readonly unknown[] };

export interface ReaderJobs {
  file: string;
  /** Read first, before the chunks. */
  prelude: { kind: PreludeKind; maxWorkId: number; queries: Query[] }[];
  jobs: { fromId: number; toId: number; queries: Query[] }[];
}

/** What a reader thread posts: a chunk, a chunk to read again here, or part of the prelude. */
export type ReaderMessage =
  | ChunkData
  | { retry: [number, number] }
  | { prelude: PreludeKind; data: PreludeData[PreludeKind] | null };

/** Below this many works, starting reader threads costs more than it saves. */
export const PARALLEL_FROM = 200_000;

/** [fromId, toId] ranges of `size` ids covering lo..hi. */
export function idRanges(lo: number, hi: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  for (let from = lo; hi > 0 && from <= hi; from += size) out.push([from, Math.min(hi, from + size - 1)]);
  return out;
}

export interface ChunkReader {
  /** What the build needs before (the tag graph, creators) or beside (titles) the works. */
  prelude<K extends PreludeKind>(kind: K): Promise<PreludeData[K]>;
  /** Each chunk once, in no particular order, then null. */
  next(): Promise<ChunkData | null>;
  /** Stops the reader threads (safe to call at any time, and again). */
  close(): void;
}

/**
 * Starts reading the ranges, and the prelude. `workers`: how many reader threads (0: read in this
 * thread; by default one per core, at most 4, when the database is a SQLite file holding at least
 * PARALLEL_FROM works, `works` being how many it holds). `maxWorkId`: the highest work id.
 */
export function readChunks(
  db: DB,
  ranges: [number, number][],
  opts: { works: number; maxWorkId: number; workers?: number },
): ChunkReader {
  const file = sqliteFileOf(db);
  const wanted = opts.workers ?? (opts.works >= PARALLEL_FROM ? Math.min(4, availableParallelism()) : 0);
  const count = file ? Math.min(ranges.length, wanted) : 0;
  if (count === 0 || !file) {
    let i = 0;
    return {
      prelude: (kind) => readPrelude(db, kind, opts.maxWorkId),
      next: async () => (i < ranges.length ? readChunk(db, ...ranges[i++]!, false) : null),
      close: () => {},
    };
  }
  return parallel(db, file, ranges, count, opts.maxWorkId);
}

/** A compiled query as a thread takes it (its syntax tree stays here). */
const forThread = ({ sql, parameters }: Query): Query => ({ sql, parameters });

/** Keys as a thread posts them: its Buffer arrives as a plain Uint8Array. */
function asPacked(keys: { packed: Uint8Array; offsets: Uint32Array }): PackedKeys {
  const { packed } = keys;
  return { packed: Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength), offsets: keys.offsets };
}

function parallel(
  db: DB,
  file: string,
  ranges: [number, number][],
  count: number,
  maxWorkId: number,
): ChunkReader {
  // Each part of the prelude is a promise settled by the thread that reads it (or, should its
  // answer not parse there, read again here).
  const preludes = new Map<
    PreludeKind,
    { promise: Promise<unknown>; resolve: (v: unknown) => void; reject: (e: unknown) => void }
  >();
  const kinds: PreludeKind[] = ["graph", "creators", "titles"];
  for (const kind of kinds) {
    let resolve!: (v: unknown) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<unknown>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    // Awaited later, or never if the build fails first: no unhandled rejection either way.
    promise.catch(() => {});
    preludes.set(kind, { promise, resolve, reject });
  }
  const compiledPrelude = preludeQueries(db);
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
  const fail = (err: unknown) => {
    failure ??= err;
    for (const p of preludes.values()) p.reject(failure);
    close();
    settle();
  };
  for (let k = 0; k < count; k++) {
    // Interleaved, so that chunks arrive roughly in id order.
    const jobs = ranges
      .filter((_, i) => i % count === k)
      .map(([fromId, toId]) => ({
        fromId,
        toId,
        queries: chunkQueries(fromId, toId, false).map((q) => forThread(q.compile(db))),
      }));
    // The graph and the creators come first, on different threads: folding waits for them. The
    // titles follow the graph (they are needed only once every chunk is in).
    const prelude = kinds
      .filter((_, i) => i % count === k)
      .map((kind) => ({
        kind,
        maxWorkId,
        queries: compiledPrelude[kind].map(forThread),
      }));
    const worker = startWorker(new URL("./reader-worker.ts", import.meta.url), {
      file,
      prelude,
      jobs,
    } satisfies ReaderJobs);
    threads.push(worker);
    worker.on("message", (message: ReaderMessage) => {
      if ("prelude" in message) {
        const p = preludes.get(message.prelude)!;
        const data = message.data;
        if (!data) readPrelude(db, message.prelude, maxWorkId).then(p.resolve, p.reject);
        else if ("tagTypes" in data) p.resolve(data);
        else p.resolve({ ...data, keys: asPacked(data.keys) });
        return;
      }
      ready.push("retry" in message ? readChunk(db, ...message.retry, false) : message);
      left--;
      settle();
    });
    worker.on("error", fail);
    worker.on("exit", (code) => {
      if (code !== 0 && left > 0) fail(new Error(`index build: a reader thread stopped (exit code ${code})`));
      else settle();
    });
  }
  return {
    prelude: <K extends PreludeKind>(kind: K) => preludes.get(kind)!.promise as Promise<PreludeData[K]>,
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
