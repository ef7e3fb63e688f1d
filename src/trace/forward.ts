import type { Matrix } from '../nn';
import { makeEquation } from './equation';
import { matrixTex, shapeOf } from './matrixTex';
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
        operands: [
          { name: sym('W', l), matrix: W },
          { name: sym('A', l - 1), matrix: Aprev },
          { name: sym('b', l), matrix: b },
          { name: sym('Z', l), matrix: Z },
        ],
        touches: [
          { kind: 'W', layer: l },
          { kind: 'b', layer: l },
          { kind: 'A', layer: l - 1 },
          { kind: 'Z', layer: l },
        ],
        numbers: (full) =>
          `${matrixTex(W, { full })} ${matrixTex(Aprev, { full })} + ${matrixTex(b, { full })} = ${matrixTex(Z, { full })}`,
      }),
      makeEquation({
        id: `forward-A-${l}`,
        phase: 'forward',
        layer: l,
        symbolic: `${sym('A', l)} = ${applyActivation(g, sym('Z', l))}`,
        shapes: `${shapeOf(Z)} \\to ${shapeOf(A)}`,
        shapesNote: activationNote(g),
        operands: [
          { name: sym('Z', l), matrix: Z },
          { name: sym('A', l), matrix: A },
        ],
        touches: [
          { kind: 'Z', layer: l },
          { kind: 'A', layer: l },
        ],
        numbers: (full) => `${applyActivation(g, matrixTex(Z, { full }))} = ${matrixTex(A, { full })}`,
      }),
    );
  }
  return out;
}
