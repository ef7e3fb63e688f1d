/**
 * The CSV parsing worker: reads a File off the main thread, a megabyte at a time (Blob.slice), and runs
 * the data layer's streaming loader on it, posting progress (0..1) and then the typed table (its typed
 * arrays transferred, not copied) or the DataError as a plain object. Neither the file's bytes nor its
 * text are ever held whole. The same pieces give the file's SHA-256, so the page need not read it again.
 * No logic of its own beyond the message protocol.
 */
import { DataError, dataErrorToJson, loadCsvSource, Sha256, tableTransferables, type ByteSource } from '../data';
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
 * A File as the loader's ByteSource, hashing its bytes in order as the reads pass them (the loader
 * reads the first bytes, then on from just after a byte-order mark; a second pass hashes nothing new).
 */
function hashedSource(file: File, sha: Sha256): ByteSource & { hashed: number } {
  const source = {
    size: file.size,
    hashed: 0,
    read: async (offset: number, length: number) => {
      const bytes = await readSlice(file, offset, length);
      const end = offset + bytes.length;
      if (offset <= source.hashed && end > source.hashed) {
        sha.update(bytes.subarray(source.hashed - offset));
        source.hashed = end;
      }
      return bytes;
    },
  };
  return source;
}

scope.onmessage = async (event: MessageEvent<CsvWorkerRequest>) => {
  const { id, file } = event.data;
  try {
    reply({ id, type: 'progress', fraction: 0 });
    let last = 0;
    const sha = new Sha256();
    const source = hashedSource(file, sha);
    const table = await loadCsvSource(source, {
      name: file.name,
      onProgress: (fraction) => {
        if (fraction - last >= 0.02 || fraction === 1) {
          last = fraction;
          reply({ id, type: 'progress', fraction });
        }
      },
    });
    // A refusal stops before the end of the file; a table has read it all, unless it was JSON read at once.
    while (source.hashed < file.size) await source.read(source.hashed, 1 << 20);
    reply({ id, type: 'done', table, sha256: sha.hex() }, tableTransferables(table));
  } catch (error) {
    const json = error instanceof DataError
      ? dataErrorToJson(error)
      : { message: `"${file.name}" could not be read: ${error instanceof Error ? error.message : String(error)}.`, hint: 'Check that it is a CSV file and try again.' };
    reply({ id, type: 'error', error: json });
  }
};
