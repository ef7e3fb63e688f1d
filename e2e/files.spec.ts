import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openLab } from './support';

/**
 * Odd files a classroom meets, uploaded as a student would: UTF-16 without a byte-order mark,
 * Excel's `sep=;` line, JSON records, thousands separators; and a number field that must not apply
 * the prefix of an entry that is out of range.
 */

const summary = (page: Page) => page.getByTestId('dataset-summary');
const toggle = (page: Page, column: string) => page.locator(`[data-testid="feature-toggle"][data-column="${column}"]`);

function tempFile(name: string, content: string | Buffer): string {
  const dir = join(tmpdir(), 'backprop-lab-e2e-files');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

test('a UTF-16 file without a byte-order mark is decoded, and the panel says how', async ({ page }) => {
  await openLab(page);
  const rows = Array.from({ length: 12 }, (_, i) => `${20 + (i % 5) * 0.5},${30 + ((i * 7) % 11)},${i % 2}`);
  const text = `Température,Humidité,Occupé\n${rows.join('\n')}\n`;
  await page.getByTestId('csv-upload').setInputFiles(tempFile('utf16.csv', Buffer.from(text, 'utf16le')));
  await expect(summary(page)).toContainText('12 rows · 2 features · target Occupé (2 classes)');
  await expect(toggle(page, 'Température')).toBeChecked();
  await expect(toggle(page, 'Humidité')).toBeChecked();
  await expect(page.getByTestId('data-encoding')).toHaveText('Text encoding: UTF-16 LE (no byte-order mark: recognised by its NUL bytes).');
  await expect(page.getByTestId('error-banner')).toHaveCount(0);
});

test('Excel’s sep=; first line sets the delimiter', async ({ page }) => {
  await openLab(page);
  const text = 'sep=;\r\nGröße;Gewicht;Klasse\r\n1,72;65,5;A\r\n1,80;80;B\r\n1,65;58,25;A\r\n1,91;90;B\r\n1,70;62;A\r\n';
  await page.getByTestId('csv-upload').setInputFiles(tempFile('excel.csv', text));
  await expect(summary(page)).toContainText('5 rows · 2 features · target Klasse (2 classes)');
  await expect(toggle(page, 'Größe')).toBeChecked();
  await expect(page.getByTestId('data-notice')).toContainText('The first line "sep=;" (Excel\'s delimiter line) was read as the delimiter');
});

test('a JSON array of records loads as a table; other JSON is called JSON', async ({ page }) => {
  await openLab(page);
  const records = Array.from({ length: 10 }, (_, i) => ({ x: (i * 3) % 7, y: i === 3 ? null : i * 0.5, label: i % 2 === 0 ? 'no' : 'yes' }));
  await page.getByTestId('csv-upload').setInputFiles(tempFile('records.json', JSON.stringify(records, null, 1)));
  await expect(summary(page)).toContainText('9 rows · 2 features · target label (2 classes)');
  await expect(toggle(page, 'x')).toBeChecked();
  await expect(page.getByTestId('data-notice')).toContainText('Read as JSON: an array of 10 records with 3 keys.');

  await page.getByTestId('csv-upload').setInputFiles(tempFile('settings.json', '{"rows": [1, 2, 3]}'));
  const banner = page.getByTestId('error-banner');
  await expect(banner).toContainText('"settings.json" is a JSON file, but an object, not an array');
  await expect(summary(page)).toContainText('9 rows');
});

test('thousands separators are read when clear, and a column that is not used says why', async ({ page }) => {
  await openLab(page);
  const rows = Array.from({ length: 10 }, (_, i) => `"${(1 + i).toString()},${String(100 + i * 37).padStart(3, '0')}.5","${i % 2 ? '1,234.5' : '1.234,5'}",${(i * 3) % 7},${i % 2}`);
  await page.getByTestId('csv-upload').setInputFiles(tempFile('prices.csv', `price,cost,qty,label\n${rows.join('\n')}\n`));
  await expect(summary(page)).toContainText('10 rows · 2 features');
  await expect(toggle(page, 'price')).toBeChecked();
  await expect(toggle(page, 'cost')).not.toBeChecked();
  const notice = page.getByTestId('data-notice');
  await expect(notice).toContainText('Column "price" has thousands separators ("1,100.5" on line 2): read as 1100.5');
  await expect(notice).toContainText('Column "cost" is not used as a number: it has text like "1.234,5" (line 2) that mixes two styles of thousands separators');
});

test('typing 6515 into a batch size of at most 6514 applies nothing, not even 651', async ({ page }) => {
  await openLab(page);
  // 8,143 rows as in Occupancy's training file: an 80 % split leaves 6,514 training rows.
  const rows = Array.from({ length: 8143 }, (_, i) => `${((i * 37) % 101) / 10},${((i * 53) % 97) / 10},${i % 2}`);
  await page.getByTestId('csv-upload').setInputFiles(tempFile('rows8143.csv', `a,b,label\n${rows.join('\n')}\n`));
  await expect(summary(page)).toContainText('split 6514 train / 1629 test');
  const batch = page.getByTestId('batch-size');
  await expect(batch).toHaveAttribute('max', '6514');
  await expect(page.getByTestId('batch-counter')).toHaveText('batch 0 / 131');

  await batch.fill('');
  await batch.pressSequentially('6515');
  await batch.blur();
  await expect(batch).toHaveValue('6515');
  await expect(page.getByTestId('batch-size-hint')).toHaveText('⚠ 1–6514');
  // 651, a valid prefix, would give ceil(6514 / 651) = 11 batches.
  await expect(page.getByTestId('batch-counter')).toHaveText('batch 0 / 131');

  for (const entry of ['99999999999', '1e9', '1e-9']) {
    await batch.fill(entry);
    await batch.press('Enter');
    await expect(page.getByTestId('batch-size-hint')).toBeVisible();
    await expect(page.getByTestId('batch-counter')).toHaveText('batch 0 / 131');
  }
  await batch.press('Escape');
  await expect(batch).toHaveValue('50');
  await expect(page.getByTestId('batch-size-hint')).toBeHidden();

  await batch.fill('6514');
  await batch.press('Enter');
  await expect(page.getByTestId('batch-counter')).toHaveText('batch 0 / 1');
});
