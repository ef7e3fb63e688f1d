import { memo, useEffect, useRef, useState } from 'react';
import { divergingColor, edgeDash, strokeWidthScale } from './colors';
import type { EdgePosition } from './layout';

/** Above this many edges they go to canvases: thousands of SVG <line>s re-colour too slowly. */
export const CANVAS_EDGE_THRESHOLD = 2000;

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
 * SVG. Drawn once per change of values (49 batched strokes); highlighting and dimming are a CSS class
 * on the element, so stepping through equations never redraws. Hover uses the layout's hit test.
 */
export const EdgeCanvas = memo(function EdgeCanvas({ edges, values, maxAbs, layoutWidth, layoutHeight, className }: EdgeCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [cssWidth, setCssWidth] = useState(0);
  const x0 = edges[0]?.x1 ?? 0;
  const x1 = edges[0]?.x2 ?? 0;

  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(([entry]) => setCssWidth(entry.contentRect.width));
    observer.observe(canvas);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const canvas = ref.current;
    const ctx = canvas?.getContext('2d');
    if (!canvas || !ctx || cssWidth === 0 || x1 <= x0) return;
    const scale = canvasScale(cssWidth / (x1 - x0), window.devicePixelRatio || 1, x1 - x0, layoutHeight);
    canvas.width = Math.round((x1 - x0) * scale);
    canvas.height = Math.round(layoutHeight * scale);
    ctx.setTransform(scale, 0, 0, scale, -x0 * scale, 0);
    const width = strokeWidthScale(maxAbs);
    for (const [level, list] of bucketEdges(values, edges.length, maxAbs)) {
      const v = level === null ? Number.NaN : (level / LEVELS) * maxAbs;
      ctx.strokeStyle = divergingColor(v, maxAbs);
      ctx.lineWidth = width(v);
      // Negative edges dashed, as in the SVG (the sign survives greyscale).
      const dash = edgeDash(v, ctx.lineWidth);
      ctx.setLineDash(dash ? dash.split(' ').map(Number) : []);
      ctx.beginPath();
      for (const e of list) {
        ctx.moveTo(edges[e].x1, edges[e].y1);
        ctx.lineTo(edges[e].x2, edges[e].y2);
      }
      ctx.stroke();
    }
  }, [edges, values, maxAbs, layoutHeight, x0, x1, cssWidth]);

  return (
    <canvas
      ref={ref}
      className={`edge-canvas ${className ?? ''}`}
      aria-hidden="true"
      style={{ left: `${(x0 / layoutWidth) * 100}%`, width: `${((x1 - x0) / layoutWidth) * 100}%`, height: '100%' }}
    />
  );
});
