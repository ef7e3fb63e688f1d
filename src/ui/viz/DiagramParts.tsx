import { memo } from 'react';
import { formatPlain } from '../../trace';
import { divergingColor, edgeDash, legendGradient, lightTextOn, strokeWidthScale } from './colors';
import type { EdgePosition, NodePosition } from './layout';
import type { DiagramMode } from './values';
import { nodeValueText, significant } from './nodeText';

export interface EdgeLinesProps {
  edges: EdgePosition[];
  /** One value per edge in the same order (W's row-major data), or null (drawn grey). */
  values: Float64Array | null;
  maxAbs: number;
  /** What sets each edge's width instead of |value| (the update's change W_after − W), with its own maximum. */
  widths?: Float64Array | null;
  widthMax?: number;
  /** Changes whenever the values may have changed in place (the record); only compared by memo. */
  stamp: unknown;
}

/**
 * The edges of one layer as plain <line>s, coloured by sign, dashed when negative and sized by |value|
 * (or by `widths`). Memoised on its data only: highlighting is a class on the parent <g>, so stepping
 * equations never re-renders lines.
 */
export const EdgeLines = memo(function EdgeLines({ edges, values, maxAbs, widths, widthMax }: EdgeLinesProps) {
  const width = strokeWidthScale(widths ? widthMax ?? 0 : maxAbs);
  return (
    <>
      {edges.map((e, k) => {
        const v = values ? values[k] : Number.NaN;
        const w = width(widths ? widths[k] : v);
        return <line key={k} x1={e.x1} y1={e.y1} x2={e.x2} y2={e.y2} stroke={divergingColor(v, maxAbs)} strokeWidth={w} strokeDasharray={edgeDash(v, w)} />;
      })}
    </>
  );
});

/** How one neuron is drawn: its fill, what it writes inside and in which colour, and its accessible name. */
export interface NeuronLook {
  /** The value's colour on the diverging scale; white for no value. */
  fill: string;
  /** What it writes inside its ring (neuronText), or null. */
  text: string | null;
  /** White text rather than black (needsLightText). */
  light: boolean;
  /** Its accessible name (its values), or undefined: then it is not focusable. */
  label?: string;
}

/** The look of a neuron showing `v` on the colour scale of ±maxAbs, writing `text` inside, named `label`. */
export function neuronLook(v: number | undefined, maxAbs: number, text: string | null, label?: string): NeuronLook {
  const fill = v === undefined ? '#ffffff' : divergingColor(v, maxAbs);
  // needsLightText(v, maxAbs), from the fill already computed.
  const light = v !== undefined && Number.isFinite(v) && maxAbs > 0 && lightTextOn(fill);
  return { fill, text: v === undefined ? null : text, light, label };
}

/** True when two looks draw the same neuron. */
export function sameLook(a: NeuronLook, b: NeuronLook): boolean {
  return a.fill === b.fill && a.text === b.text && a.light === b.light && a.label === b.label;
}

export interface NodeColumnProps {
  nodes: NodePosition[];
  radius: number;
  /** How each neuron looks, by its index; the same object for a neuron that did not change (it is not redrawn). */
  looks: NeuronLook[];
  /** The diagram's label size in CSS pixels; values inside neurons are set a little smaller. */
  fontPx?: number;
  /** Index of the neuron that is the diagram's tab stop in this column, or −1. */
  tabStop?: number;
}

/** Neurons at least this large (radius, px) have their value written inside. */
export const NODE_TEXT_MIN_RADIUS = 10;

/** The size (CSS px, ≥ 12) of the values written inside neurons of radius `radius` when labels are at `fontPx`. */
export function nodeTextPx(fontPx: number, radius: number): number {
  return Math.round(Math.max(12, Math.min(fontPx - 1, radius * 0.8)));
}

/**
 * The text a neuron of `radius` writes for v when labels are at `fontPx`: the most precise short form
 * that fits inside its ring (nodeValueText), or null (nothing written: no value, too small a neuron,
 * or no form fits).
 */
export function neuronText(v: number | undefined, radius: number, fontPx: number): string | null {
  if (v === undefined || radius < NODE_TEXT_MIN_RADIUS) return null;
  return nodeValueText(v, radius, nodeTextPx(fontPx, radius));
}

/** Short form of a value: 2 significant digits (what a neuron writes when its ring is wide enough). */
export function shortNumber(x: number): string {
  return significant(x, 2);
}

