/**
 * The lab's settings: one typed store that serialises to and from a plain object of strings through a
 * typed table of codecs (one per key), so a URL can carry it later. Which output activation and loss
 * are offered depends on the dataset's task.
 */
import type { TaskKind } from '../data';
import type { ActivationName, InitName, LossName, OptimizerName } from '../nn/types';
import { enumCodec, intCodec, intListCodec, realCodec, type Codec } from './codecs';

/** What the dataset asks the network to learn: the data layer's TaskKind. */
export type Task = TaskKind;

/** Activations offered for hidden layers (softmax belongs to the output layer only). */
export type HiddenActivation = Exclude<ActivationName, 'softmax'>;
export const HIDDEN_ACTIVATIONS: readonly HiddenActivation[] = ['sigmoid', 'tanh', 'relu', 'leakyRelu', 'linear'];
export const OUTPUT_ACTIVATIONS: readonly ActivationName[] = ['sigmoid', 'softmax', 'linear', 'tanh', 'relu', 'leakyRelu'];
export const LOSSES: readonly LossName[] = ['bce', 'cce', 'mse'];
export const INITS: readonly InitName[] = ['xavier', 'he', 'small'];
export const OPTIMIZERS: readonly OptimizerName[] = ['sgd', 'momentum', 'adam'];

/** Play speeds: 'equation' walks one equation every half second; the others train batches. */
export type PlaySpeed = 'equation' | 'slow' | 'normal' | 'max';
export const PLAY_SPEEDS: readonly PlaySpeed[] = ['equation', 'slow', 'normal', 'max'];

/** Limits of the architecture and the learning-rate slider. */
export const LIMITS = {
  maxHiddenLayers: 6,
  minNeurons: 1,
  maxNeurons: 32,
  minLearningRate: 1e-4,
  /** 100, so a teacher can show divergence on Occupancy (η = 10 still trains there; see divergence.ts). */
  maxLearningRate: 100,
  maxBatchSize: 1_000_000,
  maxL2: 10,
  maxSeed: 0xffffffff,
} as const;

/**
 * Every setting of a session. The network is sizes = [n0, ...hiddenLayers, outputs], where n0 and the
 * outputs come from the dataset. learningRate is η, l2 is λ, batchSize is m (capped at the train rows).
 */
export interface LabSettings {
  hiddenLayers: number[];
  hiddenActivation: HiddenActivation;
  outputActivation: ActivationName;
  loss: LossName;
  init: InitName;
  optimizer: OptimizerName;
  learningRate: number;
  batchSize: number;
  l2: number;
  seed: number;
  speed: PlaySpeed;
}

/** A settings key. */
export type SettingKey = keyof LabSettings;

/** The codec of each key: the typed table that a URL (or any plain object) goes through. */
export const SETTINGS_CODECS: { readonly [K in SettingKey]: Codec<LabSettings[K]> } = {
  hiddenLayers: intListCodec(LIMITS.minNeurons, LIMITS.maxNeurons, 0, LIMITS.maxHiddenLayers),
  hiddenActivation: enumCodec(HIDDEN_ACTIVATIONS),
  outputActivation: enumCodec(OUTPUT_ACTIVATIONS),
  loss: enumCodec(LOSSES),
  init: enumCodec(INITS),
  optimizer: enumCodec(OPTIMIZERS),
  learningRate: realCodec(LIMITS.minLearningRate, LIMITS.maxLearningRate),
  batchSize: intCodec(1, LIMITS.maxBatchSize),
  l2: realCodec(0, LIMITS.maxL2),
  seed: intCodec(0, LIMITS.maxSeed),
  speed: enumCodec(PLAY_SPEEDS),
};

const SETTING_KEYS = Object.keys(SETTINGS_CODECS) as SettingKey[];

/**
 * The defaults. 5-8-8-1 with tanh and plain SGD at η = 0.1 keeps every matrix small enough to read on
 * screen and reaches ≥ 97 % train / ≥ 95 % test accuracy on Occupancy in three epochs of batch 50
 * (measured in session.occupancy.test.ts).
 */
export const DEFAULT_SETTINGS: Readonly<LabSettings> = Object.freeze({
  hiddenLayers: [8, 8],
  hiddenActivation: 'tanh',
  outputActivation: 'sigmoid',
  loss: 'bce',
  init: 'xavier',
  optimizer: 'sgd',
  learningRate: 0.1,
  batchSize: 50,
  l2: 0,
  seed: 42,
  speed: 'max',
} satisfies LabSettings);

