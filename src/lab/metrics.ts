/**
 * Metrics of a session: the loss of every batch as it was trained, and evaluations of the whole train
 * and test sets (after every epoch, at the start, and on demand). Classification reports accuracy;
 * regression reports RMSE in the target's original units and R² instead.
 */
import type { Matrix, Network } from '../nn';
import { createEvaluator } from './evaluator';
import { createLossHistory, type LossHistory } from './lossHistory';
import type { Task } from './settings';

/** One evaluation of a network on a whole split. Fields that do not apply to the task are null. */
export interface Evaluation {
  /** Loss L over the split (the same loss the network trains on). */
  loss: number;
  /** Fraction of samples classified right, in [0, 1] (classification only). */
  accuracy: number | null;
  /** √(mean (a − y)²) in the target's original units (regression only). */
  rmse: number | null;
  /** 1 − Σ(a − y)² / Σ(y − ȳ)² (regression only). */
  r2: number | null;
}

/**
 * k × k counts of a classification on a split: counts[actual][predicted], rows = the true class,
 * columns = the predicted one (binary: 2 × 2, class 0 = classes[0], class 1 = classes[1], the
 * positive class). Σ of the diagonal / Σ of all = accuracy.
 */
export interface ConfusionMatrix {
  /** Class names in index order (as many as counts has rows; "class i" when none were given). */
  classes: string[];
  /** counts[i][j] = samples of class i predicted as class j. */
  counts: number[][];
}

/**
 * The accuracy of always answering one class (by default the split's most frequent class, the
 * first on ties): the bar a classifier has to beat, shown as "78.8% = always 'not occupied'".
 */
export interface MajorityBaseline {
  /** Index of the class always predicted. */
  classIndex: number;
  /** Its name. */
  className: string;
  /** Fraction of the split's samples in that class, in [0, 1]. */
  fraction: number;
}

/** One point of predicted against actual, in the target's original units (regression). */
export interface PredictionPoint {
  /** Column of the sample in the split (0-based). */
  index: number;
  /** y in original units: mean + σ·y_standardised. */
  actual: number;
  /** ŷ = mean + σ·a. */
  predicted: number;
  /** ŷ − y. */
  residual: number;
}

/**
 * An evaluation with what teachers asked to see beside it (issue 9 §5): for classification the
 * confusion matrix and the majority-class baseline, for regression a bounded sample of
 * predicted-vs-actual points (and so of residuals). Fields that do not apply to the task are null.
 */
export interface SplitMetrics extends Evaluation {
  /** Classification only. */
  confusion: ConfusionMatrix | null;
  /** Classification only. */
  baseline: MajorityBaseline | null;
  /**
   * Regression only: at most `sampleSize` (default 500) samples, evenly spaced through the split
   * (columns ⌊s·M/K⌋ for s = 0..K−1, K = min(M, sampleSize)), so the same split always gives the same points.
   */
  predictions: PredictionPoint[] | null;
}

/** Train and test evaluations at one moment of training. */
export interface EvaluationPoint {
  /** Completed epochs when measured (0 = before training). */
  epoch: number;
  /** Updates done when measured (t). */
  update: number;
  /** Why it was measured. */
  kind: 'start' | 'epoch' | 'demand';
  train: SplitMetrics;
  test: SplitMetrics | null;
}

/** A split of the dataset: X is n0 × m, Y is nL × m. */
export interface Split { X: Matrix; Y: Matrix }

/** What an evaluation needs besides the network and the split, to name classes and give original units. */
export interface EvaluationOptions {
  /** Class names in index order (binary: [negative, positive]); default "class 0", "class 1", …. */
  classes?: readonly string[];
  /** Mean of the original target (regression): predictions are shown as mean + σ·a. Default 0. */
  targetMean?: number;
  /** The class the baseline always answers, e.g. the training split's majority for the test split. Default: this split's majority. */
  baselineClass?: number;
  /** Regression points kept, default 500. */
  sampleSize?: number;
}

