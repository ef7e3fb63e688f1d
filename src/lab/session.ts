/**
 * The lab session: the dataset, the network, the batcher, the settings, the schedule of η, m and λ,
 * the history of the last HISTORY_SIZE batches and a cursor (which kept batch, which of its equations).
 * The engine computes a whole step at once (trainStep); the session reveals its equations one by one,
 * and steps back through the kept history without undoing training: stepping forward again replays it
 * before training anew. Pure TypeScript: the LabController owns it, and the screen reads only the
 * LabView made from it (view.ts).
 */
import { cloneNetwork, cloneStepRecord, createBatcher, createNetwork, deriveSeed, trainStep, type Batcher, type Network, type StepRecord } from '../nn';
import type { LabDataset as Dataset } from './dataset';
import { equationsOf, HISTORY_SIZE, recordOf, type HistoryEntry } from './history';
import { emptyMetrics, evaluateSplit, recordEvaluation, type EvaluationPoint, type MetricsLog, type SplitMetrics } from './metrics';
import { createEvaluator, snapshotOf, type SplitEvaluator } from './evaluator';
import { cloneParams, networkIsFinite, networkParams, type Params } from './params';
import { describeChanges, divergenceMessage } from './notices';
import { fitHeadToTask, RESETTING_KEYS, type LabSettings, type SettingKey } from './settings';
import { initialSchedule, type Position, type ScheduleEntry } from './state';
import { clearFlow, createFlowSeries, recordFlow, type FlowSeries } from './gradientFlow';
import { divergenceWindow, earlyDivergence, poolSize } from './divergence';
import { noteRateChange } from './runs';


/** The cursor's equation index meaning "the last equation of the batch", before its trace is built. */
export const END = Number.MAX_SAFE_INTEGER;

/** Where the cursor is: an index into the history (−1: before the first batch) and an equation index. */
export interface Cursor { entry: number; equation: number }

/** A message for the user about what the session just did. */
export interface Notice { kind: 'reset' | 'info' | 'limit'; text: string }

/** Options of a session. */
export interface SessionOptions {
  /**
   * Spread evaluations of large splits over many calls of advanceEvaluation instead of running them at
   * once (the controller sets it when the page can give it frames). Default false: every evaluation
   * is done when the call that asks for it returns.
   */
  incrementalEvaluation?: boolean;
}

/**
 * Work (samples × weights, Σ over both splits) above which an incremental session evaluates over
 * several calls: about 10–20 ms of forward passes on this machine. UCI Occupancy (8,143 + 2,036 samples)
 * with the default 8-8 network is about 1.1 M, so it is always evaluated at once.
 */
export const INCREMENTAL_EVALUATION_WORK = 4_000_000;

/**
 * Columns an advanceEvaluation call evaluates between two looks at the clock: about 3 ms of a 6×32
 * network (4096 columns took 20–35 ms, so a slice of play's 8 ms budget ran three to four times over).
 */
const EVALUATION_SLICE = 512;

/** An evaluation of the whole splits under way: the parameters are frozen when it starts. */
interface PendingEvaluation {
  kind: EvaluationPoint['kind'];
  epoch: number;
  update: number;
  network: ReturnType<typeof snapshotOf>;
  train: SplitEvaluator;
  trainMetrics: SplitMetrics | null;
  test: SplitEvaluator | null;
  /** Columns of both splits, and those done. */
  total: number;
  done: number;
  finish(point: EvaluationPoint): void;
}

