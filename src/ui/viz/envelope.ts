/**
 * A line of many points drawn on few pixels: within each pixel column only the points that shape its
 * ink are kept (the first, the lowest, the highest and the last, in their order), so a path of
 * thousands of points costs about four per column to build, parse and paint, and draws the same
 * pixels. Points where the line is broken (`defined` false) are kept as they are.
 */
import type { Point } from '../../lab/metrics';

/** The points of `points` (in x order) that shape a line drawn at pixel column `column(p)`. */
export function pixelEnvelope<P extends Point>(points: readonly P[], column: (p: P) => number, defined: (p: P) => boolean): P[] {
  const out: P[] = [];
  let i = 0;
  while (i < points.length) {
    const first = points[i];
    if (!defined(first)) {
      out.push(first);
      i += 1;
      continue;
    }
    const c = Math.floor(column(first));
    let last = i;
    let lo = i;
    let hi = i;
    while (last + 1 < points.length && defined(points[last + 1]) && Math.floor(column(points[last + 1])) === c) {
      last += 1;
      if (points[last].y < points[lo].y) lo = last;
      if (points[last].y > points[hi].y) hi = last;
    }
    const kept = [i, lo, hi, last].sort((a, b) => a - b);
    kept.forEach((k, n) => {
      if (n === 0 || k !== kept[n - 1]) out.push(points[k]);
    });
    i = last + 1;
  }
  return out;
}
