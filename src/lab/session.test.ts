import { describe, expect, it } from 'vitest';
import { binaryDataset, regressionDataset } from './fixtures';
import { END, LabSession } from './session';
import { defaultSettings, type LabSettings } from './settings';

/** 23 samples, batch 10 → batches of 10, 10 and 3 per epoch. */
function session(patch: Partial<LabSettings> = {}, historySize?: number): LabSession {
  return new LabSession(binaryDataset(), { ...defaultSettings(), hiddenLayers: [3], batchSize: 10, ...patch }, historySize);
}

const data = (s: LabSession) => s.network.layers.flatMap((layer) => [...layer.W.data, ...layer.b.data]);

describe('stepping equation by equation', () => {
  it('reveals every equation of a batch before training the next one', () => {
    const s = session();
    expect(s.history).toHaveLength(0);
    expect(s.stepEquation()).toBe(true);
    expect(s.history).toHaveLength(1);
    expect(s.network.updates).toBe(1);
    const n = s.equationCount(s.history[0]);
    const equations = s.history[0].equations ?? [];
    // normalise, 2 × (Z, A), loss, backward and update lines for two layers
    expect(n).toBeGreaterThan(8);
    expect(equations[0].phase).toBe('normalize');
    expect(s.cursor).toEqual({ entry: 0, equation: 0 });
    for (let i = 1; i < n; i++) {
      s.stepEquation();
      expect(s.cursor).toEqual({ entry: 0, equation: i });
      expect(s.history).toHaveLength(1);
    }
    expect(s.atFrontier).toBe(true);
    s.stepEquation();
    expect(s.history).toHaveLength(2);
    expect(s.cursor).toEqual({ entry: 1, equation: 0 });
  });

  it('shows the parameters before the update until the update equations', () => {
    const s = session();
    s.stepEquation();
    const layer = s.recordOf(s.history[0]).layers[0];
    expect(s.paramsAtCursor()[0].W).toBe(layer.W);
    s.finishBatch();
    expect(s.cursor.equation).toBe(END);
    expect(s.paramsAtCursor()[0].W).toBe(layer.WAfter);
    expect(Array.from(layer.WAfter.data)).toEqual(Array.from(s.network.layers[0].W.data));
    expect(Array.from(layer.W.data)).not.toEqual(Array.from(layer.WAfter.data));
  });

  it('shows the initial parameters before the first batch', () => {
    const s = session();
    expect(Array.from(s.paramsAtCursor()[0].W.data)).toEqual(Array.from(s.network.layers[0].W.data));
  });
});

describe('counters and epochs', () => {
  it('counts batches within the epoch, the last one partial', () => {
    const s = session();
    s.finishBatch();
    expect(s.entry).toMatchObject({ epoch: 0, batchIndex: 0, batchCount: 3, update: 1 });
    expect(s.entry?.m).toBe(10);
    s.finishBatch();
    s.finishBatch();
    expect(s.entry).toMatchObject({ epoch: 0, batchIndex: 2, batchCount: 3, update: 3 });
    expect(s.entry?.m).toBe(3);
    // start + end of epoch 1
    expect(s.metrics.epochs.map((p) => [p.kind, p.epoch, p.update])).toEqual([['start', 0, 0], ['epoch', 1, 3]]);
    expect(s.metrics.batchLoss).toHaveLength(3);
  });

  it('step epoch trains to the end of the current epoch, then whole epochs', () => {
    const s = session();
    s.stepEquation();
    s.stepEpoch();
    expect(s.entry).toMatchObject({ epoch: 0, batchIndex: 2, update: 3 });
    expect(s.cursor.equation).toBe(END);
    s.stepEpoch();
    expect(s.entry).toMatchObject({ epoch: 1, batchIndex: 2, update: 6 });
    expect(s.metrics.latest?.epoch).toBe(2);
    expect(s.metrics.latest?.train.accuracy).toBeGreaterThanOrEqual(0);
    expect(s.metrics.latest?.test).not.toBeNull();
  });
});

