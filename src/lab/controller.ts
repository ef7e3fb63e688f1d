/**
 * The one owner of everything a user can set: the data source and data choices, the lab settings, the
 * speed and play state, the followed sample and the position. It holds the session, runs the actions
 * (the messages of the Elm architecture), keeps one Undo for Reset and New seed, restores a LabState
 * (from a link, a lesson or a reload) by replaying training from the seed, and makes the LabView that
 * the screen reads. Pure TypeScript: the clock is injected, and the UI subscribes with
 * useSyncExternalStore (subscribe / getView).
 */
import {
  DataError, DEFAULT_DATA_SETTINGS, datasetFromSettings, datasetStepsFromSettings, drainSteps, preparedStepsFromSettings, sourceTable,
  type DataSettings, type Dataset, type LoadedTables, type PreparedDataset, type Table,
} from '../data';
import { deriveSeed } from '../nn';
import type { Equation } from '../trace';
import { equationsOf } from './history';
import { carryOver, DIAGRAM_REFRESH_MS, FRAME_BUDGET_MS, REFRESH_FRAME_BUDGET_MS, runWithinBudget, SPEED_SPECS, unitsOwed } from './play';
import { END, LabSession, type Notice } from './session';
import { HISTORY_SIZE } from './history';
import { defaultSettings, type LabSettings, type PlaySpeed } from './settings';
import { type FileRef, type LabState } from './state';
import { buildView } from './viewBuild';
import type { SplitName } from './export';
import type { ExportFile } from './exportSession';
import type { GradcheckReport } from './gradcheckReport';
import { chainRuleCode, gradcheckCode, quizCode, runsCode } from './lazyCode';
import type { DataView, LabView, PendingFileView } from './view';
import type { KeptRun, PlainRun } from './runs';
import type { QuizPhases, QuizScore } from './quiz';
import type { ChainRuleTarget } from '../trace/chainRule';

/** A parsed file with what identifies it. */
export interface LoadedFile {
  table: Table;
  ref: FileRef;
}

/** Options of a controller. */
export interface ControllerOptions {
  /** A clock in milliseconds (performance.now in the browser). */
  now: () => number;
  settings?: LabSettings;
  data?: DataSettings;
}

// The quiz's, the chain rule's, the gradient check's and the kept runs' code load on demand (lazyCode.ts).
export { chainRuleCode, gradcheckCode, quizCode, runsCode } from './lazyCode';

/** The score before any question: 0 right of 0 asked (quiz.ts's EMPTY_SCORE, which loads on demand). */
const NO_SCORE: QuizScore = { asked: 0, right: 0 };

/** What a gradient check gave: a report with where it was checked, or why it was not run. */
export type GradientCheckOutcome =
  | { kind: 'report'; report: GradcheckReport; where: string; ms: number }
  | { kind: 'obstacle'; message: string };

/**
 * Runs `task` soon, after the page has had a chance to paint and take input (setTimeout(task, 0) in
 * the browser). Given with runInBackground, it lets the controller spread long work over many tasks.
 */
export type BackgroundScheduler = (task: () => void) => void;

/** Milliseconds of background work (a data build, an evaluation) per task: well under the 50 ms of a long task. */
export const BACKGROUND_SLICE_MS = 25;

/** Milliseconds of background work per task while play runs (a frame is due every 16.7 ms). */
export const PLAY_BACKGROUND_SLICE_MS = 8;

/**
 * Tables up to this many cells (rows × columns, the test table's included) give their dataset at once;
 * larger ones are built in slices across tasks when a scheduler is given. UCI Occupancy's training
 * file is 57,001 cells; the 45 MB benchmark file 4.5 million.
 */
export const SLICED_BUILD_CELLS = 1_000_000;

/**
 * A dataset being built in slices, with what to commit with it. The slices decide its numbers; its
 * matrices are written when it is committed (`prepared`), into the memory of the dataset it replaces.
 */
interface DataJob {
  steps: Generator<number, PreparedDataset, void>;
  prepared: PreparedDataset | null;
  settings: DataSettings;
  tables: LoadedTables;
  table: Table;
  title: string | null;
  fraction: number;
  onFail: () => void;
}

/** Batches replayed per call of advanceRestore when no budget is given. */
const REPLAY_CHUNK = 64;

interface Restore {
  state: LabState;
  origin: PendingFileView['origin'];
  total: number;
}

/** What Undo brings back: the whole lab as it was before a Reset or New seed. */
interface UndoSlot {
  label: string;
  session: LabSession;
  data: DataSettings;
  dataset: Dataset;
  sample: number;
}

