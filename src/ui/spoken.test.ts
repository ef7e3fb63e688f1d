import { describe, expect, it } from 'vitest';
import { Matrix } from '../nn';
import { operand } from '../trace/equation';
import { describeOperand, equationName } from './spoken';

/** rows × cols, entry (i, j) = f(i, j). */
const matrix = (rows: number, cols: number, f: (i: number, j: number) => number) => {
  const data = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) data[i * cols + j] = f(i, j);
  return new Matrix(rows, cols, data);
};

describe('describeOperand', () => {
  it('reads the followed sample\'s column of a batch matrix, six numbers then "…"', () => {
    // Z is 8 × 50 with entry (i, j) = i + j/100: sample 3 (column 2) reads 0.02, 1.02, …, 5.02.
    const Z = matrix(8, 50, (i, j) => i + j / 100);
    expect(describeOperand(operand('Z^{[1]}', Z, 'Z', 1, 'perSample'), 50, 2)).toBe('Z[1], 8 by 50, column of sample 3: 0.02, 1.02, 2.02, 3.02, 4.02, 5.02, …');
  });
  it('reads the first column of a parameter and the value of a 1 × 1', () => {
    const W = matrix(2, 3, (i, j) => (i === 0 ? -0.5 : 0.25) * (j + 1));
    expect(describeOperand(operand('W^{[1]}', W, 'W', 1, 'parameter'), 50, 7)).toBe('W[1], 2 by 3, first column: -0.5, 0.25');
    expect(describeOperand(operand('L', matrix(1, 1, () => 0.75), 'mu', 0, 'scalar'))).toBe('L, 1 by 1: 0.75');
  });
  it('names each equation distinctly by its position', () => {
    expect(equationName({ text: 'Z[2] = W[2] A[1] + b[2]' }, 6)).toBe('equation 7: Z[2] = W[2] A[1] + b[2]');
  });
});
