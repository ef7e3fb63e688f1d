/**
 * Predict-then-reveal: in quiz mode, a step onto an equation of a quizzed phase first asks about it
 * (its numbers wait until the answer is revealed). This holds the mode, the phases, the score and the
 * question being asked; quiz.ts (loaded on demand) decides which equations are asked and how.
 */
import { equationsOf } from './history';
import { quizCode } from './lazyCode';
import { END, type LabSession, type Notice } from './session';
import type { QuizPhases, QuizScore } from './quiz';

/** What the view shows of the quiz: on or off, the phases asked, the score, the equation asked about. */
export interface QuizState {
  on: boolean;
  phases: QuizPhases;
  score: QuizScore;
  /** The index of the equation whose question is on screen, or null. */
  asking: number | null;
}

/** The score before any question: 0 right of 0 asked (quiz.ts's EMPTY_SCORE, which loads on demand). */
const NO_SCORE: QuizScore = { asked: 0, right: 0 };

/** What quiz mode needs from the lab. */
export interface QuizHost {
  /** The quiz changed: a new view is due. */
  touch(): void;
  say(notice: Notice): void;
}

/** The quiz of one lab; see the module comment. */
export class QuizMode {
  state: QuizState = { on: false, phases: 'all', score: NO_SCORE, asking: null };
  /** A step asked for while the quiz's code was still loading: it is taken (`retry`) once the code is there. */
  private stepWaits = false;

  constructor(private readonly host: QuizHost) {}

  /**
   * Before a step of `s` (null when no step may be asked about: no session, play, a replay), following
   * `sample`: true when quiz mode holds the step — it asks about the next equation, or waits for the
   * quiz's code and then calls `retry`. False when the step goes ahead (no question is on screen then).
   */
  holdsStep(s: LabSession | null, sample: number, retry: () => void): boolean {
    const q = this.state;
    if (s && q.on && q.asking === null && s.entry && s.cursor.equation !== END) {
      const quiz = quizCode.get();
      if (!quiz) {
        // Not one step past an unasked question: one step waits for the code (more clicks meanwhile add none).
        if (!this.stepWaits) {
          this.stepWaits = true;
          quizCode.load().then(() => {
            this.stepWaits = false;
            retry();
          }, () => {
            this.stepWaits = false;
            this.state = { ...this.state, on: false, asking: null };
            this.host.say({ kind: 'info', text: 'The quiz could not be loaded; quiz mode is off.' });
          });
        }
        return true;
      }
      const next = s.cursor.equation + 1;
      const eq = equationsOf(s.dataset, s.entry)[next];
      if (eq && quiz.isQuizzed(eq, q.phases) && quiz.quizQuestion(eq, s.recordOf(s.entry), sample, s.settings.seed)) {
        this.state = { ...q, asking: next };
        this.host.touch();
        return true;
      }
    }
    this.state = { ...this.state, asking: null };
    return false;
  }

  /** Quiz mode on or off, and which phases it asks about. */
  set(on: boolean, phases: QuizPhases = this.state.phases): void {
    if (on) quizCode.load().catch(() => {});
    this.state = { ...this.state, on, phases, asking: null };
    this.host.touch();
  }

  /** Scores the answer to the question on screen. */
  answer(right: boolean): void {
    // A question was on screen, so the quiz's code is there; the sum is quiz.ts's scoreAfter.
    const score = this.state.score;
    this.state = { ...this.state, score: quizCode.get()?.scoreAfter(score, right) ?? { asked: score.asked + 1, right: score.right + (right ? 1 : 0) } };
    this.host.touch();
  }

  /** Ends the question on screen; returns the index of the equation it asked about (null when none was asked). */
  reveal(): number | null {
    const index = this.state.asking;
    this.state = { ...this.state, asking: null };
    return index;
  }
}
