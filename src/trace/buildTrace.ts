import { backwardEquations } from './backward';
import { snapshotter } from './equation';
import { forwardEquations } from './forward';
import { lossEquation } from './loss';
import { normalizeEquation } from './normalize';
import { visibleIndices } from './matrixTex';
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
  const equations = [
    ...(normalize ? [normalize] : []),
    ...forwardEquations(record, snap),
    lossEquation(record, snap),
    ...backwardEquations(record, snap),
    ...updateEquations(record, snap),
  ];
  if (context.lines && context.lines.length === record.m) equations[0].shapesNote += ` ${linesNote(context.lines)}`;
  return equations;
}

/** "Columns 1, 2, 3 … 49, 50 are lines 4812, 33, 7701 … 129, 5120 of the file." */
export function linesNote(lines: Int32Array): string {
  const shown = visibleIndices(lines.length);
  const columns = shown.map((i) => (i === null ? '…' : String(i + 1))).join(', ').replace(/, …, /, ' … ');
  const values = shown.map((i) => (i === null ? '…' : String(lines[i]))).join(', ').replace(/, …, /, ' … ');
  return lines.length === 1 ? `This sample is line ${lines[0]} of the file.` : `Columns ${columns} are lines ${values} of the file.`;
}

/** m, the batch size of a trace (every equation carries it); 0 for an empty trace. */
export function batchSizeOf(equations: readonly Equation[]): number {
  return equations[0]?.m ?? 0;
}
