/**
 * Eliding the input layer of the network diagram for a file of thousands of features: the first
 * MAX_DRAWN_INPUTS − 1 inputs are drawn, and one more slot holds a "+4,969 more" marker instead of the
 * rest. 5,000 input neurons with labels and 5,000 · n1 edges on a canvas 4,096 px tall were most of a
 * 5,000-column file's load (the edge canvas's FinalizeFrame alone: 14.5 of 23.4 s in a Chromium trace);
 * the maths (and every number in the equations) still uses all of them.
 * Pure helpers; the diagram (NetworkDiagram) lays out `sizes` from elideInputs and draws the marker.
 */

/** At most this many input neurons are drawn when a marker stands for the rest. */
export const MAX_DRAWN_INPUTS = 32;

/** How the input layer is drawn. */
export interface InputElision {
  /** Inputs drawn: x₁ … x_shown (indices 0 … shown − 1). */
  shown: number;
  /** Inputs not drawn, n0 − shown; 0 when every input is drawn. */
  hidden: number;
  /** The sizes to lay out: [shown + 1 (the marker's slot), n1, …, nL], or the sizes as they are when nothing is hidden. */
  sizes: number[];
  /** The marker's text, e.g. '+4,968 more'; null when nothing is hidden. */
  marker: string | null;
}

/**
 * The drawn input layer of a network of `sizes` = [n0, n1, …, nL]. Up to `max` inputs nothing is
 * hidden; above, the first max − 1 are drawn and the last slot is the marker, so the column is never
 * taller than `max` slots. E.g. [5000, 8, 1] → shown 31, hidden 4,969, sizes [32, 8, 1].
 */
export function elideInputs(sizes: readonly number[], max = MAX_DRAWN_INPUTS): InputElision {
  const n0 = sizes[0] ?? 0;
  if (n0 <= max || max < 2) return { shown: n0, hidden: 0, sizes: sizes.slice(), marker: null };
  const shown = max - 1;
  const hidden = n0 - shown;
  return { shown, hidden, sizes: [max, ...sizes.slice(1)], marker: `+${hidden.toLocaleString('en-US')} more` };
}

/**
 * Layer 1's edge values (W or dW of layer 1, n1 × n0 row-major: edge i·n0 + j runs from x_j to neuron
 * i) as the elided layout orders its edges: n1 × (shown + 1), the marker's column NaN (drawn as "no
 * value"). Returns `values` itself when nothing is hidden, and null for null.
 */
export function elideEdgeValues(values: Float64Array | null, n1: number, n0: number, elision: InputElision): Float64Array | null {
  if (!values || elision.hidden === 0) return values;
  const k = elision.shown + 1;
  const out = new Float64Array(n1 * k);
  for (let i = 0; i < n1; i++) {
    out.set(values.subarray(i * n0, i * n0 + elision.shown), i * k);
    out[i * k + elision.shown] = NaN;
  }
  return out;
}

/** The input layer's per-neuron values (a sample's x, labels) in the elided order: the first `shown`, then undefined for the marker. */
export function elideNodeValues<T>(values: readonly T[], elision: InputElision): (T | undefined)[] {
  if (elision.hidden === 0) return values.slice();
  return [...values.slice(0, elision.shown), undefined];
}
