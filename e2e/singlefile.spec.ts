import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { occupancyAvailable, occupancyMissingMessage, occupancyPath, occupancyRequired, REPO_ROOT } from '../src/data/testing/occupancyFiles';

/**
 * A teacher with no server: dist-single/backprop-lab.html, opened straight from disk, loads the
 * Occupancy file, trains an epoch, shows the equations and exports the model, with no request at all.
 */

const singleFile = resolve(REPO_ROOT, 'dist-single/backprop-lab.html');

test.beforeAll(() => {
  // `npm test` builds it first; running this spec alone builds it when it is missing.
  if (!existsSync(singleFile)) execFileSync('npx', ['vite', 'build', '--mode', 'single'], { cwd: REPO_ROOT, stdio: 'inherit' });
});

test('the single file, opened from file://, loads Occupancy, trains an epoch and exports with no request', async ({ page, context }) => {
  if (!occupancyAvailable(['datatraining.txt'])) {
    const message = occupancyMissingMessage(['datatraining.txt']);
    if (occupancyRequired()) throw new Error(message);
    console.warn(`[skipped] ${message}`);
    test.skip(true, message);
  }

  // Every request the page or its worker makes; file:, data: and blob: stay on this machine.
  const requests: string[] = [];
  context.on('request', (request) => {
    if (!/^(file|data|blob):/.test(request.url())) requests.push(request.url());
  });
  // A policy violation would mean a script, style, font or worker was refused (the CSP is strict).
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });

  await page.goto(pathToFileURL(singleFile).href);
  await expect(page.getByRole('heading', { name: 'Backprop Lab' })).toBeVisible();
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 0 \/ \d+/);

  // Parsed by the CSV worker, which the single file carries inline.
  // (The worker ends once no file is left to parse, so it is caught as it starts.)
  const worker = page.waitForEvent('worker');
  await page.getByTestId('csv-upload').setInputFiles(occupancyPath('datatraining.txt'));
  await worker;
  await expect(page.getByTestId('dataset-summary')).toContainText('8143 rows · 5 features · target Occupancy (2 classes)');

  await page.getByTestId('step-epoch').click();
  await expect(page.getByTestId('epoch-counter')).toHaveText('epoch 1');
  await expect(page.getByTestId('metrics-when')).toContainText('after epoch 1');
  const accuracy = Number(/([\d.]+)%/.exec((await page.getByTestId('train-accuracy').textContent()) ?? '')?.[1]);
  expect(accuracy).toBeGreaterThan(50);

  // Stepping shows an equation typeset by KaTeX with its inlined fonts.
  await page.getByTestId('step-equation').click();
  await expect(page.getByTestId('current-equation').locator('.katex').first()).toBeVisible();
  const fonts = await page.evaluate(async () => {
    await document.fonts.ready;
    return [...document.fonts].filter((face) => face.status === 'loaded').map((face) => face.family.replace(/"/g, ''));
  });
  expect(fonts).toEqual(expect.arrayContaining(['KaTeX_Main', 'KaTeX_Math']));

  // Export downloads through a Blob URL.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-model').click()]);
  const model = JSON.parse(await readFile(await download.path(), 'utf8'));
  expect(model).toMatchObject({ format: 'backprop-lab-model', version: 1 });
  expect(model.network.sizes).toEqual([5, 8, 8, 1]);

  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
  expect(requests).toEqual([]);
});
