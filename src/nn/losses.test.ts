import { describe, expect, it } from 'vitest';
import { activations } from './activations';
import { hasSimplifiedOutputError, losses, softplus } from './losses';
import { Matrix } from './matrix';
import type { LossName } from './types';

/** A = g(Z) for the output activation a loss requires (linear for mse). */
function outputOf(loss: LossName, Z: Matrix): Matrix {
  const A = new Matrix(Z.rows, Z.cols);
  activations[losses[loss].requiredOutput ?? 'linear'].forward(Z, A);
  return A;
}

function total(loss: LossName, Z: Matrix, Y: Matrix): number {
  return losses[loss].total(Z, outputOf(loss, Z), Y);
}

describe('losses', () => {
  it('give hand-computed values', () => {
    // mse: ½[(1.5 − 1)² + (−2.5 − 0)²] = ½(0.25 + 6.25) = 3.25
    expect(total('mse', Matrix.fromRows([[1.5, -2.5]]), Matrix.fromRows([[1, 0]]))).toBe(3.25);
    // bce at z = 0: a = ½, ℓ = −ln ½ = ln 2 for either label; two samples → 2 ln 2
    expect(total('bce', Matrix.fromRows([[0, 0]]), Matrix.fromRows([[1, 0]]))).toBeCloseTo(2 * Math.LN2, 15);
    // cce with z = (0, ln 3): a = (¼, ¾); y = (0, 1) → ℓ = −ln ¾
    expect(total('cce', Matrix.fromRows([[0], [Math.log(3)]]), Matrix.fromRows([[0], [1]]))).toBeCloseTo(-Math.log(0.75), 15);
  });

  it('bce and cce from Z equal the textbook formulas on A', () => {
    const Z = Matrix.fromRows([[-2, 0.3, 1.7]]);
    const Y = Matrix.fromRows([[0, 1, 0.25]]);
    const A = outputOf('bce', Z);
    let direct = 0;
    for (let j = 0; j < 3; j++) direct -= Y.data[j] * Math.log(A.data[j]) + (1 - Y.data[j]) * Math.log(1 - A.data[j]);
    expect(losses.bce.total(Z, A, Y)).toBeCloseTo(direct, 13);

    const Zc = Matrix.fromRows([[0.5, -1], [2, 0], [-0.7, 3]]);
    const Yc = Matrix.fromRows([[1, 0], [0, 0], [0, 1]]);
    const Ac = outputOf('cce', Zc);
    expect(losses.cce.total(Zc, Ac, Yc)).toBeCloseTo(-Math.log(Ac.get(0, 0)) - Math.log(Ac.get(2, 1)), 13);
  });

  it.each(['mse', 'bce', 'cce'] as const)('%s: ∂ℓ/∂A agrees with central differences in A', (loss) => {
    // Differences are taken in A through the textbook formula (A is the variable of ∂ℓ/∂A).
    const onA: Record<LossName, (a: number[], y: number[]) => number> = {
      mse: (a, y) => a.reduce((s, ai, i) => s + (ai - y[i]) ** 2, 0) / 2,
      bce: (a, y) => -a.reduce((s, ai, i) => s + y[i] * Math.log(ai) + (1 - y[i]) * Math.log(1 - ai), 0),
      cce: (a, y) => -a.reduce((s, ai, i) => s + y[i] * Math.log(ai), 0),
    };
    const Z = Matrix.fromRows([[0.4], [-1.3], [0.9]]);
    const Y = loss === 'cce' ? Matrix.fromRows([[0], [1], [0]]) : Matrix.fromRows([[1], [0], [0.3]]);
    const A = outputOf(loss, Z);
    const dA = new Matrix(3, 1);
    losses[loss].gradient(Z, A, Y, dA);
    const a = Array.from(A.data), y = Array.from(Y.data), h = 1e-7;
    a.forEach((_, i) => {
      const plus = [...a], minus = [...a];
      plus[i] += h;
      minus[i] -= h;
      const numeric = (onA[loss](plus, y) - onA[loss](minus, y)) / (2 * h);
      expect(Math.abs(dA.data[i] - numeric)).toBeLessThan(1e-6 * Math.max(1, Math.abs(numeric)));
    });
  });

  it('stay finite at |Z| = 1000 and never take ln 0', () => {
    // bce: z = 1000 with y = 0 costs softplus(1000) − 0 = 1000; z = −1000 with y = 1 costs softplus(−1000) + 1000 = 1000
    expect(total('bce', Matrix.fromRows([[1000, -1000, 1000, -1000]]), Matrix.fromRows([[0, 1, 1, 0]]))).toBe(2000);
    // cce: z = (1000, −1000), y = (0, 1): ℓ = lse − z₂ = 1000 − (−1000) = 2000
    expect(total('cce', Matrix.fromRows([[1000], [-1000]]), Matrix.fromRows([[0], [1]]))).toBe(2000);
    for (const loss of ['mse', 'bce', 'cce'] as const) {
      const Z = Matrix.fromRows([[1000, -1000], [-1000, 1000]]);
      const Y = Matrix.fromRows([[0, 1], [1, 0]]);
      const dA = new Matrix(2, 2);
      losses[loss].gradient(Z, outputOf(loss, Z), Y, dA);
      expect(Number.isFinite(total(loss, Z, Y))).toBe(true);
      expect(dA.data.every(Number.isFinite)).toBe(true);
    }
    expect(softplus(1000)).toBe(1000);
    expect(softplus(-1000)).toBe(0);
  });

  it('know which pairs simplify to dZ = A − Y', () => {
    expect(hasSimplifiedOutputError('sigmoid', 'bce')).toBe(true);
    expect(hasSimplifiedOutputError('softmax', 'cce')).toBe(true);
    expect(hasSimplifiedOutputError('linear', 'mse')).toBe(false);
    expect(hasSimplifiedOutputError('softmax', 'mse')).toBe(false);
  });
});
