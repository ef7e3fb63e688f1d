import { describe, expect, it } from 'vitest';
import { Matrix, cloneStepRecord, createNetwork, evaluate, gradientCheck, predict, trainStep } from './index';

// XOR: the classic problem no single layer can solve.
const X = Matrix.fromRows([[0, 0, 1, 1], [0, 1, 0, 1]]);
const Y = Matrix.fromRows([[0, 1, 1, 0]]);

describe('trainStep', () => {
  it('learns XOR with a 2-4-1 tanh/sigmoid network', () => {
    const net = createNetwork({ sizes: [2, 4, 1], hidden: 'tanh', output: 'sigmoid', loss: 'bce', seed: 3 });
    for (let i = 0; i < 2000; i++) trainStep(net, X, Y, { learningRate: 0.5 });
    const result = evaluate(net, X, Y);
    expect(result.accuracy).toBe(1);
    expect(result.loss).toBeLessThan(0.05);
    expect(net.updates).toBe(2000);
  });

  it('records the step with the contract field names', () => {
    const net = createNetwork({ sizes: [2, 3, 1], hidden: 'relu', output: 'sigmoid', loss: 'bce', seed: 1 });
    const W1 = net.layers[0].W.clone();
    const record = cloneStepRecord(trainStep(net, X, Y, { learningRate: 0.1, optimizer: 'momentum', l2: 0.01 }));
    expect(record.m).toBe(4);
    expect(record.t).toBe(1);
    expect(record.simplifiedOutputError).toBe(true);
    expect(record.layers.map((s) => s.l)).toEqual([1, 2]);
    expect(record.layers[0].W.data).toEqual(W1.data);
    expect(record.layers[0].WAfter.data).toEqual(net.layers[0].W.data);
    expect(record.layers[1].velocityW).toBeDefined();
    expect(record.loss).toBeCloseTo(record.dataLoss + record.l2Penalty, 12);
    expect(predict(net, X).rows).toBe(1);
  });

  it('matches central differences', () => {
    const net = createNetwork({ sizes: [2, 4, 1], hidden: 'tanh', output: 'sigmoid', loss: 'bce', seed: 3 });
    expect(gradientCheck(net, X, Y, { l2: 0.1 }).max).toBeLessThan(1e-6);
  });

  it('names both shapes on a mismatch', () => {
    const net = createNetwork({ sizes: [2, 4, 1], hidden: 'tanh', output: 'sigmoid', loss: 'bce' });
    expect(() => trainStep(net, X, new Matrix(1, 3), { learningRate: 0.1 })).toThrow(/\(2×4\).*\(1×3\)/);
  });
});
