/**
 * A progress reporter for long command-line work: redraws one line on a terminal, prints a line
 * every 10% otherwise (logs, CI).
 */
export function progressLine(label: string, out: NodeJS.WriteStream = process.stderr) {
  const started = Date.now();
  let lastDecile = -1;
  return (done: number, total: number) => {
    const fraction = total > 0 ? Math.min(1, done / total) : 1;
    const seconds = (Date.now() - started) / 1000;
    const rate = seconds > 0 ? Math.round(done / seconds) : 0;
    const eta = rate > 0 ? Math.max(0, Math.round((total - done) / rate)) : 0;
    const text = `${label}: ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} (${Math.round(fraction * 100)}%, ${rate.toLocaleString("en-US")}/s, ${eta}s left)`;
    if (out.isTTY) {
      out.write(`\r${text}\x1b[K${fraction >= 1 ? "\n" : ""}`);
    } else {
      const decile = Math.floor(fraction * 10);
      if (decile !== lastDecile) {
        lastDecile = decile;
        out.write(`${text}\n`);
      }
    }
  };
}
