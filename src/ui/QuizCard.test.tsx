import { renderToString } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import { cloneStepRecord, createNetwork, Matrix, trainStep } from '../nn';
import { checkAnswer, quizQuestion } from '../lab/quiz';
import { QuizCard, QuizOutcome } from './QuizCard';
import { katexLoader } from './katexLoader';

// KaTeX is loaded lazily in the app (katexLoader.test.tsx covers the moment before); here it is typeset.
beforeAll(() => katexLoader.load());

const net = createNetwork({ sizes: [3, 4, 1], hidden: 'tanh', output: 'sigmoid', loss: 'bce', seed: 2 });
const X = new Matrix(3, 5, Float64Array.from({ length: 15 }, (_, k) => Math.cos(k)));
const Y = new Matrix(1, 5, Float64Array.from([1, 0, 1, 0, 0]));
const record = cloneStepRecord(trainStep(net, X, Y, { learningRate: 0.1 }));
const question = quizQuestion({ id: 'forward-Z-1', phase: 'forward', layer: 1 }, record, 2, 7)!;

describe('QuizCard (server render)', () => {
  it('asks with the operands, a number field and the score, and no result before the answer', () => {
    const html = renderToString(<QuizCard question={question} score={{ asked: 3, right: 2 }} onAnswer={() => {}} onContinue={() => {}} />);
    expect(html).toContain('data-testid="quiz-answer"');
    expect(html).toMatch(/data-testid="quiz-score"[^>]*>Score: <!-- -->2<!-- --> \/ <!-- -->3/);
    expect(html).not.toContain('data-testid="quiz-result"');
    const w = record.layers[0].W.get(question.entry.row, 0);
    expect(html).toContain(String(Number(w.toPrecision(5))));
    expect(html.match(/class="quiz-operand"/g)).toHaveLength(3);
  });

  it('shows right or wrong and the worked computation', () => {
    const right = renderToString(<QuizOutcome question={question} verdict={checkAnswer(question, question.expected)} />);
    expect(right).toContain('data-right="true"');
    expect(right).toContain('✓ Right');
    const wrong = renderToString(<QuizOutcome question={question} verdict={checkAnswer(question, question.expected + 1)} />);
    expect(wrong).toContain('data-right="false"');
    expect(wrong).toContain('Not quite');
    expect(wrong).toContain('class="katex"');
  });
});
