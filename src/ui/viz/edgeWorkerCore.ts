/**
 * The edge worker's protocol and its logic, without the worker's globals (so it is tested in Node):
 * the page posts a drawing per canvas (its values copied, the edge positions only when the canvas's
 * layout changed, the strokes of its colour levels); the worker keeps only the newest drawing of each
 * canvas until it gets to them (a canvas that changed twice meanwhile is drawn once, with its newest
 * values), rasterises each by hand (edgeStrokes.ts, the page's own rasteriser) and replies with the
 * RGBA pixels, transferred.
 */
import { createEdgeRasteriser, type EdgeLine, type EdgePaint, type LevelStyles } from './edgeStrokes';

/** Page → worker: draw canvas `canvas` (a number the page gave it); `seq` orders its drawings. */
export interface EdgeDrawRequest {
  type: 'draw';
  canvas: number;
  seq: number;
  /** x1, y1, x2, y2 of each edge (layout units) when the canvas's edges changed since its last request; else null. */
  positions: Float64Array | null;
  values: Float64Array | null;
  maxAbs: number;
  scale: number;
  x0: number;
  width: number;
  height: number;
  /** Each colour level's stroke (levelStyles of maxAbs and scale). */
  styles: LevelStyles;
  /** A buffer the page is done with, to hold the reply's pixels when its size fits (transferred), or null. */
  buffer: ArrayBuffer | null;
}

/** Page → worker: canvas `canvas` is gone (its layout and accumulators are freed). */
export interface EdgeForgetRequest {
  type: 'forget';
  canvas: number;
}

export type EdgeWorkerRequest = EdgeDrawRequest | EdgeForgetRequest;

/** Worker → page: the picture of drawing `seq` of canvas `canvas`, width · height · 4 bytes of straight RGBA. */
export interface EdgeDrawReply {
  canvas: number;
  seq: number;
  width: number;
  height: number;
  pixels: ArrayBuffer;
}

/** Edge positions as the request carries them: x1, y1, x2, y2 per edge. */
export function packPositions(edges: readonly EdgeLine[]): Float64Array {
  const out = new Float64Array(edges.length * 4);
  edges.forEach((e, k) => out.set([e.x1, e.y1, e.x2, e.y2], k * 4));
  return out;
}

function unpackPositions(positions: Float64Array): EdgeLine[] {
  const edges: EdgeLine[] = [];
  for (let k = 0; k + 3 < positions.length; k += 4) edges.push({ x1: positions[k], y1: positions[k + 1], x2: positions[k + 2], y2: positions[k + 3] });
  return edges;
}

/** Accumulators kept per canvas: one per size (play and full quality differ), the two most recent. */
const SIZES_KEPT = 2;

/**
 * The worker's state: `receive` each request as it arrives, `drawPending` when the worker gets to
 * them (after the messages waiting meanwhile have been received). `reply` posts a picture.
 */
export function createEdgeWorkerCore(reply: (message: EdgeDrawReply, transfer: Transferable[]) => void) {
  const edgesOf = new Map<number, EdgeLine[]>();
  const pending = new Map<number, EdgeDrawRequest>();
  const rasterisers = new Map<number, Map<string, ReturnType<typeof createEdgeRasteriser>>>();

  const rasteriserFor = (canvas: number, width: number, height: number) => {
    let sizes = rasterisers.get(canvas);
    if (!sizes) rasterisers.set(canvas, (sizes = new Map()));
    const key = `${width}x${height}`;
    let r = sizes.get(key);
    if (!r) {
      if (sizes.size >= SIZES_KEPT) sizes.delete(sizes.keys().next().value as string);
      sizes.set(key, (r = createEdgeRasteriser()));
    }
    return r;
  };

  return {
    receive(request: EdgeWorkerRequest): void {
      if (request.type === 'forget') {
        edgesOf.delete(request.canvas);
        pending.delete(request.canvas);
        rasterisers.delete(request.canvas);
        return;
      }
      // Positions are kept at once: a newer request that replaces this one may carry none.
      if (request.positions) edgesOf.set(request.canvas, unpackPositions(request.positions));
      pending.set(request.canvas, request);
    },
    /** Draws every canvas's newest request and replies with each picture; how many were drawn. */
    drawPending(): number {
      const requests = [...pending.values()];
      pending.clear();
      for (const r of requests) {
        const bytes = r.width * r.height * 4;
        const pixels = r.buffer && r.buffer.byteLength === bytes ? new Uint8ClampedArray(r.buffer) : new Uint8ClampedArray(bytes);
        const d: EdgePaint = { edges: edgesOf.get(r.canvas) ?? [], values: r.values, maxAbs: r.maxAbs, scale: r.scale, x0: r.x0, width: r.width, height: r.height };
        rasteriserFor(r.canvas, r.width, r.height).draw(d, r.styles, pixels);
        reply({ canvas: r.canvas, seq: r.seq, width: r.width, height: r.height, pixels: pixels.buffer as ArrayBuffer }, [pixels.buffer as ArrayBuffer]);
      }
      return requests.length;
    },
  };
}
