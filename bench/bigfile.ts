/**
 * npx tsx bench/bigfile.ts (after `npx vite build`) — big and wide files in Debian's Chromium.
 * Serves dist/ on 127.0.0.1:4391 (BIGFILE_PORT), writes three generated files to a temporary
 * folder and uploads each into a fresh page:
 *   - an Occupancy-like CSV of about 45 MB (BIGFILE_MB): load time, the browser's memory growth
 *     (PSS of all its processes, peak while loading and settled after), the page's JS heap growth,
 *     and the longest main-thread task for (a) a feature toggle and (b) a normalisation change;
 *   - a file whose first column name is 100,000 characters long: load time;
 *   - a file of 5,000 numeric columns: load time.
 * "Load" is from choosing the file to the dataset summary on screen plus the next painted frame.
 * Long tasks come from the Long Tasks API (it reports tasks over 50 ms only).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadavg, tmpdir } from 'node:os';
import { serveDist } from './serve';
import { chromium, type BrowserContext, type Page } from '@playwright/test';

const ROOT = resolve(import.meta.dirname, '..');
const DIST = join(ROOT, 'dist');
const PORT = Number(process.env.BIGFILE_PORT ?? 4391);
const TARGET_MB = Number(process.env.BIGFILE_MB ?? 45);


/** An Occupancy-like CSV (R row names, a date, five sensors, a 0/1 label) of about `mb` megabytes. */
function occupancyLike(mb: number): { text: string; rows: number } {
  const lines = ['"date","Temperature","Humidity","Light","CO2","HumidityRatio","Occupancy"'];
  let s = 7;
  const next = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const start = Date.UTC(2015, 1, 4, 17, 51);
  let bytes = lines[0].length + 1;
  let i = 0;
  while (bytes < mb * 1e6) {
    i++;
    const date = new Date(start + i * 60_000).toISOString().slice(0, 19).replace('T', ' ');
    const occupied = next() < 0.21 ? 1 : 0;
    const line = `"${i}","${date}",${(19 + next() * 5).toFixed(2)},${(16 + next() * 23).toFixed(4)},` +
      `${occupied ? (400 + next() * 300).toFixed(1) : (next() * 20).toFixed(1)},${(400 + next() * 1600).toFixed(2)},${(0.0027 + next() * 0.004).toPrecision(15)},${occupied}`;
    lines.push(line);
    bytes += line.length + 1;
  }
  return { text: `${lines.join('\n')}\n`, rows: i };
}

function longName(): string {
  const name = 'sensor_'.repeat(14_286).slice(0, 100_000);
  const rows = Array.from({ length: 200 }, (_, i) => `${(i * 0.37) % 5},${(i * 1.3) % 7},${i % 2}`);
  return `${name},x,label\n${rows.join('\n')}\n`;
}

function wide(columns: number, rows: number): string {
  const header = [...Array.from({ length: columns - 1 }, (_, j) => `c${j + 1}`), 'label'].join(',');
  let s = 3;
  const next = () => (s = (s * 16807) % 2147483647) / 2147483647;
  const lines = Array.from({ length: rows }, (_, i) => [...Array.from({ length: columns - 1 }, () => next().toFixed(3)), String(i % 2)].join(','));
  return `${header}\n${lines.join('\n')}\n`;
}

/** Proportional set size (kB → bytes) of every process whose command line names `marker`. */
function browserMemory(marker: string): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(marker)) continue;
      const pss = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      if (pss) total += Number(pss[1]) * 1024;
    } catch {
      // the process ended while we looked
    }
  }
  return total;
}

async function heapUsed(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize;
}

