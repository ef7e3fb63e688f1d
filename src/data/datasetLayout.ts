import type { Matrix } from '../nn/matrix';
import { release } from './buffers';
import { droppedNotices, plural, refuseInfinite, resolveColumns, sameRows, seededSplit, SLICE_ROWS, usableRows } from './datasetRows';
import { featureNames, featureReader, matchColumn, planFeatures, type FeaturePlan } from './encode';
import { DataError } from './errors';
import { FeatureFit, type FeatureStats } from './normalize';
import type { DataChoices } from './settings';
import { findColumn, type Column, type Table } from './table';
import { fitTargetScale, targetValues, type TargetPlan } from './target';

/**
 * The first half of a dataset build: everything but its matrices. Which rows, how they split, the
 * features' plan, the target's scale, the notices and each feature's statistics (fitted on the
 * training rows read from the table, the very values raw X will hold) — small arrays only, so the
 * matrices can be written last, in one go, into memory the replaced dataset gives back (dataset.ts).
 */

/** One part (training or test) of a layout: its rows, and the arrays it takes over from an earlier dataset. */
export interface PartLayout {
  /** The table the rows are rows of: the training table, or the test file. */
  source: Table;
  role: 'training file' | 'test file';
  /** Rows of `source`, ascending (file order); sample i of the part is row rows[i]. */
  rows: Int32Array;
  /** Each source row's target value (targetValues), for writing Y; null once Y is written or taken over. */
  y: Int32Array | Float64Array | null;
  /** Arrays of an earlier dataset of the same rows (and, for rawX, the same features), taken over as they are; null: to be written. */
  rawX: Matrix | null;
  Y: Matrix | null;
  lines: Int32Array | null;
}

/** Everything of a dataset but its normalisation kind and its matrices. */
export interface Layout {
  plan: TargetPlan;
  featurePlan: FeaturePlan[];
  /** After one-hot encoding, length n0, and the CSV column of each. */
  names: string[];
  columnOf: string[];
  /** Every notice but the normalisation's. */
  notices: string[];
  targetScale: { mean: number; std: number } | null;
  summary: string;
  /** μ, σ, min, max of each feature row over the training part (what each normalisation uses). */
  stats: FeatureStats[];
  /** The split that gave the parts: its percentage and seed, and the test file (which replaces it). */
  split: { trainPercent: number; seed: number; test: Table | null };
  train: PartLayout;
  test: PartLayout | null;
}

/** The same target plan: column, task and classes. */
function samePlan(a: TargetPlan, b: TargetPlan): boolean {
  return a.column === b.column && a.task === b.task && a.classes.length === b.classes.length && a.classes.every((c, k) => c === b.classes[k]);
}

/** A part's rows and what it takes over from `earlier` (its Y and lines when the target is the same). */
function part(source: Table, role: PartLayout['role'], rows: Int32Array, y: Int32Array | Float64Array, earlier: PartLayout | null, sameTarget: boolean): PartLayout {
  const keep = earlier && sameTarget && earlier.rows === rows;
  return { source, role, rows, y, rawX: null, Y: keep ? earlier.Y : null, lines: keep ? earlier.lines : null };
}

/**
 * The layout of the choices (see above); yields the fraction done (0..1) between slices. `earlier` is
 * the last layout built on this table: when the choices keep its rows (the same kept rows, split and
 * test file), its split is taken as it is instead of shuffling again, and with the same target its Y
 * and file lines too. Throws the DataErrors of buildDataset.
 */
