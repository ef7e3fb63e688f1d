import { describe, expect, it } from 'vitest';
import {
  Matrix, add, argmaxColumn, addColumnVector, affineInto, copyInto, hadamard, matMul, matMulInto, matMulTransposeAInto,
  matMulTransposeBInto, scale, subtract, sumColumns, sumColumnsInto, sumOfSquares, transpose,
} from './matrix';

/** A deterministic r × c matrix with non-trivial values (no rng needed). */
function filled(r: number, c: number, offset = 0): Matrix {
  const m = new Matrix(r, c);
  for (let i = 0; i < m.data.length; i++) m.data[i] = Math.sin(1.3 * i + offset) * 2;
  return m;
}

/** The textbook triple loop, as the oracle for the optimised products. */
function naiveProduct(a: Matrix, b: Matrix): Matrix {
  const out = new Matrix(a.rows, b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < b.cols; j++) {
      let s = 0;
      for (let k = 0; k < a.cols; k++) s += a.get(i, k) * b.get(k, j);
      out.set(i, j, s);
    }
  }
  return out;
}

function expectClose(actual: Matrix, expected: Matrix, tolerance = 1e-12): void {
  expect([actual.rows, actual.cols]).toEqual([expected.rows, expected.cols]);
  for (let i = 0; i < actual.data.length; i++) expect(Math.abs(actual.data[i] - expected.data[i])).toBeLessThan(tolerance);
}

