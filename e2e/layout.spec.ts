import { expect, test } from '@playwright/test';
import { openLab } from './support';

/**
 * What a teacher on a projector needs from the layout: everything for stepping in view at once,
 * readable labels, a page that never jumps while stepping, and a seed that waits for Enter.
 */

test.describe('on a 1280×800 projector', () => {
  test.use({ viewport: { width: 1280, height: 800 } });

  test('the diagram, counters, transport, metrics and loss chart are all in view, labels ≥ 12 px', async ({ page }) => {
    await openLab(page);
    await page.getByTestId('step-equation').click();
    for (const id of ['network-diagram', 'epoch-counter', 'batch-counter', 'step-equation', 'step-epoch', 'play', 'train-loss', 'test-accuracy', 'loss-chart']) {
      await expect(page.getByTestId(id), id).toBeInViewport({ ratio: 1 });
    }
    // The steps and play share one row.
    const tops = await Promise.all(['step-back', 'step-equation', 'step-batch', 'step-epoch', 'play'].map(async (id) => (await page.getByTestId(id).boundingBox())?.y));
    expect(new Set(tops.map((y) => Math.round(y ?? -1))).size).toBe(1);
    const sizes = await page.getByTestId('network-diagram').locator('.node-label, .layer-caption').evaluateAll((els) => els.map((e) => parseFloat(getComputedStyle(e).fontSize)));
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(12);
    expect(await page.evaluate(() => document.documentElement.scrollHeight)).toBeLessThanOrEqual(800);
  });
});

test.describe('on a 900 px wide screen', () => {
  test.use({ viewport: { width: 900, height: 800 } });

  test('stepping scrolls the equation list only, never the page', async ({ page }) => {
    await openLab(page);
    const list = page.locator('.equation-scroll');
    for (let k = 0; k < 14; k++) await page.getByTestId('step-equation').click();
    await expect(page.getByTestId('current-equation')).toBeInViewport();
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    expect(await list.evaluate((e) => e.scrollTop)).toBeGreaterThan(0);
  });
});

test('the seed applies on Enter, not while it is typed', async ({ page }) => {
  await openLab(page);
  await page.getByTestId('step-batch').click();
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 1 \//);
  const seed = page.getByTestId('seed-input');
  await seed.fill('');
  await seed.pressSequentially('123');
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 1 \//);
  await seed.press('Enter');
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 0 \//);
  await expect(seed).toHaveValue('123');
});
