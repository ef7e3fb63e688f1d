import { useEffect } from 'react';
import type { LabController } from '../lab/controller';
import { setEdgeDrawBudget } from './viz/edgeDrawQueue';

/**
 * Milliseconds of edge drawing a frame of play may spend (beside FRAME_BUDGET_MS of training): a
 * large network's diagram refresh is spread over a few frames, one or two layers a frame, instead of
 * one long task; a canvas that falls behind draws only its newest values.
 */
export const PLAY_EDGE_BUDGET_MS = 10;

/**
 * Drives the controller once per animation frame while it plays (training as many units as the speed
 * owes within the frame's budget) or while it replays a link, a lesson or a reload (about 12 ms of
 * replay per frame, so the page stays responsive and the progress bar moves). While it plays, the edge
 * canvases draw within PLAY_EDGE_BUDGET_MS a frame; once it stops, whatever is left is drawn in the
 * next frame, so the paused diagram shows the current record's numbers.
 */
export function usePlayLoop(controller: LabController, playing: boolean, restoring: boolean): void {
  useEffect(() => {
    if (!playing) return undefined;
    setEdgeDrawBudget(PLAY_EDGE_BUDGET_MS);
    return () => setEdgeDrawBudget(Number.POSITIVE_INFINITY);
  }, [playing]);
  useEffect(() => {
    if (!playing && !restoring) return undefined;
    let frame = 0;
    const tick = () => {
      const more = restoring ? !controller.advanceRestore(12) : controller.playFrame();
      if (more) frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [controller, playing, restoring]);
}
