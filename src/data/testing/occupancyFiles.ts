import { existsSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Where the UCI Occupancy files live, for tests, benchmarks and end-to-end specs (Node only).
 * `$OCCUPANCY_DIR` if set, else `../shared/data/occupancy` relative to the repository root.
 * This file imports no test runner, so Vitest, Playwright and bench scripts can all use it.
 */

/** The three published files and what the tests expect of them (see SOURCE.md beside the data). */
export const OCCUPANCY_FILES = {
  'datatraining.txt': { rows: 8143, occupied: 1729 },
  'datatest.txt': { rows: 2665, occupied: 972 },
  'datatest2.txt': { rows: 9752, occupied: 2049 },
} as const;

/** One of the three file names. */
export type OccupancyFile = keyof typeof OCCUPANCY_FILES;

/** The repository root: three folders up from src/data/testing/. */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

/** The folder holding the files: `$OCCUPANCY_DIR` (relative paths against the repo root) else `<repo>/../shared/data/occupancy`. */
export function occupancyDir(): string {
  const fromEnv = process.env.OCCUPANCY_DIR;
  if (fromEnv && fromEnv.trim() !== '') return isAbsolute(fromEnv) ? fromEnv : resolve(REPO_ROOT, fromEnv);
  return resolve(REPO_ROOT, '../shared/data/occupancy');
}

/** Absolute path of one file (whether or not it exists). */
export function occupancyPath(file: OccupancyFile): string {
  return join(occupancyDir(), file);
}

/** True when every named file (default: all three) exists. */
export function occupancyAvailable(files: readonly OccupancyFile[] = Object.keys(OCCUPANCY_FILES) as OccupancyFile[]): boolean {
  return files.every((file) => existsSync(occupancyPath(file)));
}

/** True when `REQUIRE_OCCUPANCY=1`: missing files must then fail the run instead of skipping. */
export function occupancyRequired(): boolean {
  return process.env.REQUIRE_OCCUPANCY === '1';
}

/** The message shown when files are missing (says where we looked and how to fix it). */
export function occupancyMissingMessage(files: readonly OccupancyFile[] = Object.keys(OCCUPANCY_FILES) as OccupancyFile[]): string {
  const missing = files.filter((file) => !existsSync(occupancyPath(file)));
  return `Occupancy data not found: ${missing.join(', ')} missing in ${occupancyDir()}. ` +
    'Set OCCUPANCY_DIR to the folder holding datatraining.txt, datatest.txt and datatest2.txt ' +
    '(UCI dataset 357, occupancy_data.zip).';
}

/** The file's text (UTF-8). Throws a clear Error when it is missing. */
export function readOccupancy(file: OccupancyFile): string {
  const path = occupancyPath(file);
  if (!existsSync(path)) throw new Error(occupancyMissingMessage([file]));
  return readFileSync(path, 'utf8');
}

/** The file's raw bytes, as the browser's File would give them. */
export function readOccupancyBytes(file: OccupancyFile): Uint8Array {
  const path = occupancyPath(file);
  if (!existsSync(path)) throw new Error(occupancyMissingMessage([file]));
  return new Uint8Array(readFileSync(path));
}
