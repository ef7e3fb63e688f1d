import { checkBatch, forward } from './backprop';
import { Matrix } from './matrix';
import type { Network } from './types';
import { inferenceWorkspace } from './workspace';

/**
 * Columns per forward pass when a whole set is evaluated or predicted: the buffers then hold
 * Σ_l n[l] × 1024 values for Z and as many for A, whatever the set's size (a 6×32 network:
 * 1.6 MB instead of 32·6·2·8 bytes per sample of the set).
 */
export const EVALUATION_CHUNK = 1024;

/** The forward pass on a few columns of a set: views valid until the next `run`. */
export interface ForwardChunk {
  /** Columns in this chunk, c = end − start. */
  m: number;
  /** Z[L] and A[L] of the chunk's columns (nL × c). */
  Z: Matrix;
  A: Matrix;
  /** Y of the chunk's columns (nL × c), or null when the set has no targets. */
  Y: Matrix | null;
}

/** Runs the forward pass over column ranges of one set, with buffers for at most `capacity` columns. */
export interface ColumnForward {
  /** Columns of the set, M. */
  readonly columns: number;
  /** A[L] for columns [start, end) of X (end − start ≤ capacity); the chunk's columns are copied first. */
  run(start: number, end: number): ForwardChunk;
}

/**
 * Column-chunked forward passes over X (n0 × M) and, if given, Y (nL × M). Each column's Z and A
 * depend only on that column, with the same order of operations for any chunk width, so the
 * outputs equal those of one forward pass over the whole set, bit for bit.
 * Throws a RangeError naming the shapes unless X has n0 rows and at least one column (and Y is nL × M).
 */
export function columnForward(network: Network, X: Matrix, Y: Matrix | null, capacity = EVALUATION_CHUNK): ColumnForward {
  checkBatch('columnForward', network, X, Y ?? undefined);
  if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`columnForward: capacity must be a positive integer, got ${capacity}`);
  const M = X.cols;
  const width = Math.min(capacity, M);
  const xBuffer = new Float64Array(X.rows * width);
  const yBuffer = Y ? new Float64Array(Y.rows * width) : null;
  return {
    columns: M,
    run(start, end) {
      const c = end - start;
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > M || c < 1 || c > width) {
        throw new RangeError(`columnForward: columns [${start}, ${end}) must be a non-empty range of at most ${width} within 0..${M}`);
      }
      const Xc = columnsInto(X, start, c, xBuffer);
      const ws = inferenceWorkspace(network, c);
      forward(network, Xc, ws);
      const L = ws.A.length;
      return { m: c, Z: ws.Z[L - 1], A: ws.A[L - 1], Y: Y && yBuffer ? columnsInto(Y, start, c, yBuffer) : null };
    },
  };
}

/** Columns [start, start + c) of A as an (A.rows × c) matrix on the front of `buffer`. */
function columnsInto(A: Matrix, start: number, c: number, buffer: Float64Array): Matrix {
  const out = new Matrix(A.rows, c, buffer.subarray(0, A.rows * c));
  for (let i = 0; i < A.rows; i++) out.data.set(A.data.subarray(i * A.cols + start, i * A.cols + start + c), i * c);
  return out;
}
