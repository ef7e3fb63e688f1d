import katex from 'katex';
import 'katex/dist/katex.min.css';
import { memo } from 'react';

/** Rendered HTML by source; most equations are shown again and again while stepping. */
const cache = new Map<string, string>();
const CACHE_ENTRIES = 600;
/** Sources longer than this (full matrices) are rendered on demand and not kept. */
const CACHE_MAX_SOURCE = 40_000;

/**
 * KaTeX source → HTML, memoised. throwOnError false (a bad source shows in red rather than
 * crashing), strict 'ignore', trust false (no \href, \url, \htmlId…). KaTeX escapes text content for
 * HTML, so user text inside \text{…} (escaped by the trace) cannot inject markup.
 */
export function renderKatex(src: string, displayMode = false): string {
  const key = (displayMode ? 'D' : 'I') + src;
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key); // most recently used goes last
    cache.set(key, hit);
    return hit;
  }
  const html = katex.renderToString(src, { throwOnError: false, strict: 'ignore', trust: false, displayMode });
  if (src.length <= CACHE_MAX_SOURCE) {
    cache.set(key, html);
    if (cache.size > CACHE_ENTRIES) cache.delete(cache.keys().next().value as string);
  }
  return html;
}

export interface KatexProps {
  /** KaTeX source (from src/trace: user text already escaped inside \text{…}). */
  src: string;
  /** Display style (larger fractions and sums); default inline. */
  display?: boolean;
  className?: string;
}

/** A span holding the KaTeX rendering of `src`; re-renders only when the source changes. */
export const Katex = memo(function Katex({ src, display = false, className }: KatexProps) {
  // The one place HTML is injected: KaTeX's own output with trust: false.
  return <span className={className} dangerouslySetInnerHTML={{ __html: renderKatex(src, display) }} />;
});
