import { describe, expect, it } from 'vitest';
import { loadCsvText } from './load';
import { DEFAULT_DATA_SETTINGS, sanitizeDataSettings } from './settings';
import { datasetFromSettings, fileSource, sourceTable } from './source';

const train = loadCsvText('a,b,label\n1,2,0\n3,3,1\n2,5,0\n4,1,1\n', { name: 'train.csv' });
const test = loadCsvText('a,b,label\n5,2,0\n6,3,1\n', { name: 'test.csv' });

describe('datasetFromSettings', () => {
  it('loads the default built-in set (two moons) from the seed', () => {
    const d = datasetFromSettings(DEFAULT_DATA_SETTINGS, { uploaded: null, test: null }, 3);
    expect(d.id).toBe('builtin:two-moons');
    expect(d.name).toBe('Two moons');
  });
  it('uses the uploaded table and the test file the settings name', () => {
    const settings = { ...DEFAULT_DATA_SETTINGS, source: fileSource('train.csv'), testFile: 'test.csv' };
    const d = datasetFromSettings(settings, { uploaded: train, test }, 1);
    expect(d.summary).toBe('4 rows · 2 features · target label (2 classes) · test file test.csv (2 rows)');
  });
  it('says when a named file or built-in is not there', () => {
    expect(() => sourceTable('file:gone.csv', { uploaded: train, test: null }, 1)).toThrow(/"gone.csv" is not loaded/);
    expect(() => sourceTable('builtin:nope', { uploaded: null, test: null }, 1)).toThrow(/no built-in dataset "nope"/);
    const settings = { ...DEFAULT_DATA_SETTINGS, source: fileSource('train.csv'), testFile: 'other.csv' };
    expect(() => datasetFromSettings(settings, { uploaded: train, test }, 1)).toThrow(/"other.csv" is not loaded/);
  });
});

describe('sanitizeDataSettings', () => {
  it('round-trips a settings object through JSON', () => {
    const s = { ...DEFAULT_DATA_SETTINGS, target: 'label', features: ['a'], normalization: 'minmax' as const, trainPercent: 70 };
    expect(sanitizeDataSettings(JSON.parse(JSON.stringify(s)))).toEqual(s);
  });
  it('replaces invalid fields by defaults and clamps the split', () => {
    expect(sanitizeDataSettings({ normalization: 'log', missing: 3, trainPercent: 5, features: ['a', 1] }))
      .toEqual({ ...DEFAULT_DATA_SETTINGS, features: ['a'], trainPercent: 50 });
    expect(sanitizeDataSettings(null)).toEqual(DEFAULT_DATA_SETTINGS);
  });
});
