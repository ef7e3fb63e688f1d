import { memo, useEffect, useRef, useState, type FormEvent } from 'react';
import type { QuizQuestion, QuizScore } from '../lab/quiz';
import { checkAnswer, parseAnswer, type QuizVerdict } from '../lab/quizAnswer';
import { formatPlain } from '../trace';
import { Katex } from './Katex';
import './chainRule.css';

export interface QuizCardProps {
  /** quizQuestion(equation, record, sample, seed) for the equation about to be revealed. */
  question: QuizQuestion;
  /** The session's score so far (the parent adds each verdict with scoreAfter). */
  score: QuizScore;
  /** Called once per question, when the student submits a number. */
  onAnswer: (verdict: QuizVerdict) => void;
  /** "Show the equation": reveal its numbers and go on (offered after the answer, and as Skip before). */
  onContinue: () => void;
}

/** Operands are shown with 5 significant digits, so a hand computation lands well within 1%. */
const operandText = (x: number) => (Number.isFinite(x) && x !== 0 ? String(Number(x.toPrecision(5))) : formatPlain(x));

/**
 * Predict, then reveal: the question, the operands it needs with their numbers, a number field
 * (Enter submits), then right or wrong with the worked computation, and the score. The answer state
 * is the card's own and starts over when the question changes.
 */
export const QuizCard = memo(function QuizCard(props: QuizCardProps) {
  return <QuizCardBody key={props.question.id} {...props} />;
});

function QuizCardBody({ question, score, onAnswer, onContinue }: QuizCardProps) {
  const [text, setText] = useState('');
  const [verdict, setVerdict] = useState<QuizVerdict | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const next = useRef<HTMLButtonElement>(null);
  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    if (verdict) next.current?.focus();
  }, [verdict]);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (verdict) return;
    const answer = parseAnswer(text);
    if (answer === null) {
      setProblem('Type a number, e.g. 0.25 or -1.2e-3.');
      return;
    }
    const v = checkAnswer(question, answer);
    setProblem(null);
    setVerdict(v);
    onAnswer(v);
  };

  return (
    <section className="panel quiz-card" data-testid="quiz-card" aria-labelledby="quiz-title" data-question={question.id}>
      <header className="chain-rule-head">
        <h2 id="quiz-title">Predict, then reveal</h2>
        <QuizScoreLine score={score} />
      </header>
      <p className="quiz-prompt">What is <Katex src={question.symbolTex} />, the {question.prompt}?</p>
      <dl className="quiz-operands" data-testid="quiz-operands">
        {question.operands.map((o, k) => (
          <div key={k} className="quiz-operand">
            <dt><Katex src={o.tex} /> <span className="muted">{o.label}</span></dt>
            <dd>{o.values.length === 1 ? operandText(o.values[0]) : `[${o.values.map(operandText).join(', ')}]`}</dd>
          </div>
        ))}
      </dl>
      <form className="quiz-form" onSubmit={submit}>
        <label htmlFor="quiz-answer-input">Your answer</label>
        <input id="quiz-answer-input" ref={input} data-testid="quiz-answer" type="text" inputMode="decimal" autoComplete="off"
          value={text} onChange={(e) => setText(e.target.value)} readOnly={verdict !== null} aria-invalid={problem !== null}
          aria-describedby={problem ? 'quiz-problem' : undefined} />
        <button type="submit" className="small" disabled={verdict !== null}>Check</button>
        {!verdict && <button type="button" className="small quiet" onClick={onContinue}>Skip</button>}
      </form>
      {problem && <p id="quiz-problem" className="alert" role="alert">{problem}</p>}
      {verdict && <QuizOutcome question={question} verdict={verdict} />}
      {verdict && <button type="button" ref={next} className="small" onClick={onContinue} data-testid="quiz-continue">Show the equation</button>}
    </section>
  );
}

/** "Score: right / asked". */
export function QuizScoreLine({ score }: { score: QuizScore }) {
  return (
    <p className="quiz-score" data-testid="quiz-score" data-asked={score.asked} data-right={score.right}>
      Score: {score.right} / {score.asked}
    </p>
  );
}

/** Right or wrong, and the worked computation (shown either way). */
export function QuizOutcome({ question, verdict }: { question: QuizQuestion; verdict: QuizVerdict }) {
  return (
    <div className={`quiz-result ${verdict.right ? 'right' : 'wrong'}`} data-testid="quiz-result" data-right={String(verdict.right)} role="status">
      <p className="quiz-verdict">
        {verdict.right
          ? `✓ Right: ${formatPlain(verdict.answer)} (the value is ${formatPlain(verdict.expected)}).`
          : `✗ Not quite: you said ${formatPlain(verdict.answer)}, the value is ${formatPlain(verdict.expected)}.`}
      </p>
      <Katex src={question.workedTex} className="chain-rule-tex wraps" />
      <p className="muted quiz-worked">{question.workedText}</p>
    </div>
  );
}
