import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { viteSingleFile } from 'vite-plugin-singlefile';
import type { Plugin } from 'vite';

/** `vite build --mode single` (npm run build:single) writes the whole lab as one HTML file. */
const SINGLE_MODE = 'single';
const SINGLE_OUT_DIR = 'dist-single';
const SINGLE_FILE_NAME = 'backprop-lab.html';
const root = fileURLToPath(new URL('.', import.meta.url));

/**
 * The built app may load nothing from anywhere but its own origin: a student's data never leaves the
 * browser. Only the build gets this policy, since the dev server's hot reload needs inline scripts.
 */
const SERVED_POLICY = [
  "default-src 'self'",
  // 'wasm-unsafe-eval' lets the engine compile its WebAssembly SIMD kernels (src/nn/simd.ts); it allows
  // no eval of JavaScript.
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "worker-src 'self' blob:",
  "connect-src 'self' blob: data:",
].join('; ');

/** Stands for the inline scripts' hashes until the single file's scripts are final. */
const HASHES_PLACEHOLDER = "'sha256-INLINE-SCRIPT-HASHES'";

/**
 * The single file loads nothing at all: its scripts are allowed by their SHA-256 (no 'unsafe-inline'),
 * its styles, fonts and images are inline or data: URLs, and its CSV worker runs from a Blob URL.
 */
const SINGLE_POLICY = [
  "default-src 'none'",
  `script-src 'wasm-unsafe-eval' ${HASHES_PLACEHOLDER}`,
  "style-src 'unsafe-inline'",
  'img-src data: blob:',
  'font-src data:',
  'worker-src blob: data:',
  'connect-src blob: data:',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

/** The CSP of the served build, as a meta tag at the top of its head. */
function contentSecurityPolicy(): Plugin {
  return {
    name: 'backprop-lab-csp',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: SERVED_POLICY }, injectTo: 'head-prepend' }],
  };
}

/**
 * The single file's CSP: written unescaped at the top of the head (so vite-plugin-singlefile can read
 * it), then, once that plugin has inlined the scripts, the placeholder becomes their SHA-256 hashes,
 * computed here with Node's crypto, and the page is renamed.
 */
function singleFilePolicy(): Plugin {
  return {
    name: 'backprop-lab-single-csp',
    apply: 'build',
    enforce: 'post',
    transformIndexHtml: (html) => html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${SINGLE_POLICY}">`),
    generateBundle: {
      // After vite-plugin-singlefile (also 'post', listed before this one) has inlined the scripts.
      order: 'post',
      handler(_options, bundle) {
        const page = bundle['index.html'];
        if (page?.type !== 'asset' || typeof page.source !== 'string') throw new Error('single file: index.html missing from the bundle');
        if (/<script\b[^>]*\ssrc=/.test(page.source)) throw new Error('single file: a script was left external');
        // Anything else would be missing beside the file, e.g. a worker made with new Worker(new URL(…)) instead of `?worker`.
        const leftovers = Object.keys(bundle).filter((fileName) => fileName !== 'index.html');
        if (leftovers.length > 0) throw new Error(`single file: not inlined: ${leftovers.join(', ')}`);
        const hashes = [...page.source.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)]
          .map(([, body]) => `'sha256-${createHash('sha256').update(body, 'utf8').digest('base64')}'`);
        if (hashes.length === 0 || !page.source.includes(HASHES_PLACEHOLDER)) throw new Error('single file: no inline script or no policy to hash them into');
        const source = page.source.replace(HASHES_PLACEHOLDER, hashes.join(' '));
        delete bundle['index.html'];
        this.emitFile({ type: 'asset', fileName: SINGLE_FILE_NAME, source });
      },
    },
  };
}

/** The KaTeX families no equation of the lab uses (no \mathcal, \mathfrak, \mathsf, \mathscr). */
const UNUSED_KATEX_FAMILIES = ['Caligraphic', 'Fraktur', 'SansSerif', 'Script'];

/**
 * KaTeX's stylesheet lists each font as woff2, woff and ttf, and Vite would emit (or, in the single
 * file, inline) all three. Every browser the lab runs in reads woff2, so only woff2 is kept, and the
 * families the lab never typesets are dropped. The fonts stay lazy: @font-face loads a file only
 * when a glyph of it is drawn.
 */
