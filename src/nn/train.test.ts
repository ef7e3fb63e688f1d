import { describe, expect, it } from 'vitest';
import { Matrix, cloneStepRecord, createBatcher, createNetwork, createRng, evaluate, predict, trainEpoch, trainStep } from './index';
import type { Network, StepRecord } from './index';

// XOR: the classic problem no single layer can solve.
const X = Matrix.fromRows([[0, 0, 1, 1], [0, 1, 0, 1]]);
const Y = Matrix.fromRows([[0, 1, 1, 0]]);

/** Occupancy-shaped synthetic data: 5 features, a binary target that depends on two of them. */
function synthetic(M: number, seed: number): { X: Matrix; Y: Matrix } {
  const random = createRng(seed);
  const Xs = new Matrix(5, M), Ys = new Matrix(1, M);
  for (let i = 0; i < Xs.data.length; i++) Xs.data[i] = 2 * random() - 1;
  for (let j = 0; j < M; j++) Ys.data[j] = Xs.get(0, j) + 0.5 * Xs.get(3, j) > 0 ? 1 : 0;
  return { X: Xs, Y: Ys };
}

function allFinite(record: StepRecord): boolean {
  return record.layers.every((s) => [s.Z, s.A, s.dA, s.dZ, s.dW, s.db, s.WAfter, s.bAfter].every((m) => m.data.every(Number.isFinite)));
}

function bytesOf(net: Network): number[][] {
  return net.layers.flatMap((l) => [Array.from(new Uint8Array(l.W.data.buffer)), Array.from(new Uint8Array(l.b.data.buffer))]);
}

