import { activations } from './activations';
import { hasSimplifiedOutputError, losses } from './losses';
import { affineInto, matMulTransposeAInto, matMulTransposeBInto, shapeOf, sumColumnsInto, sumOfSquares, type Matrix } from './matrix';
import type { Network } from './types';
import type { Workspace } from './workspace';

/** Throws a RangeError naming both shapes unless X is n0 × m (and Y, if given, nL × m) with m ≥ 1. */
export function checkBatch(op: string, network: Network, X: Matrix, Y?: Matrix): void {
  const sizes = network.config.sizes;
  const n0 = sizes[0], nL = sizes[sizes.length - 1];
  if (X.rows !== n0) throw new RangeError(`${op}: X ${shapeOf(X)} must have ${n0} rows (one per input feature) for a network ${sizes.join('-')}`);
  if (X.cols < 1) throw new RangeError(`${op}: X ${shapeOf(X)} has no samples (columns)`);
  if (!Y) return;
  if (Y.rows !== nL || Y.cols !== X.cols) {
    throw new RangeError(`${op}: X ${shapeOf(X)} and Y ${shapeOf(Y)}: Y must be (${nL}×${X.cols}), one column per sample of X`);
  }
}

/**
 * The forward pass into ws, layer by layer:
 *   Z[l] = W[l]·A[l-1] + b[l]   (n[l] × m),   A[l] = g(Z[l])   (n[l] × m),   A[0] = X.
 */
export function forward(network: Network, X: Matrix, ws: Workspace): void {
  const { layers } = network;
  for (let l = 1; l <= layers.length; l++) {
    const layer = layers[l - 1];
    const Aprev = l === 1 ? X : ws.A[l - 2];
    affineInto(layer.W, Aprev, layer.b, ws.Z[l - 1]);
    activations[layer.activation].forward(ws.Z[l - 1], ws.A[l - 1]);
  }
}

/** Data loss of the batch after a forward pass: L_data = (1/m)·Σᵢ ℓᵢ. */
export function dataLoss(network: Network, ws: Workspace, Y: Matrix): number {
  const L = network.layers.length;
  return losses[network.config.loss].total(ws.Z[L - 1], ws.A[L - 1], Y) / ws.m;
}

/** L2 penalty λ/(2m)·Σ_l ‖W[l]‖²_F (0 when λ = 0; biases are not decayed). */
export function l2Penalty(network: Network, l2: number, m: number): number {
  if (l2 === 0) return 0;
  let s = 0;
  for (const layer of network.layers) s += sumOfSquares(layer.W);
  return (l2 / (2 * m)) * s;
}

/**
 * The backward pass after `forward`, into ws.dA, ws.dZ and the gradient buffers dW, db
 * (index l − 1 for layer l). Per-sample errors; the 1/m average happens in dW and db.
 */
export function backward(network: Network, X: Matrix, Y: Matrix, ws: Workspace, l2: number, dW: Matrix[], db: Matrix[]): void {
  const { layers } = network;
  const L = layers.length;
  const m = ws.m;
  const { Z, A, dA, dZ } = ws;

  // dA[L] = ∂ℓ/∂A[L]   (nL × m)
  losses[network.config.loss].gradient(Z[L - 1], A[L - 1], Y, dA[L - 1]);
  if (hasSimplifiedOutputError(network.config.output, network.config.loss)) {
    // dZ[L] = A[L] − Y   (nL × m): σ′ or the softmax Jacobian cancels the loss derivative's denominator
    const a = A[L - 1].data, y = Y.data, dz = dZ[L - 1].data;
    for (let i = 0; i < dz.length; i++) dz[i] = a[i] - y[i];
  } else {
    // dZ[L] = dA[L] ⊙ g′(Z[L])   (softmax: Jᵀ·dA per column)
    activations[network.config.output].backward(Z[L - 1], A[L - 1], dA[L - 1], dZ[L - 1]);
  }

  for (let l = L; l >= 1; l--) {
    const layer = layers[l - 1];
    const Aprev = l === 1 ? X : A[l - 2];
    // dW[l] = (1/m)·dZ[l]·A[l-1]ᵀ + (λ/m)·W[l]   (n[l] × n[l-1])
    matMulTransposeBInto(dZ[l - 1], Aprev, dW[l - 1], 1 / m);
    if (l2 !== 0) {
      const g = dW[l - 1].data, w = layer.W.data, decay = l2 / m;
      for (let i = 0; i < g.length; i++) g[i] += decay * w[i];
    }
    // db[l] = (1/m)·Σ_columns dZ[l]   (n[l] × 1)
    sumColumnsInto(dZ[l - 1], db[l - 1], 1 / m);
    if (l === 1) break;
    // dA[l-1] = W[l]ᵀ·dZ[l]   (n[l-1] × m)
    matMulTransposeAInto(layer.W, dZ[l - 1], dA[l - 2]);
    // dZ[l-1] = dA[l-1] ⊙ g′(Z[l-1])   (n[l-1] × m)
    activations[layers[l - 2].activation].backward(Z[l - 2], A[l - 2], dA[l - 2], dZ[l - 2]);
  }
}