async function openPage(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  await page.addInitScript('globalThis.__name = (f) => f;');
  await page.addInitScript(() => {
    const w = window as unknown as { __longTasks: { start: number; duration: number }[] };
    w.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) w.__longTasks.push({ start: e.startTime, duration: e.duration });
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await page.getByTestId('dataset-summary').filter({ hasText: 'rows' }).waitFor();
  return page;
}

const nextFrame = (page: Page) => page.evaluate(() => new Promise<number>((done) => requestAnimationFrame(() => setTimeout(() => done(performance.now()), 0))));

/** Uploads a file and returns the ms until its summary shows and a frame is painted. */
async function upload(page: Page, path: string, rowsText: string): Promise<number> {
  const t0 = await page.evaluate(() => performance.now());
  await page.getByTestId('csv-upload').setInputFiles(path);
  await page.getByTestId('dataset-summary').filter({ hasText: rowsText }).waitFor({ timeout: 300_000 });
  return (await nextFrame(page)) - t0;
}

/** Runs a user action and returns the longest main-thread task (ms) from it until things settle. */
async function longestTask(page: Page, action: () => Promise<void>): Promise<{ longest: number; ms: number }> {
  const t0 = await page.evaluate(() => performance.now());
  await action();
  const painted = await nextFrame(page);
  await page.waitForTimeout(1500);
  const longest = await page.evaluate((after) => (window as unknown as { __longTasks: { start: number; duration: number }[] }).__longTasks
    .filter((t) => t.start + t.duration >= after).reduce((m, t) => Math.max(m, t.duration), 0), t0);
  return { longest, ms: painted - t0 };
}

async function main() {
  if (!existsSync(join(DIST, 'index.html'))) throw new Error('dist/ is missing: run `npx vite build` first.');
  const dir = mkdtempSync(join(tmpdir(), 'bigfile-'));
  const big = occupancyLike(TARGET_MB);
  const bigPath = join(dir, 'occupancy-big.txt');
  writeFileSync(bigPath, big.text);
  const longPath = join(dir, 'long-name.csv');
  writeFileSync(longPath, longName());
  const widePath = join(dir, 'wide-5000.csv');
  writeFileSync(widePath, wide(5000, 100));
  const fileBytes = statSync(bigPath).size;

  const { server } = await serveDist(DIST, PORT);
  const profile = join(dir, 'profile');
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 720 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--enable-precise-memory-info'],
  });
  const rows: [string, string][] = [];
  try {
    // ---- the 45 MB file ----
    const page = await openPage(context);
    const heap0 = await heapUsed(page);
    const memory0 = browserMemory(profile);
    let peak = memory0;
    const sampler = setInterval(() => { peak = Math.max(peak, browserMemory(profile)); }, 250);
    const load = await upload(page, bigPath, `${big.rows} rows`);
    const toggle = await longestTask(page, async () => {
      await page.locator('[data-testid="feature-toggle"][data-column="Light"]').uncheck();
      await page.getByTestId('dataset-summary').filter({ hasText: '4 features' }).waitFor({ timeout: 120_000 });
    });
    const normalise = await longestTask(page, async () => {
      await page.getByTestId('normalization-select').selectOption('minmax');
    });
    clearInterval(sampler);
    const heap1 = await heapUsed(page);
    const memory1 = browserMemory(profile);
    await page.close();

    // ---- the long name and the wide file ----
    const longPage = await openPage(context);
    const longLoad = await upload(longPage, longPath, '200 rows');
    await longPage.close();
    const widePage = await openPage(context);
    const wideLoad = await upload(widePage, widePath, '100 rows');
    await widePage.close();

    const mb = (b: number) => `${(b / 1e6).toFixed(0)} MB`;
    const ms = (t: number) => `${t.toFixed(0)} ms`;
    const longTask = (t: number) => (t === 0 ? '< 50 ms (no long task)' : ms(t));
    rows.push(
      ['file', `${mb(fileBytes)}, ${big.rows} rows × 8 columns`],
      ['load (choose → summary painted)', ms(load)],
      ['browser memory growth, peak', `${mb(peak - memory0)} (${((peak - memory0) / fileBytes).toFixed(1)}× the file)`],
      ['browser memory growth, after', `${mb(memory1 - memory0)} (${((memory1 - memory0) / fileBytes).toFixed(1)}× the file)`],
      ['page JS heap growth (after GC)', `${mb(heap1 - heap0)}`],
      ['(a) feature toggle: longest task', `${longTask(toggle.longest)}; painted after ${ms(toggle.ms)}`],
      ['(b) normalisation: longest task', `${longTask(normalise.longest)}; painted after ${ms(normalise.ms)}`],
      ['100,000-character column name: load', ms(longLoad)],
      ['5,000-column file (100 rows): load', ms(wideLoad)],
    );
  } finally {
    await context.close();
    server.close();
    rmSync(dir, { recursive: true, force: true });
  }
  const width = Math.max(...rows.map((r) => r[0].length));
  console.log(`Backprop Lab — big files in Chromium (1280×720), machine load ${loadavg()[0].toFixed(2)} (1 min)`);
  for (const [what, value] of rows) console.log(`  ${what.padEnd(width)}  ${value}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
