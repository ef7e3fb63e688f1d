import { expect } from 'vitest';
import { buildDataset } from './dataset';
import { loadCsvBytes } from './load';
import { DEFAULT_DATA_SETTINGS } from './settings';
import { describeOccupancy, itOccupancy, OCCUPANCY_FILES, readOccupancyBytes, type OccupancyFile } from './testing/occupancy';

// Expected counts from SOURCE.md beside the data (UCI dataset 357).
const FEATURES = ['Temperature', 'Humidity', 'Light', 'CO2', 'HumidityRatio'];

describeOccupancy('the three UCI Occupancy files as published', () => {
  for (const file of Object.keys(OCCUPANCY_FILES) as OccupancyFile[]) {
    const { rows, occupied } = OCCUPANCY_FILES[file];
    itOccupancy(`${file}: ${rows} rows, ${occupied} occupied, row number and date recognised`, () => {
      const table = loadCsvBytes(readOccupancyBytes(file), { name: file });
      expect(table.rowCount).toBe(rows);
      expect(table.columns.map((c) => c.name)).toEqual(['(row)', 'date', ...FEATURES, 'Occupancy']);
      expect(table.columns.map((c) => c.kind)).toEqual(['index', 'date', 'numeric', 'numeric', 'numeric', 'numeric', 'numeric', 'numeric']);
      expect(table.notices.join(' ')).toMatch(/row number/);
      // The date is quoted in two files and bare in datatest2.txt: all read as the same timestamps.
      const date = table.columns[1].numbers as Float64Array;
      expect(new Date(date[0]).toISOString().slice(0, 10)).toMatch(/^2015-02-/);
      expect(table.columns.every((c) => c.missing === 0)).toBe(true);

      const dataset = buildDataset(table, { ...DEFAULT_DATA_SETTINGS, trainPercent: 100 }, { seed: 1 });
      expect(dataset.featureNames).toEqual(FEATURES);
      expect(dataset.targetName).toBe('Occupancy');
      expect(dataset.task).toBe('binary');
      expect(dataset.classes).toEqual(['0', '1']);
      expect(dataset.train.X.rows).toBe(5);
      expect(dataset.train.X.cols).toBe(rows);
      expect(dataset.train.Y.data.reduce((a, b) => a + b, 0)).toBe(occupied);
      expect(dataset.summary).toMatch(new RegExp(`^${rows} rows · 5 features · target Occupancy \\(2 classes\\)`));
    });
  }

  itOccupancy('datatraining.txt with datatest.txt as the test file: stats from training only', () => {
    const train = loadCsvBytes(readOccupancyBytes('datatraining.txt'), { name: 'datatraining.txt' });
    const test = loadCsvBytes(readOccupancyBytes('datatest.txt'), { name: 'datatest.txt' });
    const dataset = buildDataset(train, DEFAULT_DATA_SETTINGS, { seed: 1, test });
    expect(dataset.summary).toBe('8143 rows · 5 features · target Occupancy (2 classes) · test file datatest.txt (2665 rows)');
    expect(dataset.test?.X.cols).toBe(2665);
    expect(dataset.test?.Y.data.reduce((a, b) => a + b, 0)).toBe(972);
    // z-scored training features have mean 0 and σ 1 (tolerance 1e-9); the test part does not.
    const { X } = dataset.train;
    for (let f = 0; f < 5; f++) {
      const row = X.data.subarray(f * X.cols, (f + 1) * X.cols);
      const mean = row.reduce((a, b) => a + b, 0) / X.cols;
      const variance = row.reduce((a, b) => a + (b - mean) ** 2, 0) / X.cols;
      expect(Math.abs(mean)).toBeLessThan(1e-9);
      expect(Math.abs(variance - 1)).toBeLessThan(1e-9);
    }
    // Light (feature 2): the first test row (line 2 of datatest.txt) has 585.2 lux.
    const light = dataset.normalization.stats[2];
    expect(dataset.test?.rawX.get(2, 0)).toBe(585.2);
    expect(dataset.test?.X.get(2, 0)).toBeCloseTo((585.2 - light.mean) / light.std, 12);
  });
});
