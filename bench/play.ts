/**
 * npm run bench:play — the interactive speed of the lab, measured in Debian's Chromium at 1280×720.
 * Builds first (the npm script), serves dist/ from a tiny static server on 127.0.0.1, uploads
 * Occupancy's datatraining.txt and, for two networks (5-16-16-1 and six hidden layers of 32),
 * measures: play at full speed for PLAY_SECONDS (frames per second, batches per second, the longest
 * task after the first second by the Long Tasks API and by a Chrome trace, wall clock and CPU);
 * pause (click to the first painted frame where play has stopped); "step equation" and "Back"
 * within a batch and across a batch boundary (click to the DOM update and to the next painted
 * frame, with the main thread's CPU time from a trace). Each figure is printed against issue 11's target.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { loadavg } from 'node:os';
import { serveDist } from './serve';
import { chromium, type Browser, type Page } from '@playwright/test';

const ROOT = resolve(import.meta.dirname, '..');
/** The build to measure (BENCH_DIST: another build, e.g. of main, for a before/after). */
const DIST = process.env.BENCH_DIST ? resolve(process.env.BENCH_DIST) : join(ROOT, 'dist');
const PLAY_SECONDS = Number(process.env.PLAY_SECONDS ?? 8);
const STEP_SAMPLES = Number(process.env.STEP_SAMPLES ?? 30);
const PAUSE_SAMPLES = Number(process.env.PAUSE_SAMPLES ?? 5);
/** PLAY_ONLY=1: only the 6×32 network, only play and pause (no step or Back samples). */
const PLAY_ONLY = process.env.PLAY_ONLY === '1';
/** PLAY_PROFILE=1: also a V8 CPU profile of play, printed as the functions that took the most time (build with --minify false for names). */
const PLAY_PROFILE = process.env.PLAY_PROFILE === '1';
/**
 * STEP_PROFILE=1: also a V8 CPU profile of the step and Back clicks, printed like PLAY_PROFILE's (STEP_PROFILE_FILE: write it there);
 * STEP_TRACE_FILE: write their Chrome trace there.
 */
const STEP_PROFILE = process.env.STEP_PROFILE === '1';
/**
 * STEP_TRACE_CATEGORIES: more trace categories for the pause, step and Back clicks, comma-separated (e.g.
 * disabled-by-default-devtools.timeline.invalidationTracking to see what invalidates style, layout and paint).
 */
const STEP_TRACE_CATEGORIES = (process.env.STEP_TRACE_CATEGORIES ?? '').split(',').filter((c) => c !== '');
const VIEWPORT = { width: 1280, height: 720 };
/** BENCH_PORT: the port of the static server (0, the default: a free one). */
const PORT = Number(process.env.BENCH_PORT ?? 0);
const occupancyDir = process.env.OCCUPANCY_DIR
  ? (isAbsolute(process.env.OCCUPANCY_DIR) ? process.env.OCCUPANCY_DIR : resolve(ROOT, process.env.OCCUPANCY_DIR))
  : resolve(ROOT, '../shared/data/occupancy');
const trainingFile = join(occupancyDir, 'datatraining.txt');


const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const updates = async (page: Page) => Number((/update (\d+)/.exec((await page.getByTestId('update-counter').textContent()) ?? '') ?? [])[1] ?? 0);

interface TraceEvent { name: string; ph: string; ts: number; dur?: number; tdur?: number; pid: number; tid: number; args?: { name?: string } }

