import { expect, test, type Page } from '@playwright/test';
import { openLab } from './support';

/**
 * A student with a keyboard only: choose a built-in set, change η and a layer, step, play and pause,
 * open and close the full matrices and the help, read a neuron's value. Focus is moved with the
 * keyboard or by focusing an element (never a click); every action is a key press.
 */

/** The element that has focus, as its data-testid or aria-label (what a screen reader would name). */
const focused = (page: Page) =>
  page.evaluate(() => {
    const e = document.activeElement;
    return e ? e.getAttribute('data-testid') ?? e.getAttribute('aria-label') ?? e.tagName : null;
  });

test('the whole lab without a mouse', async ({ page }) => {
  await openLab(page);
  const summary = page.getByTestId('dataset-summary');
  const before = await summary.textContent();

  // A built-in set: typing its first letters in the focused select picks it ("Three blobs").
  const select = page.getByTestId('dataset-select');
  await select.focus();
  await page.keyboard.type('Three');
  await expect(select).toHaveValue('builtin:blobs');
  await expect(summary).not.toHaveText(before ?? '');
  await expect(summary).toContainText('3 classes');
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 0 \//);

  // η: the slider owns ← and →.
  const eta = page.getByTestId('learning-rate-value');
  const etaBefore = await eta.textContent();
  await page.getByTestId('learning-rate').focus();
  await page.keyboard.press('ArrowRight');
  await expect(eta).not.toHaveText(etaBefore ?? '');
  await expect(page.getByTestId('current-equation')).toHaveCount(0);

  // A layer's size: type it, Enter commits.
  await page.getByTestId('layer-size-0').focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('6');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('architecture')).toContainText('6');
  await expect(page.getByTestId('network-diagram').locator('g.nodes[data-layer="1"] g.node')).toHaveCount(6);

  // Step: Space on a focused button presses that button; from no control → steps an equation.
  await page.getByTestId('step-equation').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('current-equation')).toHaveCount(1);
  const first = await page.getByTestId('current-equation').getAttribute('data-equation-id');
  await page.keyboard.press('Space');
  await expect(page.getByTestId('current-equation')).not.toHaveAttribute('data-equation-id', first ?? '');
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  const second = await page.getByTestId('current-equation').getAttribute('data-equation-id');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('current-equation')).not.toHaveAttribute('data-equation-id', second ?? '');

  // Space on a focused Reset resets (it used to step an equation instead).
  await page.getByTestId('reset').focus();
  await page.keyboard.press('Space');
  await expect(page.getByTestId('current-equation')).toHaveCount(0);
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 0 \//);

  // Play and pause with P.
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.keyboard.press('p');
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'true');
  await page.keyboard.press('p');
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');

  // The full matrices: Enter opens, Escape closes, focus goes back to the button.
  await page.keyboard.press('ArrowRight');
  const expand = page.getByTestId('expand-matrices');
  await expand.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('matrix-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('matrix-dialog')).toHaveCount(0);
  await expect(expand).toBeFocused();

  // The help: ? opens it, Tab stays inside, Escape closes it and focus returns.
  await page.keyboard.press('?');
  const help = page.getByTestId('keyboard-help');
  await expect(help).toBeVisible();
  for (let k = 0; k < 3; k++) {
    await page.keyboard.press('Tab');
    expect(await help.evaluate((h) => h.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press('Shift+Tab');
  expect(await help.evaluate((h) => h.contains(document.activeElement))).toBe(true);
  await page.keyboard.press('Escape');
  await expect(help).toHaveCount(0);
  await expect(expand).toBeFocused();
});

test('the diagram: one tab stop, arrows between neurons and into their weights, each read out with its value', async ({ page }) => {
  await openLab(page);
  // → until layer 1's activations are computed (forward-A-1), by key only.
  for (let k = 0; k < 10; k++) {
    const id = (await page.getByTestId('current-equation').count()) > 0 ? await page.getByTestId('current-equation').getAttribute('data-equation-id') : null;
    if (id === 'forward-A-1') break;
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('current-equation')).toHaveCount(1);
  }
  await expect(page.getByTestId('current-equation')).toHaveAttribute('data-equation-id', 'forward-A-1');
  const diagram = page.getByTestId('network-diagram');
  const stops = diagram.locator('[tabindex="0"]');
  await expect(stops).toHaveCount(1);
  await stops.focus();
  expect(await focused(page)).toMatch(/^-?[\d.e+-]+; hidden 1, neuron 1 of \d+: a [−-]?\d/);
  const equation = await page.getByTestId('current-equation').getAttribute('data-equation-id');

  await page.keyboard.press('ArrowDown');
  expect(await focused(page)).toMatch(/(^|; )hidden 1, neuron 2 of/);
  await page.keyboard.press('ArrowLeft');
  expect(await focused(page)).toMatch(/(^|; )input /);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  expect(await focused(page)).toMatch(/(^|; )(hidden 2|output)/);
  // The arrows moved the focus, not the lab.
  await expect(page.getByTestId('current-equation')).toHaveAttribute('data-equation-id', equation ?? '');

  // Into the incoming weights: Enter, then ↓ through them to the bias; each says its value.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('Enter');
  expect(await focused(page)).toMatch(/^weight W\[1\] row 2, column 1, from input .+: w [−-]?\d/);
  await page.keyboard.press('ArrowDown');
  expect(await focused(page)).toMatch(/^weight W\[1\] row 2, column 2/);
  await page.keyboard.press('End');
  expect(await focused(page)).toMatch(/^bias b\[1\] row 2 of hidden 1, neuron 2 of \d+: b [−-]?\d/);
  await page.keyboard.press('Escape');
  expect(await focused(page)).toMatch(/(^|; )hidden 1, neuron 2 of/);
  // Still one tab stop.
  await expect(stops).toHaveCount(1);
});

test('presenter mode with the keyboard alone: F enters, Tab reaches the transport, 2 and 1 switch panes, Esc leaves', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openLab(page);
  await page.keyboard.press('f');
  await expect(page.locator('.presenter-bar')).toBeVisible();
  // Step with the keyboard: → steps an equation from the page.
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 1 \//);
  // Tab reaches the transport's Step equation, and Space presses it.
  let reached = false;
  for (let k = 0; k < 40 && !reached; k++) {
    await page.keyboard.press('Tab');
    reached = await page.getByTestId('step-equation').evaluate((el) => el === document.activeElement);
  }
  expect(reached).toBe(true);
  const before = await page.getByTestId('current-equation').getAttribute('data-equation-id');
  await page.keyboard.press(' ');
  await expect(page.getByTestId('current-equation')).not.toHaveAttribute('data-equation-id', before ?? '');
  await page.keyboard.press('2');
  await expect(page.getByTestId('presenter-pane-charts')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('1');
  await expect(page.getByTestId('presenter-pane-step')).toHaveAttribute('aria-selected', 'true');
  await page.keyboard.press('Escape');
  await expect(page.locator('.presenter-bar')).toBeHidden();
});