/** A lab session over one dataset. */
export class LabSession {
  dataset: Dataset;
  settings: LabSettings;
  network!: Network;
  batcher!: Batcher;
  /** Kept batches, oldest first. */
  readonly history: HistoryEntry[] = [];
  cursor: Cursor = { entry: -1, equation: 0 };
  metrics: MetricsLog = emptyMetrics();
  notice: Notice | null = null;
  /** Set when a loss or parameter became non-finite; training stays paused until a reset. */
  divergence: string | null = null;
  /** Increases on every change, so a view can be cached per version. */
  version = 0;
  /** Parameters before any training (what the diagram shows before the first batch). */
  initialParams: Params = [];
  /** η, m and λ of this run by update: [0] the first values, then one entry per change that took effect. */
  schedule: ScheduleEntry[] = [];
  /** ‖dW[l]‖ and ‖W[l]‖ of every update of this run (bounded: recent updates exact, the past averaged). */
  readonly flow: FlowSeries = createFlowSeries();
  private readonly historySize: number;
  /** A network copy no entry holds any more, for the next batch's copy to write into (cloneNetwork's reuse). */
  private spareNetwork: Network | null = null;
  /** See SessionOptions.incrementalEvaluation; the controller switches it on once it can schedule work. */
  incrementalEvaluation: boolean;
  /** Evaluations waiting to finish, oldest first (incremental sessions only). */
  private pendingEvaluations: PendingEvaluation[] = [];

  constructor(dataset: Dataset, settings: LabSettings, historySize = HISTORY_SIZE, options: SessionOptions = {}) {
    this.dataset = dataset;
    this.settings = fitHeadToTask(settings, dataset.task).settings;
    this.historySize = historySize;
    this.incrementalEvaluation = options.incrementalEvaluation ?? false;
    this.rebuild();
  }

  /** sizes = [n0, …hidden, nL]. */
  get sizes(): number[] {
    return [this.dataset.featureNames.length, ...this.settings.hiddenLayers, this.dataset.outputSize];
  }

  /** Batch size m actually used: the setting, capped at the training rows. */
  get batchSize(): number {
    return Math.max(1, Math.min(this.settings.batchSize, this.dataset.train.X.cols));
  }

  /** The StepRecord of an entry (recomputed on first call for batches trained at full speed). */
  recordOf(entry: HistoryEntry): StepRecord {
    return recordOf(this.dataset, entry);
  }

  /** The kept entry under the cursor, or null before the first batch. */
  get entry(): HistoryEntry | null {
    return this.cursor.entry >= 0 ? this.history[this.cursor.entry] : null;
  }

  /** True when the cursor is at the newest batch's last equation (so the next step trains). */
  get atFrontier(): boolean {
    const newest = this.history.length - 1;
    if (this.cursor.entry !== newest) return false;
    return newest < 0 || this.cursor.equation >= this.equationCount(this.history[newest]) - 1;
  }

  /** Rebuilds network, batcher and metrics from the seed: the same seed gives exactly the same numbers. */
  reset(): void {
    this.rebuild();
    this.notice = null;
    this.touch();
  }

  /** Reveals the next equation; past the last one of the newest batch, trains the next batch. */
  stepEquation(): boolean {
    const { entry, equation } = this.cursor;
    if (entry >= 0 && equation < this.equationCount(this.history[entry]) - 1) {
      this.moveTo(entry, equation + 1);
      return true;
    }
    return this.advanceBatch(0);
  }

  /** Jumps to the current batch's last equation; if already there, completes the next batch. */
  finishBatch(): boolean {
    const { entry, equation } = this.cursor;
    if (entry >= 0 && equation < END && equation < this.equationCount(this.history[entry]) - 1) {
      this.moveTo(entry, END);
      return true;
    }
    return this.advanceBatch(END);
  }

  /** Trains to the end of the current epoch (a whole epoch when one has just ended) and shows its last batch. */
  stepEpoch(): boolean {
    if (this.divergence) return this.refuse();
    // When an epoch has just ended, this trains the whole next epoch.
    for (;;) {
      if (!this.trainNext(false)) break;
      const last = this.history[this.history.length - 1];
      if (last.batchIndex === last.batchCount - 1) break;
    }
    this.moveTo(this.history.length - 1, END);
    return !this.divergence;
  }

