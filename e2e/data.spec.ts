import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { occupancyAvailable, occupancyMissingMessage, occupancyPath, occupancyRequired } from '../src/data/testing/occupancyFiles';

/**
 * The data panel as a user drives it: the page opens with a built-in set; uploading the Occupancy
 * training file and then its test file shows the summary; a bad file shows the alert and leaves
 * the loaded data in place.
 */

const summary = (page: Page) => page.getByTestId('dataset-summary');
const toggle = (page: Page, column: string) => page.locator(`[data-testid="feature-toggle"][data-column="${column.replace(/["\\]/g, '\\$&')}"]`);

/** Skips visibly without the Occupancy files, or fails when REQUIRE_OCCUPANCY=1. */
function needOccupancy(): void {
  if (occupancyAvailable()) return;
  const message = occupancyMissingMessage();
  if (occupancyRequired()) throw new Error(message);
  console.warn(`[skipped] ${message}`);
  test.skip(true, message);
}

function tempFile(name: string, content: string | Buffer): string {
  const dir = join(tmpdir(), 'backprop-lab-e2e');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

test('the page opens with a built-in dataset already loaded', async ({ page }) => {
  await page.goto('/');
  await expect(summary(page)).toHaveText(/^400 rows · 2 features · target class \(2 classes\)/);
  await expect(page.getByTestId('dataset-select')).toHaveValue('builtin:two-moons');
  await page.getByTestId('dataset-select').selectOption('builtin:blobs');
  await expect(summary(page)).toContainText('450 rows · 2 features · target class (3 classes) · split 360 train / 90 test');
  await page.getByTestId('split-slider').fill('60');
  await expect(summary(page)).toContainText('split 270 train / 180 test');
  await page.getByTestId('normalization-select').selectOption('minmax');
  await expect(page.getByTestId('normalization-select')).toHaveValue('minmax');
  await page.getByTestId('dataset-select').selectOption('builtin:curve');
  await expect(summary(page)).toContainText('target y (regression)');
});

test('upload datatraining.txt, then datatest.txt as the test file; a bad file changes nothing', async ({ page }) => {
  needOccupancy();
  await page.goto('/');
  await expect(summary(page)).toContainText('rows');

  await page.getByTestId('csv-upload').setInputFiles(occupancyPath('datatraining.txt'));
  await expect(summary(page)).toContainText('8143 rows · 5 features · target Occupancy (2 classes)');
  await expect(page.getByTestId('target-select')).toHaveValue('Occupancy');
  await expect(toggle(page, 'Light')).toBeChecked();
  await expect(toggle(page, 'date')).not.toBeChecked();
  await expect(toggle(page, '(row)')).not.toBeChecked();
  await expect(page.getByTestId('data-notice')).toContainText('row number');

  await page.getByTestId('test-csv-upload').setInputFiles(occupancyPath('datatest.txt'));
  await expect(summary(page)).toHaveText('8143 rows · 5 features · target Occupancy (2 classes) · test file datatest.txt (2665 rows)');
  await expect(page.getByTestId('split-slider')).toBeDisabled();

  // A feature can be unticked and ticked again.
  await toggle(page, 'CO2').uncheck();
  await expect(summary(page)).toContainText('8143 rows · 4 features');
  await toggle(page, 'CO2').check();
  await expect(summary(page)).toContainText('8143 rows · 5 features');

  const ragged = tempFile('ragged.csv', 'x,y,label\n1,2,0\n3,4\n');
  await page.getByTestId('csv-upload').setInputFiles(ragged);
  const banner = page.getByTestId('error-banner');
  await expect(banner).toBeVisible();
  await expect(banner).toHaveAttribute('role', 'alert');
  await expect(banner).toContainText('"ragged.csv" was not loaded.');
  await expect(banner).toContainText('Line 3 has 2 fields');
  await expect(summary(page)).toContainText('8143 rows · 5 features · target Occupancy (2 classes) · test file datatest.txt');

  await page.getByTestId('csv-upload').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.from([0x89, 0x50, 0x4e, 0x47, 13, 10, 26, 10, 0, 0]) });
  await expect(banner).toContainText('PNG image');
  await expect(summary(page)).toContainText('8143 rows');
});

test('column names holding HTML or LaTeX are shown literally, never run', async ({ page }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  await page.goto('/');
  const evil = '<img src=x onerror=alert(1)>';
  const latex = '$\\frac{a}{b}$';
  const csv = `"${evil}","${latex}",label\n1,2,0\n2,3,1\n4,1,0\n5,2,1\n3,3,0\n`;
  await page.getByTestId('csv-upload').setInputFiles({ name: 'markup.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  await expect(summary(page)).toContainText('5 rows · 2 features');
  await expect(toggle(page, evil)).toBeChecked();
  await expect(page.locator('.data-panel')).toContainText(evil);
  await expect(page.locator('.data-panel')).toContainText(latex);
  await expect(page.locator('.data-panel img')).toHaveCount(0);
  await expect(page.locator('img[src="x"]')).toHaveCount(0);
  expect(dialogs).toEqual([]);
});

test('a 200,000-row file loads off the main thread; a file above 50 MB is refused', async ({ page }) => {
  await page.goto('/');
  const lines = ['a,b,c,d,e,label'];
  for (let i = 0; i < 200_000; i++) lines.push(`${(i * 0.37) % 100},${(i * 7) % 13},${i % 97},${(i * 0.011) % 5},${(i * 31) % 1000},${i % 2}`);
  await page.getByTestId('csv-upload').setInputFiles(tempFile('big.csv', lines.join('\n')));
  await expect(summary(page)).toContainText('200000 rows · 5 features', { timeout: 20_000 });

  const huge = tempFile('huge.csv', Buffer.alloc(51 * 1024 * 1024, 0x31));
  await page.getByTestId('csv-upload').setInputFiles(huge);
  await expect(page.getByTestId('error-banner')).toContainText('loads files up to 50 MB');
  await expect(summary(page)).toContainText('200000 rows');
});

test('a CSV dropped on the upload area loads like a chosen one', async ({ page }) => {
  await page.goto('/');
  await expect(summary(page)).toContainText('rows');
  const csv = 'Größe;Gewicht;Klasse\n1,72;65,5;A\n1,80;80;B\n1,65;58,25;A\n1,90;90;B\n1,70;62;A\n';
  // What the browser does on a drop: a drop event whose DataTransfer holds the file.
  const prevented = await page.evaluate((text) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([text], 'semicolons.csv', { type: 'text/csv' }));
    const zone = document.querySelector('[data-testid="csv-upload"]')?.closest('.file-drop');
    const drop = new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true });
    zone?.dispatchEvent(drop);
    return drop.defaultPrevented;
  }, csv);
  expect(prevented).toBe(true);
  await expect(summary(page)).toContainText('5 rows · 2 features · target Klasse (2 classes)');
  await expect(page.getByTestId('dataset-select')).toHaveValue('file:semicolons.csv');
});
