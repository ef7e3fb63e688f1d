/**
 * What the decision-boundary view computes: the network's output over the plane of two (normalised)
 * input features, on a size × size grid with one predict call on a 2 × size² matrix, or, for one
 * feature, the curve of the output against x. Pure: the UI colours and draws the numbers.
 */
import { argmaxColumn, createNetwork, Matrix, predict, type ActivationName, type LossName, type Network } from '../nn';
import type { LabDataset } from './dataset';
import type { Params } from './params';

export { boundaryMode, type BoundaryMode } from './boundaryMode';

/** A closed interval [lo, hi] with lo < hi. */
export type Interval = [number, number];

/**
 * Per feature row f of the given parts (each n0 × m, normalised), [min, max] widened by `pad` of its
 * width on each side (an interval of width 0 becomes ±1 around its value; no data gives [−1, 1]).
 */
export function featureExtents(parts: readonly Matrix[], pad = 0.08): Interval[] {
  const n0 = parts[0]?.rows ?? 0;
  return Array.from({ length: n0 }, (_, f): Interval => {
    let lo = Infinity;
    let hi = -Infinity;
    for (const X of parts) {
      for (let j = 0; j < X.cols; j++) {
        const v = X.data[f * X.cols + j];
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
    }
    if (!(lo <= hi)) return [-1, 1];
    if (hi - lo < 1e-12) return [lo - 1, hi + 1];
    const margin = (hi - lo) * pad;
    return [lo - margin, hi + margin];
  });
}

/**
 * The centres of a size × size grid over x × y as a 2 × size² matrix: column r·size + c holds
 * x = x0 + (c + ½)/size·(x1 − x0) and y = y1 − (r + ½)/size·(y1 − y0), so row r = 0 is the top of
 * the picture (largest y), like the rows of an image.
 */
export function gridInputs(x: Interval, y: Interval, size: number): Matrix {
  const cells = size * size;
  const G = new Matrix(2, cells);
  for (let r = 0; r < size; r++) {
    const yv = y[1] - ((r + 0.5) / size) * (y[1] - y[0]);
    for (let c = 0; c < size; c++) {
      G.data[r * size + c] = x[0] + ((c + 0.5) / size) * (x[1] - x[0]);
      G.data[cells + r * size + c] = yv;
    }
  }
  return G;
}

/** Evenly spaced x from lo to hi (both included) as a 1 × n matrix, for the curve view. */
export function lineInputs(x: Interval, n: number): Matrix {
  const L = new Matrix(1, n);
  for (let k = 0; k < n; k++) L.data[k] = n === 1 ? (x[0] + x[1]) / 2 : x[0] + (k / (n - 1)) * (x[1] - x[0]);
  return L;
}

/** What a predictor network needs besides its parameters. */
export interface PredictorConfig {
  hidden: ActivationName;
  output: ActivationName;
  loss: LossName;
}

/**
 * A network of the given sizes whose parameters will be set by `setParams`. Keep one per architecture
 * and reuse it: its forward buffers (n[l] × size²) are kept with it between redraws.
 */
export function predictorNetwork(sizes: readonly number[], config: PredictorConfig): Network {
  return createNetwork({ sizes: [...sizes], ...config, seed: 1 });
}

/** Points the network's layers at `params` (no copy). RangeError when a shape differs. */
export function setParams(network: Network, params: Params): Network {
  if (params.length !== network.layers.length) throw new RangeError(`setParams: ${params.length} layers of parameters for ${network.layers.length} layers`);
  network.layers.forEach((layer, i) => {
    const { W, b } = params[i];
    if (W.rows !== layer.W.rows || W.cols !== layer.W.cols || b.rows !== layer.b.rows) {
      throw new RangeError(`setParams: layer ${i + 1} W is ${W.rows}×${W.cols}, the network needs ${layer.W.rows}×${layer.W.cols}`);
    }
    layer.W = W;
    layer.b = b;
  });
  return network;
}

/** The network's output A[L] (k × size²) over the grid (one predict call). */
export function predictGrid(network: Network, grid: Matrix): Matrix {
  return predict(network, grid);
}

/** The class index of every column of Y (nL × m): argmax for one-hot, y ≥ 0.5 for one row. */
export function classOfColumns(Y: Matrix): Int32Array {
  const out = new Int32Array(Y.cols);
  for (let j = 0; j < Y.cols; j++) {
    if (Y.rows === 1) {
      out[j] = Y.data[j] >= 0.5 ? 1 : 0;
      continue;
    }
    out[j] = argmaxColumn(Y, j);
  }
  return out;
}

/** A normalised value x′ of feature f back in the feature's own units (the inverse of the data layer's normalisation). */
export function denormalize(normalization: LabDataset['normalization'], f: number, x: number): number {
  const s = normalization.stats[f];
  if (!s || normalization.kind === 'none') return x;
  if (normalization.kind === 'zscore') return x * (s.std > 0 ? s.std : 1) + s.mean;
  return x * (s.max > s.min ? s.max - s.min : 1) + s.min;
}

/** The largest grid: 80 × 80 cells, one predict call on a 2 × 6400 matrix. */
export const GRID_SIZE = 80;
/** The smallest grid (the picture is scaled up smoothly, so a coarse grid still reads well). */
export const MIN_GRID_SIZE = 24;
/**
 * Multiply-adds allowed per redraw: about 4 ms in Chromium on this machine (≈ 1 ns each, measured on
 * a 2-32×6-1 network), so that a redraw fits beside training in an animation frame.
 */
export const GRID_BUDGET = 4e6;

/**
 * The grid side for a network of `sizes`: the largest size ≤ GRID_SIZE with size² · Σ n[l]·(n[l−1] + 1)
 * within `budget`, at least MIN_GRID_SIZE. 2-8-8-1 gets 80 × 80; six hidden layers of 32 get 27 × 27.
 */
export function gridSizeFor(sizes: readonly number[], budget = GRID_BUDGET): number {
  let perColumn = 0;
  for (let l = 1; l < sizes.length; l++) perColumn += sizes[l] * (sizes[l - 1] + 1);
  const size = Math.floor(Math.sqrt(budget / Math.max(1, perColumn)));
  return Math.max(MIN_GRID_SIZE, Math.min(GRID_SIZE, size));
}

/** Everything about the plane that depends only on the dataset: extents, grid and the points to draw. */
export interface PlaneGeometry {
  /** Normalised extents of feature 1 (x) and feature 2 (y), over train and test points. */
  x: Interval;
  y: Interval;
  size: number;
  /** 2 × size² grid centres (gridInputs). */
  grid: Matrix;
  /** The samples (2 × m normalised) and their targets (nL × m) of each split. */
  train: { X: Matrix; Y: Matrix };
  test: { X: Matrix; Y: Matrix } | null;
}

/** The plane of a two-feature dataset (boundaryMode 'plane'). */
export function planeGeometry(dataset: Pick<LabDataset, 'train' | 'test'>, size = GRID_SIZE): PlaneGeometry {
  const { train, test } = dataset;
  const [x, y] = featureExtents(test ? [train.X, test.X] : [train.X]);
  return { x, y, size, grid: gridInputs(x, y, size), train: { X: train.X, Y: train.Y }, test: test ? { X: test.X, Y: test.Y } : null };
}

/** The largest |y| of the targets (regression colours are symmetric around 0 at ±this), at least 1e-9. */
export function maxAbsTarget(Y: Matrix): number {
  let max = 1e-9;
  for (let k = 0; k < Y.data.length; k++) if (Number.isFinite(Y.data[k])) max = Math.max(max, Math.abs(Y.data[k]));
  return max;
}