  /** Trains one new batch from the newest state, showing it complete (the play loop's unit). */
  playBatch(): boolean {
    if (!this.trainNext(false)) return false;
    this.moveTo(this.history.length - 1, END);
    return true;
  }

  /** One equation back, across batch boundaries, through the kept history. False at the oldest kept equation. */
  stepBack(): boolean {
    const { entry } = this.cursor;
    if (entry < 0) return false;
    const equation = Math.min(this.cursor.equation, this.equationCount(this.history[entry]) - 1);
    if (equation > 0) this.moveTo(entry, equation - 1);
    else if (entry > 0) this.moveTo(entry - 1, END);
    else if (this.history[0].update === 1) this.moveTo(-1, 0);
    else {
      this.notice = { kind: 'limit', text: `Only the last ${this.historySize} batches are kept; this is the oldest.` };
      this.touch();
      return false;
    }
    return true;
  }

  /** Shows equation `index` of the batch on screen (clicked in the equation list). */
  selectEquation(index: number): boolean {
    const entry = this.entry;
    if (!entry || !Number.isInteger(index) || index < 0 || index >= this.equationCount(entry)) return false;
    this.moveTo(this.cursor.entry, index);
    return true;
  }

  /** A new seed, derived from the current one (deterministic), then a reset. */
  newSeed(seed = deriveSeed(this.settings.seed, 1) % 100_000): void {
    this.applySettings({ ...this.settings, seed });
  }

  /**
   * Applies new settings. Learning rate, batch size, λ and speed apply from the next batch; any other
   * change rebuilds the network from the seed and says so.
   */
  applySettings(next: LabSettings): void {
    const fitted = fitHeadToTask(next, this.dataset.task).settings;
    const changed = (Object.keys(fitted) as SettingKey[]).filter((k) => JSON.stringify(fitted[k]) !== JSON.stringify(this.settings[k]));
    if (changed.length === 0) return;
    const previous = this.settings;
    this.settings = fitted;
    const resetting = changed.filter((k) => RESETTING_KEYS.has(k));
    if (resetting.length > 0) {
      this.rebuild();
      this.notice = { kind: 'reset', text: describeChanges(resetting, fitted) };
    } else {
      if (fitted.batchSize !== previous.batchSize) this.batcher.setBatchSize(this.batchSize);
      const live = changed.filter((k) => k !== 'speed');
      if (live.length > 0) {
        this.noteSchedule();
        this.notice = { kind: 'info', text: describeChanges(live, fitted) };
      }
    }
    this.touch();
  }

  /** Switches to another dataset: the output/loss pair follows its task, and the session resets. */
  setDataset(dataset: Dataset): void {
    this.dataset = dataset;
    const fitted = fitHeadToTask(this.settings, dataset.task);
    this.settings = fitted.settings;
    this.rebuild();
    this.notice = { kind: 'reset', text: `Loaded ${dataset.name}: the network was rebuilt as ${this.sizes.join('-')} and training restarted.` };
    this.touch();
  }

  /**
   * Evaluates train and test sets now, at the current parameters. After divergence the parameters
   * are no longer finite, so the last good evaluation stays on screen instead.
   */
  evaluateNow(): EvaluationPoint | null {
    if (this.divergence) return this.metrics.latest;
    let result: EvaluationPoint | null = null;
    this.evaluate('demand', (point) => {
      this.metrics.latest = point;
      result = point;
    });
    this.touch();
    return result;
  }

  /** The evaluations under way (incremental sessions): samples done and in all, or null when none is. */
  get evaluating(): { done: number; total: number } | null {
    const queue = this.pendingEvaluations;
    if (queue.length === 0) return null;
    return { done: queue.reduce((n, e) => n + e.done, 0), total: queue.reduce((n, e) => n + e.total, 0) };
  }

