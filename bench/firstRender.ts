/**
 * `npx tsx bench/firstRender.ts [dist]` (or DIST=… for the build to load) after `npm run build` (part of npm run bench:play): the first
 * render of the built app in Debian's Chromium (headless, software rendering), over LOADS cold loads at
 * 1280×720, each in a browser of its own with a new profile (empty HTTP cache, no service worker yet,
 * no storage).
 *
 * The browser is started directly, with no DevTools protocol attached (HARNESS=direct, the default):
 * Chrome traces from its start (--trace-startup), the bench's script is served with the page (a deferred
 * script before the app's own) and posts its marks back to the bench's server. An attached DevTools
 * client (Playwright) makes V8 record a detailed stack trace for every Error constructed: React DOM makes
 * one while its module initialises, which had V8 re-parse its whole module and the whole bundle for
 * their source positions, 100–250 ms of the page's main thread (Chrome trace, V8.CollectSourcePositions;
 * 0 ms for the same build without DevTools), a cost no user's load has. HARNESS=playwright loads the
 * page as this bench did before (a new context of one Playwright browser per load, service workers
 * blocked), for comparison. Each direct load first opens a blank page of the bench's server and goes on
 * to the app 1 s later (location.replace), so the browser's own start is over before the measured load.
 *
 * What is measured, in ms from navigation start (performance.timeOrigin), by a script the page runs
 * before its own (a MutationObserver on the document, so no round trip to the bench is in the figure):
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
 * load's Chrome trace there (load-1.json, …); TRACE_DETAIL=1 adds the loading, V8 compile, CPU-profile and
 * paint categories, for a finer breakdown (they cost time of their own, and change V8's compile), and
 * TRACE_CATEGORIES=a,b any others.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join, resolve } from 'node:path';
import { loadavg, tmpdir } from 'node:os';
import { chromium, type Browser } from '@playwright/test';
import { serveDist } from './serve';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = resolve(ROOT, process.argv[2] ?? process.env.DIST ?? 'dist');
const LOADS = Number(process.env.LOADS ?? 10);
/** Time left after the first render for late KaTeX and the LCP to settle. */
const SETTLE_MS = 1500;
const TARGET_MS = 600;
const PORT = Number(process.env.FIRST_RENDER_PORT ?? 0);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const HARNESS = process.env.HARNESS === 'playwright' ? 'playwright' : 'direct';
/** How long a direct load's browser traces from its start (the trace is written when this is over). */
const TRACE_SECONDS = Number(process.env.TRACE_SECONDS ?? 8);
/** Height of the frame around an --app window's page in headless Chromium 156 (the page is checked to be 1280×720). */
const APP_FRAME_PX = Number(process.env.APP_FRAME_PX ?? 56);
const BROWSER_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'];
const TRACE_DIR = process.env.TRACE_DIR;
/** Another build whose loads alternate with DIST's (COMPARE=/tmp/dist-before), for a before/after under the same load. */
const COMPARE = process.env.COMPARE ? resolve(ROOT, process.env.COMPARE) : undefined;
const CATEGORIES = ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing',
  ...(process.env.TRACE_DETAIL ? ['loading', 'v8', 'disabled-by-default-devtools.timeline.frame', 'toplevel', 'blink', 'cc', 'netlog', 'navigation', 'devtools.timeline.async', 'disabled-by-default-v8.cpu_profiler', 'disabled-by-default-v8.compile'] : []),
  ...(process.env.TRACE_CATEGORIES?.split(',') ?? [])];

/** Marks written by the init script into `window.__firstRender`, and what the trace adds. */
interface Marks { render?: number; typeset?: number; fcp?: number; lcp?: number; cpu?: number; phases?: Phase[] }

/** One stretch of the load: from the previous phase's end to `end` (ms from navigationStart), and the main thread's CPU in it. */
interface Phase { label: string; end: number; cpu: number }

interface TraceEvent {
  name: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; cat?: string;
  args?: { data?: { url?: string; requestId?: string } };
}

