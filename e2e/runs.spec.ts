import { expect, test } from '@playwright/test';
import { openLab } from './support';

/** Compare runs: keep two runs with different η and see both curves, what differed, markers and the log scale. */

test('keep two runs with different η and see both curves with a legend of what differed', async ({ page }) => {
  await openLab(page);
  await expect(page.getByTestId('keep-run')).toBeDisabled();
  await page.getByTestId('step-epoch').click();
  await page.getByTestId('step-epoch').click();
  await page.getByTestId('keep-run').click();
  await expect(page.getByTestId('kept-run')).toHaveCount(1);

  // A second run at η = 1, from the same seed.
  await page.getByTestId('learning-rate').fill('0'); // log10 η = 0 → η = 1
  await expect(page.getByTestId('learning-rate-value')).toHaveText('η = 1');
  await page.getByTestId('reset').click();
  await page.getByTestId('step-epoch').click();
  await page.getByTestId('step-epoch').click();
  await page.getByTestId('keep-run').click();
  await expect(page.getByTestId('kept-run')).toHaveCount(2);

  const chart = page.getByTestId('loss-chart');
  await expect(chart.getByTestId('kept-run-curve')).toHaveCount(2);
  await expect(chart.getByTestId('kept-run-curve').first().locator('path').first()).toHaveAttribute('d', /^M/);
  const legend = chart.getByTestId('kept-run-legend');
  await expect(legend).toHaveCount(2);
  await expect(legend.nth(0)).toContainText('Run 1: η = 0.1');
  await expect(legend.nth(1)).toContainText('Run 2: same settings');
  await expect(page.getByTestId('kept-run').nth(0)).toContainText('η = 0.1');

  // Remove the first: one curve left.
  await page.getByTestId('kept-run').nth(0).getByTestId('remove-run').click();
  await expect(page.getByTestId('kept-run')).toHaveCount(1);
  await expect(chart.getByTestId('kept-run-curve')).toHaveCount(1);
});

test('the log-scale toggle and a marker where η changed mid-run', async ({ page }) => {
  await openLab(page);
  await page.getByTestId('step-batch').click();
  await page.getByTestId('step-batch').click();
  const chart = page.getByTestId('loss-chart');
  await expect(chart).toHaveAttribute('data-scale', 'linear');
  await page.getByTestId('loss-log-scale').check();
  await expect(chart).toHaveAttribute('data-scale', 'log');

  await page.getByTestId('learning-rate').fill(String(Math.log10(0.5)));
  await expect(page.getByTestId('learning-rate-value')).toHaveText('η = 0.5');
  await page.getByTestId('step-batch').click();
  await page.getByTestId('step-batch').click();
  const marker = chart.getByTestId('loss-marker');
  await expect(marker).toHaveCount(1);
  await expect(marker).toHaveAttribute('data-update', '2');
  await expect(marker).toContainText('η 0.1 → 0.5');

  await page.getByTestId('chart-show-accuracy').check();
  await expect(chart).toHaveAttribute('data-metric', 'accuracy');
  await expect(page.getByTestId('loss-log-scale')).toBeDisabled();
});
