import { describe, expect, it } from 'vitest';
import { Matrix } from './matrix';
import { createNetwork } from './network';
import { cloneStepRecord, trainStep } from './train';
import type { Network, NetworkConfig } from './types';

function withParameters(config: NetworkConfig, params: { W: number[][]; b: number[][] }[]): Network {
  const net = createNetwork(config);
  params.forEach((p, i) => {
    net.layers[i].W.data.set(Matrix.fromRows(p.W).data);
    net.layers[i].b.data.set(Matrix.fromRows(p.b).data);
  });
  return net;
}

function expectRows(m: Matrix, rows: number[][], tolerance = 1e-14): void {
  expect([m.rows, m.cols]).toEqual([rows.length, rows[0].length]);
  rows.flat().forEach((v, i) => expect(Math.abs(m.data[i] - v)).toBeLessThan(tolerance));
}

/**
 * Worked example, computed by hand (every number below is exact in binary, so the tolerance is
 * only for summation order). Network 2-2-1, relu hidden, linear output, mse, m = 2 samples:
 *   W[1] = [1 −1; 0.5 2], b[1] = [0; −1], W[2] = [1 −2], b[2] = [0.5]
 *   X = [1 2; 0 1] (samples (1,0) and (2,1) as columns), Y = [1 0].
 * Forward:
 *   Z[1] = W[1]·X + b[1] = [1·1−1·0, 1·2−1·1; 0.5·1+2·0, 0.5·2+2·1] + [0; −1] = [1 1; −0.5 2]
 *   A[1] = relu(Z[1]) = [1 1; 0 2]
 *   Z[2] = W[2]·A[1] + b[2] = [1−0, 1−4] + 0.5 = [1.5 −2.5] = A[2]
 *   L = 1/(2m)·Σ(a−y)² = ¼·(0.5² + 2.5²) = ¼·6.5 = 1.625
 * Backward:
 *   dA[2] = dZ[2] = A[2] − Y = [0.5 −2.5]
 *   dW[2] = (1/m)·dZ[2]·A[1]ᵀ = ½·[0.5·1 − 2.5·1, 0.5·0 − 2.5·2] = [−1 −2.5];  db[2] = ½·(0.5 − 2.5) = −1
 *   dA[1] = W[2]ᵀ·dZ[2] = [1; −2]·[0.5 −2.5] = [0.5 −2.5; −1 5]
 *   dZ[1] = dA[1] ⊙ relu′(Z[1]) = dA[1] ⊙ [1 1; 0 1] = [0.5 −2.5; 0 5]
 *   dW[1] = (1/m)·dZ[1]·Xᵀ = ½·[0.5·1 − 2.5·2, 0.5·0 − 2.5·1; 0·1 + 5·2, 0·0 + 5·1] = [−2.25 −1.25; 5 2.5]
 *   db[1] = ½·[0.5 − 2.5; 0 + 5] = [−1; 2.5]
 * SGD, η = 0.1: W[1] ← [1.225 −0.875; 0 1.75], b[1] ← [0.1; −1.25], W[2] ← [1.1 −1.75], b[2] ← [0.6]
 */
