import { useEffect } from 'react';
import type { LabController } from '../lab/controller';
import { beginEdgeFrame, setEdgePlaying } from './viz/edgeDrawQueue';

/**
 * Milliseconds, from the start of a frame of play's work, after which that frame draws no more edge
 * canvases: the frame's training (FRAME_BUDGET_MS) and the view's re-render come first, the edges
 * take what is left, so a frame stays one short task. A frame that re-rendered the diagram is
 * usually spent already and leaves its edges to the next frames; a canvas that falls behind draws
 * only its newest values.
 */
export const PLAY_EDGE_BUDGET_MS = 18;

/**
 * Drives the controller once per animation frame while it plays (training as many units as the speed
 * owes within the frame's budget) or while it replays a link, a lesson or a reload (about 12 ms of
 * replay per frame, so the page stays responsive and the progress bar moves). While it plays, the edge
 * canvases draw at play quality within PLAY_EDGE_BUDGET_MS of each frame's start; once it stops, the
 * queue draws them again in full, a few a frame, so the paused diagram ends with the current record's numbers.
 */
export function usePlayLoop(controller: LabController, playing: boolean, restoring: boolean): void {
  useEffect(() => {
    if (!playing) return undefined;
    setEdgePlaying(true, PLAY_EDGE_BUDGET_MS);
    return () => setEdgePlaying(false);
  }, [playing]);
  useEffect(() => {
    if (!playing && !restoring) return undefined;
    let frame = 0;
    const tick = (frameTime: number) => {
      beginEdgeFrame(frameTime, performance.now());
      const more = restoring ? !controller.advanceRestore(12) : controller.playFrame();
      if (more) frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [controller, playing, restoring]);
}
