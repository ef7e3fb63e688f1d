/**
 * Where an upload's time goes, in Chromium: `npx vite build --minify false --outDir /tmp/dist-prof`,
 * then `DIST=/tmp/dist-prof npx tsx bench/profileUpload.ts wide` (COLS columns × 100 rows, default
 * 5,000) or `… big` (an Occupancy-like file of MB megabytes, default 45, then a feature toggle, the
 * normalisation and the target). Prints the JS CPU profile's top functions by self and total time and
 * its longest busy stretches (runs of non-idle samples, about a task each) with their top functions; TRACE=file.json also records a
 * Chrome trace and prints its events by total time (canvas, layout and paint work the JS profile
 * shows only as idle). A tool for finding hot spots, not a benchmark: BIGFILE_PORT (4391) serves dist.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { occupancyLike, wide } from './bigFiles';
import { serveDist } from './serve';
import { chromium, type Page } from '@playwright/test';

const DIST = process.env.DIST ?? '/tmp/dist-prof';
const PORT = Number(process.env.BIGFILE_PORT ?? 4391);
const WHICH = process.argv[2] ?? 'wide';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
function summarise(profile: { nodes: Node[]; samples: number[]; timeDeltas: number[] }) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const name = (n: Node) => `${n.callFrame.functionName || '(anon)'} ${n.callFrame.url.split('/').pop()}:${n.callFrame.lineNumber}`;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const n = byId.get(id)!;
    self.set(name(n), (self.get(name(n)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const k = name(byId.get(cur)!);
      if (seen.has(k)) continue;
      seen.add(k);
      total.set(k, (total.get(k) ?? 0) + dt);
    }
  });
  // Busy stretches: runs of samples that are not idle, the nearest the CPU profile comes to a task.
  const stretches: { ms: number; self: Map<string, number> }[] = [];
  let run: { ms: number; self: Map<string, number> } | null = null;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i + 1] ?? 0) / 1000;
    const n = byId.get(id)!;
    if (n.callFrame.functionName === '(idle)') { if (run) stretches.push(run); run = null; return; }
    run ??= { ms: 0, self: new Map() };
    run.ms += dt;
    run.self.set(name(n), (run.self.get(name(n)) ?? 0) + dt);
  });
  if (run) stretches.push(run);
  console.log('--- busy stretches over 50 ms (top self functions) ---');
  for (const st of stretches.filter((x) => x.ms > 50).sort((a, b) => b.ms - a.ms).slice(0, 15)) {
    console.log(`${st.ms.toFixed(0).padStart(7)} ms  ${[...st.self].sort((a, b) => b[1] - a[1]).slice(0, 5).map(([k, v]) => `${k} ${v.toFixed(0)}`).join(' | ')}`);
  }
  const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, 40).map(([k, v]) => `${v.toFixed(0).padStart(7)} ms  ${k}`).join('\n');
  console.log('--- self ---\n' + top(self));
  console.log('--- total ---\n' + top(total));
}

async function main() {
  const dir = mkdtempSync(join(tmpdir(), 'prof-'));
  const { server } = await serveDist(DIST, PORT);
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
  const page: Page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
  await page.goto(`http://127.0.0.1:${PORT}/`);
  await page.getByTestId('dataset-summary').filter({ hasText: 'rows' }).waitFor();
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
  let path: string; let rowsText: string;
  if (WHICH === 'wide') { path = join(dir, 'wide.csv'); writeFileSync(path, wide(Number(process.env.COLS ?? 5000), 100)); rowsText = '100 rows'; }
  else { const b = occupancyLike(Number(process.env.MB ?? 45)); path = join(dir, 'big.txt'); writeFileSync(path, b.text); rowsText = `${b.rows} rows`; }
  if (WHICH === 'wide') await cdp.send('Profiler.start');
  if (process.env.TRACE) await browser.startTracing(page, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'blink', 'cc'] });
  const t0 = Date.now();
  await page.getByTestId('csv-upload').setInputFiles(path);
  await page.getByTestId('dataset-summary').filter({ hasText: rowsText }).waitFor({ timeout: 900_000 });
  console.log('load', Date.now() - t0, 'ms');
  if (WHICH !== 'wide') {
    await page.waitForTimeout(1000);
    await cdp.send('Profiler.start');
    const t1 = Date.now();
    await page.locator('[data-testid="feature-toggle"][data-column="Light"]').uncheck();
    await page.getByTestId('dataset-summary').filter({ hasText: '4 features' }).waitFor({ timeout: 120_000 });
    console.log('toggle', Date.now() - t1, 'ms');
    // The other setting changes of the bigfile bench, each once the previous one is done.
    const idle = () => page.getByTestId('lab-notice').filter({ hasText: /Preparing the data|Evaluating/ }).first().waitFor({ state: 'detached', timeout: 120_000 });
    await idle();
    const t2 = Date.now();
    await page.getByTestId('normalization-select').selectOption('minmax');
    await page.waitForTimeout(200);
    await idle();
    console.log('normalisation', Date.now() - t2, 'ms');
    const t3 = Date.now();
    await page.getByTestId('target-select').selectOption('Temperature');
    await page.getByTestId('dataset-summary').filter({ hasText: 'target Temperature' }).waitFor({ timeout: 120_000 });
    await idle();
    console.log('target', Date.now() - t3, 'ms');
  }
  if (process.env.TRACE) {
    const buf = await browser.stopTracing();
    writeFileSync(process.env.TRACE, buf);
    const events = (JSON.parse(buf.toString()) as { traceEvents: { name: string; ph: string; dur?: number; tid: number; cat: string }[] }).traceEvents;
    const agg = new Map<string, number>();
    for (const e of events) if (e.ph === 'X' && e.dur) agg.set(e.name, (agg.get(e.name) ?? 0) + e.dur / 1000);
    console.log([...agg].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([k, v]) => `${v.toFixed(0).padStart(8)} ms ${k}`).join('\n'));
  }
  const { profile } = await cdp.send('Profiler.stop');
  summarise(profile as never);
  await browser.close();
  server.close();
  rmSync(dir, { recursive: true, force: true });
}
main().catch((e) => { console.error(e); process.exitCode = 1; });
