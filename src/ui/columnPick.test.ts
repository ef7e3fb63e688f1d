import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { buildTrace } from '../trace';
import { fakeRecord, patterned } from '../trace/testing/fakeRecord';
import { pickableMatrices, sampleAtVisibleColumn, sampleRowMatrices, visibleColumnOfSample } from './columnPick';

const trace = buildTrace(fakeRecord({ sizes: [5, 8, 1], m: 50 }), { featureNames: ['a', 'b', 'c', 'd', 'e'] });
const normalized = buildTrace(fakeRecord({ sizes: [2, 3, 1], m: 50 }), {
  featureNames: ['a', 'b'],
  rawBatch: patterned(2, 50, 3),
  normalization: { kind: 'zscore', stats: ['a', 'b'].map((name) => ({ name, mean: 1, std: 2, min: 0, max: 3 })) },
});
const byId = (id: string) => {
  const eq = trace.find((e) => e.id === id);
  if (!eq) throw new Error(`no equation ${id}`);
  return eq;
};

/** The column counts of KaTeX's `.mtable`s in rendered HTML, in document order (node has no DOM: count by string). */
function tableColumns(html: string): number[] {
  const parts = html.split('class="mtable"').slice(1);
  return parts.map((part) => {
    const own = part.split('class="mtable"')[0];
    return (own.match(/class="col-align-[clr]"/g) ?? []).length;
  });
}

describe('sampleRowMatrices', () => {
  it('dW[1] = (1/m)·dZ[1]·A[0]ᵀ: only the transposed A[0] has a row per sample', () => {
    expect(sampleRowMatrices(byId('backward-dW-1'), 50)).toEqual([false, true, false]);
  });

  it('no transposed per-sample matrix (forward, update), or an empty batch: null', () => {
    expect(sampleRowMatrices(byId('forward-Z-1'), 50)).toBeNull();
    expect(sampleRowMatrices(byId('update-W-1'), 50)).toBeNull();
    expect(sampleRowMatrices(byId('backward-dW-1'), 0)).toBeNull();
  });
});

describe('pickableMatrices', () => {
  it('Z[1] = W[1]·A[0] + b[1]: A[0] (5×50) and Z[1] (8×50) are samples, W and b are not', () => {
    expect(pickableMatrices(byId('forward-Z-1'), 50)).toEqual([false, true, false, true]);
  });

  it('dW[1] = (1/m)·dZ[1]·A[0]ᵀ: only dZ; the transposed A[0] is never pickable', () => {
    expect(pickableMatrices(byId('backward-dW-1'), 50)).toEqual([true, false, false]);
  });

  it('equations with no per-sample matrix are not pickable', () => {
    expect(pickableMatrices(byId('update-W-1'), 50)).toBeNull();
    expect(pickableMatrices(byId('forward-Z-1'), 0)).toBeNull();
  });

  it('the normalisation: its statistics table is not an operand, the raw and normalised batches are pickable', () => {
    const eq = normalized.find((e) => e.id === 'normalize-X');
    if (!eq) throw new Error('no normalisation equation');
    expect(pickableMatrices(eq, 50)).toEqual([false, true, true]);
    const html = katex.renderToString(eq.numeric, { displayMode: true, output: 'html', throwOnError: false });
    expect(tableColumns(html)).toHaveLength(3);
  });

  it('Adam: optimiser states and parameters never are', () => {
    const adam = buildTrace(fakeRecord({ sizes: [2, 3, 1], m: 50, optimizer: 'adam' }), { featureNames: ['a', 'b'] });
    for (const eq of adam.filter((e) => e.phase === 'update')) expect(pickableMatrices(eq, 50)).toBeNull();
  });

  it('KaTeX renders one .mtable per bmatrix, the truncated ones with 6 columns (3 + ⋯ + 2)', () => {
    const eq = byId('forward-Z-1');
    const html = katex.renderToString(eq.numeric, { displayMode: true, output: 'html', throwOnError: false });
    const columns = tableColumns(html);
    expect(columns).toHaveLength(pickableMatrices(eq, 50)?.length ?? -1);
    expect(columns).toEqual([5, 6, 1, 6]);
  });
});

describe('visible column ↔ sample', () => {
  it('maps 3 + ⋯ + 2 of 50 columns', () => {
    expect([0, 1, 2, 3, 4, 5].map((j) => sampleAtVisibleColumn(j, 50))).toEqual([0, 1, 2, null, 48, 49]);
    expect(visibleColumnOfSample(49, 50)).toBe(5);
    expect(visibleColumnOfSample(10, 50, 0)).toBe(-1);
    expect(sampleAtVisibleColumn(3, 4)).toBe(3);
    expect(sampleAtVisibleColumn(9, 4)).toBeNull();
  });

  it('drawn around a late sample (numericFor(36)): 1 2 ⋯ 37 ⋯ 50, and every sample is at a visible column of its own drawing', () => {
    expect([0, 1, 2, 3, 4, 5].map((j) => sampleAtVisibleColumn(j, 50, 36))).toEqual([0, 1, null, 36, null, 49]);
    expect(visibleColumnOfSample(36, 50)).toBe(3);
    for (let s = 0; s < 50; s++) {
      const j = visibleColumnOfSample(s, 50);
      expect(j, `sample ${s}`).toBeGreaterThanOrEqual(0);
      expect(sampleAtVisibleColumn(j, 50, s)).toBe(s);
    }
  });

  it('the rendered numbers of Z[1] drawn around sample 36 have 6 columns in each per-sample matrix, as the default', () => {
    const eq = byId('forward-Z-1');
    const html = katex.renderToString(eq.numericFor(36), { displayMode: false, output: 'html', throwOnError: false });
    expect(tableColumns(html)).toEqual([5, 6, 1, 6]);
  });
});
