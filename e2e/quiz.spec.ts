import { expect, test, type Page } from '@playwright/test';
import { openLab } from './support';

/**
 * Predict, then reveal: with the quiz on (data-testid="quiz-toggle") and the forward pass chosen
 * (data-testid="quiz-phases", options forward | backward | all), stepping to an equation first asks
 * for one of its entries in data-testid="quiz-card". The student types a number and presses Enter.
 */

const g: Record<string, (z: number) => number> = {
  sigmoid: (z) => 1 / (1 + Math.exp(-z)),
  tanh: Math.tanh,
  relu: (z) => Math.max(0, z),
  leakyRelu: (z) => (z > 0 ? z : 0.01 * z),
  linear: (z) => z,
};

/** Presses "Step equation" until a quiz card whose question id starts with `prefix` is shown; skips other cards. */
async function stepToQuestion(page: Page, prefix: string, limit = 20): Promise<void> {
  const card = page.getByTestId('quiz-card');
  for (let k = 0; k < limit; k++) {
    if (await card.isVisible()) {
      if ((await card.getAttribute('data-question'))?.startsWith(prefix)) return;
      await card.getByRole('button', { name: 'Skip' }).click();
      await expect(card).toBeHidden();
    }
    await page.getByTestId('step-equation').click();
  }
  throw new Error(`no quiz question ${prefix}… within ${limit} steps`);
}

test('answer a question wrong, then one right: the worked computation and the score', async ({ page }) => {
  await openLab(page);
  await page.getByTestId('quiz-toggle').click();
  await page.getByTestId('quiz-phases').selectOption('forward');

  await stepToQuestion(page, 'forward-Z-1');
  const card = page.getByTestId('quiz-card');
  await expect(card).toContainText('row');
  await expect(card.getByTestId('quiz-score')).toHaveText('Score: 0 / 0');
  const answer = card.getByTestId('quiz-answer');
  await expect(answer).toBeFocused();
  await page.keyboard.type('123456');
  await page.keyboard.press('Enter');
  const result = card.getByTestId('quiz-result');
  await expect(result).toHaveAttribute('data-right', 'false');
  await expect(result).toContainText('Not quite');
  await expect(result.locator('.katex').first()).toBeVisible();
  await expect(card.getByTestId('quiz-score')).toHaveText('Score: 0 / 1');
  await card.getByTestId('quiz-continue').click();
  await expect(card).toBeHidden();
  await expect(page.getByTestId('current-equation')).toHaveAttribute('data-equation-id', 'forward-Z-1');
  await expect(page.getByTestId('current-numeric')).toBeVisible();

  // a = g(z): the card names g and shows z, so the test computes the answer as a student would.
  await stepToQuestion(page, 'forward-A-');
  const prompt = await card.locator('.quiz-prompt').innerText();
  const activation = /\((sigmoid|tanh|relu|leakyRelu|linear)\)/.exec(prompt)![1];
  const z = Number(await card.locator('.quiz-operand dd').first().innerText());
  await card.getByTestId('quiz-answer').fill(g[activation](z).toPrecision(6));
  await card.getByTestId('quiz-answer').press('Enter');
  await expect(result).toHaveAttribute('data-right', 'true');
  await expect(result).toContainText('Right');
  await expect(card.getByTestId('quiz-score')).toHaveText('Score: 1 / 2');
});

test('the forward-only setting asks nothing in the backward pass', async ({ page }) => {
  await openLab(page);
  await page.getByTestId('quiz-toggle').click();
  await page.getByTestId('quiz-phases').selectOption('forward');
  const card = page.getByTestId('quiz-card');
  for (let k = 0; k < 60; k++) {
    if (await card.isVisible()) await card.getByRole('button', { name: 'Skip' }).click();
    const current = page.getByTestId('current-equation');
    const id = (await current.count()) > 0 ? await current.getAttribute('data-equation-id') : null;
    if (id?.startsWith('backward-')) break;
    await page.getByTestId('step-equation').click();
  }
  await expect(page.getByTestId('current-equation')).toHaveAttribute('data-equation-id', /^backward-/);
  for (let k = 0; k < 4; k++) {
    await page.getByTestId('step-equation').click();
    await expect(card).toBeHidden();
  }
});
