import { memo } from 'react';
import { formatPlain } from '../../trace';
import { divergingColor, legendGradient, needsLightText, strokeWidthScale } from './colors';
import type { EdgePosition, NodePosition } from './layout';
import type { DiagramMode } from './values';

export interface EdgeLinesProps {
  edges: EdgePosition[];
  /** One value per edge in the same order (W's row-major data), or null (drawn grey). */
  values: Float64Array | null;
  maxAbs: number;
  /** Changes whenever the values may have changed in place (the record); only compared by memo. */
  stamp: unknown;
}

/**
 * The edges of one layer as plain <line>s, coloured by sign and sized by |value|. Memoised on its
 * data only: highlighting is a class on the parent <g>, so stepping equations never re-renders lines.
 */
export const EdgeLines = memo(function EdgeLines({ edges, values, maxAbs }: EdgeLinesProps) {
  const width = strokeWidthScale(maxAbs);
  return (
    <>
      {edges.map((e, k) => {
        const v = values ? values[k] : Number.NaN;
        return <line key={k} x1={e.x1} y1={e.y1} x2={e.x2} y2={e.y2} stroke={divergingColor(v, maxAbs)} strokeWidth={width(v)} />;
      })}
    </>
  );
});

export interface NodeColumnProps {
  nodes: NodePosition[];
  radius: number;
  /** The value each neuron shows (a or δ), undefined for none. */
  values: (number | undefined)[];
  maxAbs: number;
  /** The diagram's label size in CSS pixels; values inside neurons are set a little smaller. */
  fontPx?: number;
}

/** Short form of a value written inside a neuron: 2 significant digits. */
export function shortNumber(x: number): string {
  if (!Number.isFinite(x)) return '–';
  if (x === 0) return '0';
  const abs = Math.abs(x);
  if (abs >= 0.01 && abs < 1000) return String(Number(x.toPrecision(2)));
  return x.toExponential(0);
}

/**
 * One column of neurons: circles filled by value, with the value written inside when they are big
 * enough, black or white, whichever contrasts more with the fill (≥ 4.5:1; see needsLightText).
 */
export const NodeColumn = memo(function NodeColumn({ nodes, radius, values, maxAbs, fontPx = 12 }: NodeColumnProps) {
  const showText = radius >= 10;
  const textPx = Math.round(Math.min(fontPx - 1, radius * 0.8));
  return (
    <>
      {nodes.map((n) => {
        const v = values[n.index];
        return (
          <g key={n.index} className="node" transform={`translate(${n.x},${n.y})`}>
            {/* An opaque base, so a dimmed (translucent) fill lets no edge show through under the number. */}
            <circle className="base" r={radius} />
            <circle className="fill" r={radius} fill={v === undefined ? '#ffffff' : divergingColor(v, maxAbs)} />
            {showText && v !== undefined && (
              <text className={needsLightText(v, maxAbs) ? 'light' : undefined} dy="0.35em" fontSize={textPx}>
                {shortNumber(v)}
              </text>
            )}
          </g>
        );
      })}
    </>
  );
});

/** The colour ramp from −max to +max (just "0" at both ends while there is nothing to show, never "−0"). */
function Ramp({ maxAbs, label }: { maxAbs: number; label: string }) {
  const sign = (s: string) => (maxAbs > 0 ? s : '');
  return (
    <span className="ramp-row">
      <span className="ramp-label">{label}</span>
      <span className="ramp-end">{sign('−')}{formatPlain(maxAbs)}</span>
      <span className="ramp" style={{ background: legendGradient() }} />
      <span className="ramp-end">{sign('+')}{formatPlain(maxAbs)}</span>
    </span>
  );
}

/** What colour means now: orange negative, purple positive (the ramps), for edges and for neurons. */
export function Legend({ mode, edgeMax, nodeMax, sample }: { mode: DiagramMode; edgeMax: number; nodeMax: number; sample: number }) {
  const forward = mode === 'forward';
  return (
    <div className="diagram-legend" data-testid="diagram-legend" data-mode={mode}>
      <p>
        <strong>{forward ? 'Forward' : 'Backward'}</strong> · edges: {forward ? 'weights w' : 'gradients ∂L/∂w (dW)'}, width ∝ |value| ·
        neurons: {forward ? `activation a of sample ${sample + 1}` : `δ = ∂ℓ/∂z (dZ) of sample ${sample + 1}`}
      </p>
      <div className="ramps">
        <Ramp maxAbs={edgeMax} label={forward ? 'w' : '∂L/∂w'} />
        <Ramp maxAbs={nodeMax} label={forward ? 'a' : 'δ'} />
      </div>
    </div>
  );
}
