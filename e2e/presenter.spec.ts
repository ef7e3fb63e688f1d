import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openLab } from './support';

/** Presenter mode on a 1280×720 projector: the step pane is legible from the back row, the charts pane shows the curves. */
test.use({ viewport: { width: 1280, height: 720 } });

const px = (page: Page, selector: string) => page.locator(selector).first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize));

test('F enters presenter mode: the current equation fits at ≥ 24 px for every equation of a batch; 2 shows the charts; Esc leaves', async ({ page }) => {
  await openLab(page);
  await page.locator('h1').click();
  await page.keyboard.press('f');
  await expect(page.locator('.presenter-bar')).toBeVisible();
  await expect(page.getByTestId('presenter-toggle')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('dataset-select')).toBeHidden();
  await expect(page.getByTestId('network-diagram')).toBeVisible();
  await expect(page.getByTestId('step-equation')).toBeVisible();

  const fits: string[] = [];
  for (let k = 0; k < 40; k++) {
    await page.getByTestId('step-equation').click();
    const current = page.getByTestId('current-equation');
    const id = await current.getAttribute('data-equation-id');
    const numbers = page.getByTestId('current-numeric');
    // The numbers as drawn: KaTeX's own font size inside the box.
    expect(await numbers.locator('.katex').first().evaluate((el) => parseFloat(getComputedStyle(el).fontSize)), id ?? '').toBeGreaterThanOrEqual(24);
    const { scroll, client } = await numbers.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    if (scroll > client + 1) fits.push(`${id}: ${scroll} > ${client}`);
    if (id?.startsWith('update-b-3')) break;
  }
  expect(fits, 'current equations that scroll sideways').toEqual([]);
  expect(await px(page, '.counters')).toBeGreaterThanOrEqual(18);
  expect(await px(page, '.diagram-legend')).toBeGreaterThanOrEqual(18);
  expect(await px(page, '.presenter-bar button')).toBeGreaterThanOrEqual(18);

  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  expect(axe.violations.map((v) => `${v.id} ×${v.nodes.length} ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);

  await page.keyboard.press('2');
  await expect(page.getByTestId('presenter-pane-charts')).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByTestId('loss-chart')).toBeInViewport();
  await expect(page.getByTestId('network-diagram')).toBeHidden();
  await page.keyboard.press('1');
  await expect(page.getByTestId('network-diagram')).toBeVisible();

  await page.keyboard.press('Escape');
  await expect(page.locator('.presenter-bar')).toBeHidden();
  await expect(page.getByTestId('dataset-select')).toBeVisible();
});

/**
 * Every button and the speed of the transport, and the counters, lie inside the window and inside
 * every scrolling box around them (not clipped by a column that would need scrolling) while stepping
 * through a batch: the teacher's next click is always on screen.
 */
const offWindow = (page: Page) =>
  page.evaluate(() => {
    const out: string[] = [];
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('.deck .counters, .transport button, .transport select'))) {
      const r = el.getBoundingClientRect();
      let box = { top: 0, left: 0, bottom: innerHeight, right: innerWidth };
      for (let a = el.parentElement; a; a = a.parentElement) {
        const style = getComputedStyle(a);
        // A box that clips; not one drawn as its children alone (display: contents has no box to clip with).
        if ((style.overflowX === 'visible' && style.overflowY === 'visible') || style.display === 'contents') continue;
        const c = a.getBoundingClientRect();
        const top = c.top + a.clientTop;
        const left = c.left + a.clientLeft;
        box = { top: Math.max(box.top, top), left: Math.max(box.left, left), bottom: Math.min(box.bottom, top + a.clientHeight), right: Math.min(box.right, left + a.clientWidth) };
      }
      if (r.top < box.top - 0.5 || r.left < box.left - 0.5 || r.bottom > box.bottom + 0.5 || r.right > box.right + 0.5) {
        out.push(`${el.dataset.testid ?? el.className} ${Math.round(r.top)}–${Math.round(r.bottom)} outside ${Math.round(box.top)}–${Math.round(box.bottom)}`);
      }
    }
    return out;
  });

for (const [width, height] of [[1280, 720], [1024, 768], [1920, 1080]] as const) {
  test(`at ${width}×${height} the counters and the whole transport stay inside the window through a batch`, async ({ page }) => {
    await page.setViewportSize({ width, height });
    await openLab(page);
    await page.getByTestId('presenter-toggle').click();
    await expect(page.locator('.presenter-bar')).toBeVisible();
    for (let k = 0; k < 25; k++) {
      expect(await offWindow(page), `after ${k} steps`).toEqual([]);
      await page.getByTestId('step-equation').click();
    }
    expect(await offWindow(page)).toEqual([]);
  });
}
