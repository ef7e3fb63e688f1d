import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { occupancyAvailable, occupancyMissingMessage, occupancyPath, occupancyRequired } from '../src/data/testing/occupancyFiles';
import { openLab } from './support';

/**
 * Take the run home: after some batches, download the Python script, run it with python3 and NumPy,
 * and find the lab's numbers: every batch loss (the metrics export) and the final W and b (the model
 * export) agree to 1e-12 relative.
 */

const PYTHON = process.env.PYTHON && process.env.PYTHON.trim() !== '' ? process.env.PYTHON : 'python3';
const TOLERANCE = 1e-12;

/** Skips visibly without Python + NumPy, or fails when REQUIRE_NUMPY=1. */
function needNumpy(): void {
  if (spawnSync(PYTHON, ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0) return;
  const message = `no Python with NumPy at "${PYTHON}" (set $PYTHON or install python3-numpy)`;
  if (process.env.REQUIRE_NUMPY === '1') throw new Error(message);
  console.warn(`[skipped] ${message}`);
  test.skip(true, message);
}

/** Clicks an export button and saves the download in `dir`; returns its path. */
async function save(page: Page, testId: string, dir: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = join(dir, file.suggestedFilename());
  await file.saveAs(path);
  return path;
}

const relative = (a: number, b: number) => (a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b)));

interface ScriptOutput { batchLosses: number[]; layers: { layer: number; W: number[][]; b: number[] }[] }

/** Exports the model, the metrics and the script; runs the script; compares. Returns the largest relative difference. */
async function exportAndCompare(page: Page): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), 'backprop-lab-python-'));
  const model = JSON.parse(readFileSync(await save(page, 'export-model', dir), 'utf8')) as { network: { updates: number }; layers: { W: number[][]; b: number[] }[] };
  const metrics = readFileSync(await save(page, 'export-metrics', dir), 'utf8');
  const script = await save(page, 'export-python', dir);
  expect(script.endsWith('backprop_lab_run.py')).toBe(true);
  const run = spawnSync(PYTHON, [script, '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  const out = JSON.parse(run.stdout) as ScriptOutput;

  // The metrics CSV: a header, then one line per update whose second cell is that batch's loss.
  const header = metrics.split('\r\n')[0].split(',');
  const lossColumn = header.indexOf('batch_loss');
  expect(lossColumn).toBeGreaterThanOrEqual(0);
  const losses = metrics.trimEnd().split('\r\n').slice(1).map((line) => line.split(',')[lossColumn]).filter((cell) => cell !== '').map(Number);
  expect(out.batchLosses).toHaveLength(model.network.updates);
  expect(losses).toHaveLength(model.network.updates);

  let lossWorst = 0;
  losses.forEach((loss, k) => { lossWorst = Math.max(lossWorst, relative(loss, out.batchLosses[k])); });
  let worst = 0;
  model.layers.forEach((layer, i) => {
    layer.W.forEach((row, r) => row.forEach((w, c) => { worst = Math.max(worst, relative(w, out.layers[i].W[r][c])); }));
    layer.b.forEach((b, r) => { worst = Math.max(worst, relative(b, out.layers[i].b[r])); });
  });
  console.info(`[python.spec] largest relative difference over ${model.network.updates} batches: losses ${lossWorst.toExponential(2)}, W and b ${worst.toExponential(2)}`);
  expect(lossWorst).toBeLessThanOrEqual(TOLERANCE);
  expect(worst).toBeLessThanOrEqual(TOLERANCE);
  return Math.max(lossWorst, worst);
}

test('Occupancy uploaded, an epoch and some batches: the exported script gives the same numbers', async ({ page }) => {
  if (!occupancyAvailable()) {
    const message = occupancyMissingMessage();
    if (occupancyRequired()) throw new Error(message);
    test.skip(true, message);
  }
  needNumpy();
  await openLab(page);
  await page.getByTestId('csv-upload').setInputFiles(occupancyPath('datatraining.txt'));
  await expect(page.getByTestId('dataset-summary')).toContainText('8143 rows · 5 features · target Occupancy (2 classes)');
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 0 \/ 131/); // the 80 % training part: 6514 rows
  for (let k = 0; k < 12; k++) await page.getByTestId('step-batch').click();
  await expect(page.getByTestId('update-counter')).toHaveText('update 12');
  await page.getByTestId('step-epoch').click();
  await expect(page.getByTestId('batch-counter')).toHaveText('batch 131 / 131');
  await page.getByTestId('step-equation').click();
  // Batch 132's first equation: the engine has trained it (132 batches to export), its update is not counted yet.
  await expect(page.getByTestId('update-counter')).toHaveText('update 131');
  await expect(page.getByTestId('epoch-counter')).toHaveText('epoch 2');
  await exportAndCompare(page);
});

test('three blobs (3 classes), Adam, η changed after 3 batches: the exported script gives the same numbers', async ({ page }) => {
  needNumpy();
  await openLab(page);
  await page.getByTestId('dataset-select').selectOption('builtin:blobs');
  await expect(page.getByTestId('dataset-summary')).toContainText('target class (3 classes)');
  await page.getByTestId('optimizer-select').selectOption('adam');
  for (let k = 0; k < 3; k++) await page.getByTestId('step-batch').click();
  await expect(page.getByTestId('update-counter')).toHaveText('update 3');
  await page.getByTestId('learning-rate').fill('-1.5'); // log10 η: η = 0.0316
  await expect(page.getByTestId('learning-rate-value')).toHaveText('η = 0.0316');
  await page.getByTestId('step-epoch').click();
  for (let k = 0; k < 3; k++) await page.getByTestId('step-batch').click();
  await expect(page.getByTestId('epoch-counter')).toHaveText('epoch 2');
  await exportAndCompare(page);
});
