import type { Matrix } from '../nn';
import type { LossName } from '../nn';
import { makeEquation, operand } from './equation';
import { formatNumber } from './format';
import { shapeOf } from './matrixTex';
import { sym } from './symbols';
import type { Equation, StepRecord } from './types';

/** The data loss of the batch as KaTeX, with m written as `m` (a string), over the columns a^{(i)}, y^{(i)} of A^{[L]}, Y. */
function dataLossTex(loss: LossName, m: string): string {
  switch (loss) {
    case 'mse':
      return `\\frac{1}{2${m === 'm' ? 'm' : '\\cdot ' + m}}\\sum_{i=1}^{${m}} \\left\\| a^{(i)} - y^{(i)} \\right\\|^2`;
    case 'bce':
      return `-\\frac{1}{${m}}\\sum_{i=1}^{${m}} \\left[ y^{(i)} \\ln a^{(i)} + \\left(1 - y^{(i)}\\right) \\ln\\!\\left(1 - a^{(i)}\\right) \\right]`;
    case 'cce':
      return `-\\frac{1}{${m}}\\sum_{i=1}^{${m}} \\sum_{k} y_k^{(i)} \\ln a_k^{(i)}`;
  }
}

/** The L2 penalty λ/(2m)·Σ_l ‖W^{[l]}‖²_F as KaTeX, with λ and m given as strings. */
function penaltyTex(lambda: string, m: string, L: number): string {
  const denominator = m === 'm' ? '2m' : `2\\cdot ${m}`;
  return `\\frac{${lambda}}{${denominator}}\\sum_{l=1}^{${L}} \\left\\| W^{[l]} \\right\\|_F^2`;
}

const LOSS_WORDS: Record<LossName, string> = {
  mse: 'Mean squared error (with ½ so that its derivative is a − y)',
  bce: 'Binary cross-entropy',
  cce: 'Categorical cross-entropy',
};

/**
 * The batch loss L (a scalar) from A^{[L]} and Y (n_L × m): mse, bce or cce as in CONTRACTS.md,
 * plus λ/(2m)·Σ‖W‖²_F when λ > 0. The numbers show data loss + penalty = record.loss.
 */
export function lossEquation(record: StepRecord, snap: (M: Matrix) => Matrix): Equation {
  const L = record.layers.length;
  const last = record.layers[L - 1];
  const A = snap(last.A);
  const Y = snap(record.Y);
  const { m, lossName } = record;
  const lambda = record.options.l2;
  const withL2 = lambda > 0;
  const symbolic = `L = ${dataLossTex(lossName, 'm')}${withL2 ? ` + ${penaltyTex('\\lambda', 'm', L)}` : ''}`;
  const value = withL2
    ? `${dataLossTex(lossName, String(m))} + ${penaltyTex(formatNumber(lambda), String(m), L)} = ` +
      `${formatNumber(record.dataLoss)} + ${formatNumber(record.l2Penalty)} = ${formatNumber(record.loss)}`
    : `${dataLossTex(lossName, String(m))} = ${formatNumber(record.loss)}`;
  return makeEquation({
    id: 'loss',
    phase: 'loss',
    layer: L,
    symbolic,
    shapes: `${shapeOf(A)},\\ ${shapeOf(Y)} \\to (1\\times 1)`,
    shapesNote:
      `${LOSS_WORDS[lossName]}, averaged over the m = ${m} samples (columns a⁽ⁱ⁾ of A[${L}] and y⁽ⁱ⁾ of Y): one number.` +
      (withL2 ? ' The L2 term adds λ/(2m) times the sum of all squared weights (biases are not decayed).' : ''),
    m,
    operands: [
      operand(sym('A', L), A, 'A', L, 'perSample'),
      operand('Y', Y, 'Y', L, 'perSample'),
    ],
    touches: [
      { kind: 'A', layer: L },
      { kind: 'loss', layer: L },
    ],
    numbers: (pen) =>
      `\\begin{gathered} ${sym('A', L)} = ${pen(A)} \\\\ Y = ${pen(Y)} \\\\ L = ${value} \\end{gathered}`,
  });
}
