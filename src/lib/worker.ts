// Worker threads for CPU-heavy work that can run beside the event loop (the index build's reads).
import { Worker } from "node:worker_threads";

/**
 * Starts a worker on a module of the archive. The archive runs its TypeScript through tsx, whose
 * loader a worker does not inherit: a `.ts` module is started through a small bootstrap that
 * registers tsx in the worker first.
 */
export function startWorker(module: URL, workerData: unknown): Worker {
  if (!module.pathname.endsWith(".ts")) return new Worker(module, { workerData });
  const tsx = import.meta.resolve("tsx/esm/api");
  const boot = `import(${JSON.stringify(tsx)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(module.href)}); });`;
  return new Worker(boot, { eval: true, workerData });
}