describe('stepping back through the history', () => {
  it('goes back across batches and forward again to identical records, without training', () => {
    const s = session();
    for (let i = 0; i < 4; i++) s.finishBatch();
    const records = s.history.map((e) => s.recordOf(e));
    const losses = records.map((r) => r.loss);
    const params = data(s);
    const n = s.equationCount(s.history[3]);
    const back = n + 5; // through batch 4 and into batch 3
    for (let i = 0; i < back; i++) expect(s.stepBack()).toBe(true);
    expect(s.cursor.entry).toBe(2);
    // Back in batch 3 the diagram shows its parameters before its update.
    expect(s.paramsAtCursor()[0].W).toBe(s.recordOf(s.history[2]).layers[0].W);
    for (let i = 0; i < back; i++) s.stepEquation();
    expect(s.cursor).toEqual({ entry: 3, equation: n - 1 });
    expect(s.network.updates).toBe(4);
    expect(s.history.map((e) => s.recordOf(e))).toEqual(records);
    expect(s.history.map((e) => e.loss)).toEqual(losses);
    expect(data(s)).toEqual(params);
  });

  it('records of batches trained at full speed, recomputed on display, equal the kept ones exactly', () => {
    const stepped = session({ optimizer: 'adam', l2: 0.01 });
    const played = session({ optimizer: 'adam', l2: 0.01 });
    for (let i = 0; i < 7; i++) stepped.finishBatch();
    for (let i = 0; i < 7; i++) played.playBatch();
    expect(played.history.every((e) => e.record === null && e.before !== null)).toBe(true);
    expect(stepped.history.every((e) => e.record !== null && e.before === null)).toBe(true);
    expect(played.history.map((e) => played.recordOf(e))).toEqual(stepped.history.map((e) => stepped.recordOf(e)));
    expect(data(played)).toEqual(data(stepped));
    // Equations of a recomputed batch too.
    expect(played.equationCount(played.history[6])).toBe(stepped.equationCount(stepped.history[6]));
    expect(played.history[6].equations?.map((e) => e.numeric)).toEqual(stepped.history[6].equations?.map((e) => e.numeric));
  });

  it('batches played past the history size (their copies written over the evicted ones) still recompute exactly', () => {
    const stepped = session({ optimizer: 'momentum' }, 4);
    const played = session({ optimizer: 'momentum' }, 4);
    for (let i = 0; i < 11; i++) stepped.finishBatch();
    for (let i = 0; i < 11; i++) played.playBatch();
    expect(played.history.map((e) => e.update)).toEqual([8, 9, 10, 11]);
    expect(played.history.every((e) => e.record === null && e.before !== null)).toBe(true);
    // Four kept copies, each its own buffers (a reused copy is never shared by two entries).
    const buffers = new Set(played.history.map((e) => e.before!.layers[0].W.data.buffer));
    expect(buffers.size).toBe(4);
    expect(played.history.map((e) => played.recordOf(e))).toEqual(stepped.history.map((e) => stepped.recordOf(e)));
    expect(data(played)).toEqual(data(stepped));
  });

  it('reaches the start before the first batch, and no further', () => {
    const s = session();
    s.stepEquation();
    s.stepEquation();
    expect(s.stepBack()).toBe(true);
    expect(s.stepBack()).toBe(true);
    expect(s.cursor.entry).toBe(-1);
    expect(s.stepBack()).toBe(false);
    s.stepEquation();
    expect(s.cursor).toEqual({ entry: 0, equation: 0 });
    expect(s.network.updates).toBe(1);
  });

  it('keeps only the last historySize batches and says so at the oldest', () => {
    const s = session({}, 5);
    for (let i = 0; i < 8; i++) s.finishBatch();
    expect(s.history).toHaveLength(5);
    expect(s.history[0].update).toBe(4);
    let steps = 0;
    while (s.stepBack()) steps++;
    expect(s.cursor).toEqual({ entry: 0, equation: 0 });
    expect(steps).toBe(s.history.reduce((sum, e) => sum + s.equationCount(e), 0) - 1);
    expect(s.notice?.kind).toBe('limit');
  });

  it('finish batch in a past batch jumps to its end, then replays the next', () => {
    const s = session();
    for (let i = 0; i < 3; i++) s.finishBatch();
    const n = s.equationCount(s.history[2]);
    for (let i = 0; i < n + 1; i++) s.stepBack();
    const entry = s.cursor.entry;
    expect(s.cursor).toEqual({ entry: 1, equation: n - 2 });
    s.finishBatch();
    expect(s.cursor).toEqual({ entry, equation: END });
    s.finishBatch();
    expect(s.cursor).toEqual({ entry: entry + 1, equation: END });
    expect(s.network.updates).toBe(3);
  });
});

describe('reset and seeds', () => {
  it('reset gives exactly the same numbers again', () => {
    const s = session();
    s.stepEpoch();
    s.stepEpoch();
    const losses = s.metrics.batchLoss.tail(s.metrics.batchLoss.length);
    expect(losses).toHaveLength(s.metrics.batchLoss.length);
    const params = data(s);
    const latest = s.metrics.latest;
    s.reset();
    expect(s.history).toHaveLength(0);
    expect(s.metrics.batchLoss.length).toBe(0);
    s.stepEpoch();
    s.stepEpoch();
    expect(s.metrics.batchLoss.tail(s.metrics.batchLoss.length)).toEqual(losses);
    expect(data(s)).toEqual(params);
    expect(s.metrics.latest).toEqual(latest);
  });

  it('a new seed changes the numbers, deterministically, and says it reset', () => {
    const a = session();
    const b = session();
    a.newSeed();
    b.newSeed();
    expect(a.settings.seed).not.toBe(defaultSettings().seed);
    expect(a.settings.seed).toBe(b.settings.seed);
    expect(data(a)).toEqual(data(b));
    expect(data(a)).not.toEqual(data(session()));
    expect(a.notice?.kind).toBe('reset');
  });

  it('changing the architecture resets and says so', () => {
    const s = session();
    s.finishBatch();
    s.applySettings({ ...s.settings, hiddenLayers: [4, 2] });
    expect(s.history).toHaveLength(0);
    expect(s.network.layers.map((l) => l.W.rows)).toEqual([4, 2, 1]);
    expect(s.notice).toEqual({ kind: 'reset', text: expect.stringMatching(/architecture.*rebuilt.*restarted/) as unknown });
  });
});

