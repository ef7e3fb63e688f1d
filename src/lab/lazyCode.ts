/**
 * The lab's code that the opening screen does not run, each loaded on demand (onDemand.ts): the quiz,
 * the chain rule of one weight, the gradient check and keeping runs. The controller starts each load
 * before the code is needed (setQuiz, selectParameter, keepRun; the gradient check panel loads its
 * own); the view reads them with `get()`.
 */
import { onDemand } from './onDemand';

/** quiz.ts: which equations are asked, the question of one (quizQuestion), the score (scoreAfter). */
export const quizCode = onDemand(() => import('./quiz'));

/** trace/chainRule.ts: explainWeight, ∂L/∂W[l]_jk as the sum over the batch of δ[l]_j · a[l−1]_k / m. */
export const chainRuleCode = onDemand(() => import('../trace/chainRule'));

/** gradcheckOutcome.ts, with gradcheckReport.ts, gradcheckGuard.ts and the engine's gradientCheck: the "Check gradients" report. */
export const gradcheckCode = onDemand(() => import('./gradcheckOutcome'));

/**
 * runsKeep.ts: keeping, comparing and reading kept runs (keepRun, describeDifferences, runsToPlain,
 * runsFromPlain). The controller loads it on the first "Keep this run"; a lesson is opened once it is
 * there. While it is not loaded no run is kept, so the legend is empty and there is nothing to write.
 */
export const runsCode = onDemand(() => import('./runsKeep'));
