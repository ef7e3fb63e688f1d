import { existsSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { openLab } from './support';

/** What a teacher does with the lab: step equations, batches and epochs, go back, reset, change η. */

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const occupancyDir = (() => {
  const fromEnv = process.env.OCCUPANCY_DIR;
  if (fromEnv) return isAbsolute(fromEnv) ? fromEnv : resolve(repo, fromEnv);
  return resolve(repo, '../shared/data/occupancy');
})();
const trainingFile = resolve(occupancyDir, 'datatraining.txt');

/** "train accuracy 97.8%" → 97.8 */
const percent = (text: string | null) => Number(/([\d.]+)%/.exec(text ?? '')?.[1] ?? Number.NaN);

/** The texts that together identify "the numbers on screen". */
async function numbersOnScreen(page: Page) {
  return {
    batchLoss: await page.getByTestId('batch-loss').textContent(),
    equation: await page.getByTestId('current-equation').textContent(),
    counters: `${await page.getByTestId('epoch-counter').textContent()} ${await page.getByTestId('batch-counter').textContent()}`,
  };
}

test('steps through the equations of a batch, then the next batch', async ({ page }) => {
  await openLab(page);
  await expect(page.getByTestId('epoch-counter')).toHaveText('epoch 1');
  await page.getByTestId('step-equation').click();
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 1 \/ \d+/);
  await expect(page.getByTestId('equation-panel')).toBeVisible();
  await expect(page.getByTestId('network-diagram')).toBeVisible();
  const first = await page.getByTestId('current-equation').textContent();
  expect(first).toBeTruthy();

  // → (keyboard) reveals the next equation of the same batch.
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('current-equation')).not.toHaveText(first ?? '');
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 1 \//);
  // During batch 1's forward pass no update has been applied yet.
  await expect(page.getByTestId('update-counter')).toHaveText('update 0');

  // Shift+→ finishes the batch (its update is applied); the next step trains batch 2.
  await page.keyboard.press('Shift+ArrowRight');
  await expect(page.getByTestId('phase-label')).toHaveText(/update/);
  await expect(page.getByTestId('update-counter')).toHaveText('update 1');
  await page.getByTestId('step-equation').click();
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 2 \/ \d+/);
  await expect(page.getByTestId('update-counter')).toHaveText('update 1');
  await expect(page.getByTestId('batch-loss')).toHaveText(/batch loss \d/);
});

test('Space and Enter press the focused button; the lab keys act when focus is elsewhere', async ({ page }) => {
  await openLab(page);
  await page.getByTestId('step-epoch').click();
  await expect(page.getByTestId('metrics-when')).toHaveText(/after epoch 1/);
  const [, total] = (/batch (\d+) \/ (\d+)/.exec((await page.getByTestId('batch-counter').textContent()) ?? '') ?? []).slice(1).map(Number);
  await expect(page.getByTestId('step-epoch')).toBeFocused();

  // Space on the focused "Step epoch" presses it, as on any button: a second epoch.
  await page.keyboard.press(' ');
  await expect(page.getByTestId('metrics-when')).toHaveText(/after epoch 2/);
  await expect(page.getByTestId('batch-counter')).toHaveText(`batch ${total} / ${total}`);

  // Space on the focused "Step equation" steps one equation (the first of the next batch).
  await page.getByTestId('step-equation').focus();
  await page.keyboard.press(' ');
  await expect(page.getByTestId('batch-counter')).toHaveText(`batch 1 / ${total}`);
  // The next batch's first equation: its own update is not applied yet.
  await expect(page.getByTestId('update-counter')).toHaveText(`update ${2 * total}`);
  const first = await page.getByTestId('current-equation').textContent();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-equation')).not.toHaveText(first ?? '');

  // → from the page (not a control that uses it) steps too.
  await page.locator('h1').click();
  const second = await page.getByTestId('current-equation').textContent();
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('current-equation')).not.toHaveText(second ?? '');
  await expect(page.getByTestId('batch-counter')).toHaveText(`batch 1 / ${total}`);
});