/** A fresh, mutable copy of the defaults. */
export function defaultSettings(): LabSettings {
  return { ...DEFAULT_SETTINGS, hiddenLayers: [...DEFAULT_SETTINGS.hiddenLayers] };
}

/** Keys whose change rebuilds the network (and so resets the session). The others apply from the next batch. */
export const RESETTING_KEYS: ReadonlySet<SettingKey> = new Set<SettingKey>([
  'hiddenLayers', 'hiddenActivation', 'outputActivation', 'loss', 'init', 'optimizer', 'seed',
]);

/** Settings → plain object of strings, one per key (e.g. { hiddenLayers: '8-8', learningRate: '0.1', … }). */
export function settingsToPlain(settings: LabSettings): Record<SettingKey, string> {
  const out = {} as Record<SettingKey, string>;
  for (const key of SETTING_KEYS) out[key] = encodeKey(key, settings[key]);
  return out;
}

function encodeKey<K extends SettingKey>(key: K, value: LabSettings[K]): string {
  return SETTINGS_CODECS[key].encode(value);
}

/** One refused value of a plain object: which key and why. */
export interface SettingError { key: string; message: string }

/**
 * Plain object → settings. Missing keys keep `base`; bad values keep `base` too and are reported;
 * unknown keys are ignored (a URL may carry other things). Never throws.
 */
export function settingsFromPlain(plain: Readonly<Record<string, unknown>>, base: Readonly<LabSettings> = DEFAULT_SETTINGS): { settings: LabSettings; errors: SettingError[] } {
  const settings: LabSettings = { ...base, hiddenLayers: [...base.hiddenLayers] };
  const errors: SettingError[] = [];
  for (const key of SETTING_KEYS) {
    if (!(key in plain) || plain[key] === undefined) continue;
    const message = decodeInto(settings, key, plain[key]);
    if (message) errors.push({ key, message: `${key}: ${message}` });
  }
  return { settings, errors };
}

function decodeInto<K extends SettingKey>(settings: LabSettings, key: K, raw: unknown): string | null {
  const decoded = SETTINGS_CODECS[key].decode(raw);
  if (!decoded.ok) return decoded.error;
  settings[key] = decoded.value;
  return null;
}

/** The output activation and loss suggested for a task: binary → sigmoid + bce, multiclass → softmax + cce, regression → linear + mse. */
export function defaultHead(task: Task): { outputActivation: ActivationName; loss: LossName } {
  if (task === 'binary') return { outputActivation: 'sigmoid', loss: 'bce' };
  if (task === 'multiclass') return { outputActivation: 'softmax', loss: 'cce' };
  return { outputActivation: 'linear', loss: 'mse' };
}

/**
 * Output activations offered for a task: one sigmoid for a binary target, softmax over k classes, a
 * linear output for an unbounded (standardised) regression target. Accuracy is defined for the first two.
 */
export function outputActivationsFor(task: Task): ActivationName[] {
  if (task === 'binary') return ['sigmoid'];
  if (task === 'multiclass') return ['softmax'];
  return ['linear'];
}

/** Losses valid with an output activation: bce needs a sigmoid, cce a softmax; mse goes with any output. */
export function lossesFor(task: Task, output: ActivationName): LossName[] {
  if (!outputActivationsFor(task).includes(output)) return [];
  if (output === 'sigmoid') return ['bce', 'mse'];
  if (output === 'softmax') return ['cce', 'mse'];
  return ['mse'];
}

/** True when the output activation and loss form a pair offered for the task. */
export function isValidHead(task: Task, output: ActivationName, loss: LossName): boolean {
  return lossesFor(task, output).includes(loss);
}

/** Settings whose output/loss pair fits the task; an invalid pair is replaced by the task's default. */
export function fitHeadToTask(settings: LabSettings, task: Task): { settings: LabSettings; changed: boolean } {
  if (isValidHead(task, settings.outputActivation, settings.loss)) return { settings, changed: false };
  return { settings: { ...settings, ...defaultHead(task) }, changed: true };
}

/**
 * The learning-rate slider works in log10 η: value v ∈ [−4, 2] gives η = 10^v, rounded to 3 significant
 * digits so the readout stays tidy (v = −1 → η = 0.1, v = −2.5229 → η = 0.003).
 */
export function learningRateFromSlider(value: number): number {
  const v = Math.min(Math.log10(LIMITS.maxLearningRate), Math.max(Math.log10(LIMITS.minLearningRate), value));
  return Number(Math.pow(10, v).toPrecision(3));
}

/** The slider position of η: log10 η. */
export function sliderFromLearningRate(learningRate: number): number {
  return Math.log10(learningRate);
}
