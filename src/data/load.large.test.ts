import { expect, it } from 'vitest';
import { buildDataset } from './dataset';
import { loadCsvText } from './load';
import { DEFAULT_DATA_SETTINGS } from './settings';
import { bigCsv } from './testing/bigCsv';

// How fast this is belongs to `npm run bench` (bench/parse.ts), not to a test.
it('loads 200,000 rows × 6 columns completely, reporting progress up to 1', () => {
  const text = bigCsv(200_000);
  const progress: number[] = [];
  const table = loadCsvText(text, { name: 'big.csv', onProgress: (f) => progress.push(f) });
  const dataset = buildDataset(table, DEFAULT_DATA_SETTINGS, { seed: 1 });
  expect(table.rowCount).toBe(200_000);
  expect(dataset.featureNames).toEqual(['a', 'b', 'c', 'd', 'e']);
  expect(dataset.train.X.cols + (dataset.test?.X.cols ?? 0)).toBe(200_000);
  expect(progress.length).toBeGreaterThan(5);
  expect(progress.every((f, i) => i === 0 || f >= progress[i - 1])).toBe(true);
  expect(progress[progress.length - 1]).toBe(1);
}, 60_000);
