import { describe, expect, it } from 'vitest';
import { Matrix, cloneStepRecord, createNetwork, trainStep, type NetworkConfig, type OptimizerName } from '../nn';
import { buildTrace } from './buildTrace';
import { formatNumber } from './format';
import type { Equation } from './types';

/** A small deterministic batch: 3 features × 8 samples, binary targets. */
function batch(): { X: Matrix; Y: Matrix } {
  const X = new Matrix(3, 8);
  const Y = new Matrix(1, 8);
  for (let j = 0; j < 8; j++) {
    for (let i = 0; i < 3; i++) X.set(i, j, Math.cos(1.7 * j + i) * (i + 1));
    Y.set(0, j, j % 3 === 0 ? 1 : 0);
  }
  return { X, Y };
}

const config: NetworkConfig = { sizes: [3, 4, 1], hidden: 'tanh', output: 'sigmoid', loss: 'bce', seed: 7 };
const operand = (eqs: Equation[], id: string, name: string) =>
  eqs.find((e) => e.id === id)!.operands.find((o) => o.name === name)!.matrix;

describe('buildTrace on real engine records', () => {
  it('shows the record’s own matrices', () => {
    const { X, Y } = batch();
    const net = createNetwork(config);
    const record = cloneStepRecord(trainStep(net, X, Y, { learningRate: 0.5 }));
    const trace = buildTrace(record, { featureNames: ['a', 'b', 'c'], copy: false });
    expect(operand(trace, 'forward-Z-2', 'Z^{[2]}')).toBe(record.layers[1].Z);
    expect(trace.find((e) => e.id === 'loss')!.numeric).toContain(`= ${formatNumber(record.loss)}`);
    expect(trace.map((e) => e.id)).toContain('backward-dZ-2');
  });

  it('g′(Z) times dA gives dZ (tolerance 1e-12)', () => {
    const { X, Y } = batch();
    const record = trainStep(createNetwork(config), X, Y, { learningRate: 0.5 });
    const trace = buildTrace(record, { featureNames: [] });
    const e = trace.find((q) => q.id === 'backward-dZ-1')!;
    const [dA, gPrime, dZ] = e.operands.map((o) => o.matrix);
    for (let k = 0; k < dZ.data.length; k++) expect(dA.data[k] * gPrime.data[k]).toBeCloseTo(dZ.data[k], 12);
  });

  it.each<[OptimizerName, string, string]>([
    ['momentum', 'update-VW-1', 'V_{dW,\\,\\text{prev}}^{[1]}'],
    ['adam', 'update-MW-1', 'M_{dW,\\,\\text{prev}}^{[1]}'],
    ['adam', 'update-SW-1', 'S_{dW,\\,\\text{prev}}^{[1]}'],
  ])('%s: the state before step 2 (%s) equals the state after step 1 (relative 1e-9)', (optimizer, id, name) => {
    const { X, Y } = batch();
    const net = createNetwork(config);
    const first = cloneStepRecord(trainStep(net, X, Y, { learningRate: 0.1, optimizer }));
    const second = trainStep(net, X, Y, { learningRate: 0.1, optimizer });
    const firstTrace = buildTrace(first, { featureNames: [] });
    const secondTrace = buildTrace(second, { featureNames: [] });
    const after1 = operand(firstTrace, id, name.replace(',\\,\\text{prev}', ''));
    const before2 = operand(secondTrace, id, name);
    const zeroAtStart = operand(firstTrace, id, name);
    expect(Array.from(zeroAtStart.data).every((x) => x === 0)).toBe(true);
    for (let k = 0; k < after1.data.length; k++) {
      expect(Math.abs(before2.data[k] - after1.data[k])).toBeLessThanOrEqual(1e-9 * Math.max(1e-12, Math.abs(after1.data[k])) + 1e-18);
    }
  });

  it('Adam: W − η·M̂/(√Ŝ + ε) is the W after the step (tolerance 1e-12)', () => {
    const { X, Y } = batch();
    const net = createNetwork(config);
    trainStep(net, X, Y, { learningRate: 0.01, optimizer: 'adam' });
    const record = trainStep(net, X, Y, { learningRate: 0.01, optimizer: 'adam' });
    const trace = buildTrace(record, { featureNames: [] });
    const e = trace.find((q) => q.id === 'update-W-2')!;
    const [W, Mhat, Shat, after] = e.operands.map((o) => o.matrix);
    for (let k = 0; k < W.data.length; k++) {
      expect(W.data[k] - 0.01 * Mhat.data[k] / (Math.sqrt(Shat.data[k]) + 1e-8)).toBeCloseTo(after.data[k], 12);
    }
  });
});
