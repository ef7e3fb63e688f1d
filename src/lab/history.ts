/**
 * The kept history of trained batches: a bounded list, oldest first. Each entry owns a deep copy of its
 * StepRecord (the engine reuses its buffers) and builds its equations only when first shown.
 *
 * Batches trained at full speed (play, step epoch) keep a copy of the network from before their step
 * instead of the record: O(parameters) rather than O(m · neurons) per batch. The record is recomputed
 * on first display by the same trainStep on that copy, which gives bit-identical numbers.
 */
import { cloneStepRecord, gatherColumns, trainStep, type Network, type StepRecord, type TrainOptions } from '../nn';
import { buildTrace, type Equation, type TraceContext } from '../trace';
import type { LabDataset as Dataset } from './dataset';

/** How many batches can be revisited equation by equation. */
export const HISTORY_SIZE = 50;

/** One trained batch as the lab keeps it. */
export interface HistoryEntry {
  /** A deep copy of the engine's record (parameters before and after, every Z, A, dZ, dW, db), or null until recomputed. */
  record: StepRecord | null;
  /** The network before this step (parameters and optimiser state), kept until the record is recomputed. */
  before: Network | null;
  /** The options the step was trained with (η, optimiser, λ). */
  options: Required<TrainOptions>;
  /** The batch loss before the update, and m. */
  loss: number;
  m: number;
  /** The batch's sample (column) indices in the full training X, length m. */
  indices: Int32Array;
  /** 0-based epoch and batch within it, and the number of batches in that epoch. */
  epoch: number;
  batchIndex: number;
  batchCount: number;
  /** Updates done after this batch (t). */
  update: number;
  /** The equations of this step, built on first display (null until then). */
  equations: Equation[] | null;
}

/**
 * The entry's StepRecord: the kept copy, or recomputed once from the network before the step, the
 * batch's columns of the training X and Y, and the step's options (then kept).
 */
export function recordOf(dataset: Dataset, entry: HistoryEntry): StepRecord {
  if (entry.record) return entry.record;
  const before = entry.before;
  if (!before) throw new Error('history entry without record or network');
  const X = gatherColumns(dataset.train.X, entry.indices);
  const Y = gatherColumns(dataset.train.Y, entry.indices);
  entry.record = cloneStepRecord(trainStep(before, X, Y, entry.options));
  entry.before = null;
  return entry.record;
}

/** The context buildTrace needs for an entry of this dataset. */
export function traceContext(dataset: Dataset, entry: HistoryEntry): TraceContext {
  return {
    featureNames: dataset.featureNames,
    rawBatch: gatherColumns(dataset.train.rawX, entry.indices),
    normalization: dataset.normalization,
    lines: dataset.train.lines ? Int32Array.from(entry.indices, (j) => dataset.train.lines?.[j] ?? 0) : undefined,
  };
}

/** The entry's equations, built (once) on first call; the kept record is private, so the trace need not copy it. */
export function equationsOf(dataset: Dataset, entry: HistoryEntry): Equation[] {
  if (!entry.equations) entry.equations = buildTrace(recordOf(dataset, entry), { ...traceContext(dataset, entry), copy: false });
  return entry.equations;
}
