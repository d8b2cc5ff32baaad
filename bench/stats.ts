// Timing loops and percentiles for the benchmark's figures.

export interface Timing {
  samples: number[];
  p50: number;
  p99: number;
  /** This process's CPU time per run (user + system), which a busy machine does not inflate. */
  cpu?: Timing;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i]!;
}

export function summarize(samples: number[]): Timing {
  const sorted = [...samples].sort((a, b) => a - b);
  return { samples, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
}

export interface RunLimits {
  warmup: number;
  /** Stop after this many timed runs... */
  maxRuns: number;
  /** ...or once this much time has gone on timed runs (but never before minRuns). */
  budgetMs: number;
  minRuns: number;
}

/** Runs `fn` after a warm-up until the run count or time budget is reached; returns ms per run. */
export async function timeRuns(fn: () => unknown, limits: RunLimits): Promise<Timing> {
  for (let i = 0; i < limits.warmup; i++) await fn();
  const samples: number[] = [];
  const cpu: number[] = [];
  let spent = 0;
  while (samples.length < limits.maxRuns && (spent < limits.budgetMs || samples.length < limits.minRuns)) {
    const c = process.cpuUsage();
    const t = performance.now();
    await fn();
    const ms = performance.now() - t;
    const used = process.cpuUsage(c);
    samples.push(ms);
    cpu.push((used.user + used.system) / 1000);
    spent += ms;
  }
  return { ...summarize(samples), cpu: summarize(cpu) };
}

export function ms(value: number): string {
  if (!Number.isFinite(value)) return "-";
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(value >= 1 ? 2 : 3);
}

export function ratio(sql: number, engine: number): string {
  if (!Number.isFinite(sql) || !Number.isFinite(engine) || engine <= 0) return "-";
  const r = sql / engine;
  return r >= 100 ? `${r.toFixed(0)}x` : `${r.toFixed(1)}x`;
}

/** A plain text table: the first row is the header; columns after the first are right-aligned. */
export function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? "").length)));
  return rows
    .map((r, i) => {
      const line = r
        .map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!)))
        .join("  ");
      return i === 0 ? `${line}\n${widths.map((w) => "-".repeat(w)).join("  ")}` : line;
    })
    .join("\n");
}

/** `count` evenly spaced quantiles of the samples: pools queries with equal weight whatever their run counts. */
export function quantiles(samples: number[], count = 100): number[] {
  const sorted = [...samples].sort((a, b) => a - b);
  return Array.from({ length: count }, (_, i) => percentile(sorted, ((i + 0.5) / count) * 100));
}
