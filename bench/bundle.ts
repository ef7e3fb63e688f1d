/**
 * `npx tsx bench/bundle.ts [dist] [single file]` (or DIST=…) after `npm run build` (and `npm run build:single`):
 * every JS, CSS and font file of the build with its raw and gzip size, the initial JS (what
 * index.html loads before any dynamic import: its module scripts, their modulepreloads and, in turn,
 * their static imports) against the 150 kB gzip budget of issue 11, and the single file's size.
 * Sizes in kB of 1000 bytes; gzip at zlib's default level, as Vite's build report.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const repo = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dist = resolve(repo, process.argv[2] ?? process.env.DIST ?? 'dist');
const singleFile = resolve(repo, process.argv[3] ?? 'dist-single/backprop-lab.html');
/** Issue 11's budget for the initial JS, gzipped. */
const INITIAL_JS_BUDGET_KB = 150;

const kB = (bytes: number) => `${(bytes / 1000).toFixed(2)} kB`;
const gzipSize = (bytes: Uint8Array) => gzipSync(bytes).length;

/** Every file under `dir`, relative to it with forward slashes. */
function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

/** Relative specifiers of the static imports of a minified ES module (`import{a}from"./x.js"`, `import"./y.js"`), not `import("./z.js")`. */
function staticImports(code: string): string[] {
  const found = new Set<string>();
  for (const match of code.matchAll(/(?:\bimport|\bexport)\s*(?:[\w$*{}\s,]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g)) found.add(match[1]);
  return [...found];
}

/** The JS files index.html loads before any dynamic import, as paths relative to `dist`. */
function initialJs(): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const queue = [
    ...[...html.matchAll(/<script\b[^>]*\btype="module"[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]),
    ...[...html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)].map((m) => m[1]),
  ].map((src) => posix.normalize(src.replace(/^\.?\//, '')));
  const seen = new Set<string>();
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const code = readFileSync(join(dist, file), 'utf8');
    for (const specifier of staticImports(code)) queue.push(posix.join(posix.dirname(file), specifier));
  }
  return [...seen];
}

if (!existsSync(join(dist, 'index.html'))) {
  console.error(`No build in ${dist}: run \`npm run build\` first.`);
  process.exit(1);
}

const kinds: Record<string, string> = { '.js': 'js', '.css': 'css', '.woff2': 'font', '.woff': 'font', '.ttf': 'font' };
const initial = new Set(initialJs());
const rows = walk(dist)
  .filter((file) => kinds[extname(file)] && file !== 'sw.js')
  .map((file) => {
    const bytes = readFileSync(join(dist, file));
    return { file, kind: kinds[extname(file)], raw: bytes.length, gzip: gzipSize(bytes) };
  })
  .sort((a, b) => a.kind.localeCompare(b.kind) || b.raw - a.raw);

console.log(`\nBundle: ${relative(repo, dist)}/ (* = loaded by index.html before any dynamic import)`);
for (const row of rows) {
  const mark = initial.has(row.file) ? '*' : ' ';
  console.log(`  ${mark} ${row.kind.padEnd(4)} ${row.file.padEnd(52)} ${kB(row.raw).padStart(11)}  gzip ${kB(row.gzip).padStart(10)}`);
}
for (const kind of ['js', 'css', 'font']) {
  const ofKind = rows.filter((row) => row.kind === kind);
  const raw = ofKind.reduce((sum, row) => sum + row.raw, 0);
  const gzip = ofKind.reduce((sum, row) => sum + row.gzip, 0);
  console.log(`  all ${kind.padEnd(4)} ${`${ofKind.length} files`.padEnd(50)} ${kB(raw).padStart(11)}  gzip ${kB(gzip).padStart(10)}`);
}
const initialRows = rows.filter((row) => initial.has(row.file));
const initialRaw = initialRows.reduce((sum, row) => sum + row.raw, 0);
const initialGzip = initialRows.reduce((sum, row) => sum + row.gzip, 0);
const verdict = initialGzip / 1000 <= INITIAL_JS_BUDGET_KB ? 'within' : 'over';
console.log(`\nInitial JS: ${initialRows.length} file(s), ${kB(initialRaw)} raw, ${kB(initialGzip)} gzip (${verdict} the ${INITIAL_JS_BUDGET_KB} kB budget)`);

if (existsSync(singleFile)) {
  const bytes = readFileSync(singleFile);
  console.log(`Single file: ${relative(repo, singleFile)} ${kB(statSync(singleFile).size)} raw, ${kB(gzipSize(bytes))} gzip`);
} else {
  console.log(`Single file: ${relative(repo, singleFile)} not built (npm run build:single)`);
}
