import { memo, useEffect, useRef, useState } from 'react';
import { rgb } from 'd3-color';
import { divergingColor, edgeDash, strokeWidthScale } from './colors';
import { EDGE_PRIORITY, type EdgeQuality } from './edgeDrawQueue';
import { createEdgePainter, type EdgePaint, type EdgePainter } from './edgePainter';
import { clearRaster, createRaster, strokeSegment, toRgba, type EdgeRaster, type StrokeStyle } from './edgeRaster';
import type { EdgePosition } from './layout';

export { CANVAS_EDGE_THRESHOLD } from './layout';

/** Colour levels on each side of 0 when edges are batched by colour (49 strokes per layer at most). */
const LEVELS = 24;

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
 * Largest side of an edge canvas's backing store, in device pixels. A file of 5,000 features makes a
 * diagram ~140,000 px tall; a canvas that size took 27 of the 32 s of loading a 1,000-column file
 * (Chromium's FinalizeFrame, software rendering). Past this the canvas is drawn smaller and the
 * browser stretches it: a blur no one can see among thousands of edges.
 */
export const MAX_CANVAS_SIDE = 4096;

/**
 * Layout units → device pixels for a canvas of layout size w × h shown at cssPerUnit CSS pixels per
 * unit on a screen of `ratio` device pixels per CSS pixel, so that neither side exceeds MAX_CANVAS_SIDE.
 */
export function canvasScale(cssPerUnit: number, ratio: number, w: number, h: number): number {
  const wanted = cssPerUnit * ratio;
  const longest = Math.max(w, h);
  return longest > 0 ? Math.min(wanted, MAX_CANVAS_SIDE / longest) : wanted;
}

/**
 * Pixels the hand rasteriser would visit for `edges` at `scale` device pixels per unit, a stroke of
 * `meanWidth` units at most on average: Σ (major-axis length + width + 1) · ((width + 1)/cos + 2).
 */
export function rasterCost(edges: readonly EdgePosition[], scale: number, meanWidth: number): number {
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

/** The drawing of one canvas: its size in device pixels and the edges in its coordinates. */
interface EdgeDrawing extends EdgePaint {
  canvas: HTMLCanvasElement;
}

/**
 * Resolution of a drawing at 'play' quality, as a fraction of the full one: a quarter of the pixels,
 * about half the drawing time of a 6×32 gap (the strokes' own cost stays); the browser stretches it.
 */
export const PLAY_RESOLUTION = 0.5;

/** `d` at `quality`: at 'play' quality the same drawing on a canvas PLAY_RESOLUTION as large. */
export function atQuality<T extends EdgePaint>(d: T, quality: EdgeQuality): T {
  if (quality === 'full') return d;
  const f = PLAY_RESOLUTION;
  return { ...d, scale: d.scale * f, width: Math.max(1, Math.round(d.width * f)), height: Math.max(1, Math.round(d.height * f)) };
}

/** What a canvas keeps between drawings of the same size: the accumulator and the image put on the canvas. */
interface RasterStore {
  raster: EdgeRaster;
  image: ImageData;
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

/** Draws by hand into `store`'s raster (kept while the size stays), then puts it on the canvas. */
function rasterDraw(ctx: CanvasRenderingContext2D, d: EdgeDrawing, store: { current: RasterStore | null }): void {
  let kept = store.current;
  if (!kept || kept.raster.width !== d.width || kept.raster.height !== d.height) {
    kept = store.current = { raster: createRaster(d.width, d.height), image: ctx.createImageData(d.width, d.height) };
  } else clearRaster(kept.raster);
  const { raster, image } = kept;
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
  toRgba(raster, image.data);
  ctx.putImageData(image, 0, 0);
}

/** Strokes with the canvas's own paths: one per colour level (dashed when negative). */
function pathDraw(ctx: CanvasRenderingContext2D, d: EdgeDrawing): void {
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

/** Draws `d` on its canvas, resizing the backing store only when its size changed (one store per quality). */
function drawEdges(d: EdgeDrawing, store: { current: RasterStore | null }): void {
  const { canvas } = d;
  if (canvas.width !== d.width) canvas.width = d.width;
  if (canvas.height !== d.height) canvas.height = d.height;
  const ctx = canvas.getContext('2d');
  if (!ctx || d.width === 0 || d.height === 0) return;
  if (rasterCost(d.edges, d.scale, 2.5) <= RASTER_MAX_VISITS) rasterDraw(ctx, d, store);
  else {
    store.current = null;
    pathDraw(ctx, d);
  }
}

export interface EdgeCanvasProps {
  /** The edges of one layer; they all run from x = x0 to x = x1 (layout units). */
  edges: EdgePosition[];
  values: Float64Array | null;
  maxAbs: number;
  layoutWidth: number;
  layoutHeight: number;
  className?: string;
  /** Changes whenever the values may have changed in place (the record); only compared by memo. */
  stamp: unknown;
}

/**
 * The edges of one layer of a large network on a canvas spanning just that layer's gap, under the
 * SVG, in the same colours, widths and dashes as the SVG's lines. Drawn once per change of values
 * (edgePainter), in the next animation frame with room (edgeDrawQueue: a frame draws only what fits its
 * budget, the current layer first; during play at half resolution, drawn again in full once play
 * stops); highlighting and dimming are a CSS class on the element, so stepping through equations
 * never redraws. Hover uses the layout's hit test.
 */
export const EdgeCanvas = memo(function EdgeCanvas({ edges, values, maxAbs, layoutWidth, layoutHeight, className }: EdgeCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const stores = useRef<Record<EdgeQuality, { current: RasterStore | null }>>({ play: { current: null }, full: { current: null } });
  const painter = useRef<EdgePainter | null>(null);
  const visible = useRef(true);
  const [cssWidth, setCssWidth] = useState(0);
  const lit = className?.split(' ').includes('lit') ?? false;
  const x0 = edges[0]?.x1 ?? 0;
  const x1 = edges[0]?.x2 ?? 0;

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => setCssWidth(entry.contentRect.width));
    observer.observe(canvas);
    // Canvases off screen (a tall diagram scrolled) draw after those on screen.
    const seen = typeof IntersectionObserver === 'undefined' ? null : new IntersectionObserver(([entry]) => {
      visible.current = entry.isIntersecting;
    });
    seen?.observe(canvas);
    return () => {
      observer.disconnect();
      seen?.disconnect();
    };
  }, []);

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || cssWidth === 0 || x1 <= x0) return;
    const scale = canvasScale(cssWidth / (x1 - x0), window.devicePixelRatio || 1, x1 - x0, layoutHeight);
    const drawing: EdgeDrawing = {
      canvas, edges, values, maxAbs, scale, x0,
      width: Math.round((x1 - x0) * scale),
      height: Math.round(layoutHeight * scale),
    };
    painter.current ??= createEdgePainter(canvas, (d, quality) => drawEdges(atQuality({ ...d, canvas }, quality), stores.current[quality]));
    // Priority is read when the values change: the current equation's layer first, then those on screen.
    painter.current.show(drawing, lit ? EDGE_PRIORITY.current : visible.current ? EDGE_PRIORITY.visible : EDGE_PRIORITY.hidden);
    // lit only orders the queue: a change of highlight alone does not redraw.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [edges, values, maxAbs, layoutHeight, x0, x1, cssWidth]);

  useEffect(() => () => painter.current?.dispose(), []);

  return (
    <canvas
      ref={ref}
      className={`edge-canvas ${className ?? ''}`}
      aria-hidden="true"
      style={{ left: `${(x0 / layoutWidth) * 100}%`, width: `${((x1 - x0) / layoutWidth) * 100}%`, height: '100%' }}
    />
  );
});
