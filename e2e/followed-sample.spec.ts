import { expect, test, type Locator, type Page } from '@playwright/test';
import { openLab, stepUntil } from './support';

/**
 * Following a late sample (the 37th of 50): its column is among the visible ones of every per-sample matrix of
 * the current equation, outlined, with the record's own numbers (read back from the full-matrix dialog), in the
 * normal layout and in presenter mode; clicking a column of a matrix drawn around it follows the right sample.
 */

const SAMPLE = 37;

/** KaTeX's text of a number ("−1.23×10−5") in formatPlain's spelling ("-1.23e-5"). */
const plain = (s: string) => s.replace(/\u2212/g, '-').replace(/×10/, 'e').trim();

/** The entries of one KaTeX column, top to bottom (⋮ for a row ellipsis). */
const columnEntries = (column: Locator) =>
  column.evaluate((col) => {
    const list = col.querySelector('.vlist');
    return list ? Array.from(list.children).map((row) => (row.textContent ?? '').trim()).filter((t) => t !== '') : [];
  });

/** Column `j` (0-based) of operand `name` in the open full-matrix dialog, one text per row. */
async function dialogColumn(page: Page, name: string, j: number): Promise<string[]> {
  const section = page.getByTestId('matrix-dialog').locator(`section.operand[aria-label="${name}"]`);
  await expect(section).toHaveCount(1);
  return section.locator('tbody tr').evaluateAll((rows, col) => rows.map((tr) => (tr.querySelectorAll('td')[col]?.textContent ?? '').trim()), j);
}

/** The outlined column of matrix `k` of the current numbers: its entries, as they must read in the dialog's rows. */
async function pickedColumn(page: Page, k: number): Promise<{ index: number; entries: string[] }> {
  const table = page.getByTestId('current-numeric').locator('.mtable').nth(k);
  const columns = table.locator(':scope > .col-align-c, :scope > .col-align-l, :scope > .col-align-r');
  const classes = await columns.evaluateAll((cols) => cols.map((c) => c.classList.contains('column-picked')));
  expect(classes.filter(Boolean), 'one outlined column').toHaveLength(1);
  const index = classes.indexOf(true);
  return { index, entries: (await columnEntries(columns.nth(index))).map(plain) };
}

/** Compares the outlined column of matrix `k` with column SAMPLE of `name` in the dialog (the rows a cut matrix shows). */
async function expectFollowedColumn(page: Page, k: number, name: string): Promise<void> {
  const { index, entries } = await pickedColumn(page, k);
  // 1 2 ⋯ 37 ⋯ 50: the followed sample is the fourth visible column, never an ellipsis.
  expect(index).toBe(3);
  await page.getByTestId('expand-matrices').click();
  const full = await dialogColumn(page, name, SAMPLE - 1);
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('matrix-dialog')).toHaveCount(0);
  expect(full.length).toBeGreaterThan(0);
  // A cut column (more than 6 rows) shows rows 1–3, ⋮, the last 2.
  const expected = full.length > 6 ? [...full.slice(0, 3), '⋮', ...full.slice(-2)] : full;
  expect(entries, `${name}, sample ${SAMPLE}`).toEqual(expected);
}

test('the 37th of 50 samples is visible, outlined and exact in every per-sample matrix, also in presenter mode', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openLab(page);
  await stepUntil(page, 'forward-Z-1');
  const picker = page.getByTestId('sample-picker').locator('input');
  await expect(picker).toHaveAttribute('max', '50');
  await picker.fill(String(SAMPLE));
  await expect(page.getByTestId('diagram-legend')).toContainText(`of sample ${SAMPLE}`);

  // Z[1] = W[1]·A[0] + b[1]: A[0] (the second matrix) and Z[1] (the fourth) have a column per sample.
  await expectFollowedColumn(page, 1, 'A[0]');
  await expectFollowedColumn(page, 3, 'Z[1]');

  // A[1] = tanh(Z[1]): both matrices.
  await page.getByTestId('step-equation').click();
  await expect(page.getByTestId('current-equation')).toHaveAttribute('data-equation-id', 'forward-A-1');
  await expectFollowedColumn(page, 0, 'Z[1]');
  await expectFollowedColumn(page, 1, 'A[1]');

  // Clicking a column of a matrix drawn around sample 37 follows the sample shown there: the last is 50, the
  // second 2, and then the drawing moves back to the default cut (2 is one of its columns).
  const last = page.getByTestId('current-numeric').locator('.mtable').nth(1).locator(':scope > .col-align-c');
  await last.nth(5).click();
  await expect(picker).toHaveValue('50');
  await last.nth(1).click();
  await expect(picker).toHaveValue('2');
  await expect(last.nth(1)).toHaveClass(/column-picked/);
  await picker.fill(String(SAMPLE));
  await expect(last.nth(3)).toHaveClass(/column-picked/);

  // Presenter mode draws the same numbers large: the followed column is still there, with the same entries.
  await page.locator('h1').first().click();
  await page.keyboard.press('f');
  await expect(page.locator('.presenter-bar')).toBeVisible();
  await page.getByTestId('step-equation').click();
  await expect(page.getByTestId('current-equation')).toHaveAttribute('data-equation-id', 'forward-Z-2');
  await expectFollowedColumn(page, 1, 'A[1]');
  await expectFollowedColumn(page, 3, 'Z[2]');
  const box = page.getByTestId('current-numeric');
  const picked = box.locator('.column-picked').first();
  // Seen, not scrolled away: the outlined column lies inside the numbers' box.
  const [b, p] = await Promise.all([box.boundingBox(), picked.boundingBox()]);
  expect(b && p && p.x >= b.x - 1 && p.x + p.width <= b.x + b.width + 1).toBe(true);
});