/** One neuron; memoised on its look, so a redraw that changes a few neurons re-renders only those. */
const Neuron = memo(function Neuron({ n, radius, textPx, look, tabStop }: { n: NodePosition; radius: number; textPx: number; look: NeuronLook; tabStop: boolean }) {
  const named = look.label !== undefined;
  return (
    <g
      className="node"
      transform={`translate(${n.x},${n.y})`}
      data-focus-key={`n-${n.layer}-${n.index}`}
      tabIndex={named ? (tabStop ? 0 : -1) : undefined}
      role={named ? 'button' : undefined}
      aria-roledescription={named ? 'neuron' : undefined}
      aria-label={look.label}
    >
      <circle className="focus-ring" r={radius + 5} />
      {/* An opaque base, so a dimmed (translucent) fill lets no edge show through under the number. */}
      <circle className="base" r={radius} />
      <circle className="fill" r={radius} fill={look.fill} />
      {look.text !== null && (
        <text className={look.light ? 'light' : undefined} dy="0.35em" fontSize={textPx}>
          {look.text}
        </text>
      )}
    </g>
  );
});

/**
 * One column of neurons: circles filled by value, with the value written inside its ring in the most
 * precise form that fits there (neuronText), black or white, whichever contrasts more with the fill (≥ 4.5:1; see needsLightText).
 */
export const NodeColumn = memo(function NodeColumn({ nodes, radius, looks, fontPx = 12, tabStop = -1 }: NodeColumnProps) {
  const textPx = nodeTextPx(fontPx, radius);
  return (
    <>
      {nodes.map((n) => (
        <Neuron key={n.index} n={n} radius={radius} textPx={textPx} look={looks[n.index] ?? BLANK} tabStop={n.index === tabStop} />
      ))}
    </>
  );
});

const BLANK: NeuronLook = { fill: '#ffffff', text: null, light: false };

/** A short stroke as the edges draw it: dashed for negative, solid for positive (the second, greyscale-proof cue). */
function EdgeSample({ negative }: { negative: boolean }) {
  return (
    <svg className="edge-sample" width="22" height="8" viewBox="0 0 22 8" aria-hidden="true">
      <line x1="1" y1="4" x2="21" y2="4" strokeWidth="2.5" strokeDasharray={negative ? '5 3' : undefined} />
    </svg>
  );
}

/**
 * The colour ramp from −max to +max (just "0" at both ends while there is nothing to show, never
 * "−0"); for edges each end also shows its stroke (dashed −, solid +).
 */
function Ramp({ maxAbs, label, edges }: { maxAbs: number; label: string; edges?: boolean }) {
  const sign = (s: string) => (maxAbs > 0 ? s : '');
  return (
    <span className="ramp-row">
      <span className="ramp-label">{label}</span>
      {edges && <EdgeSample negative />}
      <span className="ramp-end">{sign('−')}{formatPlain(maxAbs)}</span>
      <span className="ramp" style={{ background: legendGradient() }} role="img" aria-label={`colour from orange (negative) through white (0) to purple (positive)`} />
      <span className="ramp-end">{sign('+')}{formatPlain(maxAbs)}</span>
      {edges && <EdgeSample negative={false} />}
    </span>
  );
}

/** The legend's words for each mode: its title, what edges and neurons show, and the ramps' labels. */
const LEGEND: Record<DiagramMode, { title: string; edges: string; neurons: (sample: number) => string; w: string; n: string }> = {
  forward: { title: 'Forward', edges: 'weights w, width ∝ |w|', neurons: (s) => `activation a of sample ${s}`, w: 'w', n: 'a' },
  backward: { title: 'Backward', edges: 'gradients ∂L/∂w (dW), width ∝ |dW|', neurons: (s) => `δ = ∂ℓ/∂z (dZ) of sample ${s}`, w: '∂L/∂w', n: 'δ' },
  update: { title: 'Update', edges: 'new weights W − η·dW, width ∝ |change|', neurons: () => 'new bias b − η·db', w: 'new w', n: 'new b' },
};

/**
 * What colour means now: orange negative (dashed edges), purple positive (solid), for edges and for
 * neurons; forward, backward or update. Its box keeps a fixed height (two lines), so what follows it
 * (the transport) never moves when the words change between equations.
 */
export function Legend({ mode, edgeMax, nodeMax, sample }: { mode: DiagramMode; edgeMax: number; nodeMax: number; sample: number }) {
  const words = LEGEND[mode];
  return (
    <div className="diagram-legend" data-testid="diagram-legend" data-mode={mode}>
      <p>
        <strong>{words.title}</strong> · edges: {words.edges}, dashed when negative · neurons: {words.neurons(sample + 1)}
      </p>
      <div className="ramps">
        <Ramp maxAbs={edgeMax} label={words.w} edges />
        <Ramp maxAbs={nodeMax} label={words.n} />
      </div>
    </div>
  );
}