  /**
   * Goes on with the evaluations under way until `budgetMs` have passed by `now` (at least one slice
   * of EVALUATION_SLICE samples); a finished one lands in the metrics as it would have at once.
   * True when none is left.
   */
  advanceEvaluation(now: () => number, budgetMs: number): boolean {
    const start = now();
    while (this.pendingEvaluations.length > 0) {
      const e = this.pendingEvaluations[0];
      const evaluator = e.trainMetrics ? e.test : e.train;
      if (evaluator) {
        const before = evaluator.progress;
        const finished = evaluator.step(EVALUATION_SLICE);
        const columns = e.trainMetrics ? (e.test ? this.testColumns() : 0) : this.dataset.train.X.cols;
        e.done += Math.round((evaluator.progress - before) * columns);
        if (finished && !e.trainMetrics) {
          e.trainMetrics = e.train.result();
          e.test = this.testEvaluator(e.network, e.trainMetrics);
        } else if (finished) this.finishEvaluation(e);
      }
      if (e.trainMetrics && !e.test) this.finishEvaluation(e);
      if (now() - start >= budgetMs) break;
    }
    return this.pendingEvaluations.length === 0;
  }

  /** The number of equations of an entry (builds its trace on first call). */
  equationCount(entry: HistoryEntry): number {
    return equationsOf(this.dataset, entry).length;
  }

  /** The parameters of layer l (0-based) that the diagram shows at the cursor: after the update once its update equations are reached. */
  paramsAtCursor(): Params {
    const entry = this.entry;
    if (!entry) return this.initialParams;
    // At the end of a batch every layer is updated: no need to build the trace (the play loop's case).
    const record = recordOf(this.dataset, entry);
    if (this.cursor.equation === END) return record.layers.map((layer) => ({ W: layer.WAfter, b: layer.bAfter }));
    const equations = equationsOf(this.dataset, entry);
    return record.layers.map((layer, l) => {
      const firstUpdate = equations.findIndex((e) => e.phase === 'update' && e.layer === l + 1);
      const after = firstUpdate >= 0 && this.cursor.equation >= firstUpdate;
      return after ? { W: layer.WAfter, b: layer.bAfter } : { W: layer.W, b: layer.b };
    });
  }

  /** Where the screen is, as a state stores it. */
  get position(): Position {
    const entry = this.entry;
    return {
      updates: this.network.updates,
      shown: entry ? entry.update : 0,
      equation: !entry || this.cursor.equation === END ? -1 : this.cursor.equation,
    };
  }

  /**
   * Replays training from the seed towards `updates` updates, applying `schedule`'s η, m and λ at the
   * updates where they took effect (so the batches, and every number, are the same as in the run that
   * made the schedule). Trains at most `maxBatches` now; true when the target is reached or training
   * diverged on the way. Call on a fresh session (after a rebuild).
   */
  replayTowards(updates: number, schedule: readonly ScheduleEntry[], maxBatches: number): boolean {
    for (let done = 0; done < maxBatches; done++) {
      if (this.divergence || this.network.updates >= updates) return true;
      const t = this.network.updates;
      const change = schedule.find((e) => e.update === t);
      if (change) {
        const { learningRate, batchSize, l2 } = change;
        if (learningRate !== this.settings.learningRate || batchSize !== this.settings.batchSize || l2 !== this.settings.l2) {
          const previousBatch = this.settings.batchSize;
          this.settings = { ...this.settings, learningRate, batchSize, l2 };
          if (batchSize !== previousBatch) this.batcher.setBatchSize(this.batchSize);
          this.noteSchedule();
        }
      }
      if (!this.trainNext(false)) return true;
      this.moveTo(this.history.length - 1, END);
    }
    return this.divergence !== null || this.network.updates >= updates;
  }

