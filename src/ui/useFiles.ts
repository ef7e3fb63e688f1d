import { useCallback } from 'react';
import { DataError } from '../data';
import type { LabController, LoadedFile } from '../lab/controller';
import { keepFile, type FileRole } from './fileStore';
import { useCsvParser, type ParseProgress } from './useCsvParser';

/**
 * Reads files for the lab: parsed in the worker, identified by SHA-256, kept for lessons and reloads,
 * then handed to the controller. A file that cannot be read shows its error and changes nothing.
 */
export function useFiles(controller: LabController): {
  load(file: File, role: FileRole): Promise<LoadedFile | null>;
  upload(file: File, role: FileRole): void;
  progress: ParseProgress | null;
} {
  const { parse, progress } = useCsvParser();
  const load = useCallback(async (file: File, role: FileRole): Promise<LoadedFile | null> => {
    try {
      // The worker hashes the file from the pieces it parses: the page never holds its bytes.
      const { table, sha256 } = await parse(file);
      const ref = { name: file.name, rows: table.rowCount, sha256 };
      void keepFile(role, { file, ref });
      return { table, ref };
    } catch (e) {
      const error = e instanceof DataError ? e : new DataError(`The file could not be read: ${e instanceof Error ? e.message : String(e)}.`, 'Try again, or another file.');
      controller.failData(`"${file.name}" was not loaded.`, error);
      return null;
    }
  }, [parse, controller]);
  const upload = useCallback((file: File, role: FileRole) => {
    void load(file, role).then((loaded) => {
      if (!loaded) return;
      if (role === 'training') controller.uploadTraining(loaded);
      else controller.uploadTest(loaded);
    });
  }, [load, controller]);
  return { load, upload, progress };
}
