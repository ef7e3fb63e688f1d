import { describe, expect, it } from 'vitest';
import { Matrix } from '../nn';
import { describeOperand, equationName, plainSymbol } from './spoken';

/** rows × cols, entry (i, j) = f(i, j). */
const matrix = (rows: number, cols: number, f: (i: number, j: number) => number) => {
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) data[i * cols + j] = f(i, j);
  return new Matrix(rows, cols, data);
};

describe('plainSymbol', () => {
  it('reads the notation src/trace writes as plain text', () => {
    expect(plainSymbol('W^{[2]}')).toBe('W[2]');
    expect(plainSymbol('A^{[1]\\top}')).toBe('A[1]ᵀ');
    expect(plainSymbol('Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]}')).toBe('Z[2] = W[2] A[1] + b[2]');
    expect(plainSymbol('A^{[1]} = \\sigma\\!\\left(Z^{[1]}\\right)')).toBe('A[1] = σ(Z[1])');
    expect(plainSymbol('\\hat{M}')).toBe('M\u0302');
  });
});

describe('describeOperand', () => {
  it('reads the followed sample\'s column of a batch matrix, six numbers then "…"', () => {
    // Z is 8 × 50 with entry (i, j) = i + j/100: sample 3 (column 2) reads 0.02, 1.02, …, 5.02.
    const Z = matrix(8, 50, (i, j) => i + j / 100);
    expect(describeOperand({ name: 'Z^{[1]}', matrix: Z, role: 'perSample', layer: 1, quantity: 'Z' }, 50, 2)).toBe('Z[1], 8 by 50, column of sample 3: 0.02, 1.02, 2.02, 3.02, 4.02, 5.02, …');
  });
  it('reads the first column of a parameter and the value of a 1 × 1', () => {
    const W = matrix(2, 3, (i, j) => (i === 0 ? -0.5 : 0.25) * (j + 1));
    expect(describeOperand({ name: 'W^{[1]}', matrix: W, role: 'parameter', layer: 1, quantity: 'W' }, 50, 7)).toBe('W[1], 2 by 3, first column: -0.5, 0.25');
    expect(describeOperand({ name: 'L', matrix: matrix(1, 1, () => 0.75), role: 'scalar', layer: 0, quantity: 'mu' })).toBe('L, 1 by 1: 0.75');
  });
  it('names each equation distinctly by its position', () => {
    expect(equationName({ symbolic: 'Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]}' }, 6)).toBe('equation 7: Z[2] = W[2] A[1] + b[2]');
  });
});
