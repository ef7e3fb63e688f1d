import { useEffect, useRef } from 'react';

/** What each key does (all optional). */
export interface KeyBindings {
  next?: () => void;
  finishBatch?: () => void;
  back?: () => void;
  playPause?: () => void;
  reset?: () => void;
  toggleHelp?: () => void;
  closeHelp?: () => void;
}

const NOT_TEXT = new Set(['checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'color']);

/** True when the key belongs to a control the user is typing in or operating (a slider owns its arrows). */
function isTypingTarget(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLSelectElement || target instanceof HTMLTextAreaElement) return true;
  if (!(target instanceof HTMLInputElement)) return false;
  if (target.type === 'range') return key.startsWith('Arrow');
  return !NOT_TEXT.has(target.type);
}

/** What takes Space and Enter for itself: a focused control presses, toggles or opens on them. */
const INTERACTIVE = 'button, a[href], input, select, textarea, summary, [role="button"], [role="link"], [role="checkbox"], [role="tab"], [role="menuitem"], [contenteditable="true"]';

/**
 * True when a key belongs to the focused element rather than to the lab: inside a dialog every key
 * does; inside an element marked `data-own-keys` (the diagram's roving focus, a scrolling box of
 * numbers) the arrows, Space and Enter do.
 */
export function ownsKey(target: EventTarget | null, key: string): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest('dialog, [role="dialog"]')) return key !== '?';
  const own = key.startsWith('Arrow') || key === ' ' || key === 'Enter' || key === 'Home' || key === 'End';
  return own && target.closest('[data-own-keys]') !== null;
}

/**
 * True when Space should mean "next equation": focus is on the page itself or on something that is
 * not a control. On a focused button (Reset, Play, New seed, Step epoch…), link, checkbox or field
 * Space keeps its usual meaning and presses or toggles it.
 */
export function spaceSteps(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return true;
  if (target === document.body || target === document.documentElement) return true;
  return target.closest(INTERACTIVE) === null && target.closest('[data-own-keys]') === null;
}

/**
 * The lab's keys on the window: → or Space next equation, Shift+→ finish the batch, ← step back,
 * P play/pause, R reset, ? the help overlay, Esc closes it. Ignored while typing in an input, select
 * or text area, and with Ctrl/Alt/Meta held (browser shortcuts stay the browser's). Space steps only
 * when focus is on no control (see `spaceSteps`); the arrows go to a focused element that uses them
 * (a slider, the diagram, a box of numbers: `ownsKey`); inside a dialog only ? acts.
 */
export function useKeyboard(bindings: KeyBindings): void {
  const ref = useRef(bindings);
  useEffect(() => {
    ref.current = bindings;
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.altKey || event.metaKey) return;
      if (isTypingTarget(event.target, event.key)) return;
      if (event.key !== 'Escape' && ownsKey(event.target, event.key)) return;
      if (event.key === ' ' && !spaceSteps(event.target)) return;
      const b = ref.current;
      let action: (() => void) | undefined;
      if (event.key === 'ArrowRight') action = event.shiftKey ? b.finishBatch : b.next;
      else if (event.key === ' ') action = b.next;
      else if (event.key === 'ArrowLeft') action = b.back;
      else if (event.key === 'p' || event.key === 'P') action = b.playPause;
      else if (event.key === 'r' || event.key === 'R') action = b.reset;
      else if (event.key === '?') action = b.toggleHelp;
      else if (event.key === 'Escape') action = b.closeHelp;
      if (!action) return;
      event.preventDefault();
      action();
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
    };
  }, []);
}
