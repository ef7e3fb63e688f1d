/**
 * The trained model as a self-describing JSON file, format 'backprop-lab-model' version 1:
 *
 * ```
 * { format: 'backprop-lab-model', version: 1, createdWith: 'Backprop Lab',
 *   network: { sizes: [n0, …, nL], hidden, output, loss, init, seed, updates },
 *   layers: [{ layer: l, activation, W: number[n[l]][n[l−1]] (row i = neuron i), b: number[n[l]] }, …],
 *   data: { id, name, featureNames (n0, in the order of X's rows), targetName, task, classes, outputSize,
 *           normalization: { kind, stats: [{ name, mean, std, min, max }, …] }, targetScale },
 *   settings: { hiddenLayers, hiddenActivation, …, seed, speed },
 *   evaluation: the latest train/test evaluation or null }
 * ```
 *
 * To predict a raw sample x (n0 values in featureNames order): normalise each x_f (z-score
 * (x_f − mean_f)/std_f, min–max (x_f − min_f)/(max_f − min_f), a zero spread divides by 1), then for
 * l = 1..L: z = W[l]·a + b[l], a = g_l(z). Binary: a is P(class = classes[1]); multiclass: a[k] is
 * P(classes[k]); regression: y = a·targetScale.std + targetScale.mean. Numbers are written with
 * full precision (they read back bit-identical); a non-finite number (after divergence) is written as null.
 */
import { createNetwork, Matrix, type ActivationName, type InitName, type LossName, type Network } from '../nn';
import type { LabDataset } from './dataset';
import type { EvaluationPoint } from './metrics';
import type { LabSettings } from './settings';

export const MODEL_FORMAT = 'backprop-lab-model';
export const MODEL_VERSION = 1;

/** One layer l: W is n[l] × n[l−1] as rows, b has n[l] entries. */
export interface ModelLayer {
  layer: number;
  activation: ActivationName;
  W: (number | null)[][];
  b: (number | null)[];
}

/** The model file (see the module comment). */
export interface ModelFile {
  format: typeof MODEL_FORMAT;
  version: typeof MODEL_VERSION;
  createdWith: string;
  network: { sizes: number[]; hidden: ActivationName; output: ActivationName; loss: LossName; init: InitName; seed: number; updates: number };
  layers: ModelLayer[];
  data: Pick<LabDataset, 'id' | 'name' | 'featureNames' | 'targetName' | 'task' | 'classes' | 'outputSize' | 'normalization' | 'targetScale'>;
  settings: LabSettings;
  evaluation: EvaluationPoint | null;
}

const finite = (x: number): number | null => (Number.isFinite(x) ? x : null);

/** The rows of M (rows × cols) as nested arrays. */
export function matrixRows(M: Matrix): (number | null)[][] {
  return Array.from({ length: M.rows }, (_, i) => Array.from(M.data.subarray(i * M.cols, (i + 1) * M.cols), finite));
}

/** The model file object of a network trained on a dataset with these settings. */
export function modelFile(network: Network, dataset: LabDataset, settings: LabSettings, evaluation: EvaluationPoint | null = null): ModelFile {
  const { sizes, hidden, output, loss, init, seed } = network.config;
  const { id, name, featureNames, targetName, task, classes, outputSize, normalization, targetScale } = dataset;
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    createdWith: 'Backprop Lab',
    network: { sizes: [...sizes], hidden, output, loss, init, seed, updates: network.updates },
    layers: network.layers.map((layer, i) => ({
      layer: i + 1,
      activation: layer.activation,
      W: matrixRows(layer.W),
      b: Array.from(layer.b.data, finite),
    })),
    data: { id, name, featureNames: [...featureNames], targetName, task, classes: [...classes], outputSize, normalization, targetScale },
    settings: { ...settings, hiddenLayers: [...settings.hiddenLayers] },
    evaluation,
  };
}

/** The model file as JSON text: two-space indentation, but every array of numbers on one line. */
export function modelJson(model: ModelFile): string {
  return `${pretty(model, '')}\n`;
}

function pretty(value: unknown, indent: string): string {
  if (Array.isArray(value)) {
    if (value.every((v) => v === null || typeof v === 'number')) return `[${value.map((v) => JSON.stringify(v)).join(', ')}]`;
    const inner = indent + '  ';
    return value.length === 0 ? '[]' : `[\n${value.map((v) => inner + pretty(v, inner)).join(',\n')}\n${indent}]`;
  }
  if (value !== null && typeof value === 'object') {
    const inner = indent + '  ';
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return `{\n${entries.map(([k, v]) => `${inner}${JSON.stringify(k)}: ${pretty(v, inner)}`).join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * A model file's text → the file object and a network with its weights (the inverse of modelJson).
 * Throws an Error saying what is wrong when the text is not a version-1 model file.
 */
export function readModelJson(text: string): { model: ModelFile; network: Network } {
  const model = JSON.parse(text) as ModelFile;
  if (model?.format !== MODEL_FORMAT) throw new Error(`Not a ${MODEL_FORMAT} file.`);
  if (model.version !== MODEL_VERSION) throw new Error(`Unsupported ${MODEL_FORMAT} version ${String(model.version)} (this lab reads version ${MODEL_VERSION}).`);
  const { sizes, hidden, output, loss, init, seed, updates } = model.network;
  const network = createNetwork({ sizes, hidden, output, loss, init, seed });
  network.updates = updates;
  if (model.layers.length !== network.layers.length) throw new Error(`The file has ${model.layers.length} layers; sizes [${sizes.join(', ')}] need ${network.layers.length}.`);
  network.layers.forEach((layer, i) => {
    fill(layer.W, model.layers[i].W.flat(), `W[${i + 1}]`);
    fill(layer.b, model.layers[i].b, `b[${i + 1}]`);
  });
  return { model, network };
}

function fill(M: Matrix, values: (number | null)[], name: string): void {
  if (values.length !== M.data.length) throw new Error(`${name} has ${values.length} numbers; ${M.rows}×${M.cols} needs ${M.data.length}.`);
  values.forEach((v, k) => { M.data[k] = v ?? Number.NaN; });
}
