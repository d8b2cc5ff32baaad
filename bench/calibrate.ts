// A fixed CPU workload timed before and after a benchmark: a shared virtual machine can run the
// same code at quite different speeds from one minute to the next (two runs of the same build
// here took 7.8 s and 11.9 s of wall clock, and CPU time grew alike). Figures from runs whose
// reference times differ are not comparable.

/** Milliseconds for a fixed mix of typed-array writes and sorts (the best of three). */
export function machineSpeedMs(): number {
  const a = new Uint32Array(1_000_000);
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < 3; round++) {
    let x = 1;
    const t = performance.now();
    for (let r = 0; r < 4; r++) {
      for (let i = 0; i < a.length; i++) {
        x = (Math.imul(x, 1103515245) + 12345) >>> 0;
        a[i] = x;
      }
      a.sort();
    }
    best = Math.min(best, performance.now() - t);
  }
  return best;
}
