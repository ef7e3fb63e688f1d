/**
 * The CSV parsing worker: reads a File off the main thread, a megabyte at a time (Blob.slice), and runs
 * the data layer's streaming loader on it, posting progress (0..1) and then the typed table (its typed
 * arrays transferred, not copied) or the DataError as a plain object. Neither the file's bytes nor its
 * text are ever held whole. No logic of its own beyond the message protocol.
 */
import { DataError, dataErrorToJson, loadCsvSource, tableTransferables, type ByteSource } from '../data';
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

/** A File as the loader's ByteSource: each read is one slice of it. */
function fileSource(file: File): ByteSource {
  return {
    size: file.size,
    read: async (offset, length) => new Uint8Array(await file.slice(offset, offset + length).arrayBuffer()),
  };
}

scope.onmessage = async (event: MessageEvent<CsvWorkerRequest>) => {
  const { id, file } = event.data;
  try {
    reply({ id, type: 'progress', fraction: 0 });
    let last = 0;
    const table = await loadCsvSource(fileSource(file), {
      name: file.name,
      onProgress: (fraction) => {
        if (fraction - last >= 0.02 || fraction === 1) {
          last = fraction;
          reply({ id, type: 'progress', fraction });
        }
      },
    });
    reply({ id, type: 'done', table }, tableTransferables(table));
  } catch (error) {
    const json = error instanceof DataError
      ? dataErrorToJson(error)
      : { message: `"${file.name}" could not be read: ${error instanceof Error ? error.message : String(error)}.`, hint: 'Check that it is a CSV file and try again.' };
    reply({ id, type: 'error', error: json });
  }
};
