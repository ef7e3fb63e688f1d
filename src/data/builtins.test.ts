import { describe, expect, it } from 'vitest';
import { BUILTIN_DATASETS, builtinTable, builtinValues, type BuiltinName } from './builtins';
import { typeColumn } from './columns';
import { buildDataset } from './dataset';
import { DEFAULT_DATA_SETTINGS } from './settings';
import type { Column, Table } from './table';

/**
 * The table as builtinTable made it before it typed the numbers directly: each generated value written
 * with String(x) and typed by typeColumn, as an uploaded file's column is.
 */
function tableThroughText(name: BuiltinName, seed: number): Table {
  const entries = Object.entries(builtinValues(name, seed));
  const m = entries[0][1].length;
  const lines = Int32Array.from({ length: m }, (_, i) => i + 1);
  const notices: string[] = [];
  const columns = entries.map(([column, values]) => typeColumn(column, values.map(String), false, lines, notices));
  return { id: `builtin:${name}`, name: BUILTIN_DATASETS.find((d) => d.name === name)?.title ?? name, rowCount: m, columns, lines, notices };
}

/** The first index where two arrays differ bit for bit (Object.is, so −0 and NaN count), or −1. */
function firstDifference(a: ArrayLike<number> | null, b: ArrayLike<number> | null): number {
  if (a === null || b === null) return a === b ? -1 : 0;
  if (a.length !== b.length) return Math.min(a.length, b.length);
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return i;
  return -1;
}

/** A column's fields other than its arrays, for toEqual. */
const fieldsOf = ({ numbers, codes, ...rest }: Column) => ({ ...rest, numbers: numbers?.length, codes: codes?.length });

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

  it('types the generated numbers exactly as the text of them would be typed (every set, several seeds)', () => {
    for (const { name } of BUILTIN_DATASETS) {
      for (const seed of [0, 1, 2, 7, 42, 43, 1234, 4294967295]) {
        const direct = builtinTable(name, seed);
        const text = tableThroughText(name, seed);
        expect({ ...direct, columns: direct.columns.map(fieldsOf) }).toEqual({ ...text, columns: text.columns.map(fieldsOf) });
        direct.columns.forEach((column, j) => {
          expect(firstDifference(column.numbers, text.columns[j].numbers), `${name} seed ${seed} ${column.name} numbers`).toBe(-1);
          expect(firstDifference(column.codes, text.columns[j].codes), `${name} seed ${seed} ${column.name} codes`).toBe(-1);
        });
        expect(firstDifference(direct.lines, text.lines)).toBe(-1);
        // The two paths' datasets too, matrix by matrix: what the lab trains on.
        const a = buildDataset(direct, DEFAULT_DATA_SETTINGS, { seed });
        const b = buildDataset(text, DEFAULT_DATA_SETTINGS, { seed });
        expect(firstDifference(a.train.X.data, b.train.X.data)).toBe(-1);
        expect(firstDifference(a.train.Y.data, b.train.Y.data)).toBe(-1);
        expect(firstDifference(a.test?.X.data ?? null, b.test?.X.data ?? null)).toBe(-1);
        expect(firstDifference(a.test?.Y.data ?? null, b.test?.Y.data ?? null)).toBe(-1);
      }
    }
  });

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
