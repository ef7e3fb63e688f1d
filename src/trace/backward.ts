import { activations } from '../nn';
import type { Matrix } from '../nn';
import { makeEquation, mapEntries, operand } from './equation';
import { formatNumber } from './format';
import { shapeOf } from './matrixTex';
import { derivativeTex, sym, symT } from './symbols';
import type { Equation, LayerStep, StepRecord } from './types';

type Snap = (M: Matrix) => Matrix;

const OUTPUT_ERROR_NOTE = {
  bce: 'With a sigmoid output and binary cross-entropy, σ′ cancels the loss derivative: dZ = A − Y.',
  cce: 'With a softmax output and categorical cross-entropy, the softmax Jacobian cancels the loss derivative: dZ = A − Y.',
} as const;

/** dA^{[L]} = ∂ℓᵢ/∂A^{[L]} per sample, for the output layer when dZ^{[L]} is not simplified. */
function outputDAEquation(record: StepRecord, layer: LayerStep, snap: Snap): Equation {
  const L = layer.l;
  const A = snap(layer.A);
  const Y = snap(record.Y);
  const dA = snap(layer.dA);
  const a = sym('A', L);
  const formula = {
    mse: `${a} - Y`,
    bce: `-\\frac{Y}{${a}} + \\frac{1 - Y}{1 - ${a}}`,
    cce: `-\\frac{Y}{${a}}`,
  }[record.lossName];
  return makeEquation({
    id: `backward-dA-${L}`,
    phase: 'backward',
    layer: L,
    symbolic: `${sym('dA', L)} = ${formula}`,
    shapes: `${shapeOf(A)},\\ ${shapeOf(Y)} \\to ${shapeOf(dA)}`,
    shapesNote:
      'Entry by entry, per sample: column i is ∂ℓᵢ/∂a of sample i’s own loss ℓᵢ (no 1/m here; the average comes in dW and db).',
    m: record.m,
    operands: [
      operand(a, A, 'A', L, 'perSample'),
      operand('Y', Y, 'Y', L, 'perSample'),
      operand(sym('dA', L), dA, 'dA', L, 'perSample'),
    ],
    touches: [
      { kind: 'A', layer: L },
      { kind: 'dA', layer: L },
    ],
    numbers: (pen) => {
      const f = (M: Matrix) => pen(M);
      const filled =
        record.lossName === 'mse'
          ? `${f(A)} - ${f(Y)}`
          : record.lossName === 'bce'
            ? `-\\frac{${f(Y)}}{${f(A)}} + \\frac{1 - ${f(Y)}}{1 - ${f(A)}}`
            : `-\\frac{${f(Y)}}{${f(A)}}`;
      return `${filled} = ${f(dA)}`;
    },
  });
}

/** dZ^{[L]} = A^{[L]} − Y, for sigmoid+bce and softmax+cce. */
function simplifiedDZEquation(record: StepRecord, layer: LayerStep, snap: Snap): Equation {
  const L = layer.l;
  const A = snap(layer.A);
  const Y = snap(record.Y);
  const dZ = snap(layer.dZ);
  return makeEquation({
    id: `backward-dZ-${L}`,
    phase: 'backward',
    layer: L,
    symbolic: `${sym('dZ', L)} = ${sym('A', L)} - Y`,
    shapes: `${shapeOf(A)} - ${shapeOf(Y)} \\to ${shapeOf(dZ)}`,
    shapesNote: `${record.lossName === 'cce' ? OUTPUT_ERROR_NOTE.cce : OUTPUT_ERROR_NOTE.bce} Per sample: the 1/m comes in dW and db.`,
    m: record.m,
    operands: [
      operand(sym('A', L), A, 'A', L, 'perSample'),
      operand('Y', Y, 'Y', L, 'perSample'),
      operand(sym('dZ', L), dZ, 'dZ', L, 'perSample'),
    ],
    touches: [
      { kind: 'A', layer: L },
      { kind: 'dZ', layer: L },
    ],
    numbers: (pen) => `${pen(A)} - ${pen(Y)} = ${pen(dZ)}`,
  });
}

