/**
 * An evaluation of a whole split that can be spread over many frames: each `step` runs the forward
 * pass on a bounded number of columns (EVALUATION_CHUNK at a time, one reusable chunk workspace) and
 * folds them into running sums, in the same order as one pass over the whole split, so the loss,
 * accuracy, RMSE and R² come out the same to the last bit.
 */
import { EVALUATION_CHUNK, argmaxColumn, columnForward, losses, type Matrix, type Network } from '../nn';
import type { ConfusionMatrix, EvaluationOptions, MajorityBaseline, PredictionPoint, Split, SplitMetrics } from './metrics';
import type { Task } from './settings';

/** An evaluation in progress. */
export interface SplitEvaluator {
  /**
   * Evaluates up to maxColumns more samples (columns) of the split (≥ 1; Infinity for the rest).
   * @returns true once every column is done.
   */
  step(maxColumns: number): boolean;
  /** Fraction of the split's columns done, in [0, 1]. */
  readonly progress: number;
  /** The metrics of the whole split; throws an Error until step has returned true. */
  result(): SplitMetrics;
}

/** The default number of predicted-vs-actual points kept for a regression. */
export const REGRESSION_SAMPLE_SIZE = 500;

/** A copy of the parameters only (no optimiser state, no scratch buffers): what an evaluation of `network` as it is now needs. */
export function snapshotOf(network: Network): Network {
  return {
    config: network.config,
    layers: network.layers.map((layer) => ({ W: layer.W.clone(), b: layer.b.clone(), activation: layer.activation })),
    updates: network.updates,
    optimizer: null,
  };
}

/**
 * Starts evaluating `network` on `split` (X n0 × M, Y nL × M, M ≥ 1). The parameters are copied
 * now, so the caller may go on training while the steps run: the result describes the network as it
 * was when createEvaluator was called. targetStd and options.targetMean give the regression's
 * original units (RMSE = σ·√(mean (a − y)²), points as mean + σ·value); options.classes names the classes.
 * Throws a RangeError naming the shapes if the split does not fit the network.
 */
export function createEvaluator(network: Network, split: Split, task: Task, targetStd = 1, options: EvaluationOptions = {}): SplitEvaluator {
  const frozen = snapshotOf(network);
  const forced = options.baselineClass;
  const run = columnForward(frozen, split.X, split.Y);
  const { output, loss: lossName, sizes } = frozen.config;
  const nL = sizes[sizes.length - 1];
  const M = split.X.cols;
  const regression = task === 'regression';
  const classifies = !regression && ((output === 'sigmoid' && nL === 1) || output === 'softmax');
  const k = output === 'softmax' ? nL : 2;
  const counts = classifies ? Array.from({ length: k }, () => new Array<number>(k).fill(0)) : null;
  if (forced !== undefined && !(Number.isInteger(forced) && forced >= 0 && forced < k)) {
    throw new RangeError(`createEvaluator: baselineClass must be a class index 0..${k - 1}, got ${forced}`);
  }

  // Regression: ȳ and Σ(y − ȳ)² depend on Y alone, computed up front in the order evaluateSplit always used.
  const n = split.Y.data.length;
  const totalSquares = regression ? sumOfSquares(split.Y.data) : 0;
  const sampleCount = regression ? Math.min(M, Math.max(0, Math.floor(options.sampleSize ?? REGRESSION_SAMPLE_SIZE))) : 0;
  const sampleColumn = (s: number) => Math.floor((s * M) / sampleCount);
  const points: PredictionPoint[] = [];
  const targetMean = options.targetMean ?? 0;

  let done = 0;
  let lossSum = 0;
  let residual = 0;
  let finished: SplitMetrics | null = null;

  const fold = (start: number, Z: Matrix, A: Matrix, Yc: Matrix) => {
    lossSum = losses[lossName].total(Z, A, Yc, lossSum);
    const c = A.cols;
    if (counts) {
      for (let j = 0; j < c; j++) {
        const actual = output === 'softmax' ? argmaxColumn(Yc, j) : Yc.data[j] >= 0.5 ? 1 : 0;
        const predicted = output === 'softmax' ? argmaxColumn(A, j) : A.data[j] >= 0.5 ? 1 : 0;
        counts[actual][predicted] += 1;
      }
    }
    if (regression) {
      // Summed in a local, then stored: a captured sum updated per value was boxed per value (heap garbage).
      const a = A.data, y = Yc.data;
      let r = residual;
      for (let i = 0; i < a.length; i++) r += (a[i] - y[i]) ** 2;
      residual = r;
      for (let s = points.length; s < sampleCount && sampleColumn(s) < start + c; s++) {
        const j = sampleColumn(s) - start;
        const actual = targetMean + targetStd * Yc.data[j];
        const predicted = targetMean + targetStd * A.data[j];
        points.push({ index: start + j, actual, predicted, residual: predicted - actual });
      }
    }
  };

  const finish = (): SplitMetrics => {
    const loss = lossSum / M;
    if (regression) {
      return {
        loss, accuracy: null, rmse: targetStd * Math.sqrt(residual / n), r2: totalSquares > 0 ? 1 - residual / totalSquares : null,
        confusion: null, baseline: null, predictions: points,
      };
    }
    if (!counts) return { loss, accuracy: null, rmse: null, r2: null, confusion: null, baseline: null, predictions: null };
    const names = Array.from({ length: k }, (_, i) => options.classes?.[i] ?? `class ${i}`);
    let correct = 0;
    for (let i = 0; i < k; i++) correct += counts[i][i];
    const confusion: ConfusionMatrix = { classes: names, counts };
    return { loss, accuracy: correct / M, rmse: null, r2: null, confusion, baseline: baselineOf(counts, names, M, forced), predictions: null };
  };

  return {
    step(maxColumns) {
      if (!(maxColumns >= 1)) throw new RangeError(`evaluator.step: maxColumns must be ≥ 1, got ${maxColumns}`);
      let budget = maxColumns;
      while (done < M && budget >= 1) {
        const end = Math.min(M, done + EVALUATION_CHUNK, done + Math.floor(Math.min(budget, M)));
        const chunk = run.run(done, end);
        fold(done, chunk.Z, chunk.A, chunk.Y as Matrix);
        budget -= end - done;
        done = end;
      }
      if (done === M && !finished) finished = finish();
      return done === M;
    },
    get progress() {
      return done / M;
    },
    result() {
      if (!finished) throw new Error(`evaluator.result: the evaluation is not finished (${done} of ${M} columns)`);
      return finished;
    },
  };
}

/**
 * Σ(y − ȳ)² over Y, ȳ and the sum in the order evaluateSplit always used. Locals of its own: as
 * variables captured by the evaluator's closures, every update left a heap number behind.
 */
function sumOfSquares(Y: Float64Array): number {
  const n = Y.length;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += Y[i];
  mean /= n;
  let total = 0;
  for (let i = 0; i < n; i++) total += (Y[i] - mean) ** 2;
  return total;
}

/** The baseline answering `forced` (or the most frequent actual class, the first on ties). */
function baselineOf(counts: number[][], names: string[], M: number, forced: number | undefined): MajorityBaseline {
  const actual = counts.map((row) => row.reduce((s, x) => s + x, 0));
  let classIndex = 0;
  for (let i = 1; i < actual.length; i++) if (actual[i] > actual[classIndex]) classIndex = i;
  if (forced !== undefined) classIndex = forced;
  return { classIndex, className: names[classIndex], fraction: actual[classIndex] / M };
}
