/** Questions on the optimiser's update lines: sgd, momentum's v, Adam's m, s, m̂, and the new parameter. */
import { ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON, MOMENTUM_BETA, type Matrix, type StepRecord } from '../nn';
import { formatPlain } from '../trace';
import { at, factor, num, one, plainFactor, type Draft, type QuizEntry } from './quizParts';

/**
 * The question on update line `what` (W, b, VW, Mb, SW, hatb, …) of layer l: the entry (j, k) comes
 * from `weight()` for W and from `bias()` for b; the expected value is the record's state or WAfter/bAfter.
 */
export function updateDraft(record: StepRecord, l: number, what: string, weight: () => { j: number; k: number }, bias: () => { j: number; k: number }): Draft | null {
  const m2 = /^(V|M|S|hat)?([Wb])$/.exec(what);
  if (!m2) return null;
  const state = m2[1] as 'V' | 'M' | 'S' | 'hat' | undefined;
  const p = m2[2] as 'W' | 'b';
  const layer = record.layers[l - 1];
  const { j, k } = p === 'W' ? weight() : bias();
  const name = p === 'W' ? `w^{[${l}]}_{${j + 1},${k + 1}}` : `b^{[${l}]}_{${j + 1}}`;
  const words = p === 'W' ? `w${j + 1},${k + 1} of layer ${l}` : `b${j + 1} of layer ${l}`;
  const before = at(p === 'W' ? layer.W : layer.b, j, k);
  const gradient = at(p === 'W' ? layer.dW : layer.db, j, k);
  const eta = record.options.learningRate;
  const { t } = record;
  const get = (M: Matrix | undefined) => {
    if (!M) throw new Error(`quiz: the record has no ${record.options.optimizer} state for layer ${l}`);
    return at(M, j, k);
  };
  const V = () => get(p === 'W' ? layer.velocityW : layer.velocityB);
  const M = () => get(p === 'W' ? layer.momentW : layer.momentB);
  const S = () => get(p === 'W' ? layer.secondW : layer.secondB);
  const g = one(`∂L/∂${p === 'W' ? 'w' : 'b'} (${p === 'W' ? 'dW' : 'db'} entry)`, `\\frac{\\partial L}{\\partial ${name}}`, gradient);
  const base = (matrix: QuizEntry['matrix']) => ({ entry: { matrix, param: p, layer: l, row: j, col: k } });
  if (state === 'V') {
    const v = V();
    const prev = t <= 1 ? 0 : (v - gradient) / MOMENTUM_BETA;
    return {
      ...base('V'), prompt: `momentum's v of ${words}`, symbolTex: `v_{${name}}`,
      operands: [one('v before this step', `v_{\\text{prev}}`, prev), g, one('β', '\\beta', MOMENTUM_BETA)],
      expected: v,
      worked: { tex: `${num(MOMENTUM_BETA)}\\cdot ${factor(prev)} + ${factor(gradient)}`, text: `v = β·v_prev + dW = ${MOMENTUM_BETA}·${plainFactor(prev)} + ${plainFactor(gradient)}` },
    };
  }
  if (state === 'M' || state === 'S') {
    const value = state === 'M' ? M() : S();
    const beta = state === 'M' ? ADAM_BETA1 : ADAM_BETA2;
    const input = state === 'M' ? gradient : gradient * gradient;
    const prev = t <= 1 ? 0 : (value - (1 - beta) * input) / beta;
    const sq = state === 'S' ? '^2' : '';
    return {
      ...base(state), prompt: `Adam's ${state === 'M' ? 'm (first moment)' : 's (second moment)'} of ${words}`,
      symbolTex: `${state === 'M' ? 'm' : 's'}_{${name}}`,
      operands: [one(`${state === 'M' ? 'm' : 's'} before this step`, `${state === 'M' ? 'm' : 's'}_{\\text{prev}}`, prev), g, one(state === 'M' ? 'β1' : 'β2', state === 'M' ? '\\beta_1' : '\\beta_2', beta)],
      expected: value,
      worked: {
        tex: `${num(beta)}\\cdot ${factor(prev)} + ${num(1 - beta)}\\cdot \\left(${num(gradient)}\\right)${sq}`,
        text: `${formatPlain(beta)}·${plainFactor(prev)} + ${formatPlain(1 - beta)}·${plainFactor(gradient)}${state === 'S' ? '²' : ''}`,
      },
    };
  }
  if (state === 'hat') {
    const c1 = 1 - ADAM_BETA1 ** t;
    return {
      ...base('Mhat'), prompt: `Adam's bias-corrected m̂ of ${words} (t = ${t})`, symbolTex: `\\hat m_{${name}}`,
      operands: [one('m after this step', `m_{${name}}`, M()), one('β1', '\\beta_1', ADAM_BETA1), one('t', 't', t)],
      expected: M() / c1,
      worked: { tex: `\\frac{${factor(M())}}{1 - ${num(ADAM_BETA1)}^{${t}}}`, text: `m̂ = m / (1 − β1^t) = ${plainFactor(M())} / (1 − ${ADAM_BETA1}^${t})` },
    };
  }
  const after = at(p === 'W' ? layer.WAfter : layer.bAfter, j, k);
  const w = one(`${words} before the update`, name, before);
  const lr = one('η', '\\eta', eta);
  const matrix = p === 'W' ? 'WAfter' : 'bAfter';
  const prompt = `${words} after the update`;
  const symbolTex = `{${name}}_{\\text{new}}`;
  const { optimizer } = record.options;
  if (optimizer === 'sgd') {
    return { ...base(matrix), prompt, symbolTex, operands: [w, g, lr], expected: after,
      worked: { tex: `${num(before)} - ${num(eta)}\\cdot ${factor(gradient)}`, text: `w − η·dW = ${formatPlain(before)} − ${formatPlain(eta)}·${plainFactor(gradient)}` } };
  }
  if (optimizer === 'momentum') {
    const v = V();
    return { ...base(matrix), prompt, symbolTex, operands: [w, one('v after this step', `v_{${name}}`, v), lr], expected: after,
      worked: { tex: `${num(before)} - ${num(eta)}\\cdot ${factor(v)}`, text: `w − η·v = ${formatPlain(before)} − ${formatPlain(eta)}·${plainFactor(v)}` } };
  }
  const mHat = M() / (1 - ADAM_BETA1 ** t), sHat = S() / (1 - ADAM_BETA2 ** t);
  return {
    ...base(matrix), prompt, symbolTex,
    operands: [w, one('m̂', `\\hat m_{${name}}`, mHat), one('ŝ', `\\hat s_{${name}}`, sHat), lr, one('ε', '\\varepsilon', ADAM_EPSILON)],
    expected: after,
    worked: {
      tex: `${num(before)} - ${num(eta)}\\cdot \\frac{${factor(mHat)}}{\\sqrt{${num(sHat)}} + ${num(ADAM_EPSILON)}}`,
      text: `w − η·m̂/(√ŝ + ε) = ${formatPlain(before)} − ${formatPlain(eta)}·${plainFactor(mHat)}/(√${formatPlain(sHat)} + ${ADAM_EPSILON})`,
    },
  };
}
