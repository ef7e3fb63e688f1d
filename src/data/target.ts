import { Matrix } from '../nn/matrix';
import { ownedInt32 } from './buffers';
import { DataError } from './errors';
import { canBeTarget } from './settings';
import { findColumn, type Column, type Table } from './table';

/**
 * The target column → Y. Binary (2 classes): one row, 1 for the positive class (the last label) —
 * sigmoid with bce. Multiclass (3–20): k one-hot rows — softmax with cce. Regression (numbers that
 * are not a few integers): one row, standardised with the training μ and σ — linear with mse.
 */

/** What the network is asked to learn. */
export type TaskKind = 'binary' | 'multiclass' | 'regression';

/** The target column, its task and its class labels ([] for regression). */
export interface TargetPlan {
  column: string;
  task: TaskKind;
  classes: string[];
}

/** Describes a column's kind for messages ("a date column"). */
export function describeKind(column: Column): string {
  return { numeric: 'a numeric', categorical: 'a categorical', date: 'a date', index: 'a row-number', text: 'a free-text' }[column.kind] + ' column';
}

/** Decides the task of a target column. Throws a DataError when it cannot be learnt. */
export function planTarget(table: Table, name: string): TargetPlan {
  const column = findColumn(table, name);
  if (!column) throw new DataError(`There is no column "${name}" in "${table.name}".`, 'Pick a target from the list.', { column: name });
  if (!canBeTarget(column)) {
    const why = column.kind === 'text' ? ` with ${column.distinct} different values (at most 20 classes)` : '';
    throw new DataError(
      `"${name}" cannot be the target: it is ${describeKind(column)}${why}.`,
      'Pick a column of numbers, or one with at most 20 different labels, as the target.',
      { column: name },
    );
  }
  const classification = column.codes !== null && (column.kind === 'categorical' || column.integer);
  if (!classification) return { column: name, task: 'regression', classes: [] };
  const k = column.categories.length;
  if (k === 0) throw new DataError(`The target "${name}" has no values: every row is missing.`, 'Pick another target column.', { column: name });
  if (k === 1) {
    throw new DataError(
      `The target "${name}" has one class only (every row is "${column.categories[0]}"): there is nothing to tell apart.`,
      'Pick a target with at least two different values, or load a file with examples of each class.',
      { column: name },
    );
  }
  return { column: name, task: k === 2 ? 'binary' : 'multiclass', classes: column.categories.slice() };
}

/**
 * Per row of `table`, the class index in plan.classes (−1: missing or a label the plan does not know),
 * or for regression the value (NaN: missing). Labels are matched by text, so a test table whose own
 * codes differ still lines up with the training classes. The class indices are a new array (one
 * buffers.ts's release may give back); the regression values are the column's own.
 */
export function targetValues(table: Table, plan: TargetPlan, role = 'table'): Int32Array | Float64Array {
  const column = findColumn(table, plan.column);
  if (!column) {
    throw new DataError(
      `The ${role} "${table.name}" has no column "${plan.column}", the target (its columns: ${table.columns.map((c) => c.name).join(', ')}).`,
      'A test file needs the same columns as the training file.',
      { column: plan.column },
    );
  }
  if (plan.task === 'regression') {
    if (!column.numbers) throw new DataError(`The target "${plan.column}" is not numeric in the ${role} "${table.name}".`, 'Check the test file’s layout.', { column: plan.column });
    return column.numbers;
  }
  const index = new Map(plan.classes.map((c, k) => [c, k]));
  const out = ownedInt32(table.rowCount).fill(-1);
  if (column.codes) {
    const toPlan = column.categories.map((c) => index.get(c) ?? -1);
    for (let i = 0; i < out.length; i++) if (column.codes[i] >= 0) out[i] = toPlan[column.codes[i]];
  } else if (column.numbers) {
    for (let i = 0; i < out.length; i++) if (!Number.isNaN(column.numbers[i])) out[i] = index.get(String(column.numbers[i])) ?? -1;
  } else {
    throw new DataError(`The target "${plan.column}" has more than 20 labels in the ${role} "${table.name}".`, 'Check the test file’s layout.', { column: plan.column });
  }
  return out;
}

/** True when row i has a usable target value. */
export function hasTarget(values: Int32Array | Float64Array, i: number): boolean {
  return values instanceof Int32Array ? values[i] >= 0 : !Number.isNaN(values[i]);
}

/** Y (nL × m) of the given rows: binary 1 × m, multiclass k × m one-hot, regression 1 × m as (y − μ)/σ. */
export function buildY(plan: TargetPlan, values: Int32Array | Float64Array, rows: Int32Array, scale: { mean: number; std: number } | null): Matrix {
  const Y = emptyY(plan, rows.length);
  buildYInto(plan, values, rows, scale, Y, 0, rows.length);
  return Y;
}

/** The zero Y of buildY for m samples: k × m for k classes (one-hot), else 1 × m. */
export function emptyY(plan: TargetPlan, m: number): Matrix {
  return new Matrix(plan.task === 'multiclass' ? plan.classes.length : 1, m);
}

/** Columns from … to − 1 of buildY's Y, written into Y (emptyY's zeros there): buildY in slices. */
export function buildYInto(plan: TargetPlan, values: Int32Array | Float64Array, rows: Int32Array, scale: { mean: number; std: number } | null, Y: Matrix, from: number, to: number): void {
  const m = rows.length;
  if (plan.task === 'multiclass') {
    for (let i = from; i < to; i++) Y.data[values[rows[i]] * m + i] = 1;
    return;
  }
  // One loop per case: a value chosen among 1, 0 and a double in one expression was boxed on every row.
  const y = Y.data;
  if (plan.task === 'binary') {
    for (let i = from; i < to; i++) y[i] = values[rows[i]] === 1 ? 1 : 0;
  } else if (scale) {
    const { mean, std } = scale;
    for (let i = from; i < to; i++) y[i] = (values[rows[i]] - mean) / std;
  } else {
    for (let i = from; i < to; i++) y[i] = values[rows[i]];
  }
}

/** μ and σ (population) of the regression target over the training rows. Throws when σ is 0 or overflows. */
export function fitTargetScale(plan: TargetPlan, values: Float64Array, rows: Int32Array): { mean: number; std: number } {
  // Welford's update in a plain loop: sums captured by a callback were boxed on every row (heap garbage).
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < rows.length; i++) {
    const x = values[rows[i]];
    const delta = x - mean;
    mean += delta / (i + 1);
    m2 += delta * (x - mean);
  }
  const std = Math.sqrt(m2 / Math.max(1, rows.length));
  if (!Number.isFinite(mean) || !Number.isFinite(std)) {
    throw new DataError(`The target "${plan.column}" has values too large to standardise.`, 'Rescale the target column (another unit).', { column: plan.column });
  }
  if (std === 0) {
    throw new DataError(`The target "${plan.column}" has the same value (${mean}) in every training row.`, 'Pick a target that varies.', { column: plan.column });
  }
  return { mean, std };
}
