/**
 * CSV exports: the metrics history and the predictions on a split. Written by papaparse's unparse
 * (fields with a comma, quote or line break are quoted, quotes doubled). User text (column names,
 * class labels) that begins like a spreadsheet formula — =, +, −, @, tab or carriage return — gets a
 * leading single quote, so that opening the file in a spreadsheet shows the text instead of running it
 * (CSV injection). Numbers are written as numbers and never prefixed; a label that is a plain number
 * such as "-1" is not a formula and stays as it is.
 */
import Papa from 'papaparse';
import { argmaxColumn, predict, type Network } from '../nn';
import type { LabDataset } from './dataset';
import type { Evaluation, MetricsLog } from './metrics';
import type { Task } from './settings';

/** Text that a spreadsheet would read as a formula: starts with = + − @ TAB CR, and is not a plain number. */
export const FORMULA_START = /^(?![+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$)[=+\-@\t\r]/;

type Cell = string | number | null;

/** Rows (the first one the header) → CSV text with CRLF line ends, formula-looking text neutralised. */
export function toCsv(rows: Cell[][]): string {
  const clean = rows.map((row) => row.map((cell) => (typeof cell === 'number' && !Number.isFinite(cell) ? null : cell)));
  return `${Papa.unparse(clean, { escapeFormulae: FORMULA_START, newline: '\r\n' })}\r\n`;
}

/**
 * The metrics history, one row per update t = 1, 2, … (and t = 0, before training): the 1-based epoch
 * and batch within it, the batch loss, and, on the row of the update that ended an epoch (or t = 0),
 * the train and test loss with accuracy (classification) or RMSE and R² (regression).
 * Epoch boundaries come from the evaluations, so a batch size changed mid-run is counted right.
 *
 * A run longer than the loss history keeps at full resolution (lossHistory.ts: the last 16,384
 * updates) has its far past in buckets; then the file gets one more column, batch_loss_updates:
 * 1 on a row of one update, n on a bucket's row (its update is the last of the n consecutive
 * updates whose mean loss it gives, its epoch and batch are that update's), and empty on the row of
 * an evaluation that fell inside a bucket (its batch loss is then empty too).
 */
export function metricsCsv(metrics: MetricsLog, task: Task): string {
  const scores: [string, (e: Evaluation) => number | null][] = task === 'regression'
    ? [['rmse', (e) => e.rmse], ['r2', (e) => e.r2]]
    : [['accuracy', (e) => e.accuracy]];
  const points = metrics.batchLoss.points();
  const bucketed = points.some((p) => p.last > p.first);
  const header = ['update', 'epoch', 'batch', 'batch_loss', 'train_loss', ...scores.map(([s]) => `train_${s}`), 'test_loss', ...scores.map(([s]) => `test_${s}`),
    ...(bucketed ? ['batch_loss_updates'] : [])];
  const byUpdate = new Map(metrics.epochs.map((point) => [point.update, point]));
  // Updates that ended an epoch, in order: epoch(t) = 1 + the number of them before t.
  const { epochEnds } = metrics;
  let ended = 0;
  const place = (t: number): [number, number] => {
    while (ended < epochEnds.length && epochEnds[ended] < t) ended += 1;
    return [ended + 1, t - (ended > 0 ? epochEnds[ended - 1] : 0)];
  };
  const evaluated = (t: number): Cell[] => {
    const point = byUpdate.get(t);
    const split = (e: Evaluation | null | undefined): Cell[] => (e ? [e.loss, ...scores.map(([, f]) => f(e))] : [null, ...scores.map(() => null)]);
    return [...split(point?.train), ...split(point?.test)];
  };
  const rows: Cell[][] = [header];
  if (byUpdate.has(0)) rows.push([0, null, null, null, ...evaluated(0), ...(bucketed ? [null] : [])]);
  for (const p of points) {
    if (p.first === p.last) {
      rows.push([p.last, ...place(p.last), p.value, ...evaluated(p.last), ...(bucketed ? [1] : [])]);
      continue;
    }
    // Evaluations inside the bucket, each on its own row, then the bucket's mean on its last update's row.
    const inside = [...byUpdate.keys()].filter((t) => t >= p.first && t < p.last).sort((a, b) => a - b);
    for (const t of inside) rows.push([t, ...place(t), null, ...evaluated(t), null]);
    rows.push([p.last, ...place(p.last), p.count > 0 ? p.value : null, ...evaluated(p.last), p.last - p.first + 1]);
  }
  return toCsv(rows);
}

/** Which part of the dataset to predict. */
export type SplitName = 'train' | 'test';

/** The test split when there is one, else the training split. */
export function defaultSplit(dataset: LabDataset): SplitName {
  return dataset.test ? 'test' : 'train';
}

/**
 * Predictions of the network on a split, one row per sample: the original (unnormalised) feature
 * values, the target and the prediction in the data's own terms (class labels; regression values in
 * the target's units), and the output: P(target = class) for a sigmoid or softmax output, else the raw
 * network output a. Binary: the predicted class is classes[1] when a ≥ 0.5; multiclass: argmax.
 */
export function predictionsCsv(network: Network, dataset: LabDataset, split: SplitName = defaultSplit(dataset)): string {
  const part = split === 'test' ? dataset.test : dataset.train;
  if (!part) throw new Error('This dataset has no test split.');
  const { featureNames, targetName, task, classes, targetScale } = dataset;
  const A = predict(network, part.X);
  const k = A.rows;
  const probabilistic = network.config.output === 'sigmoid' || network.config.output === 'softmax';
  const outputNames = k === 1
    ? [probabilistic && task === 'binary' ? `P(${targetName} = ${classes[1]})` : `output a`]
    : Array.from({ length: k }, (_, c) => (probabilistic ? `P(${targetName} = ${classes[c] ?? c})` : `output a${c + 1}`));
  const header: Cell[] = [...featureNames, targetName, `predicted ${targetName}`, ...outputNames];
  const rows: Cell[][] = [header];
  const unscale = (v: number) => (targetScale ? v * targetScale.std + targetScale.mean : v);
  for (let j = 0; j < part.X.cols; j++) {
    const features = Array.from({ length: part.rawX.rows }, (_, f) => part.rawX.data[f * part.rawX.cols + j]);
    const outputs = Array.from({ length: k }, (_, c) => A.data[c * A.cols + j]);
    let truth: Cell;
    let predicted: Cell;
    if (task === 'regression') {
      truth = unscale(part.Y.data[j]);
      predicted = unscale(outputs[0]);
    } else if (k === 1) {
      truth = classes[part.Y.data[j] >= 0.5 ? 1 : 0];
      predicted = Number.isFinite(outputs[0]) ? classes[outputs[0] >= 0.5 ? 1 : 0] : null;
    } else {
      truth = classes[argmaxColumn(part.Y, j)];
      predicted = outputs.every(Number.isFinite) ? classes[argmaxColumn(A, j)] : null;
    }
    rows.push([...features, truth, predicted, ...outputs]);
  }
  return toCsv(rows);
}
