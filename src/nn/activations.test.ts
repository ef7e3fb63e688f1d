import { describe, expect, it } from 'vitest';
import { LEAKY_SLOPE, activations, sigmoid } from './activations';
import { Matrix } from './matrix';
import type { ActivationName } from './types';

const elementwise: ActivationName[] = ['sigmoid', 'tanh', 'relu', 'leakyRelu', 'linear'];
// Points away from relu's kink at 0, so central differences are valid there.
const points = [-3, -1.2, -0.3, 0.4, 1, 2.5];

function row(values: number[]): Matrix {
  return Matrix.fromRows([values]);
}

describe('activations', () => {
  it('give the textbook values', () => {
    // σ(0) = 1/2, σ(ln 3) = 1/(1 + 1/3) = 3/4, tanh(0) = 0
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(Math.log(3))).toBeCloseTo(0.75, 15);
    expect(activations.tanh.value(0)).toBe(0);
    expect(activations.relu.value(-2)).toBe(0);
    expect(activations.relu.value(2)).toBe(2);
    expect(activations.leakyRelu.value(-2)).toBe(-0.02);
    expect(activations.linear.value(-7)).toBe(-7);
  });

  it.each(elementwise)('%s: forward matches value, backward = dA ⊙ g′(Z)', (name) => {
    const g = activations[name];
    const Z = row(points), A = new Matrix(1, points.length), dA = row(points.map((_, i) => i - 2)), dZ = new Matrix(1, points.length);
    g.forward(Z, A);
    g.backward(Z, A, dA, dZ);
    points.forEach((z, i) => {
      expect(A.data[i]).toBe(g.value(z));
      expect(dZ.data[i]).toBeCloseTo(dA.data[i] * g.derivative(z, A.data[i]), 14);
    });
  });

  it.each(elementwise)('%s: g′ agrees with central differences (h = 1e-6, tolerance 1e-8)', (name) => {
    const g = activations[name];
    const h = 1e-6;
    for (const z of points) {
      const numeric = (g.value(z + h) - g.value(z - h)) / (2 * h);
      expect(Math.abs(g.derivative(z, g.value(z)) - numeric)).toBeLessThan(1e-8);
    }
  });

  it('relu and leakyRelu take the left slope at the kink z = 0', () => {
    expect(activations.relu.derivative(0, 0)).toBe(0);
    expect(activations.leakyRelu.derivative(0, 0)).toBe(LEAKY_SLOPE);
  });

  it('softmax: columns sum to 1, hand values, and invariance to a shift', () => {
    // column (0, ln 3): e^0 = 1, e^ln3 = 3, so a = (1/4, 3/4)
    const Z = Matrix.fromRows([[0, 5], [Math.log(3), 5]]);
    const A = new Matrix(2, 2);
    activations.softmax.forward(Z, A);
    expect(A.get(0, 0)).toBeCloseTo(0.25, 15);
    expect(A.get(1, 0)).toBeCloseTo(0.75, 15);
    expect(A.get(0, 1)).toBe(0.5);
  });

  it('softmax backward is Jᵀ·dA, checked by central differences of dA·softmax(z)', () => {
    const z = [0.3, -1.1, 2.0, 0.7];
    const dA = [0.5, -1.5, 2.0, 0.25];
    const softmaxOf = (v: number[]): number[] => {
      const Z = Matrix.fromRows(v.map((x) => [x]));
      const A = new Matrix(v.length, 1);
      activations.softmax.forward(Z, A);
      return Array.from(A.data);
    };
    const f = (v: number[]): number => softmaxOf(v).reduce((s, a, k) => s + a * dA[k], 0);
    const Z = Matrix.fromRows(z.map((x) => [x]));
    const A = Matrix.fromRows(softmaxOf(z).map((x) => [x]));
    const dZ = new Matrix(4, 1);
    activations.softmax.backward(Z, A, Matrix.fromRows(dA.map((x) => [x])), dZ);
    const h = 1e-6;
    z.forEach((_, i) => {
      const plus = [...z], minus = [...z];
      plus[i] += h;
      minus[i] -= h;
      expect(Math.abs(dZ.data[i] - (f(plus) - f(minus)) / (2 * h))).toBeLessThan(1e-8);
    });
  });

  it('stay finite for |z| up to 1000', () => {
    const extremes = [-1000, -745, -40, 40, 745, 1000];
    for (const name of [...elementwise, 'softmax'] as const) {
      const g = activations[name];
      const Z = Matrix.fromRows([extremes, extremes.map((z) => -z)]);
      const A = new Matrix(2, extremes.length), dZ = new Matrix(2, extremes.length);
      g.forward(Z, A);
      g.backward(Z, A, Matrix.fromRows([extremes.map(() => 1), extremes.map(() => -1)]), dZ);
      expect(A.data.every(Number.isFinite) && dZ.data.every(Number.isFinite)).toBe(true);
    }
    expect(sigmoid(1000)).toBe(1);
    expect(sigmoid(-1000)).toBe(0);
    const A = new Matrix(2, 1);
    activations.softmax.forward(Matrix.fromRows([[1000], [-1000]]), A);
    expect(Array.from(A.data)).toEqual([1, 0]);
  });
});
