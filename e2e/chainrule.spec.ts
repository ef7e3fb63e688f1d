import { expect, test } from '@playwright/test';
import { openLab, stepUntil } from './support';

/**
 * The chain rule of one weight: in the backward pass a student selects an edge (mouse or keyboard)
 * and reads its gradient as the batch sum, the followed sample's δ as paths, and the update.
 * The diagram provides, per weight, an element with data-testid="diagram-edge" and data-layer (l),
 * data-to (j, 0-based), data-from (k, 0-based), focusable, Enter selects; per bias
 * data-testid="diagram-bias" with data-layer and data-to.
 */

const edge = (l: number, j: number, k: number) => `[data-testid="diagram-edge"][data-layer="${l}"][data-to="${j}"][data-from="${k}"]`;

test('select an edge in the backward pass: its sum is the dW entry on screen', async ({ page }) => {
  await openLab(page);
  await stepUntil(page, 'backward-dW-1');
  await page.getByTestId('network-diagram').locator(edge(1, 0, 0)).click();
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
  const diagram = page.getByTestId('network-diagram');
  await diagram.locator(edge(2, 1, 3)).focus();
  await page.keyboard.press('Enter');
  const panel = page.getByTestId('chain-rule');
  await expect(panel).toBeVisible();
  await expect(panel).toContainText('weight w2,4 of layer 2: from neuron 4 of layer 1 to neuron 2');
  await expect(panel.getByTestId('chain-rule-close')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(panel).toBeHidden();

  await diagram.locator('[data-testid="diagram-bias"][data-layer="3"][data-to="0"]').focus();
  await page.keyboard.press('Enter');
  await expect(panel).toContainText('bias b1 of layer 3');
  // The output neuron of sigmoid + bce: one path, whose factor is a − y.
  await expect(panel.getByTestId('chain-rule-path-count')).toHaveAttribute('data-count', '1');
  await expect(panel).toContainText('a − y');
});
