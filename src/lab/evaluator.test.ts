import { describe, expect, it } from 'vitest';
import { EVALUATION_CHUNK, Matrix, createNetwork, createRng, evaluate, predict, trainStep, type Network, type NetworkConfig } from '../nn';
import { createEvaluator } from './evaluator';
import { evaluateSplit } from './metrics';

/** A network n0 → nL without hidden layers, with the given W and b. */
function single(config: Omit<NetworkConfig, 'sizes' | 'hidden'>, W: number[][], b: number[]): Network {
  const network = createNetwork({ ...config, sizes: [W[0].length, W.length], hidden: 'linear' });
  network.layers[0].W = Matrix.fromRows(W);
  network.layers[0].b = Matrix.fromRows(b.map((v) => [v]));
  return network;
}

describe('classification metrics, by hand', () => {
  // a = σ(x): predicted class 1 where x ≥ 0 (σ(0) = 0.5 counts as 1).
  const network = single({ output: 'sigmoid', loss: 'bce' }, [[1]], [0]);
  const x = [-2, -1, 0.5, 3, 1, -0.3, -5];
  const y = [0, 1, 1, 1, 0, 0, 0];
  const split = { X: Matrix.fromRows([x]), Y: Matrix.fromRows([y]) };

  it('counts actual × predicted in a 2 × 2 matrix with the class names, and the majority baseline', () => {
    // predicted [0, 0, 1, 1, 1, 0, 0]: actual 0 → predicted 0 at x = −2, −0.3, −5 and 1 at x = 1;
    // actual 1 → predicted 0 at x = −1 and 1 at x = 0.5, 3.
    const m = evaluateSplit(network, split, 'binary', 1, { classes: ['not occupied', 'occupied'] });
    expect(m.confusion).toEqual({ classes: ['not occupied', 'occupied'], counts: [[3, 1], [1, 2]] });
    expect(m.accuracy).toBe(5 / 7);
    // 4 of the 7 samples are 'not occupied': always answering it is right 4/7 ≈ 57.1% of the time.
    expect(m.baseline).toEqual({ classIndex: 0, className: 'not occupied', fraction: 4 / 7 });
    // L = (1/m)·Σ −[y ln a + (1−y) ln(1−a)], a = σ(x), computed directly (tolerance 1e-14).
    const direct = x.reduce((s, xi, i) => s - (y[i] * Math.log(1 / (1 + Math.exp(-xi))) + (1 - y[i]) * Math.log(1 - 1 / (1 + Math.exp(-xi)))), 0) / 7;
    expect(m.loss).toBeCloseTo(direct, 14);
    expect([m.rmse, m.r2, m.predictions]).toEqual([null, null, null]);
  });

  it('answers a given class for the baseline (e.g. the training majority on the test split), and names classes by index by default', () => {
    const m = evaluateSplit(network, split, 'binary', 1, { baselineClass: 1 });
    expect(m.baseline).toEqual({ classIndex: 1, className: 'class 1', fraction: 3 / 7 });
    expect(() => createEvaluator(network, split, 'binary', 1, { baselineClass: 2 })).toThrow(RangeError);
  });

  it('a 3-class softmax: argmax of A against argmax of Y, rows = actual', () => {
    // W = I, b = 0: the predicted class is the row of the largest x in each column.
    const soft = single({ output: 'softmax', loss: 'cce' }, [[1, 0, 0], [0, 1, 0], [0, 0, 1]], [0, 0, 0]);
    const X = Matrix.fromRows([[3, 0, 0, 1, 0], [0, 2, 0, 0, 5], [0, 0, 1, 0, 0]]); // predicted 0, 1, 2, 0, 1
    const Y = Matrix.fromRows([[1, 0, 0, 0, 0], [0, 1, 0, 1, 0], [0, 0, 1, 0, 1]]); // actual    0, 1, 2, 1, 2
    const m = evaluateSplit(soft, { X, Y }, 'multiclass', 1, { classes: ['a', 'b', 'c'] });
    expect(m.confusion?.counts).toEqual([[1, 0, 0], [1, 1, 0], [0, 1, 1]]);
    expect(m.accuracy).toBe(3 / 5);
    // actual counts a: 1, b: 2, c: 2 — the first of the tied majority is 'b'.
    expect(m.baseline).toEqual({ classIndex: 1, className: 'b', fraction: 2 / 5 });
  });
});

describe('regression metrics, by hand', () => {
  it('RMSE and R² in original units, and predicted-vs-actual points with residuals', () => {
    // a = 2x + 1 on x = 0, 1, 2 against y = 1, 2, 3: errors a − y = 0, 1, 2.
    const network = single({ output: 'linear', loss: 'mse' }, [[2]], [1]);
    const split = { X: Matrix.fromRows([[0, 1, 2]]), Y: Matrix.fromRows([[1, 2, 3]]) };
    const m = evaluateSplit(network, split, 'regression', 2, { targetMean: 10 });
    expect(m.loss).toBe((0 + 1 + 4) / 2 / 3);
    expect(m.rmse).toBeCloseTo(2 * Math.sqrt(5 / 3), 14); // σ·√(mean (a − y)²)
    expect(m.r2).toBeCloseTo(1 - 5 / 2, 14); // Σ(y − ȳ)² = 1 + 0 + 1
    // original units: y = 10 + 2·y_std, ŷ = 10 + 2·a
    expect(m.predictions).toEqual([
      { index: 0, actual: 12, predicted: 12, residual: 0 },
      { index: 1, actual: 14, predicted: 16, residual: 2 },
      { index: 2, actual: 16, predicted: 20, residual: 4 },
    ]);
    expect([m.accuracy, m.confusion, m.baseline]).toEqual([null, null, null]);
  });

  it('keeps at most sampleSize points, evenly spaced, the same ones every time', () => {
    const network = single({ output: 'linear', loss: 'mse' }, [[1]], [0]);
    const M = 1200;
    const split = { X: new Matrix(1, M), Y: new Matrix(1, M) };
    for (let j = 0; j < M; j++) split.X.data[j] = j;
    const m = evaluateSplit(network, split, 'regression', 1);
    expect(m.predictions).toHaveLength(500);
    // s-th point at column ⌊s·1200/500⌋: 0, 2, 4, 7, …, 1197
    expect(m.predictions?.slice(0, 4).map((p) => p.index)).toEqual([0, 2, 4, 7]);
    expect(m.predictions?.[499]).toEqual({ index: 1197, actual: 0, predicted: 1197, residual: 1197 });
    expect(evaluateSplit(network, split, 'regression', 1, { sampleSize: 3 }).predictions?.map((p) => p.index)).toEqual([0, 400, 800]);
  });
});