describe('Matrix', () => {
  it('stores rows flat and row-major', () => {
    const m = Matrix.fromRows([[1, 2, 3], [4, 5, 6]]);
    expect([m.rows, m.cols]).toEqual([2, 3]);
    expect(Array.from(m.data)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(m.get(1, 0)).toBe(4);
    m.set(0, 2, 9);
    expect(m.toRows()).toEqual([[1, 2, 9], [4, 5, 6]]);
  });

  it('refuses data of the wrong length or a bad shape, naming the shape', () => {
    expect(() => new Matrix(2, 2, new Float64Array(3))).toThrow(/\(2×2\) needs 4 values, got 3/);
    expect(() => Matrix.fromRows([[1, 2], [3]])).toThrow(RangeError);
    expect(() => new Matrix(-1, 2)).toThrow(RangeError);
    expect(() => new Matrix(1.5, 2)).toThrow(RangeError);
  });

  it('clones deeply', () => {
    const a = Matrix.fromRows([[1, 2]]);
    const b = a.clone();
    b.set(0, 0, 7);
    expect(a.get(0, 0)).toBe(1);
  });
});

describe('products', () => {
  it('matMul of a 2×3 and a 3×2 matrix, by hand', () => {
    // [1 2 3; 4 5 6]·[7 8; 9 10; 11 12] = [1·7+2·9+3·11, 1·8+2·10+3·12; 4·7+5·9+6·11, 4·8+5·10+6·12] = [58 64; 139 154]
    const c = matMul(Matrix.fromRows([[1, 2, 3], [4, 5, 6]]), Matrix.fromRows([[7, 8], [9, 10], [11, 12]]));
    expect(c.toRows()).toEqual([[58, 64], [139, 154]]);
  });

  it.each([[1, 1, 1], [1, 5, 1], [3, 4, 7], [16, 5, 50], [7, 13, 3], [5, 9, 2], [9, 6, 11]])('matMul (%i×%i)·(%i×·) agrees with the triple loop', (n, k, m) => {
    const a = filled(n, k), b = filled(k, m, 0.4);
    expectClose(matMul(a, b), naiveProduct(a, b));
    const out = filled(n, m); // stale contents must be overwritten
    matMulInto(a, b, out);
    expectClose(out, naiveProduct(a, b));
  });

  it.each([[1, 1, 1], [1, 3, 2], [2, 1, 5], [3, 5, 7], [4, 9, 6], [5, 4, 3], [16, 50, 16], [7, 13, 3], [9, 3, 11]])('A (%i×%i)·Bᵀ and Aᵀ·C with B (%i×·) agree with the triple loop', (n, m, k) => {
    const a = filled(n, m), b = filled(k, m, 1), c = filled(n, k, 2);
    const abt = filled(n, k, 3);
    matMulTransposeBInto(a, b, abt);
    expectClose(abt, naiveProduct(a, transpose(b)));
    const atc = filled(m, k, 4);
    matMulTransposeAInto(a, c, atc);
    expectClose(atc, naiveProduct(transpose(a), c));
  });

  it('A·Bᵀ and Aᵀ·B without forming the transposes', () => {
    const a = filled(4, 9), b = filled(6, 9, 1), c = filled(4, 5, 2);
    const abt = filled(4, 6);
    matMulTransposeBInto(a, b, abt, 0.5);
    expectClose(abt, scale(naiveProduct(a, transpose(b)), 0.5));
    const atc = filled(9, 5);
    matMulTransposeAInto(a, c, atc);
    expectClose(atc, naiveProduct(transpose(a), c));
  });

  it('A·Bᵀ adds each entry\'s terms in the documented order, to the last bit', () => {
    // The order fixes every bit of dW (and so of the trained weights): rows in pairs × columns in
    // fours are a running sum in j order, the others a dot product with four partial sums.
    const reference = (a: Matrix, b: Matrix, s: number): Matrix => {
      const n = a.rows, k = b.rows, m = a.cols, out = new Matrix(n, k);
      for (let i = 0; i < n; i++) {
        for (let p = 0; p < k; p++) {
          let sum: number;
          if (i < n - (n % 2) && p < k - (k % 4)) {
            sum = 0;
            for (let j = 0; j < m; j++) sum += a.get(i, j) * b.get(p, j);
          } else {
            const part = [0, 0, 0, 0];
            let j = 0;
            for (; j + 3 < m; j += 4) for (let q = 0; q < 4; q++) part[q] += a.get(i, j + q) * b.get(p, j + q);
            for (; j < m; j++) part[0] += a.get(i, j) * b.get(p, j);
            sum = part[0] + part[1] + part[2] + part[3];
          }
          out.set(i, p, s * sum);
        }
      }
      return out;
    };
    for (const [n, k, m] of [[64, 64, 50], [1, 64, 50], [64, 5, 50], [7, 9, 13], [2, 4, 3], [5, 8, 1], [3, 3, 7]]) {
      const a = filled(n, m), b = filled(k, m, 0.4), out = filled(n, k, 3);
      matMulTransposeBInto(a, b, out, 0.02);
      expect(Array.from(out.data)).toEqual(Array.from(reference(a, b, 0.02).data));
    }
  });

  it('affine Z = W·A + b·1ᵀ adds b to every column', () => {
    const W = filled(3, 5), A = filled(5, 4, 1), b = Matrix.fromRows([[1], [-2], [0.5]]);
    const Z = filled(3, 4, 3);
    affineInto(W, A, b, Z);
    expectClose(Z, addColumnVector(naiveProduct(W, A), b));
  });

  it('throws RangeErrors naming both shapes', () => {
    expect(() => matMul(new Matrix(3, 5), new Matrix(4, 50))).toThrow('matMul: (3×5)·(4×50) inner sizes differ');
    expect(() => matMul(new Matrix(3, 5), new Matrix(4, 50))).toThrow(RangeError);
    expect(() => matMulInto(new Matrix(2, 3), new Matrix(3, 4), new Matrix(2, 5))).toThrow('matMul: out is (2×5), expected (2×4)');
    expect(() => matMulTransposeBInto(new Matrix(2, 3), new Matrix(4, 5), new Matrix(2, 4))).toThrow('matMul: (2×3)·(4×5)ᵀ inner sizes differ');
    expect(() => matMulTransposeAInto(new Matrix(2, 3), new Matrix(4, 5), new Matrix(3, 5))).toThrow('matMul: (2×3)ᵀ·(4×5) inner sizes differ');
    expect(() => affineInto(new Matrix(2, 3), new Matrix(3, 4), new Matrix(3, 1), new Matrix(2, 4))).toThrow(/b \(3×1\): b must be \(2×1\)/);
    expect(() => hadamard(new Matrix(2, 3), new Matrix(3, 2))).toThrow('hadamard: (2×3) and (3×2) shapes differ');
    expect(() => add(new Matrix(1, 2), new Matrix(2, 1))).toThrow('add: (1×2) and (2×1) shapes differ');
    expect(() => subtract(new Matrix(1, 2), new Matrix(1, 3))).toThrow('subtract: (1×2) and (1×3) shapes differ');
    expect(() => addColumnVector(new Matrix(3, 4), new Matrix(2, 1))).toThrow(/\(3×4\) and \(2×1\)/);
    expect(() => copyInto(new Matrix(3, 4), new Matrix(4, 3))).toThrow('copy: (3×4) and (4×3) shapes differ');
  });
});

describe('element-wise operations', () => {
  const a = Matrix.fromRows([[1, -2], [3, 0.5]]);
  const b = Matrix.fromRows([[4, 5], [-1, 2]]);

  it('transpose, hadamard, add, subtract, scale', () => {
    expect(transpose(Matrix.fromRows([[1, 2, 3], [4, 5, 6]])).toRows()).toEqual([[1, 4], [2, 5], [3, 6]]);
    expect(hadamard(a, b).toRows()).toEqual([[4, -10], [-3, 1]]);
    expect(add(a, b).toRows()).toEqual([[5, 3], [2, 2.5]]);
    expect(subtract(a, b).toRows()).toEqual([[-3, -7], [4, -1.5]]);
    expect(scale(a, 2).toRows()).toEqual([[2, -4], [6, 1]]);
  });

  it('broadcasts a column vector and sums columns', () => {
    expect(addColumnVector(a, Matrix.fromRows([[10], [20]])).toRows()).toEqual([[11, 8], [23, 20.5]]);
    expect(sumColumns(a).toRows()).toEqual([[-1], [3.5]]);
    const out = new Matrix(2, 1);
    sumColumnsInto(a, out, 0.5);
    expect(out.toRows()).toEqual([[-0.5], [1.75]]);
    expect(sumOfSquares(a)).toBe(1 + 4 + 9 + 0.25);
  });

  it('handles 1×1 and empty edge shapes', () => {
    expect(matMul(Matrix.fromRows([[3]]), Matrix.fromRows([[-2]])).toRows()).toEqual([[-6]]);
    expect(transpose(new Matrix(0, 3)).rows).toBe(3);
    expect(Matrix.fromRows([]).rows).toBe(0);
  });
});

describe('argmaxColumn', () => {
  it('gives the row of the largest value in a column, the first one on ties', () => {
    const M = Matrix.fromRows([[0.1, 5, 2], [0.7, 5, -1], [0.2, 1, -3]]);
    expect([0, 1, 2].map((j) => argmaxColumn(M, j))).toEqual([1, 0, 0]);
    expect(argmaxColumn(Matrix.fromRows([[3]]), 0)).toBe(0);
  });
});
