import type { QuizPhases } from '../lab/quiz';
import type { LabView } from '../lab/view';

/** Props of the quiz switch. */
export interface QuizControlsProps {
  quiz: LabView['quiz'];
  onChange(on: boolean, phases: QuizPhases): void;
}

const PHASES: Record<QuizPhases, string> = { forward: 'forward pass', backward: 'backward pass and update', all: 'every phase' };

/** Predict, then reveal: on, and which phases the teacher has quizzed; the score so far. */
export function QuizControls({ quiz, onChange }: QuizControlsProps) {
  return (
    <div className="quiz-controls">
      <label className="check">
        <input type="checkbox" data-testid="quiz-toggle" checked={quiz.on} onChange={(e) => onChange(e.target.checked, quiz.phases)} />
        <span>Predict, then reveal</span>
      </label>
      <label className="inline-field">
        <span>ask in</span>
        <select data-testid="quiz-phases" value={quiz.phases} onChange={(e) => onChange(quiz.on, e.target.value as QuizPhases)} disabled={!quiz.on}>
          {(Object.keys(PHASES) as QuizPhases[]).map((p) => <option key={p} value={p}>{PHASES[p]}</option>)}
        </select>
      </label>
      {quiz.on && <span className="muted">score {quiz.score.right} / {quiz.score.asked}</span>}
    </div>
  );
}