/** The main renderer thread's tasks of a Chrome trace, and its user-timing marks by name (trace clock, µs). */
function mainTasks(trace: Buffer): { tasks: TraceEvent[]; marks: Map<string, number> } {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const main = new Set(events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  const tasks = events.filter((e) => e.name === 'RunTask' && e.ph === 'X' && main.has(`${e.pid}:${e.tid}`));
  const marks = new Map<string, number>();
  for (const e of events) if (e.name.startsWith('bench:') && (e.ph === 'R' || e.ph === 'I' || e.ph === 'i' || e.ph === 'n')) marks.set(e.name, e.ts);
  return { tasks, marks };
}

/** CPU milliseconds of the main thread's tasks that overlap [from, to] (trace clock, µs). */
function cpuBetween(tasks: TraceEvent[], from: number, to: number): number {
  let us = 0;
  for (const t of tasks) if (t.ts <= to && t.ts + (t.dur ?? 0) >= from) us += t.tdur ?? 0;
  return us / 1000;
}

/**
 * The longest main-thread task of a Chrome trace after its first second, by wall clock and by the
 * thread's own CPU time. On a shared machine the wall clock includes time the renderer was waiting
 * for a core; the CPU time is what the page itself costs.
 */
function longestTraced(trace: Buffer): { wall: number; cpu: number } {
  const { tasks } = mainTasks(trace);
  const first = Math.min(...tasks.map((e) => e.ts));
  const late = tasks.filter((e) => e.ts > first + 1_000_000);
  return {
    wall: Math.max(0, ...late.map((e) => (e.dur ?? 0) / 1000)),
    cpu: Math.max(0, ...late.map((e) => (e.tdur ?? 0) / 1000)),
  };
}

/**
 * The main thread's CPU per task after the first second (tasks of over 1 ms CPU): median, 90th and 99th
 * percentile, and how many took over 25 ms of CPU. On a shared machine the wall clock of a task depends on
 * what else runs; its CPU time is what the page costs, and a task of over 25 ms CPU is one that would
 * already pass 50 ms of wall clock when the main thread gets only half a core.
 */
function cpuSpread(trace: Buffer): { p50: number; p90: number; p99: number; over25: number; tasks: number } {
  const { tasks } = mainTasks(trace);
  const first = Math.min(...tasks.map((e) => e.ts));
  const cpu = tasks.filter((e) => e.ts > first + 1_000_000).map((e) => (e.tdur ?? 0) / 1000).filter((ms) => ms > 1).sort((a, b) => a - b);
  const at = (q: number) => cpu[Math.min(cpu.length - 1, Math.floor(cpu.length * q))] ?? NaN;
  return { p50: at(0.5), p90: at(0.9), p99: at(0.99), over25: cpu.filter((ms) => ms > 25).length, tasks: cpu.length };
}

/** Trace events that only wrap a task (their children say where it went). */
const WRAPPERS = new Set(['RunTask', 'ThreadControllerImpl::RunTask', 'RunMicrotasks']);

/** A task's own events in the trace: what it spent its time on, by event name (µs of wall clock, top level only). */
function breakdown(events: TraceEvent[], task: TraceEvent): string {
  const end = task.ts + (task.dur ?? 0);
  const inside = events.filter((e) => e.ph === 'X' && e !== task && !WRAPPERS.has(e.name) && e.pid === task.pid && e.tid === task.tid && e.ts >= task.ts && e.ts + (e.dur ?? 0) <= end)
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  // Top level: not inside an earlier event of the task.
  const sums = new Map<string, number>();
  let coveredTo = -Infinity;
  for (const e of inside) {
    if (e.ts < coveredTo) continue;
    coveredTo = e.ts + (e.dur ?? 0);
    sums.set(e.name, (sums.get(e.name) ?? 0) + (e.dur ?? 0));
  }
  return [...sums].sort((a, b) => b[1] - a[1]).slice(0, 6).map(([name, us]) => `${name} ${(us / 1000).toFixed(1)}`).join(', ');
}

/** The `count` longest main-thread tasks after the first second, each with its breakdown (for finding where a long task goes). */
function longestWithBreakdown(trace: Buffer, count: number): string[] {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const { tasks } = mainTasks(trace);
  const first = Math.min(...tasks.map((e) => e.ts));
  return tasks.filter((e) => e.ts > first + 1_000_000).sort((a, b) => (b.dur ?? 0) - (a.dur ?? 0)).slice(0, count)
    .map((t) => `${((t.dur ?? 0) / 1000).toFixed(1)} ms (CPU ${((t.tdur ?? 0) / 1000).toFixed(1)}): ${breakdown(events, t)}`);
}

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** The functions of a V8 CPU profile with the most total (inclusive) and self time, in ms. */
function topFunctions(profile: CpuProfile, count: number): string[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const name = (n: ProfileNode) => `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber + 1}`;
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const leaf = byId.get(id)!;
    self.set(name(leaf), (self.get(name(leaf)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let n: ProfileNode | undefined = leaf; n; n = byId.get(parent.get(n.id) ?? -1)) {
      const k = name(n);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + dt);
    }
  });
  const fmt = (m: Map<string, number>) => [...m].filter(([k]) => !k.startsWith('(root)') && !k.startsWith('(program)') && !k.startsWith('(idle)'))
    .sort((a, b) => b[1] - a[1]).slice(0, count).map(([k, ms]) => `${ms.toFixed(0).padStart(6)} ms  ${k}`);
  return ['total (inclusive):', ...fmt(total), 'self:', ...fmt(self)];
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
  const cdp = PLAY_PROFILE ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
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
  const trace = await browser.stopTracing();
  if (process.env.PLAY_TRACE_FILE) writeFileSync(process.env.PLAY_TRACE_FILE, trace);
  const traced = longestTraced(trace);
  const cpuProfile = cdp ? (await cdp.send('Profiler.stop')).profile as CpuProfile : null;
  if (cpuProfile && process.env.PLAY_PROFILE_FILE) writeFileSync(process.env.PLAY_PROFILE_FILE, JSON.stringify(cpuProfile));
  const profile = cpuProfile ? topFunctions(cpuProfile, 25) : [];
  return {
    longestTasks: longestWithBreakdown(trace, 5),
    cpuSpread: cpuSpread(trace),
    profile,
    fps: (frames.frames - 1) / (frames.ms / 1000),
    batchesPerSecond: trained / ((end - start) / 1000),
    trained,
    longest: longTasks.reduce((m, t) => Math.max(m, t.duration), 0),
    longCount: longTasks.length,
    traced,
  };
}

