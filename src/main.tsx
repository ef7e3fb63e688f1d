import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import './ui/app.css';
import { App } from './ui/App';
import { enableSimdKernels } from './nn/simd';
import { loadKatexSoon } from './ui/katexLoader';
import { preloadLazyParts } from './ui/lazyParts';

// The engine's products in WebAssembly SIMD, bit for bit the JavaScript loops' results; where the
// browser cannot compile them the JavaScript loops run.
enableSimdKernels();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
// KaTeX (JS, CSS, fonts) and the extras are not in the initial bundle: they load once the opening screen is up.
loadKatexSoon();
preloadLazyParts();

// The served build caches itself (sw.js, written by vite.config.ts) so that after one visit it opens
// with no network. Never in the dev server, never in the single file (mode 'single'), never from file://.
if (import.meta.env.PROD && import.meta.env.MODE !== 'single' && 'serviceWorker' in navigator && /^https?:$/.test(location.protocol)) {
  window.addEventListener('load', () => {
    navigator.serviceWorker.register('./sw.js').catch((error: unknown) => console.warn('Backprop Lab works online only: the service worker did not register.', error));
  });
}
