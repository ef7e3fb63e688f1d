import { createRng } from '../nn/rng';
import { giveBack, ownedInt32, release } from './buffers';
import { DataError } from './errors';
import { canBeFeature, resolveFeatureNames, resolveTargetName, type DataChoices } from './settings';
import type { Column, Table } from './table';
import { planTarget, type TargetPlan } from './target';

/**
 * Which rows of a table a dataset takes, and how they split: the rows with a target (and every
 * feature, under 'drop'), the seeded shuffle that splits them, the refusals of ±∞, and the notices
 * of what was dropped. Generators yield between slices of SLICE_ROWS rows (see dataset.ts).
 */

/**
 * Samples (rows of the table, columns of X) per slice of a pass over a column in the sliced build:
 * 32 Ki, a millisecond or two of work. A whole column of the 45 MB benchmark file (567,847 rows) in one
 * slice took up to 60 ms when gathered through a row list.
 */
export const SLICE_ROWS = 1 << 15;

/** The file lines of the given rows of a table (into `out`, of rows.length, when given). */
export function linesOf(table: Table, rows: Int32Array, out: Int32Array = new Int32Array(rows.length)): Int32Array {
  for (let i = 0; i < rows.length; i++) out[i] = table.lines[rows[i]];
  return out;
}

/**
 * Throws a DataError naming the first ±∞ among the given rows of the columns (1e999 or "Infinity"
 * in the file): the network cannot learn from it, in the training part, the test split or a test file.
 */
export function* refuseInfinite(table: Table, columns: Column[], rows: Int32Array, testFile: string | null, at: number): Generator<number, void, void> {
  let worst: { row: number; column: Column } | null = null;
  for (const column of columns) {
    const values = column.numbers;
    if (!values) continue;
    for (let i = 0; i < rows.length; i++) {
      const x = values[rows[i]];
      if (x === Infinity || x === -Infinity) {
        if (!worst || rows[i] < worst.row) worst = { row: rows[i], column };
        break;
      }
    }
    yield at;
  }
  if (!worst) return;
  const line = table.lines[worst.row];
  const x = worst.column.numbers?.[worst.row] ?? Infinity;
  throw new DataError(
    `Column "${worst.column.name}" has an infinite value (${x > 0 ? '∞' : '−∞'}) on line ${line}${testFile ? ` of the test file "${testFile}"` : ''}: ` +
      'a number beyond ±1.8e308 (such as 1e999) or "Infinity" cannot be learnt from.',
    `Correct or empty that cell on line ${line} (an empty cell is a missing value), or untick the column.`,
    { line, column: worst.column.name },
  );
}

export const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Rows (ascending) with a usable target and, under 'drop', every feature present; counts the rest. */
export function* usableRows(table: Table, columns: Column[], target: Int32Array | Float64Array, drop: boolean, at: number): Generator<number, { rows: Int32Array; noTarget: number; incomplete: number }, void> {
  const m = table.rowCount;
  // Column by column into a mask: one tight loop per column instead of a closure per cell.
  const gap = new Uint8Array(m);
  if (drop) {
    for (const c of columns) {
      if (c.numbers) { const v = c.numbers; for (let i = 0; i < m; i++) if (v[i] !== v[i]) gap[i] = 1; }
      else if (c.codes) { const v = c.codes; for (let i = 0; i < m; i++) if (v[i] < 0) gap[i] = 1; }
      else gap.fill(1);
      yield at;
    }
  }
  const rows = ownedInt32(m);
  let n = 0;
  let noTarget = 0;
  let incomplete = 0;
  // hasTarget's test, one loop per array type: a Float64Array read through the Int32Array-or-Float64Array
  // union was boxed on every row (heap garbage).
  const codes = target instanceof Int32Array ? target : null;
  const values = target instanceof Float64Array ? target : null;
  for (let from = 0; from < m; from += SLICE_ROWS) {
    const to = Math.min(m, from + SLICE_ROWS);
    for (let i = from; i < to; i++) {
      const known = codes ? codes[i] >= 0 : (values as Float64Array)[i] === (values as Float64Array)[i];
      if (!known) noTarget++;
      else if (gap[i]) incomplete++;
      else rows[n++] = i;
    }
    if (to % SLICE_ROWS === 0) yield at;
  }
  yield at;
  giveBack(gap.buffer);
  // Every row usable (the usual case): the array itself, not a copy of it.
  if (n === m) return { rows, noTarget, incomplete };
  const kept = rows.slice(0, n);
  release(rows);
  return { rows: kept, noTarget, incomplete };
}

