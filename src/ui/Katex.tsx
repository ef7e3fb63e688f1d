import { memo, useEffect, type CSSProperties } from 'react';
import { plainText } from '../trace';
import { katexLoader, useKatexLoaded } from './katexLoader';

/** Rendered HTML by source, least recently used first; equations are shown again and again while stepping. */
const cache = new Map<string, string>();
/** Budget of the cache in characters of HTML (a truncated numeric equation renders to ~20–80k). */
const CACHE_MAX_CHARS = 8_000_000;
let cachedChars = 0;
/** Sources longer than this (full matrices) are rendered on demand and not kept. */
const CACHE_MAX_SOURCE = 40_000;

/**
 * KaTeX source → HTML, memoised; null while KaTeX has not loaded (src/ui/katexLoader.ts). throwOnError
 * false (a bad source shows in red rather than crashing), strict 'ignore', trust false (no \href, \url,
 * \htmlId…). KaTeX escapes text content for HTML, so user text inside \text{…} (escaped by the trace)
 * cannot inject markup.
 */
export function renderKatex(src: string, displayMode = false, mathml = true): string | null {
  const katex = katexLoader.current();
  if (!katex) return null;
  const key = (displayMode ? 'D' : 'I') + (mathml ? 'M' : 'H') + src;
  const hit = cache.get(key);
  if (hit !== undefined) {
    cache.delete(key); // most recently used goes last
    cache.set(key, hit);
    return hit;
  }
  const output = mathml ? 'htmlAndMathml' : 'html';
  const html = katex.renderToString(src, { throwOnError: false, strict: 'ignore', trust: false, displayMode, output });
  if (src.length <= CACHE_MAX_SOURCE) {
    cache.set(key, html);
    cachedChars += html.length;
    for (const [oldKey, oldHtml] of cache) {
      if (cachedChars <= CACHE_MAX_CHARS) break;
      cache.delete(oldKey);
      cachedChars -= oldHtml.length;
    }
  }
  return html;
}

/**
 * Renders `sources` into the cache when the browser is idle (requestIdleCallback, else a timeout), so
 * that showing them later costs no KaTeX work. Returns a function that cancels what has not run yet.
 */
export function prerenderKatex(sources: readonly { src: string; mathml?: boolean; display?: boolean }[]): () => void {
  let cancelled = false;
  const work = () => {
    for (const { src, mathml = true, display = false } of sources) if (!cancelled) renderKatex(src, display, mathml);
  };
  if (!katexLoader.current()) {
    // Nothing to render with yet: once KaTeX is here, prerender unless cancelled meanwhile.
    let cancelLater = () => {};
    katexLoader.load().then(() => {
      if (!cancelled) cancelLater = prerenderKatex(sources);
    }, () => {});
    return () => {
      cancelled = true;
      cancelLater();
    };
  }
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(work, { timeout: 500 });
    return () => {
      cancelled = true;
      cancelIdleCallback(handle);
    };
  }
  const handle = setTimeout(work, 30);
  return () => {
    cancelled = true;
    clearTimeout(handle);
  };
}

export interface KatexProps {
  /** KaTeX source (from src/trace: user text already escaped inside \text{…}). */
  src: string;
  /** Display style (larger fractions and sums); default inline. */
  display?: boolean;
  /**
   * Include KaTeX's MathML for screen readers (default). The numeric matrices leave it out: it
   * doubles their DOM, and the full-matrix dialog's tables are the accessible form of those numbers.
   */
  mathml?: boolean;
  className?: string;
  /**
   * The plain reading of `src` (an Equation's `text`), shown until KaTeX has loaded; default: the
   * trace's plainText of `src`.
   */
  text?: string;
}

/**
 * Until KaTeX's fonts and CSS are there, the reading is set at KaTeX's size (1.21em) in a serif face
 * close to KaTeX_Main, so that typesetting it later barely moves the lines around it.
 */
const PENDING_INLINE: CSSProperties = { fontSize: '1.21em', fontFamily: "KaTeX_Main, 'Times New Roman', serif", lineHeight: 1.2 };
const PENDING_DISPLAY: CSSProperties = { ...PENDING_INLINE, display: 'block', textAlign: 'center', margin: '1em 0' };

/**
 * A LaTeX source as plain words and symbols, for the moment before KaTeX arrives: the trace's
 * plainText, with matrices written as [a b; c d] and their dots as "…".
 */
export function pendingReading(src: string): string {
  return plainText(
    src
      .replace(/\\begin\{[a-zA-Z*]*\}(\{[^{}]*\})?/g, '[')
      .replace(/\\end\{[a-zA-Z*]*\}/g, ']')
      .replace(/\\\\(\[[^\]]*\])?/g, '; ')
      .replace(/\\[cvdhl]?dots|\\ddots/g, '…'),
  ).replace(/\s*;\s*/g, '; ');
}

/**
 * A span holding the KaTeX rendering of `src`; re-renders only when the source changes, and once when
 * KaTeX arrives (before that: the plain reading, class `katex-pending`, read as it is by screen readers).
 */
export const Katex = memo(function Katex({ src, display = false, mathml = true, className, text }: KatexProps) {
  const loaded = useKatexLoaded();
  useEffect(() => {
    if (!loaded) void katexLoader.load().catch(() => {});
  }, [loaded]);
  const html = loaded ? renderKatex(src, display, mathml) : null;
  if (html === null) {
    return (
      <span className={className ? `${className} katex-pending` : 'katex-pending'} style={display ? PENDING_DISPLAY : PENDING_INLINE}>
        {text ?? pendingReading(src)}
      </span>
    );
  }
  // The one place HTML is injected: KaTeX's own output with trust: false.
  return <span className={className} dangerouslySetInnerHTML={{ __html: html }} />;
});
