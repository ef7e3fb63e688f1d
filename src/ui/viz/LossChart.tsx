import { memo, useMemo, useRef, useState } from 'react';
import { scaleLinear, scaleLog } from 'd3-scale';
import { lossSeries, type ReadonlyLossHistory } from '../../lab/lossHistory';
import { downsamplePoints, type EvaluationPoint, type Point } from '../../lab/metrics';
import type { KeptRun, RunDifferences, RunMarker } from '../../lab/runs';
import { useBoxSize } from '../useBoxSize';
import { useOffscreenHold } from './useOffscreenHold';
import './flow.css';

/**
 * Props of the loss chart. batchLoss grows in place, so batchCount tells memo when it grew.
 * keptRuns (with their legend lines from describeDifferences) draw under the current run; markers
 * are the current run's changes of η, m or λ (runMarkers).
 */
export interface LossChartProps {
  batchLoss: ReadonlyLossHistory;
  batchCount: number;
  epochs: readonly EvaluationPoint[];
  epochCount: number;
  keptRuns?: readonly KeptRun[];
  differences?: readonly RunDifferences[];
  markers?: readonly RunMarker[];
  /** Initial state of the log-scale toggle (default off). */
  defaultLogScale?: boolean;
}

/** Size in CSS pixels until the plot box is measured; then both follow the box (its height is set in CSS). */
const FALLBACK = { width: 520, height: 200 };
const MARGIN = { top: 14, right: 14, bottom: 34, left: 52 };
/** The per-batch line is averaged down to at most this many points, the per-epoch lines likewise. */
const MAX_POINTS = 400;
const MAX_EPOCH_POINTS = 200;
/** Dots mark the epochs while there are few enough to tell apart. */
const MAX_DOTS = 40;

/** Kept run i's colour and dash pattern (colour-blind-safe hues distinct from the current run's blue/orange/grey). */
export const KEPT_STYLES: readonly { color: string; dash: string }[] = [
  { color: '#2a9d5c', dash: '7 3' },
  { color: '#b0357a', dash: '2 3' },
  { color: '#6a51a3', dash: '9 3 2 3' },
  { color: '#8c6d1f', dash: '4 4' },
];

type Metric = 'loss' | 'accuracy';

/** The scale interface the axes and paths read (a linear or a log scale of d3-scale). */
export interface ChartScale {
  (value: number): number;
  range(): number[];
  ticks(count?: number): number[];
  tickFormat(count?: number, specifier?: string): (value: number) => string;
}

/** Length of the tick marks and of the domain line's end caps, and the gap to the labels (as d3-axis draws them). */
const TICK_SIZE = 6;
const TICK_PADDING = 3;

/**
 * An SVG path through `points` in order, broken where `defined` is false: `M x,y L x,y …`, a lone point
 * closed (`Z`) so that its round cap shows, coordinates rounded to 3 decimals; null when no point is
 * defined. The same string d3-shape's line() with curveLinear gives, without its 3 kB (gzip) in the
 * opening screen's bundle.
 */
export function polyline(points: readonly Point[], x: ChartScale, y: ChartScale, defined: (p: Point) => boolean): string | null {
  const round = (v: number) => Math.round(v * 1000) / 1000;
  let d = '';
  let run = 0;
  for (const p of points) {
    if (!defined(p)) {
      if (run === 1) d += 'Z';
      run = 0;
      continue;
    }
    d += `${run === 0 ? 'M' : 'L'}${round(x(p.x))},${round(y(p.y))}`;
    run += 1;
  }
  if (run === 1) d += 'Z';
  return d || null;
}

/**
 * An axis as d3-axis draws one (domain line with end caps, a tick mark and label per value of
 * `scale.ticks`, labelled by `scale.tickFormat`), rendered by React: D3 computes, React draws.
 * `offset` is d3-axis's half-pixel shift that keeps 1-px lines crisp on a standard-density screen.
 */