/** The notices of the rows dropped for a gap or a missing target. */
export function droppedNotices(prefix: string, counts: { noTarget: number; incomplete: number }, unknownClass: boolean): string[] {
  const out: string[] = [];
  if (counts.incomplete > 0) out.push(`${prefix}${plural(counts.incomplete, 'row')} with missing values dropped.`);
  if (counts.noTarget > 0) {
    out.push(`${prefix}${plural(counts.noTarget, 'row')} without a ${unknownClass ? 'known target class' : 'target value'} dropped.`);
  }
  return out;
}

/** The target plan and feature columns of the choices, with the notices of what was substituted. Throws a DataError when nothing can be learnt. */
export function resolveColumns(table: Table, choices: DataChoices, notices: string[]): { plan: TargetPlan; features: string[] } {
  const targetName = resolveTargetName(table, choices.target);
  if (targetName === undefined) {
    const kinds = table.columns.map((c) => `${c.name} (${c.kind})`).join(', ');
    throw new DataError(
      `"${table.name}" has no numeric column and no column with a few labels, so there is nothing to learn (columns: ${kinds}).`,
      'Load a file with at least one column of numbers, such as a measurement, and a column to predict.',
    );
  }
  if (choices.target !== null && choices.target !== targetName) notices.push(`There is no column "${choices.target}"; the target is "${targetName}".`);
  const plan = planTarget(table, targetName);
  let features = resolveFeatureNames(table, choices.features, targetName);
  if (choices.features === null && features.length === 0) {
    features = table.columns.filter((c) => c.name !== targetName && c.kind === 'categorical' && canBeFeature(c)).map((c) => c.name);
    if (features.length > 0) notices.push('No numeric feature: the categorical columns are one-hot encoded instead.');
  }
  if (features.length === 0) {
    throw choices.features === null
      ? new DataError(
        `"${table.name}" has no numeric column to learn from besides the target "${targetName}".`,
        'Load a file with at least one column of numbers (or a few labels) besides the target.',
      )
      : new DataError('No feature is selected.', 'Tick at least one feature column.');
  }
  return { plan, features };
}

/**
 * Fisher–Yates as shuffleInPlace (nn/rng) does it — the same draws, swaps and result — with a yield
 * of `at` every SLICE_ROWS swaps.
 */
function* shuffleSteps(values: Int32Array, random: () => number, at: number): Generator<number, void, void> {
  for (let i = values.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    const v = values[i];
    values[i] = values[j];
    values[j] = v;
    if (i % SLICE_ROWS === 0) yield at;
  }
}

/**
 * The seeded split of `kept` (ascending rows): a Fisher–Yates shuffle with createRng(seed), the first
 * nTrain shuffled rows for training. Both parts come back ascending (file order), found by marking the
 * training rows and reading `kept` in order — the same arrays as sorting each part, without a sort.
 */
export function* seededSplit(kept: Int32Array, rowCount: number, trainPercent: number, seed: number, at: number): Generator<number, { train: Int32Array; test: Int32Array }, void> {
  const shuffled = ownedInt32(kept.length);
  shuffled.set(kept);
  yield* shuffleSteps(shuffled, createRng(seed), at);
  const nTrain = Math.max(1, Math.round((kept.length * trainPercent) / 100));
  const inTrain = new Uint8Array(rowCount);
  for (let i = 0; i < nTrain && i < shuffled.length; i++) inTrain[shuffled[i]] = 1;
  yield at;
  const train = new Int32Array(Math.min(nTrain, kept.length));
  const test = new Int32Array(kept.length - train.length);
  let a = 0;
  let b = 0;
  for (let i = 0; i < kept.length; i++) {
    const r = kept[i];
    if (inTrain[r]) train[a++] = r;
    else test[b++] = r;
  }
  release(shuffled);
  return { train, test };
}

/**
 * True when `kept` (ascending rows) holds exactly the rows of `train` and `test` (each ascending, no
 * row in both): the rows a seeded split of `kept` gave before. Compared as one merged pass, without
 * making the merged array.
 */
export function sameRows(kept: Int32Array, train: Int32Array, test: Int32Array | null): boolean {
  const other = test ?? new Int32Array(0);
  if (kept.length !== train.length + other.length) return false;
  let a = 0;
  let b = 0;
  for (let i = 0; i < kept.length; i++) {
    const next = b >= other.length || (a < train.length && train[a] < other[b]) ? train[a++] : other[b++];
    if (next !== kept[i]) return false;
  }
  return true;
}
