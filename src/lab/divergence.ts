/**
 * The early divergence warning: a check of each new batch loss against the recent ones, so the lab
 * pauses with a message about η while every number is still finite (instead of waiting for the loss
 * to become ∞ or NaN, by which time a regression at η = 10 has printed losses of 1e68 … 1e305).
 * Pure: the lab calls `earlyDivergence` after each trainStep, before it keeps the batch.
 */
import { formatRate } from './notices';
import type { ReadonlyLossHistory } from './lossHistory';

/** Batches the growth rule looks at, the new one included: growth is measured over the 9 before it. */
export const DIVERGENCE_WINDOW = 10;
/** The loss grew by more than this factor within the window. */
export const DIVERGENCE_GROWTH = 100;
/** A batch loss above this is divergence whatever came before. */
export const DIVERGENCE_CEILING = 1e6;
/**
 * Growth alone counts only when the new loss is also this many times the run's first batch loss
 * (the untrained network's loss, about ln 2 for bce, ln k for cce, ½·Var y for mse). Without it a
 * well-trained classifier stops play: on Occupancy at η = 10 a batch loss of 1e-6 is followed by one
 * of 1.9 (1 400×) while training goes on to 98.7 % accuracy; that 1.9 is 2.1× the first loss (0.90).
 * Measured in divergence.test.ts.
 */
export const DIVERGENCE_FLOOR_FACTOR = 3;

/**
 * Samples behind each loss the growth rule compares. A batch of m < 50 is too noisy on its own:
 * with m = 1 on two moons at η = 0.01 (training well) a confidently right sample's loss of 0.024
 * is followed by a wrong one's 2.5 (107×, 3.6× the first loss), which paused the lab as
 * "diverged". So the rule compares means of ⌈50 / m⌉ consecutive batch losses (poolSize); from
 * m = 50 on it is each batch loss itself. Measured in divergence.test.ts.
 */
export const DIVERGENCE_SAMPLES = 50;

/** Consecutive batch losses pooled into one point of the growth rule: ⌈DIVERGENCE_SAMPLES / m⌉. */
export function poolSize(m: number): number {
  return Math.max(1, Math.ceil(DIVERGENCE_SAMPLES / Math.max(1, m)));
}

/**
 * A learning rate that diverges on Occupancy (datatraining.txt, the lab's defaults otherwise:
 * 5-8-8-1 tanh, sgd, batch 50, seed 42): the warning fires at the 3rd batch, and training on regardless
 * ends three epochs at 88.6 % train accuracy (98.8 % at η = 0.1; always "not occupied" scores 78.8 %).
 * With seeds 1–10 it fires within 3 epochs every time (after 2 … 183 batches). η = 10, today's slider
 * maximum, trains to 98.7 % and never trips it; η = 20 … 50 trip it late and not on every seed.
 * With tanh hidden layers and a sigmoid output the loss cannot overflow (it grows like ‖W‖): on
 * Occupancy divergence shows as a loss thrashing far above its start, which the growth rule catches.
 * Measured in divergence.test.ts (Occupancy part). Proposed as the "too large" preset (needs
 * LIMITS.maxLearningRate ≥ 100 so the settings codec accepts it).
 */
export const TOO_LARGE_LEARNING_RATE = 100;

/** Why the check fired. */
export type DivergenceReason = 'nonFinite' | 'ceiling' | 'growth';

/** What the check found: the reason, the factor of growth over the window's smallest loss, and the sentence to show. */
export interface DivergenceSignal {
  reason: DivergenceReason;
  /** newLoss / min(previous losses in the window); NaN when there were none. */
  growth: number;
  newLoss: number;
  /** The smallest finite loss of the window before the new one (NaN when none). */
  lowest: number;
  message: string;
}

/** Where the batch was and which η trained it, for the message. epoch and batch are 0-based as the batcher gives them. */
export interface DivergenceContext {
  learningRate: number;
  epoch: number;
  batch: number;
  batchCount: number;
  /** Batch losses pooled per point of the growth rule (poolSize(m)); default 1. */
  pool?: number;
}

/**
 * The losses earlyDivergence reads from a run's loss history: ℓ_1 and the last
 * DIVERGENCE_WINDOW · pool − 1, as a list whose first entry is ℓ_1 and whose last entries are the recent ones.
 */
export function divergenceWindow(history: ReadonlyLossHistory, pool = 1): number[] {
  const recent = history.tail(DIVERGENCE_WINDOW * pool - 1);
  if (history.first === undefined) return [];
  // When the whole run fits in the tail, it already starts with ℓ_1.
  return history.length <= recent.length ? recent : [history.first, ...recent];
}

