/**
 * The CSV parsing worker: reads a File off the main thread and runs the data layer's pure loader on
 * it, posting progress (0..1) and then the typed table (its typed arrays transferred, not copied) or
 * the DataError as a plain object. No logic of its own beyond the message protocol.
 */
import { DataError, dataErrorToJson, decodeCsvFile, loadCsvText, tableTransferables, type DecodedText } from '../data';
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

/**
 * The file as text. The bytes live only inside this function, so they can be collected while the
 * text is parsed (a file's worth of memory less at the worker's peak).
 */
async function readText(file: File): Promise<DecodedText> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  return decodeCsvFile(bytes, file.name);
}

scope.onmessage = async (event: MessageEvent<CsvWorkerRequest>) => {
  const { id, file } = event.data;
  try {
    reply({ id, type: 'progress', fraction: 0 });
    const { text, encoding } = await readText(file);
    // Reading is about a tenth of the work; parsing reports the rest.
    reply({ id, type: 'progress', fraction: 0.1 });
    let last = 0;
    const parsed = loadCsvText(text, {
      name: file.name,
      onProgress: (f) => {
        const fraction = 0.1 + 0.9 * f;
        if (fraction - last >= 0.02 || f === 1) {
          last = fraction;
          reply({ id, type: 'progress', fraction });
        }
      },
    });
    const table = { ...parsed, encoding };
    reply({ id, type: 'done', table }, tableTransferables(table));
  } catch (error) {
    const json = error instanceof DataError
      ? dataErrorToJson(error)
      : { message: `"${file.name}" could not be read: ${error instanceof Error ? error.message : String(error)}.`, hint: 'Check that it is a CSV file and try again.' };
    reply({ id, type: 'error', error: json });
  }
};
