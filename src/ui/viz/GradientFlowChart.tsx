import { memo, useMemo, useRef } from 'react';
import { scaleLinear, scaleLog } from 'd3-scale';
import { schemeTableau10 } from 'd3-scale-chromatic';
import type { FlowHistograms, FlowView } from '../../lab/gradientFlow';
import { vanishingRatio } from '../../lab/gradientFlow';
import type { Point } from '../../lab/metrics';
import { useBoxSize } from '../useBoxSize';
import { pixelEnvelope } from './envelope';
import { Axis, polyline } from './LossChart';
import { Histogram } from './Histogram';
import { useOffscreenHold } from './useOffscreenHold';
import './flow.css';

/** Props of the gradient-flow chart: the lab's plain snapshot of the norms series, and the histogram inputs of the batch on screen. */
export interface GradientFlowChartProps {
  flow: FlowView;
  histograms?: FlowHistograms | null;
}

const FALLBACK = { width: 520, height: 220 };
const MARGIN = { top: 12, right: 14, bottom: 32, left: 56 };

/** The colour of layer l (1-based): Tableau 10, one hue per layer (6 hidden + output fit). */
export function layerColor(l: number): string {
  return schemeTableau10[(l - 1) % schemeTableau10.length];
}

/** ‖·‖ written for the summary: 2 significant digits in exponent form (3.1e-5). */
export function normText(value: number): string {
  return Number.isFinite(value) ? value.toExponential(1) : String(value);
}

/** "780×" (or "1.4×" below 10). */
export function ratioText(ratio: number): string {
  if (!Number.isFinite(ratio)) return '—';
  return ratio >= 10 ? `${Math.round(ratio)}×` : `${Number(ratio.toPrecision(2))}×`;
}

/** The sentence a screen reader (and the e2e spec) reads: every layer's latest ‖dW‖ and ‖dW[L]‖ / ‖dW[1]‖. */
export function flowSummary(flow: FlowView): string {
  const n = flow.update.length;
  if (n === 0 || flow.layers === 0) return 'No update yet: the gradient norms appear after the first batch.';
  const grad = flow.grad.map((g) => g[n - 1]);
  const parts = grad.map((g, i) => `layer ${i + 1} ‖dW‖ = ${normText(g)}`);
  const ratio = vanishingRatio(grad);
  return `After update ${flow.update[n - 1]}: ${parts.join(', ')}; ratio ‖dW[${flow.layers}]‖ / ‖dW[1]‖ = ${ratioText(ratio)}.`;
}

/**
 * ‖dW[l]‖_F (solid) and ‖W[l]‖_F (dashed) per layer against update t on a log scale, with a legend,
 * a text summary and, per layer, histograms of its weights and of the batch's δ. D3 computes the
 * scales, React draws the axes (LossChart's Axis) and paths. Off screen (scrolled out of view during
 * play) it keeps what it last drew until the page is idle or it comes into view (useOffscreenHold).
 */
