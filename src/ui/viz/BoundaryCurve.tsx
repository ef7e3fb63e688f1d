import { useMemo } from 'react';
import { scaleLinear } from 'd3-scale';
import { line } from 'd3-shape';
import { classOfColumns, denormalize, featureExtents, lineInputs, predictGrid, predictorNetwork, setParams } from '../../lab/boundary';
import type { BoundaryPlaneProps } from './BoundaryPlane';
import { classColor } from './boundaryPaint';
import { formatPlain } from '../../trace';

const WIDTH = 320;
const HEIGHT = 220;
const MARGIN = { top: 10, right: 12, bottom: 34, left: 46 };
/** Points along the curve (one predict call on a 1 × CURVE_POINTS matrix). */
const CURVE_POINTS = 160;
/** Where the class rug sits under a multiclass chart, in probability units. */
const RUG_Y = -0.07;

interface Dot { x: number; y: number; colour: string; test: boolean; key: string }

/**
 * For one input feature: the network's output against x, in the feature's own units. Regression: the
 * prediction curve through the data points (in the target's units); binary: P(positive class) with
 * the points at y = 0 or 1; multiclass: one probability curve per class, the points as a rug below.
 * D3 computes the scales and the paths, React draws the SVG.
 */
export function BoundaryCurve({ dataset, params, head, batchIndices, sampleIndex }: BoundaryPlaneProps) {
  const { train, test, task, targetScale, normalization } = dataset;
  const k = dataset.outputSize;
  const sizesKey = params.map((p) => `${p.W.rows}x${p.W.cols}`).join(',');
  const predictor = useMemo(
    () => predictorNetwork([params[0].W.cols, ...params.map((p) => p.W.rows)], head),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [sizesKey, head.hidden, head.output, head.loss],
  );
  const [extent] = useMemo(() => featureExtents(test ? [train.X, test.X] : [train.X]), [train, test]);
  const unscale = (v: number) => (task === 'regression' && targetScale ? v * targetScale.std + targetScale.mean : v);
  const rawX = (x: number) => denormalize(normalization, 0, x);

  const L = useMemo(() => lineInputs(extent, CURVE_POINTS), [extent]);
  const A = predictGrid(setParams(predictor, params), L);
  const curves = Array.from({ length: k }, (_, c) =>
    Array.from({ length: CURVE_POINTS }, (_, j): [number, number] => [rawX(L.data[j]), unscale(A.data[c * CURVE_POINTS + j])]));

  const dots: Dot[] = [];
  const classCount = Math.max(2, dataset.classes.length);
  for (const [part, isTest] of [[train, false], [test, true]] as const) {
    if (!part) continue;
    const classes = task === 'regression' ? null : classOfColumns(part.Y);
    for (let j = 0; j < part.X.cols; j++) {
      const y = classes === null ? unscale(part.Y.data[j]) : k === 1 ? classes[j] : RUG_Y;
      const colour = classes === null ? '#4a4f57' : classColor(classes[j], classCount);
      dots.push({ x: rawX(part.X.data[j]), y, colour, test: isTest, key: `${isTest ? 't' : 'r'}${j}` });
    }
  }

  const xs = scaleLinear().domain([rawX(extent[0]), rawX(extent[1])]).range([MARGIN.left, WIDTH - MARGIN.right]);
  const yValues = task === 'regression' ? [...dots.map((d) => d.y), ...curves[0].map((p) => p[1])].filter(Number.isFinite) : [RUG_Y - 0.03, 1.03];
  const ys = scaleLinear().domain([Math.min(...yValues), Math.max(...yValues)]).nice().range([HEIGHT - MARGIN.bottom, MARGIN.top]);
  const path = line<[number, number]>().defined((p) => Number.isFinite(p[1])).x((p) => xs(p[0])).y((p) => ys(p[1]));
  const curveColour = (c: number) => (k === 1 ? '#1f2328' : classColor(c, classCount));
  const selected = batchIndices && batchIndices.length > 0 ? batchIndices[Math.min(Math.max(0, sampleIndex), batchIndices.length - 1)] : -1;
  const selectedDot = selected >= 0 ? dots[selected] : null;

  return (
    <svg className="boundary-curve" width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img"
      aria-label={`The network's ${task === 'regression' ? 'prediction' : 'class probabilities'} against ${dataset.featureNames[0]}, with the data points`}>
      <g className="axis" fontSize={10}>
        <line x1={MARGIN.left} x2={WIDTH - MARGIN.right} y1={HEIGHT - MARGIN.bottom} y2={HEIGHT - MARGIN.bottom} stroke="#9aa0a6" />
        {xs.ticks(5).map((t) => (
          <text key={`x${t}`} x={xs(t)} y={HEIGHT - MARGIN.bottom + 13} textAnchor="middle">{formatPlain(t)}</text>
        ))}
        {ys.ticks(5).map((t) => (
          <text key={`y${t}`} x={MARGIN.left - 5} y={ys(t) + 3} textAnchor="end">{formatPlain(t)}</text>
        ))}
        <text x={(MARGIN.left + WIDTH - MARGIN.right) / 2} y={HEIGHT - 4} textAnchor="middle">{dataset.featureNames[0]}</text>
      </g>
      {dots.map((d) => (
        <circle key={d.key} cx={xs(d.x)} cy={ys(d.y)} r={2.6} fill={d.test ? 'none' : d.colour} stroke={d.test ? d.colour : '#ffffff'}
          strokeWidth={d.test ? 1.4 : 0.6} opacity={0.8} />
      ))}
      {curves.map((points, c) => (
        <path key={c} d={path(points) ?? ''} fill="none" stroke={curveColour(c)} strokeWidth={2.2} />
      ))}
      {selectedDot && <circle cx={xs(selectedDot.x)} cy={ys(selectedDot.y)} r={7} fill="none" stroke="#1f2328" strokeWidth={2} />}
    </svg>
  );
}
