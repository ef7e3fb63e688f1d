/**
 * Predict, then reveal: before an equation's numbers appear, the student is asked for one entry of
 * it — the followed sample's value for one neuron (or one dW, db or updated parameter entry) — with
 * the operands it needs. The expected value is always the record's own entry; the worked
 * computation shown afterwards writes out how the engine got it. Pure: no DOM, no React.
 */
import { activations, createRng, deriveSeed, LEAKY_SLOPE, type StepRecord } from '../nn';
import { formatPlain, type EquationPhase } from '../trace';
import { at, column, factor, num, one, plainFactor, plainSum, productSum, row, type Draft, type QuizEntry, type QuizOperand } from './quizParts';
import { updateDraft } from './quizUpdate';

export type { QuizEntry, QuizOperand };
// Checking an answer lives apart (quizAnswer.ts): the quiz card needs it at once, the rest of the quiz loads on demand.
export { checkAnswer, isRight, parseAnswer, QUIZ_TOLERANCE, type QuizVerdict } from './quizAnswer';

/** Which phases the teacher quizzes: the forward pass, the backward pass with the update, or both. */
export type QuizPhases = 'forward' | 'backward' | 'all';

/** The session's score: questions answered and answered right. */
export interface QuizScore {
  asked: number;
  right: number;
}

/** The score before any question. */
export const EMPTY_SCORE: QuizScore = { asked: 0, right: 0 };

/** What the quiz needs of an equation of the trace. */
export interface QuizEquation {
  id: string;
  phase: EquationPhase;
  layer: number;
}

/** One question: what to compute, from what, the expected value and the worked computation. */
export interface QuizQuestion {
  /** Stable id: the equation, the entry and the seed. */
  id: string;
  equationId: string;
  phase: EquationPhase;
  entry: QuizEntry;
  /** Plain text, e.g. "z of neuron 2 in layer 1, sample 4". */
  prompt: string;
  /** KaTeX of the asked symbol, e.g. z^{[1](4)}_{2}. */
  symbolTex: string;
  operands: QuizOperand[];
  /** The record's entry. */
  expected: number;
  /** The computation written out, as plain text and as KaTeX. */
  workedText: string;
  workedTex: string;
}

/** The score after one more answer. */
export function scoreAfter(score: QuizScore, right: boolean): QuizScore {
  return { asked: score.asked + 1, right: score.right + (right ? 1 : 0) };
}

/** Whether the teacher's setting quizzes this equation (normalisation and the loss are never asked). */
export function isQuizzed(equation: Pick<QuizEquation, 'phase'>, phases: QuizPhases): boolean {
  const { phase } = equation;
  if (phase === 'forward') return phases !== 'backward';
  if (phase === 'backward' || phase === 'update') return phases !== 'forward';
  return false;
}

const derivativeWords: Record<string, string> = {
  sigmoid: "g′(z) = a(1 − a)", tanh: "g′(z) = 1 − a²", relu: 'g′(z) = 1 if z > 0 else 0',
  leakyRelu: `g′(z) = 1 if z > 0 else ${LEAKY_SLOPE}`, linear: 'g′(z) = 1', softmax: '',
};
const activationTex: Record<string, (z: string) => string> = {
  sigmoid: (z) => `\\frac{1}{1 + e^{-${z}}}`, tanh: (z) => `\\tanh ${z}`, relu: (z) => `\\max(0, ${z})`,
  leakyRelu: (z) => `\\operatorname{LeakyReLU}(${z})`, linear: (z) => z, softmax: (z) => `\\frac{e^{${z}}}{\\sum_q e^{z_q}}`,
};

/** A uniform integer in 0..n−1, the same for the same seed and equation id (so a class sees one question). */
function pick(seed: number, equationId: string, n: number): number {
  let h = 2166136261;
  for (let k = 0; k < equationId.length; k++) h = Math.imul(h ^ equationId.charCodeAt(k), 16777619);
  return Math.floor(createRng(deriveSeed(seed, h >>> 0))() * n);
}


