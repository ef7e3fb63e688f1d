import type { Matrix } from './matrix';
import type { ActivationName } from './types';

/**
 * An activation g with its derivative beside it. Both work on whole n × m matrices so the loops
 * stay tight; `value`/`derivative` give the same maths for one element (not for softmax).
 */
export interface Activation {
  /** A = g(Z), element-wise (softmax: per column). */
  forward(Z: Matrix, A: Matrix): void;
  /** dZ = dA ⊙ g′(Z), from Z and A = g(Z)  (softmax: dZ = Jᵀ·dA per column). */
  backward(Z: Matrix, A: Matrix, dA: Matrix, dZ: Matrix): void;
  /** g(z) for one element. */
  value(z: number): number;
  /** g′(z) for one element, given z and a = g(z). */
  derivative(z: number, a: number): number;
}

/** Slope of leakyRelu for z ≤ 0. */
export const LEAKY_SLOPE = 0.01;

/**
 * σ(z) = 1/(1 + e^(−z)). Stable as written for any z: for z ≪ 0, e^(−z) overflows to +∞ and
 * 1/∞ = 0 exactly; for z ≫ 0, e^(−z) = 0 and σ = 1. Never NaN, no branch in the hot loop.
 */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}

/** The table from name to implementation; settings and URLs store the name. */
export const activations: Record<ActivationName, Activation> = {
  sigmoid: {
    // g(z) = σ(z)
    forward(Z, A) {
      const z = Z.data, a = A.data;
      for (let i = 0; i < z.length; i++) a[i] = sigmoid(z[i]);
    },
    // g′(z) = σ(z)(1 − σ(z)) = a(1 − a)
    backward(_Z, A, dA, dZ) {
      const a = A.data, da = dA.data, dz = dZ.data;
      for (let i = 0; i < a.length; i++) dz[i] = da[i] * a[i] * (1 - a[i]);
    },
    value: sigmoid,
    derivative: (_z, a) => a * (1 - a),
  },

  tanh: {
    // g(z) = tanh z
    forward(Z, A) {
      const z = Z.data, a = A.data;
      for (let i = 0; i < z.length; i++) a[i] = Math.tanh(z[i]);
    },
    // g′(z) = 1 − tanh² z = 1 − a²
    backward(_Z, A, dA, dZ) {
      const a = A.data, da = dA.data, dz = dZ.data;
      for (let i = 0; i < a.length; i++) dz[i] = da[i] * (1 - a[i] * a[i]);
    },
    value: Math.tanh,
    derivative: (_z, a) => 1 - a * a,
  },

  relu: {
    // g(z) = max(0, z)
    forward(Z, A) {
      const z = Z.data, a = A.data;
      for (let i = 0; i < z.length; i++) a[i] = z[i] > 0 ? z[i] : 0;
    },
    // g′(z) = 1 if z > 0 else 0 (0 at the kink z = 0)
    backward(Z, _A, dA, dZ) {
      const z = Z.data, da = dA.data, dz = dZ.data;
      for (let i = 0; i < z.length; i++) dz[i] = z[i] > 0 ? da[i] : 0;
    },
    value: (z) => (z > 0 ? z : 0),
    derivative: (z) => (z > 0 ? 1 : 0),
  },

  leakyRelu: {
    // g(z) = z if z > 0 else 0.01·z
    forward(Z, A) {
      const z = Z.data, a = A.data;
      for (let i = 0; i < z.length; i++) a[i] = z[i] > 0 ? z[i] : LEAKY_SLOPE * z[i];
    },
    // g′(z) = 1 if z > 0 else 0.01
    backward(Z, _A, dA, dZ) {
      const z = Z.data, da = dA.data, dz = dZ.data;
      for (let i = 0; i < z.length; i++) dz[i] = z[i] > 0 ? da[i] : LEAKY_SLOPE * da[i];
    },
    value: (z) => (z > 0 ? z : LEAKY_SLOPE * z),
    derivative: (z) => (z > 0 ? 1 : LEAKY_SLOPE),
  },

  linear: {
    // g(z) = z
    forward(Z, A) {
      A.data.set(Z.data);
    },
    // g′(z) = 1
    backward(_Z, _A, dA, dZ) {
      dZ.data.set(dA.data);
    },
    value: (z) => z,
    derivative: () => 1,
  },

  softmax: {
    // a_i = e^(z_i − max z) / Σ_k e^(z_k − max z), per column; subtracting the max keeps every e^x ≤ 1.
    forward(Z, A) {
      const n = Z.rows, m = Z.cols, z = Z.data, a = A.data;
      for (let j = 0; j < m; j++) {
        let max = -Infinity;
        for (let i = 0; i < n; i++) max = Math.max(max, z[i * m + j]);
        let sum = 0;
        for (let i = 0; i < n; i++) {
          const e = Math.exp(z[i * m + j] - max);
          a[i * m + j] = e;
          sum += e;
        }
        for (let i = 0; i < n; i++) a[i * m + j] /= sum;
      }
    },
    // ∂a_k/∂z_i = a_k(δ_ki − a_i), so dz_i = Σ_k dA_k·a_k(δ_ki − a_i) = a_i·(dA_i − Σ_k a_k·dA_k)
    backward(_Z, A, dA, dZ) {
      const n = A.rows, m = A.cols, a = A.data, da = dA.data, dz = dZ.data;
      for (let j = 0; j < m; j++) {
        let dot = 0;
        for (let k = 0; k < n; k++) dot += a[k * m + j] * da[k * m + j];
        for (let i = 0; i < n; i++) dz[i * m + j] = a[i * m + j] * (da[i * m + j] - dot);
      }
    },
    value: () => {
      throw new Error('softmax is defined on a whole column, not on one element');
    },
    // The diagonal of the Jacobian, ∂a_i/∂z_i = a_i(1 − a_i); the full Jacobian is used in backward.
    derivative: (_z, a) => a * (1 - a),
  },
};