describe('worked example (hand computation above)', () => {
  const config: NetworkConfig = { sizes: [2, 2, 1], hidden: 'relu', output: 'linear', loss: 'mse' };
  const params = [{ W: [[1, -1], [0.5, 2]], b: [[0], [-1]] }, { W: [[1, -2]], b: [[0.5]] }];
  const X = Matrix.fromRows([[1, 2], [0, 1]]);
  const Y = Matrix.fromRows([[1, 0]]);

  it('forward, loss, backward and the SGD update match the hand computation', () => {
    const net = withParameters(config, params);
    const r = cloneStepRecord(trainStep(net, X, Y, { learningRate: 0.1 }));
    const [l1, l2] = r.layers;
    expectRows(l1.Z, [[1, 1], [-0.5, 2]]);
    expectRows(l1.A, [[1, 1], [0, 2]]);
    expectRows(l2.Z, [[1.5, -2.5]]);
    expectRows(l2.A, [[1.5, -2.5]]);
    expect(r.loss).toBe(1.625);
    expect(r.simplifiedOutputError).toBe(false);
    expectRows(l2.dA, [[0.5, -2.5]]);
    expectRows(l2.dZ, [[0.5, -2.5]]);
    expectRows(l2.dW, [[-1, -2.5]]);
    expectRows(l2.db, [[-1]]);
    expectRows(l1.dA, [[0.5, -2.5], [-1, 5]]);
    expectRows(l1.dZ, [[0.5, -2.5], [0, 5]]);
    expectRows(l1.dW, [[-2.25, -1.25], [5, 2.5]]);
    expectRows(l1.db, [[-1], [2.5]]);
    expectRows(l1.W, params[0].W);
    expectRows(l1.WAfter, [[1.225, -0.875], [0, 1.75]]);
    expectRows(l1.bAfter, [[0.1], [-1.25]]);
    expectRows(l2.WAfter, [[1.1, -1.75]]);
    expectRows(l2.bAfter, [[0.6]]);
    expectRows(r.A0, [[1, 2], [0, 1]]);
  });

  it('adds L2 to the loss and to dW but not to db (λ = 0.5)', () => {
    // penalty = λ/(2m)·Σ‖W‖² = 0.5/4·(1 + 1 + 0.25 + 4 + 1 + 4) = 0.125·11.25 = 1.40625
    // dW[1] += (λ/m)·W[1] = 0.25·[1 −1; 0.5 2] → [−2.25+0.25, −1.25−0.25; 5+0.125, 2.5+0.5] = [−2 −1.5; 5.125 3]
    // dW[2] += 0.25·[1 −2] → [−0.75 −3];  db unchanged
    const net = withParameters(config, params);
    const r = trainStep(net, X, Y, { learningRate: 0.1, l2: 0.5 });
    expect(r.dataLoss).toBe(1.625);
    expect(r.l2Penalty).toBe(1.40625);
    expect(r.loss).toBe(1.625 + 1.40625);
    expectRows(r.layers[0].dW, [[-2, -1.5], [5.125, 3]]);
    expectRows(r.layers[1].dW, [[-0.75, -3]]);
    expectRows(r.layers[0].db, [[-1], [2.5]]);
  });

  it('sigmoid + bce: dZ[L] = A − Y directly (1-1 network, z = 0, by hand)', () => {
    // W = 0, b = 0, x = 2, y = 1: z = 0, a = ½, ℓ = −ln ½ = ln 2
    // dA = −y/a = −2;  dZ = a − y = −½;  dW = dZ·x = −1;  db = −½
    const net = withParameters({ sizes: [1, 1], hidden: 'linear', output: 'sigmoid', loss: 'bce' }, [{ W: [[0]], b: [[0]] }]);
    const r = trainStep(net, Matrix.fromRows([[2]]), Matrix.fromRows([[1]]), { learningRate: 1 });
    expect(r.simplifiedOutputError).toBe(true);
    expect(r.loss).toBeCloseTo(Math.LN2, 15);
    expectRows(r.layers[0].dA, [[-2]]);
    expectRows(r.layers[0].dZ, [[-0.5]]);
    expectRows(r.layers[0].dW, [[-1]]);
    expectRows(r.layers[0].db, [[-0.5]]);
  });

  it('softmax + cce: dZ[L] = A − Y directly (1-2 network, z = 0, by hand)', () => {
    // W = 0, b = 0: z = (0, 0), a = (½, ½), y = (1, 0): ℓ = −ln ½ = ln 2
    // dA = (−y₁/a₁, 0) = (−2, 0);  dZ = a − y = (−½, ½);  dW = dZ·x with x = 3: (−1.5, 1.5)
    const net = withParameters({ sizes: [1, 2], hidden: 'linear', output: 'softmax', loss: 'cce' }, [{ W: [[0], [0]], b: [[0], [0]] }]);
    const r = trainStep(net, Matrix.fromRows([[3]]), Matrix.fromRows([[1], [0]]), { learningRate: 1 });
    expect(r.loss).toBeCloseTo(Math.LN2, 15);
    expectRows(r.layers[0].dA, [[-2], [0]]);
    expectRows(r.layers[0].dZ, [[-0.5], [0.5]]);
    expectRows(r.layers[0].dW, [[-1.5], [1.5]]);
  });
});
