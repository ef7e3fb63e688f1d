import { useEffect, useMemo } from 'react';
import type { DataSettings, Dataset, LoadedTables, Table } from '../data';
import type { LabController } from '../lab/controller';
import type { DataView } from '../lab/view';
import type { ParseProgress } from './useCsvParser';

/** The data the panel shows: the settings in force, the tables behind them and the dataset they gave. */
export interface DataPanelData {
  settings: DataSettings;
  tables: LoadedTables;
  /** The table of settings.source (null only before the first dataset). */
  table: Table | null;
  dataset: Dataset | null;
}

/** A refusal to show: what was being done (e.g. '"bad.csv" was not loaded') and why. */
export type DataPanelFailure = NonNullable<DataView['failure']>;

/** What the data panel can do; every change either yields a new dataset or leaves everything as it was. */
export interface DataPanelActions {
  selectSource(source: string): void;
  uploadTraining(file: File): void;
  uploadTest(file: File): void;
  removeTest(): void;
  change(patch: Partial<DataSettings>): void;
  dismissError(): void;
}

/** What the panel needs from the page: the controller (its actions), its data view, the file upload and its progress. */
export interface DataPanelModel {
  controller: LabController;
  view: DataView;
  upload(file: File, role: 'training' | 'test'): void;
  progress: ParseProgress | null;
}

/**
 * The data panel's model: its part of the LabView and the controller's data actions. The controller
 * tries each change first and commits it only when it gives a valid dataset (a bad file never loses the
 * loaded data). It also gives the controller its background scheduler (setTimeout), so that a large
 * table's dataset and evaluations are spread over many tasks.
 */
export function useDataPanel(model: DataPanelModel): { data: DataPanelData; failure: DataPanelFailure | null; progress: ParseProgress | null; actions: DataPanelActions } {
  const { controller, view, upload, progress } = model;
  // A large file's dataset and evaluations run in slices, one task each, so the page keeps painting.
  useEffect(() => {
    controller.runInBackground((task) => { setTimeout(task, 0); });
    return () => controller.runInBackground(null);
  }, [controller]);
  const actions = useMemo<DataPanelActions>(() => ({
    selectSource: (source) => controller.selectSource(source),
    uploadTraining: (file) => upload(file, 'training'),
    uploadTest: (file) => upload(file, 'test'),
    removeTest: () => controller.removeTest(),
    change: (patch) => controller.changeData(patch),
    dismissError: () => controller.dismissDataError(),
  }), [controller, upload]);
  const data = useMemo(() => ({ settings: view.settings, tables: view.tables, table: view.table, dataset: view.dataset }), [view]);
  return { data, failure: view.failure, progress, actions };
}
