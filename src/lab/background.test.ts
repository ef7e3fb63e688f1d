import { describe, expect, it } from 'vitest';
import { buildDataset, datasetFromSettings, loadCsvText, DEFAULT_DATA_SETTINGS, type Dataset, type Table } from '../data';
import { bigCsv } from '../data/testing/bigCsv';
import { LabController, SLICED_BUILD_CELLS, type LoadedFile } from './controller';
import { INCREMENTAL_EVALUATION_WORK, LabSession } from './session';
import { defaultSettings } from './settings';

/** 30,000 rows × 6 columns (180,000 cells): 24,000 training samples, 6,000 test samples. */
const TABLE: Table = loadCsvText(bigCsv(30_000), { name: 'big.csv' });
const DATASET = buildDataset(TABLE, DEFAULT_DATA_SETTINGS, { seed: 1 });
// 5-32-32-1: 1,216 weights × 30,000 samples ≈ 36 M multiply-adds, far above INCREMENTAL_EVALUATION_WORK.
const SETTINGS = { ...defaultSettings(), hiddenLayers: [32, 32], batchSize: 500 };

/** A clock that advances 1 ms per read, so every budget ends. */
function clock(): () => number {
  let t = 0;
  return () => (t += 1);
}

describe('a session that evaluates in slices', () => {
  it('is asked to: the work is above the threshold', () => {
    expect(30_000 * (5 * 32 + 32 * 32 + 32)).toBeGreaterThan(INCREMENTAL_EVALUATION_WORK);
  });

  it('gives the same start, epoch and on-demand evaluations as one that evaluates at once, later', () => {
    const now = clock();
    const atOnce = new LabSession(DATASET, SETTINGS);
    const sliced = new LabSession(DATASET, SETTINGS, undefined, { incrementalEvaluation: true });
    expect(atOnce.metrics.latest).not.toBeNull();
    expect(sliced.metrics.latest).toBeNull();
    expect(sliced.evaluating).toEqual({ done: 0, total: 30_000 });
    let calls = 0;
    while (!sliced.advanceEvaluation(now, 3)) calls++;
    expect(calls).toBeGreaterThan(1);
    expect(sliced.evaluating).toBeNull();
    expect(sliced.metrics.latest).toEqual(atOnce.metrics.latest);

    // One epoch (48 batches of 500): its evaluation waits, training goes on meanwhile from the same numbers.
    atOnce.stepEpoch();
    sliced.stepEpoch();
    expect(sliced.metrics.epochs.length).toBe(1);
    sliced.finishBatch();
    atOnce.finishBatch();
    while (!sliced.advanceEvaluation(now, 5));
    expect(sliced.metrics.epochs).toEqual(atOnce.metrics.epochs);

    const demanded = atOnce.evaluateNow();
    expect(sliced.evaluateNow()).toBeNull();
    while (!sliced.advanceEvaluation(now, 5));
    expect(sliced.metrics.latest).toEqual(demanded);
  });
});

