import { describe, expect, it } from 'vitest';
import { createNetwork, Matrix } from '../nn';
import { binaryDataset } from './fixtures';
import {
  columnsWithinBudget, estimateCheckMs, firstColumns, gradcheckInputs, parameterCount, runGradientCheck, verdictOf,
} from './gradcheckReport';
import { LabSession } from './session';
import { defaultSettings, type LabSettings } from './settings';

const session = (patch: Partial<LabSettings> = {}) =>
  new LabSession(binaryDataset(), { ...defaultSettings(), hiddenLayers: [3], batchSize: 10, ...patch });

describe('verdictOf', () => {
  it('grades by the limits 1e-7 and 1e-5', () => {
    expect(verdictOf(0)).toBe('excellent');
    expect(verdictOf(9.9e-8)).toBe('excellent');
    expect(verdictOf(1e-7)).toBe('fine');
    expect(verdictOf(9.9e-6)).toBe('fine');
    expect(verdictOf(1e-5)).toBe('suspicious');
    expect(verdictOf(0.3)).toBe('suspicious');
  });

  it('calls a non-finite error suspicious', () => {
    expect(verdictOf(Number.NaN)).toBe('suspicious');
    expect(verdictOf(Number.POSITIVE_INFINITY)).toBe('suspicious');
  });
});

describe('budget', () => {
  it('counts weights and biases: 2-3-1 has 3·3 + 1·4 = 13', () => {
    expect(parameterCount([2, 3, 1])).toBe(13);
  });

  it('uses fewer columns for a bigger network, at least one, at most m', () => {
    expect(columnsWithinBudget([2, 8, 8, 1], 50)).toBe(50);
    const big = [20, 32, 32, 32, 32, 32, 32, 1];
    expect(columnsWithinBudget(big, 50)).toBeLessThan(50);
    expect(columnsWithinBudget(big, 50)).toBeGreaterThanOrEqual(1);
    expect(columnsWithinBudget([2, 8, 1], 1)).toBe(1);
    expect(estimateCheckMs([5, 16, 16, 1], 2)).toBeGreaterThan(estimateCheckMs([5, 16, 16, 1], 1));
  });

  it('takes the first k columns', () => {
    const M = Matrix.fromRows([[1, 2, 3], [4, 5, 6]]);
    expect(Array.from(firstColumns(M, 2).data)).toEqual([1, 2, 4, 5]);
    expect(firstColumns(M, 9).cols).toBe(3);
  });
});

describe('runGradientCheck', () => {
  it('finds backprop right on the batch on screen (tanh/sigmoid/bce, λ = 0.1): every layer excellent or fine', () => {
    const s = session({ l2: 0.1 });
    s.finishBatch();
    const inputs = gradcheckInputs(s);
    expect(inputs.source).toBe('batch');
    expect(inputs.l2).toBe(0.1);
    const report = runGradientCheck(inputs);
    expect(report.rows.map((r) => r.layer)).toEqual([1, 2]);
    expect(report.rows[0].shapeW).toEqual([3, 2]);
    expect(report.columns).toBe(10);
    expect(report.batchSize).toBe(10);
    expect(report.max).toBeLessThan(1e-5);
    expect(report.verdict).not.toBe('suspicious');
    expect(report.note).toBeNull();
  });

  it('checks the parameters before the batch update and leaves the live network alone', () => {
    const s = session();
    s.finishBatch();
    const before = Array.from(s.network.layers[0].W.data);
    const inputs = gradcheckInputs(s);
    expect(Array.from(inputs.network.layers[0].W.data)).toEqual(Array.from(s.recordOf(s.history[0]).layers[0].W.data));
    runGradientCheck(inputs);
    expect(Array.from(s.network.layers[0].W.data)).toEqual(before);
  });

  it('before training uses the first m training columns', () => {
    const inputs = gradcheckInputs(session());
    expect(inputs.source).toBe('train');
    expect(inputs.X.cols).toBe(10);
    expect(runGradientCheck(inputs).max).toBeLessThan(1e-5);
  });

  it('grades a real disagreement as suspicious and explains the ReLU kink', () => {
    // With X = 0 and b = 0 every hidden Z is exactly 0, at ReLU's kink: backprop uses g′(0) = 0, while
    // the central difference sees (ReLU(ε) − ReLU(−ε)) / 2ε = 1/2, so db[1] disagrees by a factor.
    const network = createNetwork({ sizes: [2, 2, 1], hidden: 'relu', output: 'sigmoid', loss: 'bce', seed: 1 });
    const X = new Matrix(2, 4);
    const Y = Matrix.fromRows([[1, 0, 1, 0]]);
    network.layers[1].W.data.fill(1);
    const report = runGradientCheck({ network, X, Y, l2: 0, source: 'batch' });
    expect(report.rows[0].dbVerdict).toBe('suspicious');
    expect(report.note).toMatch(/kink/);
  });
});
