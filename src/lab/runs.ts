/**
 * Kept runs: "Keep this run" pins the current run's loss curve (downsampled), its per-epoch loss and
 * accuracy, its settings and the marks where η, m or λ changed mid-run, so later runs draw over it.
 * At most MAX_KEPT_RUNS. Plain data throughout: kept runs travel in the lesson file through
 * runsToPlain / runsFromPlain, and the decoder never throws on hostile input.
 *
 * This module holds the types and what every session uses (noteRateChange, runMarkers); keeping,
 * comparing and reading runs (keepRun, describeDifferences, runsFromPlain, …) is in runsKeep.ts, which
 * loads on demand (lazyCode.ts's runsCode): the opening screen has no kept run.
 */
import type { ReadonlyLossHistory } from './lossHistory';
import type { EvaluationPoint, Point } from './metrics';
import { formatRate } from './notices';
import type { LabSettings } from './settings';
import type { ScheduleEntry } from './state';

/** How many runs can be kept. */
export const MAX_KEPT_RUNS = 4;
/** Points of a kept loss curve (the batch losses averaged in equal buckets). */
export const KEPT_LOSS_POINTS = 400;
/** Per-epoch points kept (a longer run keeps its last ones). */
export const KEPT_EPOCH_POINTS = 1000;

/** η, m and λ from update `update` on: an entry of the session's schedule (state.ts). */
export type RateChange = ScheduleEntry;

/** A mark on the loss curve where η, m or λ changed mid-run. */
export interface RunMarker {
  update: number;
  /** E.g. "η 0.1 → 1" or "m 50 → 10, λ 0 → 0.01". */
  text: string;
}

/** One per-epoch evaluation of a kept run: whole-split loss and accuracy (null for regression / no test split). */
export interface KeptEpoch {
  epoch: number;
  update: number;
  trainLoss: number;
  testLoss: number | null;
  trainAccuracy: number | null;
  testAccuracy: number | null;
}

/** A kept run. `settings` are those in force when it was kept (η, m, λ at the end; markers say where they changed). */
export interface KeptRun {
  /** Unique within the list: "run-1", "run-2", … */
  id: string;
  /** What the legend calls it: "Run 1", … */
  label: string;
  /** The dataset's name when kept. */
  dataset: string;
  settings: LabSettings;
  /** Batch loss against update t, at most KEPT_LOSS_POINTS points. */
  loss: Point[];
  epochs: KeptEpoch[];
  markers: RunMarker[];
  /** Updates trained when kept. */
  updates: number;
}

/** What the lab has of the current run when the user keeps it. */
export interface RunSnapshot {
  dataset: string;
  settings: LabSettings;
  /** record.loss of every update (the lab's metrics.batchLoss). */
  batchLoss: ReadonlyLossHistory;
  epochs: readonly EvaluationPoint[];
  changes: readonly RateChange[];
}

/**
 * Appends a change of η, m or λ at `update` to the list (a new list; the same list when nothing changed).
 * The lab calls it at reset (update 0, list []) and whenever it applies new settings.
 */
export function noteRateChange(changes: readonly RateChange[], update: number, settings: Pick<LabSettings, 'learningRate' | 'batchSize' | 'l2'>): readonly RateChange[] {
  const { learningRate, batchSize, l2 } = settings;
  const last = changes[changes.length - 1];
  if (last && last.learningRate === learningRate && last.batchSize === batchSize && last.l2 === l2) return changes;
  const entry = { update, learningRate, batchSize, l2 };
  // Several changes before the next batch trains are one change.
  if (last && last.update === update) {
    const before = changes[changes.length - 2];
    const rest = changes.slice(0, -1);
    if (before && before.learningRate === learningRate && before.batchSize === batchSize && before.l2 === l2) return rest;
    return [...rest, entry];
  }
  return [...changes, entry];
}

/** The markers of a list of changes: one wherever η, m or λ differs from the change before it, after the start. */
export function runMarkers(changes: readonly RateChange[]): RunMarker[] {
  const out: RunMarker[] = [];
  for (let i = 1; i < changes.length; i++) {
    const a = changes[i - 1];
    const b = changes[i];
    const parts: string[] = [];
    if (a.learningRate !== b.learningRate) parts.push(`η ${formatRate(a.learningRate)} → ${formatRate(b.learningRate)}`);
    if (a.batchSize !== b.batchSize) parts.push(`m ${a.batchSize} → ${b.batchSize}`);
    if (a.l2 !== b.l2) parts.push(`λ ${formatRate(a.l2)} → ${formatRate(b.l2)}`);
    if (parts.length > 0 && b.update > 0) out.push({ update: b.update, text: parts.join(', ') });
  }
  return out;
}

/** One setting in which a kept run differs from the current one. */
export interface Difference {
  key: 'dataset' | 'learningRate' | 'batchSize' | 'hiddenActivation' | 'outputActivation' | 'optimizer' | 'hiddenLayers' | 'seed' | 'l2' | 'loss' | 'init';
  /** The kept run's value, as the legend writes it: "η = 1", "tanh", "layers 8-8". */
  text: string;
}

/** What each kept run had that the current settings do not; `text` is the legend's line ("same settings" when nothing differs). */
export interface RunDifferences {
  id: string;
  label: string;
  differences: Difference[];
  text: string;
}

/** A kept run as plain JSON: settings through the settings codecs, curves as [x, y] pairs. */
export interface PlainRun {
  id: string;
  label: string;
  dataset: string;
  settings: Record<string, string>;
  loss: [number, number][];
  epochs: KeptEpoch[];
  markers: RunMarker[];
  updates: number;
}