/**
 * From a Chrome trace: the main thread's CPU time (ms) from navigationStart to the `bench-render` mark
 * (the thread duration of its tasks that start in that window, on the thread of the mark), and the
 * load cut into phases at milestones: the navigation committed in the renderer; the opening scripts
 * fetched (the app's .js requests before its modules run); the modules evaluated (the entry's
 * evaluation, which waits for every script's parse); the longest task between that and the frame
 * that painted the opening screen (React's first render and commit of the lab); that frame (style,
 * layout, paint); the bench's mark.
 */
function readTrace(trace: Buffer): { cpu?: number; phases?: Phase[] } {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mark = events.find((e) => e.name === 'bench-render');
  if (!mark) return {};
  const start = events.filter((e) => e.name === 'navigationStart' && e.pid === mark.pid && e.ts <= mark.ts).at(-1)?.ts ?? 0;
  const ms = (ts: number) => (ts - start) / 1000;
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && e.pid === mark.pid && e.tid === mark.tid && e.ts >= start && e.ts <= mark.ts);
  const cpuIn = (from: number, to: number) => tasks.filter((e) => e.ts >= from && e.ts < to).reduce((sum, e) => sum + (e.tdur ?? 0) / 1000, 0);
  const cpu = cpuIn(start, mark.ts + 1);
  const end = (e: TraceEvent) => e.ts + (e.dur ?? 0);
  const inPage = (e: TraceEvent) => e.pid === mark.pid && e.ts >= start && e.ts <= mark.ts;
  const commit = events.find((e) => e.name === 'commitNavigationEnd' && inPage(e));
  // The app's module evaluation (the entry's, with the modules it imports: the longest), and the opening
  // scripts: the app's .js requests before it (not the bench's own script), fetched when the last one is.
  const evaluated = events.filter((e) => e.name === 'v8.evaluateModule' && inPage(e) && e.tid === mark.tid)
    .reduce<TraceEvent | null>((longest, e) => (!longest || (e.dur ?? 0) > (longest.dur ?? 0) ? e : longest), null);
  if (!commit || !evaluated) return { cpu };
  const scripts = new Set(events.filter((e) => e.name === 'ResourceSendRequest' && inPage(e) && e.ts < evaluated.ts && /\.js$/.test(e.args?.data?.url ?? '') && !e.args?.data?.url?.includes('/__bench/'))
    .map((e) => e.args?.data?.requestId));
  const fetched = events.filter((e) => e.name === 'ResourceFinish' && inPage(e) && scripts.has(e.args?.data?.requestId)).at(-1);
  if (!fetched) return { cpu };
  // The frame that painted the opening screen: the task of the last Paint before the mark; React's render
  // and commit: the longest task between the module's evaluation and that frame.
  const paint = events.filter((e) => e.name === 'Paint' && inPage(e) && e.tid === mark.tid && e.ts >= end(evaluated)).at(-1);
  const frame = paint && tasks.find((e) => e.ts <= paint.ts && end(e) >= end(paint));
  const render = tasks.filter((e) => e.ts >= end(evaluated) && (!frame || end(e) <= frame.ts))
    .reduce<TraceEvent | null>((longest, e) => (!longest || (e.dur ?? 0) > (longest.dur ?? 0) ? e : longest), null);
  if (!render) return { cpu };
  const milestones: [string, number][] = [
    ['navigation committed', commit.ts],
    ['opening scripts fetched (HTML parsed, CSS, JS)', end(fetched)],
    ['scripts parsed, modules evaluated', end(evaluated)],
    ["React's first render and commit", end(render)],
    ...(frame ? [['style, layout, paint of that frame', end(frame)] as [string, number]] : []),
    ['the mark (rAF, then a timeout)', mark.ts],
  ];
  let from = start;
  const phases = milestones.map(([label, to]) => {
    const phase = { label, end: ms(to), cpu: cpuIn(from, to) };
    from = to;
    return phase;
  });
  return { cpu, phases };
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

/** Where the direct harness's page script is served and posts its marks. */
const SCRIPT_PATH = '/__bench/first-render.js';
const MARKS_PATH = '/__bench/marks';
const WAIT_PATH = '/__bench/wait';

