import { describe, expect, it } from 'vitest';
import { robustMaxAbs } from './colors';
import { createEdgeRasteriser, levelStyles, type EdgePaint } from './edgeDraw';
import { createEdgeWorkerCore, packPositions, type EdgeDrawReply, type EdgeDrawRequest } from './edgeWorkerCore';
import { layoutNetwork } from './layout';

/** A 6×6 gap laid out in a 400 × 120 box, its weights −1 … 1, at 1 device pixel per unit. */
const layout = layoutNetwork([6, 6], { width: 400, height: 120 });
const edges = layout.edges[0];
const weights = Float64Array.from(edges, (_, k) => ((k * 7) % 13) / 6 - 1);
const paint = (values: Float64Array): EdgePaint => ({
  edges, values, maxAbs: robustMaxAbs([values]), scale: 1, x0: edges[0].x1,
  width: Math.round(edges[0].x2 - edges[0].x1), height: 120,
});
const request = (canvas: number, seq: number, d: EdgePaint, positions: boolean, buffer: ArrayBuffer | null = null): EdgeDrawRequest => ({
  type: 'draw', canvas, seq, positions: positions ? packPositions(d.edges) : null, values: d.values ? d.values.slice() : null,
  maxAbs: d.maxAbs, scale: d.scale, x0: d.x0, width: d.width, height: d.height, styles: levelStyles(d.maxAbs, d.scale), buffer,
});
/** What the page's own rasteriser paints for `d`. */
const onPage = (d: EdgePaint) => {
  const out = new Uint8ClampedArray(d.width * d.height * 4);
  createEdgeRasteriser().draw(d, levelStyles(d.maxAbs, d.scale), out);
  return out;
};

describe('the edge worker', () => {
  it('replies with the pixels the page would paint', () => {
    const replies: EdgeDrawReply[] = [];
    const core = createEdgeWorkerCore((m) => replies.push(m));
    const d = paint(weights);
    core.receive(request(1, 1, d, true));
    expect(core.drawPending()).toBe(1);
    expect(replies.map((r) => [r.canvas, r.seq, r.width, r.height])).toEqual([[1, 1, d.width, d.height]]);
    const pixels = new Uint8ClampedArray(replies[0].pixels);
    expect(pixels.some((v) => v > 0)).toBe(true);
    expect(pixels).toEqual(onPage(d));
  });

  it('draws a canvas changed twice meanwhile once, with the newest values, on the edges the older request carried', () => {
    const replies: EdgeDrawReply[] = [];
    const core = createEdgeWorkerCore((m) => replies.push(m));
    const older = paint(weights);
    const newer = paint(weights.map((w) => -w));
    core.receive(request(3, 1, older, true));
    core.receive(request(3, 2, newer, false));
    core.receive(request(4, 1, older, true));
    expect(core.drawPending()).toBe(2);
    expect(replies.map((r) => [r.canvas, r.seq])).toEqual([[3, 2], [4, 1]]);
    expect(new Uint8ClampedArray(replies[0].pixels)).toEqual(onPage(newer));
    expect(new Uint8ClampedArray(replies[0].pixels)).not.toEqual(onPage(older));
    expect(core.drawPending()).toBe(0);
  });

  it('fills the buffer the page handed back when its size fits, and forgets a canvas that is gone', () => {
    const replies: EdgeDrawReply[] = [];
    const core = createEdgeWorkerCore((m) => replies.push(m));
    const d = paint(weights);
    const fits = new ArrayBuffer(d.width * d.height * 4);
    const small = new ArrayBuffer(16);
    core.receive(request(1, 1, d, true, fits));
    core.drawPending();
    core.receive(request(1, 2, d, false, small));
    core.drawPending();
    expect(replies[0].pixels).toBe(fits);
    expect(replies[1].pixels).not.toBe(small);
    expect(replies[1].pixels.byteLength).toBe(d.width * d.height * 4);
    core.receive(request(2, 1, d, true));
    core.receive({ type: 'forget', canvas: 2 });
    expect(core.drawPending()).toBe(0);
  });
});
