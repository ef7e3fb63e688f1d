import { memo, useEffect, useRef, useState } from 'react';
import { EDGE_PRIORITY, type EdgeQuality } from './edgeDrawQueue';
import { createEdgeRasteriser, levelStyles, pathDraw, rastered, type EdgePaint } from './edgeDraw';
import { createEdgePainter, type EdgePainter } from './edgePainter';
import { edgeSurface, type EdgeSurface } from './edgeWorkerClient';
import type { EdgePosition } from './layout';

export { CANVAS_EDGE_THRESHOLD } from './layout';
export { bucketEdges, rasterCost, RASTER_MAX_VISITS } from './edgeDraw';

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

/** What a canvas keeps between drawings on the page of the same size: the rasteriser and the image put on the canvas. */
interface RasterStore {
  rasteriser: ReturnType<typeof createEdgeRasteriser>;
  image: ImageData;
}

/**
 * Draws `d` on `canvas` on the page (no worker, or a gap too large for the hand rasteriser), resizing
 * the backing store only when its size changed: by hand into `store` (kept while the size stays), or
 * with the browser's paths.
 */
function drawOnPage(canvas: HTMLCanvasElement, d: EdgePaint, store: { current: RasterStore | null }): void {
  if (canvas.width !== d.width) canvas.width = d.width;
  if (canvas.height !== d.height) canvas.height = d.height;
  const ctx = canvas.getContext('2d');
  if (!ctx || d.width === 0 || d.height === 0) return;
  if (!rastered(d)) {
    store.current = null;
    pathDraw(ctx, d);
    return;
  }
  let kept = store.current;
  if (!kept || kept.image.width !== d.width || kept.image.height !== d.height) {
    kept = store.current = { rasteriser: createEdgeRasteriser(), image: ctx.createImageData(d.width, d.height) };
  }
  kept.rasteriser.draw(d, levelStyles(d.maxAbs, d.scale), kept.image.data);
  ctx.putImageData(kept.image, 0, 0);
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
 * never redraws. The strokes are rasterised in the edge worker (edgeWorkerClient) and the page only
 * puts the picture; without a worker, or for a gap too large for the hand rasteriser, on the page.
 * Hover uses the layout's hit test.
 */
export const EdgeCanvas = memo(function EdgeCanvas({ edges, values, maxAbs, layoutWidth, layoutHeight, className }: EdgeCanvasProps) {
  const ref = useRef<HTMLCanvasElement>(null);
  const stores = useRef<Record<EdgeQuality, { current: RasterStore | null }>>({ play: { current: null }, full: { current: null } });
  const painter = useRef<EdgePainter | null>(null);
  const surface = useRef<EdgeSurface | null>(null);
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
    const drawing: EdgePaint = {
      edges, values, maxAbs, scale, x0,
      width: Math.round((x1 - x0) * scale),
      height: Math.round(layoutHeight * scale),
    };
    // A worker strokes the edges where it can (the page then only puts the picture); the page draws the rest.
    const linked = (surface.current ??= edgeSurface(canvas, (d) => drawOnPage(canvas, d, stores.current.full)));
    painter.current ??= createEdgePainter(canvas, (d, quality) => {
      const sized = atQuality(d, quality);
      if (rastered(sized) && linked.post(sized)) return;
      linked.supersede();
      drawOnPage(canvas, sized, stores.current[quality]);
    });
    // Priority is read when the values change: the current equation's layer first, then those on screen.
    painter.current.show(drawing, lit ? EDGE_PRIORITY.current : visible.current ? EDGE_PRIORITY.visible : EDGE_PRIORITY.hidden);
    // lit only orders the queue: a change of highlight alone does not redraw.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [edges, values, maxAbs, layoutHeight, x0, x1, cssWidth]);

  useEffect(() => () => {
    painter.current?.dispose();
    surface.current?.dispose();
  }, []);

  return (
    <canvas
      ref={ref}
      className={`edge-canvas ${className ?? ''}`}
      aria-hidden="true"
      style={{ left: `${(x0 / layoutWidth) * 100}%`, width: `${((x1 - x0) / layoutWidth) * 100}%`, height: '100%' }}
    />
  );
});
