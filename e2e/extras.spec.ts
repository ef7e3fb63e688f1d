import { readFile } from 'node:fs/promises';
import { expect, test, type Page } from '@playwright/test';
import { openLab } from './support';

/** Beyond the playground: check the gradients, export what was learnt, see the decision boundary. */

/** Clicks an export button and returns the downloaded file's name and text. */
async function download(page: Page, testId: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.getByTestId(testId).click()]);
  const path = await file.path();
  return { name: file.suggestedFilename(), text: await readFile(path, 'utf8') };
}

/** Splits simple CSV lines (the tests below pick which cells to read; quoted cells are checked by text). */
const lines = (csv: string) => csv.trimEnd().split('\r\n');

test('checks the gradients of the batch on screen: every layer agrees with central differences', async ({ page }) => {
  await openLab(page);
  await page.getByTestId('step-equation').click();
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 1 \/ \d+/);
  await page.getByTestId('gradient-check').click();
  const result = page.getByTestId('gradient-check-result');
  await expect(result).toBeVisible();
  await expect(result).toContainText('Largest relative error');
  const max = Number(await result.getAttribute('data-max'));
  expect(max).toBeLessThan(1e-5);
  expect(await result.getAttribute('data-verdict')).not.toBe('suspicious');
  await expect(result.locator('tbody tr')).toHaveCount(3); // 2-8-8-1: three layers
  await expect(result).toContainText(/in \d+(\.\d)? ms/);
  // The central-difference formula is rendered by KaTeX.
  await expect(page.locator('.gradcheck .katex').first()).toBeVisible();
});

test('after divergence the gradient check says the weights exploded instead of giving verdicts', async ({ page }) => {
  await openLab(page);
  await page.getByTestId('dataset-select').selectOption('builtin:curve');
  await page.getByTestId('learning-rate').fill('1'); // log10 η = 1 → η = 10
  await page.getByTestId('play').click();
  await expect(page.getByTestId('divergence-message')).toBeVisible();
  await page.getByTestId('gradient-check').click();
  await expect(page.getByTestId('gradient-check-exploded')).toContainText(/finite differences are meaningless here — lower the learning rate and reset/);
  await expect(page.getByTestId('gradient-check-result')).toHaveCount(0);
  await expect(page.locator('.gradcheck')).not.toContainText('suspicious');
});

test('exports the model, the metrics, the predictions and the equations as files', async ({ page }) => {
  await openLab(page);
  await page.getByTestId('step-epoch').click();
  await expect(page.getByTestId('epoch-counter')).toHaveText('epoch 1');
  await page.getByTestId('step-equation').click();
  await expect(page.getByTestId('epoch-counter')).toHaveText('epoch 2');
  // The counter says what is applied at the equation on screen (batch 1 of epoch 2 is in its forward pass);
  // the engine has trained that batch whole, and the model export is the network after it.
  const updates = Number(/update (\d+)/.exec((await page.getByTestId('update-counter').textContent()) ?? '')?.[1]) + 1;
  expect(updates).toBeGreaterThan(1);

  const model = await download(page, 'export-model');
  expect(model.name).toMatch(/^backprop-lab-.*-model-t\d+\.json$/);
  const json = JSON.parse(model.text);
  expect(json).toMatchObject({ format: 'backprop-lab-model', version: 1 });
  expect(json.network.sizes).toEqual([2, 8, 8, 1]);
  expect(json.network.updates).toBe(updates);
  expect(json.layers.map((l: { W: number[][]; b: number[] }) => [l.W.length, l.W[0].length, l.b.length])).toEqual([[8, 2, 8], [8, 8, 8], [1, 8, 1]]);
  expect(json.data.featureNames).toHaveLength(2);
  expect(json.data.normalization.stats).toHaveLength(2);
  expect(json.data.task).toBe('binary');
  expect(json.settings.batchSize).toBe(50);

  const metrics = await download(page, 'export-metrics');
  expect(metrics.name).toMatch(/metrics\.csv$/);
  const metricRows = lines(metrics.text);
  expect(metricRows[0]).toBe('update,epoch,batch,batch_loss,train_loss,train_accuracy,test_loss,test_accuracy');
  expect(metricRows).toHaveLength(1 + 1 + updates); // header, t = 0, every update
  expect(metricRows[metricRows.length - 1]).toMatch(new RegExp(`^${updates},2,1,\\d`));

  const predictions = await download(page, 'export-predictions');
  expect(predictions.name).toMatch(/predictions-test\.csv$/);
  const predictionRows = lines(predictions.text);
  expect(predictionRows[0].split(',').slice(-2)[0]).toMatch(/^predicted /);
  expect(predictionRows[0]).toMatch(/,P\(.+ = .+\)$/);
  expect(predictionRows.length).toBeGreaterThan(50);
  for (const row of predictionRows.slice(1, 6)) {
    const p = Number(row.split(',').pop());
    expect(p).toBeGreaterThanOrEqual(0);
    expect(p).toBeLessThanOrEqual(1);
  }

  const latex = await download(page, 'export-latex');
  expect(latex.name).toMatch(/equations-t\d+\.tex$/);
  expect(latex.text).toContain('\\documentclass');
  expect(latex.text).toContain('\\section*{Forward pass}');
  expect(latex.text).toContain('\\section*{Backward pass}');
  expect(latex.text).toContain('Z^{[1]}');
  expect(latex.text.trimEnd().endsWith('\\end{document}')).toBe(true);
});