/** What one click measured: ms to the first DOM change in the lab, ms to the next painted frame, whether the batch changed. */
interface ClickTiming { dom: number; frame: number; batch: 'same' | 'new'; mark: number }

/**
 * Clicks the button of `testId` and measures until the DOM changed and until the next frame was
 * painted; `done` (a CSS selector) must match before that frame counts (e.g. play has stopped).
 * Marks `bench:start-N` and `bench:end-N` for the trace.
 */
async function measureClick(page: Page, testId: string, mark: number, done: string | null = null): Promise<ClickTiming> {
  return page.evaluate(([testId, mark, done]) => new Promise<ClickTiming>((resolve) => {
    const button = document.querySelector<HTMLButtonElement>(`[data-testid="${testId}"]`)!;
    const counter = () => document.querySelector('[data-testid="batch-counter"]')?.textContent ?? '';
    const batchBefore = counter();
    const root = document.querySelector('.lab-grid') ?? document.body;
    performance.mark(`bench:start-${mark}`);
    const t0 = performance.now();
    let dom = 0;
    const observer = new MutationObserver(() => {
      if (dom === 0) dom = performance.now() - t0;
    });
    observer.observe(root, { subtree: true, childList: true, attributes: true, characterData: true });
    button.click();
    // React commits a click's update synchronously; the frame after the next rAF has been painted.
    const waitPaint = () => requestAnimationFrame(() => setTimeout(() => {
      if (done !== null && !document.querySelector(done)) {
        waitPaint();
        return;
      }
      observer.disconnect();
      const frame = performance.now() - t0;
      performance.mark(`bench:end-${mark}`);
      resolve({ dom: dom || frame, frame, batch: counter() === batchBefore ? 'same' : 'new', mark });
    }, 0));
    waitPaint();
  }), [testId, mark, done] as const);
}

