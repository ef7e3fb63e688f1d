/**
 * When the edge canvases draw: in animation frames, each frame only as many as fit in its budget, the
 * rest in the next frames, current layer first. A canvas whose values change again before it was drawn
 * draws only the newest values (the older ones are skipped), so the queue never holds more than one
 * drawing per canvas.
 *
 * Three regimes:
 * - play (setEdgePlaying(true)): drawings are at 'play' quality (the canvas at half resolution, a
 *   quarter of the pixels) within PLAY budget a frame, counted from the start of the frame's work
 *   (beginEdgeFrame), so a frame that already trained and re-rendered the diagram draws no edges and
 *   the next one does;
 * - settling (after play stops): every canvas last painted at 'play' quality is drawn again at 'full'
 *   quality with the values it holds, a few a frame (SETTLE budget), so no frame is one long task;
 * - still (stepping): the same per-frame budget as settling; a step whose edges did not change draws nothing.
 *
 * Why a frame and not the render's effect: several canvases change in one commit and the frame lets
 * them share one budget; and a step's click still paints its first canvases (the current layer's) in
 * the frame that follows it, since animation-frame callbacks run before that frame's paint.
 */

/** How finely a canvas draws: 'play' at half resolution (cheaper, a little blurred), 'full' as shown. */
export type EdgeQuality = 'play' | 'full';

/** Draws one canvas at the quality given. */
export type EdgeDraw = (quality: EdgeQuality) => void;

/** Lower draws first: the current equation's layer, then canvases on screen, then the rest. */
export const EDGE_PRIORITY = { current: 0, visible: 1, hidden: 2 } as const;

/** Milliseconds of edge drawing a frame may spend while paused or stepping (the first canvas always draws). */
export const STILL_EDGE_BUDGET_MS = 24;

interface Waiting { draw: EdgeDraw; priority: number; order: number }

const pending = new Map<object, Waiting>();
/** What each canvas last painted, and at which quality (to draw it again at full quality once play stops). */
const painted = new Map<object, { draw: EdgeDraw; priority: number; quality: EdgeQuality }>();
let budgetMs = STILL_EDGE_BUDGET_MS;
let playing = false;
let scheduled = 0;
let requests = 0;
/** The frame whose work started at `start` (beginEdgeFrame), by its animation-frame time. */
let frame = { time: Number.NaN, start: 0 };
/** Mean milliseconds of one canvas's drawing at each quality, to stop before one that would overrun. */
const perDraw: Record<EdgeQuality, number> = { play: 0, full: 0 };
let skippedLast = false;

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

function flush(frameTime: number): void {
  scheduled = 0;
  const start = frameTime === frame.time ? frame.start : now();
  const quality: EdgeQuality = playing ? 'play' : 'full';
  const order = [...pending].sort((a, b) => a[1].priority - b[1].priority || a[1].order - b[1].order);
  let drawn = 0;
  for (const [key, wait] of order) {
    const elapsed = now() - start;
    // The first canvas of a frame always draws, except in a frame already half spent by other work
    // (it trained and re-rendered the view) when it would overrun: that frame draws none, but never two
    // frames in a row, so drawing always progresses.
    const over = elapsed + perDraw[quality] > budgetMs;
    if (over && (drawn > 0 || (elapsed > budgetMs / 2 && !skippedLast))) break;
    pending.delete(key);
    const t0 = now();
    wait.draw(quality);
    const cost = now() - t0;
    perDraw[quality] = perDraw[quality] === 0 ? cost : 0.7 * perDraw[quality] + 0.3 * cost;
    painted.set(key, { draw: wait.draw, priority: wait.priority, quality });
    drawn += 1;
  }
  skippedLast = drawn === 0 && order.length > 0;
  if (pending.size > 0) schedule();
}

function schedule(): void {
  if (scheduled !== 0) return;
  if (typeof requestAnimationFrame === 'undefined') {
    flush(Number.NaN);
    return;
  }
  scheduled = requestAnimationFrame(flush);
}

/**
 * Draws `draw` in the next animation frame that has room, in place of any drawing still waiting for
 * the same `key` (a canvas). Lower `priority` first (EDGE_PRIORITY), then the order of the requests.
 */
export function requestEdgeDraw(key: object, draw: EdgeDraw, priority: number = EDGE_PRIORITY.visible): void {
  const waiting = pending.get(key);
  pending.set(key, { draw, priority, order: waiting ? waiting.order : requests++ });
  schedule();
}

/** Forgets the drawing waiting for `key`, and what it painted (its canvas is gone, or already shows those values). */
export function cancelEdgeDraw(key: object, forget = true): void {
  pending.delete(key);
  if (forget) painted.delete(key);
}

/**
 * Milliseconds of drawing one frame may spend, counted from beginEdgeFrame's start when the frame
 * began one, else from the first drawing; the first canvas of a frame draws even past it (unless the
 * frame was already spent and the previous frame drew). Infinity draws everything in the next frame.
 */
export function setEdgeDrawBudget(ms: number): void {
  budgetMs = ms;
}

/**
 * Play starts (`on`: drawings at 'play' quality within `budgetMs` a frame) or stops: then every canvas
 * painted at 'play' quality is queued again at full quality with the values it holds, in the priority
 * it had, and the frames after draw them within STILL_EDGE_BUDGET_MS each.
 */
export function setEdgePlaying(on: boolean, ms: number = STILL_EDGE_BUDGET_MS): void {
  playing = on;
  budgetMs = on ? ms : STILL_EDGE_BUDGET_MS;
  if (on) return;
  for (const [key, last] of painted) {
    if (last.quality === 'play' && !pending.has(key)) pending.set(key, { draw: last.draw, priority: last.priority, order: requests++ });
  }
  if (pending.size > 0) schedule();
}

/**
 * The frame of animation-frame time `frameTime` began its work (training, the view) at `startMs`
 * (performance.now): its edge drawing counts its budget from there, so the frame as a whole stays in budget.
 */
export function beginEdgeFrame(frameTime: number, startMs: number): void {
  frame = { time: frameTime, start: startMs };
}

/** How many canvases are waiting to be drawn. */
export function pendingEdgeDraws(): number {
  return pending.size;
}

/** The quality `key` was last painted at, or null (not painted, or forgotten). */
export function paintedQuality(key: object): EdgeQuality | null {
  return painted.get(key)?.quality ?? null;
}
