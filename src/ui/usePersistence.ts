import { useCallback, useEffect, useRef, useState } from 'react';
import type { LabController, LoadedFile } from '../lab/controller';
import { lessonToJson, readLesson, type EmbeddedFile } from '../lab/lesson';
import { parseLink, stateFromPlain, stateToPlain, type LabState } from '../lab/state';
import type { LabView } from '../lab/view';
import { forgetFiles, fromBase64, keptFile, storedFile, toBase64, type FileRole } from './fileStore';

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

type Load = (file: File, role: FileRole) => Promise<LoadedFile | null>;

/** The files a state needs that this browser kept from an earlier visit (matched by SHA-256). */
async function storedFilesFor(state: LabState, load: Load): Promise<{ training?: LoadedFile; test?: LoadedFile }> {
  const out: { training?: LoadedFile; test?: LoadedFile } = {};
  for (const role of ['training', 'test'] as const) {
    const wanted = state.files[role];
    if (!wanted) continue;
    const kept = keptFile(role) ?? await storedFile(role);
    if (kept && kept.ref.sha256 === wanted.sha256) {
      const loaded = await load(kept.file, role);
      if (loaded) out[role] = loaded;
    }
  }
  return out;
}

const problemsText = (problems: readonly string[]) => problems.join('; ');

/**
 * Links, lessons and resuming. On load, a share link in the hash opens (then leaves the address bar,
 * so a reload resumes instead of rewinding); else the last state of this browser is restored from
 * localStorage, with its files from IndexedDB. Every change is saved again (never sent anywhere).
 */
export function usePersistence(controller: LabController, view: LabView, load: Load): LessonModel {
  const [meta, setMeta] = useState<LessonMeta>({ title: '', notes: '' });
  const started = useRef(false);
  // True until the link or the saved state has been opened: nothing is saved over it before.
  const [booting, setBooting] = useState(true);

  const openHash = useCallback(async (hash: string): Promise<boolean> => {
    const link = parseLink(hash);
    if (link.kind === 'none') return false;
    history.replaceState(null, '', location.pathname + location.search);
    if (!link.state) {
      controller.say({ kind: 'info', text: `This link could not be opened (${problemsText(link.problems)}); this is the default lab.` });
      return true;
    }
    const files = await storedFilesFor(link.state, load);
    controller.open(link.state, 'link', files);
    if (link.problems.length > 0) controller.say({ kind: 'info', text: `Opened the link, but: ${problemsText(link.problems)}.` });
    return true;
  }, [controller, load]);

  useEffect(() => {
    if (started.current) return;
    started.current = true;
    void (async () => {
      try {
        await boot();
      } finally {
        setBooting(false);
      }
    })();
    async function boot(): Promise<void> {
      if (await openHash(location.hash)) return;
      let saved: unknown;
      try {
        saved = JSON.parse(localStorage.getItem(STATE_KEY) ?? 'null');
      } catch {
        saved = null;
      }
      if (typeof saved !== 'object' || saved === null) return;
      const decoded = stateFromPlain(saved as Record<string, unknown>);
      if (!decoded.state) return;
      controller.open(decoded.state, 'resume', await storedFilesFor(decoded.state, load));
    }
  }, [controller, load, openHash]);

  // A link pasted into the address bar of an open lab (its own effect: the boot above runs once).
  useEffect(() => {
    const onHash = () => void openHash(location.hash);
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [openHash]);

  // Save the state after each change (not while a replay or a file request is under way).
  const settled = !booting && view.ready && view.restoring === null && view.pendingFile === null;
  useEffect(() => {
    if (!settled) return undefined;
    const timer = setTimeout(() => {
      try {
        localStorage.setItem(STATE_KEY, JSON.stringify(stateToPlain(controller.state())));
      } catch {
        // Storage full or disabled: resuming is lost, nothing else.
      }
    }, 300);
    return () => clearTimeout(timer);
  }, [controller, settled, view.version]);

  const open = useCallback(async (file: File) => {
    const read = readLesson(await file.text());
    if (!read.ok) {
      controller.say({ kind: 'info', text: `"${file.name}" was not opened: ${read.error} The lab is as it was.` });
      return;
    }
    const { lesson } = read;
    const files: { training?: LoadedFile; test?: LoadedFile } = await storedFilesFor(lesson.state, load);
    for (const role of ['training', 'test'] as const) {
      const embedded = lesson.files[role];
      if (!embedded || files[role]) continue;
      const loaded = await load(new File([fromBase64(embedded.base64) as Uint8Array<ArrayBuffer>], embedded.name), role);
      if (loaded) files[role] = loaded;
    }
    setMeta({ title: lesson.title, notes: lesson.notes });
    controller.open(lesson.state, 'lesson', files);
    const refused = controller.setRunsFromPlain(lesson.runs);
    if (refused.length > 0) read.problems.push(`kept runs: ${refused.join('; ')}`);
    if (read.problems.length > 0) controller.say({ kind: 'info', text: `Opened the lesson, but: ${problemsText(read.problems)}.` });
  }, [controller, load]);

  const save = useCallback(async (withData: boolean) => {
    const state = controller.state();
    const files: { training?: EmbeddedFile; test?: EmbeddedFile } = {};
    if (withData) {
      for (const role of ['training', 'test'] as const) {
        const kept = keptFile(role);
        const wanted = state.files[role];
        if (kept && wanted && kept.ref.sha256 === wanted.sha256) {
          files[role] = { ...wanted, base64: toBase64(new Uint8Array(await kept.file.arrayBuffer())) };
        }
      }
    }
    const text = lessonToJson({ title: meta.title, notes: meta.notes, state, files, runs: controller.runsToPlain() });
    const base = (meta.title.trim() || 'backprop-lab').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60) || 'backprop-lab';
    return { name: `${base}.lesson.json`, text };
  }, [controller, meta]);

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
