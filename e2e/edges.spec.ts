import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test, type Page } from '@playwright/test';
import { REPO_ROOT } from '../src/data/testing/occupancyFiles';
import { openLab } from './support';

/** A large network's edges: on canvases (one per gap between layers), stroked in a worker, put on the page. */

/** Six hidden layers of 32 on two moons: 2·32 + 5·32·32 + 32 = 5,216 weights, drawn on canvases. */
async function sixLayersOf32(page: Page): Promise<void> {
  // The default network has two hidden layers; "add layer" copies the last one's width.
  for (const i of [0, 1]) {
    const field = page.getByTestId(`layer-size-${i}`);
    await field.fill('32');
    await field.press('Enter');
  }
  const add = page.getByTestId('hidden-layers').getByTestId('add-layer');
  for (let k = 0; k < 4; k++) await add.click();
  await expect(page.getByTestId('architecture')).toHaveText('2 – 32 – 32 – 32 – 32 – 32 – 32 – 1');
}

/** Per edge canvas: its backing store against its box in device pixels, how many pixels have ink, and a checksum. */
const canvases = (page: Page) => page.evaluate(() => [...document.querySelectorAll<HTMLCanvasElement>('canvas.edge-canvas')].map((canvas) => {
  const box = canvas.getBoundingClientRect();
  const { data } = canvas.getContext('2d')?.getImageData(0, 0, canvas.width, canvas.height) ?? { data: new Uint8ClampedArray(0) };
  let ink = 0;
  let sum = 0;
  for (let k = 0; k < data.length; k += 4) {
    if (data[k + 3] > 0) ink++;
    sum = (sum * 31 + data[k] + 7 * data[k + 1] + 13 * data[k + 2] + 17 * data[k + 3]) % 1_000_000_007;
  }
  return { full: Math.abs(canvas.width - box.width * devicePixelRatio) <= 1 && Math.abs(canvas.height - box.height * devicePixelRatio) <= 1, ink, sum };
}));

test('a 6×32 network draws its edges on canvases, painted through play and in full once paused', async ({ page }) => {
  await openLab(page);
  await sixLayersOf32(page);
  const diagram = page.getByTestId('network-diagram');
  await expect(diagram).toHaveAttribute('data-edges', 'canvas');
  await expect(page.locator('canvas.edge-canvas')).toHaveCount(7);
  // Every gap is painted, at the resolution it is shown at.
  await expect.poll(async () => (await canvases(page)).every((c) => c.full && c.ink > 100)).toBe(true);
  const before = await canvases(page);

  await page.getByTestId('speed-select').selectOption('max');
  await page.getByTestId('play').click();
  await expect(page.getByTestId('update-counter')).not.toHaveText('update 0');
  await page.waitForTimeout(1500);
  await page.getByTestId('play').click();
  await expect(page.getByTestId('play')).toHaveAttribute('aria-pressed', 'false');

  // Paused: drawn again in full, with the trained weights (another picture than before play), then still.
  await expect.poll(async () => (await canvases(page)).every((c) => c.full && c.ink > 100)).toBe(true);
  await page.waitForTimeout(500);
  const paused = await canvases(page);
  expect(paused.filter((c, k) => c.sum !== before[k].sum).length).toBeGreaterThanOrEqual(5);
  await page.waitForTimeout(500);
  expect(await canvases(page)).toEqual(paused);
});

test('the single file, opened from file://, strokes them in its inlined worker, with no policy violation', async ({ page, context }) => {
  const singleFile = resolve(REPO_ROOT, 'dist-single/backprop-lab.html');
  if (!existsSync(singleFile)) execFileSync('npx', ['vite', 'build', '--mode', 'single'], { cwd: REPO_ROOT, stdio: 'inherit' });
  await context.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  await page.goto(pathToFileURL(singleFile).href);
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 0 \/ \d+/);
  const worker = page.waitForEvent('worker');
  await sixLayersOf32(page);
  await worker;
  await expect(page.locator('canvas.edge-canvas')).toHaveCount(7);
  await expect.poll(async () => (await canvases(page)).every((c) => c.full && c.ink > 100)).toBe(true);
  expect(await page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations)).toEqual([]);
});