describe('live settings: learning rate and batch size', () => {
  it('a learning-rate change mid-epoch applies to the next batch without resetting', () => {
    const s = session();
    s.finishBatch();
    const first = s.recordOf(s.history[0]);
    s.applySettings({ ...s.settings, learningRate: 0.5 });
    expect(s.notice?.kind).toBe('info');
    expect(s.notice?.text).toMatch(/η = 0\.5 applies from the next batch/);
    expect(s.history).toHaveLength(1);
    expect(s.network.updates).toBe(1);
    s.finishBatch();
    expect(first.options.learningRate).toBe(0.1);
    expect(s.entry?.options.learningRate).toBe(0.5);
    expect(s.entry).toMatchObject({ epoch: 0, batchIndex: 1, update: 2 });
    // The update used η = 0.5: W_after = W − 0.5 · dW for SGD (tolerance 1e-12).
    const layer = s.recordOf(s.entry!).layers[0];
    layer.WAfter.data.forEach((w, k) => expect(w).toBeCloseTo(layer.W.data[k] - 0.5 * layer.dW.data[k], 12));
  });

  it('a batch-size change mid-epoch cuts the rest of the epoch into the new size', () => {
    const s = session();
    s.finishBatch();
    s.applySettings({ ...s.settings, batchSize: 4 });
    expect(s.history).toHaveLength(1);
    s.finishBatch();
    expect(s.entry?.m).toBe(4);
    s.stepEpoch();
    const sizes = s.history.map((e) => e.m);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(23);
    expect(sizes).toEqual([10, 4, 4, 4, 1]);
  });

  it('caps the batch size at the number of training rows', () => {
    const s = session({ batchSize: 1000 });
    s.finishBatch();
    expect(s.entry).toMatchObject({ batchCount: 1 });
    expect(s.entry?.m).toBe(23);
  });
});

describe('divergence', () => {
  it('pauses training with a message about the learning rate, keeping no non-finite numbers', () => {
    const s = new LabSession(regressionDataset(), { ...defaultSettings(), hiddenLayers: [8], hiddenActivation: 'relu', learningRate: 10, batchSize: 5 });
    let trained = 0;
    while (s.playBatch()) trained++;
    expect(trained).toBeLessThan(200);
    expect(s.divergence).toMatch(/diverged.*learning rate η = 10.*lower it/);
    expect(s.stepEquation()).toBe(false);
    expect(s.stepEpoch()).toBe(false);
    expect(s.history.every((e) => Number.isFinite(e.loss))).toBe(true);
    expect(s.metrics.batchLoss.tail(s.metrics.batchLoss.length).every(Number.isFinite)).toBe(true);
    const lastGood = s.metrics.latest;
    expect(lastGood).not.toBeNull();
    expect(s.evaluateNow()).toBe(lastGood);
    expect(s.metrics.latest).toBe(lastGood);
    s.applySettings({ ...s.settings, learningRate: 0.01 });
    s.reset();
    expect(s.divergence).toBeNull();
    expect(s.playBatch()).toBe(true);
  });
});

describe('regression metrics', () => {
  it('reports RMSE in original units and R² instead of accuracy', () => {
    const s = new LabSession(regressionDataset(), { ...defaultSettings(), hiddenLayers: [], learningRate: 0.1, batchSize: 10 });
    expect([s.settings.outputActivation, s.settings.loss]).toEqual(['linear', 'mse']);
    for (let i = 0; i < 30; i++) s.stepEpoch();
    const train = s.metrics.latest!.train;
    expect(train.accuracy).toBeNull();
    expect(train.r2).toBeGreaterThan(0.99);
    // mse = 1/(2m)Σ(a − y)² so RMSE (standardised) = √(2·loss); ×σ = 2 in original units (tolerance 1e-9).
    expect(train.rmse).toBeCloseTo(2 * Math.sqrt(2 * train.loss), 9);
    expect(s.metrics.latest!.test).toBeNull();
  });
});

describe('rebuilds', () => {
  it('a run of rebuilds trains exactly as fresh sessions of the same settings do', () => {
    const s = session();
    for (const patch of [{ seed: 11 }, { hiddenLayers: [4] }, { seed: 12, hiddenLayers: [2, 2] }] as Partial<LabSettings>[]) {
      s.stepEpoch();
      s.applySettings({ ...s.settings, ...patch });
      const fresh = session({ ...patch, hiddenLayers: patch.hiddenLayers ?? s.settings.hiddenLayers, seed: patch.seed ?? s.settings.seed });
      for (let e = 0; e < 2; e++) {
        s.stepEpoch();
        fresh.stepEpoch();
      }
      expect(s.history.map((h) => Array.from(h.indices))).toEqual(fresh.history.map((h) => Array.from(h.indices)));
      expect(data(s)).toEqual(data(fresh));
    }
  });
});

