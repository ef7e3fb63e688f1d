import { describe, expect, it } from 'vitest';
import { builtinTable } from './builtins';
import { buildDataset } from './dataset';
import { DataError } from './errors';
import { loadCsvText } from './load';
import { DEFAULT_DATA_SETTINGS, type DataChoices } from './settings';

/**
 * Row ids through the data layer: each sample of a part carries its 1-based line in the file, so a
 * student can find a batch's rows; and ±∞ is refused wherever it lands (training, split, test file).
 */

const choices = (over: Partial<DataChoices> = {}): DataChoices => ({ ...DEFAULT_DATA_SETTINGS, ...over });

// x on file line L is 10·L (x is not an index: it steps by 10), so each sample's line can be read back from rawX.
const rows = (from: number, count: number, hole = -1): string =>
  Array.from({ length: count }, (_, i) => `${i === hole ? '' : 10 * (from + i)},${i % 2}`).join('\n');

describe('DatasetPart.lines', () => {
  it('gives each training and test sample its file line, through dropped rows and the seeded split', () => {
    // Lines 2..21; line 5 has no x and is dropped.
    const table = loadCsvText(`x,label\n${rows(2, 20, 3)}\n`, { name: 'l.csv' });
    const d = buildDataset(table, choices({ trainPercent: 75 }), { seed: 4 });
    const all = [...(d.train.lines ?? []), ...(d.test?.lines ?? [])].sort((a, b) => a - b);
    expect(all).toEqual([2, 3, 4, ...Array.from({ length: 16 }, (_, i) => i + 6)]);
    for (const part of [d.train, d.test]) {
      if (!part) throw new Error('no test part');
      expect(part.lines?.length).toBe(part.rawX.cols);
      part.lines?.forEach((line, i) => expect(part.rawX.get(0, i)).toBe(10 * line));
    }
  });

  it('counts a quoted newline and a sep= line in the lines', () => {
    const table = loadCsvText('sep=,\nnote,x,label\n"two\nlines",30,0\nb,50,1\nc,70,0\nd,90,1\n', { name: 'q.csv' });
    const d = buildDataset(table, choices({ trainPercent: 100 }), { seed: 1 });
    expect([...(d.train.lines ?? [])]).toEqual([3, 5, 6, 7]);
  });

  it('takes a test file’s lines from the test file', () => {
    const train = loadCsvText(`x,label\n${rows(2, 6)}\n`, { name: 'train.csv' });
    const test = loadCsvText(`x,label\n\n${rows(3, 4, 1)}\n`, { name: 'test.csv' });
    const d = buildDataset(train, choices(), { seed: 1, test });
    expect([...(d.train.lines ?? [])]).toEqual([2, 3, 4, 5, 6, 7]);
    expect([...(d.test?.lines ?? [])]).toEqual([3, 5, 6]);
  });

  it('numbers a built-in set’s rows from 1', () => {
    const table = builtinTable('xor', 3);
    const d = buildDataset(table, choices({ trainPercent: 100 }), { seed: 3 });
    expect([...(d.train.lines ?? [])]).toEqual(Array.from({ length: 400 }, (_, i) => i + 1));
  });
});

describe('infinite values', () => {
  const withInfinity = `x,label\n${rows(2, 20)}\n`.replace('\n120,0\n', '\n1e999,0\n');

  it('are refused with their line whether the split puts them in the training or the test part', () => {
    const table = loadCsvText(withInfinity, { name: 'inf.csv' });
    const parts = new Set<string>();
    for (let seed = 0; seed < 12; seed++) {
      let caught: unknown;
      try {
        buildDataset(table, choices({ trainPercent: 50 }), { seed });
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(DataError);
      expect((caught as DataError).message).toBe('Column "x" has an infinite value (∞) on line 12: a number beyond ±1.8e308 (such as 1e999) or "Infinity" cannot be learnt from.');
      expect((caught as DataError).line).toBe(12);
      // Where the row would have gone without the check: the same seeded shuffle on finite data.
      const finite = buildDataset(loadCsvText(withInfinity.replace('1e999', '120'), { name: 'f.csv' }), choices({ trainPercent: 50 }), { seed });
      parts.add(finite.train.lines?.includes(12) ? 'train' : 'test');
    }
    expect(parts).toEqual(new Set(['train', 'test']));
  });

  it('are refused in a separate test file, naming it', () => {
    const train = loadCsvText(`x,label\n${rows(2, 6)}\n`, { name: 'train.csv' });
    const test = loadCsvText('x,label\n10,0\nInfinity,1\n', { name: 'test.csv' });
    expect(() => buildDataset(train, choices(), { seed: 1, test })).toThrow(/^Column "x" has an infinite value \(∞\) on line 3 of the test file "test.csv"/);
  });
});