test('quotes hostile column names in the predictions and neutralises formula-looking ones', async ({ page }) => {
  await openLab(page);
  const rows = ['"a,""b""",=cmd(),label'];
  for (let i = 0; i < 60; i++) rows.push(`${((i % 7) - 3) * 0.37},${(i % 5) * 0.51},${i % 2}`);
  await page.getByTestId('csv-upload').setInputFiles({ name: 'hostile.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
  await expect(page.getByTestId('target-select')).toHaveValue('label');
  await page.getByTestId('step-equation').click();
  const { text } = await download(page, 'export-predictions');
  expect(lines(text)[0].startsWith(`"a,""b""","'=cmd()",label,predicted label,`)).toBe(true);
  // Two features: the decision boundary is drawn for this file too (in the training card's second tab).
  await page.getByTestId('insight-tab-boundary').click();
  await expect(page.getByTestId('decision-boundary').locator('canvas')).toBeVisible();
});

/** A summary of the canvas pixels: how many distinct colours (sampled) and a checksum. */
const pixels = (canvas: HTMLCanvasElement) => {
  const { data } = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height) ?? { data: new Uint8ClampedArray(0) };
  const colours = new Set<number>();
  let sum = 0;
  for (let k = 0; k < data.length; k += 4 * 13) {
    colours.add((data[k] << 16) | (data[k + 1] << 8) | data[k + 2]);
    sum = (sum * 31 + data[k] + 7 * data[k + 1] + 13 * data[k + 2]) % 1_000_000_007;
  }
  return { colours: colours.size, sum, square: canvas.width === canvas.height && canvas.width > 0 };
};

test('draws the decision boundary of two moons, redrawn as the network learns', async ({ page }) => {
  await openLab(page);
  const boundary = page.getByTestId('decision-boundary');
  await page.getByTestId('insight-tab-boundary').click();
  await expect(boundary).toBeVisible();
  await expect(boundary).toHaveAttribute('data-mode', 'plane');
  const canvas = boundary.locator('canvas');
  await expect(canvas).toBeVisible();
  await expect(canvas).toHaveAttribute('data-redraws', /\d+/);
  const before = await canvas.evaluate(pixels);
  expect(before.square).toBe(true);
  expect(before.colours).toBeGreaterThan(30); // a heatmap with points, not a blank canvas
  const redraws = Number(await canvas.getAttribute('data-redraws'));
  await page.getByTestId('step-epoch').click();
  await page.getByTestId('step-epoch').click();
  await expect.poll(async () => Number(await canvas.getAttribute('data-redraws'))).toBeGreaterThan(redraws);
  await expect.poll(async () => (await canvas.evaluate(pixels)).sum).not.toBe(before.sum);
  const ms = Number(await canvas.getAttribute('data-redraw-ms'));
  expect(ms).toBeGreaterThan(0); // it timed a real redraw; how fast is for benchmarks, not tests
  await expect(page.getByTestId('boundary-redraw-time')).toHaveText(/redraw \d/);
  await expect(boundary).toContainText('train');
});
