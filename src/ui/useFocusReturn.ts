import { useEffect, useState } from 'react';

/**
 * While the calling dialog is mounted, remembers the element that had focus when it opened and gives
 * focus back to it when the dialog goes (if that element is still in the page), so closing a dialog
 * never drops the keyboard user on <body>.
 */
export function useFocusReturn(): void {
  // Read during the first render, before an autoFocus or showModal inside the dialog moves focus.
  const [opener] = useState(() =>
    typeof document !== 'undefined' && document.activeElement instanceof HTMLElement && document.activeElement !== document.body ? document.activeElement : null,
  );
  useEffect(() => {
    return () => {
      // After React has removed the dialog: a native <dialog>'s close() moves focus on its own first.
      queueMicrotask(() => {
        if (opener?.isConnected) opener.focus();
      });
    };
  }, [opener]);
}

const FOCUSABLE = 'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/** The focusable elements inside `root`, in tab order of the document. */
export function focusablesIn(root: Element): HTMLElement[] {
  return Array.from(root.querySelectorAll<HTMLElement>(FOCUSABLE));
}

/**
 * Keeps Tab and Shift+Tab inside `root` (a modal overlay): from the last focusable element Tab goes to
 * the first, and back. Returns true when it moved focus (the caller prevents the default).
 */
export function trapTab(root: Element, event: { key: string; shiftKey: boolean }): boolean {
  if (event.key !== 'Tab') return false;
  const items = focusablesIn(root);
  if (items.length === 0) return false;
  const first = items[0];
  const last = items[items.length - 1];
  const active = document.activeElement;
  const inside = active instanceof Node && root.contains(active);
  if (event.shiftKey && (active === first || !inside)) {
    last.focus();
    return true;
  }
  if (!event.shiftKey && (active === last || !inside)) {
    first.focus();
    return true;
  }
  return false;
}
