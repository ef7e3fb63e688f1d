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
 * out(:, c) = A(:, order[from + c]) for c = 0 … count − 1: columns from … from + count − 1 of A in
 * epoch order, into the first count columns of out (out has at least count columns). Random reads
 * stay within one row of A at a time.
 */
function permuteColumnsInto(A: Matrix, order: Int32Array, from: number, count: number, out: Matrix): void {
  const M = A.cols, k = out.cols;
  for (let r = 0; r < A.rows; r++) {
    const row = r * M, to = r * k;
    for (let c = 0; c < count; c++) out.data[to + c] = A.data[row + order[from + c]];
  }
}

/** Columns start … start + size − 1 of A as a new rows × size matrix (one contiguous copy per row). */
function sliceColumns(A: Matrix, start: number, size: number): Matrix {
  const out = new Matrix(A.rows, size);
  for (let r = 0; r < A.rows; r++) out.data.set(A.data.subarray(r * A.cols + start, r * A.cols + start + size), r * size);
  return out;
}

/**
 * Values (rows × columns) of X and Y copied in epoch order at a time: 64 Ki cells, half a megabyte,
 * a few milliseconds of cache-missing reads. Copying the whole X in epoch order at the start of every
 * epoch took 170–250 ms in one task on a 45 MB file, and every data change starts an epoch.
 */
export const EPOCH_CHUNK_CELLS = 1 << 16;

/** How a batcher's column-order array is handed to the batcher that replaces it (see createBatcher's `replaces`). */
const handOver = new WeakMap<Batcher, (M: number) => Int32Array | null>();

/**
 * Mini-batches of the M columns of X (n0 × M) and Y (nL × M). At the start of epoch e the column
 * order is the identity shuffled by Fisher–Yates with createRng(deriveSeed(seed, e)), so an epoch's
 * order depends only on the seed and e. The permutation is cut into batches of batchSize; the
 * last partial batch is a batch of its own (8143 columns, batchSize 50 → 163 batches, the last of 43).
 * X and Y are copied in epoch order a chunk at a time (EPOCH_CHUNK_CELLS, at least one batch), so a
 * batch is a contiguous slice of each row of the chunk: gathering columns one by one from a large X
 * would miss the cache on every value. The chunk of the next batch is copied when that batch is asked
 * for, so no call copies more than one chunk, and a new batcher on a large X starts at once.
 * `replaces`: a batcher no one calls again (the one a session rebuild replaces); its column-order
 * array (M values, 2 MB for 500,000 samples) is taken over when it has exactly M, instead of being
 * left to the collector on every setting change, and that batcher's next() throws from then on.
 * Every value of the order is written again, so the batches are the same as with a fresh batcher.
 */
export function createBatcher(X: Matrix, Y: Matrix, options: { batchSize: number; seed: number; replaces?: Batcher | null }): Batcher {
  if (X.cols !== Y.cols) throw new RangeError(`createBatcher: X ${shapeOf(X)} and Y ${shapeOf(Y)} have different numbers of columns (samples)`);
  if (X.cols < 1) throw new RangeError(`createBatcher: X ${shapeOf(X)} has no samples (columns)`);
  checkBatchSize(options.batchSize);
  const M = X.cols;
  const { seed } = options;
  const order = (options.replaces ? handOver.get(options.replaces)?.(M) : null) ?? new Int32Array(M);
  let spent = false;
  // Columns chunkStart … chunkStart + chunkSize − 1 of the epoch order, copied from X and Y.
  let Xchunk = new Matrix(X.rows, 0), Ychunk = new Matrix(Y.rows, 0);
  let chunkStart = 0, chunkSize = 0;
  let batchSize = options.batchSize;
  let epoch = 0;
  let position = 0; // next column of `order` to hand out
  let batchIndex = 0;

  const startEpoch = (): void => {
    for (let i = 0; i < M; i++) order[i] = i;
    shuffleInPlace(order, createRng(deriveSeed(seed, epoch)));
    chunkSize = 0;
    position = 0;
    batchIndex = 0;
  };
  const batchesLeft = (): number => Math.ceil((M - position) / batchSize);
  /** Makes the chunk hold epoch columns position … position + size − 1. */
  const ensureChunk = (size: number): void => {
    if (position >= chunkStart && position + size <= chunkStart + chunkSize) return;
    const wanted = Math.min(M - position, Math.max(size, Math.floor(EPOCH_CHUNK_CELLS / Math.max(1, X.rows + Y.rows))));
    if (Xchunk.cols < wanted) {
      Xchunk = new Matrix(X.rows, wanted);
      Ychunk = new Matrix(Y.rows, wanted);
    }
    permuteColumnsInto(X, order, position, wanted, Xchunk);
    permuteColumnsInto(Y, order, position, wanted, Ychunk);
    chunkStart = position;
    chunkSize = wanted;
  };
  startEpoch();

  const batcher: Batcher = {
    next(): Batch {
      if (spent) throw new Error('batcher.next: this batcher was replaced (its column order belongs to another batcher now)');
      const size = Math.min(batchSize, M - position);
      const indices = order.slice(position, position + size);
      ensureChunk(size);
      const batch: Batch = {
        X: sliceColumns(Xchunk, position - chunkStart, size), Y: sliceColumns(Ychunk, position - chunkStart, size), indices, epoch, index: batchIndex, count: batchIndex + batchesLeft(),
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
  handOver.set(batcher, (length) => {
    if (spent || order.length !== length) return null;
    spent = true;
    return order;
  });
  return batcher;
}