test('steps back across a batch boundary and forward again to the same numbers', async ({ page }) => {
  await openLab(page);
  await page.getByTestId('step-batch').click();
  await page.getByTestId('step-batch').click();
  await page.getByTestId('step-equation').click();
  await page.getByTestId('step-equation').click();
  const before = await numbersOnScreen(page);
  expect(before.counters).toMatch(/batch 3 \//);

  let back = 0;
  while (!/batch 2 \//.test((await page.getByTestId('batch-counter').textContent()) ?? '') && back < 100) {
    await page.keyboard.press('ArrowLeft');
    back++;
  }
  await page.keyboard.press('ArrowLeft');
  back++;
  await expect(page.getByTestId('history-indicator')).toBeVisible();
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 2 \//);
  for (let i = 0; i < back; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 3 \//);
  expect(await numbersOnScreen(page)).toEqual(before);
  // Batch 3's second equation: two updates applied.
  await expect(page.getByTestId('update-counter')).toHaveText('update 2');
});

test('reset with the same seed gives exactly the same numbers', async ({ page }) => {
  await openLab(page);
  await page.getByTestId('step-epoch').click();
  await expect(page.getByTestId('metrics-when')).toHaveText(/after epoch 1/);
  const first = {
    trainLoss: await page.getByTestId('train-loss').textContent(),
    trainAccuracy: await page.getByTestId('train-accuracy').textContent(),
    testLoss: await page.getByTestId('test-loss').textContent(),
    screen: await numbersOnScreen(page),
  };
  await page.getByTestId('reset').click();
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 0 \//);
  await expect(page.getByTestId('metrics-when')).toHaveText(/before training/);
  await page.getByTestId('step-epoch').click();
  await expect(page.getByTestId('metrics-when')).toHaveText(/after epoch 1/);
  expect({
    trainLoss: await page.getByTestId('train-loss').textContent(),
    trainAccuracy: await page.getByTestId('train-accuracy').textContent(),
    testLoss: await page.getByTestId('test-loss').textContent(),
    screen: await numbersOnScreen(page),
  }).toEqual(first);
});

test('a learning-rate change mid-epoch applies from the next batch without a reset', async ({ page }) => {
  await openLab(page);
  for (let i = 0; i < 3; i++) await page.getByTestId('step-batch').click();
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 3 \//);
  // The slider's value is log10 η.
  await page.getByTestId('learning-rate').fill(String(Math.log10(0.5)));
  await expect(page.getByTestId('learning-rate-value')).toHaveText('η = 0.5');
  await expect(page.getByTestId('lab-notice')).toContainText('from the next batch');
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 3 \//);
  await expect(page.getByTestId('update-counter')).toHaveText('update 3');
  await page.getByTestId('step-batch').click();
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 4 \//);
  await expect(page.getByTestId('epoch-counter')).toHaveText('epoch 1');
  // The update equation of this batch uses η = 0.5.
  await expect(page.getByTestId('current-equation')).toContainText('η = 0.5');
});

test('changing the architecture resets and says so', async ({ page }) => {
  await openLab(page);
  await page.getByTestId('step-batch').click();
  await page.getByTestId('hidden-layers').getByTestId('add-layer').click();
  await expect(page.getByTestId('lab-notice')).toContainText(/architecture.*rebuilt/);
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 0 \//);
  await expect(page.getByTestId('architecture')).toHaveText(/– 8 – 8 – 8 –/);
});

test('a typed layer size applies on Enter; an out-of-range value shows the allowed range', async ({ page }) => {
  await openLab(page);
  await expect(page.getByTestId('architecture')).toHaveText(/– 8 – 8 –/);
  const size = page.getByTestId('layer-size-0');
  await size.fill('');
  await size.pressSequentially('16');
  await expect(page.getByTestId('architecture')).toHaveText(/– 8 – 8 –/);
  await size.press('Enter');
  await expect(page.getByTestId('architecture')).toHaveText(/– 16 – 8 –/);
  await expect(page.getByTestId('lab-notice')).toContainText(/architecture.*rebuilt/);

  await size.fill('40');
  await expect(page.getByTestId('layer-size-0-hint')).toHaveText('⚠ 1–32');
  await size.press('Enter');
  await expect(page.getByTestId('layer-size-0-hint')).toBeVisible();
  await expect(page.getByTestId('architecture')).toHaveText(/– 16 – 8 –/);
  await size.press('Escape');
  await expect(page.getByTestId('layer-size-0-hint')).toBeHidden();

  await page.getByTestId('batch-size').fill('0');
  await expect(page.getByTestId('batch-size-hint')).toBeVisible();
  await expect(page.getByTestId('batch-size-hint')).toHaveText(/⚠ 1–\d+/);
  // − and + apply at once.
  await page.getByTestId('layer-plus-1').click();
  await expect(page.getByTestId('architecture')).toHaveText(/– 16 – 9 –/);
});

test('the ? key lists the keyboard shortcuts', async ({ page }) => {
  await openLab(page);
  await page.keyboard.press('?');
  await expect(page.getByTestId('keyboard-help')).toContainText('Shift + →');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('keyboard-help')).toBeHidden();
});

test('play trains until paused; nothing on screen shows NaN', async ({ page }) => {
  await openLab(page);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('epoch-counter')).not.toHaveText('epoch 1', { timeout: 20_000 });
  await page.keyboard.press('p');
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.locator('body')).not.toContainText('NaN');
});

