import { renderToString } from 'react-dom/server';
import { scaleLinear, scaleLog } from 'd3-scale';
import { line } from 'd3-shape';
import { describe, expect, it } from 'vitest';
import { binaryDataset } from '../../lab/fixtures';
import type { Point } from '../../lab/metrics';
import { LabSession } from '../../lab/session';
import { defaultSettings } from '../../lab/settings';
import { LossChart, polyline } from './LossChart';

describe('polyline', () => {
  const x = scaleLinear().domain([0, 10]).range([52, 506]);
  const y = scaleLog().domain([1e-3, 2]).clamp(true).range([166, 14]);
  const defined = (p: Point) => Number.isFinite(p.y) && p.y > 0;
  // d3-shape's line() (curveLinear, 3 decimals) is the oracle: the chart drew its paths with it before.
  const d3Line = line<Point>().defined(defined).x((p) => x(p.x)).y((p) => y(p.y));

  it('gives d3-shape line()’s path: gaps at undefined points, a lone point closed, no path for none', () => {
    const cases: Point[][] = [
      [{ x: 0, y: 1 }, { x: 1, y: 0.5 }, { x: 2, y: 0.25 }],
      [{ x: 0, y: 1 }, { x: 1, y: NaN }, { x: 2, y: 0.25 }, { x: 3, y: 0.2 }, { x: 4, y: 0 }, { x: 5, y: 0.1 }],
      [{ x: 0, y: Infinity }, { x: 1.2345678, y: 0.3333333 }],
      [{ x: 3, y: 0.7 }],
      [{ x: 3, y: NaN }],
      [],
    ];
    for (const points of cases) expect(polyline(points, x, y, defined)).toBe(d3Line(points));
  });
});

describe('LossChart axes (server render)', () => {
  it('draws the axes in the markup: ticks and labels from d3-scale, the log axis in powers of ten', () => {
    const s = new LabSession(binaryDataset(40), { ...defaultSettings(), hiddenLayers: [3], batchSize: 10 });
    s.stepEpoch();
    s.stepEpoch();
    const m = s.metrics;
    const props = { batchLoss: m.batchLoss, batchCount: m.batchLoss.length, epochs: m.epochs, epochCount: m.epochs.length };
    expect(props.batchCount).toBe(8);
    const linear = renderToString(<LossChart {...props} />);
    // Two axes, each with its domain line; the x axis at the fallback width 520 asks for 5 ticks over
    // [0, 8] updates: d3's ticks are 0, 2, 4, 6, 8, labelled as integers ('d').
    expect(linear.match(/class="domain"/g)).toHaveLength(2);
    const xLabels = [...linear.matchAll(/<g class="tick"[^>]*transform="translate\([\d.]+,0\)"><line[^>]*><\/line><text[^>]*>([^<]*)<\/text>/g)].map((t) => t[1]);
    expect(xLabels).toEqual(['0', '2', '4', '6', '8']);
    const yLabels = [...linear.matchAll(/<g class="tick"[^>]*transform="translate\(0,[\d.]+\)"><line[^>]*><\/line><text[^>]*>([^<]*)<\/text>/g)].map((t) => t[1]);
    expect(yLabels.length).toBeGreaterThanOrEqual(2);
    expect(yLabels[0]).toBe('0.0');
    const log = renderToString(<LossChart {...props} defaultLogScale />);
    const logLabels = [...log.matchAll(/<g class="tick"[^>]*transform="translate\(0,[\d.]+\)"><line[^>]*><\/line><text[^>]*>([^<]*)<\/text>/g)].map((t) => t[1]).filter((t) => t !== '');
    expect(logLabels.length).toBeGreaterThan(0);
    for (const label of logLabels) expect(label).toMatch(/^\de[+−-]\d+$/);
  });
});
