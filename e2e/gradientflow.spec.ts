import { expect, test, type Page } from '@playwright/test';
import { openLab } from './support';

/** Gradient flow: a deep sigmoid network shows the vanishing gradient after one epoch; tanh with xavier does not. */

/** Six hidden layers of 8 (the default is two of 8; "add layer" copies the last one's width). */
async function sixLayersOf8(page: Page): Promise<void> {
  const add = page.getByTestId('hidden-layers').getByTestId('add-layer');
  for (let k = 0; k < 4; k++) await add.click();
  await expect(page.getByTestId('hidden-layer')).toHaveCount(6);
  await expect(page.getByTestId('architecture')).toHaveText('2 – 8 – 8 – 8 – 8 – 8 – 8 – 1');
}

/** ‖dW[L]‖ / ‖dW[1]‖ as the chart's summary states it (data-ratio, the same number as the text's "ratio …×"). */
async function ratio(page: Page): Promise<number> {
  const summary = page.getByTestId('gradient-flow-summary');
  await expect(summary).toHaveAttribute('data-ratio', /\d/);
  return Number(await summary.getAttribute('data-ratio'));
}

test('6 sigmoid layers of 8 on two moons: after one epoch ‖dW[1]‖ is at least 100× smaller than ‖dW[7]‖', async ({ page }) => {
  await openLab(page);
  await sixLayersOf8(page);
  await page.getByTestId('activation-select').selectOption('sigmoid');
  await expect(page.getByTestId('init-select')).toHaveValue('xavier');
  await page.getByTestId('step-epoch').click();
  await expect(page.getByTestId('epoch-counter')).toHaveText('epoch 1');
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch (\d+) \/ \1$/);

  const flow = page.getByTestId('gradient-flow');
  await expect(flow).toBeVisible();
  await expect(flow).toHaveAttribute('data-layers', '7');
  for (let l = 1; l <= 7; l++) {
    await expect(flow.getByTestId(`flow-grad-${l}`)).toHaveAttribute('d', /^M/);
    await expect(flow.getByTestId(`flow-weight-${l}`)).toHaveAttribute('d', /^M/);
  }
  await expect(page.getByTestId('gradient-flow-summary')).toContainText(/layer 1 ‖dW‖ = \d\.\de-\d+.*layer 7 ‖dW‖ = .*ratio .*×/);
  expect(await ratio(page)).toBeGreaterThanOrEqual(100);
  await expect(flow.getByTestId('hist-weights-1')).toBeVisible();
  await expect(flow.getByTestId('hist-deltas-7')).toBeVisible();
});

test('tanh with xavier does not show it', async ({ page }) => {
  await openLab(page);
  await sixLayersOf8(page);
  await expect(page.getByTestId('activation-select')).toHaveValue('tanh');
  await page.getByTestId('step-epoch').click();
  await expect(page.getByTestId('epoch-counter')).toHaveText('epoch 1');
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch (\d+) \/ \1$/);
  expect(await ratio(page)).toBeLessThan(10);
});
