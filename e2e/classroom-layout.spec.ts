import { expect, test, type Page } from '@playwright/test';
import { openLab, stepUntil } from './support';

/**
 * The measurable claims of the classroom layout, at a projector's 1280×720 and 1024×768, a 1920×1080
 * screen and a 390×844 phone: labels ≥ 12 px and the current numbers ≥ 14 px; the current equation's
 * box not overflowing sideways at 1280×720; neurons that never overlap, even at 16 and 32 a layer;
 * a transport that does not move while stepping.
 */

/** Font sizes in CSS px of every element matching `selector` that has text of its own. */
const fontSizes = (page: Page, selector: string) =>
  page.locator(selector).evaluateAll((els) =>
    els.filter((e) => (e.textContent ?? '').trim() !== '').map((e) => parseFloat(getComputedStyle(e).fontSize)),
  );

/** Sets hidden layer 1 to n neurons by typing into its field (Enter commits). */
async function setLayerSize(page: Page, n: number): Promise<void> {
  const field = page.getByTestId('layer-size-0');
  await field.fill(String(n));
  await field.press('Enter');
  await expect(page.getByTestId('network-diagram').locator('g.nodes[data-layer="1"] g.node')).toHaveCount(n);
}

/** The smallest distance between two neuron centres minus two radii (negative: they overlap), in CSS px. */
const minimumGap = (page: Page) =>
  page.getByTestId('network-diagram').evaluate((svg) => {
    const circles = Array.from(svg.querySelectorAll('g.node circle.fill')).map((c) => {
      const r = c.getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2, r: r.width / 2 };
    });
    let gap = Infinity;
    for (let i = 0; i < circles.length; i++) {
      for (let j = i + 1; j < circles.length; j++) {
        const a = circles[i];
        const b = circles[j];
        gap = Math.min(gap, Math.hypot(a.x - b.x, a.y - b.y) - a.r - b.r);
      }
    }
    return { gap, radius: Math.min(...circles.map((c) => c.r)) };
  });

for (const [width, height] of [[1280, 720], [1920, 1080], [1024, 768], [390, 844]]) {
  test.describe(`at ${width}×${height}`, () => {
    test.use({ viewport: { width, height } });

    test('labels ≥ 12 px, the current numbers ≥ 14 px, the current equation fits its box', async ({ page }) => {
      await openLab(page);
      await stepUntil(page, 'forward-Z-2');
      const labels = await fontSizes(page, '[data-testid="network-diagram"] :is(.node-label, .layer-caption, .node text), .diagram-legend p, .ramp-row, .metric-label, .counter, .eq-note');
      expect(labels.length).toBeGreaterThan(10);
      expect(Math.min(...labels)).toBeGreaterThanOrEqual(12);
      const numbers = await fontSizes(page, '[data-testid="current-numeric"] .katex');
      expect(numbers.length).toBeGreaterThan(0);
      expect(Math.min(...numbers)).toBeGreaterThanOrEqual(14);
      if (width === 1280) {
        const box = page.getByTestId('current-equation');
        const { scroll, client } = await box.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
        expect(scroll).toBeLessThanOrEqual(client);
        // The numbers of this equation (W·A + b = Z) wrap to the box instead of scrolling.
        const numeric = await page.getByTestId('current-numeric').evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
        expect(numeric.scroll).toBeLessThanOrEqual(numeric.client + 1);
      }
    });

    test('neurons never overlap, at 8, 16 and 32 a layer', async ({ page }) => {
      await openLab(page);
      for (const n of [8, 16, 32]) {
        if (n !== 8) await setLayerSize(page, n);
        const { gap, radius } = await minimumGap(page);
        expect(gap, `${n} neurons`).toBeGreaterThan(0);
        // Never the ~4 px rings of old: big enough to carry their value.
        expect(radius, `${n} neurons`).toBeGreaterThanOrEqual(10);
      }
    });

    test('the transport does not move while stepping 12 equations', async ({ page }) => {
      await openLab(page);
      const transport = page.getByRole('toolbar', { name: 'Training controls' });
      const boxes: string[] = [];
      for (let k = 0; k < 12; k++) {
        await page.getByTestId('step-equation').click();
        await expect(page.getByTestId('current-equation')).toHaveCount(1);
        const b = await transport.boundingBox();
        boxes.push(b ? `${b.x},${b.y},${b.width},${b.height}` : 'none');
      }
      expect(new Set(boxes).size, boxes.join(' | ')).toBe(1);
    });
  });
}
