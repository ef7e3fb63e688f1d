import { createContext, useEffect, useState } from 'react';
import { flushSync } from 'react-dom';

/**
 * True while the page is being printed (or shown in print media): the equation list then draws the numbers
 * of every equation computed so far, for the handout (print.css), not only the current one's. False on screen,
 * so the screen's cost is unchanged.
 */
export const PrintingContext = createContext(false);

/**
 * Whether the page is printing: `beforeprint` / `afterprint` (window.print(), the browser's Print) and the
 * `print` media query (print preview, an emulated print medium). The render on `beforeprint` is flushed at
 * once, so the numbers are in the page the browser lays out for the paper.
 */
export function usePrinting(): boolean {
  const [printing, setPrinting] = useState(() => typeof matchMedia === 'function' && matchMedia('print').matches);
  useEffect(() => {
    if (typeof window === 'undefined') return undefined;
    const before = () => flushSync(() => setPrinting(true));
    const after = () => setPrinting(typeof matchMedia === 'function' && matchMedia('print').matches);
    const media = typeof matchMedia === 'function' ? matchMedia('print') : null;
    const onMedia = (event: MediaQueryListEvent) => (event.matches ? before() : after());
    window.addEventListener('beforeprint', before);
    window.addEventListener('afterprint', after);
    media?.addEventListener('change', onMedia);
    return () => {
      window.removeEventListener('beforeprint', before);
      window.removeEventListener('afterprint', after);
      media?.removeEventListener('change', onMedia);
    };
  }, []);
  return printing;
}
