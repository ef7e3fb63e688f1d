import { expect, test, type Page } from '@playwright/test';
import { openLab } from './support';

/** The architecture and hyperparameter controls: which changes rebuild the network, which apply from the next batch. */

/** "batch 3 / 7" → [3, 7] */
async function batchCounter(page: Page): Promise<[number, number]> {
  const [done, total] = (/batch (\d+) \/ (\d+)/.exec((await page.getByTestId('batch-counter').textContent()) ?? '') ?? []).slice(1).map(Number);
  return [done, total];
}

test('optimiser, hidden activation and loss rebuild the network and say so; Adam shows its update equations', async ({ page }) => {
  await openLab(page);
  await page.getByTestId('step-batch').click();
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 1 \//);

  await page.getByTestId('optimizer-select').selectOption('adam');
  await expect(page.getByTestId('lab-notice')).toContainText(/optimiser.*rebuilt/);
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 0 \//);

  await page.getByTestId('step-batch').click();
  await page.getByTestId('activation-select').selectOption('relu');
  await expect(page.getByTestId('lab-notice')).toContainText(/hidden activation.*rebuilt/);
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 0 \//);

  const losses = await page.getByTestId('loss-select').locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  expect(losses.length).toBeGreaterThan(1);
  const other = losses.find((l) => l !== 'bce') ?? losses[1];
  await page.getByTestId('loss-select').selectOption(other);
  await expect(page.getByTestId('loss-select')).toHaveValue(other);
  await expect(page.getByTestId('lab-notice')).toContainText(/loss.*rebuilt/);

  await page.getByTestId('step-batch').click();
  await expect(page.getByTestId('update-counter')).toHaveText('update 1');
  const panel = page.getByTestId('equation-panel');
  for (const id of ['update-MW-1', 'update-SW-1', 'update-hatW-1', 'update-W-1', 'update-Mb-1']) {
    await expect(panel.locator(`[data-equation-id="${id}"]`)).toHaveCount(1);
  }
  await expect(panel).toContainText('β');
  await expect(panel.locator('.katex-error')).toHaveCount(0);
});

test('a batch-size change applies from the next batch without a reset', async ({ page }) => {
  await openLab(page);
  const rows = Number(await page.getByTestId('batch-size').getAttribute('max'));
  await expect(page.getByTestId('batch-size')).toHaveValue('50');
  await page.getByTestId('step-batch').click();
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 1 \//);
  const [, before] = await batchCounter(page);
  expect(before).toBe(Math.ceil(rows / 50));

  await page.getByTestId('batch-size').fill('10');
  await page.getByTestId('batch-size').press('Enter');
  await expect(page.getByTestId('lab-notice')).toContainText(/batch size m = 10 applies from the next batch \(no reset\)/i);
  await expect(page.getByTestId('update-counter')).toHaveText('update 1');
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 1 \//);

  await page.getByTestId('step-batch').click();
  await expect(page.getByTestId('update-counter')).toHaveText('update 2');
  await expect(page.getByTestId('epoch-counter')).toHaveText('epoch 1');
  // The rest of this epoch's shuffle (rows − 50 samples) is cut into batches of 10.
  const [done, total] = await batchCounter(page);
  expect(done).toBe(2);
  expect(total).toBe(1 + Math.ceil((rows - 50) / 10));
  await expect(page.getByTestId('sample-picker')).toContainText('of 10');

  // From the next epoch on, every batch has 10 samples.
  await page.getByTestId('step-epoch').click();
  await page.getByTestId('step-batch').click();
  await expect(page.getByTestId('epoch-counter')).toHaveText('epoch 2');
  expect(await batchCounter(page)).toEqual([1, Math.ceil(rows / 10)]);
});

test('adding and removing a hidden layer changes the diagram’s columns', async ({ page }) => {
  await openLab(page);
  const diagram = page.getByTestId('network-diagram');
  const columns = diagram.locator('g.nodes');
  await expect(page.getByTestId('architecture')).toHaveText(/– 8 – 8 –/);
  await expect(columns).toHaveCount(4);

  await page.getByTestId('hidden-layers').getByTestId('add-layer').click();
  await expect(page.getByTestId('lab-notice')).toContainText(/architecture.*rebuilt/);
  await expect(page.getByTestId('hidden-layers').getByTestId('hidden-layer')).toHaveCount(3);
  await expect(columns).toHaveCount(5);
  await expect(diagram).toHaveAttribute('aria-label', /Network \d+-8-8-8-\d+/);

  await page.getByTestId('hidden-layers').getByTestId('remove-layer-0').click();
  await page.getByTestId('hidden-layers').getByTestId('remove-layer-0').click();
  await expect(page.getByTestId('hidden-layers').getByTestId('hidden-layer')).toHaveCount(1);
  await expect(columns).toHaveCount(3);
  await expect(page.getByTestId('architecture')).toHaveText(/^\d+ – 8 – \d+$/);
});
