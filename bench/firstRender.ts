/**
 * `npx tsx bench/firstRender.ts [dist]` after `npm run build` (part of npm run bench:play): the first
 * render of the built app, in Debian's Chromium launched as bench/play.ts does, over LOADS cold loads
 * at 1280×720 (each in a new browser context: empty HTTP cache, no service worker, no storage).
 *
 * What is measured, in ms from navigation start (performance.timeOrigin), by a script the page runs
 * before its own (a MutationObserver on the document, so no Playwright round trip is in the figure):
 * - first render: the opening lab is in the DOM — the network diagram (data-testid network-diagram)
 *   with its nodes and the equation panel (data-testid equation-panel) with its first equation or
 *   its empty-list hint — and then the frame after it has been painted (the next
 *   requestAnimationFrame, then a setTimeout 0: the rAF callback runs before that frame's paint, the
 *   timeout after it);
 * - typeset: the same, once the equation panel and the diagram's labels show KaTeX's output (the
 *   `.katex` class), for KaTeX that may arrive after the first render (lazily loaded);
 * - FCP (first-contentful-paint) and LCP (the last largest-contentful-paint entry within SETTLE_MS
 *   of the first render) from the Performance API.
 * Prints the median and range (min–max) of each and the machine's load average before and after.
 * The target of issue 11: first render ≤ 600 ms, median of 10 cold loads.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { chromium } from '@playwright/test';
import { serveDist } from './serve';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = resolve(ROOT, process.argv[2] ?? 'dist');
const LOADS = Number(process.env.LOADS ?? 10);
/** Time left after the first render for late KaTeX and the LCP to settle. */
const SETTLE_MS = 1500;
const TARGET_MS = 600;

/** Marks written by the init script into `window.__firstRender`. */
interface Marks { render?: number; typeset?: number; fcp?: number; lcp?: number }

/**
 * Runs in the page before any of its scripts (as a string: tsx's helpers do not exist there). Watches
 * the DOM for the opening lab and stamps performance.now() after the frame that painted it.
 */
const INIT_SCRIPT = `(() => {
  const marks = (window.__firstRender = {});
  const opening = () => {
    const diagram = document.querySelector('[data-testid="network-diagram"]');
    const panel = document.querySelector('[data-testid="equation-panel"]');
    return !!diagram && diagram.querySelector('circle, rect, g') !== null && !!panel && panel.querySelector('li.equation, .empty') !== null;
  };
  const typeset = () => {
    const panel = document.querySelector('[data-testid="equation-panel"]');
    const hasMath = !!panel && panel.querySelector('li.equation') !== null;
    return opening() && (!hasMath || panel.querySelector('li.equation .katex') !== null);
  };
  const afterPaint = (key) => requestAnimationFrame(() => setTimeout(() => { marks[key] = performance.now(); }, 0));
  let seenRender = false, seenTypeset = false;
  const check = () => {
    if (!seenRender && opening()) { seenRender = true; afterPaint('render'); }
    if (!seenTypeset && typeset()) { seenTypeset = true; afterPaint('typeset'); }
    if (seenRender && seenTypeset) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { subtree: true, childList: true, attributes: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') marks.fcp = e.startTime;
  }).observe({ type: 'paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) marks.lcp = e.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
})();`;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

async function main() {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error(`${DIST}/index.html is missing: run \`npm run build\` first.`);
  const loadBefore = loadavg()[0];
  const { server, url } = await serveDist(DIST);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  const runs: Marks[] = [];
  try {
    for (let i = 0; i < LOADS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, serviceWorkers: 'block' });
      const page = await context.newPage();
      await page.addInitScript(INIT_SCRIPT);
      await page.goto(url, { waitUntil: 'commit' });
      await page.waitForFunction(() => {
        const m = (window as unknown as { __firstRender?: Marks }).__firstRender;
        return m?.render !== undefined && m.typeset !== undefined;
      }, undefined, { timeout: 30_000, polling: 50 });
      await page.waitForTimeout(SETTLE_MS);
      runs.push(await page.evaluate(() => ({ ...(window as unknown as { __firstRender: Marks }).__firstRender })));
      await context.close();
    }
  } finally {
    await browser.close();
    server.close();
  }
  const loadAfter = loadavg()[0];
  const line = (label: string, values: (number | undefined)[]) => {
    const known = values.filter((v): v is number => v !== undefined);
    if (known.length === 0) return `  ${label.padEnd(16)} not reported`;
    return `  ${label.padEnd(16)} median ${median(known).toFixed(0).padStart(5)} ms   range ${Math.min(...known).toFixed(0)}–${Math.max(...known).toFixed(0)} ms` +
      (known.length < values.length ? `  (${known.length} of ${values.length} loads)` : '');
  };
  const renderMedian = median(runs.map((r) => r.render ?? Infinity));
  console.log(`\nFirst render — ${DIST.replace(`${ROOT}/`, '')}/ at 1280×720, ${LOADS} cold loads (new context each, no cache, no service worker), ms from navigation start`);
  console.log(`  machine load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after (1 min; 2 cores)`);
  console.log(line('first render', runs.map((r) => r.render)) + `   (${renderMedian <= TARGET_MS ? 'within' : 'over'} the ${TARGET_MS} ms target)`);
  console.log(line('KaTeX typeset', runs.map((r) => r.typeset)));
  console.log(line('FCP', runs.map((r) => r.fcp)));
  console.log(line('LCP', runs.map((r) => r.lcp)));
  console.log(`  each load: ${runs.map((r) => (r.render ?? NaN).toFixed(0)).join(' ')}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