/** The lab's state machine; see the module comment. */
export class LabController {
  private readonly now: () => number;
  private session: LabSession | null = null;
  private dataSettings: DataSettings;
  private tables: LoadedTables = { uploaded: null, test: null };
  private files: { training: FileRef | null; test: FileRef | null } = { training: null, test: null };
  private dataset: Dataset | null = null;
  private table: Table | null = null;
  private dataFailure: { title: string | null; error: DataError } | null = null;
  private pendingSettings: LabSettings;
  private sample = 0;
  private playing = false;
  private playClock = { last: 0, carry: 0 };
  private frozen: { equations: Equation[]; index: number } | null = null;
  private undoSlot: UndoSlot | null = null;
  private restore: Restore | null = null;
  private pending: { state: LabState; origin: PendingFileView['origin']; role: 'training' | 'test'; ref: FileRef } | null = null;
  private notice: Notice | null = null;
  private keptRuns: KeptRun[] = [];
  private runsNote: string | null = null;
  /** The weight or bias whose chain rule is shown (its sample is the followed one). */
  private selected: Omit<ChainRuleTarget, 'sample'> | null = null;
  private quiz: { on: boolean; phases: QuizPhases; score: QuizScore; asking: number | null } = { on: false, phases: 'all', score: NO_SCORE, asking: null };
  /** A step asked for in quiz mode while the quiz's code was still loading: it is taken once the code is there. */
  private stepAfterQuizLoads = false;
  private presenter: { on: boolean; pane: 'step' | 'charts' } = { on: false, pane: 'step' };
  private version = 0;
  /** What the last view number was made from: the controller's own version and the session's (object and version). */
  private stamp: { own: number; session: LabSession | null; sessionVersion: number } = { own: -1, session: null, sessionVersion: -1 };
  private viewNumber = 0;
  private published = -1;
  private view: LabView | null = null;
  private lastDataView: DataView | null = null;
  private viewVersion = -1;
  /** When the diagram was last re-rendered during play: the clock and the play frame. */
  private diagram = { at: -Infinity, frame: -Infinity };
  /** When the gradient-flow series and the metrics were last re-rendered during play, and the session's version then. */
  private flowRefresh = { at: -Infinity, version: -1 };
  /**
   * What the next view re-renders during full-speed play, as playFrame decided: the diagram (the frame
   * trained keeping the newest record) or the gradient-flow series. A view made elsewhere meanwhile
   * (a background task's) keeps both, so a re-render only ever lands in the play frame budgeted for it.
   */
  private refreshNext = { diagram: false, flow: false };
  /** Frames of play so far (playFrame calls). */
  private playFrames = 0;
  /**
   * The newest batch when the frame before a re-render of the diagram trained it keeping its record
   * (that frame's last batch), so the re-rendering frame need not train: it only re-renders.
   */
  private recordAhead: object | null = null;
  /**
   * Set by a pause of full-speed play that paints first (togglePlay): the controller version and the
   * session's version of the stopped view. While both are unchanged, the view is play's last one with
   * play stopped (its diagram, charts and frozen list); settlePause, or any other change, ends it.
   */
  private pauseHold: { own: number; session: LabSession; sessionVersion: number } | null = null;
  private readonly listeners = new Set<() => void>();
  private scheduler: BackgroundScheduler | null = null;
  private scheduled = false;
  private dataJob: DataJob | null = null;
  /** The percentage the progress notice shows (it is republished in steps of 5). */
  private shownProgress = -1;

  constructor(options: ControllerOptions) {
    this.now = options.now;
    this.pendingSettings = options.settings ?? defaultSettings();
    this.dataSettings = options.data ?? { ...DEFAULT_DATA_SETTINGS };
  }

  // --- subscription ------------------------------------------------------------------------------------------

  /** Subscribes to changes; returns the unsubscribe function. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** The view at the current version (the same object until something changes). */
  getView = (): LabView => {
    const version = this.currentVersion();
    if (this.view && this.viewVersion === version) return this.view;
    const held = this.holdingPause();
    const fastPlay = (this.playing && SPEED_SPECS[this.settings.speed].unit === 'batch') || held;
    // During full-speed play the diagram is redrawn at most 10 times a second (each redraw restyles every
    // neuron and edge), and the gradient-flow and loss charts (the flow series, the metrics) as often but in
    // another frame (see playFrame); the counters follow every frame.
    const refreshDiagram = !fastPlay || !this.view || this.refreshNext.diagram;
    const refreshFlow = !fastPlay || !this.view || this.refreshNext.flow;
    this.refreshNext = { diagram: false, flow: false };
    this.view = buildView({
      version,
      session: this.session,
      settings: this.settings,
      data: this.dataView(),
      sample: this.sample,
      playing: this.playing,
      frozen: fastPlay ? this.frozen ?? { equations: [], index: -1 } : null,
      previousDiagram: refreshDiagram ? null : this.view?.diagram ?? null,
      previousFlow: refreshFlow ? null : this.view?.flow ?? null,
      previousMetrics: refreshFlow ? null : this.view?.metrics ?? null,
      notice: this.progressNotice() ?? this.notice,
      restoring: this.restore ? { done: this.session?.network.updates ?? 0, total: this.restore.total } : null,
      pendingFile: this.pending ? { ...this.pending.ref, role: this.pending.role, origin: this.pending.origin } : null,
      undoLabel: this.undoSlot?.label ?? null,
      // A kept run means runsCode is loaded (keepRun, setRunsFromPlain); with none the legend is empty.
      runs: { kept: this.keptRuns, legend: this.session ? runsCode.get()?.describeDifferences(this.keptRuns, { settings: this.settings, dataset: this.session.dataset.name }) ?? [] : [], note: this.runsNote },
      selected: this.selected,
      quiz: this.quiz,
      presenter: this.presenter,
    });
    this.viewVersion = version;
    return this.view;
  };

  /** The data panel's part of the view: the same object until a data field changes (so the panel need not redraw during play). */
  private dataView(): DataView {
    const v = this.lastDataView;
    // While a dataset is built in slices the panel shows the choices being built (the dataset is the last one until then).
    const job = this.dataJob;
    const settings = job ? job.settings : this.dataSettings;
    const tables = job ? job.tables : this.tables;
    const table = job ? job.table : this.table;
    if (v && v.settings === settings && v.tables === tables && v.table === table && v.dataset === this.dataset && v.failure === this.dataFailure) return v;
    this.lastDataView = { settings, tables, table, dataset: this.dataset, failure: this.dataFailure };
    return this.lastDataView;
  }

  // --- background work ---------------------------------------------------------------------------------------

  /**
   * From now on, spread long work over many tasks with `scheduler`: a dataset of a large table is built
   * in slices (the lab keeps the last dataset until it is ready), and evaluations of large splits run
   * in slices too; the view's notices show the progress. Null goes back to doing everything at once.
   */
  runInBackground(scheduler: BackgroundScheduler | null): void {
    this.scheduler = scheduler;
    if (this.session) this.session.incrementalEvaluation = scheduler !== null;
    this.kick();
  }

