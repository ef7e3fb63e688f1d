/**
 * The lab's "Check gradients" report: the engine's gradientCheck (backpropagated dW[l], db[l] against
 * central differences (L(θ+ε) − L(θ−ε)) / 2ε) on the batch on screen, with a verdict per layer.
 * The check costs two forward passes per parameter, so only the first few columns of the batch are
 * used: as many as fit in a time budget (at least one).
 */
import { cloneNetwork, gradientCheck, Matrix, type Network } from '../nn';
import type { LabSession } from './session';

/** How close the backpropagated gradient is to the central difference. */
export type GradcheckVerdict = 'excellent' | 'fine' | 'suspicious';

/** Relative error below `excellent` is excellent, below `fine` is fine, anything else (or non-finite) suspicious. */
export const VERDICT_LIMITS = { excellent: 1e-7, fine: 1e-5 } as const;

/** The verdict on one relative error ‖a − n‖ / (‖a‖ + ‖n‖). */
export function verdictOf(relativeError: number): GradcheckVerdict {
  if (!(relativeError >= 0) || !Number.isFinite(relativeError)) return 'suspicious';
  if (relativeError < VERDICT_LIMITS.excellent) return 'excellent';
  if (relativeError < VERDICT_LIMITS.fine) return 'fine';
  return 'suspicious';
}

/** One row of the report: layer l (1-based), the relative errors of dW[l] (n[l] × n[l−1]) and db[l] (n[l] × 1). */
export interface GradcheckRow {
  layer: number;
  shapeW: [number, number];
  dW: number;
  db: number;
  dWVerdict: GradcheckVerdict;
  dbVerdict: GradcheckVerdict;
}

/** What the panel shows. */
export interface GradcheckReport {
  rows: GradcheckRow[];
  /** The largest relative error and its verdict. */
  max: number;
  verdict: GradcheckVerdict;
  /** Columns of the batch used (m′ ≤ m) and the batch size m. */
  columns: number;
  batchSize: number;
  /** Parameters checked, Σ n[l]·(n[l−1] + 1). */
  parameters: number;
  /** Which parameters and batch: the batch on screen (before its update) or, before training, the first training columns. */
  source: 'batch' | 'train';
  /** λ of the loss checked. */
  l2: number;
  /** A hint when a verdict is suspicious and ReLU kinks are a likely innocent cause. */
  note: string | null;
}

/** The inputs of a check: a private network copy, X (n0 × m) and Y (nL × m), λ. */
export interface GradcheckInputs {
  network: Network;
  X: Matrix;
  Y: Matrix;
  l2: number;
  source: 'batch' | 'train';
}

/** Σ n[l]·(n[l−1] + 1): the number of weights and biases of sizes [n0, …, nL]. */
export function parameterCount(sizes: readonly number[]): number {
  let count = 0;
  for (let l = 1; l < sizes.length; l++) count += sizes[l] * (sizes[l - 1] + 1);
  return count;
}

/**
 * Estimated milliseconds of gradientCheck on m columns: two forward passes per parameter, each about
 * `FORWARD_OVERHEAD_MS` plus `MS_PER_MULTIPLY` per multiply-add Σ n[l]·n[l−1]·m (measured in Node on this
 * machine at ≈ 1 ns and a few µs; a browser is taken as 1.5× slower).
 */
export function estimateCheckMs(sizes: readonly number[], m: number): number {
  let multiplies = 0;
  for (let l = 1; l < sizes.length; l++) multiplies += sizes[l] * sizes[l - 1];
  return 2 * parameterCount(sizes) * (FORWARD_OVERHEAD_MS + MS_PER_MULTIPLY * multiplies * m);
}
const FORWARD_OVERHEAD_MS = 2e-3;
const MS_PER_MULTIPLY = 1.5e-6;

/** The default budget: the whole check should take well under 100 ms. */
export const CHECK_BUDGET_MS = 60;

/** How many columns (1 … m) fit in `budgetMs`. */
export function columnsWithinBudget(sizes: readonly number[], m: number, budgetMs = CHECK_BUDGET_MS): number {
  let columns = 1;
  while (columns < m && estimateCheckMs(sizes, columns + 1) <= budgetMs) columns++;
  return columns;
}

/** The first k columns of M (rows × k), a copy. */
export function firstColumns(M: Matrix, k: number): Matrix {
  const cols = Math.max(0, Math.min(k, M.cols));
  const out = new Matrix(M.rows, cols);
  for (let i = 0; i < M.rows; i++) out.data.set(M.data.subarray(i * M.cols, i * M.cols + cols), i * cols);
  return out;
}

/**
 * What the check runs on, from the session (an adapter: the session has no such method). With a batch
 * on screen: a copy of the network holding that batch's parameters before its update, its X and Y, and
 * the λ it was trained with, so the check tests exactly the dW, db its equations show. Before the first
 * batch: the initial network on the first m training columns, with the λ of the settings.
 */
export function gradcheckInputs(session: Pick<LabSession, 'entry' | 'recordOf' | 'network' | 'dataset' | 'settings' | 'batchSize'>): GradcheckInputs {
  const network = cloneNetwork(session.network);
  const entry = session.entry;
  if (!entry) {
    const { X, Y } = session.dataset.train;
    return { network, X: firstColumns(X, session.batchSize), Y: firstColumns(Y, session.batchSize), l2: session.settings.l2, source: 'train' };
  }
  const record = session.recordOf(entry);
  record.layers.forEach((step, i) => {
    network.layers[i].W.data.set(step.W.data);
    network.layers[i].b.data.set(step.b.data);
  });
  return { network, X: record.A0, Y: record.Y, l2: record.options.l2, source: 'batch' };
}

/**
 * Runs the engine's gradientCheck on the first columns of X and Y that fit in `budgetMs` (the network
 * is not changed: gradientCheck works on its own copy) and grades every layer.
 */
export function runGradientCheck(inputs: GradcheckInputs, budgetMs = CHECK_BUDGET_MS): GradcheckReport {
  const { network, X, Y, l2, source } = inputs;
  const sizes = network.config.sizes;
  const columns = columnsWithinBudget(sizes, X.cols, budgetMs);
  const result = gradientCheck(network, firstColumns(X, columns), firstColumns(Y, columns), { l2 });
  const rows = result.layers.map((e, i): GradcheckRow => ({
    layer: i + 1,
    shapeW: [sizes[i + 1], sizes[i]],
    dW: e.dW,
    db: e.db,
    dWVerdict: verdictOf(e.dW),
    dbVerdict: verdictOf(e.db),
  }));
  const verdict = verdictOf(result.max);
  const kinked = network.layers.some((layer) => layer.activation === 'relu' || layer.activation === 'leakyRelu');
  const note = verdict === 'suspicious' && kinked
    ? 'ReLU has a kink at 0: when some Z lies within ε of it, the central difference straddles the kink and disagrees with the exact gradient. That is not a bug in backpropagation.'
    : null;
  return { rows, max: result.max, verdict, columns, batchSize: X.cols, parameters: parameterCount(sizes), source, l2, note };
}