export function Axis({ scale, orient, count, specifier, transform }: { scale: ChartScale; orient: 'bottom' | 'left'; count: number; specifier?: string; transform: string }) {
  const offset = typeof window !== 'undefined' && window.devicePixelRatio > 1 ? 0 : 0.5;
  const values = scale.ticks(count);
  const format = scale.tickFormat(count, specifier);
  const range = scale.range();
  const r0 = range[0] + offset;
  const r1 = range[range.length - 1] + offset;
  const bottom = orient === 'bottom';
  const domain = bottom ? `M${r0},${TICK_SIZE}V${offset}H${r1}V${TICK_SIZE}` : `M${-TICK_SIZE},${r0}H${offset}V${r1}H${-TICK_SIZE}`;
  return (
    <g className="axis" transform={transform} fill="none" fontSize={10} fontFamily="sans-serif" textAnchor={bottom ? 'middle' : 'end'}>
      <path className="domain" stroke="currentColor" d={domain} />
      {values.map((v) => {
        const at = scale(v) + offset;
        return (
          <g key={v} className="tick" opacity={1} transform={bottom ? `translate(${at},0)` : `translate(0,${at})`}>
            {bottom ? <line stroke="currentColor" y2={TICK_SIZE} /> : <line stroke="currentColor" x2={-TICK_SIZE} />}
            {bottom
              ? <text fill="currentColor" y={TICK_SIZE + TICK_PADDING} dy="0.71em">{format(v)}</text>
              : <text fill="currentColor" x={-(TICK_SIZE + TICK_PADDING)} dy="0.32em">{format(v)}</text>}
          </g>
        );
      })}
    </g>
  );
}

/**
 * Loss (or accuracy) against updates t: every batch's loss (thin), and the whole train and test loss
 * after every epoch (and before training), over the kept runs' curves; a log-scale toggle for loss and
 * marks where η, m or λ changed. D3 computes the scales and their ticks, React draws the axes and
 * paths.
 */