/** dZ^{[l]} = dA^{[l]} ⊙ g′(Z^{[l]}) (softmax: dZ_{:,i} = J^{(i)ᵀ} dA_{:,i}, the Jacobian per column). */
function dZEquation(layer: LayerStep, m: number, snap: Snap): Equation {
  const { l, activation: g } = layer;
  const dA = snap(layer.dA);
  const dZ = snap(layer.dZ);
  const base = {
    id: `backward-dZ-${l}`,
    phase: 'backward' as const,
    layer: l,
    m,
    touches: [
      { kind: 'dA' as const, layer: l },
      { kind: 'Z' as const, layer: l },
      { kind: 'dZ' as const, layer: l },
    ],
  };
  if (g === 'softmax') {
    return makeEquation({
      ...base,
      symbolic:
        `${sym('dZ', l)}_{:,i} = J^{(i)\\top} ${sym('dA', l)}_{:,i}, \\quad ` +
        `J^{(i)} = \\operatorname{diag}\\!\\left(a^{(i)}\\right) - a^{(i)} a^{(i)\\top}`,
      shapes: `(${dZ.rows}\\times ${dZ.rows})\\cdot(${dA.rows}\\times 1) \\text{ per column} \\to ${shapeOf(dZ)}`,
      shapesNote: 'Softmax mixes the outputs of a column, so each sample’s error goes through its own Jacobian J (n×n).',
      operands: [
        operand(sym('dA', l), dA, 'dA', l, 'perSample'),
        operand(sym('dZ', l), dZ, 'dZ', l, 'perSample'),
      ],
      numbers: (pen) => `${pen(dA)} \\xrightarrow{\\;J^{(i)\\top}\\;} ${pen(dZ)}`,
    });
  }
  const Z = snap(layer.Z);
  const A = snap(layer.A);
  const gPrime = mapEntries(Z, (z, k) => activations[g].derivative(z, A.data[k]));
  const gp = `g'\\!\\left(${sym('Z', l)}\\right)`;
  return makeEquation({
    ...base,
    symbolic: `${sym('dZ', l)} = ${sym('dA', l)} \\odot ${gp}, \\quad ${gp} = ${derivativeTex(g, l)}`,
    shapes: `${shapeOf(dA)} \\odot ${shapeOf(gPrime)} \\to ${shapeOf(dZ)}`,
    shapesNote: '⊙ multiplies entry by entry (same shapes, no broadcast); still one column per sample.',
    operands: [
      operand(sym('dA', l), dA, 'dA', l, 'perSample'),
      operand(gp, gPrime, 'gPrime', l, 'perSample'),
      operand(sym('dZ', l), dZ, 'dZ', l, 'perSample'),
    ],
    numbers: (pen) => `${pen(dA)} \\odot ${pen(gPrime)} = ${pen(dZ)}`,
  });
}

/** dW^{[l]} = (1/m)·dZ^{[l]}·A^{[l-1]ᵀ} (+ (λ/m)·W^{[l]}), (n_l×m)·(m×n_{l−1}) → (n_l×n_{l−1}). */
function dWEquation(record: StepRecord, layer: LayerStep, snap: Snap): Equation {
  const { l } = layer;
  const { m } = record;
  const lambda = record.options.l2;
  const dZ = snap(layer.dZ);
  const Aprev = snap(l === 1 ? record.A0 : record.layers[l - 2].A);
  const W = snap(layer.W);
  const dW = snap(layer.dW);
  const l2 = lambda > 0;
  const aT = symT('A', l - 1);
  return makeEquation({
    id: `backward-dW-${l}`,
    phase: 'backward',
    layer: l,
    symbolic: `${sym('dW', l)} = \\frac{1}{m} ${sym('dZ', l)} ${aT}${l2 ? ` + \\frac{\\lambda}{m} ${sym('W', l)}` : ''}`,
    shapes: `${shapeOf(dZ)}\\cdot${shapeOf(Aprev, true)}${l2 ? ` + ${shapeOf(W)}` : ''} \\to ${shapeOf(dW)}`,
    shapesNote:
      `The product sums over the m = ${m} samples; 1/m makes it the batch average.` +
      (l2 ? ' The L2 term (λ/m)·W pulls every weight towards 0.' : ''),
    m,
    operands: [
      operand(sym('dZ', l), dZ, 'dZ', l, 'perSample'),
      operand(sym('A', l - 1), Aprev, l === 1 ? 'X' : 'A', l - 1, 'perSample'),
      ...(l2 ? [operand(sym('W', l), W, 'W', l, 'parameter')] : []),
      operand(sym('dW', l), dW, 'dW', l, 'parameter'),
    ],
    touches: [
      { kind: 'dZ', layer: l },
      { kind: 'A', layer: l - 1 },
      ...(l2 ? [{ kind: 'W' as const, layer: l }] : []),
      { kind: 'dW', layer: l },
    ],
    numbers: (pen) =>
      `\\frac{1}{${m}} ${pen(dZ)} ${pen(Aprev, true)}` +
      (l2 ? ` + \\frac{${formatNumber(lambda)}}{${m}} ${pen(W)}` : '') +
      ` = ${pen(dW)}`,
  });
}

