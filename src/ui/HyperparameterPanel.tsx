import { memo } from 'react';
import {
  HIDDEN_ACTIVATIONS, INITS, LIMITS, learningRateFromSlider, lossesFor, OPTIMIZERS, outputActivationsFor,
  sliderFromLearningRate, type LabSettings, type Task,
} from '../lab/settings';
import { formatRate } from '../lab/notices';
import { NumberField } from './NumberField';
import { LayerControls } from './LayerControls';

/** Props of the architecture and hyperparameter controls. */
export interface HyperparameterPanelProps {
  settings: LabSettings;
  task: Task;
  /** Rows of the training split: the largest batch (full batch). */
  trainRows: number;
  /** Inputs n0 and outputs nL, to show the whole architecture. */
  inputs: number;
  outputs: number;
  onChange(settings: LabSettings): void;
}

const NAMES: Record<string, string> = {
  sigmoid: 'sigmoid σ', tanh: 'tanh', relu: 'ReLU', leakyRelu: 'leaky ReLU', linear: 'linear (identity)', softmax: 'softmax',
  bce: 'binary cross-entropy', cce: 'categorical cross-entropy', mse: 'mean squared error ½',
  xavier: 'Xavier (Glorot)', he: 'He', small: 'small uniform ±0.5',
  sgd: 'SGD', momentum: 'momentum (β = 0.9)', adam: 'Adam',
};

/**
 * Architecture and hyperparameters. The learning-rate slider's value is log10 η, from −4 (η = 10⁻⁴)
 * to 1 (η = 10). Learning rate, batch size and λ apply from the next batch; the rest resets.
 */
export const HyperparameterPanel = memo(function HyperparameterPanel({ settings, task, trainRows, inputs, outputs, onChange }: HyperparameterPanelProps) {
  const set = <K extends keyof LabSettings>(key: K, value: LabSettings[K]) => onChange({ ...settings, [key]: value });
  const outputsOffered = outputActivationsFor(task);
  const lossesOffered = lossesFor(task, settings.outputActivation);
  return (
    <section className="panel hyperparameters" aria-labelledby="hp-title">
      <h2 id="hp-title">Network</h2>
      <p className="architecture" data-testid="architecture">
        {[inputs, ...settings.hiddenLayers, outputs].join(' – ')}
      </p>
      <LayerControls layers={settings.hiddenLayers} onChange={(layers) => set('hiddenLayers', layers)} />
      <label className="field">
        <span>Hidden activation</span>
        <select data-testid="activation-select" value={settings.hiddenActivation} onChange={(e) => set('hiddenActivation', e.target.value as LabSettings['hiddenActivation'])}>
          {HIDDEN_ACTIVATIONS.map((a) => <option key={a} value={a}>{NAMES[a]}</option>)}
        </select>
      </label>
      <label className="field">
        <span>Output activation</span>
        <select data-testid="output-select" value={settings.outputActivation} onChange={(e) => {
          const output = e.target.value as LabSettings['outputActivation'];
          const losses = lossesFor(task, output);
          onChange({ ...settings, outputActivation: output, loss: losses.includes(settings.loss) ? settings.loss : losses[0] });
        }}>
          {outputsOffered.map((a) => <option key={a} value={a}>{NAMES[a]}</option>)}
        </select>
      </label>
      <label className="field">
        <span>Loss</span>
        <select data-testid="loss-select" value={settings.loss} onChange={(e) => set('loss', e.target.value as LabSettings['loss'])}>
          {lossesOffered.map((l) => <option key={l} value={l}>{NAMES[l]}</option>)}
        </select>
      </label>
      <label className="field">
        <span>Weight init</span>
        <select data-testid="init-select" value={settings.init} onChange={(e) => set('init', e.target.value as LabSettings['init'])}>
          {INITS.map((i) => <option key={i} value={i}>{NAMES[i]}</option>)}
        </select>
      </label>

      <h2>Training</h2>
      <label className="field">
        <span>Optimiser</span>
        <select data-testid="optimizer-select" value={settings.optimizer} onChange={(e) => set('optimizer', e.target.value as LabSettings['optimizer'])}>
          {OPTIMIZERS.map((o) => <option key={o} value={o}>{NAMES[o]}</option>)}
        </select>
      </label>
      <label className="field">
        <span>Learning rate <output data-testid="learning-rate-value">η = {formatRate(settings.learningRate)}</output></span>
        <input
          type="range"
          data-testid="learning-rate"
          aria-label="Learning rate, as log10 η"
          aria-valuetext={`η = ${formatRate(settings.learningRate)}`}
          min={Math.log10(LIMITS.minLearningRate)}
          max={Math.log10(LIMITS.maxLearningRate)}
          step="any"
          value={sliderFromLearningRate(settings.learningRate)}
          onChange={(e) => set('learningRate', learningRateFromSlider(Number(e.target.value)))}
        />
        <span className="scale"><span>10⁻⁴</span><span>10⁻²</span><span>1</span><span>10</span></span>
      </label>
      <label className="field">
        <span>Batch size m <span className="muted">(1 … {trainRows})</span></span>
        <span className="row">
          <NumberField label="Batch size" testId="batch-size" integer min={1} max={Math.max(1, trainRows)} value={Math.min(settings.batchSize, trainRows)} onCommit={(n) => set('batchSize', n)} />
          <button type="button" className="small" onClick={() => set('batchSize', trainRows)} disabled={settings.batchSize >= trainRows} title="Use every training row in one batch">full</button>
        </span>
      </label>
      <label className="field">
        <span>L2 λ</span>
        <NumberField label="L2 lambda" testId="l2-input" min={0} max={LIMITS.maxL2} step={0.001} value={settings.l2} onCommit={(n) => set('l2', n)} />
      </label>
      <label className="field">
        <span>Seed <span className="muted">(Enter to apply)</span></span>
        <NumberField label="Seed" testId="seed-input" integer min={0} max={LIMITS.maxSeed} value={settings.seed} commitOn="enter" onCommit={(n) => set('seed', n)} />
      </label>
      <p className="muted hint">η, m and λ apply from the next batch; any other change rebuilds the network.</p>
    </section>
  );
});
