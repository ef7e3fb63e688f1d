/**
 * Builds the LabView from the session and the controller's own state. Kept apart from the controller so
 * that each derived value is computed in one place; view.test.ts checks them.
 */
import type { Equation } from '../trace';
import type { ChainRuleTarget } from '../trace/chainRule';
import { chainRuleCode, quizCode } from './lazyCode';
import { flowView, type FlowView } from './gradientFlow';
import type { QuizPhases, QuizScore } from './quiz';
import { runMarkers, type KeptRun, type RunDifferences, type RunMarker } from './runs';
import { equationsOf } from './history';
import { createLossHistory } from './lossHistory';
import { networkParams } from './params';
import { END, type LabSession, type Notice } from './session';
import type { LabSettings } from './settings';
import {
  countersLabel, outputNamesOf, phaseLabelOf, updatesApplied,
  type CanView, type CountersView, type DatasetView, type DataView, type DiagramView, type LabView, type PendingFileView,
} from './view';
import { histogramsOf, keepDatasetView, keepFlowView, keepLegend, keepMarkers, sameDiagram } from './viewKeep';

/** The loss history of a lab with no session yet. */
const NO_LOSSES = createLossHistory({ recent: 1, buckets: 2 });

/** What buildView needs. */
export interface ViewInput {
  version: number;
  session: LabSession | null;
  settings: LabSettings;
  data: DataView;
  sample: number;
  playing: boolean;
  /** During full-speed play, the equation list frozen when play started; else null. */
  frozen: { equations: Equation[]; index: number } | null;
  /** The diagram to keep (play throttles its redraws), or null to make a new one. */
  previousDiagram: DiagramView | null;
  /** The gradient-flow series to keep while play throttles redraws, or null to make a new one. */
  previousFlow: FlowView | null;
  /** The metrics to keep while play throttles redraws (with the flow: the loss chart's redraw), or null for the current ones. */
  previousMetrics: LabView['metrics'] | null;
  notice: Notice | null;
  restoring: { done: number; total: number } | null;
  pendingFile: PendingFileView | null;
  undoLabel: string | null;
  runs: { kept: KeptRun[]; legend: RunDifferences[]; note: string | null };
  selected: Omit<ChainRuleTarget, 'sample'> | null;
  quiz: { on: boolean; phases: QuizPhases; score: QuizScore; asking: number | null };
  presenter: { on: boolean; pane: 'step' | 'charts' };
}

const NO_EQUATIONS: Equation[] = [];
const EMPTY_DIAGRAM: DiagramView = { sizes: [], params: [], record: null, equation: null, batchIndices: null };

/**
 * The parts of the last view built for a session that a new view may keep (see viewKeep.ts): an object
 * is kept only when the new one would hold the same values, so memoised components skip their redraw.
 */
const kept = new WeakMap<LabSession, { diagram: DiagramView | null; flow: FlowView | null; markers: RunMarker[] | null; dataset: DatasetView | null; legend: RunDifferences[] | null }>();

