import { useEffect, useRef, useState } from 'react';
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
 * canvases draw at play quality within PLAY_EDGE_BUDGET_MS of each frame's start. Once it stops and
 * that frame is painted, the controller settles the pause (LabController.settlePause) and the queue
 * draws the canvases again in full, a few a frame, so the paused diagram ends with the current record's numbers.
 */
export function usePlayLoop(controller: LabController, playing: boolean, restoring: boolean): void {
  // The settling of the last pause, still waiting for its frame to be painted (cancelled if play starts again first).
  const settling = useRef<(() => void) | null>(null);
  useEffect(() => {
    if (!playing) return undefined;
    settling.current?.();
    settling.current = null;
    setEdgePlaying(true, PLAY_EDGE_BUDGET_MS);
    // Play stopped: the stopped frame is painted first (a pause's view keeps play's diagram and charts,
    // see LabController.togglePlay); then the paused view in full, and the edges again at full quality
    // with its values (not first with play's, to be drawn again at once).
    return () => {
      settling.current = afterNextPaint(() => {
        settling.current = null;
        setEdgePlaying(false);
        controller.settlePause();
      });
    };
  }, [controller, playing]);
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

/** The equation list as the screen shows it: the equations, the current index, and whether it is play's frozen list. */
export interface ShownEquations<E> {
  equations: E[];
  current: number;
  frozen: boolean;
}

/**
 * Runs `work` after the next frame has been painted (a task after the next animation frame); returns a
 * cancel. Without animation frames (tests) it runs now.
 */
function afterNextPaint(work: () => void): () => void {
  if (typeof requestAnimationFrame !== 'function') {
    work();
    return () => {};
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(work, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
}

/**
 * The equation list to draw, given the view's: when play stops, the frozen list stays one frame more
 * (still marked frozen), so the frame that shows play stopped (the button, counters, diagram and
 * charts, all exact) is painted without waiting for the caught-up list's typesetting and layout; the
 * list follows in the task after that paint. Any other change of the list shows at once.
 */
export function useEquationsAfterPlay<E>(equations: E[], current: number, frozen: boolean): ShownEquations<E> {
  const [last, setLast] = useState<ShownEquations<E>>({ equations, current, frozen });
  const [held, setHeld] = useState<ShownEquations<E> | null>(null);
  if (last.equations !== equations || last.current !== current || last.frozen !== frozen) {
    // React's pattern for state from the previous render: set during render, redone before the commit.
    setLast({ equations, current, frozen });
    setHeld(last.frozen && !frozen && typeof requestAnimationFrame === 'function' ? last : null);
  }
  useEffect(() => (held ? afterNextPaint(() => setHeld(null)) : undefined), [held]);
  return held ?? { equations, current, frozen };
}

/**
 * True while `playing`, and once it stops, until two more frames have been painted (the stopped frame,
 * then the paused view's, see usePlayLoop): what they may leave for the task after (the diagram's
 * rows scrolled out of view) stays as during play until then, so those frames are painted sooner.
 */
export function usePlayingUntilPainted(playing: boolean): boolean {
  const [was, setWas] = useState(playing);
  const [trailing, setTrailing] = useState(false);
  if (was !== playing) {
    setWas(playing);
    setTrailing(was && !playing && typeof requestAnimationFrame === 'function');
  }
  useEffect(() => {
    if (!trailing) return undefined;
    let cancel = afterNextPaint(() => {
      cancel = afterNextPaint(() => setTrailing(false));
    });
    return () => cancel();
  }, [trailing]);
  return playing || trailing;
}
