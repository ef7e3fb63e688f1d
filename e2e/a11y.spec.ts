import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { openLab, stepUntil } from './support';

/**
 * axe-core, injected by Playwright (the app's CSP stays as it is), finds no violation of any impact
 * against WCAG 2.2 A/AA and axe's best practices: on opening, in each phase of a step, with each
 * dialog open, and on a phone.
 */
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/** Runs axe on the page and returns "rule-id (impact): n nodes · first target" lines, for a readable failure. */
async function violations(page: Page, where: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const lines = result.violations.map((v) => `${where}: ${v.id} (${v.impact}) ×${v.nodes.length} · ${v.nodes[0]?.target.join(' ')} · ${v.help}`);
  if (process.env.AXE_LOG) console.log(lines.join('\n'));
  return lines;
}

test.describe('axe on a 1280×720 projector', () => {
  test.use({ viewport: { width: 1280, height: 720 } });

  test('the opening page', async ({ page }) => {
    await openLab(page);
    expect(await violations(page, 'opening')).toEqual([]);
  });

  for (const phase of ['forward', 'loss', 'backward', 'update']) {
    test(`after stepping into the ${phase} phase`, async ({ page }) => {
      await openLab(page);
      await stepUntil(page, phase);
      await expect(page.getByTestId('current-equation')).toHaveAttribute('data-equation-id', new RegExp(`^${phase}`));
      expect(await violations(page, phase)).toEqual([]);
    });
  }

  test('with the full matrices open', async ({ page }) => {
    await openLab(page);
    await stepUntil(page, 'forward');
    await page.getByTestId('expand-matrices').click();
    await expect(page.getByTestId('matrix-dialog')).toBeVisible();
    expect(await violations(page, 'matrix dialog')).toEqual([]);
  });

  test('with the keys help open', async ({ page }) => {
    await openLab(page);
    await page.getByTestId('keys-button').click();
    await expect(page.getByTestId('keyboard-help')).toBeVisible();
    expect(await violations(page, 'keys help')).toEqual([]);
  });
});

test.describe('axe on a 390×844 phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the page after a few steps', async ({ page }) => {
    await openLab(page);
    await stepUntil(page, 'forward');
    expect(await violations(page, 'phone')).toEqual([]);
  });
});