export const GradientFlowChart = memo(function GradientFlowChart(props: GradientFlowChartProps) {
  const figure = useRef<HTMLElement>(null);
  const { flow, histograms } = useOffscreenHold<GradientFlowChartProps>({ flow: props.flow, histograms: props.histograms }, figure);
  const plot = useRef<HTMLDivElement>(null);
  const { width, height } = useBoxSize(plot) ?? FALLBACK;
  const n = flow.update.length;

  const domain = useMemo(() => {
    let lo = Number.POSITIVE_INFINITY;
    let hi = 0;
    for (const series of [...flow.grad, ...flow.weight]) {
      for (const v of series) {
        if (v > 0 && Number.isFinite(v)) {
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
      }
    }
    if (!(hi > 0)) return [1e-6, 1] as [number, number];
    return (lo === hi ? [lo / 10, hi * 10] : [lo, hi]) as [number, number];
  }, [flow]);
  const x = useMemo(
    () => scaleLinear().domain([n > 0 ? Math.min(0, flow.update[0]) : 0, Math.max(1, n > 0 ? flow.update[n - 1] : 1)]).range([MARGIN.left, width - MARGIN.right]),
    [flow, n, width],
  );
  const y = useMemo(() => scaleLog().domain(domain).nice().clamp(true).range([height - MARGIN.bottom, MARGIN.top]), [domain, height]);
  const lines = useMemo(() => {
    const defined = (p: Point) => p.y > 0 && Number.isFinite(p.y);
    // Up to ~1,000 points a series on a few hundred pixels: only those that shape each pixel column's ink.
    const path = (series: ArrayLike<number>) => polyline(pixelEnvelope(Array.from(series, (v, i) => ({ x: flow.update[i], y: v })), (p) => x(p.x), defined), x, y, defined) ?? '';
    return flow.grad.map((g, l) => ({ l: l + 1, grad: path(g), weight: path(flow.weight[l]) }));
  }, [flow, x, y]);

  const latest = n > 0 ? flow.grad.map((g) => g[n - 1]) : [];
  const ratio = vanishingRatio(latest);
  return (
    <figure className="gradient-flow" data-testid="gradient-flow" data-layers={flow.layers} data-points={n} ref={figure}>
      <p className="flow-summary" data-testid="gradient-flow-summary" data-ratio={Number.isFinite(ratio) ? ratio : undefined}>{flowSummary(flow)}</p>
      <div className="flow-plot" ref={plot}>
        <svg width={width} height={height} role="img" aria-label={`Gradient and weight norms per layer over ${flow.total} updates, log scale`}>
          <Axis scale={x} orient="bottom" count={Math.max(2, Math.floor(width / 90))} specifier="d" transform={`translate(0,${height - MARGIN.bottom})`} />
          <Axis scale={y} orient="left" count={Math.max(2, Math.min(6, Math.floor(height / 40)))} specifier=".0e" transform={`translate(${MARGIN.left},0)`} />
          <text className="axis-label" x={width - MARGIN.right} y={height - 2} textAnchor="end">updates t</text>
          <text className="axis-label" transform={`translate(12,${(MARGIN.top + height - MARGIN.bottom) / 2}) rotate(-90)`} textAnchor="middle">Frobenius norm (log)</text>
          {lines.map((s) => (
            <g key={s.l} data-layer={s.l}>
              <path className="flow-line weight" d={s.weight || undefined} stroke={layerColor(s.l)} data-testid={`flow-weight-${s.l}`} />
              <path className="flow-line grad" d={s.grad || undefined} stroke={layerColor(s.l)} data-testid={`flow-grad-${s.l}`} />
            </g>
          ))}
        </svg>
      </div>
      <figcaption className="flow-legend" data-testid="gradient-flow-legend">
        {lines.map((s) => (
          <span key={s.l}><i className="flow-swatch" style={{ borderColor: layerColor(s.l) }} />layer {s.l}{s.l === flow.layers ? ' (output)' : ''}</span>
        ))}
        <span className="flow-key"><i className="flow-swatch key" />‖dW[l]‖ (gradient)</span>
        <span className="flow-key"><i className="flow-swatch key dashed" />‖W[l]‖ (weights)</span>
      </figcaption>
      {histograms && histograms.weights.length > 0 && (
        <div className="flow-histograms" data-testid="flow-histograms">
          {histograms.weights.map((w, l) => (
            <div className="flow-layer" key={l} style={{ borderColor: layerColor(l + 1) }}>
              <Histogram values={w} label={`W[${l + 1}]`} testId={`hist-weights-${l + 1}`} className="weights" />
              <Histogram values={histograms.deltas[l] ?? []} label={`δ[${l + 1}] = dZ[${l + 1}]`} testId={`hist-deltas-${l + 1}`} className="deltas" />
            </div>
          ))}
        </div>
      )}
    </figure>
  );
});