  /**
   * Shows the kept batch whose update number is `shown` (0: before the first batch) at `equation`
   * (−1: its last). False, leaving the cursor where it is, when that batch is no longer kept.
   */
  showPosition(shown: number, equation: number): boolean {
    if (shown === 0) {
      if (this.history.length > 0 && this.history[0].update !== 1) return false;
      this.moveTo(-1, 0);
      return true;
    }
    const index = this.history.findIndex((e) => e.update === shown);
    if (index < 0) return false;
    const count = this.equationCount(this.history[index]);
    this.moveTo(index, equation < 0 || equation >= count ? END : equation);
    return true;
  }

  // ---------------------------------------------------------------------------------------------

  /** Notes the live values in force from the next update on (one entry per update: the last change wins). */
  private noteSchedule(): void {
    this.schedule = [...noteRateChange(this.schedule, this.network.updates, this.settings)];
  }

  /** Moves to the next kept batch (replaying history) or trains a new one; lands on `equation`. */
  private advanceBatch(equation: number): boolean {
    if (this.cursor.entry < this.history.length - 1) {
      this.moveTo(this.cursor.entry + 1, equation);
      return true;
    }
    if (!this.trainNext(true)) return false;
    this.moveTo(this.history.length - 1, equation);
    return true;
  }

  /**
   * Trains the batcher's next batch and keeps it: with a copy of its record (`keepRecord`, for a batch
   * about to be shown), or with a copy of the network before the step (cheaper at full speed).
   * False (and paused) when training diverges.
   */
  private trainNext(keepRecord: boolean): boolean {
    if (this.divergence) return this.refuse();
    const batch = this.batcher.next();
    const { learningRate, optimizer, l2 } = this.settings;
    const options = { learningRate, optimizer, l2 };
    // The copy of a batch that left the history is written over rather than a new one allocated.
    const before = keepRecord ? null : cloneNetwork(this.network, this.spareNetwork);
    this.spareNetwork = null;
    const record = trainStep(this.network, batch.X, batch.Y, options);
    // A notice about the last change has served once training goes on.
    this.notice = null;
    if (!Number.isFinite(record.loss) || !networkIsFinite(this.network)) {
      this.divergence = divergenceMessage(batch.epoch, batch.index, batch.count, learningRate);
      this.touch();
      return false;
    }
    // Read the record's norms now: its buffers are reused by the next step.
    recordFlow(this.flow, record, this.network.updates);
    // Pause before anything overflows: a loss 100× its recent low, or past 1e6, already says η is too large.
    // Batches under 50 samples are pooled, so one wrong sample of a small batch is not taken for divergence.
    const pool = poolSize(record.m);
    const early = earlyDivergence(divergenceWindow(this.metrics.batchLoss, pool), record.loss, { learningRate, epoch: batch.epoch, batch: batch.index, batchCount: batch.count, pool });
    if (early) this.divergence = early.message;
    this.history.push({
      record: keepRecord ? cloneStepRecord(record) : null,
      before,
      options,
      loss: record.loss,
      m: record.m,
      indices: Int32Array.from(batch.indices),
      epoch: batch.epoch,
      batchIndex: batch.index,
      batchCount: batch.count,
      update: this.network.updates,
      equations: null,
    });
    if (this.history.length > this.historySize) {
      const gone = this.history.shift();
      // Its network before the step is read by no one now (only recordOf reads it, through the history).
      if (gone?.before) {
        this.spareNetwork = gone.before;
        gone.before = null;
      }
      this.cursor = { entry: Math.max(-1, this.cursor.entry - 1), equation: this.cursor.equation };
    }
    this.metrics.batchLoss.push(record.loss);
    if (batch.index === batch.count - 1) {
      const metrics = this.metrics;
      this.evaluate('epoch', (point) => recordEvaluation(metrics, point));
    }
    return true;
  }

