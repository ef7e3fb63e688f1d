import { existsSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { openLab } from './support';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const occupancyDir = process.env.OCCUPANCY_DIR ?? resolve(repo, '../shared/data/occupancy');
const trainingFile = resolve(occupancyDir, 'datatraining.txt');
const otherFile = resolve(occupancyDir, 'datatest.txt');

/** Steps until the counters read epoch `epoch`, batch `batch` and the current equation is number `equation` (1-based). */
async function stepTo(page: Page, epoch: number, batch: number, equation: number): Promise<void> {
  await page.getByTestId('step-epoch').click();
  await expect(page.getByTestId('epoch-counter')).toHaveText('epoch 1');
  for (let b = 0; b < batch - 1; b++) await page.getByTestId('step-batch').click();
  await expect(page.getByTestId('batch-counter')).toHaveText(new RegExp(`^batch ${batch - 1} /`));
  await expect(page.getByTestId('epoch-counter')).toHaveText(`epoch ${epoch}`);
  for (let k = 0; k < equation; k++) await page.getByTestId('step-equation').click();
  await expect(page.getByTestId('batch-counter')).toHaveText(new RegExp(`^batch ${batch} /`));
}

/** The current equation's id, its numbers as drawn and every number of its full matrices (CSV). */
async function currentNumbers(page: Page): Promise<{ id: string | null; counters: string; numeric: string; full: string }> {
  const current = page.getByTestId('current-equation');
  const id = await current.getAttribute('data-equation-id');
  const counters = (await page.locator('.counters').textContent()) ?? '';
  const numeric = (await page.getByTestId('current-numeric').textContent()) ?? '';
  await page.getByTestId('expand-matrices').click();
  const dialog = page.getByTestId('matrix-dialog');
  await expect(dialog).toBeVisible();
  const full = (await dialog.locator('table').allTextContents()).join('\n');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  return { id, counters, numeric, full };
}

/**
 * The current equation of `page` is `before`'s with the same numbers. Its numbers and counters are
 * waited for first (a loaded machine may paint the restored position a frame before they are typeset).
 */
async function expectSameNumbers(page: Page, before: Awaited<ReturnType<typeof currentNumbers>>): Promise<void> {
  await expect(page.getByTestId('current-equation')).toHaveAttribute('data-equation-id', before.id ?? '');
  await expect(page.getByTestId('current-numeric')).toHaveText(before.numeric);
  await expect(page.locator('.counters')).toHaveText(before.counters);
  expect(await currentNumbers(page)).toEqual(before);
}

async function shareLink(page: Page): Promise<string> {
  await page.getByTestId('share-link').click();
  const text = page.getByTestId('share-link-text');
  await expect(text).toBeVisible();
  return text.inputValue();
}

async function freshPage(browser: Browser): Promise<Page> {
  const context = await browser.newContext();
  return context.newPage();
}

test('a share link of a built-in set reopens at epoch 2, batch 5, equation 7 with identical numbers', async ({ page, browser }) => {
  await openLab(page);
  await page.getByTestId('dataset-select').selectOption('builtin:blobs');
  await stepTo(page, 2, 5, 7);
  const before = await currentNumbers(page);
  expect(before.counters).toContain('epoch 2');
  const url = await shareLink(page);
  expect(url).toContain('#lab&v=1');

  const other = await freshPage(browser);
  await other.goto(url);
  await expect(other.getByTestId('current-equation')).toHaveAttribute('data-equation-id', before.id ?? '');
  await expectSameNumbers(other, before);
  // The link leaves the address bar once opened, so a reload resumes rather than rewinds.
  expect(new URL(other.url()).hash).toBe('');
  await other.context().close();
});

test('a malformed or future-version link opens the default lab with a notice', async ({ page }) => {
  await page.goto('/#lab&v=99&data.source=builtin:xor');
  await expect(page.getByTestId('lab-notice')).toContainText('newer Backprop Lab');
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 0 \//);
  await page.goto('/#lab&v=1&schedule=%3Cscript%3E');
  await page.reload();
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 0 \//);
});

test('reload keeps the position; Start fresh forgets it; Undo after Reset restores it', async ({ page }) => {
  await openLab(page);
  await page.getByTestId('step-epoch').click();
  await page.getByTestId('step-equation').click();
  await page.getByTestId('step-equation').click();
  const before = await currentNumbers(page);
  await page.waitForTimeout(600); // the state is saved 300 ms after the last change
  await page.reload();
  await expect(page.getByTestId('current-equation')).toHaveAttribute('data-equation-id', before.id ?? '');
  await expectSameNumbers(page, before);

  await page.getByTestId('reset').click();
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 0 \//);
  await page.getByTestId('undo').click();
  await expectSameNumbers(page, before);
  await page.getByTestId('reset').click();
  await page.keyboard.press('Control+z');
  await expectSameNumbers(page, before);

  await page.getByTestId('start-fresh').click();
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 0 \//);
  await page.waitForTimeout(600);
  await page.reload();
  await expect(page.getByTestId('batch-counter')).toHaveText(/batch 0 \//);
});

test.describe('Occupancy', () => {
  const present = existsSync(trainingFile) && existsSync(otherFile);
  const required = process.env.REQUIRE_OCCUPANCY === '1';
  test.skip(!present && !required, `Occupancy data not found at ${occupancyDir} (set OCCUPANCY_DIR); skipped`);

  test('a link asks for the file, refuses another one, and checks the right one by hash', async ({ page, browser }) => {
    expect(present, `REQUIRE_OCCUPANCY=1 but ${trainingFile} is missing`).toBe(true);
    await openLab(page);
    await page.getByTestId('csv-upload').setInputFiles(trainingFile);
    await expect(page.getByTestId('dataset-summary')).toContainText('8143 rows');
    await page.getByTestId('learning-rate').fill('-1.5');
    await stepTo(page, 2, 5, 7);
    const before = await currentNumbers(page);
    const url = await shareLink(page);

    const other = await freshPage(browser);
    await other.goto(url);
    await expect(other.getByTestId('pending-file')).toContainText('datatraining.txt (8,143 rows)');
    await other.getByTestId('pending-file-upload').setInputFiles(otherFile);
    await expect(other.getByTestId('pending-file-error')).toHaveText(/^This link was made with datatraining\.txt, 8,143 rows; this file differs/);
    await other.getByTestId('pending-file-upload').setInputFiles(trainingFile);
    await expect(other.getByTestId('pending-file')).toBeHidden();
    await expect(other.getByTestId('current-equation')).toHaveAttribute('data-equation-id', before.id ?? '');
    await expectSameNumbers(other, before);
    await other.context().close();
  });

  test('a lesson with the data embedded opens in a new browser with identical numbers', async ({ page, browser }) => {
    await openLab(page);
    await page.getByTestId('csv-upload').setInputFiles(trainingFile);
    await expect(page.getByTestId('dataset-summary')).toContainText('8143 rows');
    await stepTo(page, 2, 5, 7);
    const before = await currentNumbers(page);
    await page.getByTestId('lesson-menu').click();
    await page.getByTestId('lesson-title').fill('Week 3: the chain rule');
    await page.getByTestId('lesson-notes').fill('Stop at dZ[1].');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('save-lesson').click()]);
    const path = await download.path();
    const lesson = JSON.parse(readFileSync(path, 'utf8'));
    expect(lesson.format).toBe('backprop-lab-lesson');
    expect(lesson.files.training.name).toBe('datatraining.txt');

    const other = await freshPage(browser);
    await openLab(other);
    await other.getByTestId('open-lesson').setInputFiles(path);
    await expect(other.getByTestId('lesson-banner')).toContainText('Week 3: the chain rule');
    await expect(other.getByTestId('current-equation')).toHaveAttribute('data-equation-id', before.id ?? '', { timeout: 30_000 });
    await expectSameNumbers(other, before);

    await other.getByTestId('open-lesson').setInputFiles({ name: 'bad.lesson.json', mimeType: 'application/json', buffer: Buffer.from('{"format":"backprop-lab-lesson","version":7}') });
    await expect(other.getByTestId('lab-notice')).toContainText('newer Backprop Lab');
    await expectSameNumbers(other, before);
    await other.context().close();
  });
});
