/**
 * npm run bench:play — the play loop on the main thread, measured in Debian's Chromium.
 * Builds first (the npm script), serves dist/ from a tiny static server on 127.0.0.1, uploads
 * Occupancy's datatraining.txt, sets a 5-16-16-1 network and plays at full speed for PLAY_SECONDS.
 * Prints frames per second, batches per second, the longest task after the first second (Long Tasks
 * API, tasks > 50 ms), and the time from one "step equation" click to the DOM update and to the
 * next painted frame (target < 50 ms), within a batch and across a batch boundary.
 */
import { existsSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { serveDist } from './serve';
import { chromium, type Browser, type Page } from '@playwright/test';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const PLAY_SECONDS = Number(process.env.PLAY_SECONDS ?? 8);
const STEP_SAMPLES = 30;
const occupancyDir = process.env.OCCUPANCY_DIR
  ? (isAbsolute(process.env.OCCUPANCY_DIR) ? process.env.OCCUPANCY_DIR : resolve(ROOT, process.env.OCCUPANCY_DIR))
  : resolve(ROOT, '../shared/data/occupancy');
const trainingFile = join(occupancyDir, 'datatraining.txt');


const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const updates = async (page: Page) => Number((/update (\d+)/.exec((await page.getByTestId('update-counter').textContent()) ?? '') ?? [])[1] ?? 0);

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: { name?: string } }

/**
 * The longest main-thread task of a Chrome trace after its first second, by wall clock and by the
 * thread's own CPU time. On a shared machine the wall clock includes time the renderer was waiting
 * for a core; the CPU time is what the page itself costs.
 */
function longestTraced(trace: Buffer): { wall: number; cpu: number } {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && main.has(`${e.pid}:${e.tid}`));
  const first = Math.min(...tasks.map((e) => e.ts));
  const late = tasks.filter((e) => e.ts > first + 1_000_000);
  return {
    wall: Math.max(0, ...late.map((e) => (e.dur ?? 0) / 1000)),
    cpu: Math.max(0, ...late.map((e) => (e.tdur ?? 0) / 1000)),
  };
}

/** Plays for PLAY_SECONDS and returns fps, batches/s and the longest task after the first second. */
async function measurePlay(browser: Browser, page: Page) {
  await page.evaluate(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: false });
  });
  const startUpdates = await updates(page);
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  const start = await page.evaluate(() => performance.now());
  await page.getByTestId('play').click();
  const frames = await page.evaluate((seconds) => new Promise<{ frames: number; ms: number }>((done) => {
    // Count frames from the end of the first second to the end of the run.
    let frames = 0;
    let first = 0;
    const tick = (now: number) => {
      if (first === 0) first = now;
      frames++;
      if (now - first < seconds * 1000) requestAnimationFrame(tick);
      else done({ frames, ms: now - first });
    };
    setTimeout(() => requestAnimationFrame(tick), 1000);
  }), PLAY_SECONDS - 1);
  // Long tasks are collected up to here: the pause's own redraw (the equation list catching up) is not play.
  const end = await page.evaluate(() => performance.now());
  const trained = (await updates(page)) - startUpdates;
  const longTasks = await page.evaluate(([after, before]) => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks
    .filter((t) => t.start > after && t.start < before), [start + 1000, end]);
  const traced = longestTraced(await browser.stopTracing());
  await page.getByTestId('play').click();
  return {
    fps: (frames.frames - 1) / (frames.ms / 1000),
    batchesPerSecond: trained / ((end - start) / 1000),
    trained,
    longest: longTasks.reduce((m, t) => Math.max(m, t.duration), 0),
    longCount: longTasks.length,
    traced,
  };
}

/** Clicks "step equation" and measures until the DOM changed and until the next frame was painted. */
async function measureStep(page: Page) {
  return page.evaluate(() => new Promise<{ dom: number; frame: number; batch: string }>((done) => {
    const button = document.querySelector<HTMLButtonElement>('[data-testid="step-equation"]')!;
    const counter = () => document.querySelector('[data-testid="batch-counter"]')?.textContent ?? '';
    const batchBefore = counter();
    const panel = document.querySelector('[data-testid="equation-panel"]')?.parentElement ?? document.body;
    const t0 = performance.now();
    let dom = 0;
    const observer = new MutationObserver(() => {
      if (dom === 0) dom = performance.now() - t0;
    });
    observer.observe(panel, { subtree: true, childList: true, attributes: true, characterData: true });
    button.click();
    // React commits a click's update synchronously; the frame after the next rAF has been painted.
    requestAnimationFrame(() => setTimeout(() => {
      observer.disconnect();
      done({ dom: dom || performance.now() - t0, frame: performance.now() - t0, batch: counter() === batchBefore ? 'same' : 'new' });
    }, 0));
  }));
}

async function main() {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/ is missing: run `npm run bench:play` (it builds first).');
  if (!existsSync(trainingFile)) throw new Error(`Occupancy data not found at ${trainingFile} (set OCCUPANCY_DIR).`);
  const { server, url } = await serveDist(DIST);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    // tsx (esbuild keepNames) wraps named functions in __name(); the page needs it too for page.evaluate.
    await page.addInitScript('globalThis.__name = (f) => f;');
    await page.goto(url);
    await page.getByTestId('csv-upload').setInputFiles(trainingFile);
    await page.getByTestId('dataset-summary').filter({ hasText: '8143 rows' }).waitFor();
    // Layer sizes apply on Enter (each one rebuilds the network).
    await page.getByTestId('layer-size-0').fill('16');
    await page.getByTestId('layer-size-0').press('Enter');
    await page.getByTestId('layer-size-1').fill('16');
    await page.getByTestId('layer-size-1').press('Enter');
    await page.getByTestId('architecture').filter({ hasText: '5 – 16 – 16 – 1' }).waitFor();
    await page.getByTestId('speed-select').selectOption('max');

    const play = await measurePlay(browser, page);

    const within: number[] = [];
    const withinFrame: number[] = [];
    const across: number[] = [];
    const acrossFrame: number[] = [];
    for (let i = 0; i < STEP_SAMPLES; i++) {
      // Alternate: finish the batch (so the next click trains a new one) or stay inside it.
      if (i % 2 === 0) await page.getByTestId('step-batch').click();
      const s = await measureStep(page);
      (s.batch === 'new' ? across : within).push(s.dom);
      (s.batch === 'new' ? acrossFrame : withinFrame).push(s.frame);
    }
    const f = (v: number) => v.toFixed(1);
    const load = loadavg()[0];
    console.log('Backprop Lab — play loop on Occupancy datatraining.txt (8143 rows), 5-16-16-1, batch 50, speed max');
    console.log(`  machine load average     ${load.toFixed(2)} (1 min)`);
    console.log(`  frames per second        ${f(play.fps)}`);
    console.log(`  batches per second       ${f(play.batchesPerSecond)}  (${play.trained} batches in ${PLAY_SECONDS} s)`);
    console.log(`  longest task after 1 s   ${f(play.longest)} ms  (${play.longCount} long tasks > 50 ms, Long Tasks API)`);
    console.log(`                 traced    ${f(play.traced.wall)} ms wall clock, ${f(play.traced.cpu)} ms CPU of the main thread`);
    console.log(`  step equation, same batch   DOM ${f(median(within))} ms median / ${f(Math.max(...within))} max; painted ${f(median(withinFrame))} / ${f(Math.max(...withinFrame))} ms`);
    console.log(`  step equation, new batch    DOM ${f(median(across))} ms median / ${f(Math.max(...across))} max; painted ${f(median(acrossFrame))} / ${f(Math.max(...acrossFrame))} ms`);
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
