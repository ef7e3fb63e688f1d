import { activations } from './activations';
import { defaultInit, initWeights } from './init';
import { losses } from './losses';
import { Matrix } from './matrix';
import { createRng } from './rng';
import type { ActivationName, Network, NetworkConfig, OptimizerLayerState } from './types';

/** Seed used when the config gives none. */
export const DEFAULT_SEED = 1;

/**
 * Checks sizes and the pairing of output and loss: bce needs a sigmoid output, cce a softmax
 * output, and softmax may only be the output activation. Throws an Error saying what to change.
 */
export function validateConfig(config: NetworkConfig): void {
  const { sizes, hidden, output, loss } = config;
  if (!Array.isArray(sizes) || sizes.length < 2) throw new Error(`createNetwork: sizes must list at least inputs and outputs, got [${String(sizes)}]`);
  for (const n of sizes) {
    if (!Number.isInteger(n) || n < 1) throw new Error(`createNetwork: every size must be a positive integer, got [${sizes.join(', ')}]`);
  }
  for (const [role, name] of [['hidden', hidden], ['output', output]] as const) {
    if (!(name in activations)) throw new Error(`createNetwork: unknown ${role} activation '${name}'`);
  }
  if (!(loss in losses)) throw new Error(`createNetwork: unknown loss '${loss}'`);
  if (config.init !== undefined && !['xavier', 'he', 'small'].includes(config.init)) throw new Error(`createNetwork: unknown init '${config.init}'`);
  if (hidden === 'softmax') throw new Error('createNetwork: softmax can only be the output activation; choose another hidden activation');
  const required = losses[loss].requiredOutput;
  if (required !== null && output !== required) {
    throw new Error(`createNetwork: the ${loss} loss needs a ${required} output layer, got ${output}`);
  }
}

/**
 * A fully connected network n0 → n1 → … → nL: hidden layers use config.hidden, the last layer
 * config.output. W[l] (n[l] × n[l-1]) is drawn by config.init (default: he for relu/leakyRelu,
 * else xavier) from createRng(config.seed ?? 1), layer by layer, row by row; b[l] = 0.
 */
export function createNetwork(config: NetworkConfig): Network {
  validateConfig(config);
  const resolved: Required<NetworkConfig> = {
    sizes: [...config.sizes],
    hidden: config.hidden,
    output: config.output,
    loss: config.loss,
    init: config.init ?? defaultInit(config.hidden),
    seed: config.seed ?? DEFAULT_SEED,
  };
  const random = createRng(resolved.seed);
  const { sizes } = resolved;
  const L = sizes.length - 1;
  const layers = [];
  for (let l = 1; l <= L; l++) {
    const activation: ActivationName = l === L ? resolved.output : resolved.hidden;
    layers.push({ W: initWeights(resolved.init, sizes[l], sizes[l - 1], random), b: new Matrix(sizes[l], 1), activation });
  }
  return { config: resolved, layers, updates: 0, optimizer: null };
}

/** `source` copied into `into` when it has the same shape (no new buffer), else a new copy. */
function copyMatrix(source: Matrix, into: Matrix | undefined): Matrix {
  if (!into || into.rows !== source.rows || into.cols !== source.cols) return source.clone();
  into.data.set(source.data);
  return into;
}

function cloneLayerState(state: OptimizerLayerState, into: OptimizerLayerState | undefined): OptimizerLayerState {
  const out: OptimizerLayerState = {};
  for (const key of ['velocityW', 'velocityB', 'momentW', 'momentB', 'secondW', 'secondB'] as const) {
    const m = state[key];
    if (m) out[key] = copyMatrix(m, into?.[key]);
  }
  return out;
}

/**
 * A deep copy: parameters, optimiser state and update count (not the scratch buffers). With `reuse`, a
 * copy no one reads any more (e.g. of a batch that left the history), its matrices of the same shapes
 * are written instead of new ones: the same copy, without allocating a network's worth of buffers
 * (play keeps one copy per batch).
 */
export function cloneNetwork(network: Network, reuse: Network | null = null): Network {
  const old = reuse && reuse.layers.length === network.layers.length ? reuse : null;
  return {
    config: { ...network.config, sizes: [...network.config.sizes] },
    layers: network.layers.map((layer, i) => ({ W: copyMatrix(layer.W, old?.layers[i].W), b: copyMatrix(layer.b, old?.layers[i].b), activation: layer.activation })),
    updates: network.updates,
    optimizer: network.optimizer && {
      name: network.optimizer.name,
      t: network.optimizer.t,
      layers: network.optimizer.layers.map((state, i) => cloneLayerState(state, old?.optimizer?.layers[i])),
    },
  };
}
