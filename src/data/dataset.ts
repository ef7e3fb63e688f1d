import { Matrix } from '../nn/matrix';
import { createRng } from '../nn/rng';
import { encodeFeatureInto, featureCount, featureNames, matchColumn, planFeatures, type FeaturePlan } from './encode';
import { DataError } from './errors';
import { applyFeatureInto, fitFeatureSteps, type FeatureStats, type Normalization } from './normalize';
import { canBeFeature, resolveFeatureNames, resolveTargetName, type DataChoices } from './settings';
import { findColumn, type Column, type Table } from './table';
import { buildYInto, emptyY, fitTargetScale, hasTarget, planTarget, targetValues, type TargetPlan, type TaskKind } from './target';

export type { TaskKind };

/**
 * A table plus the user's choices → the matrices the network learns from (column convention: X is
 * n0 × m, one column per sample; Y is nL × m). Rows without a target are dropped; rows with a
 * missing feature are dropped or filled in; the split is a seeded shuffle or a separate test file;
 * normalisation is fitted on the training part and applied to both parts.
 */
export interface Dataset {
  /** Where the data comes from: 'file:datatraining.txt', 'builtin:xor'. */
  id: string;
  name: string;
  /** After one-hot encoding ('Light', 'Colour=red'); length n0. */
  featureNames: string[];
  targetName: string;
  task: TaskKind;
  /** Class labels, the positive class last for binary; [] for regression. */
  classes: string[];
  /** 1 for binary and regression, k for multiclass (one-hot). */
  outputSize: number;
  /** X normalised (n0 × m), rawX before normalisation (n0 × m), Y (nL × m). */
  train: DatasetPart;
  test: DatasetPart | null;
  normalization: Normalization;
  /** Regression: Y = (y − mean)/std; report RMSE in original units as std · RMSE(Y). */
  targetScale: { mean: number; std: number } | null;
  /** Non-fatal, e.g. '12 rows with missing values dropped'. */
  notices: string[];
  /** E.g. '8143 rows · 5 features · target Occupancy (2 classes) · test file datatest.txt (2665 rows)'. */
  summary: string;
}

/** One part (training or test) of a dataset; m = number of samples in the part. */
export interface DatasetPart {
  X: Matrix;
  Y: Matrix;
  rawX: Matrix;
  /**
   * lines[i] is where sample i (column i of X, rawX and Y) comes from: its 1-based line in the source
   * file (the header is line 1, so the first data row is line 2; a quoted newline or a `sep=` line
   * shifts later rows), or for a built-in set its 1-based row number. Length m; ascending, since the
   * split keeps file order. Follows the rows through dropped rows, the seeded split and a test file.
   * Always set by buildDataset; optional only so hand-made test datasets need not invent it.
   */
  lines?: Int32Array;
}

/** Options of buildDataset: the seed of the random split, and a separate test table (replaces the split). */
export interface BuildOptions {
  seed: number;
  test?: Table | null;
}

/**
 * Samples (rows of the table, columns of X) per slice of a pass over a column in the sliced build:
 * 32 Ki, a millisecond or two of work. A whole column of the 45 MB benchmark file (567,847 rows) in one
 * slice took up to 60 ms when gathered through a row list.
 */
export const SLICE_ROWS = 1 << 15;

/** The file lines of the given rows of a table. */
function linesOf(table: Table, rows: Int32Array): Int32Array {
  const out = new Int32Array(rows.length);
  for (let i = 0; i < rows.length; i++) out[i] = table.lines[rows[i]];
  return out;
}

/**
 * Throws a DataError naming the first ±∞ among the given rows of the columns (1e999 or "Infinity"
 * in the file): the network cannot learn from it, in the training part, the test split or a test file.
 */