/** The page script of the direct harness: INIT_SCRIPT, then, SETTLE_MS after both marks, the marks posted to the bench. */
const DIRECT_SCRIPT = `${INIT_SCRIPT}
(() => {
  const post = () => fetch(${JSON.stringify(`.${MARKS_PATH}`)}, { method: 'POST', body: JSON.stringify({ ...window.__firstRender, width: innerWidth, height: innerHeight }) });
  const wait = () => (window.__firstRender.render !== undefined && window.__firstRender.typeset !== undefined ? setTimeout(post, ${SETTLE_MS}) : setTimeout(wait, 50));
  wait();
})();`;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** One cold load of `url` in a new context of `browser` (HARNESS=playwright): the marks and what the trace adds. */
async function playwrightLoad(browser: Browser, url: string, traceFile: string | null): Promise<Marks> {
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
    return { ...marks, ...readTrace(trace) };
  } finally {
    await context.close();
  }
}

/** Marks posted by the direct harness's page script, resolved in the order the loads ask for them. */
const posted: ((marks: Marks & { width: number; height: number }) => void)[] = [];

/** The bench's own paths beside the build: its page script, the marks it posts, the blank start page, and the app's page with the script in it. */
function benchRoutes(dist: string) {
  return (request: IncomingMessage, response: ServerResponse, path: string): boolean => {
    if (path === SCRIPT_PATH) {
      response.writeHead(200, { 'content-type': 'text/javascript' }).end(DIRECT_SCRIPT);
    } else if (path === MARKS_PATH && request.method === 'POST') {
      let body = '';
      request.on('data', (chunk: Buffer) => { body += chunk.toString('utf8'); });
      request.on('end', () => {
        response.writeHead(204).end();
        posted.shift()?.(JSON.parse(body) as Marks & { width: number; height: number });
      });
    } else if (path === WAIT_PATH) {
      response.writeHead(200, { 'content-type': 'text/html' }).end("<!doctype html><title>wait</title><script>setTimeout(() => location.replace('/'), 1000)</script>");
    } else if (path === '/' || path === '/index.html') {
      // The bench's script as a deferred classic script before the app's module script: it runs after the
      // page is parsed and before the app's code (deferred scripts run in document order), blocking nothing.
      const page = readFileSync(join(dist, 'index.html'), 'utf8');
      const withScript = page.replace(/<script type="module"/, `<script defer src=".${SCRIPT_PATH}"></script>\n    $&`);
      if (withScript === page) throw new Error(`${dist}/index.html has no module script to put the bench's script before`);
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(withScript);
    } else {
      return false;
    }
    return true;
  };
}

/**
 * One cold load of `url` in a browser of its own (HARNESS=direct): a new profile, no DevTools client,
 * tracing from its start; resolves once the page has posted its marks and the trace is written.
 */
async function directLoad(url: string, traceFile: string | null): Promise<Marks> {
  const profile = mkdtempSync(join(tmpdir(), 'first-render-'));
  const tracePath = join(profile, 'trace.json');
  const marks = new Promise<Marks & { width: number; height: number }>((done, fail) => {
    const timer = setTimeout(() => fail(new Error('no marks from the page within 30 s')), 30_000);
    posted.push((m) => { clearTimeout(timer); done(m); });
  });
  const browser = spawn(CHROMIUM, [
    '--headless', ...BROWSER_ARGS, '--no-first-run', '--no-default-browser-check', `--user-data-dir=${profile}`, `--window-size=1280,${720 + APP_FRAME_PX}`,
    `--trace-startup=${CATEGORIES.join(',')}`, `--trace-startup-format=json`, `--trace-startup-file=${tracePath}`, `--trace-startup-duration=${TRACE_SECONDS}`,
    `--app=${new URL(WAIT_PATH, url).href}`,
  ], { stdio: 'ignore', detached: true });
  try {
    const { width, height, ...rest } = await marks;
    if (width !== 1280 || height !== 720) throw new Error(`the page was ${width}×${height}, not 1280×720`);
    const trace = await writtenTrace(tracePath, TRACE_SECONDS * 1000 + 20_000);
    if (traceFile) writeFileSync(traceFile, trace);
    return { ...rest, ...readTrace(trace) };
  } finally {
    // The browser this load started (its process group), and its profile.
    if (browser.pid !== undefined) {
      try { process.kill(-browser.pid, 'SIGKILL'); } catch { /* already gone */ }
    }
    rmSync(profile, { recursive: true, force: true });
  }
}

