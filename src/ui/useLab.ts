import { useMemo, useState, useSyncExternalStore } from 'react';
import { LabController } from '../lab/controller';
import type { LabSettings, PlaySpeed } from '../lab/settings';
import type { LabView } from '../lab/view';

/** The lab's actions, bound to the controller (stable across renders). */
export interface LabActions {
  stepEquation(): void;
  finishBatch(): void;
  stepEpoch(): void;
  stepBack(): void;
  reset(): void;
  newSeed(): void;
  undo(): void;
  evaluateNow(): void;
  togglePlay(): void;
  setSpeed(speed: PlaySpeed): void;
  applySettings(settings: LabSettings): void;
  selectEquation(index: number): void;
  setSample(index: number): void;
}

/**
 * One LabController for the page and its view: React subscribes with useSyncExternalStore, so a render
 * never sees half an update and memoisation keys on the view's identity. Loads the default data on first use.
 */
export function useLab(): { controller: LabController; view: LabView; actions: LabActions } {
  const [controller] = useState(() => {
    const c = new LabController({ now: () => performance.now() });
    c.start();
    return c;
  });
  const view = useSyncExternalStore(controller.subscribe, controller.getView);
  const actions = useMemo<LabActions>(() => ({
    stepEquation: () => controller.stepEquation(),
    finishBatch: () => controller.finishBatch(),
    stepEpoch: () => controller.stepEpoch(),
    stepBack: () => controller.stepBack(),
    reset: () => controller.reset(),
    newSeed: () => controller.newSeed(),
    undo: () => controller.undo(),
    evaluateNow: () => controller.evaluateNow(),
    togglePlay: () => controller.togglePlay(),
    setSpeed: (speed) => controller.setSpeed(speed),
    applySettings: (settings) => controller.applySettings(settings),
    selectEquation: (index) => controller.selectEquation(index),
    setSample: (index) => controller.setSample(index),
  }), [controller]);
  return { controller, view, actions };
}
