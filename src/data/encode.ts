import { Matrix } from '../nn/matrix';
import { DataError } from './errors';
import type { MissingPolicy } from './settings';
import { findColumn, type Column, type Table } from './table';

/**
 * Feature columns → rows of raw X. A numeric column (also an index or a date, in ms) gives one row;
 * a categorical column with k labels gives k one-hot rows named 'Colour=red'. The plan is made on the
 * training table; a test table is read through it by column name (labels matched by text).
 */

/** How one CSV column becomes feature rows. */
export type FeaturePlan =
  | { column: string; type: 'number'; names: [string]; fill: number }
  | { column: string; type: 'onehot'; names: string[]; categories: string[]; fill: number };

/** True when row i of the column has no value. */
export function isMissingAt(column: Column, i: number): boolean {
  return column.numbers ? Number.isNaN(column.numbers[i]) : column.codes ? column.codes[i] < 0 : true;
}

/**
 * The plan for the chosen feature columns, with the values that fill in missing cells under 'mean':
 * the mean of the training rows (numbers) or their most frequent label (one-hot).
 */
export function planFeatures(table: Table, features: string[], trainRows: Int32Array, policy: MissingPolicy): FeaturePlan[] {
  return features.map((name): FeaturePlan => {
    const column = findColumn(table, name) as Column;
    if (column.numbers) {
      let sum = 0;
      let count = 0;
      if (policy === 'mean') {
        for (const i of trainRows) if (!Number.isNaN(column.numbers[i])) { sum += column.numbers[i]; count++; }
      }
      return { column: name, type: 'number', names: [name], fill: count > 0 ? sum / count : 0 };
    }
    const codes = column.codes as Int32Array;
    const counts = new Int32Array(column.categories.length);
    for (const i of trainRows) if (codes[i] >= 0) counts[codes[i]]++;
    let mode = 0;
    counts.forEach((c, k) => { if (c > counts[mode]) mode = k; });
    return { column: name, type: 'onehot', names: column.categories.map((c) => `${name}=${c}`), categories: column.categories, fill: mode };
  });
}

/** Number of feature rows n0 of a plan. */
export function featureCount(plan: FeaturePlan[]): number {
  return plan.reduce((n, p) => n + p.names.length, 0);
}

/** Feature names after one-hot encoding, length n0. */
export function featureNames(plan: FeaturePlan[]): string[] {
  return plan.flatMap((p) => p.names);
}

/**
 * The column of `table` matching a training feature column by name, checked for a compatible kind
 * (numbers for numbers, labels for labels). Throws a DataError naming the column otherwise.
 */
export function matchColumn(table: Table, name: string, numeric: boolean, role: string): Column {
  const column = findColumn(table, name);
  if (!column) {
    throw new DataError(
      `The ${role} "${table.name}" has no column "${name}" (its columns: ${table.columns.map((c) => c.name).join(', ')}).`,
      'A test file needs the same columns as the training file: load a matching file, or untick that feature.',
      { column: name },
    );
  }
  if (numeric ? !column.numbers : !column.codes) {
    throw new DataError(
      `Column "${name}" holds ${numeric ? 'numbers' : 'labels'} in the training data but ${column.kind} values in the ${role} "${table.name}".`,
      'Check that the test file has the same layout as the training file, or untick that feature.',
      { column: name },
    );
  }
  return column;
}

/**
 * Raw X (n0 × m) of the given rows, one column per sample. Missing cells take the plan's fill value;
 * a label unseen in training gives all-zero one-hot rows (counted in `unseen`).
 */
export function encodeFeatures(table: Table, plan: FeaturePlan[], rows: Int32Array, role = 'table'): { rawX: Matrix; unseen: number } {
  const rawX = new Matrix(featureCount(plan), rows.length);
  let offset = 0;
  let unseen = 0;
  for (const p of plan) {
    unseen += encodeFeatureInto(table, p, rows, rawX, offset, role);
    offset += p.names.length;
  }
  return { rawX, unseen };
}

/**
 * One column of a plan into rows offset … offset + p.names.length − 1 of rawX (n0 × rows.length, zeros
 * there): one step of encodeFeatures. Returns how many of its cells had a label unseen in training.
 * Only samples from … to − 1 (default: all) are written, so a large column can be encoded in slices.
 */
export function encodeFeatureInto(table: Table, p: FeaturePlan, rows: Int32Array, rawX: Matrix, offset: number, role = 'table', from = 0, to = rows.length): number {
  const m = rows.length;
  const column = matchColumn(table, p.column, p.type === 'number', role);
  let unseen = 0;
  if (p.type === 'number') {
    const values = column.numbers as Float64Array;
    const out = rawX.data.subarray(offset * m, (offset + 1) * m);
    const fill = p.fill;
    for (let i = from; i < to; i++) {
      // Written, then patched where missing: see featureReader.
      const x = values[rows[i]];
      out[i] = x;
      if (x !== x) out[i] = fill;
    }
  } else {
    const index = new Map(p.categories.map((c, k) => [c, k]));
    const toPlan = column.categories.map((c) => index.get(c) ?? -1);
    const codes = column.codes as Int32Array;
    for (let i = from; i < to; i++) {
      const code = codes[rows[i]];
      const k = code < 0 ? p.fill : toPlan[code];
      if (k < 0) unseen++;
      else rawX.data[(offset + k) * m + i] = 1;
    }
  }
  return unseen;
}

/** Reads the feature rows of one column's plan from a table, a slice of samples at a time (see featureReader). */
export interface FeatureReader {
  /**
   * Feature row k of the plan (0 for a number; the label's index for one-hot) of samples from … to − 1
   * of `rows` into out[at …]: the values encodeFeatureInto writes in raw X, missing cells filled.
   */
  read(k: number, rows: Int32Array, from: number, to: number, out: Float64Array, at: number): void;
  /** Cells among samples from … to − 1 whose label the plan does not know (one-hot rows all zero). */
  unseen(rows: Int32Array, from: number, to: number): number;
}

/** The reader of plan p's rows in `table` (its column matched as encodeFeatureInto matches it; throws its DataError). */
export function featureReader(table: Table, p: FeaturePlan, role = 'table'): FeatureReader {
  const column = matchColumn(table, p.column, p.type === 'number', role);
  if (p.type === 'number') {
    const values = column.numbers as Float64Array;
    const fill = p.fill;
    return {
      read(_k, rows, from, to, out, at) {
        for (let i = from; i < to; i++) {
          // Written as read, then patched where missing (NaN): `missing ? fill : x` made V8 box every
          // value into a heap number (16 bytes of garbage per cell: 80 MB per build of the 45 MB file).
          const x = values[rows[i]];
          out[at + i - from] = x;
          if (x !== x) out[at + i - from] = fill;
        }
      },
      unseen: () => 0,
    };
  }
  const index = new Map(p.categories.map((c, k) => [c, k]));
  const toPlan = Int32Array.from(column.categories, (c) => index.get(c) ?? -1);
  const codes = column.codes as Int32Array;
  const fill = p.fill;
  const planned = (code: number) => (code < 0 ? fill : toPlan[code]);
  return {
    read(k, rows, from, to, out, at) {
      for (let i = from; i < to; i++) out[at + i - from] = planned(codes[rows[i]]) === k ? 1 : 0;
    },
    unseen(rows, from, to) {
      let n = 0;
      for (let i = from; i < to; i++) if (planned(codes[rows[i]]) < 0) n++;
      return n;
    },
  };
}
