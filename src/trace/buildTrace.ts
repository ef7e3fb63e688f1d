import { backwardEquations } from './backward';
import { snapshotter } from './equation';
import { forwardEquations } from './forward';
import { lossEquation } from './loss';
import { normalizeEquation } from './normalize';
import type { Equation, Matrix, StepRecord, TraceContext } from './types';
import { updateEquations } from './update';

/**
 * Every equation of one training step, in the order they happen: the batch's normalisation (when
 * there is a raw batch and a normalisation other than 'none'), the forward pass per layer, the loss,
 * the backward pass (l = L..1) and the optimiser's update lines (l = 1..L). Unless `context.copy` is
 * false, the record's matrices are copied once each, so the equations stay right after the engine
 * reuses its buffers.
 */
export function buildTrace(record: StepRecord, context: TraceContext): Equation[] {
  const snap = context.copy === false ? (M: Matrix) => M : snapshotter();
  const normalize = normalizeEquation(record, context, snap);
  return [
    ...(normalize ? [normalize] : []),
    ...forwardEquations(record, snap),
    lossEquation(record, snap),
    ...backwardEquations(record, snap),
    ...updateEquations(record, snap),
  ];
}

/** m, the batch size of a trace (every equation carries it); 0 for an empty trace. */
export function batchSizeOf(equations: readonly Equation[]): number {
  return equations[0]?.m ?? 0;
}