/** The trace at `path` once Chrome has written all of it (it is whole JSON), or an error after `timeoutMs`. */
async function writtenTrace(path: string, timeoutMs: number): Promise<Buffer> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (existsSync(path)) {
      const trace = readFileSync(path);
      try {
        JSON.parse(trace.toString('utf8'));
        return trace;
      } catch { /* still being written */ }
    }
    if (Date.now() > until) throw new Error(`no whole trace at ${path} within ${timeoutMs} ms`);
    await new Promise((done) => setTimeout(done, 250));
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
  const how = HARNESS === 'direct' ? 'a new browser and profile each, no DevTools attached' : 'Playwright: a new context each, no service worker';
  console.log(`\nFirst render — ${dist.replace(`${ROOT}/`, '')}/ at 1280×720, ${runs.length} cold loads (${how}), ms from navigation start`);
  console.log(line('first render', runs.map((r) => r.render)) + `   (${renderMedian <= TARGET_MS ? 'within' : 'over'} the ${TARGET_MS} ms target)`);
  console.log(line('KaTeX typeset', runs.map((r) => r.typeset)));
  console.log(line('FCP', runs.map((r) => r.fcp)));
  console.log(line('LCP', runs.map((r) => r.lcp)));
  console.log(line('main-thread CPU', runs.map((r) => r.cpu)) + '   (to first render)');
  console.log(`  each load: ${runs.map((r) => (r.render ?? NaN).toFixed(0)).join(' ')}`);
  const withPhases = runs.filter((r) => r.phases !== undefined).map((r) => r.phases as Phase[]);
  if (withPhases.length === 0) return;
  console.log(`  where the ms go (median of ${withPhases.length} loads; each phase from the previous one's end; main-thread CPU in it):`);
  withPhases[0].forEach(({ label }, j) => {
    const at = (p: Phase[]) => p[j]?.label === label ? p[j] : undefined;
    const known = withPhases.map(at).filter((p): p is Phase => p !== undefined);
    const spans = withPhases.filter((p) => at(p)).map((p) => p[j].end - (j === 0 ? 0 : p[j - 1].end));
    console.log(`    ${label.padEnd(46)} ${median(spans).toFixed(0).padStart(5)} ms (ends at ${median(known.map((p) => p.end)).toFixed(0).padStart(4)})   CPU ${median(known.map((p) => p.cpu)).toFixed(0).padStart(4)} ms`);
  });
}

async function main() {
  const dists = [DIST, ...(COMPARE ? [COMPARE] : [])];
  for (const dist of dists) if (!existsSync(join(dist, 'index.html'))) throw new Error(`${dist}/index.html is missing: run \`npm run build\` first.`);
  if (TRACE_DIR) mkdirSync(TRACE_DIR, { recursive: true });
  const loadBefore = loadavg()[0];
  const servers = await Promise.all(dists.map((dist, k) => serveDist(dist, PORT === 0 ? 0 : PORT + k, HARNESS === 'direct' ? benchRoutes(dist) : undefined)));
  const browser = HARNESS === 'playwright' ? await chromium.launch({ executablePath: CHROMIUM, headless: true, args: BROWSER_ARGS }) : null;
  const runs: Marks[][] = dists.map(() => []);
  try {
    // With COMPARE the two builds' loads alternate, so both see the same machine load.
    for (let i = 0; i < LOADS; i++) {
      for (let k = 0; k < dists.length; k++) {
        const traceFile = TRACE_DIR ? join(TRACE_DIR, `${dists.length > 1 ? `${'ab'[k]}-` : ''}load-${i + 1}.json`) : null;
        runs[k].push(browser ? await playwrightLoad(browser, servers[k].url, traceFile) : await directLoad(servers[k].url, traceFile));
      }
    }
  } finally {
    await browser?.close();
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
