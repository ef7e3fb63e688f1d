/**
 * Kept runs: "Keep this run" pins the current run's loss curve (downsampled), its per-epoch loss and
 * accuracy, its settings and the marks where η, m or λ changed mid-run, so later runs draw over it.
 * At most MAX_KEPT_RUNS. Plain data throughout: kept runs travel in the lesson file through
 * runsToPlain / runsFromPlain, and the decoder never throws on hostile input.
 */
import { lossSeries, type ReadonlyLossHistory } from './lossHistory';
import type { EvaluationPoint, Point } from './metrics';
import { formatRate } from './notices';
import { defaultSettings, settingsFromPlain, settingsToPlain, type LabSettings } from './settings';
import type { ScheduleEntry } from './state';

/** How many runs can be kept. */
export const MAX_KEPT_RUNS = 4;
/** Points of a kept loss curve (the batch losses averaged in equal buckets). */
export const KEPT_LOSS_POINTS = 400;
/** Per-epoch points kept (a longer run keeps its last ones). */
export const KEPT_EPOCH_POINTS = 1000;
const MAX_LABEL = 40;

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

/** The per-epoch points of a run (start and every epoch end) as a kept run stores them. */
export function keptEpochs(points: readonly EvaluationPoint[]): KeptEpoch[] {
  return points.filter((p) => p.kind !== 'demand').slice(-KEPT_EPOCH_POINTS).map((p) => ({
    epoch: p.epoch,
    update: p.update,
    trainLoss: p.train.loss,
    testLoss: p.test?.loss ?? null,
    trainAccuracy: p.train.accuracy,
    testAccuracy: p.test?.accuracy ?? null,
  }));
}

/**
 * Keeps the current run: a new list with it appended (labelled "Run n", n one more than any kept
 * before). Past MAX_KEPT_RUNS the oldest is dropped and returned, so the UI can say so.
 */
export function keepRun(runs: readonly KeptRun[], snapshot: RunSnapshot): { runs: KeptRun[]; dropped: KeptRun | null } {
  const n = 1 + runs.reduce((max, r) => Math.max(max, Number(/^run-(\d+)$/.exec(r.id)?.[1] ?? 0)), 0);
  const run: KeptRun = {
    id: `run-${n}`,
    label: `Run ${n}`,
    dataset: snapshot.dataset,
    settings: { ...snapshot.settings, hiddenLayers: [...snapshot.settings.hiddenLayers] },
    loss: lossSeries(snapshot.batchLoss, KEPT_LOSS_POINTS),
    epochs: keptEpochs(snapshot.epochs),
    markers: runMarkers(snapshot.changes),
    updates: snapshot.batchLoss.length,
  };
  const next = [...runs, run];
  const dropped = next.length > MAX_KEPT_RUNS ? next.shift() ?? null : null;
  return { runs: next, dropped };
}

