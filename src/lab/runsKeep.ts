/**
 * Keeping, comparing and reading kept runs (runs.ts has their types): what the "Keep this run" button,
 * the legend and the lesson file need. Loaded on demand (lazyCode.ts's runsCode), not by the opening screen.
 */
import { lossSeries } from './lossHistory';
import type { EvaluationPoint, Point } from './metrics';
import { formatRate } from './notices';
import {
  KEPT_EPOCH_POINTS, KEPT_LOSS_POINTS, MAX_KEPT_RUNS, runMarkers,
  type Difference, type KeptEpoch, type KeptRun, type PlainRun, type RunDifferences, type RunMarker, type RunSnapshot,
} from './runs';
import { defaultSettings, settingsFromPlain, settingsToPlain, type LabSettings } from './settings';

const MAX_LABEL = 40;

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
