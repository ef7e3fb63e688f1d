/**
 * The data layer: CSV → typed table → dataset (X n0 × m, Y nL × m, normalised, split).
 * Pure TypeScript: no React, no DOM; the parsing worker and the Node tests call the same functions.
 */
export { DataError, dataErrorFromJson, dataErrorToJson, type DataErrorJson } from './errors';
export { MISSING_TOKENS, asciiDigits, isMissing, parseDate, parseGrouped, parseNumber, type NumberStyle } from './values';
export { MAX_FILE_BYTES, checkFileSize, decodeCsvBytes, decodeCsvFile, detectUtf16, startDecoding, type DecodedText, type StreamDecoder } from './decode';
export { DELIMITERS, guessDelimiter, type Delimiter } from './delimiter';
export { ROW_NUMBER_COLUMN, parseCsvText, sepLine, type ParseOptions, type RawTable } from './parse';
export { looksLikeJson, parseJsonTable } from './json';
export { typeColumn, typeColumns } from './columns';
export { MAX_CLASSES, findColumn, tableTransferables, type Column, type ColumnKind, type Table } from './table';
export { loadCsvBytes, loadCsvSource, loadCsvText, type ByteSource, type LoadOptions, type SourceLoadOptions } from './load';
export {
  DEFAULT_DATA_SETTINGS, MAX_TRAIN_PERCENT, MIN_TRAIN_PERCENT, MISSING_POLICIES, NORMALIZATIONS,
  canBeFeature, canBeTarget, defaultFeatures, defaultTarget, resolveFeatureNames, resolveTargetName,
  sanitizeDataSettings, targetCandidates,
  type DataChoices, type DataSettings, type MissingPolicy, type NormalizationKind,
} from './settings';
export { applyNormalization, fitNormalization, type FeatureStats, type Normalization } from './normalize';
export { describeKind, planTarget, type TargetPlan, type TaskKind } from './target';
export {
  buildDataset, buildDatasetSteps, drainSteps, prepareDatasetSteps, type BuildOptions, type Dataset, type DatasetPart, type DatasetSteps, type PreparedDataset,
} from './dataset';
export { BUILTIN_DATASETS, builtinTable, isBuiltinName, type BuiltinName } from './builtins';
export { datasetFromSettings, datasetStepsFromSettings, fileSource, preparedStepsFromSettings, sourceTable, type LoadedTables } from './source';
