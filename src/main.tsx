import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import './ui/app.css';
import { App } from './ui/App';
import { loadKatexSoon } from './ui/katexLoader';
import { openingPainted, preloadLazyParts } from './ui/lazyParts';

let started = false;

/**
 * What the opening screen does not need, started once it has been painted: a passive effect of the
 * first commit runs after that commit, and the animation frame plus timeout put the work after the
 * frame that shows it. Before this, KaTeX's download and parse and the SIMD kernels' compile competed
 * with the first render for the main thread (on a loaded two-core machine, a few hundred ms).
 */
function afterOpeningPaint(): void {
  if (started) return;
  started = true;
  requestAnimationFrame(() => setTimeout(() => {
    // The lazy parts drawn in the opening screen load from here; KaTeX (JS, CSS, fonts) and the other
    // extras, which are not in the initial bundle either, when the browser is idle.
    openingPainted();
    loadKatexSoon();
    preloadLazyParts();
    // The engine's products in WebAssembly SIMD, bit for bit the JavaScript loops' results (so the
    // opening step, computed by those loops, is the same); where the browser cannot compile them (or the
    // chunk does not load) the JavaScript loops run. Assembling and compiling the module takes tens of
    // ms: not before the first paint, and its assembler is a chunk of its own, not in the opening bundle.
    const compile = () => void import('./nn/simd').then((simd) => simd.enableSimdKernels(), () => {});
    if (typeof requestIdleCallback === 'function') requestIdleCallback(compile, { timeout: 1000 });
    else setTimeout(compile, 0);
    registerServiceWorkerSoon();
  }, 0));
}

/**
 * The served build caches itself (sw.js, written by vite.config.ts) so that after one visit it opens with
 * no network. Never in the dev server, never in the single file (mode 'single'), never from file://.
 * Registered once the opening screen is painted and the browser is idle, not at the load event: on a
 * first visit the worker's install fetches and caches every file of the build (some 60 requests), and at
 * the load event that ran beside the lab's first render (Chrome trace: 56 ms of the worker's thread and
 * the network service's, on a two-core machine, in the middle of the render).
 */
function registerServiceWorkerSoon(): void {
  if (!import.meta.env.PROD || import.meta.env.MODE === 'single' || !('serviceWorker' in navigator) || !/^https?:$/.test(location.protocol)) return;
  const register = () => {
    navigator.serviceWorker.register('./sw.js').catch((error: unknown) => console.warn('Backprop Lab works online only: the service worker did not register.', error));
  };
  if (typeof requestIdleCallback === 'function') requestIdleCallback(register, { timeout: 2000 });
  else setTimeout(register, 0);
}

/** Renders nothing; tells afterOpeningPaint that the first commit is on screen. */
function OpeningPainted() {
  useEffect(afterOpeningPaint, []);
  return null;
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
    <OpeningPainted />
  </StrictMode>,
);

