import { color } from 'd3-color';
import { argmaxColumn, type Matrix } from '../../nn';
import { divergingColor } from './colors';

/**
 * Colours of the decision-boundary view, consistent with the network diagram: binary outputs and
 * regression values use the diagram's diverging PuOr scale (the positive class / positive values
 * purple, the negative orange, ½ or 0 near white); multiclass uses the Okabe–Ito palette (colour-blind
 * safe), cycling beyond 8 classes.
 */

/** Okabe & Ito's eight colours, black last. */
export const CLASS_COLORS = ['#E69F00', '#56B4E9', '#009E73', '#CC79A7', '#0072B2', '#D55E00', '#F0E442', '#000000'] as const;

/** The colour of class k of `classCount` classes (binary: the ends of the diverging scale). */
export function classColor(k: number, classCount: number): string {
  if (classCount <= 2) return divergingColor(k === 1 ? 1 : -1, 1);
  return CLASS_COLORS[k % CLASS_COLORS.length];
}

type Rgb = [number, number, number];

function rgbOf(css: string): Rgb {
  const c = color(css)?.rgb();
  return c ? [Math.round(c.r), Math.round(c.g), Math.round(c.b)] : [154, 160, 166];
}

/** How far the heatmap goes towards the dark ends (lighter than the points, so they stand out). */
const HEAT_STRENGTH = 0.72;
const LUT_SIZE = 256;
let divergingLut: Uint8Array | null = null;

/** 256 RGB triples along the diverging scale from −1 (index 0) to +1 (index 255), at HEAT_STRENGTH. */
function lut(): Uint8Array {
  if (divergingLut) return divergingLut;
  const out = new Uint8Array(LUT_SIZE * 3);
  for (let i = 0; i < LUT_SIZE; i++) {
    const v = (-1 + (2 * i) / (LUT_SIZE - 1)) * HEAT_STRENGTH;
    out.set(rgbOf(divergingColor(v, 1)), i * 3);
  }
  divergingLut = out;
  return out;
}

/** How the output is turned into a colour. */
export type HeatKind =
  | { kind: 'binary' }                          // A is 1 × n: P(positive class)
  | { kind: 'multiclass'; classes: number }     // A is k × n: softmax probabilities
  | { kind: 'value'; maxAbs: number };          // A is 1 × n: a value, diverging around 0 at ±maxAbs

/**
 * Fills `rgba` (4 bytes per cell, n cells) from the outputs A (k × n). binary: diverging by p − ½;
 * multiclass: the argmax class's colour blended from white by max p (a confident region is saturated,
 * a contested one pale); value: diverging by a / maxAbs. Non-finite outputs paint grey.
 */
export function paintHeatmap(A: Matrix, heat: HeatKind, rgba: Uint8ClampedArray): void {
  const n = A.cols;
  const table = lut();
  if (heat.kind !== 'multiclass') {
    const scale = heat.kind === 'binary' ? 2 : 1 / (heat.maxAbs > 0 ? heat.maxAbs : 1);
    const shift = heat.kind === 'binary' ? 0.5 : 0;
    for (let j = 0; j < n; j++) {
      const v = (A.data[j] - shift) * scale;
      const o = j * 4;
      if (!Number.isFinite(v)) {
        rgba[o] = 154; rgba[o + 1] = 160; rgba[o + 2] = 166; rgba[o + 3] = 255;
        continue;
      }
      const t = Math.round(((Math.max(-1, Math.min(1, v)) + 1) / 2) * (LUT_SIZE - 1)) * 3;
      rgba[o] = table[t]; rgba[o + 1] = table[t + 1]; rgba[o + 2] = table[t + 2]; rgba[o + 3] = 255;
    }
    return;
  }
  const k = heat.classes;
  const colours = Array.from({ length: k }, (_, c) => rgbOf(classColor(c, k)));
  const floor = 1 / k;
  for (let j = 0; j < n; j++) {
    const best = argmaxColumn(A, j);
    const p = A.data[best * n + j];
    const o = j * 4;
    rgba[o + 3] = 255;
    if (!Number.isFinite(p)) {
      rgba[o] = 154; rgba[o + 1] = 160; rgba[o + 2] = 166;
      continue;
    }
    // From pale (p = 1/k, a tie) to 70 % of the class colour (p = 1).
    const s = 0.12 + 0.58 * Math.max(0, Math.min(1, (p - floor) / (1 - floor)));
    const [r, g, b] = colours[best];
    rgba[o] = 255 + (r - 255) * s; rgba[o + 1] = 255 + (g - 255) * s; rgba[o + 2] = 255 + (b - 255) * s;
  }
}

/** CSS linear-gradient of the heatmap's diverging colours from −1 (left) to +1 (right), as painted. */
export function heatGradient(stops = 9): string {
  const colours = Array.from({ length: stops }, (_, k) => divergingColor((-1 + (2 * k) / (stops - 1)) * HEAT_STRENGTH, 1));
  return `linear-gradient(to right, ${colours.join(', ')})`;
}
