/**
 * What links, lessons and resuming do, outside React: open a share link or the state this browser saved,
 * save the state, read and write a lesson file. It carries the state's codecs (stateCodecs.ts) and the
 * lesson format (lesson.ts), which the opening screen does not need: usePersistence loads this module on
 * demand (persistenceCode) — before anything else when the page opens with a link or a saved lab, after
 * the first paint otherwise.
 */
import type { LabController, LoadedFile } from '../lab/controller';
import { lessonToJson, readLesson, type EmbeddedFile } from '../lab/lesson';
import { runsCode } from '../lab/lazyCode';
import type { LabState } from '../lab/state';
import { linkHash, parseLink, stateFromPlain, stateToPlain } from '../lab/stateCodecs';
import { fromBase64, keptFile, storedFile, toBase64 } from './fileStore';
import { STATE_KEY, type Load, type LessonMeta } from './usePersistence';

/** The hash of a share link that opens the lab as it is now: `#lab&v=1&…` (stateCodecs.ts's linkHash). */
export function shareHash(controller: LabController): string {
  return linkHash(controller.state());
}

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
 * Opens the share link in `hash`, if it is one: it then leaves the address bar (so a reload resumes
 * instead of rewinding). True when the hash was a lab link (opened, or refused with a notice).
 */
export async function openHash(controller: LabController, load: Load, hash: string): Promise<boolean> {
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
}

/** The state this browser saved (untrusted: anything may be in localStorage), as a plain object, or null. */
function savedPlain(): Record<string, unknown> | null {
  let saved: unknown;
  try {
    saved = JSON.parse(localStorage.getItem(STATE_KEY) ?? 'null');
  } catch {
    saved = null;
  }
  return typeof saved === 'object' && saved !== null ? saved as Record<string, unknown> : null;
}

/** On load: the share link in the address bar, else the last state of this browser with its files from IndexedDB. */
export async function restoreOnLoad(controller: LabController, load: Load): Promise<void> {
  if (await openHash(controller, load, location.hash)) return;
  const saved = savedPlain();
  if (!saved) return;
  const decoded = stateFromPlain(saved);
  if (!decoded.state) return;
  controller.open(decoded.state, 'resume', await storedFilesFor(decoded.state, load));
}

/** Saves the lab's state in this browser (never sent anywhere); storage full or disabled loses resuming, nothing else. */
export function saveState(controller: LabController): void {
  try {
    localStorage.setItem(STATE_KEY, JSON.stringify(stateToPlain(controller.state())));
  } catch {
    // Storage full or disabled: resuming is lost, nothing else.
  }
}

/**
 * Reads a lesson file (untrusted) and opens it, with its kept runs and the data it embeds (or that this
 * browser kept): its title and notes, or null when it was refused (the lab stays as it was, with a notice).
 */
export async function openLesson(controller: LabController, load: Load, file: File): Promise<LessonMeta | null> {
  const read = readLesson(await file.text());
  if (!read.ok) {
    controller.say({ kind: 'info', text: `"${file.name}" was not opened: ${read.error} The lab is as it was.` });
    return null;
  }
  const { lesson } = read;
  const files: { training?: LoadedFile; test?: LoadedFile } = await storedFilesFor(lesson.state, load);
  for (const role of ['training', 'test'] as const) {
    const embedded = lesson.files[role];
    if (!embedded || files[role]) continue;
    const loaded = await load(new File([fromBase64(embedded.base64) as Uint8Array<ArrayBuffer>], embedded.name), role);
    if (loaded) files[role] = loaded;
  }
  // The controller reads kept runs with runsCode (loaded on demand too).
  await runsCode.load();
  controller.open(lesson.state, 'lesson', files);
  const refused = controller.setRunsFromPlain(lesson.runs);
  if (refused.length > 0) read.problems.push(`kept runs: ${refused.join('; ')}`);
  if (read.problems.length > 0) controller.say({ kind: 'info', text: `Opened the lesson, but: ${problemsText(read.problems)}.` });
  return { title: lesson.title, notes: lesson.notes };
}

/** The lesson file of the lab as it is now (with the data files this browser kept when `withData`). */
export async function saveLesson(controller: LabController, meta: LessonMeta, withData: boolean): Promise<{ name: string; text: string }> {
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
  await runsCode.load();
  const text = lessonToJson({ title: meta.title, notes: meta.notes, state, files, runs: controller.runsToPlain() });
  const base = (meta.title.trim() || 'backprop-lab').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 60) || 'backprop-lab';
  return { name: `${base}.lesson.json`, text };
}
