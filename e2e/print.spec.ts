import { expect, test, type Page } from '@playwright/test';
import { openLab, stepUntil } from './support';

/**
 * Printing the current step as a handout: in print media the controls are hidden; the diagram, the counters and
 * every equation of the batch are shown, nothing wider than A4's printable width (210 − 2·12 mm = 186 mm ≈ 703 CSS
 * px); Chromium's print to PDF gives A4 pages. Normal and presenter mode print the same handout.
 */

/** A4's printable width at 96 CSS px per inch with print.css's 12 mm margins. */
const PRINTABLE_PX = Math.floor((186 / 25.4) * 96);

async function expectHandout(page: Page, maxPages = 3): Promise<void> {
  await page.setViewportSize({ width: PRINTABLE_PX, height: 1000 });
  await page.emulateMedia({ media: 'print' });
  for (const id of ['step-equation', 'dataset-select', 'presenter-toggle', 'sample-picker', 'expand-matrices', 'keys-button']) {
    await expect(page.getByTestId(id), id).toBeHidden();
  }
  await expect(page.getByRole('toolbar', { name: 'Training controls' })).toBeHidden();
  await expect(page.getByTestId('loss-chart')).toBeHidden();
  expect(await page.locator('button:visible').count(), 'visible buttons (the equations’ own symbols aside)').toBe(await page.locator('button.eq-symbolic:visible').count());

  const diagram = page.getByTestId('network-diagram');
  await expect(diagram).toBeVisible();
  const d = await diagram.boundingBox();
  expect(d && d.width > PRINTABLE_PX * 0.6 && d.height > 150, `diagram ${JSON.stringify(d)}`).toBe(true);
  await expect(page.getByTestId('network-diagram').locator('g.node')).toHaveCount(19);
  await expect(page.getByTestId('diagram-legend')).toBeVisible();
  await expect(page.getByTestId('batch-counter')).toBeVisible();

  // Every equation of the batch, the current one with its numbers.
  const equations = page.locator('.equation-panel li.equation');
  const total = await equations.count();
  expect(total).toBeGreaterThan(20);
  for (let k = 0; k < total; k++) await expect(equations.nth(k)).toBeVisible();
  await expect(page.getByTestId('current-numeric')).toBeVisible();
  // Every equation computed so far prints its numbers (the future ones, not yet computed, their symbols only).
  const printed = await equations.evaluateAll((items) => items.map((li) => ({
    future: li.classList.contains('future'),
    numbers: (li.querySelector('.eq-numeric .katex-html')?.textContent ?? '').match(/\d\.\d+/g)?.length ?? 0,
  })));
  const computed = printed.filter((p) => !p.future);
  expect(computed.length).toBeGreaterThan(0);
  expect(computed.filter((p) => p.numbers === 0).length, 'computed equations printed without numbers').toBe(0);
  expect(printed.filter((p) => p.future && p.numbers > 0).length, 'future equations with numbers').toBe(0);

  // Nothing wider than the printable width: no sideways overflow, no box past the right edge.
  const wide = await page.evaluate((limit) => {
    const out: string[] = [];
    if (document.documentElement.scrollWidth > limit) out.push(`page ${document.documentElement.scrollWidth}`);
    for (const el of Array.from(document.querySelectorAll('body *'))) {
      const r = el.getBoundingClientRect();
      if (r.width === 0 || r.height === 0 || getComputedStyle(el).visibility === 'hidden') continue;
      if (el.closest('.visually-hidden')) continue;
      // KaTeX draws stretchy symbols as wide SVGs clipped by their span (overflow: hidden): only the span shows.
      const svg = el.closest('.katex svg');
      if (svg?.parentElement && getComputedStyle(svg.parentElement).overflow === 'hidden') continue;
      if (r.left < -1 || r.right > limit + 1) out.push(`${el.tagName}.${(el.getAttribute('class') ?? '').split(' ')[0]} ${Math.round(r.left)}–${Math.round(r.right)}`);
    }
    return out.slice(0, 10);
  }, PRINTABLE_PX);
  expect(wide, 'elements wider than A4').toEqual([]);

  const pdf = await page.pdf({ format: 'A4' });
  expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
  // One MediaBox per page, each A4 in PDF points (595.3 × 841.9; Chromium writes 595.92 × 842.88): a few pages.
  const boxes = Array.from(pdf.toString('latin1').matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g), (b) => [Number(b[1]), Number(b[2])]);
  expect(boxes.length).toBeGreaterThanOrEqual(1);
  expect(boxes.length, 'pages of the handout').toBeLessThanOrEqual(maxPages);
  // Chromium writes one page object per sheet, besides the /Pages tree.
  expect((pdf.toString('latin1').match(/\/Type\s*\/Page\b/g) ?? []).length).toBe(boxes.length);
  for (const [w, h] of boxes) {
    expect(Math.abs(w - 595.3)).toBeLessThan(2);
    expect(Math.abs(h - 841.9)).toBeLessThan(2);
  }
}

test('print media: the current step as an A4 handout, without controls', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openLab(page);
  await stepUntil(page, 'forward-Z-2');
  await expectHandout(page);
});

test('print media at the end of a batch: every equation with its numbers, on three A4 pages; the screen shows one again after', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openLab(page);
  await stepUntil(page, 'update-b-3');
  await expect(page.locator('.eq-numeric:not(.eq-ahead)')).toHaveCount(1);
  await expectHandout(page);
  await expect(page.locator('.equation-panel li.equation.future')).toHaveCount(0);
  await expect(page.locator('.eq-numeric:not(.eq-ahead)')).toHaveCount(await page.locator('.equation-panel li.equation').count());
  // Back on screen: only the current equation draws its numbers (the screen's cost is unchanged).
  await page.emulateMedia({ media: 'screen' });
  await expect(page.locator('.eq-numeric:not(.eq-ahead)')).toHaveCount(1);
});

test('print media in presenter mode: the same handout, every equation back', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 720 });
  await openLab(page);
  await stepUntil(page, 'loss');
  await page.locator('h1').first().click();
  await page.keyboard.press('f');
  await expect(page.locator('.presenter-bar')).toBeVisible();
  await expectHandout(page);
});
