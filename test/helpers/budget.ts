/**
 * The processor time `run` takes, in milliseconds. Tests give long hostile inputs a generous budget
 * of it (seconds where milliseconds are expected): on a shared machine the wall clock measures the
 * neighbours, the processor time measures the work.
 */
export function cpuMillis(run: () => unknown): number {
  const start = process.cpuUsage();
  run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

/** Seconds of processor time a transform may take on a field's longest hostile input. */
export const HOSTILE_INPUT_BUDGET_MS = 3000;