  /** True while a dataset is being built or an evaluation is under way. */
  get busy(): boolean {
    return this.dataJob !== null || this.session?.evaluating != null;
  }

  /**
   * Does up to `budgetMs` of the background work (the scheduler calls it; tests may too): first the
   * dataset being built, then the session's evaluations. True when none is left.
   */
  advanceBackground(budgetMs = BACKGROUND_SLICE_MS): boolean {
    const start = this.now();
    while (this.now() - start < budgetMs) {
      const job = this.dataJob;
      if (job?.prepared) {
        // At the start of a task of its own, the matrices are written (in the memory of the dataset
        // they replace, given back now) and committed; what follows waits for the next task.
        const dataset = job.prepared.finish(this.replacedDatasets());
        this.dataJob = null;
        this.commitData(job.settings, job.tables, job.table, dataset);
        break;
      }
      if (job) {
        let next: IteratorResult<number, PreparedDataset>;
        try {
          next = job.steps.next();
        } catch (e) {
          this.dataJob = null;
          job.onFail();
          this.failData(job.title, asDataError(e));
          continue;
        }
        if (next.done) {
          [job.prepared, job.fraction] = [next.value, 1];
          break;
        }
        job.fraction = next.value;
        continue;
      }
      const s = this.session;
      if (s && s.evaluating) {
        s.advanceEvaluation(this.now, Math.max(1, budgetMs - (this.now() - start)));
        continue;
      }
      break;
    }
    // The progress notice is republished every 5 percent, not after every slice (each is a render of the page).
    const percent = this.progressPercent() ?? -1;
    if (percent !== this.shownProgress && (percent === -1 || this.shownProgress === -1 || Math.abs(percent - this.shownProgress) >= 5)) this.version += 1;
    // During play the next frame publishes it: a render here would be a second one between two frames.
    // So does a pause's settling (settlePause) while its stopped frame waits to be painted.
    if (this.playing || this.pauseHold) this.kick();
    else this.publish();
    return !this.busy;
  }

  private progressPercent(): number | null {
    if (this.dataJob) return Math.floor(this.dataJob.fraction * 100);
    const e = this.session?.evaluating;
    return e ? Math.floor((100 * e.done) / Math.max(1, e.total)) : null;
  }

  /** The notice that says what background work is under way, or null. */
  private progressNotice(): Notice | null {
    const percent = this.progressPercent();
    this.shownProgress = percent ?? -1;
    if (percent === null) return null;
    if (this.dataJob) return { kind: 'info', text: `Preparing the data (${this.dataJob.table.rowCount.toLocaleString('en-US')} rows): ${percent}%…` };
    const e = this.session?.evaluating;
    return { kind: 'info', text: `Evaluating on all ${(e?.total ?? 0).toLocaleString('en-US')} training and test samples: ${percent}%…` };
  }

  /** Asks the scheduler for a task when there is background work and none is asked for yet. */
  private kick(): void {
    if (!this.scheduler || this.scheduled || !this.busy) return;
    this.scheduled = true;
    this.scheduler(() => {
      this.scheduled = false;
      // During play the slices are shorter: each one is a task between two frames (a pause's stopped frame too).
      this.advanceBackground(this.playing || this.pauseHold ? PLAY_BACKGROUND_SLICE_MS : BACKGROUND_SLICE_MS);
    });
  }

  /** The settings in force (those waiting for a dataset before the first one). */
  get settings(): LabSettings {
    return this.session?.settings ?? this.pendingSettings;
  }

  // --- data ------------------------------------------------------------------------------------------------------

  /** Loads the default data (or the data settings given at construction): the page is alive at once. */
  start(): void {
    this.tryData(this.dataSettings, this.tables, null);
  }

  selectSource(source: string): void {
    const isFile = source.startsWith('file:');
    this.tryData({ ...this.dataSettings, source, target: null, features: null, testFile: isFile ? this.tables.test?.name ?? null : null }, this.tables, null);
  }

  /** A parsed training file. While a link waits for a file, only that very file (by SHA-256) is taken. */
  uploadTraining(file: LoadedFile): void {
    if (this.refusedForPending(file, 'training')) return;
    const before = this.files;
    this.files = { training: file.ref, test: null };
    const tables = { uploaded: file.table, test: null };
    if (this.pending?.role === 'training') return this.continuePending(tables);
    // A file that gives no dataset changes nothing, not even which file a link would name.
    this.tryData({ ...this.dataSettings, source: file.table.id, target: null, features: null, testFile: null }, tables, `"${file.ref.name}" was not loaded.`, () => { this.files = before; });
  }

  /** A parsed test file, used instead of a random split. */
  uploadTest(file: LoadedFile): void {
    if (this.refusedForPending(file, 'test')) return;
    if (this.pending?.role === 'test') {
      this.files = { ...this.files, test: file.ref };
      return this.continuePending({ ...this.tables, test: file.table });
    }
    if (!this.dataSettings.source.startsWith('file:')) {
      this.failData(`"${file.ref.name}" was not loaded.`, new DataError('A test file goes with an uploaded training file.', 'Upload the training CSV first (e.g. datatraining.txt), then its test file.'));
      return;
    }
    const before = this.files;
    this.files = { ...this.files, test: file.ref };
    this.tryData({ ...this.dataSettings, testFile: file.table.name }, { ...this.tables, test: file.table }, `"${file.ref.name}" was not loaded.`, () => { this.files = before; });
  }

  removeTest(): void {
    this.files = { ...this.files, test: null };
    this.tryData({ ...this.dataSettings, testFile: null }, { ...this.tables, test: null }, null);
  }

  changeData(patch: Partial<DataSettings>): void {
    this.tryData({ ...this.dataSettings, ...patch }, this.tables, null);
  }

