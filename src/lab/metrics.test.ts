import { describe, expect, it } from 'vitest';
import { MAX_EVALUATIONS, downsamplePoints, emptyMetrics, recordEvaluation, type EvaluationPoint } from './metrics';
import { describeChanges, divergenceMessage } from './notices';
import { defaultSettings } from './settings';

describe('notices', () => {
  it('say which change reset the network and which apply from the next batch', () => {
    const s = { ...defaultSettings(), seed: 7, learningRate: 0.05, batchSize: 20 };
    expect(describeChanges(['hiddenLayers', 'optimizer', 'seed'], s))
      .toBe('Changed the architecture, optimiser and seed: the network was rebuilt from seed 7 and training restarted.');
    expect(describeChanges(['learningRate'], s)).toBe('Learning rate η = 0.05 applies from the next batch (no reset).');
    expect(describeChanges(['learningRate', 'batchSize'], s)).toBe('Learning rate η = 0.05 and batch size m = 20 apply from the next batch (no reset).');
  });

  it('point at the learning rate on divergence, with 1-based counters', () => {
    expect(divergenceMessage(0, 16, 163, 3)).toBe(
      'Training diverged at epoch 1, batch 17 / 163: the loss is no longer a finite number. '
      + 'The learning rate η = 3 is too large for this network; lower it (try η = 0.3) and press Reset.',
    );
  });
});

describe('downsamplePoints', () => {
  it('averages x and y of consecutive points, skipping non-finite y', () => {
    const points = [{ x: 10, y: 1 }, { x: 20, y: 3 }, { x: 30, y: Number.NaN }, { x: 40, y: 5 }];
    expect(downsamplePoints(points, 2)).toEqual([{ x: 15, y: 2 }, { x: 40, y: 5 }]);
    expect(downsamplePoints(points, 10)).toEqual([{ x: 10, y: 1 }, { x: 20, y: 3 }, { x: 40, y: 5 }]);
  });
});

describe('recordEvaluation', () => {
  const point = (update: number, kind: EvaluationPoint['kind'] = 'epoch'): EvaluationPoint => ({
    epoch: update, update, kind, train: { loss: 1 / (update + 1), accuracy: null, rmse: null, r2: null, confusion: null, baseline: null, predictions: null }, test: null,
  });

  it('keeps the start, the recent half complete and every other older evaluation, and every epoch end', () => {
    const m = emptyMetrics();
    recordEvaluation(m, point(0, 'start'));
    const total = 3 * MAX_EVALUATIONS;
    for (let t = 1; t <= total; t++) recordEvaluation(m, point(t));
    expect(m.evaluations).toBe(total + 1);
    expect(m.epochs.length).toBeLessThanOrEqual(MAX_EVALUATIONS);
    expect(m.epochs[0].kind).toBe('start');
    expect(m.latest).toBe(m.epochs[m.epochs.length - 1]);
    expect(m.latest?.update).toBe(total);
    const updates = m.epochs.map((p) => p.update);
    // In order, and the newest MAX_EVALUATIONS / 2 are all there.
    for (let i = 1; i < updates.length; i++) expect(updates[i]).toBeGreaterThan(updates[i - 1]);
    expect(updates.slice(-MAX_EVALUATIONS / 2)).toEqual(Array.from({ length: MAX_EVALUATIONS / 2 }, (_, i) => total - MAX_EVALUATIONS / 2 + 1 + i));
    // The far past is thinned, not dropped: early epochs are still represented.
    expect(updates[1]).toBeLessThan(10);
    expect(m.epochEnds).toHaveLength(total);
    expect(m.epochEnds[total - 1]).toBe(total);
  });
});
