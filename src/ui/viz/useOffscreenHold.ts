import { useEffect, useRef, useState, type RefObject } from 'react';

/** Longest a drawing off screen lags the newest values while the page is busy (requestIdleCallback's timeout). */
export const OFFSCREEN_LAG_MS = 1000;

/** Runs `work` when the browser is idle, at most `timeoutMs` later (a short timeout where requestIdleCallback is missing); returns a cancel. */
function whenIdle(work: () => void, timeoutMs: number): () => void {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(work, { timeout: timeoutMs });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(work, 50);
  return () => clearTimeout(handle);
}

/** True when two prop records hold the same values (each field by identity). */
function sameFields<T extends object>(a: T, b: T): boolean {
  const keys = Object.keys(a) as (keyof T)[];
  return keys.length === Object.keys(b).length && keys.every((k) => Object.is(a[k], b[k]));
}

/**
 * What a drawing should show of `props`: the newest while `ref`'s element is on screen; while it is off
 * screen (a chart scrolled out of view during play), the props it last drew, brought up to date when the
 * browser is idle (at most OFFSCREEN_LAG_MS behind while the page is busy) and at once when the element
 * comes into view. So a chart no one sees costs no render, layout or paint per frame of play, and a
 * paused lab's idle time brings every chart to the exact state. Without IntersectionObserver (tests,
 * server render): always the newest.
 */
export function useOffscreenHold<T extends object>(props: T, ref: RefObject<Element | null>): T {
  const latest = useRef(props);
  useEffect(() => {
    latest.current = props;
  });
  // The props drawn while off screen, or null while on screen.
  const [held, setHeld] = useState<T | null>(null);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof IntersectionObserver === 'undefined') return undefined;
    const observer = new IntersectionObserver((entries) => {
      const entry = entries[entries.length - 1];
      if (entry) setHeld(entry.isIntersecting ? null : latest.current);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  const behind = held !== null && !sameFields(held, props);
  // One idle callback at a time: new props meanwhile do not push it back (during play they come every frame).
  useEffect(() => {
    if (!behind) return undefined;
    return whenIdle(() => setHeld((h) => (h === null ? null : latest.current)), OFFSCREEN_LAG_MS);
  }, [behind]);
  return held ?? props;
}