/** db^{[l]} = (1/m)·Σ_i dZ^{[l]}_{:,i}, (n_l×m) → (n_l×1). */
function dbEquation(record: StepRecord, layer: LayerStep, snap: Snap): Equation {
  const { l } = layer;
  const dZ = snap(layer.dZ);
  const db = snap(layer.db);
  return makeEquation({
    id: `backward-db-${l}`,
    phase: 'backward',
    layer: l,
    symbolic: `${sym('db', l)} = \\frac{1}{m} \\sum_{i=1}^{m} ${sym('dZ', l)}_{:,i}`,
    shapes: `${shapeOf(dZ)} \\xrightarrow{\\text{sum columns}} ${shapeOf(db)}`,
    shapesNote: 'Each row of dZ is averaged over the batch columns (biases get no L2 term).',
    m: record.m,
    operands: [
      operand(sym('dZ', l), dZ, 'dZ', l, 'perSample'),
      operand(sym('db', l), db, 'db', l, 'parameter'),
    ],
    touches: [
      { kind: 'dZ', layer: l },
      { kind: 'db', layer: l },
    ],
    numbers: (pen) => `\\frac{1}{${record.m}} \\sum_{i=1}^{${record.m}} ${pen(dZ)}_{:,i} = ${pen(db)}`,
  });
}

/** dA^{[l-1]} = W^{[l]ᵀ}·dZ^{[l]}, (n_{l−1}×n_l)·(n_l×m) → (n_{l−1}×m). */
function dAEquation(record: StepRecord, layer: LayerStep, snap: Snap): Equation {
  const { l } = layer;
  const W = snap(layer.W);
  const dZ = snap(layer.dZ);
  const dA = snap(record.layers[l - 2].dA);
  return makeEquation({
    id: `backward-dA-${l - 1}`,
    phase: 'backward',
    layer: l - 1,
    symbolic: `${sym('dA', l - 1)} = ${symT('W', l)} ${sym('dZ', l)}`,
    shapes: `${shapeOf(W, true)}\\cdot${shapeOf(dZ)} \\to ${shapeOf(dA)}`,
    shapesNote: 'The error flows back through the same weights, transposed; still per sample (no 1/m).',
    m: record.m,
    operands: [
      operand(sym('W', l), W, 'W', l, 'parameter'),
      operand(sym('dZ', l), dZ, 'dZ', l, 'perSample'),
      operand(sym('dA', l - 1), dA, 'dA', l - 1, 'perSample'),
    ],
    touches: [
      { kind: 'W', layer: l },
      { kind: 'dZ', layer: l },
      { kind: 'dA', layer: l - 1 },
    ],
    numbers: (pen) => `${pen(W, true)} ${pen(dZ)} = ${pen(dA)}`,
  });
}

/**
 * The backward pass: dZ^{[L]} (directly A − Y when `simplifiedOutputError`, else dA^{[L]} then
 * dZ^{[L]} = dA ⊙ g′(Z)), then for l = L..1: dW^{[l]}, db^{[l]} and, for l > 1, dA^{[l-1]}, dZ^{[l-1]}.
 */
export function backwardEquations(record: StepRecord, snap: Snap): Equation[] {
  const L = record.layers.length;
  const output = record.layers[L - 1];
  const out: Equation[] = record.simplifiedOutputError
    ? [simplifiedDZEquation(record, output, snap)]
    : [outputDAEquation(record, output, snap), dZEquation(output, record.m, snap)];
  for (let l = L; l >= 1; l--) {
    const layer = record.layers[l - 1];
    out.push(dWEquation(record, layer, snap), dbEquation(record, layer, snap));
    if (l > 1) out.push(dAEquation(record, layer, snap), dZEquation(record.layers[l - 2], record.m, snap));
  }
  return out;
}