function* refuseInfinite(table: Table, columns: Column[], rows: Int32Array, testFile: string | null, at: number): Generator<number, void, void> {
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

const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Rows (ascending) with a usable target and, under 'drop', every feature present; counts the rest. */
function* usableRows(table: Table, columns: Column[], target: Int32Array | Float64Array, drop: boolean, at: number): Generator<number, { rows: Int32Array; noTarget: number; incomplete: number }, void> {
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
  const rows = new Int32Array(m);
  let n = 0;
  let noTarget = 0;
  let incomplete = 0;
  for (let i = 0; i < m; i++) {
    if (!hasTarget(target, i)) noTarget++;
    else if (gap[i]) incomplete++;
    else rows[n++] = i;
    if ((i + 1) % SLICE_ROWS === 0) yield at;
  }
  yield at;
  return { rows: rows.slice(0, n), noTarget, incomplete };
}

function droppedNotices(prefix: string, counts: { noTarget: number; incomplete: number }, unknownClass: boolean): string[] {
  const out: string[] = [];
  if (counts.incomplete > 0) out.push(`${prefix}${plural(counts.incomplete, 'row')} with missing values dropped.`);
  if (counts.noTarget > 0) {
    out.push(`${prefix}${plural(counts.noTarget, 'row')} without a ${unknownClass ? 'known target class' : 'target value'} dropped.`);
  }
  return out;
}

function resolveColumns(table: Table, choices: DataChoices, notices: string[]): { plan: TargetPlan; features: string[] } {
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

/** Everything of a dataset but its normalisation: what a normalisation change reuses as it is. */
interface Encoded {
  plan: TargetPlan;
  names: string[];
  columnOf: string[];
  notices: string[];
  train: { rawX: Matrix; Y: Matrix; lines: Int32Array };
  test: { rawX: Matrix; Y: Matrix; lines: Int32Array } | null;
  targetScale: { mean: number; std: number } | null;
  summary: string;
}

/**
 * The last encoding of each table, with the choices it was made for. A change of normalisation
 * (the commonest change on a big file) then fits and applies it to the same raw X instead of
 * selecting, splitting and encoding every row again.
 */
const lastEncoded = new WeakMap<Table, { key: string; test: Table | null; encoded: Encoded }>();

/**
 * The work of buildDataset cut into slices: the generator yields between slices (a column, a feature
 * row, a pass over the rows: a few milliseconds each on a 45 MB file) with the fraction done so far,
 * and returns the dataset. The page runs it a few slices per frame (see drainSteps); every number
 * comes out the same as from buildDataset, which runs the same steps in one go.
 */
export type DatasetSteps = Generator<number, Dataset, void>;

/** Runs a sliced build to its end and returns what it returns. */
export function drainSteps<T>(steps: Generator<number, T, void>): T {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
  }
}

/** Builds the dataset (see above). Throws a DataError with a message and a hint when the choices cannot work. */
export function buildDataset(table: Table, choices: DataChoices, options: BuildOptions): Dataset {
  return drainSteps(buildDatasetSteps(table, choices, options));
}

/** buildDataset in slices (see DatasetSteps); a DataError is thrown from the slice that finds it. */
export function* buildDatasetSteps(table: Table, choices: DataChoices, options: BuildOptions): DatasetSteps {
  const test = options.test ?? null;
  const key = JSON.stringify([choices.target, choices.features, choices.missing, choices.trainPercent, options.seed]);
  const cached = lastEncoded.get(table);
  let encoded: Encoded;
  if (cached && cached.key === key && cached.test === test) encoded = cached.encoded;
  else {
    // The encoding is 3/4 of the work; its progress is scaled into [0, 0.75].
    const steps = encode(table, choices, options.seed, test);
    for (;;) {
      const next = steps.next();
      if (next.done) { encoded = next.value; break; }
      yield 0.75 * next.value;
    }
    lastEncoded.set(table, { key, test, encoded });
  }
  const { names, columnOf, train, plan } = encoded;
  const notices = encoded.notices.slice();
  const n0 = names.length;
  const stats: FeatureStats[] = [];
  for (let f = 0; f < n0; f++) {
    const fit = fitFeatureSteps(train.rawX, f, names, (i) => train.lines[i], (g) => columnOf[g], SLICE_ROWS);
    for (;;) {
      const next = fit.next();
      if (next.done) { stats.push(next.value); break; }
      yield 0.75 + (0.05 * f) / n0;
    }
    yield 0.75 + (0.05 * (f + 1)) / n0;
  }
  const normalization: Normalization = { kind: choices.normalization, stats };
  if (choices.normalization === 'zscore') {
    const constant = normalization.stats.filter((s) => s.std === 0).map((s) => `"${s.name}"`);
    if (constant.length > 0) notices.push(`Constant in the training part (σ = 0), so 0 after normalisation: ${constant.join(', ')}.`);
  }
  const parts = encoded.test ? [train, encoded.test] : [train];
  const normalised: DatasetPart[] = [];
  for (const p of parts) {
    const X = new Matrix(p.rawX.rows, p.rawX.cols);
    for (let f = 0; f < n0; f++) {
      for (let from = 0; from < X.cols; from += SLICE_ROWS) {
        applyFeatureInto(normalization, f, p.rawX, X, from, Math.min(X.cols, from + SLICE_ROWS));
        yield 0.8 + (0.2 * (normalised.length + (f + Math.min(X.cols, from + SLICE_ROWS) / X.cols) / n0)) / parts.length;
      }
    }
    normalised.push({ rawX: p.rawX, X, Y: p.Y, lines: p.lines });
  }
  return {
    id: table.id,
    name: table.name,
    featureNames: names,
    targetName: plan.column,
    task: plan.task,
    classes: plan.classes,
    outputSize: plan.task === 'multiclass' ? plan.classes.length : 1,
    train: normalised[0],
    test: encoded.test ? normalised[1] : null,
    normalization,
    targetScale: encoded.targetScale,
    notices,
    summary: encoded.summary,
  };
}

/** Raw X (n0 × rows.length) of a plan, SLICE_ROWS samples of one column of the file per slice; yields the fraction done. */
function* encodeRows(table: Table, plan: FeaturePlan[], rows: Int32Array, role: string): Generator<number, { rawX: Matrix; unseen: number }, void> {
  const rawX = new Matrix(featureCount(plan), rows.length);
  let offset = 0;
  let unseen = 0;
  for (let j = 0; j < plan.length; j++) {
    for (let from = 0; from < rows.length; from += SLICE_ROWS) {
      const to = Math.min(rows.length, from + SLICE_ROWS);
      unseen += encodeFeatureInto(table, plan[j], rows, rawX, offset, role, from, to);
      yield (j + to / rows.length) / plan.length;
    }
    offset += plan[j].names.length;
    yield (j + 1) / plan.length;
  }
  return { rawX, unseen };
}

/** buildY in slices of SLICE_ROWS samples, each yielding `at`. */
function* buildYSteps(plan: TargetPlan, values: Int32Array | Float64Array, rows: Int32Array, scale: { mean: number; std: number } | null, at: number): Generator<number, Matrix, void> {
  const Y = emptyY(plan, rows.length);
  for (let from = 0; from < rows.length; from += SLICE_ROWS) {
    buildYInto(plan, values, rows, scale, Y, from, Math.min(rows.length, from + SLICE_ROWS));
    yield at;
  }
  return Y;
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
function* seededSplit(kept: Int32Array, rowCount: number, trainPercent: number, seed: number, at: number): Generator<number, { train: Int32Array; test: Int32Array }, void> {
  const shuffled = kept.slice();
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
  return { train, test };
}

/** Rows, split, raw X and Y of the choices (all of buildDataset but the normalisation). */
function* encode(table: Table, choices: DataChoices, seed: number, test: Table | null): Generator<number, Encoded, void> {
  const notices = table.notices.slice();
  const { plan, features } = resolveColumns(table, choices, notices);
  const featureColumns = features.map((name) => findColumn(table, name) as Column);
  const drop = choices.missing === 'drop';
  const yAll = targetValues(table, plan);
  yield 0.02;
  const kept = yield* usableRows(table, featureColumns, yAll, drop, 0.1);
  notices.push(...droppedNotices('', kept, false));
  yield 0.15;
  const targetColumn = findColumn(table, plan.column) as Column;
  yield* refuseInfinite(table, [...featureColumns, targetColumn], kept.rows, null, 0.2);
  yield 0.25;
  if (kept.rows.length === 0) {
    throw new DataError(
      `No row of "${table.name}" is left: ${kept.incomplete > 0 ? 'every row misses a feature value' : 'every row misses the target'}.`,
      kept.incomplete > 0 ? 'Choose "fill in the mean" for missing values, or untick the features with gaps.' : 'Pick another target.',
    );
  }
  let trainRows = kept.rows;
  let testRows: Int32Array | null = null;
  let yTest: Int32Array | Float64Array | null = null;
  if (test) {
    for (const c of table.columns) if (!findColumn(test, c.name)) notices.push(`The test file has no column "${c.name}" (not used).`);
    yTest = targetValues(test, plan, 'test file');
    const testColumns = featureColumns.map((c) => matchColumn(test, c.name, c.numbers !== null, 'test file'));
    const keptTest = yield* usableRows(test, testColumns, yTest, drop, 0.3);
    const testTarget = findColumn(test, plan.column);
    yield* refuseInfinite(test, testTarget ? [...testColumns, testTarget] : testColumns, keptTest.rows, test.name, 0.3);
    notices.push(...test.notices.filter((n) => !table.notices.includes(n)).map((n) => `Test file: ${n}`), ...droppedNotices('Test file: ', keptTest, plan.task !== 'regression'));
    testRows = keptTest.rows;
  } else if (choices.trainPercent < 100) {
    const split = yield* seededSplit(kept.rows, table.rowCount, choices.trainPercent, seed, 0.3);
    trainRows = split.train;
    testRows = split.test;
  }
  yield 0.35;
  if (plan.task !== 'regression') {
    // The classes of the training rows, marked in a typed array (a Set of 500,000 adds took tens of ms).
    const present = new Uint8Array(plan.classes.length);
    let kinds = 0;
    let first = -1;
    for (let i = 0; i < trainRows.length; i++) {
      const k = yAll[trainRows[i]];
      if (present[k] === 0) {
        present[k] = 1;
        kinds++;
        if (first < 0) first = k;
      }
      if ((i + 1) % SLICE_ROWS === 0) yield 0.35;
    }
    if (kinds < 2) {
      throw new DataError(
        `The training part has one class of "${plan.column}" only ("${plan.classes[first]}").`,
        'Use a larger training part, another seed, or a file with examples of each class.',
        { column: plan.column },
      );
    }
  }

  const featurePlan: FeaturePlan[] = [];
  for (let j = 0; j < features.length; j++) {
    featurePlan.push(planFeatures(table, [features[j]], trainRows, choices.missing)[0]);
    yield 0.35 + (0.1 * (j + 1)) / features.length;
  }
  const names = featureNames(featurePlan);
  const columnOf: string[] = featurePlan.flatMap((p) => p.names.map(() => p.column));
  const testShare = testRows && testRows.length > 0 ? testRows.length / (trainRows.length + testRows.length) : 0;
  const trainSteps = encodeRows(table, featurePlan, trainRows, 'training file');
  let train: { rawX: Matrix; unseen: number };
  for (;;) {
    const next = trainSteps.next();
    if (next.done) { train = next.value; break; }
    yield 0.45 + 0.45 * (1 - testShare) * next.value;
  }
  const targetScale = plan.task === 'regression' ? fitTargetScale(plan, yAll as Float64Array, trainRows) : null;

  let testPart: Encoded['test'] = null;
  if (testRows && testRows.length > 0) {
    const source = test ?? table;
    const testSteps = encodeRows(source, featurePlan, testRows, 'test file');
    let encoded: { rawX: Matrix; unseen: number };
    for (;;) {
      const next = testSteps.next();
      if (next.done) { encoded = next.value; break; }
      yield 0.45 + 0.45 * (1 - testShare) + 0.45 * testShare * next.value;
    }
    if (encoded.unseen > 0) notices.push(`${plural(encoded.unseen, 'test value')} with a label not seen in training (one-hot all zeros).`);
    const Y = yield* buildYSteps(plan, yTest ?? yAll, testRows, targetScale, 0.9);
    testPart = { rawX: encoded.rawX, Y, lines: linesOf(source, testRows) };
  } else if (test) {
    throw new DataError(`The test file "${test.name}" has no usable row.`, 'Check that it has the same columns as the training file, with values.');
  }

  const trainY = yield* buildYSteps(plan, yAll, trainRows, targetScale, 0.95);
  const k = plan.classes.length;
  const targetText = plan.task === 'regression' ? `target ${plan.column} (regression)` : `target ${plan.column} (${k} classes)`;
  const splitText = test
    ? `test file ${test.name} (${plural(testRows?.length ?? 0, 'row')})`
    : testPart ? `split ${trainRows.length} train / ${testRows?.length ?? 0} test` : 'no test part';
  return {
    plan,
    names,
    columnOf,
    notices,
    train: { rawX: train.rawX, Y: trainY, lines: linesOf(table, trainRows) },
    test: testPart,
    targetScale,
    summary: `${plural(kept.rows.length, 'row')} · ${plural(names.length, 'feature')} · ${targetText} · ${splitText}`,
  };
}