  /** A file could not be read (the parser's error). */
  failData(title: string | null, error: DataError): void {
    this.dataFailure = { title, error };
    this.touch();
  }

  dismissDataError(): void {
    this.dataFailure = null;
    this.touch();
  }

  // --- the lab's actions -----------------------------------------------------------------------------------------

  /** The next equation; in quiz mode, an equation of a quizzed phase is first asked about (its numbers wait). */
  stepEquation(): void {
    const s = this.session;
    if (s && this.quiz.on && this.quiz.asking === null && !this.playing && !this.restore && s.entry && s.cursor.equation !== END) {
      const quiz = quizCode.get();
      if (!quiz) {
        // Not one step past an unasked question: one step waits for the code (more clicks meanwhile add none).
        if (!this.stepAfterQuizLoads) {
          this.stepAfterQuizLoads = true;
          quizCode.load().then(() => {
            this.stepAfterQuizLoads = false;
            this.stepEquation();
          }, () => {
            this.stepAfterQuizLoads = false;
            this.quiz = { ...this.quiz, on: false, asking: null };
            this.notice = { kind: 'info', text: 'The quiz could not be loaded; quiz mode is off.' };
            this.touch();
          });
        }
        return;
      }
      const equations = equationsOf(s.dataset, s.entry);
      const next = s.cursor.equation + 1;
      const eq = equations[next];
      if (eq && quiz.isQuizzed(eq, this.quiz.phases) && quiz.quizQuestion(eq, s.recordOf(s.entry), this.sample, s.settings.seed)) {
        this.quiz = { ...this.quiz, asking: next };
        this.touch();
        return;
      }
    }
    this.quiz = { ...this.quiz, asking: null };
    this.act((session) => session.stepEquation());
  }

  /** Quiz mode on or off, and which phases it asks about. */
  setQuiz(on: boolean, phases: QuizPhases = this.quiz.phases): void {
    if (on) quizCode.load().catch(() => {});
    this.quiz = { ...this.quiz, on, phases, asking: null };
    this.touch();
  }

  /** Scores the answer to the question on screen (the view's quiz question). */
  answerQuiz(right: boolean): void {
    // A question was on screen, so the quiz's code is there; the sum is quiz.ts's scoreAfter.
    const score = this.quiz.score;
    this.quiz = { ...this.quiz, score: quizCode.get()?.scoreAfter(score, right) ?? { asked: score.asked + 1, right: score.right + (right ? 1 : 0) } };
    this.touch();
  }

  /** Shows the equation the quiz asked about, with its numbers. */
  revealQuiz(): void {
    const index = this.quiz.asking;
    this.quiz = { ...this.quiz, asking: null };
    if (index === null) return this.touch();
    this.act((s) => s.selectEquation(index));
  }

  /** Shows the chain rule of one weight (source k) or bias of layer l into neuron j; null closes it. */
  selectParameter(target: Omit<ChainRuleTarget, 'sample'> | null): void {
    // The view shows the chain rule once its code is there (a new view when it arrives).
    if (target && !chainRuleCode.get()) chainRuleCode.load().then(() => this.touch(), () => {});
    this.selected = target;
    this.touch();
  }

  /** Presenter mode on or off (the projector's view of the same lab), and which pane it shows. */
  setPresenter(on: boolean, pane: 'step' | 'charts' = on ? this.presenter.pane : 'step'): void {
    if (on === this.presenter.on && pane === this.presenter.pane) return;
    this.presenter = { on, pane };
    this.touch();
  }

  /** Pins the current run's curves (at most 4; the oldest goes); the first time, once runsCode has loaded. */
  keepRun(): void {
    const s = this.session;
    if (!s || s.network.updates === 0) return;
    const code = runsCode.get();
    if (!code) {
      runsCode.load().then(() => this.keepRun(), () => this.say({ kind: 'info', text: 'The run could not be kept: its code did not load.' }));
      return;
    }
    const { runs, dropped } = code.keepRun(this.keptRuns, { dataset: s.dataset.name, settings: s.settings, batchLoss: s.metrics.batchLoss, epochs: s.metrics.epochs, changes: s.schedule });
    this.keptRuns = runs;
    this.runsNote = dropped ? `${dropped.label} was dropped: at most 4 runs are kept.` : null;
    this.touch();
  }

  removeRun(id: string): void {
    this.keptRuns = runsCode.get()?.removeRun(this.keptRuns, id) ?? this.keptRuns;
    this.runsNote = null;
    this.touch();
  }

  /** Kept runs as plain data (they travel in the lesson file); none before runsCode has loaded. */
  runsToPlain(): PlainRun[] {
    return runsCode.get()?.runsToPlain(this.keptRuns) ?? [];
  }

  /** Kept runs from a lesson file (validated); returns what was refused. Needs runsCode loaded (else it starts the load and refuses them). */
  setRunsFromPlain(plain: unknown): string[] {
    const code = runsCode.get();
    if (!code) runsCode.load().catch(() => {});
    const { runs, errors } = code ? code.runsFromPlain(plain) : { runs: [], errors: plain === undefined || plain === null ? [] : ['runs: their code was still loading'] };
    this.keptRuns = runs;
    this.touch();
    return errors;
  }
  finishBatch(): void { this.act((s) => s.finishBatch()); }
  stepEpoch(): void { this.act((s) => s.stepEpoch()); }
  stepBack(): void { this.act((s) => s.stepBack()); }
  selectEquation(index: number): void { this.act((s) => s.selectEquation(index)); }
  evaluateNow(): void { this.act((s) => s.evaluateNow()); }

  /** The same seed again: exactly the same numbers. Undo brings the run back. */
  reset(): void {
    const s = this.session;
    if (!s || !this.dataset) return;
    this.remember('Reset');
    this.pause();
    this.setSession(this.newSession(s.dataset, s.settings));
    this.touch();
  }

