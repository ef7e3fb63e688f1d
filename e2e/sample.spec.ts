import { expect, test } from '@playwright/test';
import { openLab, stepUntil } from './support';

/** Clicking a column of the current equation's numbers chooses the sample the diagram follows. */

test('clicking the last visible column of Z[1] follows the last sample of the batch', async ({ page }) => {
  await openLab(page);
  await stepUntil(page, 'forward-Z-1');
  const m = Number(await page.getByTestId('sample-picker').locator('input').getAttribute('max'));
  expect(m).toBeGreaterThan(6);
  const numeric = page.getByTestId('current-numeric');
  await expect(numeric).toHaveAttribute('data-pickable', 'true');

  // The result Z[1] is the last matrix: n[1] × m, its visible columns 1 2 3 ⋯ m−1 m.
  const result = numeric.locator('.mtable').last();
  await expect(result).toHaveAttribute('title', 'Click a column to follow that sample in the diagram');
  const columns = result.locator(':scope > .col-align-c, :scope > .col-align-r, :scope > .col-align-l');
  await expect(columns).toHaveCount(6);
  await columns.last().click();

  await expect(page.getByTestId('sample-picker').locator('input')).toHaveValue(String(m));
  await expect(page.getByTestId('sample-picker')).toContainText(`of ${m}`);
  await expect(page.getByTestId('diagram-legend')).toContainText(`of sample ${m}`);
  await expect(columns.last()).toHaveClass(/column-picked/);

  // The ellipsis column chooses nothing; the first column chooses sample 1.
  await columns.nth(3).click();
  await expect(page.getByTestId('sample-picker').locator('input')).toHaveValue(String(m));
  await columns.first().click();
  await expect(page.getByTestId('sample-picker').locator('input')).toHaveValue('1');
  await expect(page.getByTestId('diagram-legend')).toContainText('of sample 1');

  // W[1] (the first matrix) has one column per input, not per sample: not clickable.
  await expect(numeric.locator('.mtable').first()).not.toHaveAttribute('title', /Click a column/);
});
