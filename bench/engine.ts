/**
 * npm run bench: trains the same networks on the same data, from the same initial weights and in
 * the same shuffled batches, with our engine and with TensorFlow.js (cpu backend, one
 * optimizer.minimize call per batch), and prints ms/epoch, samples/s and our speed-up.
 * The loss on the whole set after the first epoch must agree (float32 vs float64) to show that the
 * two engines did the same computation.
 */
import os from 'node:os';
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
  { name: 'A 5-16-16-1 sigmoid bce', config: { sizes: [5, 16, 16, 1], hidden: 'sigmoid', output: 'sigmoid', loss: 'bce', seed: 1 }, data: () => occupancyLike(8143, 11), batchSize: 50, learningRate: 0.1, epochs: 15 },
  { name: 'B 5-64-64-1 sigmoid bce', config: { sizes: [5, 64, 64, 1], hidden: 'sigmoid', output: 'sigmoid', loss: 'bce', seed: 1 }, data: () => occupancyLike(8143, 11), batchSize: 50, learningRate: 0.1, epochs: 9 },
  { name: 'C 784-128-10 relu softmax cce', config: { sizes: [784, 128, 10], hidden: 'relu', output: 'softmax', loss: 'cce', seed: 1 }, data: () => mnistLike(10000, 12), batchSize: 64, learningRate: 0.05, epochs: 2 },
];
const SHUFFLE_SEED = 7;

/** Wall-clock and CPU time (this process, user + system) of one call, in ms. */
function timed(run: () => void): { wall: number; cpu: number } {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  run();
  const wall = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  return { wall, cpu: (cpu.user + cpu.system) / 1000 };
}

/** One engine set up for a case: trains one epoch per call, and reports the loss on the whole set. */
interface Runner {
  epoch(): { wall: number; cpu: number };
  loss(): number;
  dispose(): void;
}

const median = (values: number[]): number => {
  const s = [...values].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function ourRunner(c: Case, X: Matrix, Y: Matrix): Runner {
  const network = createNetwork(c.config);
  const batcher = createBatcher(X, Y, { batchSize: c.batchSize, seed: SHUFFLE_SEED });
  return {
    epoch: () => timed(() => trainEpoch(network, batcher, { learningRate: c.learningRate })),
    loss: () => evaluate(network, X, Y).loss,
    dispose: () => undefined,
  };
}

function tfRunner(c: Case, X: Matrix, Y: Matrix): Runner {
  const trainer = tfTrainerFrom(createNetwork(c.config), c.learningRate);
  const batcher = createBatcher(X, Y, { batchSize: c.batchSize, seed: SHUFFLE_SEED });
  const full = toTfRows({ X, Y });
  return {
    epoch() {
      // The epoch's batches become tensors before the clock starts: TF.js is timed on training alone.
      const epoch = batcher.epoch;
      const batches: ReturnType<typeof toTfRows>[] = [];
      do batches.push(toTfRows(batcher.next()));
      while (batcher.epoch === epoch);
      const time = timed(() => batches.forEach((b) => trainer.step(b.X, b.Y)));
      batches.forEach((b) => tf.dispose([b.X, b.Y]));
      return time;
    },
    loss: () => trainer.loss(full.X, full.Y),
    dispose() {
      tf.dispose([full.X, full.Y]);
      trainer.dispose();
    },
  };
}

/**
 * Epochs of the two engines alternate, so that both see the same load when other work shares the
 * machine. Epoch 0 is the warm-up (JIT, allocation of buffers) and gives the losses to compare.
 */
function runCase(c: Case, X: Matrix, Y: Matrix) {
  const runners = [ourRunner(c, X, Y), tfRunner(c, X, Y)];
  const times = runners.map(() => [] as { wall: number; cpu: number }[]);
  const firstLoss = [NaN, NaN];
  for (let e = 0; e <= c.epochs; e++) {
    runners.forEach((runner, i) => {
      const time = runner.epoch();
      if (e === 0) firstLoss[i] = runner.loss();
      else times[i].push(time);
    });
  }
  runners.forEach((r) => r.dispose());
  const summary = (i: number) => ({ ms: median(times[i].map((t) => t.wall)), cpuMs: median(times[i].map((t) => t.cpu)), firstLoss: firstLoss[i] });
  return { ours: summary(0), theirs: summary(1) };
}

async function main(): Promise<void> {
  await tf.setBackend('cpu');
  await tf.ready();
  console.log(`Node ${process.version}, TensorFlow.js ${tf.version.tfjs} (backend ${tf.getBackend()}), ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)}`);
  console.log('Per case: one warm-up epoch, then the median of the timed epochs; samples/s from wall-clock ms.\n');
  const header = [
    'case', 'rows', 'ours ms/epoch', 'TF.js ms/epoch', 'ours samples/s', 'TF.js samples/s', 'speed-up',
    'ours CPU ms', 'TF.js CPU ms', 'CPU speed-up', 'loss after epoch 1 (ours / TF.js)', 'rel. diff',
  ];
  const rows: string[][] = [];
  for (const c of cases) {
    const { X, Y } = c.data();
    const { ours, theirs } = runCase(c, X, Y);
    const diff = Math.abs(ours.firstLoss - theirs.firstLoss) / Math.abs(theirs.firstLoss);
    const perSecond = (ms: number) => Math.round((X.cols / ms) * 1000).toLocaleString('en-US');
    rows.push([
      c.name, String(X.cols), ours.ms.toFixed(1), theirs.ms.toFixed(1), perSecond(ours.ms), perSecond(theirs.ms),
      `${(theirs.ms / ours.ms).toFixed(1)}×`, ours.cpuMs.toFixed(1), theirs.cpuMs.toFixed(1), `${(theirs.cpuMs / ours.cpuMs).toFixed(1)}×`,
      `${ours.firstLoss.toFixed(6)} / ${theirs.firstLoss.toFixed(6)}`,
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
