import { ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, MOMENTUM_BETA, type Matrix } from '../nn';
import { makeEquation, mapEntries, operand, type Pen } from './equation';
import { formatNumber, formatPlain } from './format';
import { shapeOf } from './matrixTex';
import { stateSym, sym } from './symbols';
import type { Equation, LayerStep, Operand, Quantity, StepRecord, Touch } from './types';

type Snap = (M: Matrix) => Matrix;
type Param = 'W' | 'b';


interface ParamStep {
  l: number;
  m: number;
  p: Param;
  before: Matrix;
  grad: Matrix;
  after: Matrix;
  eta: number;
  note: string;
  touches: Touch[];
}

function paramStep(record: StepRecord, layer: LayerStep, p: Param, snap: Snap): ParamStep {
  const l = layer.l;
  const l2 = record.options.l2 > 0 && p === 'W';
  return {
    l,
    m: record.m,
    p,
    before: snap(p === 'W' ? layer.W : layer.b),
    grad: snap(p === 'W' ? layer.dW : layer.db),
    after: snap(p === 'W' ? layer.WAfter : layer.bAfter),
    eta: record.options.learningRate,
    note: `η = ${formatPlain(record.options.learningRate)}` +
      (l2 ? '; dW already holds the L2 term (λ/m)·W.' : '.'),
    touches: [
      { kind: p, layer: l },
      { kind: p === 'W' ? 'dW' : 'db', layer: l },
    ],
  };
}

const missing = (M: Matrix | undefined, like: Matrix): Matrix => M ?? mapEntries(like, () => Number.NaN);

/** The state before this step, s_prev = (s − c·g)/β, recovered from the state after it (exactly 0 at t = 1). */
function previousState(after: Matrix, term: Matrix, beta: number, t: number): Matrix {
  return t <= 1 ? mapEntries(after, () => 0) : mapEntries(after, (s, k) => (s - term.data[k]) / beta);
}

/** θ ← θ − η·dθ (sgd); `step` is dθ, V or M̂/(√Ŝ + ε). */
function applyEquation(s: ParamStep, stepSymbol: string, stepNumbers: (pen: Pen) => string, operands: Operand[]): Equation {
  const theta = sym(s.p, s.l);
  return makeEquation({
    id: `update-${s.p}-${s.l}`,
    phase: 'update',
    layer: s.l,
    m: s.m,
    symbolic: `${theta} \\leftarrow ${theta} - \\eta\\, ${stepSymbol}`,
    shapes: `${shapeOf(s.before)} - ${shapeOf(s.before)} \\to ${shapeOf(s.after)}`,
    shapesNote: `Every entry moves against its own gradient; ${s.note}`,
    operands: [
      operand(theta, s.before, s.p, s.l, 'parameter'),
      ...operands,
      operand(`${theta}_{\\text{new}}`, s.after, s.p === 'W' ? 'Wnew' : 'bnew', s.l, 'parameter'),
    ],
    touches: s.touches,
    numbers: (pen) => `${pen(s.before)} - ${formatNumber(s.eta)}\\, ${stepNumbers(pen)} = ${pen(s.after)}`,
  });
}

function stateEquation(s: ParamStep, id: string, symbolic: string, numbers: (pen: Pen) => string, operands: Operand[], note: string): Equation {
  return makeEquation({
    id: `update-${id}${s.p}-${s.l}`,
    phase: 'update',
    layer: s.l,
    m: s.m,
    symbolic,
    shapes: `${shapeOf(s.grad)} \\to ${shapeOf(s.grad)}`,
    shapesNote: note,
    operands,
    touches: [{ kind: s.p === 'W' ? 'dW' : 'db', layer: s.l }],
    numbers,
  });
}

/** The gradient operand dθ of a step. */
const gradOperand = (s: ParamStep): Operand => operand(sym(`d${s.p}`, s.l), s.grad, s.p === 'W' ? 'dW' : 'db', s.l, 'parameter');
/** An optimiser-state operand of a step. */
const stateOperand = (s: ParamStep, name: string, matrix: Matrix, quantity: Quantity): Operand => operand(name, matrix, quantity, s.l, 'optimizerState');

function sgd(s: ParamStep): Equation[] {
  const g = sym(`d${s.p}`, s.l);
  return [applyEquation(s, g, (pen) => pen(s.grad), [gradOperand(s)])];
}

function momentum(s: ParamStep, velocity: Matrix, t: number): Equation[] {
  const V = stateSym('V', s.p, s.l);
  const g = sym(`d${s.p}`, s.l);
  const prev = previousState(velocity, s.grad, MOMENTUM_BETA, t);
  return [
    stateEquation(s, 'V', `${V} \\leftarrow \\beta\\, ${V} + ${g}`,
      (pen) => `${formatNumber(MOMENTUM_BETA)}\\, ${pen(prev)} + ${pen(s.grad)} = ${pen(velocity)}`,
      [stateOperand(s, stateSym('V', s.p, s.l, false, true), prev, 'Vprev'), gradOperand(s), stateOperand(s, V, velocity, 'V')],
      `β = ${MOMENTUM_BETA}; V is a running sum of past gradients (it starts at 0).`),
    applyEquation(s, V, (pen) => pen(velocity), [stateOperand(s, V, velocity, 'V')]),
  ];
}

