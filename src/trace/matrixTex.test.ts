import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { Matrix } from '../nn';
import { matrixCsv, matrixLatex, matrixTex, shapeOf, shapeTex, visibleIndices } from './matrixTex';

/** Rows of a bmatrix source as arrays of cells. */
function cells(tex: string): string[][] {
  const body = tex.replace('\\begin{bmatrix}', '').replace('\\end{bmatrix}', '');
  return body.split(' \\\\ ').map((row) => row.split(' & '));
}

const seq = (r: number, c: number) => new Matrix(r, c, Float64Array.from({ length: r * c }, (_, k) => k));

describe('visibleIndices', () => {
  it('keeps up to 6 whole and cuts longer to 3 + ellipsis + 2', () => {
    expect(visibleIndices(1)).toEqual([0]);
    expect(visibleIndices(6)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(visibleIndices(7)).toEqual([0, 1, 2, null, 5, 6]);
    expect(visibleIndices(50)).toEqual([0, 1, 2, null, 48, 49]);
    expect(visibleIndices(50, true)).toHaveLength(50);
  });
});

describe('visibleIndices with a focus (the followed sample)', () => {
  it('shows the focus for every m ≤ 60 and every focus, in increasing order, ⋯ exactly where indices are skipped', () => {
    for (let n = 1; n <= 60; n++) {
      const width = visibleIndices(n).length;
      for (let focus = 0; focus < n; focus++) {
        const plan = visibleIndices(n, false, focus);
        const shown = plan.filter((i): i is number => i !== null);
        expect(shown, `n ${n}, focus ${focus}`).toContain(focus);
        expect(shown[0]).toBe(0);
        expect(shown[shown.length - 1]).toBe(n - 1);
        // Same number of cells whatever the focus: the matrix keeps its width as the sample changes.
        expect(plan).toHaveLength(width);
        for (let k = 1; k < plan.length; k++) {
          const a = plan[k - 1];
          const b = plan[k];
          if (a === null || b === null) {
            // An ellipsis between two shown indices hides at least two (never a lone one, never none).
            expect(a === null && b === null, `n ${n}, focus ${focus}: two ellipses in a row`).toBe(false);
            continue;
          }
          expect(b, `n ${n}, focus ${focus}: consecutive shown`).toBe(a + 1);
        }
        plan.forEach((i, k) => {
          if (i !== null) return;
          const before = plan[k - 1];
          const after = plan[k + 1];
          if (typeof before !== 'number' || typeof after !== 'number') throw new Error(`n ${n}: ellipsis at an end`);
          expect(after - before, `n ${n}, focus ${focus}`).toBeGreaterThanOrEqual(3);
        });
      }
    }
  });

  it('50 columns: the default cut for a focus it shows; else 1 2 ⋯ focus ⋯ 50', () => {
    expect(visibleIndices(50, false, 0)).toEqual([0, 1, 2, null, 48, 49]);
    expect(visibleIndices(50, false, 48)).toEqual([0, 1, 2, null, 48, 49]);
    expect(visibleIndices(50, false, 36)).toEqual([0, 1, null, 36, null, 49]);
    expect(visibleIndices(50, false, 3)).toEqual([0, 1, 2, 3, null, 49]);
    expect(visibleIndices(50, false, 47)).toEqual([0, 1, null, 47, 48, 49]);
    expect(visibleIndices(7, false, 3)).toEqual([0, 1, 2, 3, null, 6]);
    expect(visibleIndices(7, false, 4)).toEqual([0, 1, null, 4, 5, 6]);
  });

  it('ignores a focus outside 0..n−1 and shows everything when full', () => {
    expect(visibleIndices(50, false, 50)).toEqual(visibleIndices(50));
    expect(visibleIndices(50, false, -1)).toEqual(visibleIndices(50));
    expect(visibleIndices(50, true, 36)).toHaveLength(50);
  });
});

describe('matrixTex', () => {
  it('keeps the focus column (and row) visible, with its own numbers', () => {
    const M = seq(8, 50);
    const rows = cells(matrixTex(M, { focusColumn: 36 }));
    expect(rows[0]).toEqual(['0', '1', '\\cdots', '36', '\\cdots', '49']);
    expect(rows[5]).toEqual(['350', '351', '\\cdots', '386', '\\cdots', '399']);
    // Mᵀ (50×8): the focus is a row.
    const t = cells(matrixTex(M, { transpose: true, focusRow: 36 }));
    expect(t.map((r) => r[0])).toEqual(['0', '1', '\\vdots', '36', '\\vdots', '49']);
    expect(t[3]).toEqual(['36', '86', '136', '\\cdots', '336', '386']);
  });

  it('shows a 16×50 matrix as a 6×6 grid with \\cdots, \\vdots and \\ddots', () => {
    const M = seq(16, 50);
    const rows = cells(matrixTex(M));
    expect(rows).toHaveLength(6);
    for (const row of rows) expect(row).toHaveLength(6);
    expect(rows[0]).toEqual(['0', '1', '2', '\\cdots', '48', '49']);
    expect(rows[3]).toEqual(['\\vdots', '\\vdots', '\\vdots', '\\ddots', '\\vdots', '\\vdots']);
    expect(rows[5][5]).toBe(String(15 * 50 + 49));
    const numbers = rows.flat().filter((c) => /^\d+$/.test(c));
    expect(numbers).toHaveLength(25);
  });

  it('does not cut a 1×1, a 3×3 or a 6×6 matrix', () => {
    expect(cells(matrixTex(seq(6, 6))).flat()).toHaveLength(36);
    expect(matrixTex(Matrix.fromRows([[0.25]]))).toBe('\\begin{bmatrix}0.25\\end{bmatrix}');
    const rows = cells(matrixTex(seq(3, 3)));
    expect(rows).toEqual([['0', '1', '2'], ['3', '4', '5'], ['6', '7', '8']]);
  });

  it('cuts only the long side of a 1×50 row and a 50×1 column', () => {
    expect(cells(matrixTex(seq(1, 50)))).toEqual([['0', '1', '2', '\\cdots', '48', '49']]);
    expect(cells(matrixTex(seq(50, 1))).map((r) => r[0])).toEqual(['0', '1', '2', '\\vdots', '48', '49']);
  });

  it('shows every entry when full, and reads Mᵀ without copying', () => {
    const M = seq(16, 50);
    const rows = cells(matrixTex(M, { full: true }));
    expect(rows).toHaveLength(16);
    expect(rows[15]).toHaveLength(50);
    expect(cells(matrixTex(seq(2, 3), { transpose: true }))).toEqual([['0', '3'], ['1', '4'], ['2', '5']]);
  });

  it('renders in KaTeX, truncated and full', () => {
    const M = seq(16, 50);
    for (const src of [matrixTex(M), matrixTex(M, { full: true }), matrixTex(new Matrix(0, 3))]) {
      expect(() => katex.renderToString(src, { throwOnError: true, strict: 'ignore' })).not.toThrow();
    }
  });
});

describe('shapes', () => {
  it('writes (r\\times c), transposed on request', () => {
    expect(shapeTex(16, 5)).toBe('(16\\times 5)');
    expect(shapeOf(seq(16, 5))).toBe('(16\\times 5)');
    expect(shapeOf(seq(16, 5), true)).toBe('(5\\times 16)');
  });
});

describe('copy texts', () => {
  it('CSV keeps full precision, one line per row', () => {
    const M = Matrix.fromRows([[0.1 + 0.2, -1e-12], [3, Number.NaN]]);
    expect(matrixCsv(M)).toBe('0.30000000000000004,-1e-12\n3,NaN');
  });

  it('LaTeX has every entry', () => {
    expect(matrixLatex(seq(2, 9))).toBe(
      '\\begin{bmatrix}0 & 1 & 2 & 3 & 4 & 5 & 6 & 7 & 8 \\\\ 9 & 10 & 11 & 12 & 13 & 14 & 15 & 16 & 17\\end{bmatrix}',
    );
  });
});
