/**
 * "Check gradients" on the batch on screen: the report of gradcheckReport.ts with where it was
 * checked, or why finite differences would mislead here (gradcheckGuard.ts). This module loads on
 * demand (lazyCode.ts's gradcheckCode), with those two.
 */
import { gradcheckObstacle } from './gradcheckGuard';
import { gradcheckInputs, runGradientCheck, type GradcheckReport } from './gradcheckReport';
import type { LabSession } from './session';

/** What a gradient check gave: a report with where it was checked, or why it was not run. */
export type GradientCheckOutcome =
  | { kind: 'report'; report: GradcheckReport; where: string; ms: number }
  | { kind: 'obstacle'; message: string };

/**
 * The gradient check of the batch on screen of `s` (its parameters before the update; the first
 * training samples before any batch), timed by `now`.
 */
export function checkGradients(s: LabSession, now: () => number): GradientCheckOutcome {
  const inputs = gradcheckInputs(s);
  const obstacle = gradcheckObstacle(inputs, s.divergence !== null);
  if (obstacle) return { kind: 'obstacle', message: obstacle };
  const started = now();
  const report = runGradientCheck(inputs);
  const entry = s.entry;
  const where = entry
    ? `batch ${entry.batchIndex + 1}/${entry.batchCount} of epoch ${entry.epoch + 1} (update ${entry.update}), with its parameters before the update`
    : 'the first training samples, with the initial parameters';
  return { kind: 'report', report, where, ms: now() - started };
}
