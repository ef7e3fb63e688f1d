/**
 * The kept history of trained batches: a bounded list, oldest first. Each entry owns a deep copy of its
 * StepRecord (the engine reuses its buffers) and builds its equations only when first shown.
 */
import { Matrix, type StepRecord } from '../nn';
import { buildTrace, type Equation, type TraceContext } from '../trace';
import type { LabDataset as Dataset } from './dataset';

/** How many batches can be revisited equation by equation. */
export const HISTORY_SIZE = 50;

/** One trained batch as the lab keeps it. */
export interface HistoryEntry {
  /** A deep copy of the engine's record: parameters before and after, every Z, A, dZ, dW, db. */
  record: StepRecord;
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
 * The raw (unnormalised) batch: columns `indices` of rawX (n0 × N) gathered into n0 × m, as the
 * normalisation equation shows it.
 */
export function gatherColumns(rawX: Matrix, indices: Int32Array): Matrix {
  const rows = rawX.rows;
  const m = indices.length;
  const out = new Matrix(rows, m);
  for (let i = 0; i < rows; i++) {
    const from = i * rawX.cols;
    const to = i * m;
    for (let j = 0; j < m; j++) out.data[to + j] = rawX.data[from + indices[j]];
  }
  return out;
}

/** The context buildTrace needs for an entry of this dataset. */
export function traceContext(dataset: Dataset, entry: HistoryEntry): TraceContext {
  return {
    featureNames: dataset.featureNames,
    rawBatch: gatherColumns(dataset.train.rawX, entry.indices),
    normalization: dataset.normalization,
  };
}

/** The entry's equations, built (once) on first call. */
export function equationsOf(dataset: Dataset, entry: HistoryEntry): Equation[] {
  if (!entry.equations) entry.equations = buildTrace(entry.record, traceContext(dataset, entry));
  return entry.equations;
}
