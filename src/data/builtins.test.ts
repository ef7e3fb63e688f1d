import { describe, expect, it } from 'vitest';
import { BUILTIN_DATASETS, builtinTable } from './builtins';
import { buildDataset } from './dataset';
import { DEFAULT_DATA_SETTINGS } from './settings';

describe('built-in datasets', () => {
  for (const { name } of BUILTIN_DATASETS) {
    it(`${name}: same seed → same numbers, another seed → others`, () => {
      const a = builtinTable(name, 42);
      const b = builtinTable(name, 42);
      const c = builtinTable(name, 43);
      expect(a.columns[0].numbers).toEqual(b.columns[0].numbers);
      expect(a.columns[0].numbers).not.toEqual(c.columns[0].numbers);
      expect(a.columns.every((col) => col.missing === 0)).toBe(true);
    });
  }

  it('gives the documented shapes and tasks with the default choices', () => {
    const shapes = Object.fromEntries(BUILTIN_DATASETS.map(({ name }) => {
      const d = buildDataset(builtinTable(name, 1), DEFAULT_DATA_SETTINGS, { seed: 1 });
      return [name, `${d.task} n0=${d.featureNames.length} out=${d.outputSize} m=${d.train.X.cols}+${d.test?.X.cols ?? 0}`];
    }));
    expect(shapes).toEqual({
      'two-moons': 'binary n0=2 out=1 m=320+80',
      xor: 'binary n0=2 out=1 m=320+80',
      circles: 'binary n0=2 out=1 m=320+80',
      spiral: 'binary n0=2 out=1 m=320+80',
      blobs: 'multiclass n0=2 out=3 m=360+90',
      curve: 'regression n0=1 out=1 m=160+40',
    });
  });

  it('balances the classes', () => {
    for (const name of ['two-moons', 'xor', 'circles', 'spiral', 'blobs'] as const) {
      const column = builtinTable(name, 5).columns[2];
      const counts = new Map<number, number>();
      for (const code of column.codes as Int32Array) counts.set(code, (counts.get(code) ?? 0) + 1);
      const values = [...counts.values()];
      expect(Math.min(...values) / Math.max(...values)).toBeGreaterThan(name === 'xor' ? 0.8 : 0.99);
    }
  });

  it('standardises the regression target and reports its scale', () => {
    const d = buildDataset(builtinTable('curve', 3), DEFAULT_DATA_SETTINGS, { seed: 3 });
    const scale = d.targetScale as { mean: number; std: number };
    const Y = d.train.Y.data;
    const mean = Y.reduce((a, b) => a + b, 0) / Y.length;
    const variance = Y.reduce((a, b) => a + (b - mean) ** 2, 0) / Y.length;
    expect(Math.abs(mean)).toBeLessThan(1e-12);
    expect(variance).toBeCloseTo(1, 12);
    expect(scale.std).toBeGreaterThan(0.3);
    expect(d.classes).toEqual([]);
  });
});