  /** A new seed, derived from the current one (deterministic): new weights, batches and built-in data. Undo brings the run back. */
  newSeed(): void {
    const s = this.session;
    if (!s) return;
    this.remember('New seed');
    this.pause();
    this.applySettings({ ...s.settings, seed: deriveSeed(s.settings.seed, 1) % 100_000 }, true);
  }

  /** Brings back the lab as it was before the last Reset or New seed. */
  undo(): void {
    const slot = this.undoSlot;
    if (!slot) return;
    this.pause();
    this.undoSlot = null;
    this.dataJob = null;
    this.dataSettings = slot.data;
    this.dataset = slot.dataset;
    this.table = this.safeTable(slot.data, slot.session.settings.seed);
    this.setSession(slot.session);
    this.sample = slot.sample;
    this.notice = { kind: 'info', text: `${slot.label} undone: the run is back where it was.` };
    this.touch();
  }

  /**
   * New lab settings. η, m, λ and the speed apply from the next batch; any other change rebuilds the
   * network from the seed. A new seed also regenerates a built-in dataset and the random split — one
   * rebuild in all.
   */
  applySettings(next: LabSettings, keepUndo = false): void {
    const s = this.session;
    if (!s) {
      this.pendingSettings = next;
      this.touch();
      return;
    }
    if (next.seed !== s.settings.seed) {
      this.pause();
      this.dataJob = null;
      let dataset: Dataset;
      try {
        dataset = datasetFromSettings(this.dataSettings, this.tables, next.seed);
      } catch (e) {
        this.failData(null, asDataError(e));
        return;
      }
      if (!keepUndo) this.remember('New seed');
      this.dataset = dataset;
      this.table = this.safeTable(this.dataSettings, next.seed);
      const session = this.newSession(dataset, s.settings);
      session.applySettings(next);
      this.setSession(session);
    } else {
      if (s.settings.hiddenLayers.join() !== next.hiddenLayers.join() || next.hiddenActivation !== s.settings.hiddenActivation
        || next.outputActivation !== s.settings.outputActivation || next.loss !== s.settings.loss || next.init !== s.settings.init
        || next.optimizer !== s.settings.optimizer) this.pause();
      s.applySettings(next);
    }
    this.touch();
  }

  setSpeed(speed: PlaySpeed): void {
    this.freeze();
    this.applySettings({ ...this.settings, speed });
  }

  /** Follows sample `index` (0-based column of the batch) in the diagram. */
  setSample(index: number): void {
    if (!Number.isInteger(index) || index < 0) return;
    this.sample = index;
    this.touch();
  }

  // --- play ---------------------------------------------------------------------------------------------------------

  /**
   * Plays, or pauses: a pause of full-speed play paints first. Its view is the stopped one (the
   * button, the transport, the counters, all exact) with play's last diagram, charts and frozen list,
   * so the click's task stays short; settlePause (the page calls it once that frame is painted) makes
   * the view of the paused state in full, the same as pause's.
   */
  togglePlay(): void {
    if (this.playing) this.pause(true);
    else this.play();
  }

  play(): void {
    if (this.playing || !this.session || this.session.divergence || this.restore) return;
    this.freeze();
    this.playing = true;
    this.pauseHold = null;
    this.playClock = { last: this.now(), carry: 0 };
    // The view play starts with re-renders the diagram (no equation is current any more); the next
    // re-render is due DIAGRAM_REFRESH_MS from now.
    this.diagram = { at: this.playClock.last, frame: this.playFrames };
    this.flowRefresh = { at: this.playClock.last, version: this.session.version };
    this.refreshNext = { diagram: true, flow: false };
    this.touch();
  }

  /** Stops play; `paintFirst`: see togglePlay (else the view of the paused state is made at once). */
  pause(paintFirst = false): void {
    if (!this.playing) return;
    this.playing = false;
    const s = this.session;
    // (Play from before the first batch has no frozen list: the held view shows none, as play did.)
    const hold = paintFirst && s !== null && this.view !== null && SPEED_SPECS[s.settings.speed].unit === 'batch';
    this.pauseHold = hold && s ? { own: this.version + 1, session: s, sessionVersion: s.version } : null;
    if (!hold) this.frozen = null;
    this.touch();
  }

  /** Ends a pause's hold (see togglePlay): the view of the paused state follows. A no-op otherwise. */
  settlePause(): void {
    if (!this.pauseHold) return;
    this.pauseHold = null;
    this.frozen = null;
    this.touch();
  }

  /** True while the view is a pause's stopped frame (see togglePlay); clears the hold once anything changed. */
  private holdingPause(): boolean {
    const h = this.pauseHold;
    if (!h) return false;
    if (!this.playing && h.own === this.version && h.session === this.session && h.sessionVersion === h.session.version) return true;
    this.pauseHold = null;
    if (!this.playing) this.frozen = null;
    return false;
  }

  /**
   * True when a view made at `t` re-renders the diagram during full-speed play: DIAGRAM_REFRESH_MS
   * after the last re-render, and never in two frames in a row (on a slow machine every frame comes
   * that late: one in two then trains its full budget).
   */
  private diagramDue(t: number, frame = this.playFrames): boolean {
    return t - this.diagram.at >= DIAGRAM_REFRESH_MS && frame - this.diagram.frame >= 2;
  }

