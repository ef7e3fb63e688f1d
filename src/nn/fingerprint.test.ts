import { createHash } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBatcher } from './batcher';
import { Matrix } from './matrix';
import { createNetwork } from './network';
import { createRng } from './rng';
import { enableSimdKernels } from './simd';
import { evaluate, predict, trainStep } from './train';
import type { NetworkConfig, OptimizerName, StepRecord } from './types';
import { FINGERPRINTS } from './fingerprint.fixture';

/**
 * Pins every bit the engine computes. The lab shows each number, an independent re-derivation
 * checks them and the Python export replays the run adding terms "in the kernels' order", so a
 * faster kernel must leave each output element's sequence of floating-point operations exactly as
 * it was. Each configuration below trains a few batches and hashes, step by step, the bytes of
 * the loss, Z, A, dA, dZ, dW, db and the updated W, b (and at the end predict and evaluate on the
 * whole set); the hashes in fingerprint.fixture.ts were produced by the engine of main at commit
 * d0b52eb, before the kernels were rewritten for speed. Any change in the order of a sum, a fused
 * or reassociated multiply, or a different exp would change a hash.
 */
interface Run {
  name: string;
  config: NetworkConfig;
  M: number;
  batchSize: number;
  steps: number;
  optimizer: OptimizerName;
  learningRate: number;
  l2: number;
}

/** Odd shapes on purpose: rows and columns that are not multiples of 2 or 4, a last partial batch, m = 1. */
const RUNS: Run[] = [
  { name: 'B 5-64-64-1 sigmoid bce', config: { sizes: [5, 64, 64, 1], hidden: 'sigmoid', output: 'sigmoid', loss: 'bce', seed: 1 }, M: 437, batchSize: 50, steps: 12, optimizer: 'sgd', learningRate: 0.1, l2: 0 },
  { name: 'A 5-16-16-1 sigmoid bce', config: { sizes: [5, 16, 16, 1], hidden: 'sigmoid', output: 'sigmoid', loss: 'bce', seed: 2 }, M: 230, batchSize: 50, steps: 7, optimizer: 'momentum', learningRate: 0.2, l2: 0.01 },
  { name: '7-9-3 relu softmax cce', config: { sizes: [7, 9, 3], hidden: 'relu', output: 'softmax', loss: 'cce', seed: 3 }, M: 100, batchSize: 13, steps: 9, optimizer: 'adam', learningRate: 0.01, l2: 0 },
  { name: '3-6-5-2 tanh linear mse, m = 1', config: { sizes: [3, 6, 5, 2], hidden: 'tanh', output: 'linear', loss: 'mse', seed: 4 }, M: 20, batchSize: 1, steps: 6, optimizer: 'sgd', learningRate: 0.05, l2: 0.1 },
  { name: '6-11-10-1 leakyRelu sigmoid mse', config: { sizes: [6, 11, 10, 1], hidden: 'leakyRelu', output: 'sigmoid', loss: 'mse', seed: 5 }, M: 61, batchSize: 7, steps: 10, optimizer: 'momentum', learningRate: 0.3, l2: 0 },
  { name: '4-13-2 linear sigmoid bce (two outputs)', config: { sizes: [4, 13, 2], hidden: 'linear', output: 'sigmoid', loss: 'bce', seed: 6 }, M: 45, batchSize: 8, steps: 6, optimizer: 'adam', learningRate: 0.02, l2: 0.003 },
  { name: '20-33-10 relu softmax cce, batch 64', config: { sizes: [20, 33, 10], hidden: 'relu', output: 'softmax', loss: 'cce', seed: 7 }, M: 150, batchSize: 64, steps: 4, optimizer: 'sgd', learningRate: 0.05, l2: 0 },
  { name: '2-3-1 sigmoid tanh mse', config: { sizes: [2, 3, 1], hidden: 'sigmoid', output: 'tanh', loss: 'mse', seed: 8 }, M: 9, batchSize: 4, steps: 5, optimizer: 'sgd', learningRate: 0.5, l2: 0 },
];

