/**
 * `npx tsx bench/firstRender.ts [dist]` (or DIST=… for the build to load) after `npm run build` (part of npm run bench:play): the first
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
 * - typeset: the same, once KaTeX's output (class `katex`) is on the page and no Katex element still
 *   shows its plain reading (class `katex-pending`, src/ui/Katex.tsx): KaTeX is loaded after the
 *   first render, and the opening screen's only formulas are the gradient check's (below the fold);
 * - FCP (first-contentful-paint) and LCP (the last largest-contentful-paint entry within SETTLE_MS
 *   of the first render) from the Performance API.
 * - main-thread CPU to first render: the renderer main thread's own CPU time (Chrome trace, RunTask
 *   events' thread duration) from navigationStart to the first-render mark: what the page itself
 *   costs, which on a shared, loaded machine varies much less than the wall clock.
 * Prints the median and range (min–max) of each and the machine's load average before and after.
 * The target of issue 11: first render ≤ 600 ms, median of 10 cold loads.
 * FIRST_RENDER_PORT picks the port it serves on (default 0: any free one; COMPARE's build gets the next one).
 * COMPARE=/path/to/another/build alternates its loads with DIST's and prints both, then the differences
 * load by load (each COMPARE load minus the DIST load just before it), which a changing machine load
 * disturbs much less than two runs one after the other. TRACE_DIR=… also writes each
 * load's Chrome trace there (load-1.json, …; with the loading, V8 and paint categories, for a breakdown of
 * where the ms go; those categories cost a little time of their own).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { chromium, type Browser } from '@playwright/test';
import { serveDist } from './serve';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = resolve(ROOT, process.argv[2] ?? process.env.DIST ?? 'dist');
const LOADS = Number(process.env.LOADS ?? 10);
/** Time left after the first render for late KaTeX and the LCP to settle. */
const SETTLE_MS = 1500;
const TARGET_MS = 600;
const PORT = Number(process.env.FIRST_RENDER_PORT ?? 0);
const TRACE_DIR = process.env.TRACE_DIR;
/** Another build whose loads alternate with DIST's (COMPARE=/tmp/dist-before), for a before/after under the same load. */
const COMPARE = process.env.COMPARE ? resolve(ROOT, process.env.COMPARE) : undefined;
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing',
  ...(TRACE_DIR ? ['loading', 'v8', 'disabled-by-default-devtools.timeline.frame', 'toplevel', 'blink', 'cc', 'netlog', 'navigation', 'devtools.timeline.async', 'disabled-by-default-v8.cpu_profiler', 'disabled-by-default-v8.compile'] : [])];

/** Marks written by the init script into `window.__firstRender`. */
interface Marks { render?: number; typeset?: number; fcp?: number; lcp?: number; cpu?: number }

interface TraceEvent { name: string; ph: string; ts: number; tdur?: number; pid: number; tid: number; cat?: string }

/**
 * The main thread's CPU time (ms) from navigationStart to the `bench-render` mark of a Chrome trace:
 * the thread duration of its top-level tasks that start in that window (on the thread of the mark).
 */
function cpuToFirstRender(trace: Buffer): number | undefined {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mark = events.find((e) => e.name === 'bench-render');
  if (!mark) return undefined;
  const start = events.filter((e) => e.name === 'navigationStart' && e.pid === mark.pid && e.ts <= mark.ts).at(-1)?.ts ?? 0;
  return events
    .filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.pid === mark.pid && e.tid === mark.tid && e.ts >= start && e.ts <= mark.ts)
    .reduce((sum, e) => sum + (e.tdur ?? 0) / 1000, 0);
}

/** What the init script logs once both marks are in. */
const DONE = 'bench-first-render-marks';

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
  const typeset = () => opening() && document.querySelector('.katex') !== null && document.querySelector('.katex-pending') === null;
  // Once both marks are in, a console message tells the bench (a CDP event: nothing is injected into the page).
  const afterPaint = (key) => requestAnimationFrame(() => setTimeout(() => {
    marks[key] = performance.now();
    performance.mark('bench-' + key);
    if (marks.render !== undefined && marks.typeset !== undefined) console.debug(${JSON.stringify(DONE)});
  }, 0));
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

