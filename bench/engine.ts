/**
 * npm run bench: trains the same networks on the same data, from the same initial weights and in
 * the same shuffled batches, with our engine (WebAssembly SIMD kernels, then JavaScript ones), with TensorFlow.js (cpu and wasm backends, one
 * optimizer.minimize call per batch) and, if python3 has NumPy, with a tutorial NumPy loop on one
 * BLAS thread; prints ms/epoch (median of the timed epochs, with min–max), samples/s and CPU ms.
 * The loss on the whole set after the first epoch must agree (float32 vs float64) to show that the
 * engines did the same computation.
 */
import os from 'node:os';
import { numpyVersion, runNumpy } from './numpy';
import { type Matrix, createBatcher, createNetwork, evaluate, trainEpoch, type NetworkConfig } from '../src/nn/index';
import { enableSimdKernels } from '../src/nn/simd';
import { mnistLike, occupancyLike } from './synthetic';
import { timed, type Runner } from './timing';

interface Case {
  name: string;
  config: NetworkConfig;
  rows: number;
  data: () => { X: Matrix; Y: Matrix };
  batchSize: number;
  learningRate: number;
  /** Timed epochs after the first (warm-up) one. */
  epochs: number;
}

const allCases: Case[] = [
  { name: 'A 5-16-16-1 sigmoid bce', config: { sizes: [5, 16, 16, 1], hidden: 'sigmoid', output: 'sigmoid', loss: 'bce', seed: 1 }, rows: 8143, data: () => occupancyLike(8143, 11), batchSize: 50, learningRate: 0.1, epochs: 30 },
  { name: 'B 5-64-64-1 sigmoid bce', config: { sizes: [5, 64, 64, 1], hidden: 'sigmoid', output: 'sigmoid', loss: 'bce', seed: 1 }, rows: 8143, data: () => occupancyLike(8143, 11), batchSize: 50, learningRate: 0.1, epochs: 9 },
  { name: 'C 784-128-10 relu softmax cce', config: { sizes: [784, 128, 10], hidden: 'relu', output: 'softmax', loss: 'cce', seed: 1 }, rows: 10000, data: () => mnistLike(10000, 12), batchSize: 64, learningRate: 0.05, epochs: 2 },
];
// BENCH_CASES=B (any of A, B, C, comma-separated) runs only those cases, e.g. while tuning one kernel.
const onlyCases = process.env.BENCH_CASES?.split(',').map((c) => c.trim().toUpperCase());
const cases = allCases.filter((c) => !onlyCases || onlyCases.includes(c.name[0]));
const SHUFFLE_SEED = 7;

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

/** Per engine and case: the timed epochs (after one warm-up epoch) and the whole-set loss after epoch 1. */
interface Summary { wall: number[]; cpu: number[]; firstLoss: number }

/** One engine on one case: a warm-up epoch (JIT, buffers) that also gives the loss to compare, then the timed epochs. */
function measure(runner: Runner, epochs: number): Summary {
  const times: { wall: number; cpu: number }[] = [];
  let firstLoss = NaN;
  for (let e = 0; e <= epochs; e++) {
    const time = runner.epoch();
    if (e === 0) firstLoss = runner.loss();
    else times.push(time);
  }
  runner.dispose();
  return { wall: times.map((t) => t.wall), cpu: times.map((t) => t.cpu), firstLoss };
}

/** "54.1 (52.0–60.3)": the median and the range of the timed epochs. */
const spread = (values: number[]): string => `${median(values).toFixed(1)} (${Math.min(...values).toFixed(1)}–${Math.max(...values).toFixed(1)})`;

