import { describe, expect, it } from 'vitest';
import { hitTest, layoutNetwork } from './layout';

describe('layoutNetwork', () => {
  it('puts layers in evenly spaced columns and centres each column', () => {
    const layout = layoutNetwork([5, 16, 1], { width: 700, marginLeft: 100, marginRight: 100 });
    const xs = layout.nodes.map((c) => c[0].x);
    expect(xs).toEqual([100, 350, 600]);
    for (const column of layout.nodes) {
      const mean = column.reduce((s, n) => s + n.y, 0) / column.length;
      expect(mean).toBeCloseTo(layout.height / 2, 9);
      for (const n of column) {
        expect(n.y).toBeGreaterThanOrEqual(0);
        expect(n.y).toBeLessThanOrEqual(layout.height);
      }
    }
    expect(layout.nodes[2][0].y).toBeCloseTo(layout.height / 2, 9);
  });

  it('orders edges like W.data: edges[l−1][to·n_{l−1} + from]', () => {
    const layout = layoutNetwork([3, 2, 1]);
    expect(layout.edges.map((e) => e.length)).toEqual([6, 2]);
    const e = layout.edges[0][1 * 3 + 2];
    expect(e).toMatchObject({ layer: 1, to: 1, from: 2 });
    expect([e.x1, e.y1]).toEqual([layout.nodes[0][2].x, layout.nodes[0][2].y]);
    expect([e.x2, e.y2]).toEqual([layout.nodes[1][1].x, layout.nodes[1][1].y]);
  });

  it('keeps neurons apart and radii sensible for 5-32×6-1 (≈5300 edges)', () => {
    const sizes = [5, 32, 32, 32, 32, 32, 32, 1];
    const layout = layoutNetwork(sizes);
    expect(layout.edges.flat()).toHaveLength(5 * 32 + 5 * 32 * 32 + 32);
    expect(layout.height).toBeLessThanOrEqual(640);
    const gap = layout.nodes[1][1].y - layout.nodes[1][0].y;
    expect(layout.radius * 2).toBeLessThan(gap);
    expect(layout.radius).toBeGreaterThanOrEqual(3);
  });

  it('handles a single neuron per layer and spaces small layers at most 56 apart', () => {
    const layout = layoutNetwork([1, 2, 1]);
    expect(layout.nodes[1][1].y - layout.nodes[1][0].y).toBe(56);
    expect(layout.radius).toBeLessThanOrEqual(16);
  });
});

describe('hitTest', () => {
  const layout = layoutNetwork([2, 3, 1], { width: 600, height: 300 });
  it('finds a neuron within its radius', () => {
    const n = layout.nodes[1][2];
    expect(hitTest(layout, n.x + layout.radius - 1, n.y)).toEqual({ kind: 'node', layer: 1, index: 2 });
  });
  it('finds the edge under the point, else nothing', () => {
    const e = layout.edges[0][2 * 2 + 1];
    const mx = (e.x1 + e.x2) / 2;
    const my = (e.y1 + e.y2) / 2;
    expect(hitTest(layout, mx, my + 1)).toEqual({ kind: 'edge', layer: 1, to: 2, from: 1 });
    expect(hitTest(layout, 5, 5)).toBeNull();
  });
});

describe('layoutNetwork: room for numbers', () => {
  it('gives 16-neuron layers a radius of at least 10 (values written inside)', () => {
    expect(layoutNetwork([5, 16, 16, 1]).radius).toBeGreaterThanOrEqual(10);
  });
});
