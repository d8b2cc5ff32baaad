// The thread that counts the words of long texts (see wordcount-thread.ts).
import { parentPort } from "node:worker_threads";
import { countWords } from "./wordcount";

parentPort!.on("message", ({ id, html }: { id: number; html: string }) => {
  parentPort!.postMessage({ id, words: countWords(html) });
});
