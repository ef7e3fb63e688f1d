/**
 * Gradient flow: for every update t and every layer l, the Frobenius norms ‖dW[l]‖_F (the gradient
 * of the batch loss, L2 included, as the record holds it) and ‖W[l]‖_F (the weights after update t),
 * kept in a bounded series: the last FLOW_RECENT updates at full resolution, older ones averaged in
 * buckets that double in size whenever FLOW_COARSE of them have filled, so memory stays bounded
 * after millions of updates. Plus the histogram inputs of one record: each layer's weights and δ = dZ.
 * Pure: the lab calls `recordFlow` right after each trainStep, while the record's buffers are valid.
 */
import type { StepRecord } from '../nn';

/** Updates kept at full resolution. */
export const FLOW_RECENT = 512;
/** Averaged points kept for older updates (halved by merging pairs when full). */
export const FLOW_COARSE = 512;

/** The bounded series of one run. Mutable and private to the lab; the UI reads `flowView`. */
export interface FlowSeries {
  /** Layers L (fixed for a run; a record with another L restarts the series). */
  layers: number;
  /** Updates recorded so far (the count, not the points kept). */
  total: number;
  /** Ring of the recent points: update t and, per layer, ‖dW‖ and ‖W‖ at [slot · L + l]. */
  recentUpdate: Float64Array;
  recentGrad: Float64Array;
  recentWeight: Float64Array;
  /** Index of the oldest recent point, and how many there are. */
  recentStart: number;
  recentCount: number;
  /** Older points, oldest first: means over `stride` consecutive updates. */
  coarseUpdate: Float64Array;
  coarseGrad: Float64Array;
  coarseWeight: Float64Array;
  coarseCount: number;
  stride: number;
  /** The bucket being filled (sums over `pending` points evicted from the ring). */
  pendingUpdate: number;
  pendingGrad: Float64Array;
  pendingWeight: Float64Array;
  pending: number;
  /** Scratch for the norms of the newest record. */
  scratchGrad: Float64Array;
  scratchWeight: Float64Array;
}

/** An empty series for a network of L layers (0 until the first record). */
export function createFlowSeries(layers = 0): FlowSeries {
  const L = layers;
  return {
    layers: L, total: 0,
    recentUpdate: new Float64Array(FLOW_RECENT), recentGrad: new Float64Array(FLOW_RECENT * L), recentWeight: new Float64Array(FLOW_RECENT * L),
    recentStart: 0, recentCount: 0,
    coarseUpdate: new Float64Array(FLOW_COARSE), coarseGrad: new Float64Array(FLOW_COARSE * L), coarseWeight: new Float64Array(FLOW_COARSE * L),
    coarseCount: 0, stride: 1,
    pendingUpdate: 0, pendingGrad: new Float64Array(L), pendingWeight: new Float64Array(L), pending: 0,
    scratchGrad: new Float64Array(L), scratchWeight: new Float64Array(L),
  };
}

/** Empties the series (after a reset), keeping its buffers. */
export function clearFlow(series: FlowSeries): void {
  series.total = 0;
  series.recentStart = 0;
  series.recentCount = 0;
  series.coarseCount = 0;
  series.stride = 1;
  series.pending = 0;
  series.pendingUpdate = 0;
  series.pendingGrad.fill(0);
  series.pendingWeight.fill(0);
}

/** ‖M‖_F = √(Σ m_ij²) of a flat buffer. */
export function frobenius(values: Float64Array): number {
  let sum = 0;
  for (let k = 0; k < values.length; k++) sum += values[k] * values[k];
  return Math.sqrt(sum);
}

/**
 * Appends update t's norms from its record: ‖dW[l]‖_F and ‖WAfter[l]‖_F for l = 1..L. O(parameters),
 * no allocation once the series has its size (a record with another number of layers restarts it).
 * @param update t, the network's update count after this step (default: the next one).
 */
export function recordFlow(series: FlowSeries, record: StepRecord, update?: number): void {
  const L = record.layers.length;
  if (L !== series.layers) Object.assign(series, createFlowSeries(L));
  const t = update ?? series.total + 1;
  for (let l = 0; l < L; l++) {
    series.scratchGrad[l] = frobenius(record.layers[l].dW.data);
    series.scratchWeight[l] = frobenius(record.layers[l].WAfter.data);
  }
  if (series.recentCount === FLOW_RECENT) {
    evictOldest(series);
  }
  const slot = (series.recentStart + series.recentCount) % FLOW_RECENT;
  series.recentUpdate[slot] = t;
  series.recentGrad.set(series.scratchGrad, slot * L);
  series.recentWeight.set(series.scratchWeight, slot * L);
  series.recentCount += 1;
  series.total += 1;
}

