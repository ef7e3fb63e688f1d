import { Matrix } from './matrix';
import type { Layer, OptimizerLayerState, OptimizerName } from './types';

/** Momentum's β. */
export const MOMENTUM_BETA = 0.9;
/** Adam's β1, β2 and ε. */
export const ADAM_BETA1 = 0.9;
export const ADAM_BETA2 = 0.999;
export const ADAM_EPSILON = 1e-8;

/** An optimiser: its per-layer memory and its update rule, applied to W with dW and to b with db. */
export interface Optimizer {
  /** The state of one layer at the start: zeros shaped like W and b. */
  initLayerState(W: Matrix, b: Matrix): OptimizerLayerState;
  /** Updates layer.W and layer.b in place; t ≥ 1 is this update's count (Adam's t). */
  updateLayer(layer: Layer, dW: Matrix, db: Matrix, state: OptimizerLayerState, learningRate: number, t: number): void;
}

// P ← P − η·dP
function sgdUpdate(P: Float64Array, dP: Float64Array, learningRate: number): void {
  for (let i = 0; i < P.length; i++) P[i] -= learningRate * dP[i];
}

// V ← β·V + dP;  P ← P − η·V
function momentumUpdate(P: Float64Array, dP: Float64Array, V: Float64Array, learningRate: number): void {
  for (let i = 0; i < P.length; i++) {
    V[i] = MOMENTUM_BETA * V[i] + dP[i];
    P[i] -= learningRate * V[i];
  }
}

// M ← β1·M + (1−β1)·dP;  S ← β2·S + (1−β2)·dP⊙dP;  P ← P − η·M̂/(√Ŝ + ε), M̂ = M/(1−β1ᵗ), Ŝ = S/(1−β2ᵗ)
function adamUpdate(P: Float64Array, dP: Float64Array, M: Float64Array, S: Float64Array, learningRate: number, t: number): void {
  const correction1 = 1 - powInt(ADAM_BETA1, t);
  const correction2 = 1 - powInt(ADAM_BETA2, t);
  for (let i = 0; i < P.length; i++) {
    M[i] = ADAM_BETA1 * M[i] + (1 - ADAM_BETA1) * dP[i];
    S[i] = ADAM_BETA2 * S[i] + (1 - ADAM_BETA2) * dP[i] * dP[i];
    P[i] -= (learningRate * (M[i] / correction1)) / (Math.sqrt(S[i] / correction2) + ADAM_EPSILON);
  }
}

/**
 * baseᵗ by repeated squaring: only IEEE multiplications, so the result is the same in every
 * JavaScript engine (Math.pow is not required to be).
 */
export function powInt(base: number, t: number): number {
  let result = 1;
  let b = base;
  for (let e = t; e > 0; e = Math.floor(e / 2)) {
    if (e % 2 === 1) result *= b;
    b *= b;
  }
  return result;
}

const zerosLike = (a: Matrix): Matrix => new Matrix(a.rows, a.cols);

/** The table from name to implementation. */
export const optimizers: Record<OptimizerName, Optimizer> = {
  sgd: {
    initLayerState: () => ({}),
    updateLayer(layer, dW, db, _state, learningRate) {
      sgdUpdate(layer.W.data, dW.data, learningRate);
      sgdUpdate(layer.b.data, db.data, learningRate);
    },
  },
  momentum: {
    initLayerState: (W, b) => ({ velocityW: zerosLike(W), velocityB: zerosLike(b) }),
    updateLayer(layer, dW, db, state, learningRate) {
      momentumUpdate(layer.W.data, dW.data, state.velocityW!.data, learningRate);
      momentumUpdate(layer.b.data, db.data, state.velocityB!.data, learningRate);
    },
  },
  adam: {
    initLayerState: (W, b) => ({ momentW: zerosLike(W), momentB: zerosLike(b), secondW: zerosLike(W), secondB: zerosLike(b) }),
    updateLayer(layer, dW, db, state, learningRate, t) {
      adamUpdate(layer.W.data, dW.data, state.momentW!.data, state.secondW!.data, learningRate, t);
      adamUpdate(layer.b.data, db.data, state.momentB!.data, state.secondB!.data, learningRate, t);
    },
  },
};
