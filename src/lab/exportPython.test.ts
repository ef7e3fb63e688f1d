import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildDataset, datasetFromSettings, DEFAULT_DATA_SETTINGS, loadCsvText, type DataSettings } from '../data';
import { itOccupancy, occupancyPath, readOccupancy } from '../data/testing/occupancy';
import { pythonNotebook } from './exportNotebook';
import { changesFromHistory, engineMath, pyFloat, pythonRunOf, pythonScript, type CsvSource, type ParameterChange, type PythonRun } from './exportPython';
import { LabSession } from './session';
import { defaultSettings, type LabSettings } from './settings';

/**
 * The exported script against the lab: sessions trained here in Node, their script run by Python with
 * NumPy (`$PYTHON`, else python3) with --json, every batch loss and every final W and b compared with
 * the lab's to 1e-12 relative. Without NumPy the Python cases skip with a message; REQUIRE_NUMPY=1
 * (as CI sets it) makes them fail instead.
 */

const PYTHON = process.env.PYTHON && process.env.PYTHON.trim() !== '' ? process.env.PYTHON : 'python3';
const hasNumpy = spawnSync(PYTHON, ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;
const requireNumpy = process.env.REQUIRE_NUMPY === '1';
const TOLERANCE = 1e-12;

interface ScriptOutput { batchLosses: number[]; layers: { layer: number; W: number[][]; b: number[] }[] }

/** |a − b| / max(|a|, |b|), 0 when equal: the relative difference of two float64 values. */
function relative(a: number, b: number): number {
  return a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}

const dir = mkdtempSync(join(tmpdir(), 'backprop-python-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const measured: string[] = [];
afterAll(() => {
  if (measured.length > 0) console.info(`[exportPython] largest relative difference, lab vs NumPy:\n${measured.join('\n')}`);
});

/** Runs `script` (written beside `files`) with --json and returns its JSON. */
function runScript(name: string, script: string, files: string[] = []): ScriptOutput {
  const folder = mkdtempSync(join(dir, `${name.replace(/\W+/g, '-')}-`));
  for (const file of files) copyFileSync(file, join(folder, file.split('/').pop()!));
  const path = join(folder, 'backprop_lab_run.py');
  writeFileSync(path, script);
  const out = spawnSync(PYTHON, [path, '--json'], { encoding: 'utf8', cwd: tmpdir(), maxBuffer: 64 * 1024 * 1024 });
  if (out.status !== 0) throw new Error(`python failed (${out.status}): ${out.stderr}`);
  return JSON.parse(out.stdout) as ScriptOutput;
}

/** The largest relative difference between the script's output and the session; fails past the tolerance. */
function compare(name: string, session: LabSession, out: ScriptOutput): number {
  expect(out.batchLosses).toHaveLength(session.metrics.batchLoss.length);
  expect(out.layers).toHaveLength(session.network.layers.length);
  let lossWorst = 0;
  const losses = session.metrics.batchLoss.tail(session.metrics.batchLoss.length);
  expect(losses).toHaveLength(out.batchLosses.length);
  losses.forEach((loss, k) => { lossWorst = Math.max(lossWorst, relative(loss, out.batchLosses[k])); });
  let worst = 0;
  session.network.layers.forEach((layer, i) => {
    const W = layer.W.toRows();
    expect(out.layers[i].layer).toBe(i + 1);
    expect(out.layers[i].W.map((r) => r.length)).toEqual(W.map((r) => r.length));
    W.forEach((row, r) => row.forEach((w, c) => { worst = Math.max(worst, relative(w, out.layers[i].W[r][c])); }));
    Array.from(layer.b.data).forEach((b, r) => { worst = Math.max(worst, relative(b, out.layers[i].b[r])); });
  });
  measured.push(`  ${name}: losses ${lossWorst.toExponential(2)}, W and b ${worst.toExponential(2)} over ${session.network.updates} batches`);
  expect(lossWorst).toBeLessThanOrEqual(TOLERANCE);
  expect(worst).toBeLessThanOrEqual(TOLERANCE);
  return Math.max(lossWorst, worst);
}

/** A session on a built-in set, trained for `batches`, with optional live changes of η, m and λ after `at` batches. */
function trained(source: string, overrides: Partial<LabSettings>, batches: number, change?: { at: number; values: Partial<LabSettings> }) {
  const settings = { ...defaultSettings(), ...overrides };
  const data: DataSettings = { ...DEFAULT_DATA_SETTINGS, source };
  const session = new LabSession(datasetFromSettings(data, { uploaded: null, test: null }, settings.seed), settings);
  const changes: ParameterChange[] = [{ update: 0, learningRate: session.settings.learningRate, batchSize: session.settings.batchSize, l2: session.settings.l2 }];
  for (let k = 0; k < batches; k++) {
    if (change && k === change.at) {
      session.applySettings({ ...session.settings, ...change.values });
      const { learningRate, batchSize, l2 } = session.settings;
      changes.push({ update: session.network.updates, learningRate, batchSize, l2 });
    }
    session.playBatch();
  }
  return { session, changes };
}

const CASES: { name: string; source: string; settings: Partial<LabSettings>; batches: number; change?: { at: number; values: Partial<LabSettings> } }[] = [
  { name: 'two moons, sigmoid hidden, sigmoid + bce, SGD', source: 'builtin:two-moons', settings: { hiddenActivation: 'sigmoid', batchSize: 16 }, batches: 60 },
  { name: 'two moons, tanh, momentum, L2', source: 'builtin:two-moons', settings: { optimizer: 'momentum', l2: 0.05, batchSize: 20 }, batches: 60 },
  { name: 'XOR, relu, Adam, η and m changed mid-run', source: 'builtin:xor', settings: { hiddenActivation: 'relu', init: 'he', optimizer: 'adam', learningRate: 0.01 }, batches: 60, change: { at: 25, values: { learningRate: 0.003, batchSize: 7 } } },
  { name: 'circles, leaky relu, SGD, η, m and λ changed mid-run', source: 'builtin:circles', settings: { hiddenActivation: 'leakyRelu', init: 'he', hiddenLayers: [6, 5, 3] }, batches: 60, change: { at: 13, values: { learningRate: 0.5, batchSize: 33, l2: 0.1 } } },
  { name: 'two moons, relu, sigmoid + mse, momentum', source: 'builtin:two-moons', settings: { hiddenActivation: 'relu', init: 'he', loss: 'mse', optimizer: 'momentum' }, batches: 60 },
  { name: 'curve (regression), linear hidden, linear + mse, Adam, L2', source: 'builtin:curve', settings: { hiddenActivation: 'linear', outputActivation: 'linear', loss: 'mse', optimizer: 'adam', learningRate: 0.01, l2: 0.01 }, batches: 60 },
  { name: 'curve (regression), tanh, one hidden layer of 4, m changed mid-run', source: 'builtin:curve', settings: { outputActivation: 'linear', loss: 'mse', hiddenLayers: [4] }, batches: 40, change: { at: 10, values: { batchSize: 3 } } },
  { name: 'three blobs (3 classes), tanh, softmax + cce, Adam, L2', source: 'builtin:blobs', settings: { optimizer: 'adam', learningRate: 0.01, l2: 0.02 }, batches: 60 },
  { name: 'three blobs (3 classes), sigmoid, softmax + mse, momentum', source: 'builtin:blobs', settings: { hiddenActivation: 'sigmoid', outputActivation: 'softmax', loss: 'mse', optimizer: 'momentum' }, batches: 60 },
  { name: 'spiral, no hidden layer, SGD, batch 1', source: 'builtin:spiral', settings: { hiddenLayers: [], batchSize: 1 }, batches: 50 },
];

describe('pyFloat', () => {
  it('writes numbers that read back as the same float64', () => {
    for (const x of [0.1, 1 / 3, -2.5e-300, 1e21, 123456789012345680000, 5, -0, Number.MIN_VALUE, Number.MAX_VALUE]) {
      const text = pyFloat(x);
      expect(text).toMatch(/^-?[\d.]+(e[-+]?\d+)?$/);
      expect(Object.is(Number(text), x)).toBe(true);
    }
  });
});

describe('pythonRunOf', () => {
  it('takes the change log, caps m at the training rows and keeps the batch on screen', () => {
    const { session, changes } = trained('builtin:xor', { batchSize: 10 }, 12, { at: 5, values: { batchSize: 100_000 } });
    session.stepBack();
    const run: PythonRun = pythonRunOf(session, { changes });
    const M = session.dataset.train.X.cols;
    expect(run.changes).toEqual([{ update: 0, learningRate: 0.1, batchSize: 10, l2: 0 }, { update: 5, learningRate: 0.1, batchSize: M, l2: 0 }]);
    expect(run.updates).toBe(12);
    expect(run.shownUpdate).toBe(session.entry!.update);
    expect(run.initial[0].W).toEqual(session.initialParams[0].W.toRows());
  });
});

describe('engineMath', () => {
  it('recognises the JavaScript engine the tests run in by its Math.exp and Math.tanh', () => {
    expect(['fdlibm', 'glibc']).toContain(engineMath());
  });
});

describe('changesFromHistory', () => {
  it('reads η, m and λ back from the kept history while it holds every batch', () => {
    const { session } = trained('builtin:xor', { batchSize: 64 }, 20, { at: 8, values: { learningRate: 0.02, l2: 0.5 } });
    const M = session.dataset.train.X.cols;
    const log = changesFromHistory(session);
    expect(log).not.toBeNull();
    expect(log![0]).toEqual({ update: 0, learningRate: 0.1, batchSize: 64, l2: 0 });
    expect(log!.find((c) => c.update === 8)).toEqual({ update: 8, learningRate: 0.02, batchSize: 64, l2: 0.5 });
    // The last batch of an epoch is partial: it appears as a change of m, which cuts the same batch.
    if (M % 64 !== 0) expect(log!.some((c) => c.batchSize === M % 64)).toBe(true);
    const { session: long } = trained('builtin:xor', {}, 60);
    expect(changesFromHistory(long)).toBeNull();
  });
});

if (!hasNumpy && !requireNumpy) console.warn(`[skipped] exported Python script vs the lab: no Python with NumPy at "${PYTHON}" (set $PYTHON, or REQUIRE_NUMPY=1 to fail).`);
const describeNumpy = hasNumpy || requireNumpy ? describe : describe.skip;

describeNumpy('the exported Python script reproduces the lab (float64, 1e-12 relative)', () => {
  it.runIf(!hasNumpy)(`needs Python with NumPy at "${PYTHON}" (REQUIRE_NUMPY=1)`, () => {
    throw new Error(`No Python with NumPy at "${PYTHON}": install python3-numpy or set $PYTHON.`);
  });

  for (const c of CASES) {
    it.runIf(hasNumpy)(c.name, () => {
      const { session, changes } = trained(c.source, c.settings, c.batches, c.change);
      expect(session.divergence).toBeNull();
      compare(c.name, session, runScript(c.name, pythonScript(pythonRunOf(session, { changes }))));
    }, 60_000);
  }

  it.runIf(hasNumpy)('without a change log, a session of fewer than 50 batches replays from its history (η and m changed)', () => {
    const { session } = trained('builtin:circles', { batchSize: 30 }, 45, { at: 17, values: { learningRate: 0.4, batchSize: 11 } });
    compare('circles, change log from the history', session, runScript('history', pythonScript(pythonRunOf(session))));
  }, 60_000);

  it.runIf(hasNumpy)('the notebook’s code cells, run in order, give the same numbers', () => {
    const { session, changes } = trained('builtin:blobs', { hiddenLayers: [5] }, 30);
    const notebook = JSON.parse(pythonNotebook(pythonRunOf(session, { changes }))) as { nbformat: number; cells: { cell_type: string; source: string[] }[] };
    expect(notebook.nbformat).toBe(4);
    expect(notebook.cells.filter((c) => c.cell_type === 'code')).toHaveLength(7);
    const code = notebook.cells.filter((c) => c.cell_type === 'code').map((c) => c.source.join('')).join('\n\n');
    // A notebook has no --json flag: switch the report to JSON the way a reader would.
    compare('notebook (three blobs)', session, runScript('notebook', code.replace('JSON_ONLY = False', 'JSON_ONLY = True')));
  }, 60_000);

  itOccupancy('Occupancy datatraining.txt read beside the script: defaults, then η, m and λ changed mid-epoch', () => {
    const table = loadCsvText(readOccupancy('datatraining.txt'), { name: 'datatraining.txt' });
    const settings = defaultSettings();
    const session = new LabSession(buildDataset(table, DEFAULT_DATA_SETTINGS, { seed: settings.seed }), settings);
    const changes: ParameterChange[] = [{ update: 0, learningRate: 0.1, batchSize: 50, l2: 0 }];
    session.stepEpoch();
    for (let k = 0; k < 40; k++) session.playBatch();
    session.applySettings({ ...session.settings, learningRate: 0.03, batchSize: 32, l2: 0.01 });
    changes.push({ update: session.network.updates, learningRate: 0.03, batchSize: 32, l2: 0.01 });
    session.stepEpoch();
    const source: CsvSource = { table, choices: DEFAULT_DATA_SETTINGS, seed: settings.seed, testFile: false };
    const run = pythonRunOf(session, { changes, source });
    expect(run.data.kind).toBe('csv');
    const script = pythonScript(run);
    expect(script.length).toBeLessThan(200_000);
    compare('Occupancy (file beside the script)', session, runScript('occupancy', script, [occupancyPath('datatraining.txt')]));
  }, 120_000);
});
