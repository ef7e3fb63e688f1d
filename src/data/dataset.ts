import { Matrix } from '../nn/matrix';
import { ownedFloat64, ownedInt32, release } from './buffers';
import { layoutSteps, type Layout, type PartLayout } from './datasetLayout';
import { BuildMemory, hold, unspent, type Need } from './datasetMemory';
import { linesOf, SLICE_ROWS } from './datasetRows';
import { featureReader } from './encode';
import { applyFeatureInto, type Normalization } from './normalize';
import type { DataChoices } from './settings';
import type { Table } from './table';
import { buildYInto, type TaskKind } from './target';

export { SLICE_ROWS } from './datasetRows';
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
 * The last layout built on each table, with the choices it was made for and the arrays of the
 * dataset made from it. The same choices but the normalisation (the commonest change on a big file)
 * take it all as it is — raw X, Y, the file lines and the statistics — and write only X; choices that
 * keep its rows take its split, and with the same target its Y and lines (see layoutSteps).
 */
const lastLayout = new WeakMap<Table, { key: string; layout: Layout }>();

/** True when every array a layout takes over still holds its values (its memory went to no other dataset). */
function intact(layout: Layout): boolean {
  return [layout.train, layout.test].every((p) => !p || [p.rawX?.data, p.Y?.data, p.lines].every((a) => !a || unspent(a)));
}

/** What a layout is made from, but the tables: every choice except the normalisation, and the seed. */
const layoutKey = (choices: DataChoices, seed: number) => JSON.stringify([choices.target, choices.features, choices.missing, choices.trainPercent, seed]);

/** The layout of the choices (the cached one when only the normalisation differs); yields the fraction done (0..1). */
function* layoutOf(table: Table, choices: DataChoices, options: BuildOptions): Generator<number, Layout, void> {
  const test = options.test ?? null;
  const key = layoutKey(choices, options.seed);
  const cached = lastLayout.get(table);
  const earlier = cached && intact(cached.layout) ? cached.layout : null;
  if (cached && earlier && cached.key === key && earlier.split.test === test && earlier.train.rawX) return earlier;
  return yield* layoutSteps(table, choices, options.seed, test, earlier);
}

/**
 * The work of buildDataset cut into slices: the generator yields between slices (a column, a feature
 * row, a pass over the rows: a few milliseconds each on a 45 MB file) with the fraction done so far,
 * and returns the dataset. The page runs it a few slices per frame (see drainSteps); every number
 * comes out the same as from buildDataset, which runs the same steps in one go.
 */
export type DatasetSteps = Generator<number, Dataset, void>;

/** Runs `steps` as part of a longer sliced build: its fractions 0..1 become from..from + span; returns what it returns. */
function* scaledSteps<T>(steps: Generator<number, T, void>, from: number, span: number): Generator<number, T, void> {
  for (;;) {
    const next = steps.next();
    if (next.done) return next.value;
    yield from + span * next.value;
  }
}

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
  const layout = yield* scaledSteps(layoutOf(table, choices, options), 0, 0.8);
  const fresh = (need: Need) => (need.slot === 'lines' ? ownedInt32(need.length) : ownedFloat64(need.length));
  return yield* scaledSteps(writeSteps(table, layout, choices.normalization, layoutKey(choices, options.seed), fresh), 0.8, 0.2);
}

/** A dataset whose numbers are all decided but whose matrices are not written yet (see prepareDatasetSteps). */
export interface PreparedDataset {
  /**
   * Writes the matrices and returns the dataset, the one buildDataset gives. `replaced`: the datasets
   * no one will read again (the one this replaces); their arrays that the new dataset does not take
   * over as they are get its matrices written into them, or are given back (buffers.ts's release):
   * either way they must not be read afterwards. Once only; in one go, a few milliseconds per million values.
   */
  finish(replaced?: readonly Dataset[]): Dataset;
}

/**
 * buildDatasetSteps without its last part: the slices decide every number (rows, split, statistics,
 * notices, yielding 0..1) and `finish` writes the matrices into the memory of the dataset they
 * replace, once it can be let go (datasetMemory.ts). `candidates`: the datasets the build is expected
 * to replace, whose arrays it plans to write into; what does not fit them is allocated in the slices.
 * On a 45 MB file the old and the new dataset then never both hold their matrices (50 MB each).
 * Throws buildDataset's DataErrors from the slices, never from finish.
 */