function katexWoff2Only(): Plugin {
  return {
    name: 'backprop-lab-katex-fonts',
    enforce: 'pre',
    transform(code, id) {
      if (!/[\\/]katex[\\/]dist[\\/]katex(\.min)?\.css(\?|$)/.test(id)) return null;
      const kept = code
        .replace(/@font-face\{[^}]*\}/g, (rule) => (UNUSED_KATEX_FAMILIES.some((family) => new RegExp(`font-family:"?KaTeX_${family}"?;`).test(rule)) ? '' : rule))
        .replace(/,url\([^)]*\.(woff|ttf)\) format\("(woff|truetype)"\)/g, '');
      if (/\.(woff|ttf)\)/.test(kept)) throw new Error('katex css: a woff or ttf font is still referenced');
      return { code: kept, map: null };
    },
  };
}

/**
 * d3-scale-chromatic ships one bundled module whose colour tables are built by top-level calls
 * (`var PuOr = ramp(scheme)`), which a bundler must keep unless told they are pure; we use one of
 * its ~40 schemes. Each such table is marked pure so that the unused ones are dropped.
 */
function pureColourTables(): Plugin {
  return {
    name: 'backprop-lab-pure-colour-tables',
    transform(code, id) {
      if (!/[\\/]d3-scale-chromatic[\\/]dist[\\/][^\\/]+\.mjs$/.test(id)) return null;
      const marked = code.replace(
        /^var ([\w$]+) = (?!scheme =>)((?:new Array|[\w$]+\()[\s\S]*?\));$/gm,
        // A declaration of several variables (`var c = rgb(), pi_1_3 = …`) is left as it is.
        (whole: string, name: string, value: string) => (/,\n\s+[\w$]+ = /.test(value) ? whole : `var ${name} = /*#__PURE__*/ (() => ${value})();`),
      );
      return { code: marked, map: null };
    },
  };
}

/** Every file under `dir`, as paths relative to it with forward slashes. */
function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

/**
 * The service worker's code: on install it caches the app shell (every file of the build), and it
 * answers every request for one of them from that cache, so after one visit the lab opens and works
 * with no network. Navigations get the cached page. A new build has a new cache name; its worker
 * waits until no tab uses the old one (so an open page never loses its lazy chunks), then the old
 * cache is deleted.
 */
function serviceWorkerSource(version: string, files: readonly string[]): string {
  return `// Backprop Lab's service worker, written by vite.config.ts at build time.
const CACHE = ${JSON.stringify(`backprop-lab-${version}`)};
const SHELL = ${JSON.stringify(files.map((file) => `./${file}`))};
const PAGE = new URL('./index.html', self.location.href).href;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(SHELL)));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((names) => Promise.all(names.filter((name) => name.startsWith('backprop-lab-') && name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  // ignoreVary: a script loaded with crossorigin sends an Origin header that the cached copy did not.
  const options = { cacheName: CACHE, ignoreVary: true };
  const cached = caches.match(request.mode === 'navigate' ? PAGE : request, options);
  event.respondWith(cached.then((response) => response || fetch(request)));
});
`;
}

/**
 * Makes the normal build an installable PWA: links the web app manifest (public/manifest.webmanifest)
 * and emits `sw.js`, whose cache name is a hash of every file it caches. A plugin of our own rather
 * than vite-plugin-pwa, which would bring workbox-build and about 250 packages (Babel, Rollup,
 * Terser) for these forty lines.
 */
function progressiveWebApp(): Plugin {
  let publicDir = '';
  return {
    name: 'backprop-lab-pwa',
    apply: 'build',
    configResolved(config) {
      publicDir = config.publicDir;
    },
    transformIndexHtml: () => [
      { tag: 'link', attrs: { rel: 'manifest', href: './manifest.webmanifest' }, injectTo: 'head' },
      { tag: 'link', attrs: { rel: 'apple-touch-icon', href: './icons/icon-192.png' }, injectTo: 'head' },
    ],
    // After Vite has emitted index.html.
    generateBundle: { order: 'post', handler(_options, bundle) {
      const contents = new Map<string, string | Uint8Array>();
      for (const [fileName, output] of Object.entries(bundle)) {
        if (fileName.endsWith('.map')) continue;
        contents.set(fileName, output.type === 'chunk' ? output.code : output.source);
      }
      if (publicDir) for (const file of listFiles(publicDir)) contents.set(file, readFileSync(join(publicDir, file)));
      const files = [...contents.keys()].sort();
      const hash = createHash('sha256');
      for (const file of files) hash.update(file).update('\0').update(contents.get(file) ?? '').update('\0');
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: serviceWorkerSource(hash.digest('hex').slice(0, 16), files) });
    } },
  };
}

