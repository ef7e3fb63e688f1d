/**
 * When the edge canvases draw: in the next animation frame, all of them, except during play, when each
 * frame draws only as many as fit in its budget and the rest wait for the next frames. A canvas whose
 * values change again before it was drawn draws only the newest values (the older ones are skipped),
 * so play never queues more work than one drawing per canvas.
 *
 * Why a frame and not the render's effect: several canvases change in one commit and the frame lets
 * them share one budget; and a step's click still paints its edges in the frame that follows it,
 * since animation-frame callbacks run before that frame's paint.
 */

type Draw = () => void;

const pending = new Map<object, Draw>();
let budgetMs = Number.POSITIVE_INFINITY;
let scheduled = 0;

const now = () => (typeof performance !== 'undefined' ? performance.now() : Date.now());

function flush(): void {
  scheduled = 0;
  const start = now();
  for (const [key, draw] of pending) {
    pending.delete(key);
    draw();
    if (pending.size > 0 && now() - start >= budgetMs) break;
  }
  if (pending.size > 0) schedule();
}

function schedule(): void {
  if (scheduled !== 0) return;
  if (typeof requestAnimationFrame === 'undefined') {
    flush();
    return;
  }
  scheduled = requestAnimationFrame(flush);
}

/**
 * Draws `draw` in the next animation frame that has room, in place of any drawing still waiting for
 * the same `key` (a canvas). Order among keys is the order they were first requested.
 */
export function requestEdgeDraw(key: object, draw: Draw): void {
  pending.set(key, draw);
  schedule();
}

/** Forgets the drawing waiting for `key` (its canvas is gone). */
export function cancelEdgeDraw(key: object): void {
  pending.delete(key);
}

/**
 * Milliseconds of drawing one frame may spend before the rest waits for the next frame (at least one
 * canvas is drawn each frame). Infinity (the default, and whenever play stops) draws everything in the
 * next frame, so a paused or stepped diagram is complete in the frame after the change.
 */
export function setEdgeDrawBudget(ms: number): void {
  budgetMs = ms;
}

/** How many canvases are waiting to be drawn (for tests). */
export function pendingEdgeDraws(): number {
  return pending.size;
}
