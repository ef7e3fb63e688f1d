/**
 * What one edge canvas has painted and what it still has to paint: the link between the values the
 * diagram hands a canvas and the drawing queue (edgeDrawQueue). A canvas asks for a drawing only when
 * its values (or size) differ from the last drawing it asked for; when they are back to what it last
 * painted, the waiting drawing is dropped. No DOM here, so the path from a record's weights to the
 * painted values is tested in Node (edgePainter.test.ts).
 */
import type { EdgePaint } from './edgeDraw';
import { cancelEdgeDraw, requestEdgeDraw, type EdgeQuality } from './edgeDrawQueue';

export type { EdgePaint } from './edgeDraw';

/** True when two drawings would paint the same picture (same edges, numbers, scale and size). */
export function samePaint(a: EdgePaint, b: EdgePaint): boolean {
  if (a.edges !== b.edges || !Object.is(a.maxAbs, b.maxAbs) || a.scale !== b.scale || a.x0 !== b.x0 || a.width !== b.width || a.height !== b.height) return false;
  if (a.values === b.values) return true;
  if (!a.values || !b.values || a.values.length !== b.values.length) return false;
  for (let e = 0; e < a.values.length; e++) if (!Object.is(a.values[e], b.values[e])) return false;
  return true;
}

/** A canvas's painter: `show` a drawing; `painted` is the last one drawn and at which quality. */
export interface EdgePainter {
  show(drawing: EdgePaint, priority: number): void;
  readonly painted: { drawing: EdgePaint; quality: EdgeQuality } | null;
  /** The canvas is gone: drop its waiting drawing. */
  dispose(): void;
}

/**
 * A painter for the canvas `key` that paints with `paint(drawing, quality)` when the queue gives it
 * a turn (at 'play' quality during play; the queue draws it again at 'full' once play stops).
 */
export function createEdgePainter(key: object, paint: (drawing: EdgePaint, quality: EdgeQuality) => void): EdgePainter {
  let wanted: EdgePaint | null = null;
  let painted: { drawing: EdgePaint; quality: EdgeQuality } | null = null;
  return {
    show(drawing, priority) {
      if (wanted && samePaint(wanted, drawing)) return;
      wanted = drawing;
      if (painted && painted.quality === 'full' && samePaint(painted.drawing, drawing)) {
        // Back to what is on the canvas (or a copy of the same numbers): nothing to draw.
        cancelEdgeDraw(key, false);
        return;
      }
      requestEdgeDraw(key, (quality) => {
        paint(drawing, quality);
        painted = { drawing, quality };
      }, priority);
    },
    get painted() {
      return painted;
    },
    dispose() {
      cancelEdgeDraw(key);
    },
  };
}
