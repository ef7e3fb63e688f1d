import { memo, useMemo } from 'react';
import { extent } from 'd3-array';
import { scaleLinear } from 'd3-scale';
import type { PredictionPoint } from '../../lab/metrics';

/** Props of the regression plots: the evaluation's sample of points (original units) and the split's name. */
export interface PredictedActualProps {
  points: readonly PredictionPoint[];
  split: string;
}

const W = 260;
const H = 200;
const M = { top: 10, right: 10, bottom: 34, left: 46 };

/**
 * For regression: predicted ŷ against actual y (a perfect model puts every point on the diagonal), and
 * the residuals ŷ − y against y below it. D3 computes the scales; React draws the points. The numbers
 * are the evaluation's own (metrics.ts), in the target's original units.
 */
export const PredictedActual = memo(function PredictedActual({ points, split }: PredictedActualProps) {
  const { x, y, r } = useMemo(() => {
    const all = points.flatMap((p) => [p.actual, p.predicted]);
    const [lo, hi] = extent(all) as [number | undefined, number | undefined];
    const domain: [number, number] = lo === undefined || hi === undefined || lo === hi ? [0, 1] : [lo, hi];
    const [rlo, rhi] = extent(points, (p) => p.residual) as [number | undefined, number | undefined];
    const bound = Math.max(Math.abs(rlo ?? 1), Math.abs(rhi ?? 1), 1e-12);
    return {
      x: scaleLinear().domain(domain).range([M.left, W - M.right]).nice(),
      y: scaleLinear().domain(domain).range([H - M.bottom, M.top]).nice(),
      r: scaleLinear().domain([-bound, bound]).range([H / 2 - M.bottom / 2, M.top]),
    };
  }, [points]);
  if (points.length === 0) return null;
  const ticks = x.ticks(4);
  return (
    <figure className="predicted-actual" data-testid={`predicted-actual-${split}`}>
      <figcaption>{split}: predicted against actual ({points.length} points)</figcaption>
      <svg width={W} height={H} role="img" aria-label={`Predicted against actual target on the ${split} split, ${points.length} points`}>
        <line className="diagonal" x1={x(x.domain()[0])} y1={y(y.domain()[0])} x2={x(x.domain()[1])} y2={y(y.domain()[1])} />
        {points.map((p) => <circle key={p.index} cx={x(p.actual)} cy={y(p.predicted)} r={2.5} />)}
        {ticks.map((t) => <text key={t} className="tick" x={x(t)} y={H - M.bottom + 14} textAnchor="middle">{t}</text>)}
        <text className="axis-label" x={(M.left + W - M.right) / 2} y={H - 4} textAnchor="middle">actual y</text>
        <text className="axis-label" transform={`translate(12,${(M.top + H - M.bottom) / 2}) rotate(-90)`} textAnchor="middle">predicted ŷ</text>
      </svg>
      <svg width={W} height={H / 2} role="img" aria-label={`Residuals ŷ − y against y on the ${split} split`}>
        <line className="zero" x1={M.left} x2={W - M.right} y1={r(0)} y2={r(0)} />
        {points.map((p) => <circle key={p.index} cx={x(p.actual)} cy={r(p.residual)} r={2} />)}
        <text className="axis-label" transform={`translate(12,${H / 4}) rotate(-90)`} textAnchor="middle">ŷ − y</text>
      </svg>
    </figure>
  );
});
