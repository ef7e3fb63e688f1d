import { expect, test } from '@playwright/test';
import { openLab } from './support';

/**
 * A classroom whose network goes away: after one visit to the served build, the service worker has
 * cached the app shell, so the lab reloads, reads a CSV (its worker too comes from the cache) and
 * trains with the browser offline.
 */

test('after one visit the installed app reloads and trains with the network off', async ({ page, context }) => {
  await openLab(page);
  // The worker has cached the shell once it is active; clients.claim() then makes it control the page.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 30_000 });
  const manifest = await page.locator('link[rel="manifest"]').getAttribute('href');
  expect(manifest).toBe('./manifest.webmanifest');

  await context.setOffline(true);
  // Offline for real: a file the worker did not cache cannot be fetched.
  const uncached = await page.evaluate(() => fetch(`./not-cached-${Date.now()}.txt`).then(() => 'fetched', () => 'failed'));
  expect(uncached).toBe('failed');

  const navigation = await page.reload();
  expect(navigation?.fromServiceWorker()).toBe(true);
  await expect(page.getByRole('heading', { name: 'Backprop Lab' })).toBeVisible();
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 0 \/ \d+/);

  // A CSV goes through the CSV worker, whose script is served from the cache as well.
  const rows = ['x1,x2,label'];
  for (let i = 0; i < 200; i++) {
    const x1 = Math.cos(i * 0.7) * (1 + (i % 5) / 10);
    const x2 = Math.sin(i * 1.3);
    rows.push(`${x1.toFixed(4)},${x2.toFixed(4)},${x1 + x2 > 0 ? 'yes' : 'no'}`);
  }
  await page.getByTestId('csv-upload').setInputFiles({ name: 'offline.csv', mimeType: 'text/csv', buffer: Buffer.from(rows.join('\n')) });
  await expect(page.getByTestId('dataset-summary')).toContainText('200 rows · 2 features · target label (2 classes)');

  await page.getByTestId('step-epoch').click();
  await expect(page.getByTestId('epoch-counter')).toHaveText('epoch 1');
  await expect(page.getByTestId('metrics-when')).toContainText('after epoch 1');
  await page.getByTestId('step-equation').click();
  await expect(page.getByTestId('current-equation').locator('.katex').first()).toBeVisible();
  await context.setOffline(false);
});
