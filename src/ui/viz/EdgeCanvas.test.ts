import { describe, expect, it } from 'vitest';
import { MAX_CANVAS_SIDE, canvasScale } from './EdgeCanvas';
import { RASTER_MAX_VISITS, bucketEdges, rasterCost } from './edgeDraw';
import { layoutNetwork } from './layout';

describe('bucketEdges', () => {
  it('groups edges by quantised value (24 levels a side), non-finite apart', () => {
    const values = Float64Array.from([1, -1, 0.5, 0.51, 0, 3, Number.NaN]);
    const b = bucketEdges(values, values.length, 1);
    expect(b.get(24)).toEqual([0, 5]); // 3 is clamped to +max
    expect(b.get(-24)).toEqual([1]);
    expect(b.get(12)).toEqual([2, 3]);
    expect(b.get(0)).toEqual([4]);
    expect(b.get(null)).toEqual([6]);
    expect([...b.values()].flat().sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });
  it('puts every edge in the null bucket when there are no values', () => {
    expect(bucketEdges(null, 3, 1).get(null)).toEqual([0, 1, 2]);
  });
});

describe('canvasScale', () => {
  it('draws at the screen resolution while the canvas is small enough', () => {
    expect(canvasScale(1.5, 2, 100, 600)).toBe(3);
  });
  it('keeps the longest side at MAX_CANVAS_SIDE for a tall diagram (5,000 inputs)', () => {
    const h = 140_000;
    const scale = canvasScale(1, 1, 120, h);
    expect(Math.round(h * scale)).toBe(MAX_CANVAS_SIDE);
    expect(120 * scale).toBeLessThan(MAX_CANVAS_SIDE);
  });
});

describe('rasterCost', () => {
  it('counts the pixels a stroke visits: (length + width + 1) rows of (width + 1)/cos + 2', () => {
    // A horizontal edge 10 px long, 2.5 px wide: 13.5 columns of 5.5 pixels.
    expect(rasterCost([{ x1: 0, y1: 5, x2: 10, y2: 5 }], 1, 2.5)).toBeCloseTo(74.25, 9);
  });
  it('draws a gap of 32 × 32 by hand, and a gap of thousands of inputs with the browser', () => {
    const small = layoutNetwork([32, 32], { width: 200, height: 960, marginLeft: 80, marginRight: 77 });
    expect(rasterCost(small.edges[0], 1, 2.5)).toBeLessThan(RASTER_MAX_VISITS);
    const wide = layoutNetwork([5000, 8], { width: 760, height: 4096 });
    expect(rasterCost(wide.edges[0], 1, 2.5)).toBeGreaterThan(RASTER_MAX_VISITS);
  });
});