/** Mean of the finite values[from..to) (NaN if none). */
function finiteMean(values: readonly number[], from: number, to: number): number {
  let sum = 0;
  let count = 0;
  for (let k = Math.max(0, from); k < to; k++) {
    if (Number.isFinite(values[k])) {
      sum += values[k];
      count += 1;
    }
  }
  return count > 0 ? sum / count : Number.NaN;
}

/**
 * Checks the batch loss ℓ_t of the newest update against the run so far. With pool p (context.pool,
 * default 1) the growth rule reads the mean of the last p batch losses, ℓ_t included (L_t), against
 * the means of the DIVERGENCE_WINDOW − 1 groups of p before it; non-finite and ceiling read ℓ_t itself.
 * @param history the batch losses of the run before this one, oldest first (the lab's
 *   metrics.batchLoss before ℓ_t is pushed); only history[0] and the last DIVERGENCE_WINDOW · p − 1 are read.
 * @param newLoss ℓ_t, the record's loss.
 * @param context η and the batch's place, for the message.
 * @returns null while training looks sane; else a signal: ℓ_t non-finite, ℓ_t > 1e6, or
 *   L_t > 100 · min(L_{t−p} … L_{t−9p}) with L_t > 3 · ℓ_1 (p = 1: ℓ_t > 100 · min(ℓ_{t−9} … ℓ_{t−1})).
 */
export function earlyDivergence(history: readonly number[], newLoss: number, context: DivergenceContext): DivergenceSignal | null {
  const pool = Math.max(1, Math.floor(context.pool ?? 1));
  const n = history.length;
  let lowest = Number.POSITIVE_INFINITY;
  // Group g (1 … WINDOW − 1) holds history[end − p, end) with end = n − (p − 1) − (g − 1)·p.
  for (let g = 1; g < DIVERGENCE_WINDOW; g++) {
    const end = n - (pool - 1) - (g - 1) * pool;
    if (end <= 0) break;
    const mean = finiteMean(history, end - pool, end);
    if (mean < lowest) lowest = mean;
  }
  if (lowest === Number.POSITIVE_INFINITY) lowest = Number.NaN;
  // L_t: ℓ_t with the finite ones of the p − 1 losses before it (a non-finite ℓ_t fires below anyway).
  let pooledSum = newLoss;
  let pooledCount = 1;
  for (let k = Math.max(0, n - (pool - 1)); k < n; k++) {
    if (Number.isFinite(history[k])) {
      pooledSum += history[k];
      pooledCount += 1;
    }
  }
  const pooled = pooledSum / pooledCount;
  const growth = lowest > 0 ? pooled / lowest : Number.NaN;
  const start = n > 0 && Number.isFinite(history[0]) ? history[0] : newLoss;
  let reason: DivergenceReason | null = null;
  if (!Number.isFinite(newLoss)) reason = 'nonFinite';
  else if (newLoss > DIVERGENCE_CEILING) reason = 'ceiling';
  else if (growth > DIVERGENCE_GROWTH && pooled > DIVERGENCE_FLOOR_FACTOR * start) reason = 'growth';
  if (!reason) return null;
  const shown = reason === 'growth' ? pooled : newLoss;
  return { reason, growth, newLoss, lowest, message: divergenceWarning(reason, shown, lowest, context) };
}

/** Three significant digits, exponent form for very large or small values. */
function short(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const a = Math.abs(value);
  return a !== 0 && (a >= 1e5 || a < 1e-3) ? value.toExponential(2) : String(Number(value.toPrecision(3)));
}

/** The sentence shown when the check fires (the wording of notices.divergenceMessage, with what was seen). */
export function divergenceWarning(reason: DivergenceReason, newLoss: number, lowest: number, context: DivergenceContext): string {
  const { learningRate, epoch, batch, batchCount } = context;
  const where = `epoch ${epoch + 1}, batch ${batch + 1} / ${batchCount}`;
  const seen = reason === 'nonFinite'
    ? 'the loss is no longer a finite number'
    : reason === 'ceiling'
      ? `the batch loss reached ${short(newLoss)}, above ${short(DIVERGENCE_CEILING)}`
      : (context.pool ?? 1) > 1
        ? `the mean loss of ${context.pool} batches grew from ${short(lowest)} to ${short(newLoss)} (${short(newLoss / lowest)}×) within ${DIVERGENCE_WINDOW * (context.pool ?? 1)} batches`
        : `the batch loss grew from ${short(lowest)} to ${short(newLoss)} (${short(newLoss / lowest)}×) within ${DIVERGENCE_WINDOW} batches`;
  const smaller = formatRate(Math.max(1e-4, learningRate / 10));
  return `Training diverged at ${where}: ${seen}. Training paused before any number overflowed. `
    + `The learning rate η = ${formatRate(learningRate)} is too large for this network; lower it (try η = ${smaller}) and press Reset.`;
}
