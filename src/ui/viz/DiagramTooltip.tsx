import type { Matrix, StepRecord } from '../../nn';
import { formatPlain } from '../../trace';
import type { Hit } from './layout';
import type { NodeValues } from './values';
import { isRevealed, type Revealed } from './reveal';

export interface DiagramTooltipProps {
  hit: NonNullable<Hit>;
  /** Pointer position inside the diagram's wrapper, in CSS pixels. */
  left: number;
  top: number;
  sizes: number[];
  featureNames: string[];
  outputNames: string[];
  params: { W: Matrix; b: Matrix }[];
  record: StepRecord | null;
  /** Already reduced to what is revealed (see revealedNodeValues). */
  nodes: NodeValues[][];
  sample: number;
  /** What the equations so far have revealed: ∂L/∂w and w after the update only once reached. */
  revealed: Revealed;
}

function Row({ label, value }: { label: string; value: number | undefined }) {
  if (value === undefined) return null;
  return (
    <tr>
      <th scope="row">{label}</th>
      <td title={String(value)}>{formatPlain(value)}</td>
    </tr>
  );
}

/** The name of neuron i of column k (feature names for inputs, output names for the last column). */
function neuronName(k: number, i: number, sizes: number[], featureNames: string[], outputNames: string[]): string {
  if (k === 0) return featureNames[i] ?? `x${i + 1}`;
  const L = sizes.length - 1;
  const base = `layer ${k}, neuron ${i + 1}`;
  return k === L && outputNames[i] ? `${base} (${outputNames[i]})` : base;
}

/**
 * Exact values of the neuron or edge under the pointer (all user text rendered as React text), only
 * those the equations so far have revealed: no δ or gradient before the backward pass reaches them.
 */
export function DiagramTooltip({ hit, left, top, sizes, featureNames, outputNames, params, record, nodes, sample, revealed }: DiagramTooltipProps) {
  const style = { left: left + 14, top: top + 14 };
  if (hit.kind === 'node') {
    const v = nodes[hit.layer]?.[hit.index] ?? {};
    return (
      <div className="diagram-tooltip" role="tooltip" style={style} data-testid="diagram-tooltip">
        <strong>{neuronName(hit.layer, hit.index, sizes, featureNames, outputNames)}</strong>
        {record && <div className="muted">sample {sample + 1} of {record.m}</div>}
        <table>
          <tbody>
            <Row label={hit.layer === 0 ? 'x (normalised)' : 'a'} value={v.a} />
            <Row label="z" value={v.z} />
            <Row label="δ = ∂ℓ/∂z" value={v.delta} />
            <Row label="∂ℓ/∂a" value={v.dA} />
            <Row label="b" value={v.b ?? params[hit.layer - 1]?.b.get(hit.index, 0)} />
            <Row label="∂L/∂b" value={v.db} />
            <Row label="b after update" value={v.bAfter} />
          </tbody>
        </table>
      </div>
    );
  }
  const { layer: l, to, from } = hit;
  const step = record?.layers[l - 1];
  return (
    <div className="diagram-tooltip" role="tooltip" style={style} data-testid="diagram-tooltip">
      <strong>W[{l}] row {to + 1}, column {from + 1}</strong>
      <div className="muted">
        from {neuronName(l - 1, from, sizes, featureNames, outputNames)} to {neuronName(l, to, sizes, featureNames, outputNames)}
      </div>
      <table>
        <tbody>
          {/* w before this step's update (during the update the parameters on screen may already be the new ones). */}
          <Row label="w" value={(step?.W ?? params[l - 1]?.W)?.get(to, from)} />
          <Row label="∂L/∂w" value={isRevealed(revealed, 'dW', l) ? step?.dW.get(to, from) : undefined} />
          <Row label="w after update" value={revealed.all ? step?.WAfter.get(to, from) : undefined} />
        </tbody>
      </table>
    </div>
  );
}
