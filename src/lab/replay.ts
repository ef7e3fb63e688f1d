/**
 * A lab run as plain data, enough to replay it elsewhere (the exported Python script and notebook):
 * the data (embedded, or an uploaded CSV read again beside the script), the normalisation, the
 * architecture, the initial parameters, the live changes of η, m and λ, and how many batches were
 * trained. The batch order is not stored: it follows from the seed exactly as createBatcher draws it.
 */
import { applyNormalization, planTarget, resolveFeatureNames, type DataChoices, type Table } from '../data';
import { encodeFeatures, isMissingAt, planFeatures, type FeaturePlan } from '../data/encode';
import { hasTarget, targetValues } from '../data/target';
import { canBeFeature } from '../data/settings';
import { createRng, shuffleInPlace } from '../nn/rng';
import type { ActivationName, LossName, Matrix, OptimizerName } from '../nn';
import type { LabDataset } from './dataset';
import type { Params } from './params';
import type { LabSettings } from './settings';
import type { ScheduleEntry } from './state';

/** "After `update` updates these values were in force": the entry with update 0 holds the starting values. */
export type ParameterChange = ScheduleEntry;

/** The training samples embedded in the script: raw X (n0 × M, as rows) and Y (nL × M, as rows). */
export interface EmbeddedData { kind: 'embedded'; rawX: number[][]; Y: number[][] }

/**
 * An uploaded CSV that the script reads again: which rows (0-based data rows of the file) train, how
 * each feature column becomes rows of raw X (a number with its fill value, or one-hot labels with the
 * index of the fill label), the target, and the raw X of the first and last training sample so the
 * script can tell a different file from the one the lab read.
 */
export interface CsvData {
  kind: 'csv';
  fileName: string;
  rows: number[];
  features: FeaturePlan[];
  target: { column: string; task: LabDataset['task']; classes: string[]; numeric: boolean; scale: { mean: number; std: number } | null };
  firstSample: number[];
  lastSample: number[];
}

/** Everything the exported script needs (plain, serialisable). */
export interface PythonRun {
  datasetName: string;
  featureNames: string[];
  targetName: string;
  task: LabDataset['task'];
  classes: string[];
  data: EmbeddedData | CsvData;
  /** x' = (x − shift)/scale per feature, from the lab's fitted statistics. */
  normalization: LabDataset['normalization'];
  /** [n0, …hidden, nL]. */
  sizes: number[];
  hidden: ActivationName;
  output: ActivationName;
  loss: LossName;
  optimizer: OptimizerName;
  /** The seed of the batch order (and of the initial weights, which are embedded anyway). */
  seed: number;
  /** W[l] (n[l] × n[l−1]) as rows and b[l] (n[l] values) before any training, l = 1..L at index l − 1. */
  initial: { W: number[][]; b: number[] }[];
  /** Sorted by update; the first has update 0. batchSize is the one the batcher uses (capped at M). */
  changes: ParameterChange[];
  /** Number of batches trained. */
  updates: number;
  /** The update (1-based) of the batch on screen, whose matrices the script prints; 0 for none. */
  shownUpdate: number;
  /** Whose e^x and tanh the lab's JavaScript engine computes with (see engineMath); the script uses the same. */
  math: EngineMath;
}

/**
 * The implementation behind Math.exp and Math.tanh in this JavaScript engine, told apart by values
 * where they round differently: 'fdlibm' (V8 up to at least Node 20), 'glibc' (V8 in Chromium 156, a
 * copy of the GNU C library's code: what Python's math module gives on Linux), else 'other'.
 */
export type EngineMath = 'fdlibm' | 'glibc' | 'other';

/** Probes Math.exp and Math.tanh (see EngineMath); the reference values were measured in Node 20 and Chromium 156. */
export function engineMath(): EngineMath {
  const e1 = Math.exp(-25.526418685913086), e2 = Math.exp(-17.42197036743164);
  const t1 = Math.tanh(0.10730218887329102), t2 = Math.tanh(0.5213613510131836);
  if (e1 === 8.203840760308354e-12 && e2 === 2.7147785278446776e-8 && t1 === 0.10689225949387329 && t2 === 0.4787500230649027) return 'fdlibm';
  if (e1 === 8.203840760308353e-12 && e2 === 2.714778527844678e-8 && t1 === 0.1068922594938733 && t2 === 0.47875002306490255) return 'glibc';
  return 'other';
}

