import { LIMITS } from '../lab/settings';
import { NumberField } from './NumberField';

/** Props of the hidden-layer editor: neurons per hidden layer, 0–6 layers of 1–32 neurons. */
export interface LayerControlsProps {
  layers: number[];
  onChange(layers: number[]): void;
}

/**
 * Hidden layers: per layer a − / number / + and a remove button; an add button below. A typed size
 * applies on Enter or when the field loses focus (each size rebuilds the network: typing "16" must
 * not build a 1-neuron layer first); − and + apply at once.
 */
export function LayerControls({ layers, onChange }: LayerControlsProps) {
  const setAt = (i: number, n: number) => onChange(layers.map((v, k) => (k === i ? Math.min(LIMITS.maxNeurons, Math.max(LIMITS.minNeurons, n)) : v)));
  return (
    <div className="layers" data-testid="hidden-layers" role="group" aria-label="Hidden layers">
      {layers.length === 0 && <p className="muted">No hidden layer: the inputs feed the output directly.</p>}
      {layers.map((n, i) => (
        <div className="layer-row" key={i} data-testid="hidden-layer">
          <span className="layer-name">Layer {i + 1}</span>
          <button type="button" className="small" aria-label={`Fewer neurons in layer ${i + 1}`} data-testid={`layer-minus-${i}`} disabled={n <= LIMITS.minNeurons} onClick={() => setAt(i, n - 1)}>−</button>
          <NumberField label={`Neurons in layer ${i + 1}`} testId={`layer-size-${i}`} className="layer-size" integer min={LIMITS.minNeurons} max={LIMITS.maxNeurons} value={n} commitOn="enter" onCommit={(v) => setAt(i, v)} />
          <button type="button" className="small" aria-label={`More neurons in layer ${i + 1}`} data-testid={`layer-plus-${i}`} disabled={n >= LIMITS.maxNeurons} onClick={() => setAt(i, n + 1)}>+</button>
          <button type="button" className="small quiet" aria-label={`Remove layer ${i + 1}`} data-testid={`remove-layer-${i}`} onClick={() => onChange(layers.filter((_, k) => k !== i))}>✕</button>
        </div>
      ))}
      <button type="button" className="small" data-testid="add-layer" disabled={layers.length >= LIMITS.maxHiddenLayers} onClick={() => onChange([...layers, layers[layers.length - 1] ?? 4])}>
        + Add layer
      </button>
    </div>
  );
}
