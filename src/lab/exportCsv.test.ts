import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { datasetFromSettings, DEFAULT_DATA_SETTINGS } from '../data';
import { predict } from '../nn';
import { metricsCsv, predictionsCsv, toCsv } from './exportCsv';
import { lossHistoryOf } from './lossHistory';
import { binaryDataset, regressionDataset } from './fixtures';
import { LabSession } from './session';
import { defaultSettings, type LabSettings } from './settings';
import type { LabDataset } from './dataset';

const parse = (csv: string): string[][] => Papa.parse<string[]>(csv.trimEnd(), { newline: '\r\n' }).data;
const session = (dataset: LabDataset, patch: Partial<LabSettings> = {}) =>
  new LabSession(dataset, { ...defaultSettings(), hiddenLayers: [4], batchSize: 10, ...patch });

describe('toCsv', () => {
  it('quotes commas and quotes (doubled), and ends lines with CRLF', () => {
    expect(toCsv([['a,"b"', 'plain'], [1, 2]])).toBe('"a,""b""",plain\r\n1,2\r\n');
  });

  it("puts a single quote before text that a spreadsheet would run as a formula", () => {
    const csv = toCsv([['=cmd()', '+1+cmd', '-x', '@SUM(A1)', '\tTAB', 'ok=1']]);
    expect(parse(csv)[0]).toEqual(["'=cmd()", "'+1+cmd", "'-x", "'@SUM(A1)", "'\tTAB", 'ok=1']);
  });

  it('leaves numbers, and labels that are plain numbers, alone; writes non-finite numbers as empty cells', () => {
    expect(toCsv([[-1, '-1', '+2.5', '-3e-4', Number.NaN, null]])).toBe('-1,-1,+2.5,-3e-4,,\r\n');
  });
});

describe('metricsCsv', () => {
  it('lists every update with its epoch and batch, and the evaluations on the rows that ended an epoch', () => {
    // 23 samples, batch 10: batches of 10, 10, 3 → epoch ends at t = 3 and t = 6.
    const s = session(binaryDataset());
    s.stepEpoch();
    s.stepEpoch();
    const rows = parse(metricsCsv(s.metrics, 'binary'));
    expect(rows[0]).toEqual(['update', 'epoch', 'batch', 'batch_loss', 'train_loss', 'train_accuracy', 'test_loss', 'test_accuracy']);
    expect(rows.slice(1).map((r) => r.slice(0, 3))).toEqual([
      ['0', '', ''], ['1', '1', '1'], ['2', '1', '2'], ['3', '1', '3'], ['4', '2', '1'], ['5', '2', '2'], ['6', '2', '3'],
    ]);
    expect(Number(rows[2][3])).toBe(s.metrics.batchLoss.at(1));
    expect(rows[0]).not.toContain('batch_loss_updates');
    const end = s.metrics.epochs[2];
    expect(Number(rows[7][4])).toBe(end.train.loss);
    expect(Number(rows[7][5])).toBe(end.train.accuracy);
    expect(Number(rows[7][6])).toBe(end.test?.loss);
    expect(rows[5].slice(4)).toEqual(['', '', '', '']);
    expect(rows[1][4]).not.toBe('');
  });

  it('counts batches right when the batch size changes mid-epoch', () => {
    const s = session(binaryDataset());
    s.finishBatch();
    s.applySettings({ ...s.settings, batchSize: 5 });
    s.stepEpoch();
    s.finishBatch();
    // Epoch 1: one batch of 10, then the remaining 13 in batches of 5, 5, 3.
    const rows = parse(metricsCsv(s.metrics, 'binary')).slice(2);
    expect(rows.map((r) => `${r[1]}.${r[2]}`)).toEqual(['1.1', '1.2', '1.3', '1.4', '2.1']);
  });

  it('writes a bucketed past as mean rows with the number of updates, and keeps every evaluation row', () => {
    // 23 samples, batch 10: epoch ends at t = 3, 6, 9, 12. A history of 4 recent updates and 4 past
    // buckets holds, after 12 updates: [1..4] [5..8] as buckets (mean), then 9, 10, 11, 12 exactly.
    const s = session(binaryDataset());
    for (let k = 0; k < 4; k++) s.stepEpoch();
    const exact = s.metrics.batchLoss.tail(12);
    expect(exact).toHaveLength(12);
    const metrics = { ...s.metrics, batchLoss: lossHistoryOf(exact, { recent: 4, buckets: 4 }) };
    expect(metrics.batchLoss.points().map((p) => [p.first, p.last])).toEqual([[1, 4], [5, 8], [9, 9], [10, 10], [11, 11], [12, 12]]);
    const rows = parse(metricsCsv(metrics, 'binary'));
    expect(rows[0][rows[0].length - 1]).toBe('batch_loss_updates');
    const mean = (from: number, to: number) => exact.slice(from - 1, to).reduce((a, b) => a + b) / (to - from + 1);
    // update, epoch, batch, batch_loss, train_loss (evaluations at 0, 3, 6, 9, 12), batch_loss_updates
    const brief = rows.slice(1).map((r) => [r[0], r[1], r[2], r[3] === '' ? '' : 'loss', r[4] === '' ? '' : 'eval', r[r.length - 1]]);
    expect(brief).toEqual([
      ['0', '', '', '', 'eval', ''],
      ['3', '1', '3', '', 'eval', ''],
      ['4', '2', '1', 'loss', '', '4'],
      ['6', '2', '3', '', 'eval', ''],
      ['8', '3', '2', 'loss', '', '4'],
      ['9', '3', '3', 'loss', 'eval', '1'],
      ['10', '4', '1', 'loss', '', '1'],
      ['11', '4', '2', 'loss', '', '1'],
      ['12', '4', '3', 'loss', 'eval', '1'],
    ]);
    expect(Number(rows[3][3])).toBeCloseTo(mean(1, 4), 12);
    expect(Number(rows[5][3])).toBeCloseTo(mean(5, 8), 12);
    expect(Number(rows[6][3])).toBe(exact[8]);
    expect(Number(rows[4][4])).toBe(s.metrics.epochs[2].train.loss);
  });

  it('reports RMSE and R² for regression', () => {
    const s = session(regressionDataset());
    s.stepEpoch();
    const rows = parse(metricsCsv(s.metrics, 'regression'));
    expect(rows[0]).toEqual(['update', 'epoch', 'batch', 'batch_loss', 'train_loss', 'train_rmse', 'train_r2', 'test_loss', 'test_rmse', 'test_r2']);
    expect(Number(rows[rows.length - 1][5])).toBeCloseTo(s.metrics.latest?.train.rmse ?? Number.NaN, 12);
    expect(rows[rows.length - 1][7]).toBe('');
  });
});

