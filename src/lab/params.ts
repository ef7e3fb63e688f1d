/** The parameters (W[l], b[l]) of every layer, as the diagram draws them. */
import { Matrix, type Network } from '../nn';

/** One (W, b) per layer l = 1..L, at index l − 1: W is n[l] × n[l−1], b is n[l] × 1. */
export type Params = { W: Matrix; b: Matrix }[];

/** The network's live parameters (views: they change as the network trains). */
export function networkParams(network: Network): Params {
  return network.layers.map((layer) => ({ W: layer.W, b: layer.b }));
}

/** A deep copy of parameters. */
export function cloneParams(params: Params): Params {
  return params.map(({ W, b }) => ({ W: copy(W), b: copy(b) }));
}

function copy(m: Matrix): Matrix {
  return new Matrix(m.rows, m.cols, Float64Array.from(m.data));
}

/** True when every weight and bias of the network is a finite number (no NaN, no ±∞). */
export function networkIsFinite(network: Network): boolean {
  for (const layer of network.layers) {
    if (!allFinite(layer.W.data) || !allFinite(layer.b.data)) return false;
  }
  return true;
}

function allFinite(values: Float64Array): boolean {
  for (let k = 0; k < values.length; k++) {
    // v − v is 0 for finite v and NaN for NaN and ±∞: one comparison per value.
    if (values[k] - values[k] !== 0) return false;
  }
  return true;
}
