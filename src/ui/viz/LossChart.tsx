import { memo, useEffect, useMemo, useRef } from 'react';
import { axisBottom, axisLeft } from 'd3-axis';
import { scaleLinear } from 'd3-scale';
import { select } from 'd3-selection';
import { line } from 'd3-shape';
import { downsample, downsamplePoints, type EvaluationPoint, type Point } from '../../lab/metrics';
import { useBoxSize } from '../useBoxSize';

/** Props of the loss chart. batchLoss is appended in place, so batchCount tells memo when it grew. */
export interface LossChartProps {
  batchLoss: readonly number[];
  batchCount: number;
  epochs: readonly EvaluationPoint[];
  epochCount: number;
}

/** Size in CSS pixels until the plot box is measured; then both follow the box (its height is set in CSS). */
const FALLBACK = { width: 520, height: 200 };
const MARGIN = { top: 14, right: 14, bottom: 34, left: 52 };
/** The per-batch line is averaged down to at most this many points, the per-epoch lines likewise. */
const MAX_POINTS = 400;
const MAX_EPOCH_POINTS = 200;
/** Dots mark the epochs while there are few enough to tell apart. */
const MAX_DOTS = 40;

/**
 * Loss against updates t: every batch's loss (thin), and the whole train and test loss after every
 * epoch (and before training). D3 computes the scales and paths, React draws them; the axes are
 * drawn by D3 inside this component's own <g> elements.
 */
export const LossChart = memo(function LossChart({ batchLoss, batchCount, epochs, epochCount }: LossChartProps) {
  const plot = useRef<HTMLDivElement>(null);
  const { width, height } = useBoxSize(plot) ?? FALLBACK;
  const xAxis = useRef<SVGGElement>(null);
  const yAxis = useRef<SVGGElement>(null);

  // batchCount is the dependency that changes when the array grows in place.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const batches = useMemo(() => downsample(batchLoss, MAX_POINTS), [batchLoss, batchCount]);
  const train = useMemo(
    () => downsamplePoints(epochs.slice(0, epochCount).map((p) => ({ x: p.update, y: p.train.loss })), MAX_EPOCH_POINTS),
    [epochs, epochCount],
  );
  const test = useMemo(
    () => downsamplePoints(epochs.slice(0, epochCount).flatMap((p) => (p.test ? [{ x: p.update, y: p.test.loss }] : [])), MAX_EPOCH_POINTS),
    [epochs, epochCount],
  );
  const dots = epochCount <= MAX_DOTS;

  const xMax = Math.max(1, batchCount);
  const yMax = Math.max(1e-9, ...batches.map((p) => p.y), ...train.map((p) => p.y), ...test.map((p) => p.y));
  const x = useMemo(() => scaleLinear().domain([0, xMax]).range([MARGIN.left, width - MARGIN.right]), [xMax, width]);
  const y = useMemo(() => scaleLinear().domain([0, yMax]).nice().range([height - MARGIN.bottom, MARGIN.top]), [yMax, height]);
  const path = line<Point>().x((p) => x(p.x)).y((p) => y(p.y));

  useEffect(() => {
    const gx = xAxis.current;
    const gy = yAxis.current;
    if (!gx || !gy) return undefined;
    select(gx).call(axisBottom(x).ticks(Math.min(Math.max(2, Math.floor(width / 90)), xMax), 'd'));
    select(gy).call(axisLeft(y).ticks(Math.max(2, Math.min(6, Math.floor(height / 45)))));
    return () => {
      select(gx).selectAll('*').remove();
      select(gy).selectAll('*').remove();
    };
  }, [x, y, xMax, width, height]);

  return (
    <figure className="loss-chart" data-testid="loss-chart">
      <div className="loss-plot" ref={plot}>
        <svg width={width} height={height} role="img" aria-label={`Loss over ${batchCount} updates`}>
          <g ref={xAxis} className="axis" transform={`translate(0,${height - MARGIN.bottom})`} />
          <g ref={yAxis} className="axis" transform={`translate(${MARGIN.left},0)`} />
          <text className="axis-label" x={width - MARGIN.right} y={height - 2} textAnchor="end">updates t</text>
          <text className="axis-label" transform={`translate(12,${(MARGIN.top + height - MARGIN.bottom) / 2}) rotate(-90)`} textAnchor="middle">loss</text>
          {batches.length > 1 && <path className="series batch" d={path(batches) ?? undefined} />}
          {train.length > 1 && <path className="series train" d={path(train) ?? undefined} />}
          {test.length > 1 && <path className="series test" d={path(test) ?? undefined} />}
          {dots && train.map((p) => <circle key={`tr${p.x}`} className="dot train" cx={x(p.x)} cy={y(p.y)} r={3} />)}
          {dots && test.map((p) => <circle key={`te${p.x}`} className="dot test" cx={x(p.x)} cy={y(p.y)} r={3} />)}
        </svg>
      </div>
      <figcaption className="legend">
        <span><i className="swatch batch" />batch loss</span>
        <span><i className="swatch train" />train loss (per epoch)</span>
        <span><i className="swatch test" />test loss (per epoch)</span>
      </figcaption>
    </figure>
  );
});