/** The LabView of one version. */
export function buildView(input: ViewInput): LabView {
  const { session: s, playing, frozen } = input;
  const entry = s?.entry ?? null;
  // Full-speed play builds no trace: the list stays frozen and the diagram follows the newest parameters.
  const live = !frozen && s && entry ? equationsOf(s.dataset, entry) : NO_EQUATIONS;
  const liveIndex = entry && s ? (s.cursor.equation === END ? live.length - 1 : Math.min(s.cursor.equation, live.length - 1)) : -1;
  const equations = frozen ? frozen.equations : live;
  const current = frozen ? frozen.index : liveIndex;
  const equation = !frozen && liveIndex >= 0 ? live[liveIndex] : null;
  const m = entry?.m ?? 0;
  const sample = m > 0 ? Math.min(input.sample, m - 1) : 0;

  let counters: CountersView;
  if (s && entry) {
    const update = frozen ? entry.update : updatesApplied(entry.update, live, liveIndex);
    const c = { epoch: entry.epoch + 1, batch: entry.batchIndex + 1, batchCount: entry.batchCount, update };
    counters = { ...c, behind: Math.max(0, s.history.length - 1 - s.cursor.entry), label: countersLabel(c) };
  } else {
    const c = { epoch: (s?.batcher.epoch ?? 0) + 1, batch: 0, batchCount: s?.batcher.batchesPerEpoch ?? 0, update: 0 };
    counters = { ...c, behind: s ? Math.max(0, s.history.length - 1 - s.cursor.entry) : 0, label: countersLabel(c) };
  }

  const last = s ? kept.get(s) ?? { diagram: null, flow: null, markers: null, dataset: null, legend: null } : null;
  let diagram = input.previousDiagram ?? (s ? {
    sizes: s.sizes,
    params: frozen ? networkParams(s.network) : s.paramsAtCursor(),
    record: entry ? s.recordOf(entry) : null,
    equation,
    batchIndices: entry?.indices ?? null,
  } : EMPTY_DIAGRAM);
  // The live network's matrices change in place: only a diagram of kept (immutable) parameters is compared and kept.
  if (last && !frozen && !input.previousDiagram) {
    if (last.diagram && sameDiagram(last.diagram, diagram)) diagram = last.diagram;
    last.diagram = diagram;
  } else if (last) last.diagram = null;

  const busy = input.restoring !== null || input.pendingFile !== null;
  const halted = s?.divergence != null;
  const can: CanView = {
    stepEquation: !!s && !playing && !halted && !busy,
    finishBatch: !!s && !playing && !halted && !busy,
    stepEpoch: !!s && !playing && !halted && !busy,
    stepBack: !!s && !playing && !busy && s.cursor.entry >= 0,
    play: !!s && !busy && (playing || !halted),
    reset: !!s && !busy,
    newSeed: !!s && !busy,
    undo: input.undoLabel !== null && !busy,
    evaluate: !!s && !busy && !playing,
    exportEquations: entry !== null && !frozen,
  };

  const notices: Notice[] = [];
  if (input.notice) notices.push(input.notice);
  if (s?.notice) notices.push(s.notice);

  // The chain rule of the selected parameter, in the backward pass and the update (δ is known from there on).
  const record = diagram.record;
  const sel = input.selected;
  const chainRule = sel && record && equation && (equation.phase === 'backward' || equation.phase === 'update') && sel.layer <= record.layers.length
    ? chainRuleCode.get()?.explainWeight(record, { ...sel, sample }, { featureNames: s?.dataset.featureNames }) ?? null
    : null;
  const asking = input.quiz.asking;
  const quizEq = asking !== null && !frozen ? live[asking] : undefined;
  const question = quizEq && s && entry ? quizCode.get()?.quizQuestion(quizEq, s.recordOf(entry), sample, s.settings.seed) ?? null : null;

  const markers = keepMarkers(last?.markers ?? null, runMarkers(s?.schedule ?? []));
  const flow = s ? input.previousFlow ?? keepFlowView(last?.flow ?? null, flowView(s.flow)) : null;
  const dataset = s ? keepDatasetView(last?.dataset ?? null, {
    name: s.dataset.name,
    task: s.dataset.task,
    featureNames: s.dataset.featureNames,
    outputNames: outputNamesOf(s.dataset),
    trainRows: s.dataset.train.X.cols,
    testRows: s.dataset.test ? s.dataset.test.X.cols : null,
    inputs: s.dataset.featureNames.length,
    outputs: s.dataset.outputSize,
    rows: s.dataset,
  }) : null;
  const legend = keepLegend(last?.legend ?? null, input.runs.legend);
  if (s && last) kept.set(s, { ...last, flow, markers, dataset, legend });

  return {
    version: input.version,
    ready: s !== null,
    settings: input.settings,
    dataset,
    data: input.data,
    counters,
    phase: equation ? equation.phase : null,
    phaseLabel: phaseLabelOf(equation),
    equations,
    current,
    equationsFrozen: frozen !== null,
    diagram,
    sample,
    m,
    metrics: input.previousMetrics ?? {
      latest: s?.metrics.latest ?? null,
      epochs: s?.metrics.epochs ?? [],
      batchLoss: s?.metrics.batchLoss ?? NO_LOSSES,
      batchLossCount: s?.metrics.batchLoss.length ?? 0,
      epochCount: s?.metrics.evaluations ?? 0,
      currentLoss: entry?.loss ?? null,
    },
    schedule: s?.schedule ?? [],
    notices,
    divergence: s?.divergence ?? null,
    playing,
    can,
    restoring: input.restoring,
    pendingFile: input.pendingFile,
    undoLabel: input.undoLabel,
    runs: { kept: input.runs.kept, legend, note: input.runs.note, markers },
    flow,
    histograms: record && !frozen ? histogramsOf(record) : null,
    chainRule,
    selected: sel,
    quiz: { on: input.quiz.on, phases: input.quiz.phases, score: input.quiz.score, question },
    presenter: input.presenter,
  };
}
