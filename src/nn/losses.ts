import type { Matrix } from './matrix';
import type { ActivationName, LossName } from './types';

/**
 * A loss ℓ of one sample with its derivative beside it. The batch loss is L = (1/m)·Σᵢ ℓᵢ.
 * Both are computed from Z[L] where the output activation allows it, so ln 0 is never taken.
 */
export interface Loss {
  /** The output activation this loss requires, or null if any (except where noted). */
  requiredOutput: ActivationName | null;
  /**
   * start + Σᵢ ℓᵢ over the m columns (the caller divides by m). The terms are added one by one to a
   * running sum that starts at `start` (default 0), so a set evaluated in column chunks, each
   * chunk's call starting from the previous call's result, gets the whole set's sum to the last bit
   * when the terms are added column by column: always for cce, and for mse and bce when nL = 1.
   */
  total(Z: Matrix, A: Matrix, Y: Matrix, start?: number): number;
  /** dA = ∂ℓᵢ/∂A[L] per sample (nL × m). */
  gradient(Z: Matrix, A: Matrix, Y: Matrix, dA: Matrix): void;
}

/** e^x is capped at e^700 ≈ 1e304 where a true value would overflow (only ∂ℓ/∂a of a saturated output). */
const MAX_EXPONENT = 700;

/** softplus(z) = ln(1 + e^z) = max(z, 0) + ln(1 + e^(−|z|)): never overflows. */
export function softplus(z: number): number {
  return Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
}

/** ln Σ_k e^(z_k) over column j of Z, computed as max + ln Σ e^(z_k − max). */
export function logSumExpColumn(Z: Matrix, j: number): number {
  const n = Z.rows, m = Z.cols, z = Z.data;
  let max = -Infinity;
  for (let i = 0; i < n; i++) max = Math.max(max, z[i * m + j]);
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.exp(z[i * m + j] - max);
  return max + Math.log(sum);
}

/** The table from name to implementation. */
export const losses: Record<LossName, Loss> = {
  mse: {
    requiredOutput: null,
    // ℓ = ½‖a − y‖²
    total(_Z, A, Y, start = 0) {
      const a = A.data, y = Y.data;
      // The running sum is of (a − y)²; halving and doubling are exact, so 2·start resumes it.
      let s = 2 * start;
      for (let i = 0; i < a.length; i++) s += (a[i] - y[i]) * (a[i] - y[i]);
      return s / 2;
    },
    // ∂ℓ/∂a = a − y
    gradient(_Z, A, Y, dA) {
      const a = A.data, y = Y.data, da = dA.data;
      for (let i = 0; i < a.length; i++) da[i] = a[i] - y[i];
    },
  },

  bce: {
    requiredOutput: 'sigmoid',
    // ℓ = −[y ln a + (1−y) ln(1−a)] with a = σ(z); ln σ(z) = −softplus(−z), ln(1−σ(z)) = −softplus(z),
    // so ℓ = y·softplus(−z) + (1−y)·softplus(z) = softplus(z) − y·z (summed over the outputs).
    total(Z, _A, Y, start = 0) {
      const z = Z.data, y = Y.data;
      let s = start;
      for (let i = 0; i < z.length; i++) s += softplus(z[i]) - y[i] * z[i];
      return s;
    },
    // ∂ℓ/∂a = −y/a + (1−y)/(1−a), with 1/a = 1 + e^(−z) and 1/(1−a) = 1 + e^z
    gradient(Z, _A, Y, dA) {
      const z = Z.data, y = Y.data, da = dA.data;
      for (let i = 0; i < z.length; i++) {
        const invA = 1 + Math.exp(Math.min(-z[i], MAX_EXPONENT));
        const invOneMinusA = 1 + Math.exp(Math.min(z[i], MAX_EXPONENT));
        da[i] = (y[i] === 0 ? 0 : -y[i] * invA) + (y[i] === 1 ? 0 : (1 - y[i]) * invOneMinusA);
      }
    },
  },

  cce: {
    requiredOutput: 'softmax',
    // ℓ = −Σ_k y_k ln a_k with ln a_k = z_k − ln Σ e^z, so ℓ = Σ_k y_k·(lse − z_k), per column
    total(Z, _A, Y, start = 0) {
      const n = Z.rows, m = Z.cols, z = Z.data, y = Y.data;
      let s = start;
      for (let j = 0; j < m; j++) {
        const lse = logSumExpColumn(Z, j);
        for (let k = 0; k < n; k++) if (y[k * m + j] !== 0) s += y[k * m + j] * (lse - z[k * m + j]);
      }
      return s;
    },
    // ∂ℓ/∂a_k = −y_k/a_k, with 1/a_k = e^(lse − z_k)
    gradient(Z, _A, Y, dA) {
      const n = Z.rows, m = Z.cols, z = Z.data, y = Y.data, da = dA.data;
      for (let j = 0; j < m; j++) {
        const lse = logSumExpColumn(Z, j);
        for (let k = 0; k < n; k++) {
          const i = k * m + j;
          da[i] = y[i] === 0 ? 0 : -y[i] * Math.exp(Math.min(lse - z[i], MAX_EXPONENT));
        }
      }
    },
  },
};

/** True where the output error simplifies to dZ[L] = A[L] − Y: sigmoid + bce and softmax + cce. */
export function hasSimplifiedOutputError(output: ActivationName, loss: LossName): boolean {
  return (output === 'sigmoid' && loss === 'bce') || (output === 'softmax' && loss === 'cce');
}
