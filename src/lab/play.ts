/**
 * The play loop's budgeting, as pure functions of a clock: how much work one animation frame owes at
 * a given speed, running that work until the frame's time budget (about 8 ms; 2 ms in a frame that
 * re-renders the diagram) is spent, and what is left owed for the next frames. Training runs on the
 * main thread, so the rest of the frame stays free for drawing.
 */
import type { PlaySpeed } from './settings';

/** Milliseconds of training per animation frame: leaves room for one draw within a 16.7 ms frame. */
export const FRAME_BUDGET_MS = 8;

/**
 * Milliseconds of training in a frame that also re-renders the diagram during full-speed play (about
 * every DIAGRAM_REFRESH_MS): that re-render costs the main thread 15–40 ms, so the frame trains only
 * what fits in this (at least one unit; at full speed none when the frame before already trained the
 * batch it shows, see LabController.playFrame), and the frames between refreshes train the full budget.
 */
export const REFRESH_FRAME_BUDGET_MS = 2;

/** During full-speed play the diagram is re-rendered at most this often (each re-render restyles every neuron and edge). */
export const DIAGRAM_REFRESH_MS = 100;

/**
 * Seconds of owed work a frame may leave for the next ones when it could not do all it owed within
 * its budget: a slow frame is caught up by the next, but a machine that cannot keep up with the speed
 * chosen trains as fast as it can and the rest is dropped (no burst of catching up later).
 */
export const MAX_BACKLOG_SECONDS = 0.25;

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

/**
 * What a frame leaves owed after doing `done` of the `owed.count` units it owed: the units not done
 * plus the fraction, at most MAX_BACKLOG_SECONDS of work at `perSecond` (never less than the fraction).
 * At unlimited speed nothing is owed.
 */
export function carryOver(perSecond: number, owed: { count: number; carry: number }, done: number): number {
  if (!Number.isFinite(perSecond)) return 0;
  const left = Math.max(0, owed.count - done) + owed.carry;
  return Math.min(left, Math.max(owed.carry, perSecond * MAX_BACKLOG_SECONDS));
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
