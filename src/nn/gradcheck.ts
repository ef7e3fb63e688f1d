import { backward, checkBatch, dataLoss, forward, l2Penalty } from './backprop';
import { Matrix } from './matrix';
import { cloneNetwork } from './network';
import type { Network } from './types';
import { parameterBuffers, trainingWorkspace } from './workspace';

/** Result of gradientCheck: relative error of dW[l] and db[l] per layer (layers[0] is l = 1), and the largest. */
export interface GradientCheckResult {
  layers: { dW: number; db: number }[];
  max: number;
}

/** ‖a − n‖ / (‖a‖ + ‖n‖) over all entries (Euclidean norms); 0 when both are 0. */
export function relativeError(analytic: Float64Array, numeric: Float64Array): number {
  let diff = 0, a = 0, n = 0;
  for (let i = 0; i < analytic.length; i++) {
    diff += (analytic[i] - numeric[i]) ** 2;
    a += analytic[i] ** 2;
    n += numeric[i] ** 2;
  }
  const denominator = Math.sqrt(a) + Math.sqrt(n);
  return denominator === 0 ? 0 : Math.sqrt(diff) / denominator;
}

/**
 * Compares the backpropagated dW[l], db[l] of the batch loss L (data loss + λ/(2m)·Σ‖W‖²) with
 * central differences ∂L/∂p ≈ (L(p + ε) − L(p − ε)) / 2ε, one parameter p at a time.
 * Works on a copy: the network (and its last step record) is left untouched.
 * Errors near 1e-9 are typical; a relu/leakyRelu unit with |Z| < ε makes the difference straddle the kink.
 */
export function gradientCheck(network: Network, X: Matrix, Y: Matrix, options: { epsilon?: number; l2?: number } = {}): GradientCheckResult {
  const epsilon = options.epsilon ?? 1e-5;
  const l2 = options.l2 ?? 0;
  checkBatch('gradientCheck', network, X, Y);
  const probe = cloneNetwork(network);
  const m = X.cols;
  const ws = trainingWorkspace(probe, m);
  const { dW, db } = parameterBuffers(probe);
  forward(probe, X, ws);
  backward(probe, X, Y, ws, l2, dW, db);

  const lossAt = (): number => {
    forward(probe, X, ws);
    return dataLoss(probe, ws, Y) + l2Penalty(probe, l2, m);
  };
  const numericGradient = (P: Matrix): Float64Array => {
    const out = new Float64Array(P.data.length);
    for (let i = 0; i < P.data.length; i++) {
      const saved = P.data[i];
      P.data[i] = saved + epsilon;
      const plus = lossAt();
      P.data[i] = saved - epsilon;
      const minus = lossAt();
      P.data[i] = saved;
      out[i] = (plus - minus) / (2 * epsilon);
    }
    return out;
  };

  const layers = probe.layers.map((layer, i) => ({
    dW: relativeError(dW[i].data, numericGradient(layer.W)),
    db: relativeError(db[i].data, numericGradient(layer.b)),
  }));
  return { layers, max: Math.max(...layers.map((e) => Math.max(e.dW, e.db))) };
}
