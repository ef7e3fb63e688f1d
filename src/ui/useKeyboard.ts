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

/**
 * True when Space should mean "next equation": focus is on the page itself, or on one of the
 * transport's buttons (marked `data-transport`), so that after clicking "Step epoch" Space steps an
 * equation instead of pressing that button again. Elsewhere (fields, other buttons, links,
 * checkboxes, dialogs) Space keeps its usual meaning; Enter still presses a focused button.
 */
export function spaceSteps(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return true;
  if (target === document.body || target === document.documentElement) return true;
  return target instanceof HTMLButtonElement && target.closest('[data-transport]') !== null && target.closest('dialog, [role="dialog"]') === null;
}

/**
 * The lab's keys on the window: → or Space next equation, Shift+→ finish the batch, ← step back,
 * P play/pause, R reset, ? the help overlay, Esc closes it. Ignored while typing in an input, select
 * or text area, and with Ctrl/Alt/Meta held (browser shortcuts stay the browser's). Space steps only
 * from the page or a transport button (see `spaceSteps`).
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
    // A button is pressed by Space on key *up* in some browsers: keep that from pressing a transport
    // button whose Space has already stepped an equation.
    const onKeyUp = (event: KeyboardEvent) => {
      if (event.key === ' ' && event.target instanceof HTMLButtonElement && spaceSteps(event.target)) event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('keyup', onKeyUp);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keyup', onKeyUp);
    };
  }, []);
}
