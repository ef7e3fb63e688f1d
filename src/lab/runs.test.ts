import { describe, expect, it } from 'vitest';
import { binaryDataset } from './fixtures';
import { KEPT_LOSS_POINTS, MAX_KEPT_RUNS, noteRateChange, runMarkers, type KeptRun, type RateChange, type RunSnapshot } from './runs';
import { describeDifferences, keepRun, removeRun, runsFromPlain, runsToPlain } from './runsKeep';
import { LabSession } from './session';
import { defaultSettings, type LabSettings } from './settings';
import { lossHistoryOf } from './lossHistory';

/** Trains a session for `epochs` epochs at the given settings and returns what "Keep this run" is given. */
function snapshotOf(settings: LabSettings, epochs = 2): { snapshot: RunSnapshot; session: LabSession } {
  const session = new LabSession(binaryDataset(40), settings);
  for (let e = 0; e < epochs; e++) session.stepEpoch();
  const changes = noteRateChange([], 0, settings);
  return { session, snapshot: { dataset: session.dataset.name, settings: session.settings, batchLoss: session.metrics.batchLoss, epochs: session.metrics.epochs, changes } };
}

const base = { ...defaultSettings(), hiddenLayers: [3], batchSize: 10 };

describe('keepRun', () => {
  it('pins the session’s loss curve, per-epoch loss and accuracy, and settings', () => {
    const { snapshot, session } = snapshotOf(base, 3);
    const { runs, dropped } = keepRun([], snapshot);
    expect(dropped).toBeNull();
    const run = runs[0];
    expect(run).toMatchObject({ id: 'run-1', label: 'Run 1', dataset: 'binary test set', updates: 12 });
    // 12 updates are fewer than KEPT_LOSS_POINTS: one point per update, y = record.loss of update x.
    expect(run.loss.map((p) => p.x)).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    run.loss.forEach((p, i) => expect(p.y).toBe(session.metrics.batchLoss.at(i + 1)));
    expect(run.epochs).toHaveLength(4);
    run.epochs.forEach((e, i) => {
      const point = session.metrics.epochs[i];
      expect(e).toEqual({ epoch: point.epoch, update: point.update, trainLoss: point.train.loss, testLoss: point.test!.loss, trainAccuracy: point.train.accuracy, testAccuracy: point.test!.accuracy });
    });
    // The kept run is a copy: training on does not move it.
    session.stepEpoch();
    expect(run.loss).toHaveLength(12);
    expect(run.settings).not.toBe(session.settings);
  });

  it('downsamples a long curve to KEPT_LOSS_POINTS, keeps at most MAX_KEPT_RUNS, numbering on', () => {
    const long = lossHistoryOf(Array.from({ length: 10_000 }, (_, i) => 1 / (i + 1)));
    const snapshot: RunSnapshot = { dataset: 'd', settings: base, batchLoss: long, epochs: [], changes: [] };
    let runs: KeptRun[] = [];
    const dropped: (KeptRun | null)[] = [];
    for (let k = 0; k < MAX_KEPT_RUNS + 2; k++) {
      const next = keepRun(runs, snapshot);
      runs = next.runs;
      dropped.push(next.dropped);
    }
    expect(runs.map((r) => r.label)).toEqual(['Run 3', 'Run 4', 'Run 5', 'Run 6']);
    expect(dropped.map((d) => d?.label ?? null)).toEqual([null, null, null, null, 'Run 1', 'Run 2']);
    expect(runs[0].loss.length).toBeLessThanOrEqual(KEPT_LOSS_POINTS);
    // Bucket means of 1/(i+1): the first point averages the first 25 values.
    expect(runs[0].loss[0].y).toBeCloseTo(Array.from({ length: 25 }, (_, i) => 1 / (i + 1)).reduce((a, b) => a + b) / 25, 12);
    runs = removeRun(runs, 'run-4');
    expect(runs.map((r) => r.id)).toEqual(['run-3', 'run-5', 'run-6']);
    expect(keepRun(runs, snapshot).runs[3].label).toBe('Run 7');
  });
});

describe('markers', () => {
  it('marks where η, m or λ changed mid-run, merging changes made before the next batch', () => {
    let changes: readonly RateChange[] = noteRateChange([], 0, base);
    expect(noteRateChange(changes, 5, base)).toBe(changes);
    changes = noteRateChange(changes, 5, { ...base, learningRate: 1 });
    changes = noteRateChange(changes, 5, { ...base, learningRate: 0.5 });
    changes = noteRateChange(changes, 9, { ...base, learningRate: 0.5, batchSize: 20, l2: 0.01 });
    changes = noteRateChange(changes, 12, { ...base, learningRate: 0.5, batchSize: 20, l2: 0.02 });
    changes = noteRateChange(changes, 12, { ...base, learningRate: 0.5, batchSize: 20, l2: 0.01 });
    expect(runMarkers(changes)).toEqual([
      { update: 5, text: 'η 0.1 → 0.5' },
      { update: 9, text: 'm 10 → 20, λ 0 → 0.01' },
    ]);
    expect(changes).toHaveLength(3);
  });

  it('a change before the first update is the run’s setting, not a marker', () => {
    const changes = noteRateChange(noteRateChange([], 0, base), 0, { ...base, learningRate: 2 });
    expect(changes).toEqual([{ update: 0, learningRate: 2, batchSize: 10, l2: 0 }]);
    expect(runMarkers(changes)).toEqual([]);
  });
});

