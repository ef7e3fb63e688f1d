import { interpolatePuOr, scaleSqrt } from 'd3';

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

/** True when text on top of `value`'s colour should be light (the two dark ends of the scale). */
export function needsLightText(value: number, maxAbs: number): boolean {
  return Number.isFinite(value) && maxAbs > 0 && Math.abs(value) / maxAbs > 0.55;
}

/**
 * A robust scale maximum: the `quantile` (default 0.98) of |values| over all the arrays, so that one
 * huge entry does not wash every other colour out. Non-finite values are ignored; 0 when there is nothing.
 */
export function robustMaxAbs(arrays: readonly ArrayLike<number>[], quantile = 0.98): number {
  const abs: number[] = [];
  for (const a of arrays) {
    for (let k = 0; k < a.length; k++) if (Number.isFinite(a[k])) abs.push(Math.abs(a[k]));
  }
  if (abs.length === 0) return 0;
  abs.sort((p, q) => p - q);
  return abs[Math.min(abs.length - 1, Math.floor(quantile * (abs.length - 1) + 0.5))];
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