async function main(): Promise<void> {
  // Our engine first, on every case, before TF.js is loaded: TF.js bundles polyfills (core-js) that
  // replace built-ins for the whole process, and with them loaded our case A runs about 25% slower
  // (measured: median 10.3 → 13.1 ms/epoch). Each case's data is generated (from its seed) when the
  // case runs and dropped after, since a resident 784 × 10000 set slows the small cases' collections.
  // Every engine gets identical data, initial weights (same seed) and batches (same shuffle seed).
  // Ours twice: with the WebAssembly SIMD kernels (what the lab uses where its CSP allows them) and
  // with the JavaScript kernels alone; both compute the same bits.
  // BENCH_ENGINES=ours,numpy (any of ours, js, numpy, cpu, wasm; ours always runs) runs only those.
  const only = process.env.BENCH_ENGINES?.split(',');
  const wanted = (name: string) => !only || only.includes(name);
  const rowCounts = cases.map((c) => c.rows);
  const engines: { name: string; results: (Summary | null)[] }[] = [];
  for (const [name, simd] of [['ours', true], ['ours JS', false]] as const) {
    if (!simd && !wanted('js')) continue;
    if (enableSimdKernels(simd) !== simd) throw new Error('bench: WebAssembly SIMD kernels failed to compile');
    engines.push({ name, results: cases.map((c) => {
      const { X, Y } = c.data();
      return measure(ourRunner(c, X, Y), c.epochs);
    }) });
  }
  enableSimdKernels(false);
  const numpy = wanted('numpy') ? numpyVersion() : null;
  if (wanted('numpy')) engines.push({ name: 'NumPy', results: cases.map((c) => {
    if (!numpy) return null;
    const { X, Y } = c.data();
    const { times, firstLoss } = runNumpy(c.config, c.learningRate, c.batchSize, SHUFFLE_SEED, X, Y, c.epochs);
    const timed = times.slice(1);
    return { wall: timed.map((t) => t.wall), cpu: timed.map((t) => t.cpu), firstLoss };
  }) });
  const { loadTf, tfRunner } = await import('./tfjs');
  const versions: string[] = [];
  for (const backend of ['cpu', 'wasm'] as const) {
    if (!wanted(backend)) continue;
    versions.push(await loadTf(backend));
    engines.push({ name: `TF.js ${backend}`, results: cases.map((c) => {
      const { X, Y } = c.data();
      return measure(tfRunner(c.config, c.learningRate, c.batchSize, SHUFFLE_SEED, X, Y), c.epochs);
    }) });
  }

  const numpyLine = numpy ?? (wanted('numpy') ? 'NumPy skipped (python3 -c "import numpy" failed)' : 'NumPy not run');
  console.log(`Node ${process.version}, ${[...versions, numpyLine].join('; ')}`);
  console.log(`${os.cpus().length} cores, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} (other work on the machine inflates wall times; CPU ms less so)`);
  console.log('Per case and engine: one warm-up epoch, then the timed epochs: median (min–max) wall ms per epoch, median (min) CPU ms; samples/s from the median wall ms.\n');
  const header = ['case', 'rows', ...engines.flatMap((e) => [`${e.name} ms/epoch`, `${e.name} CPU ms (min)`]), 'ours samples/s', 'loss after epoch 1 (' + engines.map((e) => e.name).join(' / ') + ')', 'max rel. diff'];
  const rows = cases.map((c, i) => {
    const ours = engines[0].results[i] as Summary;
    const losses = engines.map((e) => e.results[i]?.firstLoss ?? NaN);
    const diff = Math.max(...losses.filter(Number.isFinite).map((l) => Math.abs(l - ours.firstLoss) / Math.abs(ours.firstLoss)));
    return [
      c.name, String(rowCounts[i]),
      ...engines.flatMap((e) => { const r = e.results[i]; return r ? [spread(r.wall), `${median(r.cpu).toFixed(1)} (${Math.min(...r.cpu).toFixed(1)})`] : ['skipped', '–']; }),
      Math.round((rowCounts[i] / median(ours.wall)) * 1000).toLocaleString('en-US'),
      losses.map((l) => (Number.isFinite(l) ? l.toFixed(6) : '–')).join(' / '),
      `${diff.toExponential(1)}${diff < 1e-4 ? ' ✓' : ' ✗'}`,
    ];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => `| ${cells.map((cell, i) => cell.padEnd(widths[i])).join(' | ')} |`;
  console.log(`${line(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${rows.map(line).join('\n')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
