/**
 * How the lab writes numbers on screen. Nothing shows NaN: a value that is not a finite number is
 * written as an em dash.
 */

/** A loss or error with 4 significant digits (0.6931, 12.35, 1.234e-5); '—' when not finite. */
export function formatValue(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  if (value !== 0 && Math.abs(value) < 1e-4) return value.toExponential(3);
  return String(Number(value.toPrecision(4)));
}

/** A fraction in [0, 1] as a percentage with one decimal: 0.9781 → '97.8%'; '—' when not finite. */
export function formatPercent(value: number | null | undefined): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return '—';
  return `${(value * 100).toFixed(1)}%`;
}
