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

test('in dW[3] = (1/m)·dZ[3]·A[2]ᵀ the 37th sample’s column of dZ and its row of A[2]ᵀ are both outlined, with the record’s numbers', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openLab(page);
  await stepUntil(page, 'forward-Z-1');
  await page.getByTestId('sample-picker').locator('input').fill(String(SAMPLE));
  await stepUntil(page, 'backward-dW-3');
  await expect(page.getByTestId('diagram-legend')).toContainText(`of sample ${SAMPLE}`);
  // dZ[3] (1 × 50), the first matrix: its column of the sample.
  const { index } = await pickedColumn(page, 0);
  expect(index).toBe(3);

  // A[2]ᵀ (50 × 8), the second: rows 1 2 ⋯ 37 ⋯ 50, so the sample is the fourth visible row, every cell of it marked.
  const numeric = page.getByTestId('current-numeric');
  const table = numeric.locator('.mtable.row-pick');
  await expect(table).toHaveCount(1);
  await expect(numeric.locator('.mtable').nth(1)).toHaveClass(/row-pick/);
  const row = await table.evaluate((t) => {
    const cols = Array.from(t.children).filter((c) => c.matches('.col-align-c, .col-align-l, .col-align-r'));
    return cols.map((c) => {
      const cells = Array.from(c.querySelector('.vlist')?.children ?? []);
      return { at: cells.findIndex((cell) => cell.classList.contains('row-picked')), text: (cells.find((cell) => cell.classList.contains('row-picked'))?.textContent ?? '').trim() };
    });
  });
  expect(row.map((c) => c.at), 'the marked cell of each column').toEqual(row.map(() => 3));
  await page.getByTestId('expand-matrices').click();
  const full = await dialogColumn(page, 'A[2]', SAMPLE - 1);
  await page.keyboard.press('Escape');
  expect(full).toHaveLength(8);
  expect(row.map((c) => plain(c.text))).toEqual([...full.slice(0, 3), '⋯', ...full.slice(-2)]);

  // One outline around the whole row: it holds every cell of the row and no cell of another row.
  const { holds, strays, outline } = await table.evaluate((t) => {
    const box = t.querySelector(':scope > .row-outline')?.getBoundingClientRect();
    const cells = Array.from(t.querySelectorAll('.vlist > *')).map((c) => ({ picked: c.classList.contains('row-picked'), r: (c.lastElementChild ?? c).getBoundingClientRect() })).filter((c) => c.r.width > 0);
    const within = (r: DOMRect) => !!box && r.left >= box.left - 1 && r.right <= box.right + 1 && r.top >= box.top - 1 && r.bottom <= box.bottom + 1;
    const centre = (r: DOMRect) => !!box && r.top + r.height / 2 > box.top && r.top + r.height / 2 < box.bottom;
    return { holds: cells.filter((c) => c.picked).every((c) => within(c.r)), strays: cells.filter((c) => !c.picked && centre(c.r)).length, outline: box ? { w: box.width, h: box.height } : null };
  });
  expect(outline && outline.w > 40 && outline.h > 8, JSON.stringify(outline)).toBe(true);
  expect(holds, 'the outline holds the row’s cells').toBe(true);
  expect(strays, 'cells of other rows inside the outline').toBe(0);
  await expect(table.locator('.row-outline')).toBeVisible();
});