  /**
   * Evaluates train and test sets at the current parameters and hands the point to `finish`: at once,
   * or — in an incremental session, when the splits are large — once advanceEvaluation has gone
   * through them (with the parameters as they were now, whatever training does meanwhile).
   */
  private evaluate(kind: EvaluationPoint['kind'], finish: (point: EvaluationPoint) => void): void {
    const last = this.history[this.history.length - 1];
    const epoch = last ? last.epoch + (last.batchIndex === last.batchCount - 1 ? 1 : 0) : 0;
    const sizes = this.sizes;
    let weights = 0;
    for (let l = 1; l < sizes.length; l++) weights += sizes[l] * sizes[l - 1];
    const columns = this.dataset.train.X.cols + this.testColumns();
    if (!this.incrementalEvaluation || columns * weights <= INCREMENTAL_EVALUATION_WORK) {
      finish(this.evaluation(kind, epoch));
      return;
    }
    const network = snapshotOf(this.network);
    const { task, train, targetScale } = this.dataset;
    const options = { classes: this.dataset.classes, targetMean: targetScale?.mean };
    this.pendingEvaluations.push({
      kind, epoch, update: this.network.updates, network,
      train: createEvaluator(network, train, task, targetScale?.std ?? 1, options),
      trainMetrics: null, test: null, total: columns, done: 0, finish,
    });
  }

  private testColumns(): number {
    return this.dataset.test ? this.dataset.test.X.cols : 0;
  }

  /** The test split's evaluator of a frozen network; its baseline answers the training majority. */
  private testEvaluator(network: ReturnType<typeof snapshotOf>, trainMetrics: SplitMetrics): SplitEvaluator | null {
    const { task, test, targetScale } = this.dataset;
    if (!test) return null;
    const options = { classes: this.dataset.classes, targetMean: targetScale?.mean, baselineClass: trainMetrics.baseline?.classIndex };
    return createEvaluator(network, test, task, targetScale?.std ?? 1, options);
  }

  private finishEvaluation(e: PendingEvaluation): void {
    this.pendingEvaluations.shift();
    const train = e.trainMetrics as SplitMetrics;
    const test = e.test ? e.test.result() : null;
    e.finish({ epoch: e.epoch, update: e.update, kind: e.kind, train, test });
    this.touch();
  }

  /** The evaluation at once (see evaluate). */
  private evaluation(kind: EvaluationPoint['kind'], epoch: number): EvaluationPoint {
    const { task, train, test, targetScale } = this.dataset;
    const std = targetScale?.std ?? 1;
    const options = { classes: this.dataset.classes, targetMean: targetScale?.mean };
    const trainMetrics = evaluateSplit(this.network, train, task, std, options);
    return {
      epoch,
      update: this.network.updates,
      kind,
      train: trainMetrics,
      // The test baseline answers the training majority: what "always say the usual class" would score.
      test: test ? evaluateSplit(this.network, test, task, std, { ...options, baselineClass: trainMetrics.baseline?.classIndex }) : null,
    };
  }

  private rebuild(): void {
    const { hiddenActivation, outputActivation, loss, init, seed } = this.settings;
    this.network = createNetwork({ sizes: this.sizes, hidden: hiddenActivation, output: outputActivation, loss, init, seed });
    // The batcher replaced here is not called again: the new one takes over its column order's memory.
    this.batcher = createBatcher(this.dataset.train.X, this.dataset.train.Y, { batchSize: this.batchSize, seed, replaces: this.batcher ?? null });
    this.history.length = 0;
    this.cursor = { entry: -1, equation: 0 };
    this.divergence = null;
    this.initialParams = cloneParams(networkParams(this.network));
    clearFlow(this.flow);
    this.schedule = initialSchedule(this.settings);
    this.metrics = emptyMetrics();
    this.pendingEvaluations = [];
    const metrics = this.metrics;
    this.evaluate('start', (start) => recordEvaluation(metrics, start));
  }

  private refuse(): false {
    this.touch();
    return false;
  }

  private moveTo(entry: number, equation: number): void {
    this.cursor = { entry, equation };
    if (this.notice?.kind === 'limit') this.notice = null;
    this.touch();
  }

  private touch(): void {
    this.version += 1;
  }
}