describe('trainStep', () => {
  it.each(['sgd', 'momentum', 'adam'] as const)('learns XOR with a 2-4-1 tanh/sigmoid network (%s)', (optimizer) => {
    const net = createNetwork({ sizes: [2, 4, 1], hidden: 'tanh', output: 'sigmoid', loss: 'bce', seed: 3 });
    const learningRate = optimizer === 'sgd' ? 0.5 : 0.05;
    for (let i = 0; i < 2000; i++) trainStep(net, X, Y, { learningRate, optimizer });
    const result = evaluate(net, X, Y);
    expect(result.accuracy).toBe(1);
    expect(result.loss).toBeLessThan(0.05);
    expect(net.updates).toBe(2000);
  });

  it('records the step with the contract field names', () => {
    const net = createNetwork({ sizes: [2, 3, 1], hidden: 'relu', output: 'sigmoid', loss: 'bce', seed: 1 });
    const W1 = net.layers[0].W.clone();
    const record = cloneStepRecord(trainStep(net, X, Y, { learningRate: 0.1, optimizer: 'momentum', l2: 0.01 }));
    expect(record).toMatchObject({ m: 4, t: 1, simplifiedOutputError: true, lossName: 'bce', output: 'sigmoid' });
    expect(record.options).toEqual({ learningRate: 0.1, optimizer: 'momentum', l2: 0.01 });
    expect(record.layers.map((s) => [s.l, s.activation])).toEqual([[1, 'relu'], [2, 'sigmoid']]);
    expect(record.layers[0].W.data).toEqual(W1.data);
    expect(record.layers[0].WAfter.data).toEqual(net.layers[0].W.data);
    expect(record.layers[1].velocityW?.data).toEqual(net.optimizer!.layers[1].velocityW!.data);
    expect(record.layers[1].momentW).toBeUndefined();
    expect(record.loss).toBeCloseTo(record.dataLoss + record.l2Penalty, 14);
  });

  it('returns views reused by the next step of the same size; cloneStepRecord keeps a copy', () => {
    const net = createNetwork({ sizes: [2, 3, 1], hidden: 'tanh', output: 'sigmoid', loss: 'bce', seed: 1 });
    const first = trainStep(net, X, Y, { learningRate: 0.5 });
    const kept = cloneStepRecord(first);
    const firstZ = Array.from(first.layers[0].Z.data);
    evaluate(net, X, Y); // inference has its own buffers: the record is not disturbed
    expect(Array.from(first.layers[0].Z.data)).toEqual(firstZ);
    const second = trainStep(net, X, Y, { learningRate: 0.5 });
    expect(second).toBe(first);
    expect(second.layers[0].W.data).not.toEqual(kept.layers[0].W.data);
    expect(second.layers[0].W.data).toEqual(kept.layers[0].WAfter.data);
  });

  it('restarts the optimiser state when the optimiser changes', () => {
    const net = createNetwork({ sizes: [2, 3, 1], hidden: 'tanh', output: 'sigmoid', loss: 'bce', seed: 1 });
    trainStep(net, X, Y, { learningRate: 0.1, optimizer: 'momentum' });
    trainStep(net, X, Y, { learningRate: 0.1, optimizer: 'momentum' });
    expect(net.optimizer?.t).toBe(2);
    const r = trainStep(net, X, Y, { learningRate: 0.1, optimizer: 'adam' });
    expect([r.t, net.optimizer?.t, net.updates, net.optimizer?.name]).toEqual([1, 1, 3, 'adam']);
    // Adam's first step moves each weight by η·dW/(|dW| + ε) ≈ η (bias correction makes M̂ = dW, Ŝ = dW²)
    r.layers.forEach((s) => s.W.data.forEach((w, i) => {
      if (Math.abs(s.dW.data[i]) > 1e-6) expect(Math.abs(w - s.WAfter.data[i])).toBeCloseTo(0.1, 6);
    }));
    expect(r.layers[0].velocityW).toBeUndefined();
  });

  it('is bit-identical for the same seed: weights, batches and 3 epochs of training', () => {
    const data = synthetic(500, 9);
    const run = (): { net: Network; losses: number[] } => {
      const net = createNetwork({ sizes: [5, 8, 1], hidden: 'relu', output: 'sigmoid', loss: 'bce', seed: 4 });
      const batcher = createBatcher(data.X, data.Y, { batchSize: 32, seed: 4 });
      const losses = [0, 1, 2].map(() => trainEpoch(net, batcher, { learningRate: 0.05, optimizer: 'adam', l2: 0.001 }).loss);
      return { net, losses };
    };
    const a = run(), b = run();
    expect(a.losses).toEqual(b.losses);
    expect(bytesOf(a.net)).toEqual(bytesOf(b.net));
    expect(a.losses[2]).toBeLessThan(a.losses[0]);
  });

  it('trains the last partial batch as a batch of its own, and trainEpoch weights losses by m', () => {
    const data = synthetic(8143, 1);
    const net = createNetwork({ sizes: [5, 4, 1], hidden: 'tanh', output: 'sigmoid', loss: 'bce', seed: 2 });
    const reference = createNetwork({ sizes: [5, 4, 1], hidden: 'tanh', output: 'sigmoid', loss: 'bce', seed: 2 });
    const epoch = trainEpoch(net, createBatcher(data.X, data.Y, { batchSize: 50, seed: 3 }), { learningRate: 0.1 });
    const batcher = createBatcher(data.X, data.Y, { batchSize: 50, seed: 3 });
    let weighted = 0, steps = 0, last = 0;
    while (batcher.epoch === 0) {
      const b = batcher.next();
      const r = trainStep(reference, b.X, b.Y, { learningRate: 0.1 });
      weighted += r.loss * r.m;
      last = r.m;
      steps++;
    }
    expect([steps, last, net.updates]).toEqual([163, 43, 163]);
    expect(epoch.loss).toBe(weighted / 8143);
    expect(bytesOf(net)).toEqual(bytesOf(reference));
  });

  it('stays finite with |Z| up to 1000 (saturated sigmoid, softmax, tanh, relu)', () => {
    const cases = [
      { hidden: 'relu', output: 'sigmoid', loss: 'bce', outputs: 1 },
      { hidden: 'tanh', output: 'softmax', loss: 'cce', outputs: 3 },
      { hidden: 'sigmoid', output: 'softmax', loss: 'mse', outputs: 3 },
      { hidden: 'leakyRelu', output: 'linear', loss: 'mse', outputs: 1 },
    ] as const;
    for (const { hidden, output, loss, outputs } of cases) {
      const net = createNetwork({ sizes: [2, 3, outputs], hidden, output, loss, seed: 5 });
      // Weights ±500 on inputs ±1: |Z| reaches 1000 in both layers, with every target wrong for some sample.
      for (const layer of net.layers) layer.W.data.forEach((_, i) => (layer.W.data[i] = i % 2 === 0 ? 500 : -500));
      const Xe = Matrix.fromRows([[1, -1, 1, -1], [-1, 1, 1, -1]]);
      const Ye = new Matrix(outputs, 4);
      for (let j = 0; j < 4; j++) Ye.set(j % outputs, j, 1);
      const r = trainStep(net, Xe, Ye, { learningRate: 0.01, l2: 0.1 });
      expect(Math.max(...r.layers.map((s) => Math.max(...Array.from(s.Z.data, Math.abs))))).toBeGreaterThanOrEqual(1000);
      expect(Number.isFinite(r.loss)).toBe(true);
      expect(allFinite(r)).toBe(true);
      expect(Number.isFinite(evaluate(net, Xe, Ye).loss)).toBe(true);
    }
  });

  it('throws RangeErrors naming both shapes, and rejects bad options', () => {
    const net = createNetwork({ sizes: [2, 4, 1], hidden: 'tanh', output: 'sigmoid', loss: 'bce' });
    expect(() => trainStep(net, X, new Matrix(1, 3), { learningRate: 0.1 })).toThrow('trainStep: X (2×4) and Y (1×3): Y must be (1×4), one column per sample of X');
    expect(() => trainStep(net, new Matrix(3, 4), Y, { learningRate: 0.1 })).toThrow('trainStep: X (3×4) must have 2 rows (one per input feature) for a network 2-4-1');
    expect(() => trainStep(net, X, new Matrix(2, 4), { learningRate: 0.1 })).toThrow(/Y \(2×4\)/);
    expect(() => predict(net, new Matrix(5, 1))).toThrow(RangeError);
    expect(() => evaluate(net, X, new Matrix(1, 5))).toThrow(RangeError);
    expect(() => trainStep(net, new Matrix(2, 0), new Matrix(1, 0), { learningRate: 0.1 })).toThrow(/no samples/);
    expect(() => trainStep(net, X, Y, { learningRate: NaN })).toThrow(/learningRate/);
    expect(() => trainStep(net, X, Y, { learningRate: 0.1, l2: -1 })).toThrow(/l2/);
  });
});

