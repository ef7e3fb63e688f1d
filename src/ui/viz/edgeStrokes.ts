/**
 * An edge canvas's picture stroked by hand, from its edges, their values and each colour level's
 * stroke: no DOM and no D3, so the edge worker (edgeWorker.ts) carries only this and edgeRaster.ts.
 * The page computes the strokes (edgeDraw.ts, levelStyles) and the worker or the page rasterises.
 */
import { clearRaster, createRaster, strokeSegment, toRgba, type EdgeRaster, type StrokeStyle } from './edgeRaster';
import type { EdgePosition } from './layout';

/** Colour levels on each side of 0 when edges are batched by colour (49 strokes per layer at most). */
export const LEVELS = 24;

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

/** The stroke of every colour level of one drawing (device pixels): levels −24..24 at [level + 24], then non-finite values. */
export interface LevelStyles {
  levels: StrokeStyle[];
  none: StrokeStyle;
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

/** Strokes `d`'s edges by hand into `raster` (d.width × d.height, cleared first) with `styles`: the picture the canvas's own paths give. */
export function rasterEdges(raster: EdgeRaster, d: EdgePaint, styles: LevelStyles): void {
  clearRaster(raster);
  // The same order as the canvas's paths, topmost first (strokeSegment draws beneath).
  const groups = [...bucketEdges(d.values, d.edges.length, d.maxAbs)];
  for (let g = groups.length - 1; g >= 0; g--) {
    const [level, list] = groups[g];
    const style = level === null ? styles.none : styles.levels[level + LEVELS];
    for (let k = list.length - 1; k >= 0; k--) {
      const e = d.edges[list[k]];
      strokeSegment(raster, (e.x1 - d.x0) * d.scale, e.y1 * d.scale, (e.x2 - d.x0) * d.scale, e.y2 * d.scale, style);
    }
  }
}

/**
 * A hand rasteriser that keeps its accumulator while the size stays: `draw(d, styles, out)` writes
 * `d`'s picture as straight 8-bit RGBA (ImageData's layout) into `out` (d.width · d.height · 4 bytes).
 */
export function createEdgeRasteriser(): { draw(d: EdgePaint, styles: LevelStyles, out: Uint8ClampedArray): void } {
  let raster: EdgeRaster | null = null;
  return {
    draw(d, styles, out) {
      if (!raster || raster.width !== d.width || raster.height !== d.height) raster = createRaster(d.width, d.height);
      rasterEdges(raster, d, styles);
      toRgba(raster, out);
    },
  };
}
