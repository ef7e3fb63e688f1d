/**
 * How the page draws an edge canvas: each colour level's stroke (levelStyles, for the hand
 * rasteriser of edgeStrokes.ts, on the page or in the edge worker), the cost estimate that picks the
 * hand rasteriser or the browser's paths, and the browser's paths on any 2D context. No DOM.
 */
import { rgb } from 'd3-color';
import { divergingColor, edgeDash, strokeWidthScale } from './colors';
import type { StrokeStyle } from './edgeRaster';
import { bucketEdges, LEVELS, type EdgeLine, type EdgePaint, type LevelStyles } from './edgeStrokes';

export { bucketEdges, createEdgeRasteriser, type EdgeLine, type EdgePaint, type LevelStyles } from './edgeStrokes';

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

/** The stroke of a colour level (null: non-finite values): its RGB, width and dash, in device pixels. */
function levelStyle(level: number | null, maxAbs: number, scale: number, widthOf: (value: number) => number): StrokeStyle {
  const v = level === null ? Number.NaN : (level / LEVELS) * maxAbs;
  const c = rgb(divergingColor(v, maxAbs));
  const width = widthOf(v);
  const dash = edgeDash(v, width);
  const [on, off] = dash ? dash.split(' ').map((d) => Number(d) * scale) : [0, 0];
  return { r: c.r, g: c.g, b: c.b, width: width * scale, dash: dash ? [on, off] : null };
}

/** The last few levelStyles made, newest last: every canvas of a diagram draws on the same ±maxAbs. */
const recentStyles: { maxAbs: number; scale: number; styles: LevelStyles }[] = [];
const RECENT_STYLES = 4;

/**
 * Every colour level's stroke for a drawing on the scale of ±maxAbs at `scale` device pixels per unit.
 * The same object for the same two numbers as one of the last few calls (each canvas of a redraw asks
 * for it): treat it as read-only.
 */
export function levelStyles(maxAbs: number, scale: number): LevelStyles {
  const hit = recentStyles.find((r) => Object.is(r.maxAbs, maxAbs) && Object.is(r.scale, scale));
  if (hit) return hit.styles;
  const widthOf = strokeWidthScale(maxAbs);
  const styles = {
    levels: Array.from({ length: 2 * LEVELS + 1 }, (_, k) => levelStyle(k - LEVELS, maxAbs, scale, widthOf)),
    none: levelStyle(null, maxAbs, scale, widthOf),
  };
  recentStyles.push({ maxAbs, scale, styles });
  if (recentStyles.length > RECENT_STYLES) recentStyles.shift();
  return styles;
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
