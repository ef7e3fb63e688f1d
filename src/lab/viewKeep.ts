/**
 * Keeping the previous view's objects when a new view would hold the same values, so that memoised
 * components (the diagram, the histograms, the gradient-flow chart, the loss chart's markers) skip
 * their redraw when a step changes nothing they show. Every reuse is decided by comparing what the
 * object holds (values, or the identity of immutable matrices), never by a stamp that could go stale.
 */
import type { StepRecord } from '../nn';
import { flowHistograms, type FlowHistograms, type FlowView } from './gradientFlow';
import type { Params } from './params';
import type { RunDifferences, RunMarker } from './runs';
import type { DatasetView, DiagramView } from './view';

/**
 * True when two parameter lists hold the very same W[l] and b[l] matrices, layer by layer. Only
 * meaningful for matrices that are never written again (a kept record's W and WAfter, the initial
 * parameters); the live network's matrices change in place, so the caller must not ask about those.
 */
export function sameParams(a: Params, b: Params): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let l = 0; l < a.length; l++) if (a[l].W !== b[l].W || a[l].b !== b[l].b) return false;
  return true;
}

/** True when two lists of numbers are equal entry by entry (NaN equal to NaN). */
function sameNumbers(a: readonly number[], b: readonly number[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** True when two diagram views show the same: sizes by value, the same record, equation, batch and (immutable) parameters. */
export function sameDiagram(a: DiagramView, b: DiagramView): boolean {
  return a.record === b.record && a.equation === b.equation && a.batchIndices === b.batchIndices
    && sameNumbers(a.sizes, b.sizes) && sameParams(a.params, b.params);
}

/** `next` unless `previous` holds the same series point for point (then `previous`, so the chart need not redraw). */
export function keepFlowView(previous: FlowView | null, next: FlowView): FlowView {
  if (!previous || previous.layers !== next.layers || previous.total !== next.total || !sameNumbers(previous.update, next.update)) return next;
  for (let l = 0; l < next.layers; l++) {
    if (!sameNumbers(previous.grad[l], next.grad[l]) || !sameNumbers(previous.weight[l], next.weight[l])) return next;
  }
  return previous;
}

/** `next` unless `previous` holds the same markers (update and text, in order). */
export function keepMarkers(previous: RunMarker[] | null, next: RunMarker[]): RunMarker[] {
  if (!previous || previous.length !== next.length) return next;
  for (let i = 0; i < next.length; i++) if (previous[i].update !== next[i].update || previous[i].text !== next[i].text) return next;
  return previous;
}

/**
 * `next` unless `previous` describes the same dataset: the same rows object and feature names, equal
 * output names (a fresh array each view) and the same counts. The diagram keys its layout on the
 * names' identity, so a fresh array of the same names would redo the layout and redraw every edge.
 */
export function keepDatasetView(previous: DatasetView | null, next: DatasetView): DatasetView {
  if (!previous || previous.rows !== next.rows || previous.name !== next.name || previous.task !== next.task) return next;
  if (previous.featureNames !== next.featureNames || previous.trainRows !== next.trainRows || previous.testRows !== next.testRows) return next;
  if (previous.inputs !== next.inputs || previous.outputs !== next.outputs || previous.outputNames.length !== next.outputNames.length) return next;
  return previous.outputNames.every((name, i) => name === next.outputNames[i]) ? previous : next;
}

/** `next` unless `previous` holds the same legend (plain data: ids, labels, differences and their text). */
export function keepLegend(previous: RunDifferences[] | null, next: RunDifferences[]): RunDifferences[] {
  if (!previous || previous.length !== next.length) return next;
  return JSON.stringify(previous) === JSON.stringify(next) ? previous : next;
}

/** The histograms of each kept record, made once: a kept record is never written after it is made. */
const histogramsByRecord = new WeakMap<StepRecord, FlowHistograms>();

/** flowHistograms(record), the same object for the same record. */
export function histogramsOf(record: StepRecord): FlowHistograms {
  let h = histogramsByRecord.get(record);
  if (!h) {
    h = flowHistograms(record);
    histogramsByRecord.set(record, h);
  }
  return h;
}
