import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildDataset, buildDatasetSteps, drainSteps, SLICE_ROWS, type Dataset } from './dataset';
import { DataError } from './errors';
import { loadCsvText } from './load';
import { DEFAULT_DATA_SETTINGS, type DataChoices } from './settings';
import type { Table } from './table';
import { bigCsv } from './testing/bigCsv';
import { occupancyAvailable, occupancyPath } from './testing/occupancyFiles';
import { referenceBuildDataset } from './testing/referenceDataset';

/**
 * The sliced build against the build as it was (testing/referenceDataset.ts, frozen at commit
 * d0b52eb): the same normalised and raw matrices, Y, file lines, statistics, notices and summary, bit
 * for bit (every value compared with Object.is, so NaN and −0 count too).
 */
function firstDifference(a: Float64Array | Int32Array, b: Float64Array | Int32Array): number {
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

function expectSame(actual: Dataset, expected: Dataset): void {
  expect(actual.featureNames).toEqual(expected.featureNames);
  expect([actual.targetName, actual.task, actual.outputSize]).toEqual([expected.targetName, expected.task, expected.outputSize]);
  expect(actual.classes).toEqual(expected.classes);
  expect(actual.normalization).toEqual(expected.normalization);
  expect(actual.targetScale).toEqual(expected.targetScale);
  expect(actual.notices).toEqual(expected.notices);
  expect(actual.summary).toBe(expected.summary);
  for (const part of ['train', 'test'] as const) {
    const a = actual[part];
    const e = expected[part];
    expect(a === null).toBe(e === null);
    if (!a || !e) continue;
    for (const m of ['X', 'rawX', 'Y'] as const) {
      expect([a[m].rows, a[m].cols]).toEqual([e[m].rows, e[m].cols]);
      expect(firstDifference(a[m].data, e[m].data)).toBe(-1);
    }
    expect(firstDifference(a.lines ?? new Int32Array(0), e.lines ?? new Int32Array(0))).toBe(-1);
  }
}

const choices = (over: Partial<DataChoices> = {}): DataChoices => ({ ...DEFAULT_DATA_SETTINGS, ...over });

// 60 rows with a gap in every column now and then, a label column, a 3-class column and a numeric target.
const MIXED = loadCsvText(`x,colour,size,label,value\n${Array.from({ length: 60 }, (_, i) =>
  `${i % 7 === 3 ? '' : ((i * 37) % 23) / 4},${i % 11 === 5 ? '' : ['red', 'blue', 'green'][i % 3]},${i % 13 === 2 ? 'NA' : (i * 1.7) % 9},${i % 2},${(i * 0.37) % 5}`).join('\n')}\n`, { name: 'mixed.csv' });

const VARIANTS: Partial<DataChoices>[] = [
  {},
  { normalization: 'minmax' },
  { normalization: 'none', trainPercent: 100 },
  { missing: 'mean', trainPercent: 65 },
  { target: 'colour' },
  { target: 'value', features: ['x', 'colour', 'size'] },
  { features: ['colour'], missing: 'mean', trainPercent: 50 },
];

describe('the sliced dataset build equals the build it replaced', () => {
  it('on a table with gaps, labels and every kind of target, for each choice and several seeds', () => {
    for (const over of VARIANTS) {
      for (const seed of [1, 7, 4242]) expectSame(buildDataset(MIXED, choices(over), { seed }), referenceBuildDataset(MIXED, choices(over), { seed }));
    }
  });

  it('with a separate test table (which replaces the split)', () => {
    const test = loadCsvText(`x,colour,size,label,value\n1,red,2,0,1\n2,purple,,1,3\n,blue,4,1,2\n3.5,green,1,0,0.5\n`, { name: 'test.csv' });
    for (const over of VARIANTS.slice(0, 4)) expectSame(buildDataset(MIXED, choices(over), { seed: 3, test }), referenceBuildDataset(MIXED, choices(over), { seed: 3, test }));
  });

  it('on 100,000 rows (passes over a column cut into slices of SLICE_ROWS), after a normalisation change reuses the encoding', () => {
    const table = loadCsvText(bigCsv(100_000), { name: 'big.csv' });
    expect(table.rowCount).toBeGreaterThan(3 * SLICE_ROWS);
    const variants: Partial<DataChoices>[] = [{}, { normalization: 'minmax' }, { features: ['a', 'c', 'e'], trainPercent: 70 }, { target: 'b', missing: 'mean', trainPercent: 55 }];
    for (const over of variants) {
      expectSame(buildDataset(table, choices(over), { seed: 11 }), referenceBuildDataset(table, choices(over), { seed: 11 }));
    }
  }, 60_000);

  it.runIf(occupancyAvailable(['datatraining.txt', 'datatest.txt']))('on UCI Occupancy, split and with its test file', () => {
    const load = (file: 'datatraining.txt' | 'datatest.txt') => loadCsvText(readFileSync(occupancyPath(file), 'utf8'), { name: file });
    const training: Table = load('datatraining.txt');
    const test = load('datatest.txt');
    for (const over of VARIANTS.slice(0, 4)) {
      expectSame(buildDataset(training, choices(over), { seed: 1 }), referenceBuildDataset(training, choices(over), { seed: 1 }));
      expectSame(buildDataset(training, choices(over), { seed: 1, test }), referenceBuildDataset(training, choices(over), { seed: 1, test }));
    }
  });

  it('refuses what the old build refused, with the same message', () => {
    const infinite = loadCsvText('x,y,label\n1,2,0\n3,1e999,1\n4,5,0\n6,7,1\n', { name: 'inf.csv' });
    const message = (build: () => unknown) => { try { build(); return null; } catch (e) { return e instanceof DataError ? e.message : String(e); } };
    const expected = message(() => referenceBuildDataset(infinite, choices(), { seed: 1 }));
    expect(expected).toMatch(/infinite/);
    expect(message(() => buildDataset(infinite, choices(), { seed: 1 }))).toBe(expected);
    expect(message(() => buildDataset(MIXED, choices({ features: [] }), { seed: 1 }))).toBe(message(() => referenceBuildDataset(MIXED, choices({ features: [] }), { seed: 1 })));
  });
});

describe('buildDatasetSteps', () => {
  it('yields between slices with a fraction that never goes back, and returns the dataset', () => {
    const table = loadCsvText(bigCsv(5_000), { name: 'steps.csv' });
    const steps = buildDatasetSteps(table, choices({ trainPercent: 75 }), { seed: 5 });
    const fractions: number[] = [];
    let dataset: Dataset;
    for (;;) {
      const next = steps.next();
      if (next.done) { dataset = next.value; break; }
      fractions.push(next.value);
    }
    // 5 feature columns: at least one slice per column to mark, to check, to plan, to encode, to fit and to apply.
    expect(fractions.length).toBeGreaterThan(5 * 5);
    expect(fractions.every((f, i) => f >= 0 && f <= 1 && (i === 0 || f >= fractions[i - 1]))).toBe(true);
    expectSame(dataset, drainSteps(buildDatasetSteps(table, choices({ trainPercent: 75 }), { seed: 5 })));
  });
});
