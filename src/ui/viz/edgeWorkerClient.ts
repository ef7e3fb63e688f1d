/**
 * The page's side of the edge worker (edgeWorker.ts): one worker for every edge canvas, started with
 * the first drawing and ended when the last canvas goes. A canvas posts its drawing (values copied,
 * positions only when its edges changed) and puts the picture the worker sends back, unless a newer
 * drawing was asked for meanwhile (by the worker or on the page). The pixels' buffers go back to the
 * worker with the next requests, so drawing allocates nothing once the sizes are known. Where there is
 * no Worker (Node, tests) or the worker fails, the page draws (the fallback), including any drawing
 * the worker had not answered.
 */
import EdgeWorker from './edgeWorker.ts?worker';
import { levelStyles, type EdgeLine, type EdgePaint } from './edgeDraw';
import { packPositions, type EdgeDrawReply, type EdgeWorkerRequest } from './edgeWorkerCore';

interface Target {
  canvas: HTMLCanvasElement;
  /** The newest drawing asked for; a reply of an older one is dropped. */
  seq: number;
  /** The edges the worker holds for this canvas. */
  sent: readonly EdgeLine[] | null;
  /** The newest drawing posted and not answered yet (drawn on the page if the worker fails). */
  waiting: EdgePaint | null;
  fallback: (d: EdgePaint) => void;
}

let worker: Worker | null = null;
let failed = false;
const targets = new Map<number, Target>();
let nextCanvas = 1;
/** Pixel buffers the page is done with, by byte length (a few of each size). */
const pool = new Map<number, ArrayBuffer[]>();
const POOL_PER_SIZE = 4;

function recycle(buffer: ArrayBuffer): void {
  let list = pool.get(buffer.byteLength);
  if (!list) pool.set(buffer.byteLength, (list = []));
  if (list.length < POOL_PER_SIZE) list.push(buffer);
}

function fail(): void {
  failed = true;
  worker?.terminate();
  worker = null;
  for (const t of targets.values()) {
    const d = t.waiting;
    t.waiting = null;
    t.sent = null;
    if (d) t.fallback(d);
  }
}

function apply(reply: EdgeDrawReply): void {
  const t = targets.get(reply.canvas);
  if (t && reply.seq === t.seq) {
    t.waiting = null;
    const { canvas } = t;
    if (canvas.width !== reply.width) canvas.width = reply.width;
    if (canvas.height !== reply.height) canvas.height = reply.height;
    const ctx = canvas.getContext('2d');
    if (ctx && reply.width > 0 && reply.height > 0) {
      ctx.putImageData(new ImageData(new Uint8ClampedArray(reply.pixels), reply.width, reply.height), 0, 0);
    }
  }
  recycle(reply.pixels);
}

function started(): Worker | null {
  if (failed || typeof Worker === 'undefined') return null;
  if (!worker) {
    try {
      // A file of its own in dist/, inlined as a Blob URL in the single file (vite.config.ts).
      worker = new EdgeWorker();
    } catch {
      failed = true;
      return null;
    }
    worker.onmessage = (event: MessageEvent<EdgeDrawReply>) => apply(event.data);
    worker.onerror = fail;
    worker.onmessageerror = fail;
  }
  return worker;
}

/** One canvas's link to the worker. */
export interface EdgeSurface {
  /** Asks the worker to draw `d` (its picture arrives a few milliseconds later); false when there is no worker: draw it on the page. */
  post(d: EdgePaint): boolean;
  /** The page draws this canvas now: a picture still coming from the worker is dropped. */
  supersede(): void;
  /** The canvas is gone. */
  dispose(): void;
}

/** The link of `canvas` to the edge worker; `fallback` draws on the page what the worker could not. */
export function edgeSurface(canvas: HTMLCanvasElement, fallback: (d: EdgePaint) => void): EdgeSurface {
  const id = nextCanvas++;
  const target: Target = { canvas, seq: 0, sent: null, waiting: null, fallback };
  targets.set(id, target);
  return {
    post(d) {
      const w = started();
      if (!w) return false;
      target.seq += 1;
      const positions = target.sent === d.edges ? null : packPositions(d.edges);
      target.sent = d.edges;
      target.waiting = d;
      // An exact copy (a view of a larger buffer would be cloned whole), handed over rather than copied again.
      const values = d.values ? d.values.slice() : null;
      const buffer = pool.get(d.width * d.height * 4)?.pop() ?? null;
      const request: EdgeWorkerRequest = {
        type: 'draw', canvas: id, seq: target.seq, positions, values,
        maxAbs: d.maxAbs, scale: d.scale, x0: d.x0, width: d.width, height: d.height, styles: levelStyles(d.maxAbs, d.scale), buffer,
      };
      const transfer: Transferable[] = [];
      if (values) transfer.push(values.buffer);
      if (positions) transfer.push(positions.buffer);
      if (buffer) transfer.push(buffer);
      w.postMessage(request, transfer);
      return true;
    },
    supersede() {
      target.seq += 1;
      target.waiting = null;
    },
    dispose() {
      targets.delete(id);
      if (!worker) return;
      if (targets.size === 0) {
        worker.terminate();
        worker = null;
        pool.clear();
      } else worker.postMessage({ type: 'forget', canvas: id } satisfies EdgeWorkerRequest);
    },
  };
}
