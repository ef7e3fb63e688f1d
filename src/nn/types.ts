import type { Matrix } from './matrix';

/** Activation g of a layer. `softmax` is for the output layer only. */
export type ActivationName = 'sigmoid' | 'tanh' | 'relu' | 'leakyRelu' | 'linear' | 'softmax';
/** mse = 1/(2m) Σ‖a − y‖²;  bce = −1/m Σ [y ln a + (1−y) ln(1−a)] (sigmoid output);  cce = −1/m Σ y ln a (softmax output). */
export type LossName = 'mse' | 'bce' | 'cce';
/** xavier: Glorot uniform ±√(6/(n_in+n_out));  he: uniform ±√(6/n_in);  small: uniform ±0.5. Biases start at 0. */
export type InitName = 'xavier' | 'he' | 'small';
/** sgd: W ← W − η·dW;  momentum (β = 0.9);  adam (β1 = 0.9, β2 = 0.999, ε = 1e-8, bias-corrected). */
export type OptimizerName = 'sgd' | 'momentum' | 'adam';

/** What `createNetwork` builds: sizes = [n0, n1, …, nL] (inputs first, outputs last). */
export interface NetworkConfig {
  sizes: number[];
  hidden: ActivationName;
  output: ActivationName;
  loss: LossName;
  /** Default: he for relu/leakyRelu hidden layers, else xavier. */
  init?: InitName;
  /** Seed of the weight initialisation. Default 1. */
  seed?: number;
}

/** Options of one training step. learningRate is η. l2 is λ in λ/(2m)·Σ‖W‖² (biases are not decayed). */
export interface TrainOptions {
  learningRate: number;
  /** Default 'sgd'. Switching optimiser between steps restarts its state (V, M, S, t) from zero. */
  optimizer?: OptimizerName;
  /** λ ≥ 0, default 0. */
  l2?: number;
}

/** Layer l (1-based in the equations, layers[l − 1] in the array): Z[l] = W[l]·A[l-1] + b[l], A[l] = g(Z[l]). */
export interface Layer {
  /** n[l] × n[l-1] */
  W: Matrix;
  /** n[l] × 1 */
  b: Matrix;
  activation: ActivationName;
}

/** The optimiser's memory for one layer, shaped like W and b. */
export interface OptimizerLayerState {
  /** momentum: V ← β·V + dW */
  velocityW?: Matrix;
  velocityB?: Matrix;
  /** adam: M ← β1·M + (1−β1)·dW */
  momentW?: Matrix;
  momentB?: Matrix;
  /** adam: S ← β2·S + (1−β2)·dW⊙dW */
  secondW?: Matrix;
  secondB?: Matrix;
}

/** The optimiser state that lives with the network. */
export interface OptimizerState {
  name: OptimizerName;
  /** Updates done with this optimiser since its state started (Adam's t). */
  t: number;
  layers: OptimizerLayerState[];
}

/** A fully connected network with its parameters and optimiser state. */
export interface Network {
  /** The configuration with init and seed resolved. */
  config: Required<NetworkConfig>;
  /** layers[0] is layer l = 1. */
  layers: Layer[];
  /**
   * Count of updates done. Equals the optimiser's t unless the optimiser was switched, which
   * restarts the optimiser's t (and state) but not this count.
   */
  updates: number;
  /** null until the first trainStep. */
  optimizer: OptimizerState | null;
}

/**
 * What one training step did in layer l. Matrices may be views into buffers reused by the next step.
 * The optimiser fields (momentum's V, Adam's M and S) are the layer's state after this step.
 */
export interface LayerStep extends OptimizerLayerState {
  /** 1-based layer index, as in the equations. */
  l: number;
  activation: ActivationName;
  /** Parameters before the update. */
  W: Matrix;
  b: Matrix;
  /** n[l] × m */
  Z: Matrix;
  A: Matrix;
  /** ∂ℓ/∂A[l] per sample (n[l] × m); for the output layer the loss derivative w.r.t. A[L]. */
  dA: Matrix;
  /** ∂ℓ/∂Z[l] per sample (n[l] × m). */
  dZ: Matrix;
  /** Exact gradients of the batch loss (incl. L2): n[l] × n[l-1] and n[l] × 1. */
  dW: Matrix;
  db: Matrix;
  /** Parameters after the update. */
  WAfter: Matrix;
  bAfter: Matrix;
}

/** Everything one trainStep computed, for the equation trace. Clone with cloneStepRecord to keep it. */
export interface StepRecord {
  /** Batch loss before the update: dataLoss + l2Penalty. */
  loss: number;
  dataLoss: number;
  /** λ/(2m)·Σ_l ‖W[l]‖²_F */
  l2Penalty: number;
  /** Batch size. */
  m: number;
  /** = X, n0 × m */
  A0: Matrix;
  /** Targets, nL × m. */
  Y: Matrix;
  /** Layers 1..L; layers[0] is l = 1. */
  layers: LayerStep[];
  lossName: LossName;
  output: ActivationName;
  options: { learningRate: number; optimizer: OptimizerName; l2: number };
  /** Update count of the optimiser after this step (Adam's t). */
  t: number;
  /** True for sigmoid+bce and softmax+cce, where dZ[L] = A[L] − Y directly. */
  simplifiedOutputError: boolean;
}

/** One mini-batch: the columns `indices` of the full X and Y. The batch owns its matrices. */
export interface Batch {
  X: Matrix;
  Y: Matrix;
  /** Sample (column) indices in the full X. */
  indices: Int32Array;
  /** 0-based epoch. */
  epoch: number;
  /** 0-based batch within the epoch. */
  index: number;
  /** Batches in this epoch. */
  count: number;
}

/** Cuts a data set into seeded, shuffled mini-batches, epoch after epoch. */
export interface Batcher {
  next(): Batch;
  /** Applies from the next batch; the rest of the current epoch's permutation is cut into batches of the new size. */
  setBatchSize(n: number): void;
  /** Epoch of the next batch (0-based). */
  readonly epoch: number;
  /** Index of the next batch in its epoch. */
  readonly batchIndex: number;
  /** Batches in the epoch of the next batch, at the current batch size. */
  readonly batchesPerEpoch: number;
}
