// A one-line progress display on stderr for long loads: per task, a bar, works/s and the ETA.

interface Task {
  label: string;
  total: number;
  done: number;
  started: number;
}

function clock(seconds: number): string {
  if (!Number.isFinite(seconds)) return "--:--";
  const s = Math.round(seconds);
  const m = Math.floor(s / 60);
  return `${m}:${String(s % 60).padStart(2, "0")}`;
}

/** Tasks drawn side by side on one line, redrawn at most five times a second. */
export class Progress {
  private tasks = new Map<string, Task>();
  private last = 0;
  private readonly tty = process.stderr.isTTY;

  start(label: string, total: number): (done: number) => void {
    this.tasks.set(label, { label, total, done: 0, started: performance.now() });
    return (done) => {
      const t = this.tasks.get(label)!;
      t.done = done;
      this.draw(done >= t.total);
    };
  }

  end(label: string): void {
    const t = this.tasks.get(label);
    if (!t) return;
    this.draw(true);
    this.tasks.delete(label);
    const secs = (performance.now() - t.started) / 1000;
    process.stderr.write(
      `${this.tty ? "\r\x1b[K" : ""}${label}: ${t.done.toLocaleString("en")} works in ${secs.toFixed(1)} s\n`,
    );
  }

  private draw(force: boolean): void {
    const now = performance.now();
    if (!force && now - this.last < (this.tty ? 200 : 10_000)) return;
    this.last = now;
    const parts = [...this.tasks.values()].map((t) => {
      const share = t.total ? t.done / t.total : 1;
      const width = 20;
      const filled = Math.round(share * width);
      const rate = t.done / Math.max(0.001, (now - t.started) / 1000);
      const eta = (t.total - t.done) / Math.max(rate, 1e-9);
      return `${t.label} [${"#".repeat(filled)}${".".repeat(width - filled)}] ${(share * 100).toFixed(0)}% ${Math.round(rate).toLocaleString("en")} works/s ETA ${clock(eta)}`;
    });
    process.stderr.write(this.tty ? `\r\x1b[K${parts.join("  |  ")}` : `${parts.join("  |  ")}\n`);
  }
}
