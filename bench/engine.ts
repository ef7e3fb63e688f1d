/**
 * npm run bench: trains the same networks on the same data, from the same initial weights and in
 * the same shuffled batches, with our engine and with TensorFlow.js (cpu backend, one
 * optimizer.minimize call per batch), and prints ms/epoch, samples/s and our speed-up.
 * The loss on the whole set after the first epoch must agree (float32 vs float64) to show that the
 * two engines did the same computation.
 */
import * as tf from '@tensorflow/tfjs';
import { type Matrix, createBatcher, createNetwork, evaluate, trainEpoch, type NetworkConfig } from '../src/nn/index';
import { mnistLike, occupancyLike } from './synthetic';
import { tfTrainerFrom, toTfRows } from './tfjs';

interface Case {
  name: string;
  config: NetworkConfig;
  data: () => { X: Matrix; Y: Matrix };
  batchSize: number;
  learningRate: number;
  /** Timed epochs after the first (warm-up) one. */
  epochs: number;
}

const cases: Case[] = [
  { name: 'A 5-16-16-1 sigmoid bce', config: { sizes: [5, 16, 16, 1], hidden: 'sigmoid', output: 'sigmoid', loss: 'bce', seed: 1 }, data: () => occupancyLike(8143, 11), batchSize: 50, learningRate: 0.1, epochs: 9 },
  { name: 'B 5-64-64-1 sigmoid bce', config: { sizes: [5, 64, 64, 1], hidden: 'sigmoid', output: 'sigmoid', loss: 'bce', seed: 1 }, data: () => occupancyLike(8143, 11), batchSize: 50, learningRate: 0.1, epochs: 7 },
  { name: 'C 784-128-10 relu softmax cce', config: { sizes: [784, 128, 10], hidden: 'relu', output: 'softmax', loss: 'cce', seed: 1 }, data: () => mnistLike(10000, 12), batchSize: 64, learningRate: 0.05, epochs: 2 },
];
const SHUFFLE_SEED = 7;

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function runOurs(c: Case, X: Matrix, Y: Matrix): { ms: number; firstLoss: number } {
  const network = createNetwork(c.config);
  const batcher = createBatcher(X, Y, { batchSize: c.batchSize, seed: SHUFFLE_SEED });
  const times: number[] = [];
  let firstLoss = NaN;
  for (let e = 0; e <= c.epochs; e++) {
    const start = performance.now();
    trainEpoch(network, batcher, { learningRate: c.learningRate });
    const ms = performance.now() - start;
    if (e === 0) firstLoss = evaluate(network, X, Y).loss;
    else times.push(ms);
  }
  return { ms: median(times), firstLoss };
}

function runTf(c: Case, X: Matrix, Y: Matrix): { ms: number; firstLoss: number } {
  const trainer = tfTrainerFrom(createNetwork(c.config), c.learningRate);
  const batcher = createBatcher(X, Y, { batchSize: c.batchSize, seed: SHUFFLE_SEED });
  const full = toTfRows({ X, Y });
  const times: number[] = [];
  let firstLoss = NaN;
  for (let e = 0; e <= c.epochs; e++) {
    // The epoch's batches become tensors before the clock starts: TF.js is timed on training alone.
    const batches = [];
    do batches.push(toTfRows(batcher.next()));
    while (batcher.epoch === e);
    const start = performance.now();
    for (const b of batches) trainer.step(b.X, b.Y);
    const ms = performance.now() - start;
    batches.forEach((b) => tf.dispose([b.X, b.Y]));
    if (e === 0) firstLoss = trainer.loss(full.X, full.Y);
    else times.push(ms);
  }
  tf.dispose([full.X, full.Y]);
  trainer.dispose();
  return { ms: median(times), firstLoss };
}

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
  console.log(`Node ${process.version}, TensorFlow.js ${tf.version.tfjs} (backend ${tf.getBackend()}), median of timed epochs after one warm-up epoch\n`);
  const header = ['case', 'rows', 'ours ms/epoch', 'TF.js ms/epoch', 'ours samples/s', 'TF.js samples/s', 'speed-up', 'loss after epoch 1 (ours / TF.js)', 'rel. diff'];
  const rows: string[][] = [];
  for (const c of cases) {
    const { X, Y } = c.data();
    const ours = runOurs(c, X, Y);
    const theirs = runTf(c, X, Y);
    const diff = Math.abs(ours.firstLoss - theirs.firstLoss) / Math.abs(theirs.firstLoss);
    const perSecond = (ms: number) => Math.round((X.cols / ms) * 1000).toLocaleString('en-US');
    rows.push([
      c.name, String(X.cols), ours.ms.toFixed(1), theirs.ms.toFixed(1), perSecond(ours.ms), perSecond(theirs.ms),
      `${(theirs.ms / ours.ms).toFixed(1)}×`, `${ours.firstLoss.toFixed(6)} / ${theirs.firstLoss.toFixed(6)}`,
      `${diff.toExponential(1)}${diff < 1e-4 ? ' ✓' : ' ✗'}`,
    ]);
    console.log(`done: ${c.name}`);
  }
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${rows.map(line).join('\n')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