export function* prepareDatasetSteps(table: Table, choices: DataChoices, options: BuildOptions, candidates: readonly Dataset[] = []): Generator<number, PreparedDataset, void> {
  const layout = yield* scaledSteps(layoutOf(table, choices, options), 0, 0.9);
  const keep = new Set<ArrayBufferLike>();
  const needs: Need[] = [];
  const n0 = layout.names.length;
  const nL = layout.plan.task === 'multiclass' ? layout.plan.classes.length : 1;
  for (const [part, p] of [[0, layout.train], [1, layout.test]] as const) {
    if (!p) continue;
    const m = p.rows.length;
    for (const a of [p.rawX?.data, p.Y?.data, p.lines]) if (a) keep.add(a.buffer);
    if (!p.rawX) needs.push({ part, slot: 'rawX', length: n0 * m });
    needs.push({ part, slot: 'X', length: n0 * m });
    if (!p.Y) needs.push({ part, slot: 'Y', length: nL * m });
    if (!p.lines) needs.push({ part, slot: 'lines', length: m });
  }
  const memory = new BuildMemory(needs, candidates, keep);
  for (const f of memory.touch()) yield 0.9 + 0.1 * f;
  let done = false;
  return {
    finish(replaced = []) {
      if (done) throw new Error('PreparedDataset.finish: the dataset is already written');
      done = true;
      return drainSteps(writeSteps(table, layout, choices.normalization, layoutKey(choices, options.seed), memory.take(replaced)));
    },
  };
}

/**
 * Writes a layout's matrices: raw X from the table (what it does not take over), X normalised by
 * `kind` with the layout's statistics, Y and the file lines; yields the fraction done (0..1), and
 * keeps the layout with the dataset's arrays in lastLayout (under `key`, layoutKey's).
 */
function* writeSteps(table: Table, layout: Layout, kind: Dataset['normalization']['kind'], key: string, arrays: (need: Need) => Float64Array | Int32Array): DatasetSteps {
  const { names, plan, featurePlan } = layout;
  const n0 = names.length;
  const normalization: Normalization = { kind, stats: layout.stats };
  const notices = layout.notices.slice();
  if (kind === 'zscore') {
    const constant = layout.stats.filter((s) => s.std === 0).map((s) => `"${s.name}"`);
    if (constant.length > 0) notices.push(`Constant in the training part (σ = 0), so 0 after normalisation: ${constant.join(', ')}.`);
  }
  const parts = layout.test ? [layout.train, layout.test] : [layout.train];
  const written: DatasetPart[] = [];
  const nL = plan.task === 'multiclass' ? plan.classes.length : 1;
  for (const p of parts) {
    const m = p.rows.length;
    const part = written.length as 0 | 1;
    const share = (done: number) => (part + done) / parts.length;
    const matrix = (slot: 'rawX' | 'X' | 'Y', rows: number) => new Matrix(rows, m, arrays({ part, slot, length: rows * m }) as Float64Array);
    const rawX = p.rawX ?? matrix('rawX', n0);
    const X = matrix('X', n0);
    let f = 0;
    for (const fp of featurePlan) {
      const reader = p.rawX ? null : featureReader(p.source, fp, p.role);
      for (let k = 0; k < fp.names.length; k++, f++) {
        for (let from = 0; from < m; from += SLICE_ROWS) {
          const to = Math.min(m, from + SLICE_ROWS);
          reader?.read(k, p.rows, from, to, rawX.data, f * m + from);
          applyFeatureInto(normalization, f, rawX, X, from, to);
          yield share((0.9 * (f + to / m)) / n0);
        }
      }
    }
    let Y = p.Y;
    if (!Y) {
      Y = matrix('Y', nL);
      // buildYInto writes a multiclass Y's ones only, and the array may hold an earlier dataset's values.
      if (plan.task === 'multiclass') Y.data.fill(0);
      for (let from = 0; from < m; from += SLICE_ROWS) {
        buildYInto(plan, p.y as Int32Array | Float64Array, p.rows, layout.targetScale, Y, from, Math.min(m, from + SLICE_ROWS));
        yield share(0.9 + (0.1 * Math.min(m, from + SLICE_ROWS)) / m);
      }
    }
    let lines = p.lines;
    if (!lines) {
      lines = arrays({ part, slot: 'lines', length: m }) as Int32Array;
      linesOf(p.source, p.rows, lines);
    }
    written.push({ rawX, X, Y, lines });
  }
  // The target values were for Y only (release leaves a column's own values, a regression's, alone).
  for (const p of parts) if (p.y instanceof Int32Array) release(p.y);
  // What a later build may take over: these arrays, with the same rows (the target values are not needed any more).
  const keep = (p: PartLayout, w: DatasetPart): PartLayout => ({ ...p, y: null, rawX: w.rawX, Y: w.Y, lines: w.lines ?? null });
  lastLayout.set(table, {
    key,
    layout: { ...layout, train: keep(layout.train, written[0]), test: layout.test ? keep(layout.test, written[1]) : null },
  });
  const dataset: Dataset = {
    id: table.id,
    name: table.name,
    featureNames: names,
    targetName: plan.column,
    task: plan.task,
    classes: plan.classes,
    outputSize: plan.task === 'multiclass' ? plan.classes.length : 1,
    train: written[0],
    test: layout.test ? written[1] : null,
    normalization,
    targetScale: layout.targetScale,
    notices,
    summary: layout.summary,
  };
  hold(dataset);
  return dataset;
}