describe('predict and evaluate', () => {
  it('predict gives A[L] (nL × m), also for a batch of 1', () => {
    const net = createNetwork({ sizes: [2, 3, 4], hidden: 'relu', output: 'softmax', loss: 'cce', seed: 1 });
    const A = predict(net, X);
    expect([A.rows, A.cols]).toEqual([4, 4]);
    for (let j = 0; j < 4; j++) expect(A.get(0, j) + A.get(1, j) + A.get(2, j) + A.get(3, j)).toBeCloseTo(1, 14);
    const single = predict(net, Matrix.fromRows([[0], [1]]));
    for (let i = 0; i < 4; i++) expect(single.get(i, 0)).toBeCloseTo(A.get(i, 1), 15);
  });

  it('accuracy: sigmoid thresholds at 0.5, softmax takes the argmax; none for regression', () => {
    const sig = createNetwork({ sizes: [1, 1], hidden: 'linear', output: 'sigmoid', loss: 'bce' });
    sig.layers[0].W.data[0] = 1; // a = σ(x): x = (−1, 2, 3) → predicted (0, 1, 1)
    expect(evaluate(sig, Matrix.fromRows([[-1, 2, 3]]), Matrix.fromRows([[0, 1, 0]])).accuracy).toBeCloseTo(2 / 3, 15);
    const soft = createNetwork({ sizes: [1, 2], hidden: 'linear', output: 'softmax', loss: 'cce' });
    soft.layers[0].W.data.set([1, -1]); // x > 0 → class 0
    expect(evaluate(soft, Matrix.fromRows([[1, -1, 2, -3]]), Matrix.fromRows([[1, 0, 0, 0], [0, 1, 1, 1]])).accuracy).toBe(0.75);
    const reg = createNetwork({ sizes: [1, 1], hidden: 'linear', output: 'linear', loss: 'mse' });
    expect(evaluate(reg, Matrix.fromRows([[1]]), Matrix.fromRows([[1]]))).toEqual({ loss: 0.5 * (reg.layers[0].W.data[0] - 1) ** 2 });
  });
});