  /**
   * One animation frame of play: trains as many units as the speed owes and fit in FRAME_BUDGET_MS
   * (REFRESH_FRAME_BUDGET_MS in a frame whose view will re-render the diagram; none at full speed when
   * the frame before kept the newest batch's record for it), then publishes once.
   * What the budget left undone stays owed, up to MAX_BACKLOG_SECONDS of work (carryOver): the speed
   * chosen is kept as long as the machine can, and past that play runs as fast as it can.
   * False when play has stopped (paused, or training diverged).
   */
  playFrame(): boolean {
    const s = this.session;
    if (!this.playing || !s) return false;
    const spec = SPEED_SPECS[s.settings.speed];
    const t = this.now();
    this.playFrames += 1;
    const dt = t - this.playClock.last;
    const owed = unitsOwed(spec.perSecond, dt, this.playClock.carry);
    this.playClock = { last: t, carry: owed.carry };
    const refreshing = owed.count > 0 && spec.unit === 'batch' && this.diagramDue(t);
    if (refreshing) this.diagram = { at: t, frame: this.playFrames };
    const atNewestEnd = () => s.cursor.entry === s.history.length - 1 && s.cursor.equation === END;
    // The newest batch's record is there already (the frame before kept it): this frame only re-renders the diagram.
    const ready = refreshing && this.recordAhead !== null && this.recordAhead === s.history[s.history.length - 1] && atNewestEnd();
    this.recordAhead = null;
    // At full speed, when the next frame may re-render the diagram (if it comes up to 1.5 times as far
    // off as this one: frames vary), this frame's last batch keeps its record for it (at a set speed a
    // frame trains a batch or two: the re-rendering frame trains its own, so every batch owed is trained when it is owed).
    const keepForNext = spec.unit === 'batch' && !Number.isFinite(spec.perSecond) && !refreshing && owed.count > 1 && this.diagramDue(t + 1.5 * dt, this.playFrames + 1);
    // The gradient-flow and loss charts in a frame of their own, at the same pace: the frame after the
    // diagram's, trained or not (at 2 batches a second every frame that trains re-renders the diagram).
    const flowDue = spec.unit === 'batch' && !refreshing && t - this.flowRefresh.at >= DIAGRAM_REFRESH_MS && s.version !== this.flowRefresh.version;
    if (flowDue) {
      this.flowRefresh = { at: t, version: -1 };
      // A frame that trains nothing publishes only for this.
      if (owed.count === 0) this.version += 1;
    }
    if (refreshing || flowDue) this.refreshNext = { diagram: refreshing, flow: flowDue };
    if (ready) {
      // Nothing trained: a new view for the re-render alone.
      this.version += 1;
    } else if (owed.count > 0) {
      // The diagram about to be re-rendered shows the newest batch's record: train it keeping a copy
      // (finishBatch at the newest batch's end) rather than replaying the step later for the view.
      const keep = () => (atNewestEnd() ? s.finishBatch() : s.playBatch());
      const step = spec.unit !== 'batch' ? () => s.stepEquation()
        : refreshing ? keep
        : () => s.playBatch();
      // Kept ahead, the last batch is trained after the budget's run: it is the batch the re-rendering
      // frame no longer trains (that frame is the costlier one), so full speed trains as many batches as before.
      const run = runWithinBudget(step, this.now, refreshing ? REFRESH_FRAME_BUDGET_MS : FRAME_BUDGET_MS, keepForNext ? owed.count - 1 : owed.count);
      let stopped = run.stopped;
      let count = run.count;
      if (keepForNext && !stopped) {
        stopped = !keep();
        if (!stopped) count += 1;
        if (!stopped && atNewestEnd()) this.recordAhead = s.history[s.history.length - 1];
      }
      this.playClock.carry = carryOver(spec.perSecond, owed, count);
      if (stopped) {
        this.playing = false;
        this.frozen = null;
      }
    }
    // What the charts about to be re-rendered show (a later frame re-renders them only after a change).
    if (flowDue) this.flowRefresh.version = s.version;
    // Also what background work changed since the last frame (it does not publish during play).
    this.publish();
    return this.playing;
  }

  // --- state: links, lessons, reloads ------------------------------------------------------------------------------

  /** The whole state, as a link, a lesson file and a reload store it. */
  state(): LabState {
    const s = this.session;
    const settings = this.settings;
    return {
      data: { ...this.dataSettings },
      files: { ...this.files },
      settings: { ...settings, hiddenLayers: [...settings.hiddenLayers] },
      schedule: s ? s.schedule.map((e) => ({ ...e })) : [{ update: 0, learningRate: settings.learningRate, batchSize: settings.batchSize, l2: settings.l2 }],
      position: s ? s.position : { updates: 0, shown: 0, equation: 0 },
      sample: this.sample,
    };
  }

  /**
   * Opens a state: its files are taken from `files` (or the files already loaded, by SHA-256) or asked
   * for; then training is replayed from the seed up to its position. Returns at once: call
   * advanceRestore until `view.restoring` is null. A state whose data cannot be built leaves the lab as
   * it is, with a notice.
   */
  open(state: LabState, origin: PendingFileView['origin'], files: { training?: LoadedFile; test?: LoadedFile } = {}): void {
    this.pause();
    this.dataJob = null;
    this.restore = null;
    this.pending = null;
    let tables: LoadedTables = { ...this.tables };
    const fileRefs = { ...this.files };
    for (const role of ['training', 'test'] as const) {
      const given = files[role];
      const wanted = state.files[role];
      if (given && wanted && given.ref.sha256 === wanted.sha256) {
        tables = role === 'training' ? { ...tables, uploaded: given.table } : { ...tables, test: given.table };
        fileRefs[role] = given.ref;
      }
    }
    this.tables = tables;
    this.files = fileRefs;
    this.proceed(state, origin, tables);
  }

  /** Continues a replay for up to `budgetMs` (by the injected clock); true when there is no replay left. */
  advanceRestore(budgetMs = 12): boolean {
    const r = this.restore;
    const s = this.session;
    if (!r || !s) return true;
    const start = this.now();
    let finished = false;
    while (!finished && this.now() - start < budgetMs) finished = s.replayTowards(r.state.position.updates, r.state.schedule, REPLAY_CHUNK);
    if (finished) this.finishRestore();
    this.touch();
    return finished;
  }

