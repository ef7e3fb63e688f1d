import { useEffect, useMemo, useRef } from 'react';
import type { Network } from '../../nn';
import {
  classOfColumns, gridSizeFor, maxAbsTarget, planeGeometry, predictGrid, predictorNetwork, setParams,
  type PlaneGeometry, type PredictorConfig,
} from '../../lab/boundary';
import type { LabDataset } from '../../lab/dataset';
import type { Params } from '../../lab/params';
import { classColor, paintHeatmap, type HeatKind } from './boundaryPaint';
import { divergingColor } from './colors';

/** Side of the drawing in CSS pixels, unless the props say otherwise. */
export const PLANE_SIDE = 300;

export interface BoundaryPlaneProps {
  /** Side of the square drawing in CSS pixels (default PLANE_SIDE). */
  side?: number;
  dataset: LabDataset;
  params: Params;
  head: PredictorConfig;
  /** Training-set columns of the batch on screen, and which of them (0 … m − 1) is followed. */
  batchIndices: Int32Array | null;
  sampleIndex: number;
}

/** What one redraw needs; the latest props, read when the animation frame comes. */
interface DrawInput extends BoundaryPlaneProps { geometry: PlaneGeometry; heat: HeatKind; colourOf: (Y: PlaneGeometry['train']['Y'], j: number) => string }

/**
 * The network's output over the plane of the two (normalised) features as a heatmap on a <canvas>
 * (up to 80 × 80 cells, fewer for big networks; one predict call per redraw),
 * with the training points (filled) and test points (hollow) on top, the batch's points outlined and
 * the followed sample ringed. Redraws at most once per animation frame, whatever the rate of new
 * parameters; the time of each redraw is written to data-redraw-ms.
 */
export function BoundaryPlane(props: BoundaryPlaneProps) {
  const { dataset, params, head, batchIndices, sampleIndex, side = PLANE_SIDE } = props;
  const canvas = useRef<HTMLCanvasElement>(null);
  const timing = useRef<HTMLSpanElement>(null);
  const frame = useRef(0);
  const latest = useRef<DrawInput | null>(null);
  const predictor = useRef<{ key: string; network: Network } | null>(null);
  const offscreen = useRef<HTMLCanvasElement | null>(null);

  // The grid shrinks for big networks, so that a redraw costs about the same whatever the architecture.
  const gridSize = gridSizeFor([params[0]?.W.cols ?? 0, ...params.map((p) => p.W.rows)]);
  const geometry = useMemo(() => planeGeometry(dataset, gridSize), [dataset, gridSize]);
  const { heat, colourOf } = useMemo(() => colouring(dataset), [dataset]);

  useEffect(() => {
    latest.current = { dataset, params, head, batchIndices, sampleIndex, side, geometry, heat, colourOf };
    if (frame.current) return;
    frame.current = requestAnimationFrame(() => {
      frame.current = 0;
      const input = latest.current;
      const target = canvas.current;
      if (!input || !target) return;
      const started = performance.now();
      const key = `${input.params.map((p) => `${p.W.rows}x${p.W.cols}`).join(',')}|${input.head.hidden}|${input.head.output}|${input.head.loss}`;
      if (predictor.current?.key !== key) {
        const sizes = [input.params[0].W.cols, ...input.params.map((p) => p.W.rows)];
        predictor.current = { key, network: predictorNetwork(sizes, input.head) };
      }
      offscreen.current ??= document.createElement('canvas');
      draw(target, offscreen.current, setParams(predictor.current.network, input.params), input);
      const ms = performance.now() - started;
      target.dataset.redrawMs = ms.toFixed(2);
      target.dataset.grid = String(input.geometry.size);
      target.dataset.redraws = String(Number(target.dataset.redraws ?? 0) + 1);
      if (timing.current) timing.current.textContent = `redraw ${ms < 10 ? ms.toFixed(1) : Math.round(ms)} ms`;
    });
  }, [dataset, params, head, batchIndices, sampleIndex, side, geometry, heat, colourOf]);
  useEffect(() => () => cancelAnimationFrame(frame.current), []);

  return (
    <div className="boundary-plane">
      <canvas ref={canvas} className="boundary-canvas" style={{ width: side, height: side }}
        role="img" aria-label={`The network's prediction over the plane of ${dataset.featureNames[0]} and ${dataset.featureNames[1]}, with the data points`} />
      <span className="boundary-timing muted" ref={timing} data-testid="boundary-redraw-time" />
    </div>
  );
}

