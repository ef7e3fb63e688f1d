/**
 * Metrics of a session: the loss of every batch as it was trained, and evaluations of the whole train
 * and test sets (after every epoch, at the start, and on demand). Classification reports accuracy;
 * regression reports RMSE in the target's original units and R² instead.
 */
import { evaluate, predict, type Matrix, type Network } from '../nn';
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

/** Train and test evaluations at one moment of training. */
export interface EvaluationPoint {
  /** Completed epochs when measured (0 = before training). */
  epoch: number;
  /** Updates done when measured (t). */
  update: number;
  /** Why it was measured. */
  kind: 'start' | 'epoch' | 'demand';
  train: Evaluation;
  test: Evaluation | null;
}

/** A split of the dataset: X is n0 × m, Y is nL × m. */
export interface Split { X: Matrix; Y: Matrix }

/**
 * Evaluates the network on a split. targetStd (σ of the original target, for regression) turns the
 * RMSE of the standardised target back into the target's own units: RMSE = σ · √(mean (a − y)²).
 */
export function evaluateSplit(network: Network, split: Split, task: Task, targetStd = 1): Evaluation {
  const { loss, accuracy } = evaluate(network, split.X, split.Y);
  if (task !== 'regression') return { loss, accuracy: accuracy ?? null, rmse: null, r2: null };
  const A = predict(network, split.X);
  const Y = split.Y.data;
  const n = Y.length;
  let mean = 0;
  for (let k = 0; k < n; k++) mean += Y[k];
  mean /= n;
  let residual = 0;
  let total = 0;
  for (let k = 0; k < n; k++) {
    residual += (A.data[k] - Y[k]) ** 2;
    total += (Y[k] - mean) ** 2;
  }
  return {
    loss,
    accuracy: null,
    rmse: targetStd * Math.sqrt(residual / n),
    r2: total > 0 ? 1 - residual / total : null,
  };
}

/** The metrics record of a session since its last reset. */
export interface MetricsLog {
  /** record.loss of every batch trained, in order: batchLoss[t − 1] is the loss of update t. */
  batchLoss: number[];
  /** Evaluations at the start and after every epoch (for the per-epoch lines of the chart). */
  epochs: EvaluationPoint[];
  /** The most recent evaluation (epoch end or on demand): what the metric readouts show. */
  latest: EvaluationPoint | null;
}

/** An empty log. */
export function emptyMetrics(): MetricsLog {
  return { batchLoss: [], epochs: [], latest: null };
}

/** A point of a chart series. */
export interface Point { x: number; y: number }

/**
 * At most maxPoints (x, y) points from a long series y[0..n−1] at x = i + 1: consecutive values are
 * averaged in equal buckets, so a chart of 100 000 batches costs as much to draw as one of maxPoints.
 * Non-finite values are skipped.
 */
export function downsample(values: readonly number[], maxPoints: number): Point[] {
  // Called every frame during play on a growing series: no intermediate objects.
  const n = values.length;
  const size = Math.max(1, Math.ceil(n / Math.max(1, maxPoints)));
  const out: Point[] = [];
  for (let start = 0; start < n; start += size) {
    const end = Math.min(n, start + size);
    let sum = 0;
    let count = 0;
    for (let i = start; i < end; i++) {
      if (Number.isFinite(values[i])) {
        sum += values[i];
        count += 1;
      }
    }
    if (count > 0) out.push({ x: (start + end + 1) / 2, y: sum / count });
  }
  return out;
}

/** The same for (x, y) points: consecutive points averaged in equal buckets (x and y alike), non-finite y skipped. */
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
