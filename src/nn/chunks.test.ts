import { describe, expect, it } from 'vitest';
import { forward } from './backprop';
import { columnForward, EVALUATION_CHUNK } from './chunks';
import { losses } from './losses';
import { Matrix, argmaxColumn } from './matrix';
import { createNetwork } from './network';
import { createRng } from './rng';
import { evaluate, predict } from './train';
import type { NetworkConfig } from './types';
import { inferenceWorkspace } from './workspace';

/** A set of M columns larger than one chunk, with targets fitting the config's output. */
function setFor(config: NetworkConfig, M: number): { X: Matrix; Y: Matrix } {
  const random = createRng(5);
  const n0 = config.sizes[0], nL = config.sizes[config.sizes.length - 1];
  const X = new Matrix(n0, M), Y = new Matrix(nL, M);
  for (let i = 0; i < X.data.length; i++) X.data[i] = 4 * random() - 2;
  for (let j = 0; j < M; j++) {
    if (config.output === 'softmax') Y.set(Math.floor(random() * nL), j, 1);
    else if (config.output === 'sigmoid') Y.data[j] = random() < 0.4 ? 1 : 0;
    else Y.data[j] = 3 * random() - 1;
  }
  return { X, Y };
}

/** The whole set in one forward pass, as evaluate worked before chunking (the oracle). */
function wholeSet(config: NetworkConfig, X: Matrix, Y: Matrix): { A: Matrix; loss: number; correct: number } {
  const network = createNetwork(config);
  const ws = inferenceWorkspace(network, X.cols);
  forward(network, X, ws);
  const L = ws.A.length;
  const A = ws.A[L - 1];
  const loss = losses[config.loss].total(ws.Z[L - 1], A, Y) / X.cols;
  let correct = 0;
  for (let j = 0; j < X.cols; j++) {
    if (config.output === 'softmax') correct += argmaxColumn(A, j) === argmaxColumn(Y, j) ? 1 : 0;
    else correct += A.data[j] >= 0.5 === Y.data[j] >= 0.5 ? 1 : 0;
  }
  return { A: A.clone(), loss, correct };
}

const M = 2 * EVALUATION_CHUNK + 37; // two full chunks and a partial one

describe('column-chunked evaluation', () => {
  const exact: NetworkConfig[] = [
    { sizes: [3, 6, 1], hidden: 'tanh', output: 'sigmoid', loss: 'bce', seed: 2 },
    { sizes: [3, 5, 4, 1], hidden: 'relu', output: 'linear', loss: 'mse', seed: 3 },
    { sizes: [3, 7, 4], hidden: 'sigmoid', output: 'softmax', loss: 'cce', seed: 4 },
    { sizes: [3, 6, 1], hidden: 'sigmoid', output: 'sigmoid', loss: 'mse', seed: 6 },
  ];
  it.each(exact)('predict and evaluate equal one pass over the whole set, bit for bit ($output/$loss)', (config) => {
    const { X, Y } = setFor(config, M);
    const oracle = wholeSet(config, X, Y);
    const network = createNetwork(config);
    expect(Array.from(predict(network, X).data)).toEqual(Array.from(oracle.A.data));
    const result = evaluate(network, X, Y);
    expect(result.loss).toBe(oracle.loss);
    if (config.output !== 'linear') expect(result.accuracy).toBe(oracle.correct / M);
    else expect(result.accuracy).toBeUndefined();
  });

  it('softmax with mse over k > 1 outputs sums class row by row, so chunks agree within rounding (1e-14 relative)', () => {
    const config: NetworkConfig = { sizes: [3, 5, 3], hidden: 'tanh', output: 'softmax', loss: 'mse', seed: 8 };
    const { X, Y } = setFor(config, M);
    const oracle = wholeSet(config, X, Y);
    const result = evaluate(createNetwork(config), X, Y);
    expect(Math.abs(result.loss - oracle.loss) / oracle.loss).toBeLessThan(1e-14);
    expect(result.accuracy).toBe(oracle.correct / M);
  });

  it('keeps buffers for one chunk only, whatever the set size, and refuses bad ranges', () => {
    const config: NetworkConfig = { sizes: [2, 4, 1], hidden: 'tanh', output: 'sigmoid', loss: 'bce' };
    const { X, Y } = setFor(config, M);
    const run = columnForward(createNetwork(config), X, Y, 100);
    const chunk = run.run(250, 350);
    expect([chunk.m, chunk.A.rows, chunk.A.cols, chunk.Y?.cols]).toEqual([100, 1, 100, 100]);
    expect(chunk.Y?.data[0]).toBe(Y.data[250]);
    expect(() => run.run(0, 101)).toThrow(RangeError);
    expect(() => run.run(M - 5, M + 1)).toThrow(RangeError);
    expect(() => columnForward(createNetwork(config), new Matrix(3, 4), null)).toThrow(/must have 2 rows/);
  });
});
