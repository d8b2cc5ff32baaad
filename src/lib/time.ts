/** Dates as fans read them on a work: 2026-11-27 (UTC, so every reader sees the same day). */
export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function formatNumber(n: number): string {
  return n.toLocaleString("en-US");
}