/** Sets the hidden layers: the first to sizes[0], then "+ Add layer" (which copies the last) for the rest. */
async function setNetwork(page: Page, hidden: number[], label: string) {
  const field = (i: number) => page.getByTestId(`layer-size-${i}`);
  for (let i = 0; i < hidden.length; i++) {
    if ((await field(i).count()) === 0) await page.getByTestId('add-layer').click();
    await field(i).fill(String(hidden[i]));
    await field(i).press('Enter');
  }
  await page.getByTestId('architecture').filter({ hasText: label }).waitFor();
}

/** Median and maximum of a list, for printing. */
const stats = (values: number[]) => ({ median: values.length ? median(values) : NaN, max: values.length ? Math.max(...values) : NaN });

interface CaseResult {
  label: string;
  play: Awaited<ReturnType<typeof measurePlay>>;
  pause: { frame: number[]; cpu: number[]; tasks: string[]; profile: string[] };
  step: { same: ClickTiming[]; new: ClickTiming[]; cpuSame: number[]; cpuNew: number[] };
  back: { same: ClickTiming[]; new: ClickTiming[]; cpuSame: number[]; cpuNew: number[] };
  /** STEP_PROFILE: the functions that took the most time over the step and Back clicks. */
  stepProfile: string[];
}

/** Plays, pauses, steps and steps back on the network on screen. */
async function measureCase(browser: Browser, page: Page, label: string): Promise<CaseResult> {
  await page.getByTestId('speed-select').selectOption('max');
  const play = await measurePlay(browser, page);
  let mark = 0;
  const paused = '[data-testid="play"][aria-pressed="false"]';
  const pauseTimes: ClickTiming[] = [];
  const cdp = PLAY_PROFILE ? await page.context().newCDPSession(page) : null;
  if (cdp) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
  }
  await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink.user_timing', ...STEP_TRACE_CATEGORIES] });
  pauseTimes.push(await measureClick(page, 'play', mark++, paused));
  for (let i = 1; i < PAUSE_SAMPLES; i++) {
    await page.getByTestId('play').click();
    await page.waitForTimeout(1500);
    pauseTimes.push(await measureClick(page, 'play', mark++, paused));
  }
  // The profile covers the pauses only (their clicks and the 1.5 s of play between them).
  const pauseProfile = cdp ? topFunctions((await cdp.send('Profiler.stop')).profile as CpuProfile, 25) : [];
  const samples = PLAY_ONLY ? 0 : STEP_SAMPLES;
  const stepCdp = STEP_PROFILE && samples > 0 ? await page.context().newCDPSession(page) : null;
  if (stepCdp) {
    await stepCdp.send('Profiler.enable');
    await stepCdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await stepCdp.send('Profiler.start');
  }
  const steps: ClickTiming[] = [];
  for (let i = 0; i < samples; i++) {
    // Alternate: finish the batch (so the next click trains a new one) or stay inside it.
    if (i % 2 === 0) await page.getByTestId('step-batch').click();
    steps.push(await measureClick(page, 'step-equation', mark++));
  }
  const backs: ClickTiming[] = [];
  for (let i = 0; i < samples; i++) {
    // Alternate: at the first equation of a batch (Back goes to the previous batch's last one) or inside one.
    if (i % 2 === 0) {
      await page.getByTestId('step-batch').click();
      await page.getByTestId('step-equation').click();
    } else {
      await page.getByTestId('step-equation').click();
      await page.getByTestId('step-equation').click();
    }
    backs.push(await measureClick(page, 'step-back', mark++));
  }
  const clicksTrace = await browser.stopTracing();
  if (process.env.STEP_TRACE_FILE) writeFileSync(process.env.STEP_TRACE_FILE.replace('%', label.replaceAll(' ', '')), clicksTrace);
  const stepRaw = stepCdp ? ((await stepCdp.send('Profiler.stop')).profile as CpuProfile) : null;
  // STEP_PROFILE_FILE: the raw V8 profile too (% becomes the network), to be cut at the trace's bench marks.
  if (stepRaw && process.env.STEP_PROFILE_FILE) writeFileSync(process.env.STEP_PROFILE_FILE.replace('%', label.replaceAll(' ', '')), JSON.stringify(stepRaw));
  const stepProfile = stepRaw ? topFunctions(stepRaw, 30) : [];
  const { tasks, marks } = mainTasks(clicksTrace);
  const cpu = (t: ClickTiming) => {
    const from = marks.get(`bench:start-${t.mark}`);
    const to = marks.get(`bench:end-${t.mark}`);
    return from === undefined || to === undefined ? NaN : cpuBetween(tasks, from, to);
  };
  const split = (list: ClickTiming[]) => {
    const same = list.filter((t) => t.batch === 'same');
    const fresh = list.filter((t) => t.batch === 'new');
    return { same, new: fresh, cpuSame: same.map(cpu), cpuNew: fresh.map(cpu) };
  };
  // The longest task of each pause, and what it spent its time on.
  const events = (JSON.parse(clicksTrace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const pauseTasks = pauseTimes.map((t) => {
    const from = marks.get(`bench:start-${t.mark}`) ?? 0;
    const to = marks.get(`bench:end-${t.mark}`) ?? 0;
    const within = tasks.filter((k) => k.ts <= to && k.ts + (k.dur ?? 0) >= from);
    const longest = within.reduce<TraceEvent | null>((m, k) => (!m || (k.dur ?? 0) > (m.dur ?? 0) ? k : m), null);
    return longest ? `${within.length} tasks, longest ${((longest.dur ?? 0) / 1000).toFixed(1)} ms (CPU ${((longest.tdur ?? 0) / 1000).toFixed(1)}): ${breakdown(events, longest)}` : 'no task';
  });
  return { label, play, pause: { frame: pauseTimes.map((t) => t.frame), cpu: pauseTimes.map(cpu), tasks: pauseTasks, profile: pauseProfile }, step: split(steps), back: split(backs), stepProfile };
}

const f = (v: number) => v.toFixed(1);
/** "✓" or "✗" with the target, for a figure that must stay at or below `max` (or at or above `min`). */
const against = (value: number, target: { max?: number; min?: number }) => {
  const ok = target.max !== undefined ? value <= target.max : value >= (target.min ?? -Infinity);
  return `${ok ? 'ok  ' : 'MISS'} (target ${target.max !== undefined ? `≤ ${target.max}` : `≥ ${target.min}`})`;
};

function printCase(r: CaseResult, big: boolean) {
  const { play } = r;
  console.log(`\n${r.label}, batch 50, speed max`);
  console.log(`  play: frames per second          ${f(play.fps).padStart(7)}        ${big ? against(play.fps, { min: 30 }) : ''}`);
  console.log(`        batches per second         ${f(play.batchesPerSecond).padStart(7)}        (${play.trained} batches in ${PLAY_SECONDS} s)`);
  console.log(`        longest task after 1 s     ${f(play.longest).padStart(7)} ms     ${big ? against(play.longest, { max: 50 }) : ''} (${play.longCount} long tasks > 50 ms, Long Tasks API)`);
  console.log(`                     traced        ${f(play.traced.wall).padStart(7)} ms wall clock, ${f(play.traced.cpu)} ms CPU of the main thread`);
  const c = play.cpuSpread;
  console.log(`        CPU per task after 1 s     ${f(c.p50).padStart(7)} ms median, ${f(c.p90)} p90, ${f(c.p99)} p99; ${c.over25} of ${c.tasks} tasks over 25 ms CPU`);
  const row = (name: string, frames: number[], doms: number[] | null, cpus: number[], target: { median: number; max?: number } | null) => {
    const fr = stats(frames);
    const cp = stats(cpus);
    const d = doms ? stats(doms) : null;
    const verdict = target ? `${against(fr.median, { max: target.median })}${target.max !== undefined ? ` / max ${against(fr.max, { max: target.max })}` : ''}` : '';
    console.log(`  ${name.padEnd(30)} painted ${f(fr.median).padStart(6)} median / ${f(fr.max).padStart(6)} max ms  ${verdict}`);
    console.log(`  ${''.padEnd(30)} ${d ? `DOM ${f(d.median)} / ${f(d.max)} ms; ` : ''}CPU of the main thread ${f(cp.median)} / ${f(cp.max)} ms (n = ${frames.length})`);
  };
  if (big) {
    console.log('        longest tasks after 1 s (ms of wall clock by top-level trace event):');
    for (const line of play.longestTasks) console.log(`          ${line}`);
    if (play.profile.length) console.log(`        CPU profile of play:\n${play.profile.map((l) => `          ${l}`).join('\n')}`);
  }
  row('pause (click → stopped frame)', r.pause.frame, null, r.pause.cpu, big ? { median: 100, max: 100 } : null);
  if (big) r.pause.tasks.forEach((line, i) => console.log(`  ${''.padEnd(30)} pause ${i + 1}: ${line}`));
  if (big && r.pause.profile.length) console.log(`  CPU profile of the pauses (and the play between them):\n${r.pause.profile.map((l) => `          ${l}`).join('\n')}`);
  if (PLAY_ONLY) return;
  // 6×32: step and Back ≤ 50 ms median, ≤ 100 max; the default network: paint ≤ 30 ms in a batch, ≤ 40 into a new one.
  const stepTarget = (paintMedian: number) => (big ? { median: 50, max: 100 } : { median: paintMedian });
  row('step equation, same batch', r.step.same.map((t) => t.frame), r.step.same.map((t) => t.dom), r.step.cpuSame, stepTarget(30));
  row('step equation, new batch', r.step.new.map((t) => t.frame), r.step.new.map((t) => t.dom), r.step.cpuNew, stepTarget(40));
  row('Back, same batch', r.back.same.map((t) => t.frame), r.back.same.map((t) => t.dom), r.back.cpuSame, big ? { median: 50, max: 100 } : null);
  row('Back, into the previous batch', r.back.new.map((t) => t.frame), r.back.new.map((t) => t.dom), r.back.cpuNew, big ? { median: 50, max: 100 } : null);
  if (r.stepProfile.length) console.log(`  CPU profile of the step and Back clicks (and the clicks between them):\n${r.stepProfile.map((l) => `          ${l}`).join('\n')}`);
}

async function main() {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/ is missing: run `npm run bench:play` (it builds first).');
  if (!existsSync(trainingFile)) throw new Error(`Occupancy data not found at ${trainingFile} (set OCCUPANCY_DIR).`);
  const { server, url } = await serveDist(DIST, PORT);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
  });
  try {
    const loadStart = loadavg()[0];
    const results: CaseResult[] = [];
    const networks = [[[16, 16], '5 – 16 – 16 – 1'], [[32, 32, 32, 32, 32, 32], '5 – 32 – 32 – 32 – 32 – 32 – 32 – 1']] as const;
    for (const [hidden, label] of PLAY_ONLY ? networks.slice(1) : networks) {
      const page = await browser.newPage({ viewport: VIEWPORT });
      // tsx (esbuild keepNames) wraps named functions in __name(); the page needs it too for page.evaluate.
      await page.addInitScript('globalThis.__name = (f) => f;');
      await page.goto(url);
      await page.getByTestId('csv-upload').setInputFiles(trainingFile);
      await page.getByTestId('dataset-summary').filter({ hasText: '8143 rows' }).waitFor();
      await setNetwork(page, [...hidden], label);
      results.push(await measureCase(browser, page, label.replaceAll(' ', '')));
      await page.close();
    }
    console.log(`Backprop Lab — interactive speed on Occupancy datatraining.txt (8143 rows), ${VIEWPORT.width}×${VIEWPORT.height}`);
    console.log(`  machine load average (1 min)  ${loadStart.toFixed(2)} at the start, ${loadavg()[0].toFixed(2)} at the end; targets of issue 11 (6×32 for play, pause and Back; paint targets for both)`);
    results.forEach((r) => printCase(r, r.label.startsWith('5–32')));
  } finally {
    await browser.close();
    server.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
