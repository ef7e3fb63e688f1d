/**
 * The CSV parsing worker: takes the file's SHA-256 (Web Crypto, over the whole file: the page need not
 * read it), then reads the File a megabyte at a time (Blob.slice) and runs the data layer's streaming
 * loader on it, posting progress (0..1) and then the typed table (its typed arrays transferred, not
 * copied) or the DataError as a plain object. Neither the file's bytes nor its text are held whole
 * while it parses. No logic of its own beyond the message protocol.
 */
import { DataError, dataErrorToJson, loadCsvSource, tableTransferables, type ByteSource } from '../data';
import { giveBack } from '../data/buffers';
import { sha256Hex } from './hash';
import type { CsvWorkerReply, CsvWorkerRequest } from './csvWorkerProtocol';

/** The worker's global scope, typed by hand (the webworker lib would leak worker globals into every file). */
interface WorkerScope {
  postMessage(message: CsvWorkerReply, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent<CsvWorkerRequest>) => void) | null;
}

const scope = self as unknown as WorkerScope;

function reply(message: CsvWorkerReply, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer);
}

/** Reads a slice of the file. */
async function readSlice(file: File, offset: number, length: number): Promise<Uint8Array> {
  return new Uint8Array(await file.slice(offset, offset + length).arrayBuffer());
}

/**
 * The file's SHA-256, first, while nothing else is held: the whole file and Web Crypto's copy of it are
 * twice its size (90 MB for a 45 MB file), on top of the table when it came after the parse. The
 * bytes are given back at once, not left to the collector while the parse allocates the table.
 */
async function fileSha256(file: File): Promise<string> {
  const bytes = await file.arrayBuffer();
  try {
    return await sha256Hex(bytes);
  } finally {
    giveBack(bytes);
  }
}

scope.onmessage = async (event: MessageEvent<CsvWorkerRequest>) => {
  const { id, file } = event.data;
  try {
    reply({ id, type: 'progress', fraction: 0 });
    const sha256 = await fileSha256(file);
    let last = 0;
    const source: ByteSource = {
      size: file.size,
      read: (offset, length) => readSlice(file, offset, length),
      // Each megabyte read is given back once decoded, instead of 45 of them waiting for the collector.
      done: (bytes) => giveBack(bytes.buffer as ArrayBuffer),
    };
    const table = await loadCsvSource(source, {
      name: file.name,
      onProgress: (fraction) => {
        if (fraction - last >= 0.02 || fraction === 1) {
          last = fraction;
          reply({ id, type: 'progress', fraction });
        }
      },
    });
    reply({ id, type: 'done', table, sha256 }, tableTransferables(table));
  } catch (error) {
    const json = error instanceof DataError
      ? dataErrorToJson(error)
      : { message: `"${file.name}" could not be read: ${error instanceof Error ? error.message : String(error)}.`, hint: 'Check that it is a CSV file and try again.' };
    reply({ id, type: 'error', error: json });
  }
};
