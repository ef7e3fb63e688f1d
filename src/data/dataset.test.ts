import { describe, expect, it } from 'vitest';
import { buildDataset } from './dataset';
import { DataError } from './errors';
import { loadCsvText } from './load';
import { DEFAULT_DATA_SETTINGS, type DataChoices } from './settings';

const choices = (over: Partial<DataChoices> = {}): DataChoices => ({ ...DEFAULT_DATA_SETTINGS, ...over });
const csv = (text: string, name = 't.csv') => loadCsvText(text, { name });

// 10 rows: x = 1..10 spaced by 2 (not an index), colour in 3 labels, label 0/1 alternating.
const TEN = csv(`x,colour,label\n${Array.from({ length: 10 }, (_, i) => `${2 * i + 1},${['red', 'blue', 'green'][i % 3]},${i % 2}`).join('\n')}\n`);

describe('buildDataset', () => {
  it('splits with the seed: same seed → same parts, parts disjoint and complete', () => {
    const a = buildDataset(TEN, choices(), { seed: 9 });
    const b = buildDataset(TEN, choices(), { seed: 9 });
    expect(a.train.rawX.data).toEqual(b.train.rawX.data);
    expect(a.train.X.cols).toBe(8);
    expect(a.test?.X.cols).toBe(2);
    const xs = [...a.train.rawX.data.subarray(0, 8), ...(a.test?.rawX.data.subarray(0, 2) ?? [])].sort((p, q) => p - q);
    expect(xs).toEqual([1, 3, 5, 7, 9, 11, 13, 15, 17, 19]);
    const others = Array.from({ length: 20 }, (_, s) => buildDataset(TEN, choices(), { seed: s }).test?.rawX.data.join());
    expect(new Set(others).size).toBeGreaterThan(5);
  });

  it('fits z-score μ and σ on the training part only', () => {
    const d = buildDataset(TEN, choices(), { seed: 2 });
    const train = Array.from(d.train.rawX.data.subarray(0, 8));
    const mean = train.reduce((p, q) => p + q, 0) / 8;
    const std = Math.sqrt(train.reduce((p, q) => p + (q - mean) ** 2, 0) / 8);
    expect(d.normalization.stats[0].mean).toBeCloseTo(mean, 12);
    expect(d.normalization.stats[0].std).toBeCloseTo(std, 12);
    expect(d.test?.X.get(0, 0)).toBeCloseTo(((d.test?.rawX.get(0, 0) ?? 0) - mean) / std, 12);
  });

  it('min–max maps the training range to [0, 1]; none leaves X = rawX', () => {
    const minmax = buildDataset(TEN, choices({ normalization: 'minmax', trainPercent: 100 }), { seed: 1 });
    expect(Math.min(...minmax.train.X.data.subarray(0, 10))).toBe(0);
    expect(Math.max(...minmax.train.X.data.subarray(0, 10))).toBe(1);
    expect(minmax.test).toBeNull();
    expect(minmax.summary).toMatch(/no test part$/);
    const none = buildDataset(TEN, choices({ normalization: 'none' }), { seed: 1 });
    expect(none.train.X.data).toEqual(none.train.rawX.data);
  });

  it('one-hot encodes a chosen categorical feature as Colour=label rows', () => {
    const d = buildDataset(TEN, choices({ features: ['x', 'colour'], trainPercent: 100, normalization: 'none' }), { seed: 1 });
    expect(d.featureNames).toEqual(['x', 'colour=blue', 'colour=green', 'colour=red']);
    // Row 0 is red, row 1 blue: columns of X are samples.
    expect([d.train.rawX.get(1, 0), d.train.rawX.get(2, 0), d.train.rawX.get(3, 0)]).toEqual([0, 0, 1]);
    expect([d.train.rawX.get(1, 1), d.train.rawX.get(2, 1), d.train.rawX.get(3, 1)]).toEqual([1, 0, 0]);
  });

  it('learns a 3-label target as multiclass with one-hot Y (k × m)', () => {
    const d = buildDataset(TEN, choices({ target: 'colour', trainPercent: 100 }), { seed: 1 });
    expect(d.task).toBe('multiclass');
    expect(d.classes).toEqual(['blue', 'green', 'red']);
    expect(d.outputSize).toBe(3);
    expect(d.train.Y.rows).toBe(3);
    expect(d.featureNames).toEqual(['x', 'label']);
    for (let i = 0; i < 10; i++) expect(d.train.Y.get(0, i) + d.train.Y.get(1, i) + d.train.Y.get(2, i)).toBe(1);
    expect(d.summary).toBe('10 rows · 2 features · target colour (3 classes) · no test part');
  });

  it('drops rows with missing values and says how many; or fills in the training mean', () => {
    const table = csv('a,b,label\n1,10,0\nNA,20,1\n3,,0\n5,40,1\n7,50,0\n9,60,1\n');
    const dropped = buildDataset(table, choices({ trainPercent: 100 }), { seed: 1 });
    expect(dropped.train.X.cols).toBe(4);
    expect(dropped.notices).toContain('2 rows with missing values dropped.');
    expect(dropped.summary).toMatch(/^4 rows/);
    const filled = buildDataset(table, choices({ trainPercent: 100, missing: 'mean', normalization: 'none' }), { seed: 1 });
    expect(filled.train.X.cols).toBe(6);
    expect(filled.train.rawX.get(0, 1)).toBe((1 + 3 + 5 + 7 + 9) / 5);
    expect(filled.train.rawX.get(1, 2)).toBe((10 + 20 + 40 + 50 + 60) / 5);
  });

  it('drops rows whose target is missing, whatever the policy', () => {
    const d = buildDataset(csv('a,label\n1,0\n2.5,\n3,1\n4,0\n5,1\n'), choices({ missing: 'mean', trainPercent: 100 }), { seed: 1 });
    expect(d.train.X.cols).toBe(4);
    expect(d.notices).toContain('1 row without a target value dropped.');
  });

  it('checks a test file’s columns against the training file’s', () => {
    const train = csv('a,b,label\n1,2,0\n2,3,1\n3,5,0\n');
    const missingColumn = csv('a,c,label\n1,2,0\n2,3,1\n', 'other.csv');
    expect(() => buildDataset(train, choices(), { seed: 1, test: missingColumn }))
      .toThrow(/The test file "other.csv" has no column "b" \(its columns: a, c, label\)/);
    const textColumn = csv('a,b,label\n1,x,0\n2,y,1\n3,z,1\n', 'words.csv');
    expect(() => buildDataset(train, choices(), { seed: 1, test: textColumn })).toThrow(/"b" holds numbers in the training data but text values/);
    const extraClass = csv('a,b,label\n1,2,0\n2,3,1\n2,3,7\n', 'seven.csv');
    const d = buildDataset(train, choices(), { seed: 1, test: extraClass });
    expect(d.test?.X.cols).toBe(2);
    expect(d.notices).toContain('Test file: 1 row without a known target class dropped.');
  });

  it('refuses a target that is text, a date or an index, and an empty feature choice', () => {
    const t = csv('id,when,name,x,label\n1,2024-01-01,ann,3,0\n2,2024-01-02,bob,1,1\n3,2024-01-03,cy,2,0\n');
    for (const target of ['when', 'name']) expect(() => buildDataset(t, choices({ target }), { seed: 1 })).toThrow(DataError);
    expect(() => buildDataset(t, choices({ target: 'id' }), { seed: 1 })).toThrow(/row-number column/);
    expect(() => buildDataset(t, choices({ features: [] }), { seed: 1 })).toThrow(/No feature is selected/);
    // An index or a date can be ticked as a feature (dates in ms).
    const d = buildDataset(t, choices({ features: ['id', 'when', 'x'], trainPercent: 100, normalization: 'none' }), { seed: 1 });
    expect(d.featureNames).toEqual(['id', 'when', 'x']);
    expect(d.train.rawX.get(1, 1) - d.train.rawX.get(1, 0)).toBe(86_400_000);
  });

  it('reads a continuous numeric target as regression (RMSE in original units via targetScale)', () => {
    const rows = Array.from({ length: 30 }, (_, i) => `${i * 0.5},${(i * 0.37).toFixed(2)}`).join('\n');
    const d = buildDataset(csv(`x,y\n${rows}\n`), choices({ trainPercent: 100 }), { seed: 1 });
    expect(d.task).toBe('regression');
    expect(d.summary).toBe('30 rows · 1 feature · target y (regression) · no test part');
    const scale = d.targetScale as { mean: number; std: number };
    expect(d.train.Y.get(0, 3) * scale.std + scale.mean).toBeCloseTo(1.11, 12);
  });
});
