import { describe, expect, it } from 'vitest';
import { hitTest, labelMargins, layoutNetwork, textWidth } from './layout';

describe('layoutNetwork', () => {
  it('keeps the radius at least minRadius, 0.38 of the spacing above it', () => {
    // 32 neurons 32 px apart: 0.38 · 32 = 12.16, raised to 14.5; 8 neurons 50 px apart keep 0.38 · 50 = 19, under maxRadius 20.
    expect(layoutNetwork([32], { height: 31 * 32 + 60, marginY: 30, minRadius: 14.5 }).radius).toBe(14.5);
    expect(layoutNetwork([8], { height: 7 * 50 + 60, marginY: 30, minRadius: 14.5, maxRadius: 20 }).radius).toBeCloseTo(19, 9);
  });

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

describe('layoutNetwork: separate top and bottom margins', () => {
  it('centres the neurons between the margins and keeps them inside', () => {
    const layout = layoutNetwork([3, 8, 1], { width: 600, height: 300, marginTop: 40, marginBottom: 20, maxRadius: 20 });
    // The single output neuron sits halfway between y = 40 and y = 300 − 20.
    expect(layout.nodes[2][0].y).toBeCloseTo(160, 9);
    const ys = layout.nodes[1].map((n) => n.y);
    expect(Math.min(...ys)).toBeGreaterThanOrEqual(40);
    expect(Math.max(...ys)).toBeLessThanOrEqual(280);
    expect(layout.radius).toBeLessThanOrEqual(20);
  });
});

describe('labelMargins', () => {
  it('fits the longest input and output labels beside the neurons, within 35 % of the width', () => {
    // 13 characters at 13 px ≈ 13 · 0.6 · 13 = 101.4 px, plus the radius 10 and 12 px of room.
    const m = labelMargins(['HumidityRatio', 'CO2'], ['Occupancy'], ['inputs (5)', 'output (1)'], 13, 10, 800);
    expect(m.marginLeft).toBe(Math.ceil(13 * 0.6 * 13 + 10 + 12));
    expect(m.marginRight).toBe(Math.ceil(9 * 0.6 * 13 + 10 + 14));
    const narrow = labelMargins(['a very long feature name'], ['y'], ['inputs (1)', 'output (1)'], 13, 10, 300);
    expect(narrow.marginLeft).toBe(105);
  });
  it('leaves room for half a centred caption when the labels are short', () => {
    const m = labelMargins(['x'], ['y'], ['inputs (5)', 'output (12)'], 13, 4, 800);
    expect(m.marginRight).toBe(Math.ceil(textWidth('output (12)', 13) / 2 + 6));
  });
});