/**
 * The question for `equation` of the record's trace, for the followed sample (0-based column), or
 * null for equations that are not asked (normalisation, loss) or ids it does not know. The neuron
 * (or weight) asked is drawn from `seed` and the equation's id.
 */
export function quizQuestion(equation: QuizEquation, record: StepRecord, sample: number, seed: number): QuizQuestion | null {
  if (!Number.isInteger(sample) || sample < 0 || sample >= record.m) throw new RangeError(`quiz: sample ${sample} is not in 0..${record.m - 1}`);
  const draft = draftOf(equation, record, sample, seed);
  if (!draft) return null;
  const { entry } = draft;
  return {
    id: `${equation.id}:${entry.row},${entry.col}:${sample}:${seed}`,
    equationId: equation.id,
    phase: equation.phase,
    entry,
    prompt: draft.prompt,
    symbolTex: draft.symbolTex,
    operands: draft.operands,
    expected: draft.expected,
    workedText: `${draft.worked.text} = ${formatPlain(draft.expected)}`,
    workedTex: `${draft.symbolTex} = ${draft.worked.tex} = ${num(draft.expected)}`,
  };
}

function draftOf(equation: QuizEquation, record: StepRecord, i: number, seed: number): Draft | null {
  const match = /^(forward|backward|update)-([A-Za-z]+)-(\d+)$/.exec(equation.id);
  if (!match) return null;
  const [, phase, what, layerText] = match;
  const l = Number(layerText);
  const L = record.layers.length;
  const layer = record.layers[l - 1];
  if (!layer) return null;
  const n = layer.A.rows;
  const nPrev = l === 1 ? record.A0.rows : record.layers[l - 2].A.rows;
  const s = i + 1;
  const neuron = () => pick(seed, equation.id, n);
  const weight = () => {
    const k = pick(seed, equation.id, n * nPrev);
    return { j: Math.floor(k / nPrev), k: k % nPrev };
  };
  const Aprev = l === 1 ? record.A0 : record.layers[l - 2].A;
  const sampleSym = (name: string, lay: number, j: number) => `${name}^{[${lay}](${s})}_{${j + 1}}`;

  if (phase === 'forward' && what === 'Z') {
    const j = neuron();
    const w = row(layer.W, j), a = column(Aprev, i), b = at(layer.b, j, 0);
    const sum = productSum(w, a);
    return {
      entry: { matrix: 'Z', layer: l, row: j, col: i },
      prompt: `z of neuron ${j + 1} in layer ${l}, sample ${s}`,
      symbolTex: sampleSym('z', l, j),
      operands: [
        { label: `row ${j + 1} of W[${l}]`, tex: `w^{[${l}]}_{${j + 1},:}`, values: w },
        { label: `column ${s} of A[${l - 1}]`, tex: `a^{[${l - 1}](${s})}`, values: a },
        one(`b${j + 1} of layer ${l}`, `b^{[${l}]}_{${j + 1}}`, b),
      ],
      expected: at(layer.Z, j, i),
      worked: { tex: `${sum.tex} + ${factor(b)}`, text: `z = ${sum.text} + ${plainFactor(b)}` },
    };
  }
  if (phase === 'forward' && what === 'A') {
    const j = neuron();
    const z = at(layer.Z, j, i);
    const g = layer.activation;
    const operands = g === 'softmax'
      ? [{ label: `column ${s} of Z[${l}]`, tex: `z^{[${l}](${s})}`, values: column(layer.Z, i) }]
      : [one(`z of neuron ${j + 1}`, sampleSym('z', l, j), z)];
    return {
      entry: { matrix: 'A', layer: l, row: j, col: i },
      prompt: `a of neuron ${j + 1} in layer ${l}, sample ${s} (${g})`,
      symbolTex: sampleSym('a', l, j),
      operands,
      expected: at(layer.A, j, i),
      worked: g === 'softmax'
        ? { tex: `\\frac{e^{${factor(z)}}}{${column(layer.Z, i).map((x) => `e^{${factor(x)}}`).join(' + ')}}`, text: `a = e^${plainFactor(z)} / Σ_q e^z_q` }
        : { tex: activationTex[g](factor(z)), text: `a = ${g}(${formatPlain(z)})` },
    };
  }
  if (phase === 'backward' && what === 'dA' && l === L) {
    const j = neuron();
    const a = at(layer.A, j, i), y = at(record.Y, j, i);
    const formula = { mse: { tex: `${factor(a)} - ${factor(y)}`, text: `∂ℓ/∂a = a − y = ${plainFactor(a)} − ${plainFactor(y)}` },
      bce: { tex: `-\\frac{${num(y)}}{${num(a)}} + \\frac{1 - ${factor(y)}}{1 - ${factor(a)}}`, text: `∂ℓ/∂a = −y/a + (1 − y)/(1 − a)` },
      cce: { tex: `-\\frac{${num(y)}}{${num(a)}}`, text: `∂ℓ/∂a = −y/a` } }[record.lossName];
    return {
      entry: { matrix: 'dA', layer: l, row: j, col: i },
      prompt: `∂ℓ/∂a of output ${j + 1}, sample ${s} (${record.lossName})`,
      symbolTex: `\\frac{\\partial \\ell}{\\partial ${sampleSym('a', l, j)}}`,
      operands: [one(`a of output ${j + 1}`, sampleSym('a', l, j), a), one(`target y${j + 1}`, `y^{(${s})}_{${j + 1}}`, y)],
      expected: at(layer.dA, j, i),
      worked: formula,
    };
  }
  if (phase === 'backward' && what === 'dA') {
    // dA^{[l]} = W^{[l+1]ᵀ} dZ^{[l+1]}: the equation's layer is the receiving layer l.
    const up = record.layers[l];
    const k = neuron();
    const w = column(up.W, k), d = column(up.dZ, i);
    const sum = productSum(w, d);
    return {
      entry: { matrix: 'dA', layer: l, row: k, col: i },
      prompt: `∂ℓ/∂a of neuron ${k + 1} in layer ${l}, sample ${s}`,
      symbolTex: `\\frac{\\partial \\ell}{\\partial ${sampleSym('a', l, k)}}`,
      operands: [
        { label: `column ${k + 1} of W[${l + 1}]`, tex: `w^{[${l + 1}]}_{:,${k + 1}}`, values: w },
        { label: `δ of layer ${l + 1}, sample ${s}`, tex: `\\delta^{[${l + 1}](${s})}`, values: d },
      ],
      expected: at(layer.dA, k, i),
      worked: { tex: sum.tex, text: `Σ_j w_jk·δ_j = ${sum.text}` },
    };
  }
  if (phase === 'backward' && what === 'dZ') {
    const j = neuron();
    const symbolTex = sampleSym('\\delta', l, j);
    const base = { entry: { matrix: 'dZ' as const, layer: l, row: j, col: i }, prompt: `δ = ∂ℓ/∂z of neuron ${j + 1} in layer ${l}, sample ${s} (${layer.activation}${l === L ? ` output, ${record.lossName}` : ''})`, symbolTex, expected: at(layer.dZ, j, i) };
    if (l === L && record.simplifiedOutputError) {
      const a = at(layer.A, j, i), y = at(record.Y, j, i);
      return {
        ...base,
        operands: [one(`a of output ${j + 1}`, sampleSym('a', l, j), a), one(`target y${j + 1}`, `y^{(${s})}_{${j + 1}}`, y)],
        worked: { tex: `${factor(a)} - ${factor(y)}`, text: `δ = a − y = ${plainFactor(a)} − ${plainFactor(y)}` },
      };
    }
    const da = at(layer.dA, j, i);
    if (layer.activation === 'softmax') {
      const a = column(layer.A, i), dA = column(layer.dA, i);
      const dot = productSum(a, dA);
      return {
        ...base,
        operands: [
          { label: `column ${s} of A[${l}]`, tex: `a^{[${l}](${s})}`, values: a },
          { label: `column ${s} of dA[${l}]`, tex: `\\frac{\\partial \\ell}{\\partial a^{[${l}](${s})}}`, values: dA },
        ],
        worked: { tex: `${factor(a[j])}\\left(${factor(da)} - \\left(${dot.tex}\\right)\\right)`, text: `δ = a_j(dA_j − Σ_q a_q·dA_q) = ${plainFactor(a[j])}·(${plainFactor(da)} − (${dot.text}))` },
      };
    }
    const z = at(layer.Z, j, i), a = at(layer.A, j, i);
    const gPrime = activations[layer.activation].derivative(z, a);
    return {
      ...base,
      operands: [
        one(`∂ℓ/∂a of neuron ${j + 1}`, `\\frac{\\partial \\ell}{\\partial ${sampleSym('a', l, j)}}`, da),
        one(`z of neuron ${j + 1}`, sampleSym('z', l, j), z),
        one(`a of neuron ${j + 1}`, sampleSym('a', l, j), a),
      ],
      worked: {
        tex: `${factor(da)}\\cdot ${factor(gPrime)}`,
        text: `δ = dA·g′(z), ${derivativeWords[layer.activation]} = ${formatPlain(gPrime)}: ${plainFactor(da)}·${plainFactor(gPrime)}`,
      },
    };
  }
  if (phase === 'backward' && (what === 'dW' || what === 'db')) {
    const m = record.m;
    const lambda = record.options.l2;
    if (what === 'db') {
      const j = neuron();
      const d = row(layer.dZ, j);
      const sum = plainSum(d);
      return {
        entry: { matrix: 'db', layer: l, row: j, col: 0 },
        prompt: `∂L/∂b of neuron ${j + 1} in layer ${l} (the batch average)`,
        symbolTex: `\\frac{\\partial L}{\\partial b^{[${l}]}_{${j + 1}}}`,
        operands: [{ label: `row ${j + 1} of dZ[${l}] (all ${m} samples)`, tex: `\\delta^{[${l}]}_{${j + 1}}`, values: d }],
        expected: at(layer.db, j, 0),
        worked: { tex: `\\frac{1}{${m}}\\left(${sum.tex}\\right)`, text: `(1/${m})·(${sum.text})` },
      };
    }
    const { j, k } = weight();
    const d = row(layer.dZ, j), a = row(Aprev, k), w = at(layer.W, j, k);
    const sum = productSum(d, a);
    const l2 = lambda > 0;
    return {
      entry: { matrix: 'dW', layer: l, row: j, col: k },
      prompt: `∂L/∂w of the weight from ${l === 1 ? 'input' : 'neuron'} ${k + 1} to neuron ${j + 1} in layer ${l} (the batch average${l2 ? ', with L2' : ''})`,
      symbolTex: `\\frac{\\partial L}{\\partial w^{[${l}]}_{${j + 1},${k + 1}}}`,
      operands: [
        { label: `row ${j + 1} of dZ[${l}] (all ${m} samples)`, tex: `\\delta^{[${l}]}_{${j + 1}}`, values: d },
        { label: `row ${k + 1} of A[${l - 1}] (all ${m} samples)`, tex: `a^{[${l - 1}]}_{${k + 1}}`, values: a },
        ...(l2 ? [one(`w${j + 1},${k + 1} before the update`, `w^{[${l}]}_{${j + 1},${k + 1}}`, w), one('λ', '\\lambda', lambda)] : []),
      ],
      expected: at(layer.dW, j, k),
      worked: {
        tex: `\\frac{1}{${m}}\\left(${sum.tex}\\right)${l2 ? ` + \\frac{${num(lambda)}}{${m}}\\cdot ${factor(w)}` : ''}`,
        text: `(1/${m})·(${sum.text})${l2 ? ` + (${formatPlain(lambda)}/${m})·${plainFactor(w)}` : ''}`,
      },
    };
  }
  if (phase === 'update') return updateDraft(record, l, what, () => weight(), () => ({ j: neuron(), k: 0 }));
  return null;
}
