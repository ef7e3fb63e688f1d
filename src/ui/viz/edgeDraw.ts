/**
 * How an edge canvas's picture is made from its edges and their values, without the DOM: grouping by
 * colour level, the cost estimate that picks the hand rasteriser or the browser's paths, the hand
 * rasteriser's pass into an RGBA buffer, and the browser's paths on any 2D context. The page draws
 * with it (EdgeCanvas) and so does the edge worker (edgeWorker.ts), so both paint the same pixels.
 */
import { rgb } from 'd3-color';
import { divergingColor, edgeDash, strokeWidthScale } from './colors';
import { clearRaster, createRaster, strokeSegment, toRgba, type EdgeRaster, type StrokeStyle } from './edgeRaster';
import type { EdgePosition } from './layout';

/** Colour levels on each side of 0 when edges are batched by colour (49 strokes per layer at most). */
const LEVELS = 24;

/** What drawing an edge needs of its position: its end points in layout units. */
export type EdgeLine = Pick<EdgePosition, 'x1' | 'y1' | 'x2' | 'y2'>;

/** One drawing of a canvas: its edges, their values and colour scale, and its size in device pixels. */
export interface EdgePaint {
  edges: readonly EdgeLine[];
  values: Float64Array | null;
  maxAbs: number;
  /** Layout units → device pixels, and the layout x of the canvas's left side. */
  scale: number;
  x0: number;
  width: number;
  height: number;
}

/**
 * Edge indices grouped by quantised value: level = round(v / maxAbs · 24) in −24..24, so each group
 * is one colour and one width and is stroked as a single path. Non-finite values go to `null`.
 */
export function bucketEdges(values: Float64Array | null, count: number, maxAbs: number): Map<number | null, number[]> {
  const buckets = new Map<number | null, number[]>();
  const m = maxAbs > 0 && Number.isFinite(maxAbs) ? maxAbs : 1;
  for (let e = 0; e < count; e++) {
    const v = values ? values[e] : Number.NaN;
    const level = Number.isFinite(v) ? Math.round(Math.max(-1, Math.min(1, v / m)) * LEVELS) : null;
    let list = buckets.get(level);
    if (!list) buckets.set(level, (list = []));
    list.push(e);
  }
  return buckets;
}

/**
 * Pixels the hand rasteriser would visit for `edges` at `scale` device pixels per unit, a stroke of
 * `meanWidth` units at most on average: Σ (major-axis length + width + 1) · ((width + 1)/cos + 2).
 */
export function rasterCost(edges: readonly EdgeLine[], scale: number, meanWidth: number): number {
  const w = meanWidth * scale + 1;
  let visits = 0;
  for (const e of edges) {
    const dx = Math.abs(e.x2 - e.x1) * scale;
    const dy = Math.abs(e.y2 - e.y1) * scale;
    const major = Math.max(dx, dy);
    const len = Math.hypot(dx, dy);
    visits += (major + w) * (len > 0 ? (w * len) / major + 2 : 0);
  }
  return visits;
}

/**
 * Above this many visited pixels a canvas is stroked by the browser instead (a file of thousands of
 * features: tens of thousands of edges, hairline-thin once the canvas is capped at MAX_CANVAS_SIDE,
 * which the browser's rasteriser draws faster). A 6×32 gap costs about 2 million.
 */
export const RASTER_MAX_VISITS = 6_000_000;

/** True when `d` is drawn by the hand rasteriser (else by the browser's paths). */
export function rastered(d: EdgePaint): boolean {
  return rasterCost(d.edges, d.scale, 2.5) <= RASTER_MAX_VISITS;
}

/** The stroke of each colour level: its RGB, width and dash, in device pixels. */
function levelStyle(level: number | null, maxAbs: number, scale: number): StrokeStyle {
  const v = level === null ? Number.NaN : (level / LEVELS) * maxAbs;
  const c = rgb(divergingColor(v, maxAbs));
  const width = strokeWidthScale(maxAbs)(v);
  const dash = edgeDash(v, width);
  const [on, off] = dash ? dash.split(' ').map((d) => Number(d) * scale) : [0, 0];
  return { r: c.r, g: c.g, b: c.b, width: width * scale, dash: dash ? [on, off] : null };
}

/** Strokes `d`'s edges by hand into `raster` (d.width × d.height, cleared first): the picture pathDraw gives. */
export function rasterEdges(raster: EdgeRaster, d: EdgePaint): void {
  clearRaster(raster);
  // The same order as the canvas's paths, topmost first (strokeSegment draws beneath).
  const groups = [...bucketEdges(d.values, d.edges.length, d.maxAbs)];
  for (let g = groups.length - 1; g >= 0; g--) {
    const [level, list] = groups[g];
    const style = levelStyle(level, d.maxAbs, d.scale);
    for (let k = list.length - 1; k >= 0; k--) {
      const e = d.edges[list[k]];
      strokeSegment(raster, (e.x1 - d.x0) * d.scale, e.y1 * d.scale, (e.x2 - d.x0) * d.scale, e.y2 * d.scale, style);
    }
  }
}

/**
 * A hand rasteriser that keeps its accumulator while the size stays: `draw(d, out)` writes `d`'s
 * picture as straight 8-bit RGBA (ImageData's layout) into `out` (d.width · d.height · 4 bytes).
 */
export function createEdgeRasteriser(): { draw(d: EdgePaint, out: Uint8ClampedArray): void } {
  let raster: EdgeRaster | null = null;
  return {
    draw(d, out) {
      if (!raster || raster.width !== d.width || raster.height !== d.height) raster = createRaster(d.width, d.height);
      rasterEdges(raster, d);
      toRgba(raster, out);
    },
  };
}

/** What pathDraw needs of a 2D context (a canvas's, or an OffscreenCanvas's). */
export type PathContext = Pick<CanvasRenderingContext2D,
  'clearRect' | 'setTransform' | 'beginPath' | 'moveTo' | 'lineTo' | 'stroke' | 'setLineDash' | 'strokeStyle' | 'lineWidth'>;

/** Strokes with the canvas's own paths: one per colour level (dashed when negative). */
export function pathDraw(ctx: PathContext, d: EdgePaint): void {
  ctx.clearRect(0, 0, d.width, d.height);
  ctx.setTransform(d.scale, 0, 0, d.scale, -d.x0 * d.scale, 0);
  const width = strokeWidthScale(d.maxAbs);
  for (const [level, list] of bucketEdges(d.values, d.edges.length, d.maxAbs)) {
    const v = level === null ? Number.NaN : (level / LEVELS) * d.maxAbs;
    ctx.strokeStyle = divergingColor(v, d.maxAbs);
    ctx.lineWidth = width(v);
    const dash = edgeDash(v, ctx.lineWidth);
    ctx.setLineDash(dash ? dash.split(' ').map(Number) : []);
    ctx.beginPath();
    for (const e of list) {
      ctx.moveTo(d.edges[e].x1, d.edges[e].y1);
      ctx.lineTo(d.edges[e].x2, d.edges[e].y2);
    }
    ctx.stroke();
  }
  ctx.setTransform(1, 0, 0, 1, 0, 0);
}