/** An uploaded file behind a dataset: its table, the choices and the split seed it was built with, and whether a test file replaced the split. */
export interface CsvSource { table: Table; choices: DataChoices; seed: number; testFile: boolean }

/** The pieces of lab state a run is made of. */
export interface RunPieces {
  dataset: LabDataset;
  settings: LabSettings;
  initialParams: Params;
  updates: number;
  shownUpdate: number;
  /** The change log; without one, the current η, m, λ are taken to have held from the start. */
  changes?: ParameterChange[];
  /** Given for an uploaded CSV: the script then reads the file instead of embedding the data. */
  source?: CsvSource | null;
}

const rowsOf = (M: Matrix): number[][] => Array.from({ length: M.rows }, (_, i) => Array.from(M.data.subarray(i * M.cols, (i + 1) * M.cols)));
const columnOf = (M: Matrix, j: number): number[] => Array.from({ length: M.rows }, (_, i) => M.data[i * M.cols + j]);

function sameValues(a: Matrix, b: Matrix): boolean {
  if (a.rows !== b.rows || a.cols !== b.cols) return false;
  for (let k = 0; k < a.data.length; k++) if (a.data[k] !== b.data[k]) return false;
  return true;
}

/**
 * The training rows of `table` as buildDataset chose them (rows with a target and, under 'drop',
 * every feature; then the seeded split unless a test file replaced it), and the feature plan.
 */
function trainingRows(dataset: LabDataset, source: CsvSource): { rows: Int32Array; plan: FeaturePlan[] } {
  const { table, choices } = source;
  const target = planTarget(table, dataset.targetName);
  let features = resolveFeatureNames(table, choices.features, target.column);
  if (choices.features === null && features.length === 0) {
    features = table.columns.filter((c) => c.name !== target.column && c.kind === 'categorical' && canBeFeature(c)).map((c) => c.name);
  }
  const y = targetValues(table, target);
  const columns = features.map((name) => table.columns.find((c) => c.name === name)!);
  const kept: number[] = [];
  for (let i = 0; i < table.rowCount; i++) {
    if (!hasTarget(y, i)) continue;
    if (choices.missing === 'drop' && columns.some((c) => isMissingAt(c, i))) continue;
    kept.push(i);
  }
  let rows = Int32Array.from(kept);
  if (!source.testFile && choices.trainPercent < 100) {
    const shuffled = rows.slice();
    // The same draw as the data layer's split.
    shuffleInPlace(shuffled, createRng(source.seed));
    const nTrain = Math.max(1, Math.round((kept.length * choices.trainPercent) / 100));
    rows = shuffled.slice(0, nTrain).sort();
  }
  return { rows, plan: planFeatures(table, features, rows, choices.missing) };
}

/** The CSV description of an uploaded dataset; throws when the rows cannot be matched to the lab's raw X. */
function csvData(dataset: LabDataset, source: CsvSource): CsvData {
  const { rows, plan } = trainingRows(dataset, source);
  const { rawX } = encodeFeatures(source.table, plan, rows);
  if (!sameValues(rawX, dataset.train.rawX)) throw new Error('csvData: the training rows of the file could not be matched to the lab’s data');
  const column = source.table.columns.find((c) => c.name === dataset.targetName)!;
  const M = rawX.cols;
  return {
    kind: 'csv',
    fileName: source.table.name,
    rows: Array.from(rows),
    features: plan,
    target: { column: dataset.targetName, task: dataset.task, classes: [...dataset.classes], numeric: column.numbers !== null, scale: dataset.targetScale },
    firstSample: columnOf(rawX, 0),
    lastSample: columnOf(rawX, M - 1),
  };
}

/**
 * True when the script can rebuild raw X from the file's cells: numeric and labelled feature columns
 * (a date or time column, read as milliseconds by the lab, is embedded instead), and a target read as
 * a number or a label.
 */
