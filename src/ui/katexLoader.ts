import type { KatexOptions } from 'katex';
import { useSyncExternalStore } from 'react';

/** What the lab uses of KaTeX: `renderToString(source, options) → HTML`. */
export interface KatexRenderer {
  renderToString(source: string, options?: KatexOptions): string;
}

/**
 * One lazily loaded KaTeX. Its ~240 kB of JS (and its stylesheet) are not part of the initial
 * bundle: `load()` imports them once, the first time anything asks, and every caller gets the same
 * promise; `current()` is null until they have arrived, after which subscribers are told once.
 */
export interface KatexLoader {
  /** Starts the import if it has not started; resolves with KaTeX. */
  load(): Promise<KatexRenderer>;
  /** KaTeX once loaded, else null. */
  current(): KatexRenderer | null;
  /** Calls `listener` when KaTeX has arrived; returns a function that unsubscribes. */
  subscribe(listener: () => void): () => void;
}

/**
 * A loader that gets KaTeX from `importer` (a dynamic import in the app, a stub in tests). A failed
 * import is forgotten, so the next `load()` tries again (e.g. a chunk fetch that was interrupted).
 */
export function createKatexLoader(importer: () => Promise<KatexRenderer>): KatexLoader {
  let katex: KatexRenderer | null = null;
  let pending: Promise<KatexRenderer> | null = null;
  const listeners = new Set<() => void>();
  return {
    load() {
      if (katex) return Promise.resolve(katex);
      pending ??= importer().then(
        (loaded) => {
          katex = loaded;
          for (const listener of [...listeners]) listener();
          return loaded;
        },
        (error: unknown) => {
          pending = null;
          throw error;
        },
      );
      return pending;
    },
    current: () => katex,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** The app's KaTeX: src/ui/katexModule.ts (KaTeX and its CSS) in a chunk of its own. */
export const katexLoader: KatexLoader = createKatexLoader(() => import('./katexModule').then((m) => m.katex));

/**
 * Starts loading KaTeX once the browser is idle after the first render (requestIdleCallback with a
 * 500 ms timeout, else a timeout), so that its download and parse never delay the opening screen, and
 * it is usually there before the first equation is shown. A component that needs it sooner calls
 * `katexLoader.load()` itself.
 */
export function loadKatexSoon(loader: KatexLoader = katexLoader): void {
  const start = () => void loader.load().catch((error: unknown) => console.warn('KaTeX did not load; equations stay as plain text.', error));
  if (typeof requestIdleCallback === 'function') requestIdleCallback(start, { timeout: 500 });
  else setTimeout(start, 0);
}

/**
 * Whether KaTeX has loaded (re-renders the component once when it arrives). The server snapshot
 * (renderToString in tests) is the same as the client's: typeset if loaded, plain text if not.
 */
export function useKatexLoaded(loader: KatexLoader = katexLoader): boolean {
  const loaded = () => loader.current() !== null;
  return useSyncExternalStore(loader.subscribe, loaded, loaded);
}
