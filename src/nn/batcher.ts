import { Matrix, shapeOf } from './matrix';
import { createRng, deriveSeed, shuffleInPlace } from './rng';
import type { Batch, Batcher } from './types';

function checkBatchSize(n: number): void {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`batchSize must be a positive integer, got ${n}`);
}

/** The columns `indices` of A (rows × M) as a new rows × indices.length matrix. */
export function gatherColumns(A: Matrix, indices: Int32Array): Matrix {
  const out = new Matrix(A.rows, indices.length);
  const M = A.cols, k = indices.length;
  for (let r = 0; r < A.rows; r++) {
    for (let c = 0; c < k; c++) out.data[r * k + c] = A.data[r * M + indices[c]];
  }
  return out;
}

/** out = A with its columns in `order`: out(:, c) = A(:, order[c]). Random reads stay within one row at a time. */
function permuteColumnsInto(A: Matrix, order: Int32Array, out: Matrix): void {
  const M = A.cols;
  for (let r = 0; r < A.rows; r++) {
    const row = r * M;
    for (let c = 0; c < M; c++) out.data[row + c] = A.data[row + order[c]];
  }
}

/** Columns start … start + size − 1 of A as a new rows × size matrix (one contiguous copy per row). */
function sliceColumns(A: Matrix, start: number, size: number): Matrix {
  const out = new Matrix(A.rows, size);
  for (let r = 0; r < A.rows; r++) out.data.set(A.data.subarray(r * A.cols + start, r * A.cols + start + size), r * size);
  return out;
}

/**
 * Mini-batches of the M columns of X (n0 × M) and Y (nL × M). At the start of epoch e the column
 * order is the identity shuffled by Fisher–Yates with createRng(deriveSeed(seed, e)), so an epoch's
 * order depends only on the seed and e. The permutation is cut into batches of batchSize; the
 * last partial batch is a batch of its own (8143 columns, batchSize 50 → 163 batches, the last of 43).
 * X and Y are copied in epoch order once per epoch, so a batch is a contiguous slice of each row:
 * gathering columns one by one from a large X would miss the cache on every value.
 */
export function createBatcher(X: Matrix, Y: Matrix, options: { batchSize: number; seed: number }): Batcher {
  if (X.cols !== Y.cols) throw new RangeError(`createBatcher: X ${shapeOf(X)} and Y ${shapeOf(Y)} have different numbers of columns (samples)`);
  if (X.cols < 1) throw new RangeError(`createBatcher: X ${shapeOf(X)} has no samples (columns)`);
  checkBatchSize(options.batchSize);
  const M = X.cols;
  const { seed } = options;
  const order = new Int32Array(M);
  const Xepoch = new Matrix(X.rows, M), Yepoch = new Matrix(Y.rows, M);
  let batchSize = options.batchSize;
  let epoch = 0;
  let position = 0; // next column of `order` to hand out
  let batchIndex = 0;

  const startEpoch = (): void => {
    for (let i = 0; i < M; i++) order[i] = i;
    shuffleInPlace(order, createRng(deriveSeed(seed, epoch)));
    permuteColumnsInto(X, order, Xepoch);
    permuteColumnsInto(Y, order, Yepoch);
    position = 0;
    batchIndex = 0;
  };
  const batchesLeft = (): number => Math.ceil((M - position) / batchSize);
  startEpoch();

  return {
    next(): Batch {
      const size = Math.min(batchSize, M - position);
      const indices = order.slice(position, position + size);
      const batch: Batch = {
        X: sliceColumns(Xepoch, position, size), Y: sliceColumns(Yepoch, position, size), indices, epoch, index: batchIndex, count: batchIndex + batchesLeft(),
      };
      position += size;
      batchIndex += 1;
      if (position >= M) {
        epoch += 1;
        startEpoch();
      }
      return batch;
    },
    setBatchSize(n: number): void {
      checkBatchSize(n);
      batchSize = n;
    },
    get epoch() {
      return epoch;
    },
    get batchIndex() {
      return batchIndex;
    },
    get batchesPerEpoch() {
      return batchIndex + batchesLeft();
    },
  };
}
