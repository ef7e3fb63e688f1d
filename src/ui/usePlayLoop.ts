import { useEffect } from 'react';
import type { LabController } from '../lab/controller';

/**
 * Drives the controller once per animation frame while it plays (training as many units as the speed
 * owes within the frame's budget) or while it replays a link, a lesson or a reload (about 12 ms of
 * replay per frame, so the page stays responsive and the progress bar moves).
 */
export function usePlayLoop(controller: LabController, playing: boolean, restoring: boolean): void {
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
