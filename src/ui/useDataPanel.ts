import { useCallback, useEffect, useRef, useState } from 'react';
import {
  DataError, DEFAULT_DATA_SETTINGS, datasetFromSettings, sourceTable,
  type DataSettings, type Dataset, type LoadedTables, type Table,
} from '../data';
import { useCsvParser, type ParseProgress } from './useCsvParser';

/** The data the panel shows: the settings in force, the tables behind them and the dataset they gave. */
export interface DataPanelData {
  settings: DataSettings;
  tables: LoadedTables;
  /** The table of settings.source (null only before the first dataset). */
  table: Table | null;
  dataset: Dataset | null;
}

/** A refusal to show: what was being done (e.g. '"bad.csv" was not loaded') and why. */
export interface DataPanelFailure {
  title: string | null;
  error: DataError;
}

/** What the data panel can do; every change either yields a new dataset or leaves everything as it was. */
export interface DataPanelActions {
  selectSource(source: string): void;
  uploadTraining(file: File): void;
  uploadTest(file: File): void;
  removeTest(): void;
  change(patch: Partial<DataSettings>): void;
  dismissError(): void;
}

const notLoaded = (file: File): string => `"${file.name}" was not loaded.`;

function asDataError(error: unknown): DataError {
  if (error instanceof DataError) return error;
  console.error(error);
  const detail = error instanceof Error ? error.message : String(error);
  return new DataError(`Something went wrong while preparing the data: ${detail}.`, 'Try another choice or reload the page; the previous data is still loaded.');
}

/**
 * The data panel's state machine. A change is tried first: only when the new settings give a valid
 * dataset are they committed and `onDataset` called; otherwise the error is shown and the earlier
 * settings, tables and dataset stay as they were (a bad file never loses the loaded data).
 */
export function useDataPanel(
  seed: number, onDataset: (dataset: Dataset) => void,
  initialSettings: DataSettings = DEFAULT_DATA_SETTINGS, onSettingsChange?: (settings: DataSettings) => void,
): { data: DataPanelData; failure: DataPanelFailure | null; progress: ParseProgress | null; actions: DataPanelActions } {
  const [data, setData] = useState<DataPanelData>({ settings: initialSettings, tables: { uploaded: null, test: null }, table: null, dataset: null });
  const [failure, setFailure] = useState<DataPanelFailure | null>(null);
  const fail = (title: string | null) => (e: unknown) => setFailure({ title, error: asDataError(e) });
  const { parse, progress } = useCsvParser();
  const current = useRef({ data, seed, onDataset, onSettingsChange });
  useEffect(() => {
    current.current = { data, seed, onDataset, onSettingsChange };
  });

  const attempt = useCallback((settings: DataSettings, tables: LoadedTables, title: string | null = null): boolean => {
    const { seed: s, onDataset: report, onSettingsChange: tell } = current.current;
    try {
      const table = sourceTable(settings.source, tables, s);
      const dataset = datasetFromSettings(settings, tables, s);
      const next = { settings, tables, table, dataset };
      current.current.data = next;
      setData(next);
      setFailure(null);
      report(dataset);
      tell?.(settings);
      return true;
    } catch (e) {
      setFailure({ title, error: asDataError(e) });
      return false;
    }
  }, []);

  // First mount (the default built-in set, so the page is alive at once) and every new seed.
  useEffect(() => {
    const { settings, tables } = current.current.data;
    attempt(settings, tables);
  }, [seed, attempt]);

  const actions: DataPanelActions = {
    selectSource(source) {
      const { settings, tables } = current.current.data;
      const isFile = source.startsWith('file:');
      attempt({ ...settings, source, target: null, features: null, testFile: isFile ? tables.test?.name ?? null : null }, tables);
    },
    uploadTraining(file) {
      parse(file).then((table) => {
        const { settings } = current.current.data;
        attempt({ ...settings, source: table.id, target: null, features: null, testFile: null }, { uploaded: table, test: null }, notLoaded(file));
      }, fail(notLoaded(file)));
    },
    uploadTest(file) {
      if (!current.current.data.settings.source.startsWith('file:')) {
        fail(notLoaded(file))(new DataError('A test file goes with an uploaded training file.', 'Upload the training CSV first (e.g. datatraining.txt), then its test file.'));
        return;
      }
      parse(file).then((test) => {
        const { settings, tables } = current.current.data;
        attempt({ ...settings, testFile: test.name }, { ...tables, test }, notLoaded(file));
      }, fail(notLoaded(file)));
    },
    removeTest() {
      const { settings, tables } = current.current.data;
      attempt({ ...settings, testFile: null }, { ...tables, test: null });
    },
    change(patch) {
      const { settings, tables } = current.current.data;
      attempt({ ...settings, ...patch }, tables);
    },
    dismissError() {
      setFailure(null);
    },
  };
  return { data, failure, progress, actions };
}
