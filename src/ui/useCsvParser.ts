import { useCallback, useEffect, useRef, useState } from 'react';
import { checkFileSize, DataError, dataErrorFromJson, type Table } from '../data';
import type { CsvWorkerReply, CsvWorkerRequest } from './csvWorkerProtocol';
import CsvWorker from './csvWorker.ts?worker';

/** A parsed file: its typed table and the SHA-256 of its bytes (64 lowercase hex digits). */
export interface ParsedFile {
  table: Table;
  sha256: string;
}

/** A file being parsed: its name and the fraction done (0..1). */
export interface ParseProgress {
  name: string;
  fraction: number;
}

interface Pending {
  name: string;
  resolve(parsed: ParsedFile): void;
  reject(error: DataError): void;
}

/**
 * Parses uploaded files in a Web Worker of ours (papaparse inside, via the data layer), so a
 * 200,000-row file never freezes the page. `parse(file)` resolves with the typed table and the file's
 * SHA-256 (computed in the worker from the pieces it reads, so the page never holds the file's bytes) or rejects
 * with a DataError (too large, binary, ragged…). The worker ends when no file is left to parse,
 * returning its memory. Without Worker, `parse` rejects with a DataError that says so.
 */
export function useCsvParser(): { parse(file: File): Promise<ParsedFile>; progress: ParseProgress | null } {
  const workerRef = useRef<Worker | null>(null);
  const pending = useRef(new Map<number, Pending>());
  const nextId = useRef(1);
  const [progress, setProgress] = useState<ParseProgress | null>(null);

  useEffect(() => {
    const requests = pending.current;
    return () => {
      workerRef.current?.terminate();
      workerRef.current = null;
      requests.clear();
    };
  }, []);

  const worker = useCallback((): Worker | null => {
    if (typeof Worker === 'undefined') return null;
    if (!workerRef.current) {
      // A file of its own in dist/, inlined as a Blob URL in the single file (vite.config.ts).
      const w = new CsvWorker();
      w.onmessage = (event: MessageEvent<CsvWorkerReply>) => {
        const message = event.data;
        const request = pending.current.get(message.id);
        if (!request) return;
        if (message.type === 'progress') {
          setProgress({ name: request.name, fraction: message.fraction });
          return;
        }
        pending.current.delete(message.id);
        setProgress(null);
        // Ending the worker gives its heap (tens of MB of garbage after a 45 MB file) back at once, and
        // the next file starts a new one.
        if (pending.current.size === 0) {
          w.terminate();
          if (workerRef.current === w) workerRef.current = null;
        }
        if (message.type === 'done') request.resolve({ table: message.table, sha256: message.sha256 });
        else request.reject(dataErrorFromJson(message.error));
      };
      w.onerror = (event) => {
        event.preventDefault();
        const error = new DataError('The file reader stopped unexpectedly.', 'Try again; if it keeps failing, reload the page.');
        for (const request of pending.current.values()) request.reject(error);
        pending.current.clear();
        setProgress(null);
        w.terminate();
        workerRef.current = null;
      };
      workerRef.current = w;
    }
    return workerRef.current;
  }, []);

  const parse = useCallback(async (file: File): Promise<ParsedFile> => {
    checkFileSize(file.size, file.name);
    const w = worker();
    // Every browser the lab supports has Web Workers; without one the page would freeze on a big file,
    // and the CSV reader (papaparse) is kept out of the page's own bundle.
    if (!w) throw new DataError('This browser cannot read files in the background (it has no Web Workers).', 'Open the lab in a current Chrome, Edge, Firefox or Safari.');
    const id = nextId.current++;
    setProgress({ name: file.name, fraction: 0 });
    return new Promise<ParsedFile>((resolve, reject) => {
      pending.current.set(id, { name: file.name, resolve, reject });
      const request: CsvWorkerRequest = { id, file };
      w.postMessage(request);
    });
  }, [worker]);

  return { parse, progress };
}
