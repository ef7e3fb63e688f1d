import { describe, expect, it } from 'vitest';
import { Matrix } from './matrix';
import { optimizers, powInt } from './optimizers';
import type { Layer, OptimizerName } from './types';

// One layer W = [1 −2], b = [0.5], learning rate η = 0.1, and the gradient dW = [0.5 −1], db = [0.2].
const eta = 0.1;
function setup(name: OptimizerName) {
  const layer: Layer = { W: Matrix.fromRows([[1, -2]]), b: Matrix.fromRows([[0.5]]), activation: 'linear' };
  const state = optimizers[name].initLayerState(layer.W, layer.b);
  return { layer, state };
}
const dW = Matrix.fromRows([[0.5, -1]]);
const db = Matrix.fromRows([[0.2]]);

function expectValues(m: Matrix, expected: number[], tolerance = 1e-15): void {
  expected.forEach((v, i) => expect(Math.abs(m.data[i] - v)).toBeLessThan(tolerance));
}

describe('optimisers, against steps computed by hand', () => {
  it('sgd: W ← W − η·dW', () => {
    const { layer, state } = setup('sgd');
    optimizers.sgd.updateLayer(layer, dW, db, state, eta, 1);
    // W = [1 − 0.05, −2 + 0.1] = [0.95, −1.9];  b = 0.5 − 0.02 = 0.48
    expectValues(layer.W, [0.95, -1.9]);
    expectValues(layer.b, [0.48]);
    expect(state).toEqual({});
  });

  it('momentum: V ← 0.9·V + dW;  W ← W − η·V, over two steps', () => {
    const { layer, state } = setup('momentum');
    optimizers.momentum.updateLayer(layer, dW, db, state, eta, 1);
    // step 1: V = dW = [0.5, −1], W = [0.95, −1.9]
    expectValues(state.velocityW!, [0.5, -1]);
    expectValues(layer.W, [0.95, -1.9]);
    optimizers.momentum.updateLayer(layer, dW, db, state, eta, 2);
    // step 2: V = 0.9·[0.5, −1] + [0.5, −1] = [0.95, −1.9];  W = [0.95 − 0.095, −1.9 + 0.19] = [0.855, −1.71]
    expectValues(state.velocityW!, [0.95, -1.9]);
    expectValues(layer.W, [0.855, -1.71]);
    // b: V = 0.2 then 0.38; b = 0.5 − 0.02 − 0.038 = 0.442
    expectValues(state.velocityB!, [0.38]);
    expectValues(layer.b, [0.442]);
  });

  it('adam: bias-corrected moments, over two steps', () => {
    const { layer, state } = setup('adam');
    optimizers.adam.updateLayer(layer, dW, db, state, eta, 1);
    // step 1: M = 0.1·dW = [0.05, −0.1], S = 0.001·dW² = [0.00025, 0.001];
    // M̂ = M/0.1 = dW, Ŝ = S/0.001 = dW², so each W moves by η·dW/(|dW| + 1e-8):
    // W = [1 − 0.1·0.5/(0.5 + 1e-8), −2 + 0.1·1/(1 + 1e-8)] ≈ [0.900000002, −1.900000001]
    expectValues(state.momentW!, [0.05, -0.1], 1e-16);
    expectValues(state.secondW!, [0.00025, 0.001], 1e-17);
    expectValues(layer.W, [1 - (0.1 * 0.5) / (0.5 + 1e-8), -2 + 0.1 / (1 + 1e-8)], 1e-15);
    const dW2 = Matrix.fromRows([[-0.5, -1]]);
    optimizers.adam.updateLayer(layer, dW2, db, state, eta, 2);
    // step 2, first weight (g = −0.5): M = 0.9·0.05 + 0.1·(−0.5) = −0.005;  S = 0.999·0.00025 + 0.001·0.25 = 0.00049975
    //   M̂ = −0.005/(1 − 0.81) = −0.0263157894…;  Ŝ = 0.00049975/(1 − 0.998001) = 0.25, √Ŝ = 0.5
    //   W = 0.900000002 + 0.1·0.0263157894…/(0.5 + 1e-8) ≈ 0.905263160
    // second weight (g = −1): M = −0.09 − 0.1 = −0.19, M̂ = −1;  S = 0.000999 + 0.001 = 0.001999, Ŝ = 1
    //   W = −1.900000001 + 0.1·1/(1 + 1e-8) ≈ −1.800000002
    expectValues(state.momentW!, [-0.005, -0.19], 1e-15);
    expectValues(state.secondW!, [0.00049975, 0.001999], 1e-15);
    const w1 = 1 - (0.1 * 0.5) / (0.5 + 1e-8) + (0.1 * (0.005 / 0.19)) / (0.5 + 1e-8);
    const w2 = -2 + 0.1 / (1 + 1e-8) + 0.1 / (1 + 1e-8);
    expectValues(layer.W, [w1, w2], 1e-12);
    expect(layer.W.data[0]).toBeCloseTo(0.90526316, 7);
  });

  it('powInt is β^t by repeated squaring', () => {
    expect(powInt(0.9, 0)).toBe(1);
    expect(powInt(0.9, 1)).toBe(0.9);
    expect(powInt(0.9, 2)).toBeCloseTo(0.81, 16);
    expect(powInt(0.999, 1000)).toBeCloseTo(Math.pow(0.999, 1000), 14);
  });
});
