import { expect, test, type Page } from '@playwright/test';
import { openLab, stepUntil } from './support';

/**
 * The measurable claims of the classroom layout, at a projector's 1280×720 and 1024×768, a 1920×1080
 * screen, a 768×1024 tablet and a 390×844 phone: labels ≥ 12 px and the current numbers ≥ 14 px; the
 * current equation's box not overflowing sideways at 1280×720 and in presenter mode; neurons that never
 * overlap, even at 16 and 32 a layer, nor the diagram's texts (names, values, captions); the followed
 * sample's column visible; the diagram and the current equation seen together; a transport that does not
 * move while stepping.
 */

const SIZES = [[1280, 720], [1920, 1080], [1024, 768], [768, 1024], [390, 844]] as const;

/** Pairs of the diagram's texts (names, values in neurons, captions, the loss) whose boxes overlap, in CSS px. */
const textOverlaps = (page: Page) =>
  page.getByTestId('network-diagram').evaluate((svg) => {
    const boxes = Array.from(svg.querySelectorAll('text'))
      .filter((t) => (t.textContent ?? '').trim() !== '')
      .map((t) => ({ text: (t.textContent ?? '').trim(), r: t.getBoundingClientRect() }));
    const out: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const a = boxes[i].r;
        const b = boxes[j].r;
        const w = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const h = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (w > 0.5 && h > 0.5) out.push(`"${boxes[i].text}" × "${boxes[j].text}"`);
      }
    }
    return { count: boxes.length, overlaps: out };
  });

/** Follows sample `n` (1-based) with the sample picker. */
async function follow(page: Page, n: number): Promise<void> {
  await page.getByTestId('sample-picker').locator('input').fill(String(n));
  await expect(page.getByTestId('diagram-legend')).toContainText(`of sample ${n}`);
}

/**
 * The followed column of each per-sample matrix of the current numbers: one outlined column per such matrix,
 * each lying within the numbers' box sideways (seen, not scrolled away). Where the box must scroll sideways
 * (a phone), the result's (the last) column is the one kept in view.
 */
async function expectFollowedColumnsVisible(page: Page): Promise<void> {
  const numeric = page.getByTestId('current-numeric');
  const { pickable, picked, outside, lastOutside, scrolls } = await numeric.evaluate((box) => {
    const frame = box.getBoundingClientRect();
    const cols = Array.from(box.querySelectorAll('.mtable.column-pick > .column-picked'));
    const out = cols.map((c) => c.getBoundingClientRect()).map((r) => r.left < frame.left - 1 || r.right > frame.right + 1);
    return {
      pickable: box.querySelectorAll('.mtable.column-pick').length,
      picked: cols.length,
      outside: out.filter(Boolean).length,
      lastOutside: out[out.length - 1] ?? true,
      scrolls: box.scrollWidth > box.clientWidth + 1,
    };
  });
  expect(pickable).toBeGreaterThan(0);
  expect(picked, 'one outlined column per per-sample matrix').toBe(pickable);
  expect(lastOutside, 'the result’s outlined column scrolled out of the numbers’ box').toBe(false);
  if (!scrolls) expect(outside, 'outlined columns out of the numbers’ box').toBe(0);
}

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

/**
 * The values written inside neurons whose text box (getBoundingClientRect) does not lie within its
 * circle (every corner within the radius, ½ px of rounding), and how many values there are.
 */
const valuesOutsideRings = (page: Page) =>
  page.getByTestId('network-diagram').evaluate((svg) => {
    const out: string[] = [];
    let count = 0;
    for (const node of Array.from(svg.querySelectorAll('g.node'))) {
      const text = node.querySelector('text');
      const circle = node.querySelector('circle.fill');
      if (!text || !circle || (text.textContent ?? '').trim() === '') continue;
      count++;
      const c = circle.getBoundingClientRect();
      const t = text.getBoundingClientRect();
      const cx = c.x + c.width / 2;
      const cy = c.y + c.height / 2;
      const r = c.width / 2 + 0.5;
      const corners = [[t.left, t.top], [t.right, t.top], [t.left, t.bottom], [t.right, t.bottom]];
      if (corners.some(([x, y]) => Math.hypot(x - cx, y - cy) > r)) out.push(`"${text.textContent}" (${t.width.toFixed(1)}×${t.height.toFixed(1)} px in r ${(c.width / 2).toFixed(1)})`);
    }
    return { count, outside: out };
  });