function adam(s: ParamStep, M: Matrix, S: Matrix, t: number): Equation[] {
  const [Ms, Ss, Mh, Sh] = [stateSym('M', s.p, s.l), stateSym('S', s.p, s.l), stateSym('M', s.p, s.l, true), stateSym('S', s.p, s.l, true)];
  const g = sym(`d${s.p}`, s.l);
  const gSquared = mapEntries(s.grad, (x) => x * x);
  const Mprev = previousState(M, mapEntries(s.grad, (x) => (1 - ADAM_BETA1) * x), ADAM_BETA1, t);
  const Sprev = previousState(S, mapEntries(gSquared, (x) => (1 - ADAM_BETA2) * x), ADAM_BETA2, t);
  const c1 = 1 - ADAM_BETA1 ** t;
  const c2 = 1 - ADAM_BETA2 ** t;
  const Mhat = mapEntries(M, (x) => x / c1);
  const Shat = mapEntries(S, (x) => x / c2);
  const n = formatNumber;
  const hats = [stateOperand(s, Mh, Mhat, 'Mhat'), stateOperand(s, Sh, Shat, 'Shat')];
  return [
    stateEquation(s, 'M', `${Ms} \\leftarrow \\beta_1 ${Ms} + (1 - \\beta_1)\\, ${g}`,
      (pen) => `${n(ADAM_BETA1)}\\, ${pen(Mprev)} + ${n(1 - ADAM_BETA1)}\\, ${pen(s.grad)} = ${pen(M)}`,
      [stateOperand(s, stateSym('M', s.p, s.l, false, true), Mprev, 'Mprev'), gradOperand(s), stateOperand(s, Ms, M, 'M')],
      `β1 = ${ADAM_BETA1}: M is a running average of the gradient (first moment).`),
    stateEquation(s, 'S', `${Ss} \\leftarrow \\beta_2 ${Ss} + (1 - \\beta_2)\\, ${g} \\odot ${g}`,
      (pen) => `${n(ADAM_BETA2)}\\, ${pen(Sprev)} + ${n(1 - ADAM_BETA2)}\\, ${pen(s.grad)} \\odot ${pen(s.grad)} = ${pen(S)}`,
      [stateOperand(s, stateSym('S', s.p, s.l, false, true), Sprev, 'Sprev'), gradOperand(s), stateOperand(s, Ss, S, 'S')],
      `β2 = ${ADAM_BETA2}: S is a running average of the squared gradient (second moment), entry by entry.`),
    stateEquation(s, 'hat', `${Mh} = \\frac{${Ms}}{1 - \\beta_1^{t}}, \\quad ${Sh} = \\frac{${Ss}}{1 - \\beta_2^{t}}`,
      (pen) => `\\begin{gathered} ${Mh} = \\frac{${pen(M)}}{1 - ${n(ADAM_BETA1)}^{${t}}} = ${pen(Mhat)} \\\\ ${Sh} = \\frac{${pen(S)}}{1 - ${n(ADAM_BETA2)}^{${t}}} = ${pen(Shat)} \\end{gathered}`,
      [stateOperand(s, Ms, M, 'M'), stateOperand(s, Ss, S, 'S'), ...hats],
      `Bias correction at t = ${t}: M and S start at 0, so early averages are scaled up.`),
    applyEquation(s, `\\frac{${Mh}}{\\sqrt{${Sh}} + \\epsilon}`,
      (pen) => `\\frac{${pen(Mhat)}}{\\sqrt{${pen(Shat)}} + ${n(ADAM_EPSILON)}}`,
      hats),
  ];
}

/**
 * The update lines of the chosen optimiser, per layer l = 1..L, first W then b:
 * sgd θ ← θ − η dθ; momentum V then θ; Adam M, S, the bias-corrected M̂ and Ŝ, then θ.
 */
export function updateEquations(record: StepRecord, snap: Snap): Equation[] {
  const out: Equation[] = [];
  const { optimizer } = record.options;
  for (const layer of record.layers) {
    for (const p of ['W', 'b'] as const) {
      const s = paramStep(record, layer, p, snap);
      if (optimizer === 'sgd') out.push(...sgd(s));
      else if (optimizer === 'momentum') {
        const V = p === 'W' ? layer.velocityW : layer.velocityB;
        out.push(...momentum(s, snap(missing(V, s.grad)), record.t));
      } else {
        const M = p === 'W' ? layer.momentW : layer.momentB;
        const S = p === 'W' ? layer.secondW : layer.secondB;
        out.push(...adam(s, snap(missing(M, s.grad)), snap(missing(S, s.grad)), record.t));
      }
    }
  }
  return out;
}
