import type { Matrix } from '../nn/matrix';
import type { ActivationName, LossName, OptimizerName } from '../nn/types';

export type { Matrix };

/** Which part of one training step an equation belongs to, in the order they happen. */
export type EquationPhase = 'normalize' | 'forward' | 'loss' | 'backward' | 'update';

/** One quantity an equation reads or writes, for the diagram to highlight. `layer` is l (0 for the inputs). */
export interface Touch {
  kind: 'X' | 'W' | 'b' | 'Z' | 'A' | 'dA' | 'dZ' | 'dW' | 'db' | 'loss';
  layer: number;
}

/** A named matrix of an equation (name is KaTeX source, e.g. `W^{[2]}`), for the full view and copying. */
export interface Operand {
  name: string;
  matrix: Matrix;
}

/**
 * One equation of one training step, with three KaTeX renderings:
 * `symbolic` (with the layer index), `shapes` (e.g. (16×5)·(5×50) + (16×1) → (16×50)) and
 * `numeric` (this batch's matrices, 3–4 significant digits, truncated to about 6×6 with ellipses);
 * `numericFull` has every entry (built lazily on first read).
 */
export interface Equation {
  id: string;
  phase: EquationPhase;
  layer: number;
  symbolic: string;
  shapes: string;
  shapesNote: string;
  numeric: string;
  numericFull: string;
  operands: Operand[];
  touches: Touch[];
}

/** Normalisation of the raw features, as the data layer reports it (one entry per feature row). */
export interface Normalization {
  kind: 'zscore' | 'minmax' | 'none';
  stats: { name: string; mean: number; std: number; min: number; max: number }[];
}

/** What `buildTrace` needs besides the record: feature names (user text), the raw batch and its normalisation. */
export interface TraceContext {
  featureNames: string[];
  /** The batch before normalisation, n0 × m (same columns as record.A0). */
  rawBatch?: Matrix;
  normalization?: Normalization;
}

// ---------------------------------------------------------------------------------------------
// The engine's StepRecord, declared structurally from CONTRACTS.md until src/nn exports it.
// ---------------------------------------------------------------------------------------------

/** One layer's part of a training step (see CONTRACTS.md); all matrices n[l] × m unless noted. */
export interface LayerStep {
  l: number;
  activation: ActivationName;
  W: Matrix;
  b: Matrix;
  Z: Matrix;
  A: Matrix;
  dA: Matrix;
  dZ: Matrix;
  dW: Matrix;
  db: Matrix;
  WAfter: Matrix;
  bAfter: Matrix;
  velocityW?: Matrix;
  velocityB?: Matrix;
  momentW?: Matrix;
  momentB?: Matrix;
  secondW?: Matrix;
  secondB?: Matrix;
}

/** Everything one `trainStep` computed (see CONTRACTS.md). */
export interface StepRecord {
  loss: number;
  dataLoss: number;
  l2Penalty: number;
  m: number;
  A0: Matrix;
  Y: Matrix;
  layers: LayerStep[];
  lossName: LossName;
  output: ActivationName;
  options: { learningRate: number; optimizer: OptimizerName; l2: number };
  t: number;
  simplifiedOutputError: boolean;
}