for (const [width, height] of SIZES) {
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

    test('neurons never overlap, at 8, 16 and 32 a layer, nor do the diagram’s names, values and captions', async ({ page }) => {
      await openLab(page);
      // Values in every neuron (the forward pass of layer 2 is done): the inputs' names beside their values.
      await stepUntil(page, 'forward-Z-3');
      const texts = await textOverlaps(page);
      expect(texts.count).toBeGreaterThan(15);
      expect(texts.overlaps).toEqual([]);
      for (const n of [8, 16, 32]) {
        if (n !== 8) await setLayerSize(page, n);
        if (n === 16) expect((await textOverlaps(page)).overlaps, '16 neurons').toEqual([]);
        if (n !== 8) {
          // Each value inside its ring, not over its stroke (two significant digits, or fewer where the ring is small).
          await stepUntil(page, 'forward-Z-2');
          const values = await valuesOutsideRings(page);
          expect(values.count, `${n} neurons: values written`).toBeGreaterThan(n);
          expect(values.outside, `${n} neurons`).toEqual([]);
        }
        const { gap, radius } = await minimumGap(page);
        expect(gap, `${n} neurons`).toBeGreaterThan(0);
        // Never the ~4 px rings of old: big enough to carry their value.
        expect(radius, `${n} neurons`).toBeGreaterThanOrEqual(10);
      }
    });

    test('the followed 37th sample’s column is visible in the current numbers, normal and presenter', async ({ page }) => {
      await openLab(page);
      await stepUntil(page, 'forward-Z-1');
      await follow(page, 37);
      await expectFollowedColumnsVisible(page);
      await page.getByTestId('step-equation').click();
      await expectFollowedColumnsVisible(page);
      await page.locator('h1').first().click();
      await page.keyboard.press('f');
      await expect(page.locator('.presenter-bar')).toBeVisible();
      await page.getByTestId('step-equation').click();
      await expect(page.getByTestId('current-equation')).toHaveAttribute('data-equation-id', 'forward-Z-2');
      await expectFollowedColumnsVisible(page);
    });

    test('presenter mode: numbers ≥ 24 px and labels ≥ 18 px; the current equation fits its box; diagram and equation seen together', async ({ page }) => {
      await openLab(page);
      await stepUntil(page, 'forward-Z-2');
      await page.locator('h1').first().click();
      await page.keyboard.press('f');
      await expect(page.locator('.presenter-bar')).toBeVisible();
      const numbers = await fontSizes(page, '[data-testid="current-numeric"] .katex');
      const labels = await fontSizes(page, '.counters, .diagram-legend p, .presenter-bar button, [data-testid="network-diagram"] :is(.node-label, .layer-caption)');
      test.info().annotations.push({ type: 'font sizes', description: `presenter ${width}×${height}: numbers ${Math.min(...numbers)} px, labels ${Math.min(...labels)} px` });
      // ≥ 24 px on a 1280 px projector and wider and on a portrait tablet; 20 px side by side at 1024 px; a phone less.
      expect(Math.min(...numbers)).toBeGreaterThanOrEqual(width < 600 ? 16 : width > 900 && width <= 1200 ? 19.5 : 24);
      expect(Math.min(...labels)).toBeGreaterThanOrEqual(width < 600 ? 14 : 18);
      const values = await valuesOutsideRings(page);
      expect(values.count).toBeGreaterThan(8);
      expect(values.outside, 'values over their rings in presenter mode').toEqual([]);
      const equation = page.getByTestId('current-equation');
      // A phone cannot hold an 8×50 matrix at a presenter's size: there the numbers' own box scrolls sideways.
      for (const box of width < 600 ? [equation] : [equation, page.getByTestId('current-numeric')]) {
        const { scroll, client } = await box.evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
        expect(scroll, 'no sideways overflow').toBeLessThanOrEqual(client + 1);
      }
      await expect(page.getByTestId('network-diagram')).toBeInViewport();
      await expect(page.getByTestId('step-equation')).toBeInViewport({ ratio: 1 });
      // A phone's presenter mode is one scrolling column: the equation comes after the diagram and transport.
      if (width >= 600) await expect(equation.locator('.eq-symbolic')).toBeInViewport({ ratio: 1 });
    });

    test('the diagram and the current equation are seen together; the main cards do not overlap', async ({ page }) => {
      await openLab(page);
      await stepUntil(page, 'forward-A-1');
      // On a phone the page scrolls: bring the diagram to the top, as a student would.
      await page.locator('.diagram-frame').evaluate((e) => e.scrollIntoView({ block: 'start' }));
      await expect(page.getByTestId('network-diagram')).toBeInViewport({ ratio: 0.9 });
      const symbolic = page.getByTestId('current-equation').locator('.eq-symbolic');
      await expect(symbolic).toBeInViewport({ ratio: 1 });
      const cards = await page.evaluate(() => {
        const pick = (s: string) => document.querySelector(s)?.getBoundingClientRect() ?? null;
        return { diagram: pick('.diagram-frame'), deck: pick('.deck'), equations: pick('.col-right'), symbolic: pick('[data-testid="current-equation"] .eq-symbolic') };
      });
      const overlap = (a: DOMRect | null, b: DOMRect | null) =>
        !!a && !!b && Math.min(a.right, b.right) - Math.max(a.left, b.left) > 1 && Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top) > 1;
      expect(overlap(cards.diagram, cards.equations), 'diagram × equations').toBe(false);
      expect(overlap(cards.diagram, cards.deck), 'diagram × transport').toBe(false);
      // The phone's transport is fixed over the page: never over the current equation's line.
      expect(overlap(cards.deck, cards.symbolic), 'transport × current equation').toBe(false);
      if (width > 760) expect(overlap(cards.deck, cards.equations), 'transport × equations').toBe(false);
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

/** Every scrolled box of the page (the window included), as "selector: scrollTop"; empty when nothing is scrolled. */
/** The window and every box around the training card that has been scrolled (the equation list scrolls on its own, to its current equation). */
const scrolled = (page: Page) =>
  page.getByTestId('insight-panel-boundary').evaluate((panel) => {
    const boxes: string[] = window.scrollY !== 0 ? [`window: ${window.scrollY}`] : [];
    for (let e: Element | null = panel; e; e = e.parentElement) if (e.scrollTop !== 0) boxes.push(`${e.tagName}.${e.className}: ${e.scrollTop}`);
    return boxes;
  });

/** Whether the element's box lies wholly inside the window (1 px slack). */
const inside = (page: Page, testId: string) =>
  page.getByTestId(testId).evaluate((e) => {
    const r = e.getBoundingClientRect();
    return { box: `${Math.round(r.top)}–${Math.round(r.bottom)} × ${Math.round(r.left)}–${Math.round(r.right)}`, height: r.height, inside: r.top >= -1 && r.left >= -1 && r.bottom <= innerHeight + 1 && r.right <= innerWidth + 1 };
  });

test.describe('the training card at 1280×720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('the loss chart (≥ 160 px) and the decision boundary’s tab are in the window without scrolling anything', async ({ page }) => {
    await openLab(page);
    await page.getByTestId('step-epoch').click();
    await expect(page.getByTestId('update-counter')).not.toHaveText('update 0');
    const chart = await inside(page, 'loss-chart');
    expect(chart.inside, `loss chart ${chart.box}`).toBe(true);
    expect(chart.height).toBeGreaterThanOrEqual(160);
    for (const id of ['network-diagram', 'train-loss', 'test-accuracy', 'step-equation']) await expect(page.getByTestId(id), id).toBeInViewport({ ratio: 1 });

    // The boundary: one tab away, its whole panel in the window, the chart's panel hidden meanwhile.
    const tab = page.getByTestId('insight-tab-boundary');
    await expect(tab).toHaveAttribute('role', 'tab');
    await expect(tab).toHaveAttribute('aria-selected', 'false');
    await tab.click();
    await expect(tab).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('loss-chart')).toBeHidden();
    await expect(page.getByTestId('decision-boundary').locator('canvas')).toBeVisible();
    const panel = await inside(page, 'insight-panel-boundary');
    expect(panel.inside, `boundary panel ${panel.box}`).toBe(true);
    expect(await inside(page, 'decision-boundary').then((b) => b.inside)).toBe(true);
    expect(await scrolled(page), 'scrolled boxes').toEqual([]);
  });

  test('the card’s tabs are ARIA tabs: one tab stop, the arrows, Home and End select, the lab’s → does not step', async ({ page }) => {
    await openLab(page);
    await page.getByTestId('step-epoch').click();
    const tabs = page.getByRole('tablist', { name: 'Training charts' }).getByRole('tab');
    await expect(tabs).toHaveText(['Loss', 'Decision boundary', 'Confusion']);
    expect(await tabs.evaluateAll((els) => els.map((e) => e.getAttribute('tabindex')))).toEqual(['0', '-1', '-1']);
    const loss = page.getByTestId('insight-tab-loss');
    // Each tab names the panel it controls, which is labelled by it.
    const controls = await loss.getAttribute('aria-controls');
    await expect(page.locator(`[id="${controls}"]`)).toHaveAttribute('role', 'tabpanel');
    await expect(page.locator(`[id="${controls}"]`)).toHaveAttribute('aria-labelledby', (await loss.getAttribute('id')) ?? '');
    await loss.focus();
    const counter = await page.getByTestId('update-counter').textContent();
    const current = await page.getByTestId('current-equation').getAttribute('data-equation-id');
    await page.keyboard.press('ArrowRight');
    await expect(page.getByTestId('insight-tab-boundary')).toBeFocused();
    await expect(page.getByTestId('insight-tab-boundary')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('decision-boundary')).toBeVisible();
    await page.keyboard.press('End');
    await expect(page.getByTestId('insight-tab-confusion')).toBeFocused();
    await expect(page.getByTestId('confusion-matrix').first()).toBeVisible();
    await page.keyboard.press('ArrowRight');
    await expect(loss).toBeFocused();
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByTestId('insight-tab-confusion')).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Home');
    await expect(loss).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('loss-chart')).toBeVisible();
    expect(await tabs.evaluateAll((els) => els.map((e) => e.getAttribute('tabindex')))).toEqual(['0', '-1', '-1']);
    // The arrows were the tabs’: no equation stepped.
    await expect(page.getByTestId('update-counter')).toHaveText(counter ?? '');
    await expect(page.getByTestId('current-equation')).toHaveAttribute('data-equation-id', current ?? '');
  });
});