/** Moves the ring's oldest point into the pending bucket; a full bucket becomes a coarse point. */
function evictOldest(s: FlowSeries): void {
  const L = s.layers;
  const slot = s.recentStart;
  s.pendingUpdate += s.recentUpdate[slot];
  for (let l = 0; l < L; l++) {
    s.pendingGrad[l] += s.recentGrad[slot * L + l];
    s.pendingWeight[l] += s.recentWeight[slot * L + l];
  }
  s.pending += 1;
  s.recentStart = (slot + 1) % FLOW_RECENT;
  s.recentCount -= 1;
  if (s.pending < s.stride) return;
  if (s.coarseCount === FLOW_COARSE) halveCoarse(s);
  const c = s.coarseCount;
  s.coarseUpdate[c] = s.pendingUpdate / s.pending;
  for (let l = 0; l < L; l++) {
    s.coarseGrad[c * L + l] = s.pendingGrad[l] / s.pending;
    s.coarseWeight[c * L + l] = s.pendingWeight[l] / s.pending;
  }
  s.coarseCount += 1;
  s.pending = 0;
  s.pendingUpdate = 0;
  s.pendingGrad.fill(0);
  s.pendingWeight.fill(0);
}

/** Merges coarse points pairwise (each the mean of 2·stride updates) and doubles the stride. */
function halveCoarse(s: FlowSeries): void {
  const L = s.layers;
  const half = s.coarseCount >> 1;
  for (let i = 0; i < half; i++) {
    s.coarseUpdate[i] = (s.coarseUpdate[2 * i] + s.coarseUpdate[2 * i + 1]) / 2;
    for (let l = 0; l < L; l++) {
      s.coarseGrad[i * L + l] = (s.coarseGrad[2 * i * L + l] + s.coarseGrad[(2 * i + 1) * L + l]) / 2;
      s.coarseWeight[i * L + l] = (s.coarseWeight[2 * i * L + l] + s.coarseWeight[(2 * i + 1) * L + l]) / 2;
    }
  }
  s.coarseCount = half;
  s.stride *= 2;
}

/** Points the series holds now (coarse + recent; at most FLOW_COARSE + FLOW_RECENT). */
export function flowPointCount(series: FlowSeries): number {
  return series.coarseCount + series.recentCount;
}

/**
 * The series as plain data for the chart, oldest first: update[i] is t (a bucket's mean t for the
 * averaged past), grad[l][i] = ‖dW[l+1]‖_F and weight[l][i] = ‖W[l+1]‖_F there.
 */
export interface FlowView {
  layers: number;
  /** Updates recorded in all (more than update.length once the past is averaged). */
  total: number;
  update: number[];
  grad: number[][];
  weight: number[][];
}

/** A plain snapshot of the series (made once per lab view, not per update). */
export function flowView(series: FlowSeries): FlowView {
  const L = series.layers;
  const update: number[] = [];
  const grad: number[][] = Array.from({ length: L }, () => []);
  const weight: number[][] = Array.from({ length: L }, () => []);
  for (let i = 0; i < series.coarseCount; i++) {
    update.push(series.coarseUpdate[i]);
    for (let l = 0; l < L; l++) {
      grad[l].push(series.coarseGrad[i * L + l]);
      weight[l].push(series.coarseWeight[i * L + l]);
    }
  }
  for (let k = 0; k < series.recentCount; k++) {
    const slot = (series.recentStart + k) % FLOW_RECENT;
    update.push(series.recentUpdate[slot]);
    for (let l = 0; l < L; l++) {
      grad[l].push(series.recentGrad[slot * L + l]);
      weight[l].push(series.recentWeight[slot * L + l]);
    }
  }
  return { layers: L, total: series.total, update, grad, weight };
}

/** The newest point's norms per layer (index l − 1), or null before the first update. */
export function latestFlow(series: FlowSeries): { update: number; grad: number[]; weight: number[] } | null {
  if (series.recentCount === 0) return null;
  const L = series.layers;
  const slot = (series.recentStart + series.recentCount - 1) % FLOW_RECENT;
  return {
    update: series.recentUpdate[slot],
    grad: Array.from(series.recentGrad.subarray(slot * L, slot * L + L)),
    weight: Array.from(series.recentWeight.subarray(slot * L, slot * L + L)),
  };
}

/**
 * ‖dW[L]‖ / ‖dW[1]‖: how many times smaller the first layer's gradient is than the last's (≥ 100
 * is the vanishing gradient of a deep sigmoid network). NaN when undefined (fewer than 2 layers, 0).
 */
export function vanishingRatio(grad: readonly number[]): number {
  if (grad.length < 2 || !(grad[0] > 0)) return Number.NaN;
  return grad[grad.length - 1] / grad[0];
}

/** Histogram inputs of one step, per layer (index l − 1): every weight of W[l] after the update and every δ = dZ[l] of the batch. */
export interface FlowHistograms {
  /** n[l]·n[l−1] values each. */
  weights: number[][];
  /** n[l]·m values each. */
  deltas: number[][];
}

/**
 * Plain copies of each layer's weights (WAfter) and δ = dZ of a record, for histograms of the batch
 * on screen. O(parameters + neurons·m): call it when the view is built, not on every update.
 */
export function flowHistograms(record: StepRecord): FlowHistograms {
  return {
    weights: record.layers.map((layer) => Array.from(layer.WAfter.data)),
    deltas: record.layers.map((layer) => Array.from(layer.dZ.data)),
  };
}
