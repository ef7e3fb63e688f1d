/**
 * The LabView: plain, read-only data made once per version, the only thing the screen reads (the Elm
 * architecture's view of the model). Derived values — 1-based counters, "batch 17 / 163", how many
 * updates are applied, which transport actions are possible — are computed here, in one place, and
 * tested here. Nothing here is a live reference the screen could change.
 */
import type { DataError, DataSettings, Dataset, LoadedTables, Table } from '../data';
import type { StepRecord } from '../nn';
import type { EquationPhase, Equation } from '../trace';
import type { LabDataset } from './dataset';
import type { EvaluationPoint } from './metrics';
import type { ReadonlyLossHistory } from './lossHistory';
import type { Params } from './params';
import type { Notice } from './session';
import type { LabSettings, Task } from './settings';
import type { FileRef, ScheduleEntry } from './state';
import type { ChainRuleExplanation, ChainRuleTarget } from '../trace/chainRule';
import type { FlowHistograms, FlowView } from './gradientFlow';
import type { QuizPhases, QuizQuestion, QuizScore } from './quiz';
import type { KeptRun, RunDifferences, RunMarker } from './runs';

/** The counters as said aloud: 1-based epoch and batch; updates already applied at this equation. */
export interface CountersView {
  epoch: number;
  batch: number;
  batchCount: number;
  /** Updates applied so far: during batch t's forward and backward passes t − 1, from its first update equation t. */
  update: number;
  /** Batches between the one on screen and the newest (0 at the newest). */
  behind: number;
  /** "epoch 2 · batch 5 / 163 · update 168". */
  label: string;
}

/** What each transport action may do now. */
export interface CanView {
  stepEquation: boolean;
  finishBatch: boolean;
  stepEpoch: boolean;
  stepBack: boolean;
  play: boolean;
  reset: boolean;
  newSeed: boolean;
  undo: boolean;
  evaluate: boolean;
  exportEquations: boolean;
}

/** The dataset as the screen needs it. */
export interface DatasetView {
  name: string;
  task: Task;
  featureNames: string[];
  /** Names of the output neurons: the target for one output, the classes for a softmax. */
  outputNames: string[];
  trainRows: number;
  testRows: number | null;
  inputs: number;
  outputs: number;
  /** The lab's dataset, for drawings that need its rows (the decision boundary). Read only. */
  rows: LabDataset;
}

/** What the diagram draws: parameters at the cursor, the step's record and the current equation. */
export interface DiagramView {
  sizes: number[];
  params: Params;
  record: StepRecord | null;
  equation: Equation | null;
  /** The batch's columns in the full training X (for the decision boundary's highlighted points). */
  batchIndices: Int32Array | null;
}

/** The data panel's part of the view. */
export interface DataView {
  settings: DataSettings;
  tables: LoadedTables;
  /** The table of settings.source (null only before the first dataset). */
  table: Table | null;
  dataset: Dataset | null;
  failure: { title: string | null; error: DataError } | null;
}

/** A file a link or lesson needs before it can open. */
export interface PendingFileView extends FileRef {
  role: 'training' | 'test';
  /** Where the request came from, for the message. */
  origin: 'link' | 'lesson' | 'resume';
}

/** The lab, as the screen shows it at one version. */
export interface LabView {
  version: number;
  /** False until the first dataset is loaded. */
  ready: boolean;
  settings: LabSettings;
  dataset: DatasetView | null;
  data: DataView;
  counters: CountersView;
  /** The current equation's phase and its label ("forward, layer 2"); null before the first batch. */
  phase: EquationPhase | null;
  phaseLabel: string;
  /** The batch's equations (during full-speed play: those of the batch on screen when play started). */
  equations: Equation[];
  /** Index of the current equation in `equations` (−1: none); equations 0..current are revealed. */
  current: number;
  /** True while batches play at full speed: the equation list is the frozen one. */
  equationsFrozen: boolean;
  diagram: DiagramView;
  /** The followed sample (0-based column of the batch) and m (0 before the first batch). */
  sample: number;
  m: number;
  metrics: {
    latest: EvaluationPoint | null;
    epochs: readonly EvaluationPoint[];
    /**
     * Every batch's loss so far: recent ones exactly, the far past in bounded buckets. It grows in
     * place as training goes on: key memoisation on batchLossCount.
     */
    batchLoss: ReadonlyLossHistory;
    batchLossCount: number;
    /** Evaluations recorded so far (grows as epochs end, even once the far past is thinned): memo key of epochs. */
    epochCount: number;
    /** The loss of the batch on screen. */
    currentLoss: number | null;
  };
  /** η, m and λ of this run by update (the first entry is the start). */
  schedule: readonly ScheduleEntry[];
  notices: readonly Notice[];
  divergence: string | null;
  playing: boolean;
  can: CanView;
  /** Set while a link, a lesson or a reload is being replayed. */
  restoring: { done: number; total: number } | null;
  pendingFile: PendingFileView | null;
  /** What Undo would undo ('Reset', 'New seed'), or null. */
  undoLabel: string | null;
  /** Kept runs, their legend (what differed), a note, and where η, m or λ changed in this run. */
  runs: { kept: KeptRun[]; legend: RunDifferences[]; note: string | null; markers: RunMarker[] };
  /** ‖dW[l]‖ and ‖W[l]‖ per update (null before a dataset), and the histograms of the batch on screen. */
  flow: FlowView | null;
  histograms: FlowHistograms | null;
  /** The chain rule of the selected weight for the followed sample (backward and update phases only). */
  chainRule: ChainRuleExplanation | null;
  selected: Omit<ChainRuleTarget, 'sample'> | null;
  /** Predict, then reveal: whether it is on, which phases, the score and the question waiting for an answer. */
  quiz: { on: boolean; phases: QuizPhases; score: QuizScore; question: QuizQuestion | null };
  /** Presenter mode: the diagram, the current equation, the counters and the transport large; or the charts pane. */
  presenter: { on: boolean; pane: 'step' | 'charts' };
}

/** "epoch 2 · batch 5 / 163 · update 168". */
export function countersLabel(c: Pick<CountersView, 'epoch' | 'batch' | 'batchCount' | 'update'>): string {
  return `epoch ${c.epoch} · batch ${c.batch} / ${c.batchCount} · update ${c.update}`;
}

/**
 * Updates applied at equation `index` of batch `t`: the batch's own update counts from its first update
 * equation on (index −1 or past the end: the batch is complete).
 */
export function updatesApplied(t: number, equations: readonly Pick<Equation, 'phase'>[], index: number): number {
  if (index < 0 || index >= equations.length) return t;
  const firstUpdate = equations.findIndex((e) => e.phase === 'update');
  return firstUpdate >= 0 && index >= firstUpdate ? t : t - 1;
}

/** "forward, layer 2", "loss", "update, layer 1". */
export function phaseLabelOf(equation: Pick<Equation, 'phase' | 'layer'> | null): string {
  if (!equation) return '';
  return equation.phase === 'loss' || equation.phase === 'normalize' ? equation.phase : `${equation.phase}, layer ${equation.layer}`;
}

/** Names of the output neurons: the target for one output, the classes for a softmax. */
export function outputNamesOf(dataset: Pick<LabDataset, 'outputSize' | 'targetName' | 'classes'>): string[] {
  if (dataset.outputSize === 1) return [dataset.targetName];
  return dataset.classes.slice(0, dataset.outputSize);
}
