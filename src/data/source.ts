import { builtinTable, isBuiltinName } from './builtins';
import { buildDatasetSteps, drainSteps, prepareDatasetSteps, type BuildOptions, type Dataset, type DatasetSteps, type PreparedDataset } from './dataset';
import { DataError } from './errors';
import type { DataSettings } from './settings';
import type { Table } from './table';

/**
 * From the settings object to a dataset: which table the source names (a built-in set generated
 * from the seed, or the uploaded file) and which test table applies. What the data panel calls on
 * every change; pure, so a settings object from a URL goes through the same path.
 */

/** Tables the user has uploaded (kept in memory; a settings object only names them). */
export interface LoadedTables {
  uploaded: Table | null;
  test: Table | null;
}

/** The source id of an uploaded file. */
export function fileSource(name: string): string {
  return `file:${name}`;
}

/** The table named by `source`. Throws a DataError for an unknown built-in or a file not loaded. */
export function sourceTable(source: string, tables: LoadedTables, seed: number): Table {
  if (source.startsWith('builtin:')) {
    const name = source.slice('builtin:'.length);
    if (!isBuiltinName(name)) throw new DataError(`There is no built-in dataset "${name}".`, 'Pick one from the list.');
    return builtinTable(name, seed);
  }
  if (tables.uploaded && source === tables.uploaded.id) return tables.uploaded;
  throw new DataError(
    `The file "${source.replace(/^file:/, '')}" is not loaded.`,
    'Upload it again (files stay in your browser and are not kept between visits).',
  );
}

/** The dataset the settings describe (see buildDataset for the steps). Throws a DataError when they cannot work. */
export function datasetFromSettings(settings: DataSettings, tables: LoadedTables, seed: number): Dataset {
  return drainSteps(datasetStepsFromSettings(settings, tables, seed));
}

/**
 * datasetFromSettings in slices (see DatasetSteps): a missing table throws here, at once; a choice
 * that cannot work throws from the slice that finds it.
 */
export function datasetStepsFromSettings(settings: DataSettings, tables: LoadedTables, seed: number): DatasetSteps {
  const { table, options } = buildInputs(settings, tables, seed);
  return buildDatasetSteps(table, settings, options);
}

/**
 * datasetStepsFromSettings whose matrices are written last, by PreparedDataset.finish, into the memory
 * of the datasets they replace (`candidates`: those expected to be; see prepareDatasetSteps); the
 * same dataset, the same errors.
 */
export function preparedStepsFromSettings(settings: DataSettings, tables: LoadedTables, seed: number, candidates: readonly Dataset[] = []): Generator<number, PreparedDataset, void> {
  const { table, options } = buildInputs(settings, tables, seed);
  return prepareDatasetSteps(table, settings, options, candidates);
}

/** The table and build options the settings name. Throws a DataError for a table or test file not loaded. */
function buildInputs(settings: DataSettings, tables: LoadedTables, seed: number): { table: Table; options: BuildOptions } {
  const table = sourceTable(settings.source, tables, seed);
  let test: Table | null = null;
  if (settings.testFile !== null && table.id.startsWith('file:')) {
    if (!tables.test || tables.test.name !== settings.testFile) {
      throw new DataError(`The test file "${settings.testFile}" is not loaded.`, 'Upload it again, or use a random split.');
    }
    test = tables.test;
  }
  return { table, options: { seed, test } };
}
