import { useCallback, useEffect, useRef, useState } from 'react';
import type { LabController, LoadedFile } from '../lab/controller';
import { onDemand } from '../lab/onDemand';
import type { LabView } from '../lab/view';
import { forgetFiles, type FileRole } from './fileStore';

/** localStorage key of the last state of this browser. */
export const STATE_KEY = 'backprop-lab:state';

/** A lesson's title and teacher's notes. */
export interface LessonMeta { title: string; notes: string }

/** What the page can do with lessons and saved state. */
export interface LessonModel {
  meta: LessonMeta;
  setMeta(meta: LessonMeta): void;
  /** Reads a lesson file (untrusted): opens it, or says why not; the current lab stays on refusal. */
  open(file: File): Promise<void>;
  /** The lesson file of the lab as it is now (with the data files when `withData`). */
  save(withData: boolean): Promise<{ name: string; text: string }>;
  /** Forgets this browser's saved lab and files and opens the default lab. */
  startFresh(): void;
}

/** Parses a file for `role` (useFiles's load), or null when it cannot be used. */
export type Load = (file: File, role: FileRole) => Promise<LoadedFile | null>;

/**
 * persistence.ts — links, lessons, saving — with the state's codecs and the lesson format, loaded on
 * demand: first thing when the page opens with something to restore, else after the first paint
 * (main.tsx preloads it) or on the first save, share or lesson.
 */
export const persistenceCode = onDemand(() => import('./persistence'));

/** True when this browser has a saved lab (the first read of localStorage opens it: a few ms). */
function savedLabExists(): boolean {
  try {
    return localStorage.getItem(STATE_KEY) !== null;
  } catch {
    return false;
  }
}

/**
 * Resolves after the next frame has been painted (the animation frame runs before that paint, the timeout
 * after it), or after 250 ms in a tab that paints nothing (a background tab gets no animation frames).
 */
const afterNextPaint = () => new Promise<void>((done) => {
  requestAnimationFrame(() => setTimeout(done, 0));
  setTimeout(done, 250);
});

/**
 * Links, lessons and resuming. On load, a share link in the hash opens (then leaves the address bar,
 * so a reload resumes instead of rewinding); else the last state of this browser is restored from
 * localStorage, with its files from IndexedDB. Every change is saved again (never sent anywhere).
 * The code that does it (persistence.ts) is fetched before restoring, so a link or a saved lab opens
 * as before; a first visit's opening screen does without it.
 */
export function usePersistence(controller: LabController, view: LabView, load: Load): LessonModel {
  const [meta, setMeta] = useState<LessonMeta>({ title: '', notes: '' });
  const started = useRef(false);
  // True until the link or the saved state has been opened: nothing is saved over it before.
  const [booting, setBooting] = useState(true);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void (async () => {
      try {
        // A hash may be a share link: its code loads at once. A saved lab is looked for after the opening
        // screen's first paint, which thus never waits for the storage (the restore replays after it anyway).
        if (location.hash.length <= 1) {
          await afterNextPaint();
          if (!savedLabExists()) return;
        }
        let code: Awaited<ReturnType<typeof persistenceCode.load>>;
        try {
          code = await persistenceCode.load();
        } catch {
          controller.say({ kind: 'info', text: 'The saved lab or link could not be opened (its code did not load); this is the default lab.' });
          return;
        }
        await code.restoreOnLoad(controller, load);
      } finally {
        setBooting(false);
      }
    })();
  }, [controller, load]);

  // A link pasted into the address bar of an open lab (its own effect: the boot above runs once).
  useEffect(() => {
    const onHash = () => void persistenceCode.load().then((code) => code.openHash(controller, load, location.hash));
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [controller, load]);

  // Save the state after each change (not while a replay or a file request is under way).
  const settled = !booting && view.ready && view.restoring === null && view.pendingFile === null;
  useEffect(() => {
    if (!settled) return undefined;
    let cancelled = false;
    const timer = setTimeout(() => {
      persistenceCode.load().then((code) => {
        if (!cancelled) code.saveState(controller);
      }, () => {
        // Not loaded (offline before the chunk was cached): this change is not saved; the next one tries again.
      });
    }, 300);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [controller, settled, view.version]);

  const open = useCallback(async (file: File) => {
    const opened = await (await persistenceCode.load()).openLesson(controller, load, file);
    if (opened) setMeta(opened);
  }, [controller, load]);

  const save = useCallback(async (withData: boolean) => (await persistenceCode.load()).saveLesson(controller, meta, withData), [controller, meta]);

  const startFresh = useCallback(() => {
    try {
      localStorage.removeItem(STATE_KEY);
    } catch {
      // Nothing was saved.
    }
    void forgetFiles();
    setMeta({ title: '', notes: '' });
    controller.startFresh();
  }, [controller]);

  return { meta, setMeta, open, save, startFresh };
}
