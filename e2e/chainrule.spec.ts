import { expect, test, type Page } from '@playwright/test';
import { openLab, stepUntil } from './support';

/**
 * The chain rule of one weight: in the backward pass a student selects an edge (mouse or keyboard)
 * and reads its gradient as the batch sum, the followed sample's δ as paths, and the update.
 * Parameters are selected with the diagram's keyboard focus (one tab stop, arrows, Enter).
 */

/**
 * Selects W[l]_{j,k} (k = 'bias': b[l]_j) with the diagram's roving focus: the tab stop starts on neuron 1 of
 * layer 1; → and ↓ move to layer l, neuron j; Enter goes into its incoming weights, ↓ to k (End: the bias); Enter picks.
 */
async function selectParameter(page: Page, l: number, j: number, k: number | 'bias'): Promise<void> {
  await page.getByTestId('network-diagram').locator('[data-focus-key="n-1-0"]').focus();
  for (let step = 1; step < l; step++) await page.keyboard.press('ArrowRight');
  for (let step = 0; step < j; step++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  if (k === 'bias') await page.keyboard.press('End');
  else for (let step = 0; step < k; step++) await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
}

test('select an edge in the backward pass: its sum is the dW entry on screen', async ({ page }) => {
  await openLab(page);
  await stepUntil(page, 'backward-dW-1');
  await selectParameter(page, 1, 0, 0);
  const panel = page.getByTestId('chain-rule');
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('weight w1,1 of layer 1');

  // The followed sample's term is the one highlighted.
  const followed = await page.getByTestId('sample-picker').locator('input').inputValue();
  await expect(panel.getByTestId('chain-rule-followed')).toHaveCount(1);
  await expect(panel.getByTestId('chain-rule-followed').locator('th')).toContainText(followed);

  // The sum's value is entry (1, 1) of dW[1], the last operand of the equation on screen.
  const value = Number(await panel.getByTestId('chain-rule-sum').getAttribute('data-value'));
  expect(Number.isFinite(value)).toBe(true);
  await page.getByTestId('current-equation').getByTestId('expand-matrices').click();
  const dialog = page.getByTestId('matrix-dialog');
  const dW11 = dialog.locator('table').last().locator('tbody tr').first().locator('td').first();
  expect(Number(await dW11.getAttribute('title'))).toBe(value);
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Default network n0-8-8-1: δ of a layer-1 neuron goes back through the 8 neurons of layer 2.
  await expect(panel.getByTestId('chain-rule-path-count')).toHaveAttribute('data-count', '8');
  await expect(panel.getByTestId('chain-rule-paths').locator('li')).toHaveCount(8);
  await expect(panel.getByTestId('chain-rule-delta')).toContainText('dZ[1] entry (1, sample');
  await expect(panel.getByTestId('chain-rule-update')).toContainText('new w =');

  await panel.getByTestId('chain-rule-close').click();
  await expect(panel).toBeHidden();
});

test('the keyboard selects an edge and a bias, Escape closes the panel', async ({ page }) => {
  await openLab(page);
  await stepUntil(page, 'backward-');
  await selectParameter(page, 2, 1, 3);
  const panel = page.getByTestId('chain-rule');
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('weight w2,4 of layer 2: from neuron 4 of layer 1 to neuron 2');
  await expect(panel.getByTestId('chain-rule-close')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  await selectParameter(page, 3, 0, 'bias');
  await expect(panel).toContainText('bias b1 of layer 3');
  // The output neuron of sigmoid + bce: one path, whose factor is a − y.
  await expect(panel.getByTestId('chain-rule-path-count')).toHaveAttribute('data-count', '1');
  await expect(panel).toContainText('a − y');
});