describe('describeDifferences', () => {
  const kept = (settings: LabSettings, dataset = 'd') => keepRun([], { dataset, settings, batchLoss: lossHistoryOf([1]), epochs: [], changes: [] }).runs[0];

  it('says, for each kept run, what differed from the current settings, with the kept value', () => {
    const runs = [
      kept({ ...base, learningRate: 1 }),
      kept({ ...base, batchSize: 50, hiddenActivation: 'relu', optimizer: 'adam', hiddenLayers: [8, 8], seed: 7, l2: 0.001, init: 'he' }),
      kept(base),
      kept({ ...base, loss: 'mse', hiddenLayers: [] }, 'other'),
    ];
    const d = describeDifferences(runs, { settings: base, dataset: 'd' });
    expect(d.map((x) => x.text)).toEqual([
      'η = 1',
      'm = 50, relu, adam, layers 8-8, seed 7, λ = 0.001, he init',
      'same settings',
      'other, no hidden layer, mse loss',
    ]);
    expect(d[1].differences.map((x) => x.key)).toEqual(['batchSize', 'hiddenActivation', 'optimizer', 'hiddenLayers', 'seed', 'l2', 'init']);
    expect(d.map((x) => x.label)).toEqual(['Run 1', 'Run 1', 'Run 1', 'Run 1']);
  });
});

describe('runsToPlain / runsFromPlain', () => {
  it('round-trips through JSON', () => {
    const { snapshot } = snapshotOf(base);
    let runs = keepRun([], snapshot).runs;
    runs = keepRun(runs, { ...snapshot, settings: { ...base, learningRate: 0.5 }, changes: [...snapshot.changes, { update: 3, learningRate: 0.5, batchSize: 10, l2: 0 }] }).runs;
    const json = JSON.parse(JSON.stringify(runsToPlain(runs)));
    const back = runsFromPlain(json);
    expect(back.errors).toEqual([]);
    expect(back.runs).toEqual(runs);
    expect(back.runs[1].markers).toEqual([{ update: 3, text: 'η 0.1 → 0.5' }]);
  });

  it('never throws on hostile input, and says what it left out', () => {
    const hostile: unknown[] = [
      null, undefined, 42, 'runs', {}, [null], [[]], [{ settings: 'x' }],
      [{ settings: { learningRate: 'NaN', hiddenLayers: '1-2-3-4-5-6-7-8', seed: -1 }, loss: [[1, Infinity], [2, 3], 'x', [1]], epochs: [{ epoch: 1 }, null], markers: [{ update: 'a' }, { update: 2, text: 5 }] }],
      [{ settings: {}, id: '__proto__', label: '<img src=x onerror=alert(1)>'.repeat(10), loss: Array.from({ length: 5000 }, (_, i) => [i, 1]) }],
      Array.from({ length: 10 }, () => ({ settings: {}, id: 'run-1' })),
      JSON.parse('[{"settings": {"__proto__": {"polluted": true}}, "__proto__": {"polluted": true}}]'),
    ];
    for (const input of hostile) {
      const { runs, errors } = runsFromPlain(input);
      expect(runs.length).toBeLessThanOrEqual(MAX_KEPT_RUNS);
      expect(new Set(runs.map((r) => r.id)).size).toBe(runs.length);
      for (const r of runs) {
        expect(r.loss.length).toBeLessThanOrEqual(KEPT_LOSS_POINTS);
        expect(r.label.length).toBeLessThanOrEqual(40);
        expect(r.id).toMatch(/^run-\d+$/);
        for (const p of r.loss) expect(Number.isFinite(p.y)).toBe(true);
      }
      expect(Array.isArray(errors)).toBe(true);
    }
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(runsFromPlain('runs').errors).toEqual(['runs: expected a list of kept runs']);
    expect(runsFromPlain([{ settings: 'x' }])).toEqual({ runs: [], errors: ['runs[0]: settings missing'] });
    const bad = runsFromPlain(hostile[8]);
    expect(bad.runs[0].loss).toEqual([{ x: 2, y: 3 }]);
    expect(bad.runs[0].settings.learningRate).toBe(defaultSettings().learningRate);
    expect(bad.errors.some((e) => e.startsWith('runs[0].settings.learningRate'))).toBe(true);
    expect(bad.runs[0].markers).toEqual([]);
    expect(runsFromPlain(hostile[10]).errors[0]).toBe('runs: only the first 4 of 10 kept runs were read');
  });
});
