import { expect, type Page } from '@playwright/test';

/** Opens the lab and waits until the first (built-in) dataset is loaded and nothing is trained yet. */
export async function openLab(page: Page): Promise<void> {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Backprop Lab' })).toBeVisible();
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 0 \/ \d+/);
}

/** Presses "Step equation" until the current equation's id starts with `prefix` (at most `limit` times). */
export async function stepUntil(page: Page, prefix: string, limit = 80): Promise<void> {
  for (let k = 0; k < limit; k++) {
    const current = page.getByTestId('current-equation');
    const id = (await current.count()) > 0 ? await current.getAttribute('data-equation-id') : null;
    if (id?.startsWith(prefix)) return;
    await page.getByTestId('step-equation').click();
  }
  throw new Error(`no equation ${prefix}… within ${limit} steps`);
}
