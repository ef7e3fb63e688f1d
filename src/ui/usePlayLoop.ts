import { useEffect } from 'react';
import { FRAME_BUDGET_MS, runWithinBudget, SPEED_SPECS, unitsOwed } from '../lab/play';
import type { PlaySpeed } from '../lab/settings';
import type { LabStore } from './labStore';

/**
 * While `playing`, trains on every animation frame as many units (batches, or equations at the
 * slowest speed) as the speed owes and fit in FRAME_BUDGET_MS, then publishes once, so React draws
 * once per frame. Calls onStop when the session refuses to go on (training diverged).
 */
export function usePlayLoop(store: LabStore, playing: boolean, speed: PlaySpeed, onStop: () => void): void {
  useEffect(() => {
    if (!playing) return undefined;
    const spec = SPEED_SPECS[speed];
    let frame = 0;
    let last = performance.now();
    let carry = 0;
    const tick = (now: number) => {
      const owed = unitsOwed(spec.perSecond, now - last, carry);
      last = now;
      carry = owed.carry;
      const session = store.session;
      if (session && owed.count > 0) {
        const step = spec.unit === 'batch' ? () => session.playBatch() : () => session.stepEquation();
        const run = runWithinBudget(step, () => performance.now(), FRAME_BUDGET_MS, owed.count);
        store.publish();
        if (run.stopped) {
          onStop();
          return;
        }
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [store, playing, speed, onStop]);
}
