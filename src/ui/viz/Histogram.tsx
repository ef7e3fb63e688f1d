import { memo, useMemo } from 'react';
import { bin, extent, max } from 'd3-array';
import { scaleLinear } from 'd3-scale';

/** Props of a small histogram: the values (plain numbers), a label for screen readers and the legend, the size in CSS pixels. */
export interface HistogramProps {
  values: readonly number[];
  label: string;
  width?: number;
  height?: number;
  /** Suggested number of bins (d3's "nice" thresholds may give a few more or fewer). */
  bins?: number;
  className?: string;
  testId?: string;
}

const PAD = { top: 2, right: 2, bottom: 14, left: 2 };

/** Short number for the axis ends: 3 significant digits, exponent form when tiny or huge. */
export function shortNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const a = Math.abs(value);
  return a !== 0 && (a >= 1e4 || a < 1e-2) ? value.toExponential(1) : String(Number(value.toPrecision(3)));
}

/**
 * The distribution of `values` as bars: d3-array's bin computes the bins and D3 scales place them,
 * React draws the rects. The minimum and maximum are written under the bars; non-finite values are
 * left out (and counted in the label).
 */
export const Histogram = memo(function Histogram({ values, label, width = 120, height = 56, bins = 16, className, testId }: HistogramProps) {
  const finite = useMemo(() => values.filter((v) => Number.isFinite(v)), [values]);
  const buckets = useMemo(() => {
    const [lo, hi] = extent(finite) as [number | undefined, number | undefined];
    if (lo === undefined || hi === undefined) return [];
    // One value (or all equal): a single bar of the domain widened a little.
    const domain: [number, number] = lo === hi ? [lo - 0.5, hi + 0.5] : [lo, hi];
    return bin().domain(domain).thresholds(bins)(finite);
  }, [finite, bins]);
  const x = scaleLinear().domain([buckets[0]?.x0 ?? 0, buckets[buckets.length - 1]?.x1 ?? 1]).range([PAD.left, width - PAD.right]);
  const y = scaleLinear().domain([0, max(buckets, (b) => b.length) ?? 1]).range([height - PAD.bottom, PAD.top]);
  const dropped = values.length - finite.length;
  const summary = finite.length === 0
    ? `${label}: no values`
    : `${label}: ${finite.length} values from ${shortNumber(x.domain()[0])} to ${shortNumber(x.domain()[1])}${dropped > 0 ? `, ${dropped} not finite` : ''}`;
  return (
    <figure className={`histogram ${className ?? ''}`} data-testid={testId} data-count={finite.length}>
      <svg width={width} height={height} role="img" aria-label={summary}>
        {buckets.map((b, i) => (
          <rect key={i} x={x(b.x0 ?? 0)} width={Math.max(0.5, x(b.x1 ?? 0) - x(b.x0 ?? 0) - 0.5)} y={y(b.length)} height={Math.max(0, y(0) - y(b.length))} />
        ))}
        {buckets.length > 0 && (
          <>
            <text x={PAD.left} y={height - 2} textAnchor="start">{shortNumber(x.domain()[0])}</text>
            <text x={width - PAD.right} y={height - 2} textAnchor="end">{shortNumber(x.domain()[1])}</text>
          </>
        )}
      </svg>
      <figcaption>{label}</figcaption>
    </figure>
  );
});
