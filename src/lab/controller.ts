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
  type DataSettings, type Dataset, type LoadedTables, type Table,
} from '../data';
import { deriveSeed } from '../nn';
import { asDataError, BackgroundWork, BACKGROUND_SLICE_MS, SLICED_BUILD_CELLS, type BackgroundScheduler } from './backgroundWork';
import type { DownloadKind } from './downloads';
import type { GradientCheckOutcome } from './gradcheckOutcome';
import { HISTORY_SIZE } from './history';
import { chainRuleCode, gradcheckCode } from './lazyCode';
import { Opening } from './opening';
import { PlayLoop } from './playLoop';
import { QuizMode } from './quizMode';
import { RunShelf } from './runShelf';
import { LabSession, type Notice } from './session';
import { defaultSettings, type LabSettings, type PlaySpeed } from './settings';
import { type FileRef, type LabState } from './state';
import { buildView } from './viewBuild';
import type { SplitName } from './export';
import type { ExportFile } from './exportSession';
import type { DataView, LabView, PendingFileView } from './view';
import type { PlainRun } from './runs';
import type { QuizPhases } from './quiz';
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
export { BACKGROUND_SLICE_MS, PLAY_BACKGROUND_SLICE_MS, SLICED_BUILD_CELLS, type BackgroundScheduler } from './backgroundWork';
export type { GradientCheckOutcome } from './gradcheckOutcome';

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
  private undoSlot: UndoSlot | null = null;
  private notice: Notice | null = null;
  /** The weight or bias whose chain rule is shown (its sample is the followed one). */
  private selected: Omit<ChainRuleTarget, 'sample'> | null = null;
  private presenter: { on: boolean; pane: 'step' | 'charts' } = { on: false, pane: 'step' };
  private version = 0;
  /** What the last view number was made from: the controller's own version and the session's (object and version). */
  private stamp: { own: number; session: LabSession | null; sessionVersion: number } = { own: -1, session: null, sessionVersion: -1 };
  private viewNumber = 0;
  private published = -1;
  private view: LabView | null = null;
  private lastDataView: DataView | null = null;
  private viewVersion = -1;
  private readonly listeners = new Set<() => void>();
  private readonly loop = new PlayLoop({ now: () => this.now(), session: () => this.session, version: () => this.version, bump: () => { this.version += 1; } });
  private readonly work = new BackgroundWork({
    now: () => this.now(),
    session: () => this.session,
    replacedDatasets: () => this.replacedDatasets(),
    commit: (job, dataset) => this.commitData(job.settings, job.tables, job.table, dataset),
    fail: (job, error) => this.failData(job.title, error),
    deferred: () => this.loop.busyPainting,
    changed: () => { this.version += 1; },
    publish: () => this.publish(),
  });
  private readonly quiz = new QuizMode({ touch: () => this.touch(), say: (notice) => this.say(notice) });
  private readonly opening = new Opening({
    now: () => this.now(),
    session: () => this.session,
    files: () => this.files,
    adopt: (state, tables, settings) => this.adopt(state, tables, settings),
    keepTables: (tables) => { this.tables = tables; },
    fail: (title, error) => this.failData(title, error),
    tell: (notice) => { this.notice = notice; },
    touch: () => this.touch(),
  });
  private readonly runs = new RunShelf({ session: () => this.session, touch: () => this.touch(), say: (notice) => this.say(notice) });

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
    const refresh = this.loop.refresh(this.settings.speed, this.view !== null);
    this.view = buildView({
      version,
      session: this.session,
      settings: this.settings,
      data: this.dataView(),
      sample: this.sample,
      playing: this.loop.playing,
      frozen: refresh.frozen,
      previousDiagram: refresh.diagram ? null : this.view?.diagram ?? null,
      previousFlow: refresh.flow ? null : this.view?.flow ?? null,
      previousMetrics: refresh.flow ? null : this.view?.metrics ?? null,
      notice: this.work.progressNotice() ?? this.notice,
      restoring: this.opening.progress(),
      pendingFile: this.opening.pendingFile(),
      undoLabel: this.undoSlot?.label ?? null,
      // A kept run means runsCode is loaded (keepRun, setRunsFromPlain); with none the legend is empty.
      runs: { kept: this.runs.kept, legend: this.runs.legend(this.settings), note: this.runs.note },
      selected: this.selected,
      quiz: this.quiz.state,
      presenter: this.presenter,
    });
    this.viewVersion = version;
    return this.view;
  };

  /** The data panel's part of the view: the same object until a data field changes (so the panel need not redraw during play). */
  private dataView(): DataView {
    const v = this.lastDataView;
    // While a dataset is built in slices the panel shows the choices being built (the dataset is the last one until then).
    const job = this.work.job;
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
    this.work.setScheduler(scheduler);
    if (this.session) this.session.incrementalEvaluation = scheduler !== null;
    this.work.kick();
  }

  /** True while a dataset is being built or an evaluation is under way. */
  get busy(): boolean {
    return this.work.busy;
  }

  /**
   * Does up to `budgetMs` of the background work (the scheduler calls it; tests may too): first the
   * dataset being built, then the session's evaluations. True when none is left.
   */
  advanceBackground(budgetMs = BACKGROUND_SLICE_MS): boolean {
    return this.work.advance(budgetMs);
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
    if (this.opening.refuses(file, 'training')) return;
    const before = this.files;
    this.files = { training: file.ref, test: null };
    const tables = { uploaded: file.table, test: null };
    if (this.opening.waitsFor('training')) return this.opening.resume(tables);
    // A file that gives no dataset changes nothing, not even which file a link would name.
    this.tryData({ ...this.dataSettings, source: file.table.id, target: null, features: null, testFile: null }, tables, `"${file.ref.name}" was not loaded.`, () => { this.files = before; });
  }

  /** A parsed test file, used instead of a random split. */
  uploadTest(file: LoadedFile): void {
    if (this.opening.refuses(file, 'test')) return;
    if (this.opening.waitsFor('test')) {
      this.files = { ...this.files, test: file.ref };
      return this.opening.resume({ ...this.tables, test: file.table });
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
    if (this.quiz.holdsStep(s && !this.loop.playing && !this.opening.replaying ? s : null, this.sample, () => this.stepEquation())) return;
    this.act((session) => session.stepEquation());
  }

  /** Quiz mode on or off, and which phases it asks about. */
  setQuiz(on: boolean, phases?: QuizPhases): void {
    this.quiz.set(on, phases);
  }

  /** Scores the answer to the question on screen (the view's quiz question). */
  answerQuiz(right: boolean): void {
    this.quiz.answer(right);
  }

  /** Shows the equation the quiz asked about, with its numbers. */
  revealQuiz(): void {
    const index = this.quiz.reveal();
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
    this.runs.keep();
  }

  removeRun(id: string): void {
    this.runs.remove(id);
  }

  /** Kept runs as plain data (they travel in the lesson file); none before runsCode has loaded. */
  runsToPlain(): PlainRun[] {
    return this.runs.toPlain();
  }

  /** Kept runs from a lesson file (validated); returns what was refused. Needs runsCode loaded (else it starts the load and refuses them). */
  setRunsFromPlain(plain: unknown): string[] {
    return this.runs.setFromPlain(plain);
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
    this.work.cancelJob();
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
      this.work.cancelJob();
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
    this.loop.freeze();
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
    if (this.loop.playing) this.pause(true);
    else this.play();
  }

  play(): void {
    const s = this.session;
    if (this.loop.playing || !s || s.divergence || this.opening.replaying) return;
    this.loop.start(s);
    this.touch();
  }

  /** Stops play; `paintFirst`: see togglePlay (else the view of the paused state is made at once). */
  pause(paintFirst = false): void {
    if (this.loop.stop(paintFirst, this.view !== null)) this.touch();
  }

  /** Ends a pause's hold (see togglePlay): the view of the paused state follows. A no-op otherwise. */
  settlePause(): void {
    if (this.loop.settle()) this.touch();
  }

  /** One animation frame of play (playLoop.ts), then one publish. False when play has stopped (paused, or training diverged). */
  playFrame(): boolean {
    const playing = this.loop.frame();
    // Also what background work changed since the last frame (it does not publish during play).
    this.publish();
    return playing;
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
    this.work.cancelJob();
    this.opening.clear();
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
    this.files = fileRefs;
    this.opening.open(state, origin, tables);
  }

  /** Continues a replay for up to `budgetMs` (by the injected clock); true when there is no replay left. */
  advanceRestore(budgetMs = 12): boolean {
    return this.opening.advance(budgetMs);
  }

  /** Gives up on a link that waits for a file, keeping the lab as it is. */
  cancelPending(): void {
    this.opening.cancel();
  }

  /** The default lab: default data and settings, nothing kept. */
  startFresh(): void {
    this.pause();
    this.opening.clear();
    this.undoSlot = null;
    this.work.cancelJob();
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
   * (LaTeX), or the same run as a Python + NumPy script or notebook (downloads.ts: the export modules
   * load on first use; the file is made from the session as it is when they have arrived).
   */
  async exportFile(kind: DownloadKind, split?: SplitName): Promise<ExportFile | null> {
    if (!this.session) return null;
    const { download } = await import('./downloads');
    return download(() => this.session, kind, split);
  }

  /**
   * The gradient check of the batch on screen (its parameters before the update; the first training
   * samples before any batch): a report, or why finite differences would mislead here. Needs
   * gradcheckCode loaded (the panel that offers the check loads it first); until then it says so and
   * starts the load.
   */
  gradientCheck(): GradientCheckOutcome | null {
    if (!this.session) return null;
    const code = gradcheckCode.get();
    if (code) return code.checkGradients(this.session, this.now);
    gradcheckCode.load().catch(() => {});
    return { kind: 'obstacle', message: 'The gradient check is still loading: press Check again in a moment.' };
  }

  // --- internals ---------------------------------------------------------------------------------------------------

  /** Makes a state's data the lab's (Opening.open): its dataset on `tables`, and a new session at `settings`. */
  private adopt(state: LabState, tables: LoadedTables, settings: LabSettings): void {
    const dataset = datasetFromSettings(state.data, tables, settings.seed);
    this.dataSettings = state.data;
    this.dataset = dataset;
    this.table = this.safeTable(state.data, settings.seed);
    this.dataFailure = null;
    this.undoSlot = null;
    this.setSession(this.newSession(dataset, settings));
    this.sample = state.sample;
  }

  /**
   * Tries data settings: only when they give a valid dataset are they committed (a bad file never loses
   * the loaded data; `onFail` undoes what the caller changed beforehand). A large table's dataset is
   * built in slices when a scheduler is given: the choices show at once, the dataset when it is ready,
   * and a newer choice replaces one still being built.
   */
  private tryData(settings: DataSettings, tables: LoadedTables, title: string | null, onFail: () => void = () => {}): void {
    const seed = this.settings.seed;
    this.work.cancelJob();
    try {
      const table = sourceTable(settings.source, tables, seed);
      const cells = (table.rowCount + (settings.testFile !== null ? tables.test?.rowCount ?? 0 : 0)) * table.columns.length;
      if (this.work.scheduling && cells > SLICED_BUILD_CELLS) {
        this.work.startJob({ steps: preparedStepsFromSettings(settings, tables, seed, this.replacedDatasets()), prepared: null, settings, tables, table, title, fraction: 0, onFail });
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
    return new LabSession(dataset, settings, HISTORY_SIZE, { incrementalEvaluation: this.work.scheduling });
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
    session.incrementalEvaluation = this.work.scheduling;
    this.session = session;
  }

  private act(action: (session: LabSession) => unknown): void {
    const s = this.session;
    if (!s || this.opening.replaying || this.loop.playing) return;
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
    this.work.kick();
    const v = this.currentVersion();
    if (v === this.published) return;
    this.published = v;
    for (const listener of this.listeners) listener();
  }
}