/** The heatmap kind and the point colour of a dataset's task. */
function colouring(dataset: LabDataset): { heat: HeatKind; colourOf: DrawInput['colourOf'] } {
  if (dataset.task === 'regression') {
    const maxAbs = maxAbsTarget(dataset.train.Y);
    return { heat: { kind: 'value', maxAbs }, colourOf: (Y, j) => divergingColor(Y.data[j], maxAbs) };
  }
  const k = Math.max(2, dataset.classes.length);
  const cache = new WeakMap<object, Int32Array>();
  const classOf = (Y: PlaneGeometry['train']['Y']) => {
    let c = cache.get(Y);
    if (!c) cache.set(Y, (c = classOfColumns(Y)));
    return c;
  };
  return {
    heat: dataset.outputSize === 1 ? { kind: 'binary' } : { kind: 'multiclass', classes: dataset.outputSize },
    colourOf: (Y, j) => classColor(classOf(Y)[j], k),
  };
}

/** One redraw: predict the grid, paint it, scale it up smoothly, then the points. */
function draw(target: HTMLCanvasElement, grid: HTMLCanvasElement, network: Network, input: DrawInput): void {
  const { geometry: g, heat, colourOf, batchIndices, sampleIndex, side = PLANE_SIDE } = input;
  const dpr = Math.min(3, window.devicePixelRatio || 1);
  const pixels = Math.round(side * dpr);
  if (target.width !== pixels || target.height !== pixels) {
    target.width = pixels;
    target.height = pixels;
  }
  const ctx = target.getContext('2d');
  if (grid.width !== g.size) grid.width = grid.height = g.size;
  const gctx = grid.getContext('2d');
  if (!ctx || !gctx) return;

  const A = predictGrid(network, g.grid);
  const image = gctx.createImageData(g.size, g.size);
  paintHeatmap(A, heat, image.data);
  gctx.putImageData(image, 0, 0);
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.imageSmoothingEnabled = true;
  ctx.drawImage(grid, 0, 0, side, side);

  const px = (x: number) => ((x - g.x[0]) / (g.x[1] - g.x[0])) * side;
  const py = (y: number) => ((g.y[1] - y) / (g.y[1] - g.y[0])) * side;
  const at = (X: PlaneGeometry['train']['X'], j: number): [number, number] => [px(X.data[j]), py(X.data[X.cols + j])];
  ctx.lineWidth = 1;
  if (g.test) {
    const { X, Y } = g.test;
    ctx.lineWidth = 2;
    for (let j = 0; j < X.cols; j++) {
      const [x, y] = at(X, j);
      ctx.beginPath();
      ctx.arc(x, y, 3.2, 0, 2 * Math.PI);
      ctx.strokeStyle = colourOf(Y, j);
      ctx.stroke();
    }
  }
  const { X, Y } = g.train;
  ctx.lineWidth = 0.8;
  ctx.strokeStyle = '#ffffff';
  for (let j = 0; j < X.cols; j++) {
    const [x, y] = at(X, j);
    ctx.beginPath();
    ctx.arc(x, y, 3.2, 0, 2 * Math.PI);
    ctx.fillStyle = colourOf(Y, j);
    ctx.fill();
    ctx.stroke();
  }
  if (!batchIndices || batchIndices.length === 0) return;
  // The batch's points get a dark outline; the followed sample a double ring.
  ctx.strokeStyle = '#1f2328';
  ctx.lineWidth = 1.2;
  for (const j of batchIndices) {
    const [x, y] = at(X, j);
    ctx.beginPath();
    ctx.arc(x, y, 4.4, 0, 2 * Math.PI);
    ctx.stroke();
  }
  const selected = batchIndices[Math.min(Math.max(0, sampleIndex), batchIndices.length - 1)];
  const [sx, sy] = at(X, selected);
  for (const [radius, colour, width] of [[9, '#ffffff', 4], [9, '#1f2328', 2]] as const) {
    ctx.beginPath();
    ctx.arc(sx, sy, radius, 0, 2 * Math.PI);
    ctx.strokeStyle = colour;
    ctx.lineWidth = width;
    ctx.stroke();
  }
}
