/**
 * The play loop's budgeting, as pure functions of a clock: how much work one animation frame owes at
 * a given speed, and running that work until the frame's time budget (about 8 ms) is spent. Training
 * runs on the main thread, so the rest of the frame stays free for drawing once.
 */
import type { PlaySpeed } from './settings';

/** Milliseconds of training per animation frame: leaves room for one draw within a 16.7 ms frame. */
export const FRAME_BUDGET_MS = 8;

/** What one speed does: the unit it advances and how many units per second (Infinity = as many as fit). */
export interface SpeedSpec { unit: 'equation' | 'batch'; perSecond: number; label: string }

/** The table behind the speed control. */
export const SPEED_SPECS: { readonly [K in PlaySpeed]: SpeedSpec } = {
  equation: { unit: 'equation', perSecond: 2, label: '2 equations / s' },
  slow: { unit: 'batch', perSecond: 2, label: '2 batches / s' },
  normal: { unit: 'batch', perSecond: 20, label: '20 batches / s' },
  max: { unit: 'batch', perSecond: Number.POSITIVE_INFINITY, label: 'as fast as possible' },
};

/**
 * Units of work owed by a frame that comes dtMs after the previous one, at perSecond units per second,
 * plus the fraction carried over from earlier frames. A long gap (a hidden tab) is capped at `maxCount`
 * and forgets the rest rather than catching up in a burst.
 * @returns count: whole units to do now (Infinity at unlimited speed); carry: the fraction left, in [0, 1).
 */
export function unitsOwed(perSecond: number, dtMs: number, carry: number, maxCount = 1000): { count: number; carry: number } {
  if (!Number.isFinite(perSecond)) return { count: Number.POSITIVE_INFINITY, carry: 0 };
  const owed = carry + (perSecond * Math.max(0, dtMs)) / 1000;
  const count = Math.floor(owed);
  if (count > maxCount) return { count: maxCount, carry: 0 };
  return { count, carry: owed - count };
}

/** How one frame's run ended. */
export interface BudgetRun {
  /** Units done. */
  count: number;
  /** Milliseconds spent, by the clock given. */
  elapsedMs: number;
  /** True when `step` refused to go on (e.g. training diverged). */
  stopped: boolean;
}

/**
 * Runs `step` up to `maxCount` times, stopping before the budget would be exceeded: after each unit the
 * mean time per unit so far predicts the next one, and it only starts if it should end within budgetMs.
 * At least one unit runs when any is owed, so a slow step still makes progress.
 * @param step does one unit; returns false to stop the run.
 * @param now a clock in milliseconds (performance.now in the browser, a fake in tests).
 */
export function runWithinBudget(step: () => boolean, now: () => number, budgetMs: number, maxCount: number): BudgetRun {
  const start = now();
  let count = 0;
  let elapsedMs = 0;
  while (count < maxCount) {
    if (!step()) return { count, elapsedMs: now() - start, stopped: true };
    count += 1;
    elapsedMs = now() - start;
    const perUnit = elapsedMs / count;
    if (elapsedMs + perUnit > budgetMs) break;
  }
  return { count, elapsedMs, stopped: false };
}
