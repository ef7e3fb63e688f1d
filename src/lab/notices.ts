/** The sentences the session says to the user when settings change or training diverges. */
import type { LabSettings, SettingKey } from './settings';

const LABELS: { readonly [K in SettingKey]: string } = {
  hiddenLayers: 'architecture',
  hiddenActivation: 'hidden activation',
  outputActivation: 'output activation',
  loss: 'loss',
  init: 'weight init',
  optimizer: 'optimiser',
  learningRate: 'learning rate',
  batchSize: 'batch size',
  l2: 'L2 λ',
  seed: 'seed',
  speed: 'speed',
};

/** Formats η and λ with up to 3 significant digits (0.1, 0.003, 2.5e-4). */
export function formatRate(value: number): string {
  return String(Number(value.toPrecision(3)));
}

/**
 * What a settings change did. Resetting keys: "Changed the architecture and seed: the network was
 * rebuilt from seed 7 and training restarted." Live keys: "Learning rate η = 0.05 applies from the next batch."
 */
export function describeChanges(keys: readonly SettingKey[], settings: LabSettings): string {
  const resets = keys.some((k) => k !== 'learningRate' && k !== 'batchSize' && k !== 'l2' && k !== 'speed');
  if (resets) {
    const names = keys.map((k) => LABELS[k]);
    const list = names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}` : names[0];
    return `Changed the ${list}: the network was rebuilt from seed ${settings.seed} and training restarted.`;
  }
  const parts = keys.map((k) => {
    if (k === 'learningRate') return `learning rate η = ${formatRate(settings.learningRate)}`;
    if (k === 'batchSize') return `batch size m = ${settings.batchSize}`;
    if (k === 'l2') return `L2 λ = ${formatRate(settings.l2)}`;
    return LABELS[k];
  });
  const text = parts.join(' and ');
  return `${text[0].toUpperCase()}${text.slice(1)} ${parts.length > 1 ? 'apply' : 'applies'} from the next batch (no reset).`;
}

/** Why training stopped, pointing at the learning rate. epoch and batch are 0-based as the batcher gives them. */
export function divergenceMessage(epoch: number, batch: number, batchCount: number, learningRate: number): string {
  const smaller = formatRate(Math.max(1e-4, learningRate / 10));
  return `Training diverged at epoch ${epoch + 1}, batch ${batch + 1} / ${batchCount}: the loss is no longer a finite number. `
    + `The learning rate η = ${formatRate(learningRate)} is too large for this network; lower it (try η = ${smaller}) and press Reset.`;
}
