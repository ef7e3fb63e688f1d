import { describe, expect, it } from 'vitest';
import { buildTrace } from '../../trace';
import { fakeRecord } from '../../trace/testing/fakeRecord';
import { clampSample, diagramMode, edgeChanges, edgeValues, highlightOf, nodeValues, shownNodeValue } from './values';

const record = fakeRecord({ sizes: [3, 4, 2], m: 5, output: 'softmax', loss: 'cce' });
const trace = buildTrace(record, { featureNames: ['a', 'b', 'c'] });
const eq = (id: string) => trace.find((e) => e.id === id)!;

describe('diagramMode', () => {
  it('is backward for backward equations and update for update equations', () => {
    expect(diagramMode(null)).toBe('forward');
    expect(diagramMode(eq('forward-Z-1'))).toBe('forward');
    expect(diagramMode(eq('loss'))).toBe('forward');
    expect(diagramMode(eq('backward-dW-2'))).toBe('backward');
    expect(diagramMode(eq('update-W-1'))).toBe('update');
  });
});

describe('nodeValues', () => {
  it('reads column s of A0, Z, A, dZ, dA and the biases (before and after the update)', () => {
    const v = nodeValues([3, 4, 2], record, 2);
    expect(v[0][1]).toEqual({ a: record.A0.get(1, 2) });
    expect(v[2][1]).toEqual({
      a: record.layers[1].A.get(1, 2), z: record.layers[1].Z.get(1, 2), delta: record.layers[1].dZ.get(1, 2),
      dA: record.layers[1].dA.get(1, 2), b: record.layers[1].b.get(1, 0), db: record.layers[1].db.get(1, 0),
      bAfter: record.layers[1].bAfter.get(1, 0),
    });
    expect(shownNodeValue(v[2][1], 'forward')).toBe(v[2][1].a);
    expect(shownNodeValue(v[2][1], 'backward')).toBe(v[2][1].delta);
    expect(shownNodeValue(v[2][1], 'update')).toBe(record.layers[1].bAfter.get(1, 0));
    expect(shownNodeValue(v[0][0], 'backward')).toBeUndefined();
  });
  it('clamps the sample to the batch and shows nothing without a fitting record', () => {
    expect(clampSample(record, 99)).toBe(4);
    expect(clampSample(record, -3)).toBe(0);
    expect(clampSample(null, 7)).toBe(0);
    expect(nodeValues([3, 4, 2], null, 0)[1][0]).toEqual({});
    expect(nodeValues([3, 5, 2], record, 0)[1][0]).toEqual({});
  });
});

describe('edgeValues', () => {
  it('gives the weights (forward) or dW (backward), null where shapes do not fit', () => {
    const params = record.layers.map((l) => ({ W: l.W, b: l.b }));
    expect(edgeValues([3, 4, 2], params, record, 'forward')).toEqual([record.layers[0].W.data, record.layers[1].W.data]);
    expect(edgeValues([3, 4, 2], params, record, 'backward')[1]).toBe(record.layers[1].dW.data);
    expect(edgeValues([3, 4, 2], params, null, 'backward')).toEqual([null, null]);
    expect(edgeValues([3, 6, 2], params, record, 'forward')).toEqual([null, null]);
  });
});

describe('highlightOf (touches → diagram)', () => {
  it('Z[1] = W[1]A[0] + b[1]: edges of layer 1, neurons of columns 0 and 1', () => {
    const h = highlightOf(eq('forward-Z-1').touches);
    expect(h.active).toBe(true);
    expect([...h.edgeLayers]).toEqual([1]);
    expect([...h.nodeLayers].sort()).toEqual([0, 1]);
    expect(h.loss).toBe(false);
  });
  it('the loss lights the output column and the read-out', () => {
    const h = highlightOf(eq('loss').touches);
    expect([...h.nodeLayers]).toEqual([2]);
    expect(h.loss).toBe(true);
  });
  it('dA[1] = W[2]ᵀdZ[2]: edges of layer 2, neurons of columns 1 and 2', () => {
    const h = highlightOf(eq('backward-dA-1').touches);
    expect([...h.edgeLayers]).toEqual([2]);
    expect([...h.nodeLayers].sort()).toEqual([1, 2]);
  });
  it('update W[1]: only the edges of layer 1; nothing touched means nothing dimmed', () => {
    const h = highlightOf(eq('update-W-1').touches);
    expect([...h.edgeLayers]).toEqual([1]);
    expect(h.nodeLayers.size).toBe(0);
    expect(highlightOf(undefined).active).toBe(false);
  });
});

describe('edgeChanges and the update mode', () => {
  it('gives W after − W per weight, and the update mode colours edges by the new W', () => {
    const sizes = [3, 4, 2];
    const params = record.layers.map((l) => ({ W: l.W }));
    const [d1, d2] = edgeChanges(sizes, record);
    const L2 = record.layers[1];
    // Entry (row 1, column 2) of W[2], flat index 1·4 + 2, computed here from the record.
    expect(d2![1 * 4 + 2]).toBeCloseTo(L2.WAfter.get(1, 2) - L2.W.get(1, 2), 12);
    expect(d1).toHaveLength(12);
    const [, after2] = edgeValues(sizes, params, record, 'update');
    expect(after2).toBe(L2.WAfter.data);
    expect(edgeChanges(sizes, null)).toEqual([null, null]);
  });
});