test('divergence pauses training with a message about the learning rate, and no NaN anywhere', async ({ page }) => {
  await openLab(page);
  await page.getByTestId('dataset-select').selectOption('builtin:curve');
  await expect(page.getByTestId('train-accuracy')).toContainText('RMSE');
  await page.getByTestId('learning-rate').fill('1'); // log10 η = 1 → η = 10
  await expect(page.getByTestId('learning-rate-value')).toHaveText('η = 10');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('divergence-message')).toContainText(/diverged.*learning rate η = 10/);
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');
  await expect(page.getByTestId('step-equation')).toBeDisabled();
  await expect(page.locator('body')).not.toContainText('NaN');
  await expect(page.locator('body')).not.toContainText('Infinity');
  // Lower η, reset: training works again.
  await page.getByTestId('learning-rate').fill('-1');
  await page.getByTestId('reset').click();
  await expect(page.getByTestId('divergence-message')).toBeHidden();
  await page.getByTestId('step-batch').click();
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 1 \//);
});

test.describe('Occupancy', () => {
  const present = existsSync(trainingFile);
  const required = process.env.REQUIRE_OCCUPANCY === '1';
  test.skip(!present && !required, `Occupancy data not found at ${occupancyDir} (set OCCUPANCY_DIR); skipped`);

  test('three epochs with the defaults reach ≥ 97 % train and ≥ 95 % test accuracy', async ({ page }) => {
    expect(present, `REQUIRE_OCCUPANCY=1 but ${trainingFile} is missing`).toBe(true);
    await openLab(page);
    await page.getByTestId('csv-upload').setInputFiles(trainingFile);
    await expect(page.getByTestId('dataset-summary')).toContainText('8143 rows');
    await expect(page.getByTestId('architecture')).toHaveText('5 – 8 – 8 – 1');
    for (let e = 1; e <= 3; e++) {
      await page.getByTestId('step-epoch').click();
      await expect(page.getByTestId('epoch-counter')).toHaveText(`epoch ${e}`);
      await expect(page.getByTestId('metrics-when')).toContainText(`after epoch ${e}`);
    }
    const batch = await page.getByTestId('batch-counter').textContent();
    const [done, total] = (/batch (\d+) \/ (\d+)/.exec(batch ?? '') ?? []).slice(1).map(Number);
    expect(done).toBe(total);
    expect(percent(await page.getByTestId('train-accuracy').textContent())).toBeGreaterThanOrEqual(97);
    expect(percent(await page.getByTestId('test-accuracy').textContent())).toBeGreaterThanOrEqual(95);
  });
});
