import katex from 'katex';
import { describe, expect, it } from 'vitest';
import { activations, ADAM_BETA1, cloneStepRecord, createNetwork, Matrix, trainStep, type ActivationName, type LossName, type OptimizerName, type StepRecord } from '../nn';
import { buildTrace } from '../trace';
import { checkAnswer, EMPTY_SCORE, isQuizzed, isRight, parseAnswer, quizQuestion, scoreAfter, type QuizQuestion } from './quiz';

function recordOf(output: ActivationName, loss: LossName, optimizer: OptimizerName, m = 6, l2 = 0.03, steps = 2): StepRecord {
  const nL = output === 'softmax' ? 3 : 1;
  const net = createNetwork({ sizes: [3, 4, nL], hidden: 'tanh', output, loss, seed: 5 });
  const X = new Matrix(3, m);
  for (let k = 0; k < X.data.length; k++) X.data[k] = Math.cos(0.9 * k + 0.2) * 1.5;
  const Y = new Matrix(nL, m);
  for (let i = 0; i < m; i++) for (let p = 0; p < nL; p++) Y.set(p, i, output === 'softmax' ? Number(p === i % nL) : output === 'sigmoid' ? i % 2 : Math.sin(i + p));
  let record: StepRecord | null = null;
  for (let s = 0; s < steps; s++) record = trainStep(net, X, Y, { learningRate: 0.2, optimizer, l2 });
  return cloneStepRecord(record!);
}

/** The record entry a question names, read straight from the record (m̂ is M/(1 − β1ᵗ)). */
function recordEntry(record: StepRecord, q: QuizQuestion): number {
  const { matrix, param, layer, row, col } = q.entry;
  const step = record.layers[layer - 1];
  const W = param !== 'b';
  switch (matrix) {
    case 'V': return (W ? step.velocityW! : step.velocityB!).get(row, col);
    case 'M': return (W ? step.momentW! : step.momentB!).get(row, col);
    case 'S': return (W ? step.secondW! : step.secondB!).get(row, col);
    case 'Mhat': return (W ? step.momentW! : step.momentB!).get(row, col) / (1 - ADAM_BETA1 ** record.t);
    default: return step[matrix].get(row, col);
  }
}

const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));
const dot = (a: number[], b: number[]) => a.reduce((s, x, k) => s + x * b[k], 0);

/** Recomputes the expected value from the question's own operands, where the rule is a plain formula. */
function fromOperands(q: QuizQuestion, record: StepRecord): number | null {
  const v = q.operands.map((o) => o.values);
  const kind = q.equationId.replace(/-\d+$/, '');
  const step = record.layers[q.entry.layer - 1];
  switch (kind) {
    case 'forward-Z': return dot(v[0], v[1]) + v[2][0];
    case 'forward-A': return step.activation === 'softmax' ? null : activations[step.activation].value(v[0][0]);
    case 'backward-dW': return dot(v[0], v[1]) / record.m + (v[2] ? (v[3][0] / record.m) * v[2][0] : 0);
    case 'backward-db': return v[0].reduce((s, x) => s + x, 0) / record.m;
    case 'backward-dA': return q.entry.layer === record.layers.length ? null : dot(v[0], v[1]);
    case 'backward-dZ':
      if (q.operands.length === 2 && q.operands[1].label.startsWith('target')) return v[0][0] - v[1][0];
      if (step.activation === 'softmax') return v[0][q.entry.row] * (v[1][q.entry.row] - dot(v[0], v[1]));
      return v[0][0] * activations[step.activation].derivative(v[1][0], v[2][0]);
    default: return null;
  }
}

const pairings: [ActivationName, LossName][] = [['sigmoid', 'bce'], ['sigmoid', 'mse'], ['softmax', 'cce'], ['softmax', 'mse'], ['linear', 'mse']];

