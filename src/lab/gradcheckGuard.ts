import { evaluate, type Matrix, type Network } from '../nn';

/** Beyond this largest |w| the network has exploded: central differences with ε = 10⁻⁵ mean nothing. */
export const EXPLODED_WEIGHT = 1e6;

/** max |θ| over every W[l] and b[l] (∞ when any entry is NaN or infinite). */
export function largestWeight(network: Network): number {
  let max = 0;
  for (const layer of network.layers) {
    for (const M of [layer.W, layer.b]) {
      for (const v of M.data) {
        const abs = Math.abs(v);
        if (!Number.isFinite(abs)) return Infinity;
        if (abs > max) max = abs;
      }
    }
  }
  return max;
}

/** 1.2e152 (no "+"), ∞ for infinity, plain digits below 10⁴. */
const magnitude = (x: number) =>
  !Number.isFinite(x) ? '∞' : x >= 1e4 ? x.toExponential(1).replace('e+', 'e') : String(Number(x.toPrecision(2)));

/**
 * Why a gradient check would mislead here, or null when it is meaningful: the lab has diverged, the
 * largest |w| exceeds EXPLODED_WEIGHT, or the loss L(θ) on the checked columns is not finite. Students
 * would read "suspicious" relative errors there as a backpropagation bug, when it is floating point.
 */
export function gradcheckObstacle(inputs: { network: Network; X: Matrix; Y: Matrix }, diverged: boolean): string | null {
  const maxW = largestWeight(inputs.network);
  const tail = 'finite differences are meaningless here — lower the learning rate and reset.';
  if (maxW > EXPLODED_WEIGHT) return `The weights have exploded (largest |w| ≈ ${magnitude(maxW)}): ${tail}`;
  const loss = evaluate(inputs.network, inputs.X, inputs.Y).loss;
  if (diverged || !Number.isFinite(loss)) {
    return `Training has diverged (${Number.isFinite(loss) ? 'the loss has blown up' : 'the loss is not finite'}; largest |w| ≈ ${magnitude(maxW)}): ${tail}`;
  }
  return null;
}
