import { expect, test } from '@playwright/test';

test('the built app opens in Chromium and makes no request off this machine', async ({ page }) => {
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = new URL(request.url());
    if (url.hostname !== '127.0.0.1' && url.protocol !== 'data:' && url.protocol !== 'blob:') foreign.push(request.url());
  });
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Backprop Lab' })).toBeVisible();
  expect(foreign).toEqual([]);
});
