/**
 * The lesson file: a teacher's prepared lab as one JSON document, format `backprop-lab-lesson` v1:
 *
 *   { "format": "backprop-lab-lesson", "version": 1,
 *     "title": "…", "notes": "…",                 (optional, plain text)
 *     "state": { …the same plain object a share link holds… },
 *     "files": { "training": { "name", "rows", "sha256", "base64" }, "test": { … } },   (optional: the CSV itself)
 *     "runs": [ … ] }                              (optional: kept runs, see runs.ts)
 *
 * The CSV travels as the base64 of its exact bytes, so its SHA-256 — and so every number — is the one the
 * lesson was made with. Reading a lesson treats the file as untrusted input: it never throws, and says
 * what was wrong.
 */
import type { FileRef, LabState } from './state';
import { stateFromPlain, stateToPlain } from './stateCodecs';

export const LESSON_FORMAT = 'backprop-lab-lesson';
export const LESSON_VERSION = 1;
/** Largest lesson file read: a 50 MB CSV in base64 plus the rest. */
export const MAX_LESSON_BYTES = 75 * 1024 * 1024;
/** Longest title and notes. */
export const MAX_TITLE = 200;
export const MAX_NOTES = 20_000;

/** An embedded file: its reference and its bytes in base64. */
export interface EmbeddedFile extends FileRef {
  base64: string;
}

/** A lesson: the state, a title and notes for the class, optionally the data files and kept runs. */
export interface Lesson {
  title: string;
  notes: string;
  state: LabState;
  files: { training?: EmbeddedFile; test?: EmbeddedFile };
  /** Kept runs, as plain data (validated by their own module). */
  runs: unknown[];
}

/** The lesson as the JSON text of its file. */
export function lessonToJson(lesson: Lesson): string {
  const files: Record<string, EmbeddedFile> = {};
  if (lesson.files.training) files.training = lesson.files.training;
  if (lesson.files.test) files.test = lesson.files.test;
  return JSON.stringify({
    format: LESSON_FORMAT,
    version: LESSON_VERSION,
    title: lesson.title,
    notes: lesson.notes,
    state: stateToPlain(lesson.state),
    ...(Object.keys(files).length > 0 ? { files } : {}),
    ...(lesson.runs.length > 0 ? { runs: lesson.runs } : {}),
  }, null, 1);
}

/** What reading a lesson gave: the lesson (with problems that did not stop it), or why it was refused. */
export type ReadLesson = { ok: true; lesson: Lesson; problems: string[] } | { ok: false; error: string };

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function embedded(raw: unknown, role: string): EmbeddedFile | string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'object' || raw === null) return `its ${role} file is not an object`;
  const o = raw as Record<string, unknown>;
  if (typeof o.name !== 'string' || o.name === '' || o.name.length > 1000) return `its ${role} file has no name`;
  if (typeof o.rows !== 'number' || !Number.isInteger(o.rows) || o.rows < 0) return `its ${role} file has no row count`;
  if (typeof o.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(o.sha256)) return `its ${role} file has no SHA-256`;
  if (typeof o.base64 !== 'string' || o.base64.length % 4 !== 0 || !BASE64.test(o.base64)) return `its ${role} file's contents are damaged`;
  return { name: o.name, rows: o.rows, sha256: o.sha256, base64: o.base64 };
}

/** Reads a lesson file's text. Never throws: a wrong type, a missing field or a hostile file gives a message. */
export function readLesson(text: string): ReadLesson {
  if (text.length > MAX_LESSON_BYTES) return { ok: false, error: 'This file is too large to be a lesson.' };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { ok: false, error: 'This is not a lesson file: it is not JSON.' };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, error: 'This is not a lesson file: it holds no object.' };
  const o = json as Record<string, unknown>;
  if (o.format !== LESSON_FORMAT) return { ok: false, error: `This is not a lesson file (its format is ${JSON.stringify(o.format ?? null).slice(0, 40)}, not "${LESSON_FORMAT}").` };
  if (typeof o.version !== 'number' || !Number.isInteger(o.version) || o.version < 1) return { ok: false, error: 'This lesson file has no valid version.' };
  if (o.version > LESSON_VERSION) return { ok: false, error: `This lesson was made by a newer Backprop Lab (version ${o.version}; this one reads ${LESSON_VERSION}).` };
  if (typeof o.state !== 'object' || o.state === null || Array.isArray(o.state)) return { ok: false, error: 'This lesson file has no lab state.' };
  const decoded = stateFromPlain(o.state as Record<string, unknown>);
  if (!decoded.state) return { ok: false, error: `This lesson's lab cannot be opened: ${decoded.problems.join('; ')}.` };
  const problems = [...decoded.problems];
  const title = typeof o.title === 'string' ? o.title.slice(0, MAX_TITLE) : '';
  const notes = typeof o.notes === 'string' ? o.notes.slice(0, MAX_NOTES) : '';
  const files: Lesson['files'] = {};
  const rawFiles = typeof o.files === 'object' && o.files !== null ? (o.files as Record<string, unknown>) : {};
  for (const role of ['training', 'test'] as const) {
    const file = embedded(rawFiles[role], role);
    if (typeof file === 'string') return { ok: false, error: `This lesson file is damaged: ${file}.` };
    if (!file) continue;
    const wanted = decoded.state.files[role];
    if (!wanted || wanted.sha256 !== file.sha256) return { ok: false, error: `This lesson file is damaged: its ${role} file is not the one its lab uses.` };
    files[role] = file;
  }
  const runs = Array.isArray(o.runs) ? o.runs.slice(0, 4) : [];
  return { ok: true, lesson: { title, notes, state: decoded.state, files, runs }, problems };
}
