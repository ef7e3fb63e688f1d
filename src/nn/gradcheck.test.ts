import { describe, expect, it } from 'vitest';
import { activations } from './activations';
import { gradientCheck, relativeError } from './gradcheck';
import { Matrix } from './matrix';
import { createNetwork } from './network';
import { createRng } from './rng';
import type { ActivationName, LossName, Network } from './types';

const hiddens: ActivationName[] = ['sigmoid', 'tanh', 'relu', 'leakyRelu', 'linear'];
const pairings: [ActivationName, LossName][] = [
  ['sigmoid', 'bce'], ['softmax', 'cce'], ['linear', 'mse'], ['sigmoid', 'mse'], ['tanh', 'mse'],
  ['relu', 'mse'], ['leakyRelu', 'mse'], ['softmax', 'mse'],
];
const EPSILON = 1e-5;

/** A batch X (3 × m) in [−2, 2] and targets Y of the kind the loss expects. */
function batch(m: number, loss: LossName, outputs: number, seed: number): { X: Matrix; Y: Matrix } {
  const random = createRng(seed);
  const X = new Matrix(3, m), Y = new Matrix(outputs, m);
  for (let i = 0; i < X.data.length; i++) X.data[i] = 4 * random() - 2;
  for (let j = 0; j < m; j++) {
    if (loss === 'cce') Y.set(Math.floor(random() * outputs), j, 1);
    else for (let k = 0; k < outputs; k++) Y.set(k, j, loss === 'bce' ? (random() < 0.5 ? 0 : 1) : 2 * random() - 1);
  }
  return { X, Y };
}

/** Smallest |Z| of the kinked (relu/leakyRelu) layers on X: a check is only meaningful if it is ≫ ε. */
function smallestKinkDistance(net: Network, X: Matrix): number {
  let A = X, smallest = Infinity;
  for (const layer of net.layers) {
    const Z = new Matrix(layer.W.rows, A.cols);
    for (let i = 0; i < Z.rows; i++) {
      for (let j = 0; j < Z.cols; j++) {
        let s = layer.b.data[i];
        for (let k = 0; k < A.rows; k++) s += layer.W.get(i, k) * A.get(k, j);
        Z.set(i, j, s);
      }
    }
    if (layer.activation === 'relu' || layer.activation === 'leakyRelu') smallest = Math.min(smallest, ...Array.from(Z.data, Math.abs));
    const next = new Matrix(Z.rows, Z.cols);
    activations[layer.activation].forward(Z, next);
    A = next;
  }
  return smallest;
}

describe('gradientCheck: backprop against central differences (ε = 1e-5)', () => {
  // Relative error < 1e-6 everywhere. With float64 and ε = 1e-5 the truncation error is ~ε² and
  // round-off ~1e-16/ε, so errors of 1e-9–1e-11 are typical. For relu/leakyRelu the difference is
  // only valid if no Z lies within ε of the kink, so each case uses the first data seed (from
  // 100 + m upward) whose batch keeps every kinked Z at least 100ε from 0, and asserts it.
  // Biases get small random values so that the bias path is exercised and no sample whose relu
  // units are all off lands exactly on Z = b = 0.
  for (const hidden of hiddens) {
    for (const [output, loss] of pairings) {
      it.each([1, 7, 50])(`${hidden} hidden, ${output} + ${loss}, m = %i`, (m) => {
        const outputs = output === 'softmax' ? 3 : 2;
        const net = createNetwork({ sizes: [3, 5, 4, outputs], hidden, output, loss, seed: 17 + m });
        const random = createRng(m);
        for (const layer of net.layers) layer.b.data.forEach((_, i) => (layer.b.data[i] = 0.4 * random() - 0.2));
        let seed = 100 + m;
        while (smallestKinkDistance(net, batch(m, loss, outputs, seed).X) <= 100 * EPSILON && seed < 150 + m) seed++;
        const { X, Y } = batch(m, loss, outputs, seed);
        expect(smallestKinkDistance(net, X)).toBeGreaterThan(100 * EPSILON);
        const result = gradientCheck(net, X, Y, { epsilon: EPSILON, l2: 0.05 });
        expect(result.layers).toHaveLength(3);
        expect(result.max).toBeLessThan(1e-6);
      });
    }
  }

  it('leaves the network untouched and reports a wrong gradient', () => {
    const net = createNetwork({ sizes: [3, 4, 2], hidden: 'tanh', output: 'linear', loss: 'mse', seed: 2 });
    const before = net.layers.map((l) => l.W.clone());
    const { X, Y } = batch(7, 'mse', 2, 1);
    gradientCheck(net, X, Y);
    net.layers.forEach((l, i) => expect(l.W.data).toEqual(before[i].data));
    expect(net.updates).toBe(0);
    // relativeError: ‖a − n‖/(‖a‖ + ‖n‖): (1,0) vs (0,1) → √2/2; both zero → 0
    expect(relativeError(Float64Array.of(1, 0), Float64Array.of(0, 1))).toBeCloseTo(Math.SQRT2 / 2, 15);
    expect(relativeError(Float64Array.of(0, 0), Float64Array.of(0, 0))).toBe(0);
  });
});