function readableAgain(source: CsvSource, dataset: LabDataset): boolean {
  const { table } = source;
  const target = table.columns.find((c) => c.name === dataset.targetName);
  if (!target || target.kind === 'date') return false;
  return trainingRows(dataset, source).plan.every((p) => {
    const column = table.columns.find((c) => c.name === p.column);
    return column !== undefined && column.kind !== 'date';
  });
}

/** The run of the lab state in `pieces` (see PythonRun). */
export function pythonRunFromPieces(pieces: RunPieces): PythonRun {
  const { dataset, settings, initialParams, updates, shownUpdate } = pieces;
  const M = dataset.train.X.cols;
  const cap = (m: number): number => Math.max(1, Math.min(m, M));
  const log = pieces.changes && pieces.changes.length > 0
    ? [...pieces.changes].sort((a, b) => a.update - b.update)
    : [{ update: 0, learningRate: settings.learningRate, batchSize: settings.batchSize, l2: settings.l2 }];
  let normalization = dataset.normalization;
  let data: EmbeddedData | CsvData;
  if (pieces.source && readableAgain(pieces.source, dataset)) data = csvData(dataset, pieces.source);
  else if (sameValues(applyNormalization(dataset.normalization, dataset.train.rawX), dataset.train.X)) {
    data = { kind: 'embedded', rawX: rowsOf(dataset.train.rawX), Y: rowsOf(dataset.train.Y) };
  } else {
    // X was not made from rawX by the stated normalisation (a hand-made dataset): embed X itself.
    data = { kind: 'embedded', rawX: rowsOf(dataset.train.X), Y: rowsOf(dataset.train.Y) };
    normalization = { kind: 'none', stats: dataset.normalization.stats };
  }
  return {
    datasetName: dataset.name,
    featureNames: [...dataset.featureNames],
    targetName: dataset.targetName,
    task: dataset.task,
    classes: [...dataset.classes],
    data,
    normalization,
    sizes: [dataset.featureNames.length, ...settings.hiddenLayers, dataset.outputSize],
    hidden: settings.hiddenActivation,
    output: settings.outputActivation,
    loss: settings.loss,
    optimizer: settings.optimizer,
    seed: settings.seed,
    initial: initialParams.map(({ W, b }) => ({ W: rowsOf(W), b: Array.from(b.data) })),
    changes: log.map((c) => ({ ...c, batchSize: cap(c.batchSize) })),
    updates,
    shownUpdate,
    math: engineMath(),
  };
}

/** The lab session's parts a run reads. */
export interface RunSession {
  dataset: LabDataset;
  settings: LabSettings;
  initialParams: Params;
  network: { updates: number };
  entry: { update: number } | null;
  /** The kept batches, oldest first: their update, m and options. */
  history: readonly { update: number; m: number; options: { learningRate: number; l2: number } }[];
}

/**
 * The change log read back from the kept history, when it still holds every batch trained (update 1
 * onwards): each batch's η, λ and its m (a last partial batch gives the same batch order as the batch
 * size it was cut from). Null when older batches were dropped or nothing was trained.
 */
export function changesFromHistory(session: Pick<RunSession, 'history' | 'network'>): ParameterChange[] | null {
  const { history } = session;
  if (history.length === 0 || history[0].update !== 1 || history.length !== session.network.updates) return null;
  const out: ParameterChange[] = [];
  for (const entry of history) {
    const change = { update: entry.update - 1, learningRate: entry.options.learningRate, batchSize: entry.m, l2: entry.options.l2 };
    const last = out[out.length - 1];
    if (!last || last.learningRate !== change.learningRate || last.batchSize !== change.batchSize || last.l2 !== change.l2) out.push(change);
  }
  return out;
}

/**
 * The run of a lab session: every batch trained so far, the batch on screen shown in full. η, m and λ
 * come from `extra.changes`, else from the kept history when it holds every batch, else the current
 * settings are taken to have held from the start.
 */
export function pythonRunOf(session: RunSession, extra: { changes?: ParameterChange[]; source?: CsvSource | null } = {}): PythonRun {
  return pythonRunFromPieces({
    dataset: session.dataset,
    settings: session.settings,
    initialParams: session.initialParams,
    updates: session.network.updates,
    shownUpdate: session.entry?.update ?? 0,
    changes: extra.changes ?? changesFromHistory(session) ?? undefined,
    source: extra.source ?? null,
  });
}
