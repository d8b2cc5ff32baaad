// Word counts of long texts in a thread of their own. Intl.Segmenter takes most of a second over
// a full-length chapter in Chinese or Japanese (510,000 characters: 0.6 s), time in which the
// server could answer no one else; short texts are counted here, where a message would cost more.
import type { Worker } from "node:worker_threads";
import { countWords } from "./wordcount";
import { startWorker } from "./worker";

/** Texts of at least this many characters are counted in the thread (a few ms here). */
export const OFF_THREAD_FROM = 20_000;
/** A count the thread has not answered by then is made here (the longest takes about 0.6 s). */
const ANSWER_WITHIN_MS = 30_000;

type Pending = { resolve: (words: number) => void; reject: (e: unknown) => void };

interface Counter {
  worker: Worker;
  pending: Map<number, Pending>;
}

let current: Counter | null = null;
let nextId = 0;

function counter(): Counter {
  if (current) return current;
  const worker = startWorker(new URL("./wordcount-worker.ts", import.meta.url), null);
  const c: Counter = { worker, pending: new Map() };
  // Idle, it must not keep the process alive.
  worker.unref();
  worker.on("message", ({ id, words }: { id: number; words: number }) => {
    const p = c.pending.get(id);
    c.pending.delete(id);
    // Idle again; a thread being stopped keeps its hold until it is gone (stopWordCounter).
    if (c.pending.size === 0 && current === c) worker.unref();
    p?.resolve(words);
  });
  const stop = (err: unknown) => {
    if (current === c) current = null;
    for (const p of c.pending.values()) p.reject(err);
    c.pending.clear();
  };
  worker.on("error", stop);
  worker.on("exit", (code) => stop(new Error(`the word-count thread stopped (exit code ${code})`)));
  current = c;
  return c;
}

/** countWords, off the event loop for long texts. */
export async function countWordsOffThread(html: string): Promise<number> {
  if (html.length < OFF_THREAD_FROM) return countWords(html);
  try {
    const { worker, pending } = counter();
    const id = nextId++;
    let timer: NodeJS.Timeout | undefined;
    const words = new Promise<number>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      // A thread that never answers has failed as surely as one that stopped.
      timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error("the word-count thread did not answer"));
      }, ANSWER_WITHIN_MS);
    });
    // While a count is pending the thread keeps the process alive, so the answer arrives.
    worker.ref();
    worker.postMessage({ id, html });
    try {
      return await words;
    } finally {
      clearTimeout(timer);
    }
  } catch {
    // A thread that cannot start or stopped midway: count here rather than fail the post.
    return countWords(html);
  }
}

/** Stops the thread (tests; the next long text starts another). */
export async function stopWordCounter(): Promise<void> {
  const c = current;
  current = null;
  if (!c) return;
  // Counts still out are made here, now: waiting for the thread's exit event would leave them
  // hanging should the thread already be gone (its exit heard before they were sent).
  const stopped = new Error("the word-count thread was stopped");
  for (const p of c.pending.values()) p.reject(stopped);
  c.pending.clear();
  // Held until it has exited: an unreferenced thread's exit would not keep the process waiting
  // for it, and `terminate()` would never settle.
  c.worker.ref();
  await c.worker.terminate();
}
