import { describe, expect, it } from 'vitest';
import { downsample, downsamplePoints } from './metrics';
import { describeChanges, divergenceMessage } from './notices';
import { defaultSettings } from './settings';

describe('downsample', () => {
  it('keeps a short series as it is, at x = 1..n', () => {
    expect(downsample([3, 2, 1], 10)).toEqual([{ x: 1, y: 3 }, { x: 2, y: 2 }, { x: 3, y: 1 }]);
  });

  it('averages equal buckets of a long series, at most maxPoints points', () => {
    const values = Array.from({ length: 1000 }, (_, i) => i + 1);
    const points = downsample(values, 100);
    expect(points).toHaveLength(100);
    // The first bucket holds 1..10: mean 5.5 at x = 5.5 (tolerance 1e-12).
    expect(points[0].x).toBeCloseTo(5.5, 12);
    expect(points[0].y).toBeCloseTo(5.5, 12);
    expect(points[99].y).toBeCloseTo(995.5, 12);
  });

  it('skips non-finite values and empty input', () => {
    expect(downsample([], 10)).toEqual([]);
    expect(downsample([1, Number.NaN, 3], 1)).toEqual([{ x: 2, y: 2 }]);
    expect(downsample([Number.POSITIVE_INFINITY], 5)).toEqual([]);
  });
});

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