/**
 * The single file has no folder beside it: every worker is inlined (`?worker` becomes
 * `?worker&inline`, run from a Blob URL), and the favicon becomes a data: URL.
 */
function singleFileExtras(): Plugin {
  const favicon = readFileSync(join(root, 'public', 'favicon.svg'));
  return {
    name: 'backprop-lab-single-file',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!source.endsWith('?worker')) return null;
      const resolved = await this.resolve(source.slice(0, -'?worker'.length), importer, { skipSelf: true });
      return resolved ? `${resolved.id}?worker&inline` : null;
    },
    transformIndexHtml: (html) => html.replace('href="/favicon.svg"', `href="data:image/svg+xml;base64,${favicon.toString('base64')}"`),
  };
}

export default defineConfig(({ mode }) => {
  const single = mode === SINGLE_MODE;
  return {
    plugins: [
      react(),
      katexWoff2Only(),
      pureColourTables(),
      ...(single
        ? [singleFileExtras(), viteSingleFile({ removeViteModuleLoader: true }), singleFilePolicy()]
        : [progressiveWebApp(), contentSecurityPolicy()]),
    ],
    // Relative asset paths, so the built app also works opened from any folder.
    base: './',
    // The single file inlines everything; the PWA's icons and manifest belong to the served build.
    publicDir: single ? false : 'public',
    build: {
      // Every browser the lab supports (Chromium, Firefox, Safari of the last years) reads
      // <link rel="modulepreload"> itself: Vite's polyfill for it would be dead code in the initial bundle.
      ...(single ? { outDir: SINGLE_OUT_DIR, modulePreload: false } : { modulePreload: { polyfill: false } }),
      rolldownOptions: {
        // papaparse (CommonJS, so not provably pure) runs only in the CSV worker: when the page's own code
        // uses none of it, it is left out of the page's bundle instead of being kept for its "side effects".
        treeshake: { moduleSideEffects: (id: string) => !/[\\/]node_modules[\\/]papaparse[\\/]/.test(id) },
        // Everything the page imports statically, in two chunks: React (react, react-dom, scheduler: 219 kB
        // of the 445) and the rest, instead of nine chunks split by which lazy part shares what (1.9 kB less
        // gzip, each chunk had its own imports and exports). Two, because Chrome parses each script on a
        // background thread of its own while the page waits for them, so on two cores the two halves are
        // parsed side by side (bench/firstRender.ts: the wait from fetch to the module's evaluation 194 ->
        // 161 ms, first render -79 ms load by load, for 0.4 kB more gzip). The lazy chunks import from
        // them. Not papaparse: the page's own code tree-shakes it away, only the CSV export (a lazy chunk)
        // uses it; and not the captured modules' dependencies (they are captured themselves when the page uses them).
        ...(single ? {} : { output: { codeSplitting: { groups: [{
          name: 'react',
          tags: ['$initial' as const],
          test: /[\\/]node_modules[\\/](react|react-dom|scheduler)[\\/]/,
          priority: 2,
        }, {
          name: 'opening',
          tags: ['$initial' as const],
          test: (id: string) => !/[\\/]node_modules[\\/]papaparse[\\/]/.test(id),
          includeDependenciesRecursively: false,
        }] } } }),
      },
    },
    // A module worker from a Blob URL is refused in a file:// page (its origin is opaque), a classic one runs.
    worker: { format: single ? 'iife' : 'es' },
    server: { host: '127.0.0.1', port: 5173 },
    preview: { host: '127.0.0.1', port: 4173, strictPort: true },
    test: {
      include: ['src/**/*.test.{ts,tsx}'],
      environment: 'node',
      testTimeout: 30_000,
    },
  };
});