test.describe('the current equation in the list at 1280×720', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('every equation of a batch that is no taller than the list is seen whole; A[l] = tanh(Z[l]) is one of them', async ({ page }) => {
    await openLab(page);
    await page.getByTestId('step-equation').click();
    const count = await page.locator('.equation-scroll li').count();
    expect(count).toBeGreaterThan(20);
    const fitting: string[] = [];
    for (let k = 0; k < count; k++) {
      const current = page.getByTestId('current-equation');
      const id = (await current.getAttribute('data-equation-id')) ?? '';
      // The list re-scrolls in an effect after the step: measure once the current box has settled in it.
      await expect.poll(async () => current.evaluate((item) => {
        const list = item.closest('.equation-scroll')!.getBoundingClientRect();
        const r = item.getBoundingClientRect();
        // Taller than the list: its top is shown first, and it cannot lie within the list.
        if (r.height > list.height) return 'taller';
        return r.top >= list.top - 1 && r.bottom <= list.bottom + 1 ? 'inside' : `${Math.round(r.top)}–${Math.round(r.bottom)} outside ${Math.round(list.top)}–${Math.round(list.bottom)}`;
      }), id).toMatch(/^(inside|taller)$/);
      if ((await current.evaluate((item) => item.getBoundingClientRect().height <= item.closest('.equation-scroll')!.getBoundingClientRect().height))) fitting.push(id);
      if (k < count - 1) await page.getByTestId('step-equation').click();
    }
    // Once taller than the list (~100 px of empty strut between "tanh" and its two 8×50 matrices).
    expect(fitting).toEqual(expect.arrayContaining(['forward-A-1', 'forward-A-2']));
  });
});