describe('predictionsCsv', () => {
  it('writes original features, target, prediction and P for a binary task; hostile names stay data', () => {
    const dataset = { ...binaryDataset(), featureNames: ['a,"b"', '=cmd()'], targetName: '@target', classes: ['no', 'yes'] };
    const s = session(dataset);
    s.stepEpoch();
    const rows = parse(predictionsCsv(s.network, dataset));
    expect(rows[0]).toEqual(['a,"b"', "'=cmd()", "'@target", 'predicted @target', 'P(@target = yes)']);
    expect(rows).toHaveLength(11); // the test split: 10 rows
    const A = predict(s.network, dataset.test!.X);
    rows.slice(1).forEach((row, j) => {
      expect(Number(row[0])).toBe(dataset.test!.rawX.get(0, j));
      expect(Number(row[1])).toBe(dataset.test!.rawX.get(1, j));
      expect(row[2]).toBe(dataset.test!.Y.get(0, j) === 1 ? 'yes' : 'no');
      expect(row[3]).toBe(A.get(0, j) >= 0.5 ? 'yes' : 'no');
      expect(Number(row[4])).toBe(A.get(0, j));
    });
    expect(parse(predictionsCsv(s.network, dataset, 'train'))).toHaveLength(24);
  });

  it('writes one probability per class for a multiclass task (three blobs)', () => {
    const dataset = datasetFromSettings({ ...DEFAULT_DATA_SETTINGS, source: 'builtin:blobs' }, { uploaded: null, test: null }, 1);
    const s = session(dataset);
    s.stepEpoch();
    const rows = parse(predictionsCsv(s.network, dataset));
    const k = dataset.classes.length;
    expect(k).toBe(3);
    expect(rows[0].slice(-k)).toEqual(dataset.classes.map((c) => `P(${dataset.targetName} = ${c})`));
    for (const row of rows.slice(1)) {
      const p = row.slice(-k).map(Number);
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(row[row.length - k - 1]).toBe(dataset.classes[p.indexOf(Math.max(...p))]);
      expect(dataset.classes).toContain(row[row.length - k - 2]);
    }
  });

  it('writes regression targets and predictions in the target’s own units (σ = 2)', () => {
    const dataset = regressionDataset();
    const s = session(dataset);
    s.stepEpoch();
    const rows = parse(predictionsCsv(s.network, dataset));
    expect(rows[0]).toEqual(['x1', 'x2', 'y', 'predicted y', 'output a']);
    const A = predict(s.network, dataset.train.X);
    expect(Number(rows[1][2])).toBeCloseTo(2 * dataset.train.Y.get(0, 0), 12);
    expect(Number(rows[1][3])).toBeCloseTo(2 * A.get(0, 0), 12);
    expect(() => predictionsCsv(s.network, dataset, 'test')).toThrow(/no test split/);
  });
});
