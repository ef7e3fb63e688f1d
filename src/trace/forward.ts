import type { Matrix } from '../nn';
import { makeEquation, operand } from './equation';
import { shapeOf } from './matrixTex';
import { activationNote, applyActivation, sym } from './symbols';
import type { Equation, StepRecord } from './types';

/**
 * The forward pass, two equations per layer l = 1..L:
 * Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}  ((n_l×n_{l−1})·(n_{l−1}×m) + (n_l×1) → (n_l×m)) and A^{[l]} = g(Z^{[l]}).
 */
export function forwardEquations(record: StepRecord, snap: (M: Matrix) => Matrix): Equation[] {
  const out: Equation[] = [];
  for (const layer of record.layers) {
    const { l, activation: g } = layer;
    const W = snap(layer.W);
    const b = snap(layer.b);
    const Z = snap(layer.Z);
    const A = snap(layer.A);
    const Aprev = snap(l === 1 ? record.A0 : record.layers[l - 2].A);
    out.push(
      makeEquation({
        id: `forward-Z-${l}`,
        phase: 'forward',
        layer: l,
        symbolic: `${sym('Z', l)} = ${sym('W', l)} ${sym('A', l - 1)} + ${sym('b', l)}`,
        shapes: `${shapeOf(W)}\\cdot${shapeOf(Aprev)} + ${shapeOf(b)} \\to ${shapeOf(Z)}`,
        shapesNote:
          `W·A gives one column per sample (${Z.rows}×${Z.cols}); b (${b.rows}×1) is added to every one ` +
          `of the m = ${Z.cols} columns (broadcast).`,
        m: record.m,
        operands: [
          operand(sym('W', l), W, 'W', l, 'parameter'),
          operand(sym('A', l - 1), Aprev, l === 1 ? 'X' : 'A', l - 1, 'perSample'),
          operand(sym('b', l), b, 'b', l, 'parameter'),
          operand(sym('Z', l), Z, 'Z', l, 'perSample'),
        ],
        touches: [
          { kind: 'W', layer: l },
          { kind: 'b', layer: l },
          { kind: 'A', layer: l - 1 },
          { kind: 'Z', layer: l },
        ],
        numbers: (pen) => `${pen(W)} ${pen(Aprev)} + ${pen(b)} = ${pen(Z)}`,
      }),
      makeEquation({
        id: `forward-A-${l}`,
        phase: 'forward',
        layer: l,
        symbolic: `${sym('A', l)} = ${applyActivation(g, sym('Z', l))}`,
        shapes: `${shapeOf(Z)} \\to ${shapeOf(A)}`,
        shapesNote: activationNote(g),
        m: record.m,
        operands: [
          operand(sym('Z', l), Z, 'Z', l, 'perSample'),
          operand(sym('A', l), A, 'A', l, 'perSample'),
        ],
        touches: [
          { kind: 'Z', layer: l },
          { kind: 'A', layer: l },
        ],
        numbers: (pen) => `${applyActivation(g, pen(Z))} = ${pen(A)}`,
      }),
    );
  }
  return out;
}
