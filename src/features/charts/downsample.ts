/**
 * Largest-Triangle-Three-Buckets (Steinarsson, "Downsampling Time Series for Visual
 * Representation", 2013): keeps the visual shape of a line — peaks, dips, first and last point —
 * with a fixed number of points. Drawing more points than the plot has pixels costs time and shows
 * nothing more, so charts draw about two points per pixel column.
 */

/** How many points a line chart `plotWidth` CSS pixels wide should draw. */
export function pointBudget(plotWidth: number): number {
  return Math.max(3, Math.round(2 * plotWidth));
}

/**
 * Indices (ascending) of the points to keep out of `x.length`. `x` must be ascending. A point whose
 * y is NaN (a gap) is only picked when its whole bucket is gaps. With `threshold` ≥ n, or below 3
 * (no middle buckets), every index or just the ends come back.
 */
export function lttb(x: ArrayLike<number>, y: ArrayLike<number>, threshold: number): Uint32Array {
  const n = Math.min(x.length, y.length);
  if (threshold >= n) return Uint32Array.from({ length: n }, (_, i) => i);
  if (threshold < 3) return n === 0 ? new Uint32Array(0) : n === 1 ? Uint32Array.of(0) : Uint32Array.of(0, n - 1);

  const out = new Uint32Array(threshold);
  const bucketSize = (n - 2) / (threshold - 2);
  let a = 0;
  out[0] = 0;
  for (let bucket = 0; bucket < threshold - 2; bucket++) {
    // Average of the next bucket: the third corner of the triangle.
    const nextStart = Math.floor((bucket + 1) * bucketSize) + 1;
    const nextEnd = Math.min(Math.floor((bucket + 2) * bucketSize) + 1, n);
    let avgX = 0;
    let avgY = 0;
    let count = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      const yj = y[j]!;
      if (Number.isNaN(yj)) continue;
      avgX += x[j]!;
      avgY += yj;
      count++;
    }
    if (count > 0) {
      avgX /= count;
      avgY /= count;
    } else {
      avgX = x[Math.min(nextStart, n - 1)]!;
      avgY = y[a]!;
    }

    const start = Math.floor(bucket * bucketSize) + 1;
    const end = Math.floor((bucket + 1) * bucketSize) + 1;
    const ax = x[a]!;
    const ay = y[a]!;
    let maxArea = -1;
    let chosen = start;
    for (let j = start; j < end; j++) {
      const yj = y[j]!;
      if (Number.isNaN(yj)) continue;
      // When the previous pick is a gap, the tallest point still wins: measure from the average.
      const area = Number.isNaN(ay) ? Math.abs(yj - avgY) : Math.abs((ax - avgX) * (yj - ay) - (ax - x[j]!) * (avgY - ay));
      if (area > maxArea) {
        maxArea = area;
        chosen = j;
      }
    }
    out[bucket + 1] = chosen;
    a = chosen;
  }
  out[threshold - 1] = n - 1;
  return out;
}