describe('a controller with a background scheduler', () => {
  /** Rows enough that the table is built in slices. */
  const rows = Math.ceil(SLICED_BUILD_CELLS / 6) + 1_000;
  const big = loadCsvText(bigCsv(rows), { name: 'huge.csv' });
  const file: LoadedFile = { table: big, ref: { name: 'huge.csv', rows, sha256: 'ab'.repeat(32) } };

  function setUp(): { c: LabController; tasks: (() => void)[]; run: () => number } {
    const c = new LabController({ now: clock() });
    c.start();
    const tasks: (() => void)[] = [];
    c.runInBackground((task) => tasks.push(task));
    const run = () => {
      let n = 0;
      for (; tasks.length > 0 && n < 100_000; n++) (tasks.shift() as () => void)();
      return n;
    };
    return { c, tasks, run };
  }

  it('builds a large file\'s dataset over many tasks, showing the choice and the progress, then the same dataset as at once', () => {
    const { c, tasks, run } = setUp();
    const before = c.getView().data.dataset;
    c.uploadTraining(file);
    let view = c.getView();
    expect(view.data.dataset).toBe(before);
    expect(view.data.table).toBe(big);
    expect(view.notices.some((n) => n.text.startsWith('Preparing the data'))).toBe(true);
    expect(tasks.length).toBe(1);
    expect(run()).toBeGreaterThan(1);
    view = c.getView();
    const expected = datasetFromSettings({ ...DEFAULT_DATA_SETTINGS, source: big.id }, { uploaded: big, test: null }, c.settings.seed);
    expect(view.data.dataset?.summary).toBe(expected.summary);
    const bytes = (x: Float64Array | undefined) => Buffer.from(x ? new Uint8Array(x.buffer, x.byteOffset, x.byteLength) : []);
    expect(bytes(view.data.dataset?.train.X.data).equals(bytes(expected.train.X.data))).toBe(true);
    expect(view.notices.some((n) => /Preparing|Evaluating/.test(n.text))).toBe(false);
    expect(c.busy).toBe(false);
  });

  it('a newer choice replaces one still being built; a choice that cannot work leaves the last dataset and says why', () => {
    const { c, run } = setUp();
    c.uploadTraining(file);
    run();
    const loaded = c.getView().data.dataset;
    c.changeData({ normalization: 'minmax' });
    c.changeData({ normalization: 'none' });
    run();
    expect(c.getView().data.dataset?.normalization.kind).toBe('none');
    expect(c.state().data.normalization).toBe('none');
    const none = c.getView().data.dataset;
    c.changeData({ features: ['zzz'] });
    expect(c.getView().data.settings.features).toEqual(['zzz']);
    run();
    const view = c.getView();
    expect(view.data.failure?.error.message).toMatch(/No feature is selected/);
    expect(view.data.dataset).toBe(none);
    expect(view.data.settings.features).toBeNull();
    expect(loaded).not.toBe(none);
  });

  it('leaves the dataset Undo would bring back intact while another is built, and gives its memory to the new one once committed', () => {
    const { c, tasks, run } = setUp();
    // A table of its own: the other tests' datasets of `big` may share arrays with this one's (and are never retired).
    const own = loadCsvText(bigCsv(rows), { name: 'huge.csv' });
    c.uploadTraining({ ...file, table: own });
    run();
    const loaded = c.getView().data.dataset as Dataset;
    const copies = [loaded.train.X.data, loaded.train.rawX.data, loaded.train.Y.data].map((a) => a.slice());
    c.reset();
    c.changeData({ features: ['a', 'b'] });
    (tasks.shift() as () => void)();
    expect(c.getView().notices.some((n) => n.text.startsWith('Preparing the data'))).toBe(true);
    c.undo();
    run();
    expect(c.getView().data.dataset).toBe(loaded);
    [loaded.train.X.data, loaded.train.rawX.data, loaded.train.Y.data].forEach((a, k) => expect(Buffer.from(a.buffer).equals(Buffer.from(copies[k].buffer))).toBe(true));

    // Now committed: the new dataset is the one a fresh build gives, and the old one's arrays are given back.
    c.changeData({ features: ['a', 'b'] });
    run();
    const settings = { ...DEFAULT_DATA_SETTINGS, source: own.id, features: ['a', 'b'] };
    const fresh = datasetFromSettings(settings, { uploaded: own, test: null }, c.settings.seed);
    const now = c.getView().data.dataset as Dataset;
    expect(now.featureNames).toEqual(['a', 'b']);
    for (const m of ['X', 'rawX', 'Y'] as const) expect(Buffer.from(now.train[m].data.buffer).equals(Buffer.from(fresh.train[m].data.buffer))).toBe(true);
    // The old matrices are given back, or hold the new dataset's values now.
    const buffers = new Set([now.train.X, now.train.rawX, now.train.Y].map((m) => m.data.buffer));
    for (const old of [loaded.train.X.data, loaded.train.rawX.data]) expect(old.length === 0 || buffers.has(old.buffer)).toBe(true);
    expect(c.getView().undoLabel).toBeNull();
  });
});

describe('background work during play', () => {
  /**
   * A lab on the large table playing at full speed until an epoch's evaluation is under way (48
   * batches of 500), with its background tasks queued; `published` counts what it publishes from here.
   */
  function playingIntoAnEvaluation() {
    const c = new LabController({ now: clock() });
    c.start();
    const tasks: (() => void)[] = [];
    c.runInBackground((task) => tasks.push(task));
    c.uploadTraining({ table: TABLE, ref: { name: 'big.csv', rows: 30_000, sha256: 'cd'.repeat(32) } });
    c.applySettings({ ...c.settings, hiddenLayers: [32, 32], batchSize: 500, speed: 'max' });
    while (tasks.length > 0) (tasks.shift() as () => void)();
    c.play();
    for (let f = 0; f < 1000 && !c.busy; f++) c.playFrame();
    expect(c.busy).toBe(true);
    expect(c.getView().notices.some((n) => n.text.startsWith('Evaluating'))).toBe(true);
    const runTasks = () => {
      for (let n = 0; n < 100_000 && tasks.length > 0; n++) (tasks.shift() as () => void)();
    };
    return { c, evaluations: c.getView().metrics.epochs.length, published: 0, runTasks };
  }

  /** The view after the evaluation: its notice gone, one more epoch's metrics. */
  function expectEvaluated(lab: { c: LabController; evaluations: number }): void {
    const view = lab.c.getView();
    expect(view.notices.some((n) => n.text.startsWith('Evaluating'))).toBe(false);
    expect(view.metrics.epochs.length).toBe(lab.evaluations + 1);
  }

  it('a slice publishes nothing between two frames: the next frame shows what it did', () => {
    const lab = playingIntoAnEvaluation();
    const stop = lab.c.subscribe(() => lab.published++);
    lab.runTasks();
    expect(lab.c.busy).toBe(false);
    expect(lab.published).toBe(0);
    lab.c.playFrame();
    expect(lab.published).toBe(1);
    expectEvaluated(lab);
    stop();
  });

  it('nor while a pause\'s stopped frame waits to be painted: settlePause shows what it did', () => {
    const lab = playingIntoAnEvaluation();
    lab.c.togglePlay();
    expect(lab.c.getView().playing).toBe(false);
    const stop = lab.c.subscribe(() => lab.published++);
    lab.runTasks();
    expect(lab.c.busy).toBe(false);
    expect(lab.published).toBe(0);
    lab.c.settlePause();
    expect(lab.published).toBe(1);
    expectEvaluated(lab);
    stop();
  });
});