export const LossChart = memo(function LossChart(props: LossChartProps) {
  const figure = useRef<HTMLElement>(null);
  // Off screen (scrolled away, another presenter pane) it keeps what it drew until idle or in view.
  const { batchLoss, batchCount, epochs, epochCount, keptRuns = [], differences = [], markers = [], defaultLogScale = false } = useOffscreenHold(props, figure);
  const plot = useRef<HTMLDivElement>(null);
  const { width, height } = useBoxSize(plot) ?? FALLBACK;
  const [logScale, setLogScale] = useState(defaultLogScale);
  const [metric, setMetric] = useState<Metric>('loss');

  // batchCount is the dependency that changes when the array grows in place.
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const batches = useMemo(() => lossSeries(batchLoss, MAX_POINTS), [batchLoss, batchCount]);
  const shown = useMemo(() => epochs.slice(0, epochCount), [epochs, epochCount]);
  const train = useMemo(() => {
    const pts = shown.flatMap((p) => {
      const v = metric === 'loss' ? p.train.loss : p.train.accuracy;
      return v === null ? [] : [{ x: p.update, y: v }];
    });
    return downsamplePoints(pts, MAX_EPOCH_POINTS);
  }, [shown, metric]);
  const test = useMemo(() => {
    const pts = shown.flatMap((p) => {
      const v = p.test ? (metric === 'loss' ? p.test.loss : p.test.accuracy) : null;
      return v === null ? [] : [{ x: p.update, y: v }];
    });
    return downsamplePoints(pts, MAX_EPOCH_POINTS);
  }, [shown, metric]);
  const kept = useMemo(() => keptRuns.map((run, i) => ({
    run,
    style: KEPT_STYLES[i % KEPT_STYLES.length],
    batch: metric === 'loss' ? run.loss : [],
    train: run.epochs.flatMap((e) => {
      const v = metric === 'loss' ? e.trainLoss : e.trainAccuracy;
      return v === null ? [] : [{ x: e.update, y: v }];
    }),
  })), [keptRuns, metric]);
  const hasAccuracy = shown.some((p) => p.train.accuracy !== null) || keptRuns.some((r) => r.epochs.some((e) => e.trainAccuracy !== null));
  const dots = epochCount <= MAX_DOTS;
  const log = metric === 'loss' && logScale;

  const all = [...batches, ...train, ...test, ...kept.flatMap((k) => [...k.batch, ...k.train])];
  const xMax = Math.max(1, batchCount, ...keptRuns.map((r) => r.updates));
  const finiteY = all.map((p) => p.y).filter((v) => Number.isFinite(v));
  const yMax = metric === 'accuracy' ? 1 : Math.max(1e-9, ...finiteY);
  const positive = finiteY.filter((v) => v > 0);
  const yMin = positive.length > 0 ? Math.min(...positive) : 1e-3;
  const x = useMemo(() => scaleLinear().domain([0, xMax]).range([MARGIN.left, width - MARGIN.right]), [xMax, width]);
  const y = useMemo(() => (log
    ? scaleLog().domain([Math.min(yMin, yMax / 10), yMax]).nice().clamp(true).range([height - MARGIN.bottom, MARGIN.top])
    : scaleLinear().domain([0, yMax]).nice().range([height - MARGIN.bottom, MARGIN.top])), [log, yMin, yMax, height]);
  const defined = (p: Point) => Number.isFinite(p.y) && (!log || p.y > 0);
  const path = (points: readonly Point[]) => polyline(points, x, y, defined);
  const xTicks = Math.min(Math.max(2, Math.floor(width / 90)), xMax);
  const yTicks = Math.max(2, Math.min(6, Math.floor(height / 45)));

  const label = metric === 'loss' ? `loss${log ? ' (log)' : ''}` : 'accuracy';
  const diffOf = (id: string) => differences.find((d) => d.id === id)?.text ?? '';
  return (
    <figure className="loss-chart" data-testid="loss-chart" data-metric={metric} data-scale={log ? 'log' : 'linear'} ref={figure}>
      <div className="chart-toggles">
        <label>
          <input type="checkbox" data-testid="loss-log-scale" checked={logScale} disabled={metric !== 'loss'} onChange={(e) => setLogScale(e.target.checked)} />
          log scale
        </label>
        <span role="radiogroup" aria-label="Chart shows">
          <label><input type="radio" name="loss-chart-metric" data-testid="chart-show-loss" checked={metric === 'loss'} onChange={() => setMetric('loss')} />loss</label>
          {' '}
          <label><input type="radio" name="loss-chart-metric" data-testid="chart-show-accuracy" checked={metric === 'accuracy'} disabled={!hasAccuracy} onChange={() => setMetric('accuracy')} />accuracy per epoch</label>
        </span>
      </div>
      <div className="loss-plot" ref={plot}>
        <svg width={width} height={height} role="img" aria-label={`${metric === 'loss' ? 'Loss' : 'Accuracy'} over ${batchCount} updates${keptRuns.length ? `, with ${keptRuns.length} kept run${keptRuns.length > 1 ? 's' : ''}` : ''}`}>
          <Axis scale={x} orient="bottom" count={xTicks} specifier="d" transform={`translate(0,${height - MARGIN.bottom})`} />
          <Axis scale={y} orient="left" count={yTicks} specifier={log ? '.0e' : undefined} transform={`translate(${MARGIN.left},0)`} />
          <text className="axis-label" x={width - MARGIN.right} y={height - 2} textAnchor="end">updates t</text>
          <text className="axis-label" transform={`translate(12,${(MARGIN.top + height - MARGIN.bottom) / 2}) rotate(-90)`} textAnchor="middle">{label}</text>
          {kept.map(({ run, style, batch, train: kt }) => (
            <g key={run.id} data-testid="kept-run-curve" data-run={run.id}>
              {batch.length > 1 && <path className="series kept thin" d={path(batch) ?? undefined} stroke={style.color} strokeDasharray={style.dash} />}
              {kt.length > 1 && <path className="series kept" d={path(kt) ?? undefined} stroke={style.color} strokeDasharray={style.dash} />}
            </g>
          ))}
          {metric === 'loss' && batches.length > 1 && <path className="series batch" d={path(batches) ?? undefined} />}
          {train.length > 1 && <path className="series train" d={path(train) ?? undefined} />}
          {test.length > 1 && <path className="series test" d={path(test) ?? undefined} />}
          {dots && train.map((p) => <circle key={`tr${p.x}`} className="dot train" cx={x(p.x)} cy={y(p.y)} r={3} />)}
          {dots && test.map((p) => <circle key={`te${p.x}`} className="dot test" cx={x(p.x)} cy={y(p.y)} r={3} />)}
          {markers.filter((m) => m.update <= xMax).map((m) => (
            <g key={`${m.update}-${m.text}`} className="marker" data-testid="loss-marker" data-update={m.update}>
              <line x1={x(m.update)} x2={x(m.update)} y1={MARGIN.top} y2={height - MARGIN.bottom} />
              <text x={x(m.update) + 3} y={MARGIN.top + 9}>{m.text}</text>
              <title>{`update ${m.update}: ${m.text}`}</title>
            </g>
          ))}
        </svg>
      </div>
      <figcaption className="legend">
        {metric === 'loss' && <span><i className="swatch batch" />batch loss</span>}
        <span><i className="swatch train" />train {metric} (per epoch)</span>
        <span><i className="swatch test" />test {metric} (per epoch)</span>
      </figcaption>
      {keptRuns.length > 0 && (
        <div className="kept-legend" data-testid="kept-runs-legend">
          <span>this run: solid</span>
          {kept.map(({ run, style }) => (
            <span key={run.id} data-testid="kept-run-legend" data-run={run.id}>
              <svg className="kept-swatch" width={24} height={6} aria-hidden="true"><line x1={0} x2={24} y1={3} y2={3} stroke={style.color} strokeWidth={2} strokeDasharray={style.dash} /></svg>
              {run.label}: {diffOf(run.id) || 'kept'}
            </span>
          ))}
        </div>
      )}
    </figure>
  );
});