  /** Gives up on a link that waits for a file, keeping the lab as it is. */
  cancelPending(): void {
    if (!this.pending) return;
    this.pending = null;
    this.notice = { kind: 'info', text: 'The link was not opened; this is the lab as it was.' };
    this.touch();
  }

  /** The default lab: default data and settings, nothing kept. */
  startFresh(): void {
    this.pause();
    this.restore = null;
    this.pending = null;
    this.undoSlot = null;
    this.dataJob = null;
    this.tables = { uploaded: null, test: null };
    this.files = { training: null, test: null };
    this.session = null;
    this.pendingSettings = defaultSettings();
    this.sample = 0;
    this.notice = null;
    this.tryData({ ...DEFAULT_DATA_SETTINGS }, this.tables, null);
  }

  /** Says something to the user (e.g. why a link could not be opened). */
  say(notice: Notice): void {
    this.notice = notice;
    this.touch();
  }

  /**
   * A download of the run: the model (JSON), the metrics or predictions (CSV), the equations on screen
   * (LaTeX), or the same run as a Python + NumPy script or notebook. Async: the export modules are
   * imported on first use (they are not part of the app's initial bundle); the file is made from the
   * session as it is when they have arrived.
   */
  async exportFile(kind: 'model' | 'metrics' | 'predictions' | 'latex' | 'python' | 'notebook', split?: SplitName): Promise<ExportFile | null> {
    if (!this.session) return null;
    // The script retrains the same batches: the schedule says when η, m and λ changed. The data is embedded.
    if (kind === 'python') {
      const { pythonExport } = await import('./exportPython');
      return this.session ? pythonExport(this.session, { changes: this.session.schedule }) : null;
    }
    if (kind === 'notebook') {
      const { notebookExport } = await import('./exportNotebook');
      return this.session ? notebookExport(this.session, { changes: this.session.schedule }) : null;
    }
    const { latexExport, metricsExport, modelExport, predictionsExport } = await import('./exportSession');
    const s = this.session;
    if (!s) return null;
    if (kind === 'model') return modelExport(s);
    if (kind === 'metrics') return metricsExport(s);
    if (kind === 'predictions') return predictionsExport(s, split);
    return latexExport(s);
  }

  /**
   * The gradient check of the batch on screen (its parameters before the update; the first training
   * samples before any batch): a report, or why finite differences would mislead here. Needs
   * gradcheckCode loaded (the panel that offers the check loads it first); until then it says so and
   * starts the load.
   */
  gradientCheck(): GradientCheckOutcome | null {
    const s = this.session;
    if (!s) return null;
    const code = gradcheckCode.get();
    if (!code) {
      gradcheckCode.load().catch(() => {});
      return { kind: 'obstacle', message: 'The gradient check is still loading: press Check again in a moment.' };
    }
    const { gradcheckInputs, gradcheckObstacle, runGradientCheck } = code;
    const inputs = gradcheckInputs(s);
    const obstacle = gradcheckObstacle(inputs, s.divergence !== null);
    if (obstacle) return { kind: 'obstacle', message: obstacle };
    const started = this.now();
    const report = runGradientCheck(inputs);
    const entry = s.entry;
    const where = entry
      ? `batch ${entry.batchIndex + 1}/${entry.batchCount} of epoch ${entry.epoch + 1} (update ${entry.update}), with its parameters before the update`
      : 'the first training samples, with the initial parameters';
    return { kind: 'report', report, where, ms: this.now() - started };
  }

  // --- internals ---------------------------------------------------------------------------------------------------

  private refusedForPending(file: LoadedFile, role: 'training' | 'test'): boolean {
    const p = this.pending;
    if (!p || p.role !== role) return false;
    if (file.ref.sha256 === p.ref.sha256) return false;
    const what = originWord(p.origin);
    this.failData(`"${file.ref.name}" was not used.`, new DataError(
      `This ${what} was made with ${p.ref.name}, ${p.ref.rows.toLocaleString('en-US')} rows; this file differs (${file.ref.name}, ${file.ref.rows.toLocaleString('en-US')} rows).`,
      `Choose the very file ${p.ref.name} the ${what} was made with, or open the default lab instead.`,
    ));
    return true;
  }

  /** Goes on with a pending state once a file it asked for is there. */
  private continuePending(tables: LoadedTables): void {
    const p = this.pending;
    if (p) this.proceed(p.state, p.origin, tables);
  }

  /** Asks for the state's next missing file, or builds its dataset and starts the replay. */
  private proceed(state: LabState, origin: PendingFileView['origin'], tables: LoadedTables): void {
    this.tables = tables;
    const training = state.files.training;
    if (training && this.files.training?.sha256 !== training.sha256) {
      this.pending = { state, origin, role: 'training', ref: training };
      this.touch();
      return;
    }
    const test = state.files.test;
    if (test && this.files.test?.sha256 !== test.sha256) {
      this.pending = { state, origin, role: 'test', ref: test };
      this.touch();
      return;
    }
    this.pending = null;
    const first = state.schedule[0];
    const startSettings: LabSettings = { ...state.settings, learningRate: first.learningRate, batchSize: first.batchSize, l2: first.l2 };
    let dataset: Dataset;
    try {
      dataset = datasetFromSettings(state.data, tables, startSettings.seed);
    } catch (e) {
      this.notice = { kind: 'info', text: `The ${originWord(origin)} could not be opened: ${asDataError(e).message}` };
      this.touch();
      return;
    }
    this.dataSettings = state.data;
    this.dataset = dataset;
    this.table = this.safeTable(state.data, startSettings.seed);
    this.dataFailure = null;
    this.undoSlot = null;
    this.setSession(this.newSession(dataset, startSettings));
    this.sample = state.sample;
    this.restore = { state, origin: origin, total: state.position.updates };
    this.touch();
  }