/** One cold load of `url`: the marks and, from the trace, the main thread's CPU to first render. */
async function coldLoad(browser: Browser, url: string, traceFile: string | null): Promise<Marks> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 720 }, serviceWorkers: 'block' });
  try {
    const page = await context.newPage();
    await page.addInitScript(INIT_SCRIPT);
    await browser.startTracing(page, { categories: CATEGORIES });
    // Waits for the init script's console message rather than polling with waitForFunction: that injects
    // Playwright's selector engine into the page, whose compile and polling took 20–40 ms of the page's
    // main thread before its first render (Chrome trace), a cost no user's load has.
    const done = page.waitForEvent('console', { predicate: (message) => message.text() === DONE, timeout: 30_000 });
    await page.goto(url, { waitUntil: 'commit' });
    await done;
    await page.waitForTimeout(SETTLE_MS);
    const marks = await page.evaluate(() => ({ ...(window as unknown as { __firstRender: Marks }).__firstRender }));
    const trace = await browser.stopTracing();
    if (traceFile) writeFileSync(traceFile, trace);
    return { ...marks, cpu: cpuToFirstRender(trace) };
  } finally {
    await context.close();
  }
}

const line = (label: string, values: (number | undefined)[]) => {
  const known = values.filter((v): v is number => v !== undefined);
  if (known.length === 0) return `  ${label.padEnd(16)} not reported`;
  return `  ${label.padEnd(16)} median ${median(known).toFixed(0).padStart(5)} ms   range ${Math.min(...known).toFixed(0)}–${Math.max(...known).toFixed(0)} ms` +
    (known.length < values.length ? `  (${known.length} of ${values.length} loads)` : '');
};

function report(dist: string, runs: Marks[]): void {
  const renderMedian = median(runs.map((r) => r.render ?? Infinity));
  console.log(`\nFirst render — ${dist.replace(`${ROOT}/`, '')}/ at 1280×720, ${runs.length} cold loads (new context each, no cache, no service worker), ms from navigation start`);
  console.log(line('first render', runs.map((r) => r.render)) + `   (${renderMedian <= TARGET_MS ? 'within' : 'over'} the ${TARGET_MS} ms target)`);
  console.log(line('KaTeX typeset', runs.map((r) => r.typeset)));
  console.log(line('FCP', runs.map((r) => r.fcp)));
  console.log(line('LCP', runs.map((r) => r.lcp)));
  console.log(line('main-thread CPU', runs.map((r) => r.cpu)) + '   (to first render)');
  console.log(`  each load: ${runs.map((r) => (r.render ?? NaN).toFixed(0)).join(' ')}`);
}

async function main() {
  const dists = [DIST, ...(COMPARE ? [COMPARE] : [])];
  for (const dist of dists) if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist}/index.html is missing: run \`npm run build\` first.`);
  if (TRACE_DIR) mkdirSync(TRACE_DIR, { recursive: true });
  const loadBefore = loadavg()[0];
  const servers = await Promise.all(dists.map((dist, k) => serveDist(dist, PORT === 0 ? 0 : PORT + k)));
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  const runs: Marks[][] = dists.map(() => []);
  try {
    // With COMPARE the two builds' loads alternate, so both see the same machine load.
    for (let i = 0; i < LOADS; i++) {
      for (let k = 0; k < dists.length; k++) {
        const traceFile = TRACE_DIR ? join(TRACE_DIR, `${dists.length > 1 ? `${'ab'[k]}-` : ''}load-${i + 1}.json`) : null;
        runs[k].push(await coldLoad(browser, servers[k].url, traceFile));
      }
    }
  } finally {
    await browser.close();
    for (const { server } of servers) server.close();
  }
  const loadAfter = loadavg()[0];
  dists.forEach((dist, k) => report(dist, runs[k]));
  if (COMPARE) {
    // Each load against the other build's load just before or after it: differences of pairs.
    const paired = (pick: (m: Marks) => number | undefined) =>
      runs[1].map((b, i) => { const x = pick(b); const y = pick(runs[0][i]); return x === undefined || y === undefined ? undefined : x - y; });
    console.log(`\n${COMPARE.replace(`${ROOT}/`, '')} minus ${DIST.replace(`${ROOT}/`, '')}, load by load`);
    console.log(line('first render', paired((m) => m.render)));
    console.log(line('main-thread CPU', paired((m) => m.cpu)));
  }
  console.log(`  machine load average ${loadBefore.toFixed(2)} before, ${loadAfter.toFixed(2)} after (1 min; 2 cores)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
