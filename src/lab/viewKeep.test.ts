import { describe, expect, it } from 'vitest';
import { Matrix } from '../nn';
import { LabController } from './controller';
import type { FlowView } from './gradientFlow';
import { keepFlowView, keepLegend, keepMarkers, sameParams } from './viewKeep';

/** A controller on a fake clock that advances 1 ms per read (so play budgets end). */
function controller(): LabController {
  let t = 0;
  const c = new LabController({ now: () => (t += 1) });
  c.start();
  return c;
}

const flow = (total: number, grad: number[]): FlowView => ({ layers: 1, total, update: grad.map((_, i) => i + 1), grad: [grad], weight: [grad.map((g) => 2 * g)] });

describe('keeping parts of the previous view', () => {
  it('sameParams compares the matrices themselves, layer by layer', () => {
    const W = new Matrix(2, 2);
    const b = new Matrix(2, 1);
    expect(sameParams([{ W, b }], [{ W, b }])).toBe(true);
    // Equal values in another matrix are not the same parameters (the caller keeps only immutable ones).
    expect(sameParams([{ W, b }], [{ W: new Matrix(2, 2), b }])).toBe(false);
    expect(sameParams([{ W, b }], [{ W, b }, { W, b }])).toBe(false);
  });

  it('keepFlowView keeps an equal series and takes a changed one', () => {
    const a = flow(3, [1, 2, 3]);
    expect(keepFlowView(a, flow(3, [1, 2, 3]))).toBe(a);
    const longer = flow(4, [1, 2, 3, 4]);
    expect(keepFlowView(a, longer)).toBe(longer);
    const other = flow(3, [1, 2, 3.5]);
    expect(keepFlowView(a, other)).toBe(other);
    const otherWeight = { ...flow(3, [1, 2, 3]), weight: [[2, 4, 7]] };
    expect(keepFlowView(a, otherWeight)).toBe(otherWeight);
    const nan = flow(3, [1, Number.NaN, 3]);
    expect(keepFlowView(nan, flow(3, [1, Number.NaN, 3]))).toBe(nan);
  });

  it('keepMarkers keeps equal markers and takes changed ones', () => {
    const a = [{ update: 5, text: 'η 0.1 → 1' }];
    expect(keepMarkers(a, [{ update: 5, text: 'η 0.1 → 1' }])).toBe(a);
    const moved = [{ update: 6, text: 'η 0.1 → 1' }];
    expect(keepMarkers(a, moved)).toBe(moved);
    const said = [{ update: 5, text: 'η 0.1 → 2' }];
    expect(keepMarkers(a, said)).toBe(said);
    expect(keepMarkers(null, a)).toBe(a);
  });
});

describe('buildView keeps what a step did not change', () => {
  it('keeps the diagram, histograms, gradient flow and dataset while a step changes none of them, and changes each when it does', () => {
    const c = controller();
    c.stepEquation(); // the first batch is trained, its first equation shown
    c.stepEquation();
    const a = c.getView();
    c.stepEquation(); // still the forward pass of the same batch: the parameters shown are the same
    const b = c.getView();
    expect(b.current).toBe(a.current + 1);
    expect(b.diagram.record).toBe(a.diagram.record);
    // The diagram follows the current equation: a new object (with the same record and parameters).
    expect(b.diagram).not.toBe(a.diagram);
    expect(b.diagram.equation).toBe(b.equations[b.current]);
    expect(sameParams(b.diagram.params, a.diagram.params)).toBe(true);
    expect(b.histograms).toBe(a.histograms);
    expect(b.flow).toBe(a.flow);
    expect(b.dataset).toBe(a.dataset);
    expect(b.runs.markers).toBe(a.runs.markers);

    // Following another sample changes no part of the diagram view: the same object is kept.
    c.setSample(1);
    const sampled = c.getView();
    expect(sampled.version).not.toBe(b.version);
    expect(sampled.diagram).toBe(b.diagram);

    // A new batch: a new record, new histograms, one more point of gradient flow.
    c.finishBatch();
    c.stepEquation();
    const d = c.getView();
    expect(d.counters.batch).toBe(b.counters.batch + 1);
    expect(d.diagram.record).not.toBe(b.diagram.record);
    expect(d.histograms).not.toBe(b.histograms);
    expect(d.histograms?.weights[0]).toEqual(Array.from(d.diagram.record!.layers[0].WAfter.data));
    expect(d.flow).not.toBe(b.flow);
    expect(d.flow?.total).toBe((b.flow?.total ?? 0) + 1);
    expect(d.dataset).toBe(b.dataset);

    // Back into the previous batch: its record and its very histograms again.
    for (let k = 0; k < 200 && c.getView().counters.batch === d.counters.batch; k++) c.stepBack();
    const e = c.getView();
    expect(e.diagram.record).toBe(b.diagram.record);
    expect(e.histograms).toBe(b.histograms);
  });

  it('takes new parameters into the diagram once the update of a layer is shown', () => {
    const c = controller();
    c.stepEquation();
    let v = c.getView();
    const before = v.diagram.params;
    for (let k = 0; k < 200 && v.equations[v.current]?.phase !== 'update'; k++) {
      c.stepEquation();
      v = c.getView();
    }
    c.finishBatch();
    v = c.getView();
    expect(sameParams(v.diagram.params, before)).toBe(false);
    expect(v.diagram.params[0].W).toBe(v.diagram.record!.layers[0].WAfter);
  });
});

describe('keepLegend', () => {
  it('keeps an equal legend and takes a changed one', () => {
    const a = [{ id: 'r1', label: 'run 1', text: 'η 0.1', differences: [{ key: 'learningRate' as const, text: 'η 0.1' }] }];
    expect(keepLegend(a, structuredClone(a))).toBe(a);
    const other = [{ ...a[0], text: 'η 1' }];
    expect(keepLegend(a, other)).toBe(other);
    expect(keepLegend([], [])).toEqual([]);
    const empty: typeof a = [];
    expect(keepLegend(empty, [])).toBe(empty);
  });
});
