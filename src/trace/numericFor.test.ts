import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { buildTrace } from './buildTrace';
import { formatNumber } from './format';
import { visibleIndices } from './matrixTex';
import { fakeRecord, patterned } from './testing/fakeRecord';
import type { Equation, TraceContext } from './types';

/** The bmatrices of a numeric source, in order, as rows of cells (the statistics table is an `array`, not one). */
function bmatrices(tex: string): string[][][] {
  return Array.from(tex.matchAll(/\\begin\{bmatrix\}(.*?)\\end\{bmatrix\}/g), (match) =>
    match[1].split(' \\\\ ').map((row) => row.split(' & ')),
  );
}

const m = 50;
const names = ['a', 'b', 'c', 'd', 'e'];
const context: TraceContext = {
  featureNames: names,
  rawBatch: patterned(5, m, 99),
  normalization: { kind: 'zscore', stats: names.map((name, i) => ({ name, mean: i, std: 1 + i, min: 0, max: 1 })) },
};
// mse + linear output: dA[L] and g′(Z) appear; momentum and L2 add states and a parameter term.
const traces: Equation[][] = [
  buildTrace(fakeRecord({ sizes: [5, 8, 3], m, output: 'linear', loss: 'mse', optimizer: 'momentum', l2: 0.01 }), context),
  buildTrace(fakeRecord({ sizes: [5, 16, 8, 1], m, optimizer: 'adam' }), context),
];

describe('Equation.numericFor: the followed sample is always visible', () => {
  it('shows column (or, for Aᵀ, row) s of every per-sample operand, its own numbers, for every sample s', () => {
    let checked = 0;
    for (const trace of traces) {
      for (const eq of trace) {
        const base = bmatrices(eq.numeric);
        const drawnOperands = eq.drawn.filter((d) => d.operand !== null);
        expect(base, eq.id).toHaveLength(drawnOperands.length);
        for (let s = 0; s < m; s++) {
          const focused = bmatrices(eq.numericFor(s));
          expect(focused, `${eq.id}, sample ${s}`).toHaveLength(base.length);
          drawnOperands.forEach(({ operand, transposed }, k) => {
            const o = eq.operands[operand ?? -1];
            const M = o.matrix;
            const sampled = o.role === 'perSample' && M.cols === m;
            // Same shape of grid as the default rendering: nothing moves as the followed sample changes.
            expect(focused[k].length).toBe(base[k].length);
            expect(focused[k][0].length).toBe(base[k][0].length);
            if (!sampled) {
              expect(focused[k], `${eq.id} ${o.text} is not per sample`).toEqual(base[k]);
              return;
            }
            const plan = visibleIndices(m, false, s);
            const at = plan.indexOf(s);
            expect(at).toBeGreaterThanOrEqual(0);
            // The other axis is M's rows either way (Mᵀ's columns when transposed).
            visibleIndices(M.rows).forEach((i, r) => {
              if (i === null) return;
              const cell = transposed ? focused[k][at][r] : focused[k][r][at];
              expect(cell, `${eq.id} ${o.text}, sample ${s}`).toBe(formatNumber(M.get(i, s)));
              checked++;
            });
          });
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it('is `numeric` itself for the samples the default cut shows, and renders in KaTeX for the others', () => {
    const eq = traces[0].find((e) => e.id === 'forward-Z-1');
    if (!eq) throw new Error('no forward-Z-1');
    for (const s of [0, 1, 2, 48, 49]) expect(eq.numericFor(s)).toBe(eq.numeric);
    expect(eq.numericFor(36)).not.toBe(eq.numeric);
    expect(eq.numericFor(36)).toBe(eq.numericFor(36));
    for (const trace of traces) {
      for (const e of trace) expect(() => katex.renderToString(e.numericFor(36), { throwOnError: true, strict: 'ignore' }), e.id).not.toThrow();
    }
  });

  it('keeps a batch of 6 or fewer whole', () => {
    const small = buildTrace(fakeRecord({ sizes: [2, 3, 1], m: 6 }), { featureNames: ['a', 'b'] });
    for (const eq of small) for (let s = 0; s < 6; s++) expect(eq.numericFor(s)).toBe(eq.numeric);
  });
});
