import { describe, expect, it } from 'vitest';
import type { Point } from '../../lab/metrics';
import { pixelEnvelope } from './envelope';

const defined = (p: Point) => Number.isFinite(p.y);

describe('pixelEnvelope', () => {
  it('keeps every point of a line with fewer points than columns', () => {
    const points = [0, 1, 2, 3].map((x) => ({ x, y: x * x }));
    expect(pixelEnvelope(points, (p) => p.x * 10, defined)).toEqual(points);
  });

  it('keeps the first, lowest, highest and last point of each column, in their order', () => {
    // Ten points in one column (x 0..0.9 at one pixel per unit), then two in the next.
    const ys = [5, 7, 2, 9, 4, 4, 8, 1, 6, 3];
    const points = [...ys.map((y, k) => ({ x: k / 10, y })), { x: 1.2, y: 0 }, { x: 1.5, y: 10 }];
    expect(pixelEnvelope(points, (p) => p.x, defined)).toEqual([
      { x: 0, y: 5 }, { x: 0.3, y: 9 }, { x: 0.7, y: 1 }, { x: 0.9, y: 3 }, { x: 1.2, y: 0 }, { x: 1.5, y: 10 },
    ]);
  });

  it('keeps the breaks of the line where they are', () => {
    const points = [{ x: 0, y: 1 }, { x: 0.1, y: 2 }, { x: 0.2, y: Number.NaN }, { x: 0.3, y: 3 }, { x: 0.4, y: 0.5 }, { x: 0.5, y: 4 }];
    expect(pixelEnvelope(points, (p) => p.x, defined)).toEqual([
      { x: 0, y: 1 }, { x: 0.1, y: 2 }, { x: 0.2, y: Number.NaN }, { x: 0.3, y: 3 }, { x: 0.4, y: 0.5 }, { x: 0.5, y: 4 },
    ]);
    expect(pixelEnvelope([], (p) => p.x, defined)).toEqual([]);
  });
});