  private finishRestore(): void {
    const r = this.restore;
    const s = this.session;
    this.restore = null;
    if (!r || !s) return;
    const { position, settings } = r.state;
    // Settings that do not reset (the speed, and η, m, λ when the schedule ended before the position).
    s.applySettings({ ...s.settings, speed: settings.speed, learningRate: settings.learningRate, batchSize: settings.batchSize, l2: settings.l2 });
    s.notice = null;
    const where = originWord(r.origin);
    if (s.network.updates < position.updates) {
      this.notice = { kind: 'info', text: `The ${where} was replayed to update ${s.network.updates} of ${position.updates}: training diverged on the way, as it did when the ${where} was made.` };
    } else if (!s.showPosition(position.shown, position.equation)) {
      this.notice = { kind: 'info', text: `The ${where}'s batch is no longer in the kept history; showing the newest batch.` };
    } else if (r.origin === 'resume') {
      this.notice = { kind: 'info', text: 'Welcome back: your last lab in this browser was restored.' };
    }
  }

  /**
   * Tries data settings: only when they give a valid dataset are they committed (a bad file never loses
   * the loaded data; `onFail` undoes what the caller changed beforehand). A large table's dataset is
   * built in slices when a scheduler is given: the choices show at once, the dataset when it is ready,
   * and a newer choice replaces one still being built.
   */
  private tryData(settings: DataSettings, tables: LoadedTables, title: string | null, onFail: () => void = () => {}): void {
    const seed = this.settings.seed;
    this.dataJob = null;
    try {
      const table = sourceTable(settings.source, tables, seed);
      const cells = (table.rowCount + (settings.testFile !== null ? tables.test?.rowCount ?? 0 : 0)) * table.columns.length;
      if (this.scheduler && cells > SLICED_BUILD_CELLS) {
        this.dataJob = { steps: preparedStepsFromSettings(settings, tables, seed, this.replacedDatasets()), prepared: null, settings, tables, table, title, fraction: 0, onFail };
        this.touch();
        return;
      }
      this.commitData(settings, tables, table, drainSteps(datasetStepsFromSettings(settings, tables, seed)));
    } catch (e) {
      onFail();
      this.failData(title, asDataError(e));
    }
  }

  /** Makes a dataset the lab's: the settings, tables and table it came from, and a session reset on it. */
  private commitData(settings: DataSettings, tables: LoadedTables, table: Table, dataset: Dataset): void {
    this.dataSettings = settings;
    this.tables = tables;
    this.table = table;
    this.dataset = dataset;
    this.dataFailure = null;
    this.pause();
    if (this.session) this.session.setDataset(dataset);
    else this.setSession(this.newSession(dataset, this.pendingSettings));
    this.undoSlot = null;
    this.touch();
  }

  /** The datasets commitData lets go of (the lab's, its session's and the undo slot's), whose memory a new one may take. */
  private replacedDatasets(): Dataset[] {
    const all = [this.dataset, this.session?.dataset, this.undoSlot?.dataset, this.undoSlot?.session.dataset];
    return all.filter((d): d is Dataset => d != null);
  }

  /** A session; incremental (evaluations in slices) when background work can be scheduled. */
  private newSession(dataset: LabSession['dataset'], settings: LabSettings): LabSession {
    return new LabSession(dataset, settings, HISTORY_SIZE, { incrementalEvaluation: this.scheduler !== null });
  }

  private safeTable(settings: DataSettings, seed: number): Table | null {
    try {
      return sourceTable(settings.source, this.tables, seed);
    } catch {
      return null;
    }
  }

  private remember(label: string): void {
    const s = this.session;
    if (!s || !this.dataset) return;
    this.undoSlot = { label, session: s, data: this.dataSettings, dataset: this.dataset, sample: this.sample };
  }

  private setSession(session: LabSession): void {
    session.incrementalEvaluation = this.scheduler !== null;
    this.session = session;
  }

  /** Keeps the equation list of the batch on screen while batches play at full speed (it catches up on pause). */
  private freeze(): void {
    const s = this.session;
    const entry = s?.entry;
    if (!s || !entry) {
      this.frozen = null;
      return;
    }
    const equations = equationsOf(s.dataset, entry);
    this.frozen = { equations, index: s.cursor.equation === END ? equations.length - 1 : Math.min(s.cursor.equation, equations.length - 1) };
  }

  private act(action: (session: LabSession) => unknown): void {
    const s = this.session;
    if (!s || this.restore || this.playing) return;
    action(s);
    this.publish();
  }

  /** A number that changes whenever the controller or its session changed (the view's version). */
  private currentVersion(): number {
    const session = this.session;
    const sessionVersion = session?.version ?? -1;
    const st = this.stamp;
    if (st.own !== this.version || st.session !== session || st.sessionVersion !== sessionVersion) {
      this.stamp = { own: this.version, session, sessionVersion };
      this.viewNumber += 1;
    }
    return this.viewNumber;
  }

  private touch(): void {
    this.version += 1;
    this.publish();
  }

  /** Tells subscribers (no-op when nothing changed since the last time). */
  private publish(): void {
    this.kick();
    const v = this.currentVersion();
    if (v === this.published) return;
    this.published = v;
    for (const listener of this.listeners) listener();
  }
}

/** What the user calls where a state came from: "link", "lesson", "saved lab". */
function originWord(origin: PendingFileView['origin']): string {
  return origin === 'resume' ? 'saved lab' : origin;
}

function asDataError(error: unknown): DataError {
  if (error instanceof DataError) return error;
  const detail = error instanceof Error ? error.message : String(error);
  return new DataError(`Something went wrong while preparing the data: ${detail}.`, 'Try another choice or reload the page; the previous data is still loaded.');
}