/** Seeded data for a run: X n0 × M in (−3, 3), Y nL × M as 0/1 labels (one-hot for softmax, reals for mse). */
function dataFor(run: Run): { X: Matrix; Y: Matrix } {
  const random = createRng(1000 + (run.config.seed ?? 1));
  const sizes = run.config.sizes;
  const n0 = sizes[0], nL = sizes[sizes.length - 1];
  const X = new Matrix(n0, run.M), Y = new Matrix(nL, run.M);
  for (let i = 0; i < X.data.length; i++) X.data[i] = 6 * random() - 3;
  for (let j = 0; j < run.M; j++) {
    if (run.config.loss === 'cce') Y.set(Math.floor(random() * nL), j, 1);
    else for (let i = 0; i < nL; i++) Y.set(i, j, run.config.loss === 'mse' ? 2 * random() - 1 : random() < 0.5 ? 0 : 1);
  }
  return { X, Y };
}

/** A hash of the exact bits of a list of numbers and matrices, 16 hex digits. */
function bitsHash(parts: (number | Matrix)[]): string {
  const hash = createHash('sha256');
  for (const part of parts) {
    const data = typeof part === 'number' ? Float64Array.of(part) : part.data;
    hash.update(new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  }
  return hash.digest('hex').slice(0, 16);
}

function stepHash(record: StepRecord): string {
  return bitsHash([record.loss, record.dataLoss, record.l2Penalty, ...record.layers.flatMap((s) => [s.Z, s.A, s.dA, s.dZ, s.dW, s.db, s.WAfter, s.bAfter])]);
}

/** The run's hashes: one per step, then one of predict's output and evaluate's loss and accuracy on the whole set. */
function fingerprintsOf(run: Run): string[] {
  const { X, Y } = dataFor(run);
  const network = createNetwork(run.config);
  const batcher = createBatcher(X, Y, { batchSize: run.batchSize, seed: 11 });
  const hashes: string[] = [];
  for (let s = 0; s < run.steps; s++) {
    const batch = batcher.next();
    hashes.push(stepHash(trainStep(network, batch.X, batch.Y, { learningRate: run.learningRate, optimizer: run.optimizer, l2: run.l2 })));
  }
  const { loss, accuracy } = evaluate(network, X, Y);
  hashes.push(bitsHash([predict(network, X), loss, accuracy ?? NaN]));
  return hashes;
}

describe.each([
  { kernels: 'JavaScript', simd: false },
  { kernels: 'WebAssembly SIMD', simd: true },
])('with the $kernels kernels the engine computes every number exactly as main at d0b52eb did', ({ simd }) => {
  // Node 20 compiles WebAssembly SIMD, so the second pass really runs it (not the fallback).
  beforeAll(() => {
    expect(enableSimdKernels(simd)).toBe(simd);
    return () => {
      enableSimdKernels(false);
    };
  });

  it.each(RUNS)('$name: every step, then predict and evaluate, bit for bit', (run) => {
    expect(fingerprintsOf(run)).toEqual(FINGERPRINTS[run.name]);
  });
});

describe('the fingerprints', () => {
  it('has a fixture for every run', () => {
    expect(Object.keys(FINGERPRINTS).sort()).toEqual(RUNS.map((r) => r.name).sort());
  });

  it('the hash sees a change in the last bit of one weight', () => {
    const a = new Matrix(2, 2, Float64Array.of(0.1, 0.2, 0.3, 0.4));
    const b = a.clone();
    new BigInt64Array(b.data.buffer)[3] ^= 1n; // flip the lowest bit of 0.4's significand
    expect(b.data[3]).not.toBe(a.data[3]);
    expect(Math.abs(b.data[3] - a.data[3])).toBeLessThan(1e-16);
    expect(bitsHash([a])).not.toBe(bitsHash([b]));
  });
});
