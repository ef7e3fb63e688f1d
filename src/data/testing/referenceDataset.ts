/**
 * The dataset build as it was before it was cut into slices (commit d0b52eb), kept only as the
 * oracle of dataset.sliced.test.ts: the sliced build must give the very same matrices, split and notices.
 * Not used by the app.
 */
import { Matrix } from '../../nn/matrix';
import type { BuildOptions, Dataset, DatasetPart } from '../dataset';
import { createRng, shuffleInPlace } from '../../nn/rng';
import { featureNames, featureCount, matchColumn, planFeatures, type FeaturePlan } from '../encode';
import { DataError } from '../errors';
import type { FeatureStats, Normalization } from '../normalize';
import type { NormalizationKind } from '../settings';
import { canBeFeature, resolveFeatureNames, resolveTargetName, type DataChoices } from '../settings';
import { findColumn, type Column, type Table } from '../table';
import { buildY, fitTargetScale, hasTarget, planTarget, targetValues, type TargetPlan } from '../target';

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
function refuseInfinite(table: Table, columns: Column[], rows: Int32Array, testFile: string | null): void {
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
function usableRows(table: Table, columns: Column[], target: Int32Array | Float64Array, drop: boolean) {
  const m = table.rowCount;
  // Column by column into a mask: one tight loop per column instead of a closure per cell.
  const gap = new Uint8Array(m);
  if (drop) {
    for (const c of columns) {
      if (c.numbers) { const v = c.numbers; for (let i = 0; i < m; i++) if (v[i] !== v[i]) gap[i] = 1; }
      else if (c.codes) { const v = c.codes; for (let i = 0; i < m; i++) if (v[i] < 0) gap[i] = 1; }
      else gap.fill(1);
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
  }
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

/** Builds the dataset (see above). Throws a DataError with a message and a hint when the choices cannot work. */
export function referenceBuildDataset(table: Table, choices: DataChoices, options: BuildOptions): Dataset {
  const test = options.test ?? null;
  const key = JSON.stringify([choices.target, choices.features, choices.missing, choices.trainPercent, options.seed]);
  const cached = lastEncoded.get(table);
  let encoded: Encoded;
  if (cached && cached.key === key && cached.test === test) encoded = cached.encoded;
  else {
    encoded = encode(table, choices, options.seed, test);
    lastEncoded.set(table, { key, test, encoded });
  }
  const { names, columnOf, train, plan } = encoded;
  const notices = encoded.notices.slice();
  const normalization = fitNormalization(choices.normalization, train.rawX, names, (i) => train.lines[i], (f) => columnOf[f]);
  if (choices.normalization === 'zscore') {
    const constant = normalization.stats.filter((s) => s.std === 0).map((s) => `"${s.name}"`);
    if (constant.length > 0) notices.push(`Constant in the training part (σ = 0), so 0 after normalisation: ${constant.join(', ')}.`);
  }
  const part = (p: { rawX: Matrix; Y: Matrix; lines: Int32Array }): DatasetPart => ({ rawX: p.rawX, X: applyNormalization(normalization, p.rawX), Y: p.Y, lines: p.lines });
  return {
    id: table.id,
    name: table.name,
    featureNames: names,
    targetName: plan.column,
    task: plan.task,
    classes: plan.classes,
    outputSize: plan.task === 'multiclass' ? plan.classes.length : 1,
    train: part(train),
    test: encoded.test ? part(encoded.test) : null,
    normalization,
    targetScale: encoded.targetScale,
    notices,
    summary: encoded.summary,
  };
}

/** Rows, split, raw X and Y of the choices (all of buildDataset but the normalisation). */
function encode(table: Table, choices: DataChoices, seed: number, test: Table | null): Encoded {
  const notices = table.notices.slice();
  const { plan, features } = resolveColumns(table, choices, notices);
  const featureColumns = features.map((name) => findColumn(table, name) as Column);
  const drop = choices.missing === 'drop';
  const yAll = targetValues(table, plan);
  const kept = usableRows(table, featureColumns, yAll, drop);
  notices.push(...droppedNotices('', kept, false));
  const targetColumn = findColumn(table, plan.column) as Column;
  refuseInfinite(table, [...featureColumns, targetColumn], kept.rows, null);
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
    const keptTest = usableRows(test, testColumns, yTest, drop);
    const testTarget = findColumn(test, plan.column);
    refuseInfinite(test, testTarget ? [...testColumns, testTarget] : testColumns, keptTest.rows, test.name);
    notices.push(...test.notices.filter((n) => !table.notices.includes(n)).map((n) => `Test file: ${n}`), ...droppedNotices('Test file: ', keptTest, plan.task !== 'regression'));
    testRows = keptTest.rows;
  } else if (choices.trainPercent < 100) {
    const shuffled = kept.rows.slice();
    shuffleInPlace(shuffled, createRng(seed));
    const nTrain = Math.max(1, Math.round((kept.rows.length * choices.trainPercent) / 100));
    trainRows = shuffled.slice(0, nTrain).sort();
    testRows = shuffled.slice(nTrain).sort();
  }
  if (plan.task !== 'regression') {
    const present = new Set<number>();
    for (const i of trainRows) present.add(yAll[i]);
    if (present.size < 2) {
      throw new DataError(
        `The training part has one class of "${plan.column}" only ("${plan.classes[[...present][0]]}").`,
        'Use a larger training part, another seed, or a file with examples of each class.',
        { column: plan.column },
      );
    }
  }

  const featurePlan = planFeatures(table, features, trainRows, choices.missing);
  const names = featureNames(featurePlan);
  const columnOf: string[] = featurePlan.flatMap((p) => p.names.map(() => p.column));
  const train = encodeFeatures(table, featurePlan, trainRows, 'training file');
  const targetScale = plan.task === 'regression' ? fitTargetScale(plan, yAll as Float64Array, trainRows) : null;

  let testPart: Encoded['test'] = null;
  if (testRows && testRows.length > 0) {
    const source = test ?? table;
    const encoded = encodeFeatures(source, featurePlan, testRows, 'test file');
    if (encoded.unseen > 0) notices.push(`${plural(encoded.unseen, 'test value')} with a label not seen in training (one-hot all zeros).`);
    testPart = { rawX: encoded.rawX, Y: buildY(plan, yTest ?? yAll, testRows, targetScale), lines: linesOf(source, testRows) };
  } else if (test) {
    throw new DataError(`The test file "${test.name}" has no usable row.`, 'Check that it has the same columns as the training file, with values.');
  }

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
    train: { rawX: train.rawX, Y: buildY(plan, yAll, trainRows, targetScale), lines: linesOf(table, trainRows) },
    test: testPart,
    targetScale,
    summary: `${plural(kept.rows.length, 'row')} · ${plural(names.length, 'feature')} · ${targetText} · ${splitText}`,
  };
}

// The encoding and normalisation of that commit, frozen here too.

/**
 * Raw X (n0 × m) of the given rows, one column per sample. Missing cells take the plan's fill value;
 * a label unseen in training gives all-zero one-hot rows (counted in `unseen`).
 */
function encodeFeatures(table: Table, plan: FeaturePlan[], rows: Int32Array, role = 'table'): { rawX: Matrix; unseen: number } {
  const m = rows.length;
  const rawX = new Matrix(featureCount(plan), m);
  let offset = 0;
  let unseen = 0;
  for (const p of plan) {
    const column = matchColumn(table, p.column, p.type === 'number', role);
    if (p.type === 'number') {
      const values = column.numbers as Float64Array;
      const out = rawX.data.subarray(offset * m, (offset + 1) * m);
      for (let i = 0; i < m; i++) {
        const x = values[rows[i]];
        out[i] = Number.isNaN(x) ? p.fill : x;
      }
    } else {
      const index = new Map(p.categories.map((c, k) => [c, k]));
      const toPlan = column.categories.map((c) => index.get(c) ?? -1);
      const codes = column.codes as Int32Array;
      for (let i = 0; i < m; i++) {
        const code = codes[rows[i]];
        const k = code < 0 ? p.fill : toPlan[code];
        if (k < 0) unseen++;
        else rawX.data[(offset + k) * m + i] = 1;
      }
    }
    offset += p.names.length;
  }
  return { rawX, unseen };
}

/**
 * μ, σ, min, max of every row of rawX (n0 × m). Throws a DataError naming the feature, its column and
 * the file line of the largest value when they overflow (a value like 1e308, or 1e999 read as ∞).
 * `lineOf(i)` gives the file line of sample i; `columnOf(f)` the CSV column of feature f.
 */
function fitNormalization(
  kind: NormalizationKind, rawX: Matrix, names: string[],
  lineOf: (sample: number) => number | undefined, columnOf: (feature: number) => string,
): Normalization {
  const { rows: n0, cols: m, data } = rawX;
  const stats: FeatureStats[] = [];
  for (let f = 0; f < n0; f++) {
    let mean = 0;
    let m2 = 0;
    let min = Infinity;
    let max = -Infinity;
    let worst = 0;
    const row = f * m;
    // Welford's update: stable, and it overflows only when the values themselves are near ±1.8e308.
    for (let i = 0; i < m; i++) {
      const x = data[row + i];
      const delta = x - mean;
      mean += delta / (i + 1);
      m2 += delta * (x - mean);
      if (x < min) min = x;
      if (x > max) max = x;
      if (Math.abs(x) > Math.abs(data[row + worst])) worst = i;
    }
    const std = m > 0 ? Math.sqrt(m2 / m) : 0;
    const ok = [mean, std, min, max, max - min].every(Number.isFinite) && m > 0;
    if (!ok && m > 0) {
      const value = data[row + worst];
      const line = lineOf(worst);
      throw new DataError(
        `Feature "${names[f]}" has values too large to normalise (${value}${line !== undefined ? ` on line ${line}` : ''}): ` +
          'their mean or spread overflows a 64-bit number.',
        'Rescale that column (another unit, or divide it by a power of ten) or untick it as a feature.',
        { line, column: columnOf(f) },
      );
    }
    stats.push({ name: names[f], mean, std, min: m > 0 ? min : 0, max: m > 0 ? max : 0 });
  }
  return { kind, stats };
}

/** x' for every entry of rawX (n0 × m) with the fitted statistics; returns a new matrix. */
function applyNormalization(normalization: Normalization, rawX: Matrix): Matrix {
  const out = new Matrix(rawX.rows, rawX.cols);
  const { cols: m } = rawX;
  normalization.stats.forEach((s, f) => {
    let shift = 0;
    let scale = 1;
    if (normalization.kind === 'zscore') [shift, scale] = [s.mean, s.std > 0 ? s.std : 1];
    else if (normalization.kind === 'minmax') [shift, scale] = [s.min, s.max > s.min ? s.max - s.min : 1];
    for (let i = f * m; i < (f + 1) * m; i++) out.data[i] = (rawX.data[i] - shift) / scale;
  });
  return out;
}
