import { Matrix } from '../../nn';
import type { ActivationName, LossName, OptimizerName } from '../../nn';
import type { LayerStep, StepRecord } from '../types';

/** Options of `fakeRecord`: the network's sizes [n0, …, nL] and what the step used. */
export interface FakeRecordOptions {
  sizes: number[];
  m: number;
  hidden?: ActivationName;
  output?: ActivationName;
  loss?: LossName;
  optimizer?: OptimizerName;
  l2?: number;
  t?: number;
}

/** A matrix filled with a simple deterministic pattern, so tests can predict its entries. */
export function patterned(rows: number, cols: number, seed: number): Matrix {
  const M = new Matrix(rows, cols);
  for (let k = 0; k < M.data.length; k++) M.data[k] = Math.sin(seed * 7.1 + k * 1.3) * (1 + (k % 3));
  return M;
}

/**
 * A StepRecord with the right shapes everywhere and patterned (not trained) values: enough for the
 * trace's order, shapes, truncation and escaping tests, which check layout rather than arithmetic.
 */
export function fakeRecord(options: FakeRecordOptions): StepRecord {
  const { sizes, m, hidden = 'relu', output = 'sigmoid', loss = 'bce', optimizer = 'sgd', l2 = 0, t = 1 } = options;
  const L = sizes.length - 1;
  let seed = 1;
  const next = (r: number, c: number) => patterned(r, c, seed++);
  const layers: LayerStep[] = [];
  for (let l = 1; l <= L; l++) {
    const n = sizes[l], p = sizes[l - 1];
    const layer: LayerStep = {
      l,
      activation: l === L ? output : hidden,
      W: next(n, p), b: next(n, 1), Z: next(n, m), A: next(n, m), dA: next(n, m), dZ: next(n, m),
      dW: next(n, p), db: next(n, 1), WAfter: next(n, p), bAfter: next(n, 1),
    };
    if (optimizer === 'momentum') Object.assign(layer, { velocityW: next(n, p), velocityB: next(n, 1) });
    if (optimizer === 'adam') {
      Object.assign(layer, { momentW: next(n, p), momentB: next(n, 1), secondW: next(n, p), secondB: next(n, 1) });
    }
    layers.push(layer);
  }
  return {
    loss: 0.75, dataLoss: 0.7, l2Penalty: 0.05, m,
    A0: next(sizes[0], m), Y: next(sizes[L], m), layers,
    lossName: loss, output,
    options: { learningRate: 0.1, optimizer, l2 },
    t,
    simplifiedOutputError: (output === 'sigmoid' && loss === 'bce') || (output === 'softmax' && loss === 'cce'),
  };
}
