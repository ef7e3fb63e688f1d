import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createBatcher, createNetwork, type Batch, type Matrix, type Network, type NetworkConfig } from '../src/nn/index';
import { timed, type Runner } from './timing';

/**
 * The same network in TensorFlow.js, in TF's row convention (a batch is m × n0, so W is stored
 * transposed, n[l-1] × n[l]): the computation is ours, term for term, in float32.
 */
export interface TfTrainer {
  /** Trains one batch: one optimizer.minimize call. */
  step(X: tf.Tensor2D, Y: tf.Tensor2D): void;
  /** Mean data loss over X, Y. */
  loss(X: tf.Tensor2D, Y: tf.Tensor2D): number;
  dispose(): void;
}

/** A TF.js copy of `network` (same initial weights), trained by plain SGD with η = learningRate. */
export function tfTrainerFrom(network: Network, learningRate: number): TfTrainer {
  const weights = network.layers.map((layer) => {
    const transposed = new Float32Array(layer.W.data.length);
    for (let i = 0; i < layer.W.rows; i++) for (let j = 0; j < layer.W.cols; j++) transposed[j * layer.W.rows + i] = layer.W.data[i * layer.W.cols + j];
    return {
      W: tf.variable(tf.tensor2d(transposed, [layer.W.cols, layer.W.rows])),
      b: tf.variable(tf.tensor1d(Float32Array.from(layer.b.data))),
      activation: layer.activation,
    };
  });
  const { loss: lossName } = network.config;
  const logits = (X: tf.Tensor2D): tf.Tensor2D => {
    let A: tf.Tensor2D = X;
    weights.forEach((layer, i) => {
      const Z = tf.add(tf.matMul(A, layer.W), layer.b) as tf.Tensor2D;
      if (i === weights.length - 1) A = Z;
      else if (layer.activation === 'sigmoid') A = tf.sigmoid(Z);
      else if (layer.activation === 'relu') A = tf.relu(Z);
      else throw new Error(`bench: no TF.js mapping for hidden ${layer.activation}`);
    });
    return A;
  };
  const lossOf = (X: tf.Tensor2D, Y: tf.Tensor2D): tf.Scalar => {
    if (lossName === 'bce') return tf.losses.sigmoidCrossEntropy(Y, logits(X)) as tf.Scalar;
    if (lossName === 'cce') return tf.losses.softmaxCrossEntropy(Y, logits(X)) as tf.Scalar;
    throw new Error(`bench: no TF.js mapping for loss ${lossName}`);
  };
  const optimizer = tf.train.sgd(learningRate);
  const varList = weights.flatMap((w) => [w.W, w.b]);
  return {
    step(X, Y) {
      optimizer.minimize(() => lossOf(X, Y), false, varList);
    },
    loss(X, Y) {
      return tf.tidy(() => lossOf(X, Y).dataSync()[0]);
    },
    dispose() {
      varList.forEach((v) => v.dispose());
      optimizer.dispose();
    },
  };
}

/** A batch in TF's row convention: X m × n0, Y m × nL, float32. */
export function toTfRows(batch: Pick<Batch, 'X' | 'Y'>): { X: tf.Tensor2D; Y: tf.Tensor2D } {
  const rows = (M: { rows: number; cols: number; data: Float64Array }) => {
    const out = new Float32Array(M.data.length);
    for (let i = 0; i < M.rows; i++) for (let j = 0; j < M.cols; j++) out[j * M.rows + i] = M.data[i * M.cols + j];
    return tf.tensor2d(out, [M.cols, M.rows]);
  };
  return { X: rows(batch.X), Y: rows(batch.Y) };
}

/**
 * Selects TF.js's cpu backend (plain JavaScript kernels) or its wasm backend (XNNPACK compiled to
 * WebAssembly, SIMD where the engine has it) on one thread, the .wasm files read from
 * node_modules (no download); returns its version line for the report.
 */
export async function loadTf(backend: 'cpu' | 'wasm'): Promise<string> {
  if (backend === 'wasm') {
    setThreadsCount(1);
    setWasmPaths(`${path.resolve('node_modules/@tensorflow/tfjs-backend-wasm/dist')}/`);
  }
  if (!(await tf.setBackend(backend))) throw new Error(`bench: TF.js backend ${backend} failed to start`);
  await tf.ready();
  return `TensorFlow.js ${tf.version.tfjs} (backend ${tf.getBackend()})`;
}

/**
 * TF.js on one case: the same initial weights (our createNetwork with the same seed, copied in) and
 * the same batches (our batcher with the same shuffle seed), turned into tensors before the clock
 * starts; one optimizer.minimize call per batch.
 */
export function tfRunner(config: NetworkConfig, learningRate: number, batchSize: number, shuffleSeed: number, X: Matrix, Y: Matrix): Runner {
  const trainer = tfTrainerFrom(createNetwork(config), learningRate);
  const batcher = createBatcher(X, Y, { batchSize, seed: shuffleSeed });
  const full = toTfRows({ X, Y });
  return {
    epoch() {
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
