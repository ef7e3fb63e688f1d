import { rgb } from 'd3-color';
import { scaleSqrt } from 'd3-scale';
import { interpolatePuOr } from 'd3-scale-chromatic';

/** Colour of a value that is not finite (never shown as NaN: grey instead). */
export const NO_VALUE_COLOR = '#9aa0a6';

/**
 * The diverging colour scale: ColorBrewer PuOr (colour-blind safe for all three common
 * dichromacies, and it prints and projects well), negative → orange, 0 → near white, positive →
 * purple, symmetric around 0 at ±maxAbs and clamped beyond.
 */
export function divergingColor(value: number, maxAbs: number): string {
  if (!Number.isFinite(value)) return NO_VALUE_COLOR;
  const m = maxAbs > 0 && Number.isFinite(maxAbs) ? maxAbs : 1;
  const t = 0.5 - Math.max(-1, Math.min(1, value / m)) / 2;
  return interpolatePuOr(t);
}

/** "rgb(r, g, b)", as d3's interpolators write a colour. */
const RGB_TEXT = /^rgb\((\d+), (\d+), (\d+)\)$/;

/** The 0–255 channels of a CSS colour: d3's "rgb(r, g, b)" read directly, anything else by d3-color. */
function channelsOf(colour: string): { r: number; g: number; b: number } {
  const m = RGB_TEXT.exec(colour);
  return m ? { r: Number(m[1]), g: Number(m[2]), b: Number(m[3]) } : rgb(colour);
}

/** WCAG relative luminance of a CSS colour (0 black … 1 white). */
function luminance(colour: string): number {
  const c = channelsOf(colour);
  const channel = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
}

/** WCAG contrast ratio of two CSS colours, (L_light + 0.05) / (L_dark + 0.05), from 1 to 21. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((p, q) => q - p);
  return (hi + 0.05) / (lo + 0.05);
}

/**
 * True when text on top of `value`'s colour should be white rather than black: whichever contrasts
 * more (a fixed |value| threshold left white text at 2.6:1 on mid purples; this way every fill of the
 * scale gets ≥ 4.5:1).
 */
export function needsLightText(value: number, maxAbs: number): boolean {
  if (!Number.isFinite(value) || !(maxAbs > 0)) return false;
  return lightTextOn(divergingColor(value, maxAbs));
}

/** Answers of lightTextOn by colour: the scale gives a few thousand distinct colours at most. */
const lightByColour = new Map<string, boolean>();
const LIGHT_CACHE_SIZE = 8192;

/**
 * True when white text contrasts more than black with the CSS colour `fill` (needsLightText's test,
 * on a colour already computed). Remembered per colour: a diagram asks it for every neuron at each redraw.
 */
export function lightTextOn(fill: string): boolean {
  let light = lightByColour.get(fill);
  if (light === undefined) {
    if (lightByColour.size >= LIGHT_CACHE_SIZE) lightByColour.clear();
    light = contrastRatio('#ffffff', fill) > contrastRatio('#000000', fill);
    lightByColour.set(fill, light);
  }
  return light;
}

/**
 * A robust scale maximum: the `quantile` (default 0.98) of |values| over all the arrays, so that one
 * huge entry does not wash every other colour out. Non-finite values are ignored; 0 when there is nothing.
 */
export function robustMaxAbs(arrays: readonly ArrayLike<number>[], quantile = 0.98): number {
  let total = 0;
  for (const a of arrays) total += a.length;
  // A typed array sorts numbers natively, without a comparator call per pair (a 6×32 diagram: 5,312 weights a refresh).
  const abs = new Float64Array(total);
  let n = 0;
  for (const a of arrays) {
    for (let k = 0; k < a.length; k++) if (Number.isFinite(a[k])) abs[n++] = Math.abs(a[k]);
  }
  if (n === 0) return 0;
  return kthSmallest(abs.subarray(0, n), Math.min(n - 1, Math.floor(quantile * (n - 1) + 0.5)));
}

/**
 * The value that would sit at index k of `a` sorted ascending (a sort's answer, without the sort:
 * Hoare's selection, about 2n comparisons instead of n·log n). Reorders `a`.
 */
function kthSmallest(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    // The median of three as the pivot, so a sorted input is not the worst case.
    const mid = (lo + hi) >>> 1;
    const pivot = Math.max(Math.min(a[lo], a[mid]), Math.min(Math.max(a[lo], a[mid]), a[hi]));
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    // Now a[lo..j] ≤ pivot ≤ a[i..hi], and anything between equals the pivot.
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}

/** Stroke width by |value|: a square-root scale from 0.4 to `maxWidth` units at maxAbs (clamped). */
export function strokeWidthScale(maxAbs: number, maxWidth = 5): (value: number) => number {
  const scale = scaleSqrt()
    .domain([0, maxAbs > 0 && Number.isFinite(maxAbs) ? maxAbs : 1])
    .range([0.4, maxWidth])
    .clamp(true);
  return (value) => (Number.isFinite(value) ? scale(Math.abs(value)) : 0.4);
}

/** CSS linear-gradient of the colour scale from −max (left) to +max (right), for the legend. */
export function legendGradient(stops = 9): string {
  const colours = Array.from({ length: stops }, (_, k) => divergingColor(-1 + (2 * k) / (stops - 1), 1));
  return `linear-gradient(to right, ${colours.join(', ')})`;
}

/**
 * The dash pattern of an edge: negative values are dashed, so the sign survives greyscale (a washed-out
 * projector, a black-and-white print) where both ends of the colour ramp turn grey. Solid otherwise.
 */
export function edgeDash(value: number, width: number): string | undefined {
  return value < 0 ? `${(2.5 + width * 1.6).toFixed(1)} ${(2 + width * 1.2).toFixed(1)}` : undefined;
}
