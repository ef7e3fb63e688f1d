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

/**
 * Mini-batches of the M columns of X (n0 × M) and Y (nL × M). At the start of epoch e the column
 * order is the identity shuffled by Fisher–Yates with createRng(deriveSeed(seed, e)), so an epoch's
 * order depends only on the seed and e. The permutation is cut into batches of batchSize; the
 * last partial batch is a batch of its own (8143 columns, batchSize 50 → 163 batches, the last of 43).
 */
export function createBatcher(X: Matrix, Y: Matrix, options: { batchSize: number; seed: number }): Batcher {
  if (X.cols !== Y.cols) throw new RangeError(`createBatcher: X ${shapeOf(X)} and Y ${shapeOf(Y)} have different numbers of columns (samples)`);
  if (X.cols < 1) throw new RangeError(`createBatcher: X ${shapeOf(X)} has no samples (columns)`);
  checkBatchSize(options.batchSize);
  const M = X.cols;
  const { seed } = options;
  const order = new Int32Array(M);
  let batchSize = options.batchSize;
  let epoch = 0;
  let position = 0; // next column of `order` to hand out
  let batchIndex = 0;

  const startEpoch = (): void => {
    for (let i = 0; i < M; i++) order[i] = i;
    shuffleInPlace(order, createRng(deriveSeed(seed, epoch)));
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
        X: gatherColumns(X, indices), Y: gatherColumns(Y, indices), indices, epoch, index: batchIndex, count: batchIndex + batchesLeft(),
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
