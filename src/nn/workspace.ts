import { Matrix } from './matrix';
import type { Network, StepRecord } from './types';

/**
 * Scratch buffers for one batch size m: Z[l], A[l] (and for training dA[l], dZ[l]), each n[l] × m,
 * at index l − 1. Reused step after step, so training allocates nothing in steady state.
 */
export interface Workspace {
  m: number;
  Z: Matrix[];
  A: Matrix[];
  dA: Matrix[];
  dZ: Matrix[];
  /** The record trainStep fills and returns for this batch size (built on first use). */
  record: StepRecord | null;
}

/** Per-network buffers: workspaces by batch size, and parameter-shaped gradients and copies. */
interface NetworkBuffers {
  training: Map<number, Workspace>;
  inference: Map<number, Workspace>;
  /** dW[l], db[l] of the last step, at index l − 1. */
  dW: Matrix[];
  db: Matrix[];
  /** W[l], b[l] as they were before the last update (for the record). */
  WBefore: Matrix[];
  bBefore: Matrix[];
}

/** How many batch sizes keep their buffers (e.g. full batch, last partial batch, train and test sets). */
const MAX_CACHED_SIZES = 4;

// Kept beside the network rather than on it, so the Network stays plain data (clonable, serialisable).
const buffersOf = new WeakMap<Network, NetworkBuffers>();

function networkBuffers(network: Network): NetworkBuffers {
  let buffers = buffersOf.get(network);
  if (!buffers) {
    const like = (m: Matrix) => new Matrix(m.rows, m.cols);
    buffers = {
      training: new Map(),
      inference: new Map(),
      dW: network.layers.map((layer) => like(layer.W)),
      db: network.layers.map((layer) => like(layer.b)),
      WBefore: network.layers.map((layer) => like(layer.W)),
      bBefore: network.layers.map((layer) => like(layer.b)),
    };
    buffersOf.set(network, buffers);
  }
  return buffers;
}

function workspaceFrom(cache: Map<number, Workspace>, network: Network, m: number, withGradients: boolean): Workspace {
  let ws = cache.get(m);
  if (!ws) {
    if (cache.size >= MAX_CACHED_SIZES) cache.delete(cache.keys().next().value as number);
    const shaped = () => network.layers.map((layer) => new Matrix(layer.W.rows, m));
    ws = { m, Z: shaped(), A: shaped(), dA: withGradients ? shaped() : [], dZ: withGradients ? shaped() : [], record: null };
    cache.set(m, ws);
  }
  return ws;
}

/** The training workspace of this network for batch size m (Z, A, dA, dZ). */
export function trainingWorkspace(network: Network, m: number): Workspace {
  return workspaceFrom(networkBuffers(network).training, network, m, true);
}

/** The inference workspace for m columns (Z, A only); separate so predict/evaluate never overwrite a step record. */
export function inferenceWorkspace(network: Network, m: number): Workspace {
  return workspaceFrom(networkBuffers(network).inference, network, m, false);
}

/** The gradient buffers dW[l], db[l] and the before-update copies W[l], b[l] of this network. */
export function parameterBuffers(network: Network): Pick<NetworkBuffers, 'dW' | 'db' | 'WBefore' | 'bBefore'> {
  return networkBuffers(network);
}