export function* layoutSteps(table: Table, choices: DataChoices, seed: number, test: Table | null, earlier: Layout | null): Generator<number, Layout, void> {
  const notices = table.notices.slice();
  const { plan, features } = resolveColumns(table, choices, notices);
  const featureColumns = features.map((name) => findColumn(table, name) as Column);
  const drop = choices.missing === 'drop';
  const yAll = targetValues(table, plan);
  yield 0.02;
  const kept = yield* usableRows(table, featureColumns, yAll, drop, 0.1);
  notices.push(...droppedNotices('', kept, false));
  const keptCount = kept.rows.length;
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
  const before = earlier && earlier.split.test === test ? earlier : null;
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
    // The same rows as before: the earlier arrays, so that what was made from them can be taken over.
    if (before?.test && sameRows(kept.rows, before.train.rows, null) && sameRows(testRows, before.test.rows, null)) {
      [trainRows, testRows] = [before.train.rows, before.test.rows];
      release(kept.rows);
      release(keptTest.rows);
    }
  } else if (choices.trainPercent < 100) {
    if (before?.test && before.split.trainPercent === choices.trainPercent && before.split.seed === seed && sameRows(kept.rows, before.train.rows, before.test.rows)) {
      // The same rows, percentage and seed: the same shuffle would give the same parts.
      [trainRows, testRows] = [before.train.rows, before.test.rows];
    } else {
      const split = yield* seededSplit(kept.rows, table.rowCount, choices.trainPercent, seed, 0.3);
      trainRows = split.train;
      testRows = split.test;
    }
    release(kept.rows);
  } else if (before && !before.test && sameRows(kept.rows, before.train.rows, null)) {
    trainRows = before.train.rows;
    release(kept.rows);
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
  const sameTarget = before !== null && samePlan(before.plan, plan);
  const targetScale = plan.task !== 'regression' ? null
    : sameTarget && before?.train.rows === trainRows ? before.targetScale : fitTargetScale(plan, yAll as Float64Array, trainRows);
  const train = part(table, 'training file', trainRows, yAll, before?.train ?? null, sameTarget);
  let testPart: PartLayout | null = null;
  if (testRows && testRows.length > 0) {
    testPart = part(test ?? table, 'test file', testRows, yTest ?? yAll, before?.test ?? null, sameTarget);
    let unseen = 0;
    for (const p of featurePlan) {
      if (p.type !== 'onehot') continue;
      const reader = featureReader(testPart.source, p, 'test file');
      for (let from = 0; from < testRows.length; from += SLICE_ROWS) {
        unseen += reader.unseen(testRows, from, Math.min(testRows.length, from + SLICE_ROWS));
        yield 0.45;
      }
    }
    if (unseen > 0) notices.push(`${plural(unseen, 'test value')} with a label not seen in training (one-hot all zeros).`);
  } else if (test) {
    throw new DataError(`The test file "${test.name}" has no usable row.`, 'Check that it has the same columns as the training file, with values.');
  }
  yield 0.45;

  // Each feature row's statistics, from the table's column a slice at a time: the values raw X will hold, in its order.
  const stats: FeatureStats[] = [];
  const slice = new Float64Array(Math.min(SLICE_ROWS, trainRows.length));
  const lineOf = (i: number) => table.lines[trainRows[i]];
  for (const p of featurePlan) {
    const reader = featureReader(table, p, 'training file');
    for (let k = 0; k < p.names.length; k++) {
      const fit = new FeatureFit();
      for (let from = 0; from < trainRows.length; from += SLICE_ROWS) {
        const to = Math.min(trainRows.length, from + SLICE_ROWS);
        reader.read(k, trainRows, from, to, slice, 0);
        fit.add(slice, 0, to - from);
        yield 0.45 + (0.55 * (stats.length + to / trainRows.length)) / names.length;
      }
      stats.push(fit.stats(names[stats.length], lineOf, columnOf[stats.length]));
    }
  }

  const k = plan.classes.length;
  const targetText = plan.task === 'regression' ? `target ${plan.column} (regression)` : `target ${plan.column} (${k} classes)`;
  const splitText = test
    ? `test file ${test.name} (${plural(testRows?.length ?? 0, 'row')})`
    : testPart ? `split ${trainRows.length} train / ${testRows?.length ?? 0} test` : 'no test part';
  return {
    plan,
    featurePlan,
    names,
    columnOf,
    notices,
    targetScale,
    summary: `${plural(keptCount, 'row')} · ${plural(names.length, 'feature')} · ${targetText} · ${splitText}`,
    stats,
    split: { trainPercent: choices.trainPercent, seed, test },
    train,
    test: testPart,
  };
}
