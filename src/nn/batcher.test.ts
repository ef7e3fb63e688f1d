import { describe, expect, it } from 'vitest';
import { createBatcher, EPOCH_CHUNK_CELLS, gatherColumns } from './batcher';
import { Matrix } from './matrix';

/** X (2 × M) whose column j is (j, −j), Y (1 × M) = j: a batch's columns show which samples it holds. */
function indexed(M: number): { X: Matrix; Y: Matrix } {
  const X = new Matrix(2, M), Y = new Matrix(1, M);
  for (let j = 0; j < M; j++) {
    X.set(0, j, j);
    X.set(1, j, -j);
    Y.set(0, j, j);
  }
  return { X, Y };
}

describe('createBatcher', () => {
  it('cuts 8143 samples at batch size 50 into 163 batches, the last of 43', () => {
    const { X, Y } = indexed(8143);
    const batcher = createBatcher(X, Y, { batchSize: 50, seed: 1 });
    expect(batcher.batchesPerEpoch).toBe(163);
    const sizes: number[] = [];
    const seen = new Set<number>();
    while (batcher.epoch === 0) {
      const batch = batcher.next();
      expect([batch.epoch, batch.index, batch.count]).toEqual([0, sizes.length, 163]);
      sizes.push(batch.X.cols);
      batch.indices.forEach((i) => seen.add(i));
    }
    expect(sizes.length).toBe(163);
    expect(sizes.slice(0, 162).every((s) => s === 50)).toBe(true);
    expect(sizes[162]).toBe(43);
    expect(seen.size).toBe(8143); // every sample exactly once: 162·50 + 43 = 8143
    expect([batcher.epoch, batcher.batchIndex]).toEqual([1, 0]);
  });

  it('gathers the columns named by indices into X and Y', () => {
    const { X, Y } = indexed(10);
    const batch = createBatcher(X, Y, { batchSize: 4, seed: 3 }).next();
    batch.indices.forEach((i, c) => {
      expect(batch.X.get(0, c)).toBe(i);
      expect(batch.X.get(1, c)).toBe(-i);
      expect(batch.Y.get(0, c)).toBe(i);
    });
    expect(gatherColumns(X, Int32Array.of(9, 0)).toRows()).toEqual([[9, 0], [-9, -0]]);
  });

  it('shuffles each epoch differently, identically for the same seed', () => {
    const { X, Y } = indexed(30);
    const orders = (seed: number) => {
      const batcher = createBatcher(X, Y, { batchSize: 30, seed });
      return [Array.from(batcher.next().indices), Array.from(batcher.next().indices)];
    };
    const [e0, e1] = orders(5);
    expect(orders(5)).toEqual([e0, e1]);
    expect(e0).not.toEqual(e1);
    expect(orders(6)[0]).not.toEqual(e0);
  });

  it('setBatchSize cuts the rest of the current epoch into batches of the new size', () => {
    const { X, Y } = indexed(100);
    const batcher = createBatcher(X, Y, { batchSize: 30, seed: 2 });
    const first = batcher.next(); // 30 used, 70 left
    batcher.setBatchSize(25);
    expect(batcher.batchesPerEpoch).toBe(1 + 3); // 70 left → 25 + 25 + 20
    const rest = [batcher.next(), batcher.next(), batcher.next()];
    expect(rest.map((b) => [b.X.cols, b.index, b.count])).toEqual([[25, 1, 4], [25, 2, 4], [20, 3, 4]]);
    const all = new Set([first, ...rest].flatMap((b) => Array.from(b.indices)));
    expect(all.size).toBe(100);
    expect(batcher.epoch).toBe(1);
    expect(batcher.batchesPerEpoch).toBe(4); // ⌈100/25⌉
  });

  it('handles a batch larger than the data set and a batch of 1', () => {
    const { X, Y } = indexed(3);
    expect(createBatcher(X, Y, { batchSize: 10, seed: 1 }).next().X.cols).toBe(3);
    const ones = createBatcher(X, Y, { batchSize: 1, seed: 1 });
    expect(ones.batchesPerEpoch).toBe(3);
  });

  it('rejects mismatched X, Y and a bad batch size', () => {
    const { X } = indexed(5);
    expect(() => createBatcher(X, new Matrix(1, 4), { batchSize: 2, seed: 1 })).toThrow('createBatcher: X (2×5) and Y (1×4) have different numbers of columns (samples)');
    expect(() => createBatcher(X, new Matrix(1, 5), { batchSize: 0, seed: 1 })).toThrow(RangeError);
    expect(() => createBatcher(X, new Matrix(1, 5), { batchSize: 2, seed: 1 }).setBatchSize(2.5)).toThrow(RangeError);
  });

  it('hands out the columns its indices name across epoch chunks, batch sizes that change and epochs', () => {
    // 3 rows: a chunk holds EPOCH_CHUNK_CELLS / 3 columns, so 2.5 chunks' worth of samples cross two
    // chunk ends per epoch, and batches of 37 and 1000 straddle them.
    const M = Math.floor((2.5 * EPOCH_CHUNK_CELLS) / 3);
    const { X, Y } = indexed(M);
    const batcher = createBatcher(X, Y, { batchSize: 37, seed: 9 });
    let checked = 0;
    for (let b = 0; batcher.epoch < 2; b++) {
      if (b === 300) batcher.setBatchSize(1000);
      if (b === 330) batcher.setBatchSize(1);
      if (b === 340) batcher.setBatchSize(37);
      const batch = batcher.next();
      expect(batch.X.toRows()).toEqual(gatherColumns(X, batch.indices).toRows());
      expect(batch.Y.toRows()).toEqual(gatherColumns(Y, batch.indices).toRows());
      checked += batch.X.cols;
    }
    expect(checked).toBe(2 * M);
  });
});

describe('createBatcher replacing another batcher', () => {
  /** Every batch of three epochs: the samples of each, in order. */
  const batchesOf = (b: ReturnType<typeof createBatcher>) => {
    const out: number[][] = [];
    while (b.epoch < 3) out.push(Array.from(b.next().indices));
    return out;
  };

  it('takes over the column order of a batcher of as many samples and gives the batches a fresh one gives', () => {
    const { X, Y } = indexed(257);
    const old = createBatcher(X, Y, { batchSize: 16, seed: 5 });
    // The old batcher is mid-epoch: its order is not the identity and not the new seed's.
    for (let i = 0; i < 7; i++) old.next();
    const replacing = createBatcher(X, Y, { batchSize: 10, seed: 9, replaces: old });
    expect(batchesOf(replacing)).toEqual(batchesOf(createBatcher(X, Y, { batchSize: 10, seed: 9 })));
    expect(() => old.next()).toThrow(/replaced/);
  });

  it('gives a batcher of another size a new order and leaves the earlier one working', () => {
    const { X, Y } = indexed(120);
    const old = createBatcher(X, Y, { batchSize: 16, seed: 5 });
    const small = indexed(119);
    const other = createBatcher(small.X, small.Y, { batchSize: 16, seed: 5, replaces: old });
    expect(batchesOf(other)).toEqual(batchesOf(createBatcher(small.X, small.Y, { batchSize: 16, seed: 5 })));
    expect(batchesOf(old)).toEqual(batchesOf(createBatcher(X, Y, { batchSize: 16, seed: 5 })));
  });
});
