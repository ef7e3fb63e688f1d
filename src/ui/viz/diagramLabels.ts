import type { Matrix, StepRecord } from '../../nn';
import { formatPlain } from '../../trace';
import { isRevealed, type Revealed } from './reveal';
import type { NodeValues } from './values';

/** What names the neurons: the sizes [n0, …, nL] and the user's feature and output names. */
export interface NeuronNames {
  sizes: readonly number[];
  featureNames: readonly string[];
  outputNames: readonly string[];
}

/** "input Temperature", "hidden 1, neuron 3 of 8", "output Occupancy": neuron i of column k, as spoken. */
export function neuronTitle(k: number, i: number, { sizes, featureNames, outputNames }: NeuronNames): string {
  const L = sizes.length - 1;
  if (k === 0) return `input ${featureNames[i] ?? `x${i + 1}`}`;
  if (k === L) return `output ${outputNames[i] ?? `ŷ${i + 1}`}`;
  return `hidden ${k}, neuron ${i + 1} of ${sizes[k]}`;
}

const said = (label: string, v: number | undefined) => (v === undefined ? null : `${label} ${formatPlain(v)}`);

/**
 * A neuron's accessible name with the values the equations have revealed for the followed sample:
 * "hidden 1, neuron 3 of 8: a 0.31, z 0.12, b −0.05" (δ, ∂L/∂b and the new b once known).
 */
export function neuronLabel(k: number, i: number, v: NodeValues, names: NeuronNames, sample: number): string {
  const parts = [
    said(k === 0 ? 'x' : 'a', v.a), said('z', v.z), said('δ', v.delta), said('b', v.b), said('∂L/∂b', v.db), said('b after update', v.bAfter),
  ].filter((p): p is string => p !== null);
  const values = parts.length > 0 ? parts.join(', ') : 'no values yet';
  return `${neuronTitle(k, i, names)}: ${values} (sample ${sample + 1})`;
}

/** Where the keyboard is on an edge: the weight W[l]_{j,k} from neuron k of layer l−1 to neuron j of layer l, or b[l]_j. */
export interface EdgeSelection {
  layer: number;
  j: number;
  k: number | 'bias';
}

/**
 * An edge's (or a bias's) accessible name with its values so far: "weight W[1] row 3, column 2, from
 * input Light to hidden 1, neuron 3 of 8: w 0.12, ∂L/∂w −0.004, w after update 0.1204".
 */
export function edgeLabel(
  sel: EdgeSelection,
  names: NeuronNames,
  params: readonly { W: Matrix; b: Matrix }[],
  record: StepRecord | null,
  revealed: Revealed,
): string {
  const { layer: l, j, k } = sel;
  const step = record?.layers[l - 1];
  const to = neuronTitle(l, j, names);
  if (k === 'bias') {
    const parts = [
      said('b', (step?.b ?? params[l - 1]?.b)?.get(j, 0)),
      said('∂L/∂b', isRevealed(revealed, 'db', l) ? step?.db.get(j, 0) : undefined),
      said('b after update', revealed.all ? step?.bAfter.get(j, 0) : undefined),
    ].filter((p): p is string => p !== null);
    return `bias b[${l}] row ${j + 1} of ${to}: ${parts.join(', ') || 'no value'}`;
  }
  const parts = [
    said('w', (step?.W ?? params[l - 1]?.W)?.get(j, k)),
    said('∂L/∂w', isRevealed(revealed, 'dW', l) ? step?.dW.get(j, k) : undefined),
    said('w after update', revealed.all ? step?.WAfter.get(j, k) : undefined),
  ].filter((p): p is string => p !== null);
  return `weight W[${l}] row ${j + 1}, column ${k + 1}, from ${neuronTitle(l - 1, k, names)} to ${to}: ${parts.join(', ') || 'no value'}`;
}
