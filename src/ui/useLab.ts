import { useMemo, useState, useSyncExternalStore } from 'react';
import type { LabSettings } from '../lab/settings';
import type { LabSession } from '../lab/session';
import { LabStore } from './labStore';

/** The lab's actions, bound to the store (stable across renders). */
export interface LabActions {
  stepEquation(): void;
  finishBatch(): void;
  stepEpoch(): void;
  stepBack(): void;
  reset(): void;
  newSeed(): void;
  evaluateNow(): void;
  applySettings(settings: LabSettings): void;
}

/**
 * One LabStore for the page. Returns the store, its session (null until the data panel delivers a
 * dataset), the session's version (changes whenever anything changed) and the actions.
 */
export function useLab(initial: LabSettings): { store: LabStore; session: LabSession | null; version: number; actions: LabActions } {
  const [store] = useState(() => new LabStore(initial));
  const version = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const actions = useMemo<LabActions>(() => ({
    stepEquation: () => store.act((s) => s.stepEquation()),
    finishBatch: () => store.act((s) => s.finishBatch()),
    stepEpoch: () => store.act((s) => s.stepEpoch()),
    stepBack: () => store.act((s) => s.stepBack()),
    reset: () => store.act((s) => s.reset()),
    newSeed: () => store.act((s) => s.newSeed()),
    evaluateNow: () => store.act((s) => s.evaluateNow()),
    applySettings: (settings) => store.act((s) => s.applySettings(settings)),
  }), [store]);
  return { store, session: store.session, version, actions };
}