describe('quizQuestion on real engine records', () => {
  for (const [output, loss] of pairings) {
    for (const optimizer of ['sgd', 'momentum', 'adam'] as const) {
      it(`${output} + ${loss}, ${optimizer}: every equation's expected value is its record entry`, () => {
        const record = recordOf(output, loss, optimizer);
        const trace = buildTrace(record, { featureNames: ['a', 'b', 'c'] });
        let asked = 0;
        for (const equation of trace) {
          for (const seed of [1, 2, 3]) {
            const q = quizQuestion(equation, record, 4, seed);
            if (equation.phase === 'loss') {
              expect(q).toBeNull();
              continue;
            }
            expect(q, equation.id).not.toBeNull();
            asked++;
            expect(q!.expected).toBe(recordEntry(record, q!));
            if (equation.phase === 'forward' || (equation.phase === 'backward' && !/dW|db/.test(equation.id))) expect(q!.entry.col).toBe(4);
            const again = fromOperands(q!, record);
            if (again !== null) expect(close(again, q!.expected), `${equation.id}: ${again} vs ${q!.expected}`).toBe(true);
            expect(checkAnswer(q!, q!.expected).right).toBe(true);
            expect(() => katex.renderToString(q!.workedTex, { throwOnError: true, strict: 'ignore' })).not.toThrow();
            for (const o of q!.operands) expect(() => katex.renderToString(o.tex, { throwOnError: true })).not.toThrow();
          }
        }
        expect(asked).toBeGreaterThan(30);
      });
    }
  }

  it('update questions follow the optimiser: sgd w − η·dW, momentum w − η·v, Adam its own terms', () => {
    const sgd = recordOf('sigmoid', 'bce', 'sgd', 6, 0);
    const q = quizQuestion({ id: 'update-W-2', phase: 'update', layer: 2 }, sgd, 0, 9)!;
    const [w, g, eta] = q.operands.map((o) => o.values[0]);
    expect(close(w - eta * g, q.expected)).toBe(true);
    const mom = recordOf('sigmoid', 'bce', 'momentum');
    const qm = quizQuestion({ id: 'update-b-1', phase: 'update', layer: 1 }, mom, 0, 9)!;
    expect(qm.operands.map((o) => o.label)).toEqual(['b' + (qm.entry.row + 1) + ' of layer 1 before the update', 'v after this step', 'η']);
    expect(close(qm.operands[0].values[0] - qm.operands[2].values[0] * qm.operands[1].values[0], qm.expected)).toBe(true);
    const adam = recordOf('sigmoid', 'bce', 'adam');
    const qa = quizQuestion({ id: 'update-W-1', phase: 'update', layer: 1 }, adam, 0, 9)!;
    const [w0, mHat, sHat, lr, eps] = qa.operands.map((o) => o.values[0]);
    expect(close(w0 - (lr * mHat) / (Math.sqrt(sHat) + eps), qa.expected)).toBe(true);
  });

  it('the same seed asks the same entry; seeds between them reach every neuron', () => {
    const record = recordOf('softmax', 'cce', 'sgd');
    const eq = { id: 'forward-Z-1', phase: 'forward' as const, layer: 1 };
    expect(quizQuestion(eq, record, 2, 42)).toEqual(quizQuestion(eq, record, 2, 42));
    const rows = new Set(Array.from({ length: 40 }, (_, seed) => quizQuestion(eq, record, 2, seed)!.entry.row));
    expect([...rows].sort()).toEqual([0, 1, 2, 3]);
  });

  it('asks Z with row j of W, column i of A and b_j', () => {
    const record = recordOf('sigmoid', 'bce', 'sgd');
    const q = quizQuestion({ id: 'forward-Z-2', phase: 'forward', layer: 2 }, record, 3, 1)!;
    expect(q.operands.map((o) => o.values)).toEqual([
      record.layers[1].W.toRows()[0], record.layers[0].A.toRows().map((r) => r[3]), [record.layers[1].b.get(0, 0)],
    ]);
    expect(q.workedText).toMatch(/^z = .* = /);
  });

  it('normalisation and unknown ids are not asked; a sample outside the batch is an error', () => {
    const record = recordOf('sigmoid', 'bce', 'sgd');
    expect(quizQuestion({ id: 'normalize-X', phase: 'normalize', layer: 0 }, record, 0, 1)).toBeNull();
    expect(quizQuestion({ id: 'forward-Q-1', phase: 'forward', layer: 1 }, record, 0, 1)).toBeNull();
    expect(() => quizQuestion({ id: 'forward-Z-1', phase: 'forward', layer: 1 }, record, 6, 1)).toThrow(RangeError);
  });
});

describe('answers and score', () => {
  it('accepts within 1% or the value to 2 significant digits', () => {
    expect(isRight(0.1234, 0.1234)).toBe(true);
    expect(isRight(0.1234, 0.1245)).toBe(true); // 0.9% off
    expect(isRight(0.1234, 0.12)).toBe(true); // 2 significant digits
    expect(isRight(0.1289, 0.13)).toBe(true);
    expect(isRight(0.1289, 0.12)).toBe(false); // truncated, 6.9% off
    expect(isRight(0.1234, 0.125)).toBe(false);
    expect(isRight(-2.345, -2.3)).toBe(true);
    expect(isRight(-2.345, 2.345)).toBe(false);
    expect(isRight(3.2e-6, 3.2e-6)).toBe(true);
    expect(isRight(0, 0)).toBe(true);
    expect(isRight(0, 0.001)).toBe(false);
    expect(isRight(1, Number.NaN)).toBe(false);
  });

  it('counts asked and right', () => {
    const s = [true, false, true].reduce(scoreAfter, EMPTY_SCORE);
    expect(s).toEqual({ asked: 3, right: 2 });
    expect(EMPTY_SCORE).toEqual({ asked: 0, right: 0 });
  });

  it('quizzes the phases the teacher chose', () => {
    const table = (['normalize', 'forward', 'loss', 'backward', 'update'] as const).map((phase) =>
      (['forward', 'backward', 'all'] as const).map((p) => isQuizzed({ phase }, p)));
    expect(table).toEqual([
      [false, false, false],
      [true, false, true],
      [false, false, false],
      [false, true, true],
      [false, true, true],
    ]);
  });
});

describe('parseAnswer', () => {
  it('reads what a student types', () => {
    expect(parseAnswer('0.12')).toBe(0.12);
    expect(parseAnswer(' −0.5 ')).toBe(-0.5);
    expect(parseAnswer('-1.2e-3')).toBe(-0.0012);
    expect(parseAnswer('0,25')).toBe(0.25);
    expect(parseAnswer('.5')).toBe(0.5);
    expect(parseAnswer('')).toBeNull();
    expect(parseAnswer('abc')).toBeNull();
    expect(parseAnswer('1,000.5')).toBeNull();
    expect(parseAnswer('1/2')).toBeNull();
  });
});