/**
 * Evaluates the network on a split, in one go (a loop over createEvaluator's steps). targetStd (σ of
 * the original target, for regression) turns the RMSE of the standardised target back into the
 * target's own units: RMSE = σ · √(mean (a − y)²). Loss and accuracy equal those of one forward pass
 * over the whole split, to the last bit.
 */
export function evaluateSplit(network: Network, split: Split, task: Task, targetStd = 1, options: EvaluationOptions = {}): SplitMetrics {
  const evaluator = createEvaluator(network, split, task, targetStd, options);
  while (!evaluator.step(Number.POSITIVE_INFINITY));
  return evaluator.result();
}

/** The metrics record of a session since its last reset. */
export interface MetricsLog {
  /**
   * record.loss of every batch trained, in order: update t's loss is batchLoss.at(t) while it is
   * recent; older updates are kept as bounded min / mean / max buckets (see lossHistory.ts).
   */
  batchLoss: LossHistory;
  /**
   * Evaluations at the start and after every epoch (for the per-epoch lines of the chart), oldest
   * first. Bounded (recordEvaluation): past MAX_EVALUATIONS, every other one of the older half is
   * dropped, so the far past is thinned and the recent epochs stay complete.
   */
  epochs: EvaluationPoint[];
  /** Evaluations recorded in all (never decreases, unlike epochs.length: key memoisation on it). */
  evaluations: number;
  /** The update t that ended each epoch, in order (8 bytes an epoch: epochs and batches are counted from it). */
  epochEnds: number[];
  /** The most recent evaluation (epoch end or on demand): what the metric readouts show. */
  latest: EvaluationPoint | null;
}

/** An empty log. */
export function emptyMetrics(): MetricsLog {
  return { batchLoss: createLossHistory(), epochs: [], evaluations: 0, epochEnds: [], latest: null };
}

/** Evaluations kept in MetricsLog.epochs before the older half is thinned (an evaluation is ~1 kB). */
export const MAX_EVALUATIONS = 2048;

/**
 * Records an evaluation at the start or an epoch's end: appended to metrics.epochs (its update
 * noted in epochEnds when it ended an epoch) and made the latest. When epochs passes
 * MAX_EVALUATIONS, the start point and the newest MAX_EVALUATIONS / 2 stay, and of those between
 * every other one is dropped.
 */
export function recordEvaluation(metrics: MetricsLog, point: EvaluationPoint): void {
  metrics.epochs.push(point);
  metrics.evaluations += 1;
  if (point.kind === 'epoch') metrics.epochEnds.push(point.update);
  metrics.latest = point;
  const { epochs } = metrics;
  if (epochs.length <= MAX_EVALUATIONS) return;
  const recentFrom = epochs.length - MAX_EVALUATIONS / 2;
  let kept = 1;
  for (let i = 1; i < recentFrom; i += 2) epochs[kept++] = epochs[i];
  for (let i = recentFrom; i < epochs.length; i++) epochs[kept++] = epochs[i];
  epochs.length = kept;
}

/** A point of a chart series. */
export interface Point { x: number; y: number }

/**
 * At most maxPoints of a long series of (x, y) points: consecutive points averaged in equal buckets
 * (x and y alike), non-finite y skipped, so a chart costs the same however long the series.
 * (The per-update loss has its own bounded form: lossHistory.ts, lossSeries.)
 */
export function downsamplePoints(points: readonly Point[], maxPoints: number): Point[] {
  const n = points.length;
  const size = Math.max(1, Math.ceil(n / Math.max(1, maxPoints)));
  const out: Point[] = [];
  for (let start = 0; start < n; start += size) {
    const end = Math.min(n, start + size);
    let sx = 0;
    let sy = 0;
    let count = 0;
    for (let i = start; i < end; i++) {
      if (Number.isFinite(points[i].y)) {
        sx += points[i].x;
        sy += points[i].y;
        count += 1;
      }
    }
    if (count > 0) out.push({ x: sx / count, y: sy / count });
  }
  return out;
}
