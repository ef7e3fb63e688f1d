import { Matrix } from './matrix';
import type { ActivationName, InitName } from './types';

/**
 * Half-width r of the uniform range U(−r, r) the weights of a layer with fan_in = n[l-1] inputs
 * and fan_out = n[l] outputs are drawn from:
 * - xavier (Glorot uniform): r = √(6 / (fan_in + fan_out)), keeps the variance of Z about that of A
 *   for sigmoid / tanh / linear;
 * - he (He uniform): r = √(6 / fan_in), variance 2/fan_in, for relu / leakyRelu;
 * - small: r = 0.5.
 */
export function initRange(init: InitName, fanIn: number, fanOut: number): number {
  switch (init) {
    case 'xavier': return Math.sqrt(6 / (fanIn + fanOut));
    case 'he': return Math.sqrt(6 / fanIn);
    case 'small': return 0.5;
  }
}

/** Default init: he for relu / leakyRelu hidden layers, else xavier. */
export function defaultInit(hidden: ActivationName): InitName {
  return hidden === 'relu' || hidden === 'leakyRelu' ? 'he' : 'xavier';
}

/**
 * W (fanOut × fanIn) with entries U(−r, r) drawn row by row from `random`, r from initRange.
 * Biases are not drawn: they start at 0.
 */
export function initWeights(init: InitName, fanOut: number, fanIn: number, random: () => number): Matrix {
  const r = initRange(init, fanIn, fanOut);
  const W = new Matrix(fanOut, fanIn);
  for (let i = 0; i < W.data.length; i++) W.data[i] = (2 * random() - 1) * r;
  return W;
}
