import type { Normalization } from '../data';
import type { LayerStep, Matrix, StepRecord } from '../nn';

export type { LayerStep, Matrix, StepRecord };

/** Which part of one training step an equation belongs to, in the order they happen. */
export type EquationPhase = 'normalize' | 'forward' | 'loss' | 'backward' | 'update';

/** One quantity an equation reads or writes, for the diagram to highlight. `layer` is l (0 for the inputs). */
export interface Touch {
  kind: 'X' | 'W' | 'b' | 'Z' | 'A' | 'dA' | 'dZ' | 'dW' | 'db' | 'loss';
  layer: number;
}

/**
 * What an operand is, for any view that needs to know without reading LaTeX:
 * `parameter` a weight or bias (W, b, dW, db, their new values); `perSample` one column per sample of the
 * batch (X, Z, A, Y, dA, dZ, g′(Z)); `optimizerState` momentum's V or Adam's M, S, M̂, Ŝ; `scalar` one number
 * per feature or per equation (μ, σ, x_min, x_max).
 */
export type OperandRole = 'parameter' | 'perSample' | 'optimizerState' | 'scalar';

/** The quantity an operand holds (its layer is in `layer`); `new` marks a parameter after the update, `prev` a state before it. */
export type Quantity =
  | 'Xraw' | 'X' | 'mu' | 'sigma' | 'xmin' | 'xmax'
  | 'W' | 'b' | 'Z' | 'A' | 'Y' | 'dA' | 'dZ' | 'gPrime' | 'dW' | 'db'
  | 'Wnew' | 'bnew' | 'V' | 'Vprev' | 'M' | 'Mprev' | 'S' | 'Sprev' | 'Mhat' | 'Shat';

/**
 * A named matrix of an equation (name is KaTeX source, e.g. `W^{[2]}`, for drawing only), with its meaning as
 * data: role, layer l (0 for the inputs) and quantity; for the full view and copying.
 */
export interface Operand {
  name: string;
  /** The name as plain text ("W[2]", "M̂"), for accessible names. */
  text: string;
  matrix: Matrix;
  role: OperandRole;
  layer: number;
  quantity: Quantity;
}

/**
 * One array drawn in `numeric` (and `numericFull`), in order of appearance (KaTeX draws each as one `.mtable`):
 * the operand it shows (index into `operands`, or null for a table that is not an operand, the normalisation's
 * statistics) and whether it is drawn transposed.
 */
export interface DrawnArray {
  operand: number | null;
  transposed: boolean;
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
  /** `symbolic` as plain text ("Z[2] = W[2] A[1] + b[2]"), for accessible names and announcements. */
  text: string;
  shapes: string;
  shapesNote: string;
  numeric: string;
  numericFull: string;
  /**
   * `numeric` with sample `sample` (0-based batch column) among the visible ones in every matrix that has a
   * sample axis (per-sample operands: their columns, or their rows when drawn transposed, as Aᵀ in dW):
   * e.g. columns 1, 2, ⋯, 37, ⋯, 50 for sample 36 of 50. The same arrays as `numeric`, in the same order
   * (`drawn`), each as wide as in `numeric`; `numeric` itself for a sample the default cut already shows.
   */
  numericFor(sample: number): string;
  operands: Operand[];
  /** The arrays of `numeric`, in order: which operand each shows. */
  drawn: DrawnArray[];
  /** m, the batch size of the step. */
  m: number;
  touches: Touch[];
}

/** Normalisation of the raw features, as the data layer reports it (one entry per feature row). */
export type { Normalization };

/** What `buildTrace` needs besides the record: feature names (user text), the raw batch and its normalisation. */
export interface TraceContext {
  featureNames: string[];
  /** The batch before normalisation, n0 × m (same columns as record.A0). */
  rawBatch?: Matrix;
  normalization?: Normalization;
  /** The file line of each batch column (1-based; the header is line 1), so a student can find the rows. */
  lines?: Int32Array;
  /**
   * Copy the record's matrices (default true). Pass false when the record is already a private deep
   * copy (cloneStepRecord) that nothing will change: the equations then share its buffers.
   */
  copy?: boolean;
}