/** Removes the kept run with this id. */
export function removeRun(runs: readonly KeptRun[], id: string): KeptRun[] {
  return runs.filter((r) => r.id !== id);
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

const layersText = (layers: readonly number[]) => (layers.length === 0 ? 'no hidden layer' : `layers ${layers.join('-')}`);

/**
 * For each kept run, the settings in which it differs from `current` (η, m, activation, optimiser,
 * layers, seed, λ, loss, init, and the dataset), in that order, written with the kept run's value.
 */
export function describeDifferences(runs: readonly KeptRun[], current: { settings: LabSettings; dataset: string }): RunDifferences[] {
  const now = current.settings;
  return runs.map((run) => {
    const s = run.settings;
    const d: Difference[] = [];
    if (run.dataset !== current.dataset) d.push({ key: 'dataset', text: run.dataset });
    if (s.learningRate !== now.learningRate) d.push({ key: 'learningRate', text: `η = ${formatRate(s.learningRate)}` });
    if (s.batchSize !== now.batchSize) d.push({ key: 'batchSize', text: `m = ${s.batchSize}` });
    if (s.hiddenActivation !== now.hiddenActivation) d.push({ key: 'hiddenActivation', text: s.hiddenActivation });
    if (s.outputActivation !== now.outputActivation) d.push({ key: 'outputActivation', text: `${s.outputActivation} output` });
    if (s.optimizer !== now.optimizer) d.push({ key: 'optimizer', text: s.optimizer });
    if (s.hiddenLayers.join('-') !== now.hiddenLayers.join('-')) d.push({ key: 'hiddenLayers', text: layersText(s.hiddenLayers) });
    if (s.seed !== now.seed) d.push({ key: 'seed', text: `seed ${s.seed}` });
    if (s.l2 !== now.l2) d.push({ key: 'l2', text: `λ = ${formatRate(s.l2)}` });
    if (s.loss !== now.loss) d.push({ key: 'loss', text: `${s.loss} loss` });
    if (s.init !== now.init) d.push({ key: 'init', text: `${s.init} init` });
    const text = d.length === 0 ? 'same settings' : d.map((x) => x.text).join(', ');
    return { id: run.id, label: run.label, differences: d, text };
  });
}

// ---- lesson file ------------------------------------------------------------------------------

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

/** Kept runs → plain JSON-safe data (no NaN or ∞: non-finite values become null or are left out). */
export function runsToPlain(runs: readonly KeptRun[]): PlainRun[] {
  const num = (v: number | null) => (v !== null && Number.isFinite(v) ? v : null);
  return runs.map((r) => ({
    id: r.id,
    label: r.label,
    dataset: r.dataset,
    settings: settingsToPlain(r.settings),
    loss: r.loss.filter((p) => Number.isFinite(p.x) && Number.isFinite(p.y)).map((p): [number, number] => [p.x, p.y]),
    epochs: r.epochs.map((e) => ({ ...e, trainLoss: num(e.trainLoss) ?? Number.NaN, testLoss: num(e.testLoss), trainAccuracy: num(e.trainAccuracy), testAccuracy: num(e.testAccuracy) }))
      .filter((e) => Number.isFinite(e.trainLoss)),
    markers: r.markers.map((m) => ({ update: m.update, text: m.text })),
    updates: r.updates,
  }));
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const finite = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const nullableFinite = (v: unknown): number | null | undefined => (v === null ? null : finite(v) ? v : undefined);
const text = (v: unknown, max: number): string | null => (typeof v === 'string' ? v.slice(0, max) : null);

/**
 * Plain data (a lesson file's `runs`) → kept runs. Never throws: anything malformed is left out with a
 * message; at most MAX_KEPT_RUNS are read, curves are capped at their kept sizes, ids are made unique.
 */
export function runsFromPlain(plain: unknown): { runs: KeptRun[]; errors: string[] } {
  const errors: string[] = [];
  if (plain === undefined || plain === null) return { runs: [], errors };
  if (!Array.isArray(plain)) return { runs: [], errors: ['runs: expected a list of kept runs'] };
  if (plain.length > MAX_KEPT_RUNS) errors.push(`runs: only the first ${MAX_KEPT_RUNS} of ${plain.length} kept runs were read`);
  const runs: KeptRun[] = [];
  const ids = new Set<string>();
  for (let i = 0; i < Math.min(plain.length, MAX_KEPT_RUNS); i++) {
    const run = runFromPlain(plain[i], i, errors);
    if (!run) continue;
    if (ids.has(run.id)) run.id = `run-${100 + i}`;
    ids.add(run.id);
    runs.push(run);
  }
  return { runs, errors };
}

function runFromPlain(raw: unknown, i: number, errors: string[]): KeptRun | null {
  const where = `runs[${i}]`;
  if (!isRecord(raw)) {
    errors.push(`${where}: expected an object`);
    return null;
  }
  if (!isRecord(raw.settings)) {
    errors.push(`${where}: settings missing`);
    return null;
  }
  const decoded = settingsFromPlain(raw.settings, defaultSettings());
  for (const e of decoded.errors) errors.push(`${where}.settings.${e.message}`);
  const id = text(raw.id, MAX_LABEL);
  const loss: Point[] = [];
  if (Array.isArray(raw.loss)) {
    for (const p of raw.loss.slice(0, KEPT_LOSS_POINTS)) {
      if (Array.isArray(p) && p.length === 2 && finite(p[0]) && finite(p[1])) loss.push({ x: p[0], y: p[1] });
    }
  }
  const epochs: KeptEpoch[] = [];
  if (Array.isArray(raw.epochs)) {
    for (const e of raw.epochs.slice(0, KEPT_EPOCH_POINTS)) {
      if (!isRecord(e) || !finite(e.epoch) || !finite(e.update) || !finite(e.trainLoss)) continue;
      const testLoss = nullableFinite(e.testLoss);
      const trainAccuracy = nullableFinite(e.trainAccuracy);
      const testAccuracy = nullableFinite(e.testAccuracy);
      if (testLoss === undefined || trainAccuracy === undefined || testAccuracy === undefined) continue;
      epochs.push({ epoch: e.epoch, update: e.update, trainLoss: e.trainLoss, testLoss, trainAccuracy, testAccuracy });
    }
  }
  const markers: RunMarker[] = [];
  if (Array.isArray(raw.markers)) {
    for (const m of raw.markers.slice(0, 1000)) {
      const t = isRecord(m) ? text(m.text, 120) : null;
      if (isRecord(m) && finite(m.update) && t !== null) markers.push({ update: m.update, text: t });
    }
  }
  return {
    id: id !== null && /^run-\d{1,6}$/.test(id) ? id : `run-${100 + i}`,
    label: text(raw.label, MAX_LABEL) ?? `Run ${i + 1}`,
    dataset: text(raw.dataset, 200) ?? '',
    settings: decoded.settings,
    loss,
    epochs,
    markers,
    updates: finite(raw.updates) && raw.updates >= 0 ? Math.floor(raw.updates) : loss.length > 0 ? Math.round(loss[loss.length - 1].x) : 0,
  };
}
