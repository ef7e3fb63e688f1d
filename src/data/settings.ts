import { findColumn, type Column, type Table } from './table';

/**
 * The user's data choices, in one plain serialisable object (a URL can carry it): which data, which
 * target and features, how to normalise, how to treat missing values and how to split.
 * `null` target or features mean "the defaults for this table".
 */

/** z-score: (x − μ)/σ;  min–max: (x − min)/(max − min);  none: x as it is. Fitted on the training part only. */
export type NormalizationKind = 'zscore' | 'minmax' | 'none';
/** drop: rows with a missing feature value are left out; mean: the training mean (numbers) or most frequent label fills in. */
export type MissingPolicy = 'drop' | 'mean';

/** Choices that turn a table into a dataset. */
export interface DataChoices {
  /** Column to learn; null → the last column with ≤ 20 distinct values. */
  target: string | null;
  /** Columns used as features (before one-hot); null → the numeric columns that are not an index or a date. */
  features: string[] | null;
  normalization: NormalizationKind;
  missing: MissingPolicy;
  /** Percentage of rows in the training part of the seeded random split (50–100); ignored with a test file. */
  trainPercent: number;
}

/** Everything the data panel lets the user choose. */
export interface DataSettings extends DataChoices {
  /** 'builtin:two-moons' (see BUILTIN_DATASETS) or 'file:<name>' for an uploaded CSV. */
  source: string;
  /** Name of the uploaded test file used instead of a random split, or null. */
  testFile: string | null;
}

export const NORMALIZATIONS: readonly NormalizationKind[] = ['zscore', 'minmax', 'none'];
export const MISSING_POLICIES: readonly MissingPolicy[] = ['drop', 'mean'];
export const MIN_TRAIN_PERCENT = 50;
export const MAX_TRAIN_PERCENT = 100;

/** Two moons, defaults, z-score, drop rows with missing values, 80/20 split. */
export const DEFAULT_DATA_SETTINGS: Readonly<DataSettings> = Object.freeze({
  source: 'builtin:two-moons',
  testFile: null,
  target: null,
  features: null,
  normalization: 'zscore',
  missing: 'drop',
  trainPercent: 80,
});

/** True when the column can be learnt: numbers (classes or regression) or few labels. */
export function canBeTarget(column: Column): boolean {
  return column.kind === 'numeric' || (column.kind === 'categorical' && column.codes !== null);
}

/** True when the column can be a feature: numbers (incl. index and date) or few labels (one-hot). */
export function canBeFeature(column: Column): boolean {
  return column.numbers !== null || (column.kind === 'categorical' && column.codes !== null);
}

/** Columns offered as targets, in file order. */
export function targetCandidates(table: Table): Column[] {
  return table.columns.filter(canBeTarget);
}

/** The default target: the last column with ≤ 20 distinct values, else the last numeric column. */
export function defaultTarget(table: Table): Column | undefined {
  const candidates = targetCandidates(table);
  for (let j = candidates.length - 1; j >= 0; j--) if (candidates[j].codes !== null) return candidates[j];
  return candidates[candidates.length - 1];
}

/** Default features: the numeric columns other than the target (never an index, a date or text). */
export function defaultFeatures(table: Table, target: string): string[] {
  return table.columns.filter((c) => c.kind === 'numeric' && c.name !== target).map((c) => c.name);
}

/** The target a choice resolves to (null → default); undefined when the table offers none. */
export function resolveTargetName(table: Table, choice: string | null): string | undefined {
  if (choice !== null && findColumn(table, choice)) return choice;
  return defaultTarget(table)?.name;
}

/** The features a choice resolves to (null → defaults), never including the target. */
export function resolveFeatureNames(table: Table, choice: string[] | null, target: string): string[] {
  if (choice === null) return defaultFeatures(table, target);
  const chosen = new Set(choice);
  return table.columns.filter((c) => c.name !== target && chosen.has(c.name) && canBeFeature(c)).map((c) => c.name);
}

function pick<T extends string>(value: unknown, allowed: readonly T[], fallback: T): T {
  return allowed.includes(value as T) ? (value as T) : fallback;
}

/** A DataSettings from any plain object (e.g. decoded from a URL): unknown or invalid fields get defaults. */
export function sanitizeDataSettings(plain: unknown): DataSettings {
  const o = (typeof plain === 'object' && plain !== null ? plain : {}) as Record<string, unknown>;
  const d = DEFAULT_DATA_SETTINGS;
  const percent = typeof o.trainPercent === 'number' && Number.isFinite(o.trainPercent) ? Math.round(o.trainPercent) : d.trainPercent;
  return {
    source: typeof o.source === 'string' && o.source !== '' ? o.source : d.source,
    testFile: typeof o.testFile === 'string' ? o.testFile : null,
    target: typeof o.target === 'string' ? o.target : null,
    features: Array.isArray(o.features) ? o.features.filter((f): f is string => typeof f === 'string') : null,
    normalization: pick(o.normalization, NORMALIZATIONS, d.normalization),
    missing: pick(o.missing, MISSING_POLICIES, d.missing),
    trainPercent: Math.min(MAX_TRAIN_PERCENT, Math.max(MIN_TRAIN_PERCENT, percent)),
  };
}
