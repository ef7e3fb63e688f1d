/**
 * The uploaded files of this page: kept in memory for lessons, and in this browser's IndexedDB so a reload
 * can resume (never sent anywhere). Also their SHA-256 (Web Crypto) and base64 for embedding in a lesson.
 */
import type { FileRef } from '../lab/state';

/** Which file of the lab. */
export type FileRole = 'training' | 'test';

export { sha256Hex } from './hash';

/** The bytes as base64, in chunks (a 45 MB file would overflow one String.fromCharCode call). */
export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let k = 0; k < bytes.length; k += chunk) binary += String.fromCharCode(...bytes.subarray(k, k + chunk));
  return btoa(binary);
}

/** base64 → bytes. */
export function fromBase64(text: string): Uint8Array {
  const binary = atob(text);
  const out = new Uint8Array(binary.length);
  for (let k = 0; k < binary.length; k++) out[k] = binary.charCodeAt(k);
  return out;
}

/** A file with its reference (rows come from the parsed table). */
export interface KeptFile {
  file: File;
  ref: FileRef;
}

const memory = new Map<FileRole, KeptFile>();

/** The file of `role` uploaded in this page, if any. */
export function keptFile(role: FileRole): KeptFile | undefined {
  return memory.get(role);
}

const DB = 'backprop-lab';
const STORE = 'files';

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('no IndexedDB'));
      return;
    }
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error ?? new Error('IndexedDB refused'));
  });
}

async function withStore<T>(mode: IDBTransactionMode, run: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const request = run(db.transaction(STORE, mode).objectStore(STORE));
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error ?? new Error('IndexedDB failed'));
    });
  } finally {
    db.close();
  }
}

/** Keeps the file of `role` (in memory, and in IndexedDB for a reload; a failure there only loses resuming). */
export async function keepFile(role: FileRole, kept: KeptFile | null): Promise<void> {
  if (kept) memory.set(role, kept);
  else memory.delete(role);
  try {
    if (kept) await withStore('readwrite', (s) => s.put({ ref: kept.ref, blob: kept.file, name: kept.file.name }, role));
    else await withStore('readwrite', (s) => s.delete(role));
  } catch {
    // Private windows and file:// pages may have no IndexedDB: the lab still works, a reload just asks again.
  }
}

/** The file of `role` kept by an earlier visit, or null. */
export async function storedFile(role: FileRole): Promise<KeptFile | null> {
  try {
    const value = await withStore<unknown>('readonly', (s) => s.get(role));
    if (typeof value !== 'object' || value === null) return null;
    const o = value as { ref?: FileRef; blob?: Blob; name?: string };
    if (!o.ref || !(o.blob instanceof Blob)) return null;
    return { ref: o.ref, file: new File([o.blob], o.name ?? o.ref.name) };
  } catch {
    return null;
  }
}

/** Forgets every kept file. */
export async function forgetFiles(): Promise<void> {
  memory.clear();
  try {
    await withStore('readwrite', (s) => s.clear());
  } catch {
    // Nothing was kept.
  }
}
