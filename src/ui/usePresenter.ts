import { useEffect } from 'react';
import type { LabController } from '../lab/controller';

/** True when a key typed here belongs to the control (a field, a select, a slider). */
function typing(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'reset', 'file'].includes(target.type);
}

/**
 * Presenter mode's keys and the Fullscreen API: F toggles it, Esc leaves it (the browser's own Esc
 * leaves fullscreen, which leaves presenter mode too), 1 and 2 choose the step or the charts pane.
 */
export function usePresenter(controller: LabController, on: boolean): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target) || document.querySelector('[role="dialog"]')) return;
      const key = event.key;
      if (key === 'f' || key === 'F') controller.setPresenter(!on);
      else if (on && key === 'Escape') controller.setPresenter(false);
      else if (on && key === '1') controller.setPresenter(true, 'step');
      else if (on && key === '2') controller.setPresenter(true, 'charts');
      else return;
      event.preventDefault();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [controller, on]);

  useEffect(() => {
    // Fullscreen where the browser allows it (it may refuse, e.g. without a user gesture or in a frame).
    if (on && !document.fullscreenElement && document.documentElement.requestFullscreen) {
      document.documentElement.requestFullscreen().catch(() => undefined);
    }
    if (!on && document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
    const onChange = () => {
      if (!document.fullscreenElement && on) controller.setPresenter(false);
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => document.removeEventListener('fullscreenchange', onChange);
  }, [controller, on]);
}