/** A random split of M columns for a config, with fitting targets. */
function randomSplit(config: NetworkConfig, M: number): { X: Matrix; Y: Matrix } {
  const random = createRng(9);
  const n0 = config.sizes[0], nL = config.sizes[config.sizes.length - 1];
  const X = new Matrix(n0, M), Y = new Matrix(nL, M);
  for (let i = 0; i < X.data.length; i++) X.data[i] = 4 * random() - 2;
  for (let j = 0; j < M; j++) {
    if (config.output === 'softmax') Y.set(Math.floor(random() * nL), j, 1);
    else if (config.output === 'sigmoid') Y.data[j] = random() < 0.3 ? 1 : 0;
    else Y.data[j] = 2 * random() - 1;
  }
  return { X, Y };
}

describe('incremental evaluation', () => {
  const M = 2 * EVALUATION_CHUNK + 301;

  it.each([
    { config: { sizes: [4, 8, 1], hidden: 'tanh', output: 'sigmoid', loss: 'bce', seed: 3 } as NetworkConfig, task: 'binary' as const },
    { config: { sizes: [4, 8, 3], hidden: 'relu', output: 'softmax', loss: 'cce', seed: 4 } as NetworkConfig, task: 'multiclass' as const },
  ])('steps of any size give the loss and accuracy of one pass over the whole split, bit for bit ($task)', ({ config, task }) => {
    const network = createNetwork(config);
    const split = randomSplit(config, M);
    const evaluator = createEvaluator(network, split, task);
    const seen: number[] = [];
    while (!evaluator.step(333)) seen.push(evaluator.progress);
    expect(seen[0]).toBeCloseTo(333 / M, 15);
    expect(evaluator.progress).toBe(1);
    const whole = evaluate(network, split.X, split.Y);
    const m = evaluator.result();
    expect(m.loss).toBe(whole.loss);
    expect(m.accuracy).toBe(whole.accuracy);
    const total = m.confusion?.counts.flat().reduce((s, c) => s + c, 0);
    expect(total).toBe(M);
  });

  it('regression: RMSE and R² equal the whole-split formulas on predict(), bit for bit', () => {
    const config: NetworkConfig = { sizes: [4, 6, 1], hidden: 'tanh', output: 'linear', loss: 'mse', seed: 5 };
    const network = createNetwork(config);
    const split = randomSplit(config, M);
    const m = evaluateSplit(network, split, 'regression', 3.5);
    // The formulas evaluateSplit used before it was incremental, on one whole-split prediction.
    const A = predict(network, split.X).data, Y = split.Y.data;
    let mean = 0;
    for (const y of Y) mean += y;
    mean /= Y.length;
    let residual = 0, total = 0;
    for (let k = 0; k < Y.length; k++) {
      residual += (A[k] - Y[k]) ** 2;
      total += (Y[k] - mean) ** 2;
    }
    expect(m.rmse).toBe(3.5 * Math.sqrt(residual / Y.length));
    expect(m.r2).toBe(1 - residual / total);
    expect(m.loss).toBe(evaluate(network, split.X, split.Y).loss);
  });

  it('describes the parameters as they were at creation, even if training goes on between steps', () => {
    const config: NetworkConfig = { sizes: [4, 5, 1], hidden: 'tanh', output: 'sigmoid', loss: 'bce', seed: 6 };
    const network = createNetwork(config);
    const split = randomSplit(config, 3000);
    const before = evaluate(network, split.X, split.Y).loss;
    const evaluator = createEvaluator(network, split, 'binary');
    evaluator.step(1000);
    trainStep(network, split.X, split.Y, { learningRate: 1 });
    while (!evaluator.step(1000));
    expect(evaluator.result().loss).toBe(before);
    expect(evaluate(network, split.X, split.Y).loss).not.toBe(before);
  });

  it('refuses a result before the end and a step of less than one column', () => {
    const config: NetworkConfig = { sizes: [4, 5, 1], hidden: 'tanh', output: 'sigmoid', loss: 'bce' };
    const evaluator = createEvaluator(createNetwork(config), randomSplit(config, 250), 'binary');
    expect(evaluator.step(100)).toBe(false);
    expect(evaluator.progress).toBe(0.4);
    expect(() => evaluator.result()).toThrow(/not finished \(100 of 250 columns\)/);
    expect(() => evaluator.step(0)).toThrow(RangeError);
    expect(evaluator.step(Number.POSITIVE_INFINITY)).toBe(true);
    expect(evaluator.step(10)).toBe(true);
  });
});
