import { describe, expect, it } from 'vitest';
import { buildTrace } from '../../trace';
import { fakeRecord } from '../../trace/testing/fakeRecord';
import { edgeValues, nodeValues } from './values';
import { isRevealed, REVEAL_ALL, revealedNodeValues, revealedUpTo } from './reveal';

// 3 – 4 – 2 with softmax + cce: forward Z1 A1 Z2 A2, loss, backward dZ2 dW2 db2 dA1 dZ1 dW1 db1, update.
const sizes = [3, 4, 2];
const record = fakeRecord({ sizes, m: 5, output: 'softmax', loss: 'cce' });
const trace = buildTrace(record, { featureNames: ['a', 'b', 'c'] });
const at = (id: string) => {
  const index = trace.findIndex((e) => e.id === id);
  expect(index, id).toBeGreaterThanOrEqual(0);
  return revealedUpTo(trace, index);
};
const nodesAt = (id: string) => nodeValues(sizes, record, 1).map((column, k) => column.map((v) => revealedNodeValues(v, k, at(id))));

describe('revealedUpTo', () => {
  it('reveals everything without a current equation and in the update phase', () => {
    expect(revealedUpTo(trace, -1)).toBe(REVEAL_ALL);
    expect(at('update-W-1').all).toBe(true);
    expect(at('update-b-2').all).toBe(true);
  });

  it('during the forward pass: z and a only of the layers computed so far, no loss, no gradient', () => {
    const r = at('forward-Z-1');
    expect(r.all).toBe(false);
    expect(isRevealed(r, 'Z', 1)).toBe(true);
    expect(isRevealed(r, 'A', 1)).toBe(false);
    expect(isRevealed(r, 'Z', 2)).toBe(false);
    const n = nodesAt('forward-A-1');
    expect(n[1][0]).toEqual({ a: record.layers[0].A.get(0, 1), z: record.layers[0].Z.get(0, 1), b: record.layers[0].b.get(0, 0) });
    expect(n[2][0]).toEqual({ b: record.layers[1].b.get(0, 0) });
    expect(n[0][2]).toEqual({ a: record.A0.get(2, 1) });
    expect(isRevealed(at('forward-A-2'), 'loss', 2)).toBe(false);
  });

  it('at the loss: every z and a plus the loss, still no gradient', () => {
    const r = at('loss');
    expect(isRevealed(r, 'loss', 2)).toBe(true);
    expect(isRevealed(r, 'A', 2) && isRevealed(r, 'Z', 1)).toBe(true);
    for (const kind of ['dZ', 'dA', 'dW', 'db'] as const) for (const l of [1, 2]) expect(isRevealed(r, kind, l)).toBe(false);
  });

  it('during the backward pass: gradients from layer L down to the equation reached', () => {
    const r = at('backward-db-2');
    expect(isRevealed(r, 'dZ', 2) && isRevealed(r, 'dW', 2) && isRevealed(r, 'db', 2)).toBe(true);
    expect(isRevealed(r, 'dA', 1) || isRevealed(r, 'dZ', 1) || isRevealed(r, 'dW', 1)).toBe(false);
    const n = nodesAt('backward-dA-1');
    expect(n[1][0].dA).toBe(record.layers[0].dA.get(0, 1));
    expect(n[1][0].delta).toBeUndefined();
    expect(n[2][0].delta).toBe(record.layers[1].dZ.get(0, 1));
    expect(n[2][0].bAfter).toBeUndefined();
    expect(nodesAt('update-W-1')[2][0].bAfter).toBe(record.layers[1].bAfter.get(0, 0));
  });

  it('leaves the backward edges of layers not reached yet blank', () => {
    const params = record.layers.map((l) => ({ W: l.W }));
    const [dW1, dW2] = edgeValues(sizes, params, record, 'backward', at('backward-dW-2'));
    expect(dW1).toBeNull();
    expect(dW2).toBe(record.layers[1].dW.data);
    expect(edgeValues(sizes, params, record, 'forward', at('forward-Z-1'))[1]).toBe(record.layers[1].W.data);
  });
});
